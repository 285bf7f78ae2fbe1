"""The registry of entry kinds matches the tables it names, so no other module spells them out."""

from __future__ import annotations

import pytest

from fintrack import kinds
from fintrack.db.models import Base
from fintrack.repository.entries import party_column, table_for


@pytest.mark.parametrize("kind", kinds.KINDS, ids=lambda kind: kind.name)
def test_each_kind_is_stored_in_its_table_with_its_party_column(kind):
    assert table_for(kind.name).__tablename__ == kind.table
    assert party_column(kind.name).key == kind.party
    assert kind.party in Base.metadata.tables[kind.table].columns


def test_the_kinds_and_their_words():
    assert kinds.ENTRY_KINDS == ("expense", "income")
    assert [(kind.party_label, kind.singular, kind.heading) for kind in kinds.KINDS] == [
        ("Vendor", "expense", "Expenses"), ("Client", "income", "Incomes")]
    with pytest.raises(KeyError):
        kinds.of("transfer")
