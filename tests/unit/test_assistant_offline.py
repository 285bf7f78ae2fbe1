"""The offline parser over the sentence table (tests/unit/data/assistant_sentences.py), today being
Wednesday 18 March 2026. Run with `-s` to see the share right per class."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fintrack.categories import DEFAULT_CATEGORIES
from fintrack.services.assistant.offline import Parsed, parse
from tests.unit.data import assistant_sentences as table

TODAY = dt.date.fromisoformat(table.TODAY)
CATEGORIES = {kind: [*table.OWN_CATEGORIES[kind], *DEFAULT_CATEGORIES[kind]] for kind in ("expense", "income")}
# Fields a card or question must hold exactly; what the table leaves out is expected empty (or today).
CHECKED = {"add_entry": {"kind": None, "amount": None, "date": table.TODAY, "party": None, "category": None,
                         "payment_method": None},
           "totals": {"kind": None, "period": None, "category": None, "party": None},
           "search": {"kind": None, "period": None, "category": None, "party": None},
           "breakdown": {"kind": None, "period": None}, "top_parties": {"kind": None, "period": None}}


def run(sentence: str) -> Parsed:
    return parse(sentence, today=TODAY, categories=CATEGORIES, parties=table.PARTIES,
                 category_for_party=lambda kind, party: table.HISTORY.get((kind, party)))


def _shown(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal | dt.date) else value


def mismatches(sentence: str, expected: dict[str, Any]) -> list[str]:
    """What the parser got wrong about one sentence (empty when right)."""
    parsed = run(sentence)
    wanted = {**CHECKED.get(expected["action"], {}), **expected}
    if parsed.action != wanted.pop("action"):
        return [f"action {parsed.action} ({parsed.reason or parsed.why})"]
    wrong = []
    for name, value in wanted.items():
        got = _shown(getattr(parsed, name))
        right = value in (got or "") if name == "reason" else got == value
        if not right:
            wrong.append(f"{name}={got!r}, expected {value!r}")
    return wrong


def test_every_sentence_of_the_table_is_understood():
    failures, lines = [], []
    for name, rows in table.SENTENCES.items():
        wrong = [(sentence, mismatches(sentence, expected)) for sentence, expected in rows]
        wrong = [(sentence, problems) for sentence, problems in wrong if problems]
        failures += wrong
        right = len(rows) - len(wrong)
        lines.append(f"{name:<16} {right:>4}/{len(rows):<4} {100 * right / len(rows):5.1f}%")
    total = sum(len(rows) for rows in table.SENTENCES.values())
    print("\nOffline sentence table, share right per class:\n" + "\n".join(lines)
          + f"\n{'all':<16} {total - len(failures):>4}/{total:<4}")
    assert not failures, "\n".join(f"{sentence!r}: {'; '.join(problems)}" for sentence, problems in failures)


@pytest.mark.parametrize(("sentence", "reason"), table.KNOWN_LIMITS)
def test_a_sentence_it_cannot_handle_is_refused_or_asked_never_booked(sentence, reason):
    assert run(sentence).action in ("refuse", "ask"), reason


@pytest.mark.parametrize("sentence", [
    "what is missing", "What's missing from my books?", "find gaps", "what should I add", "anything I forgot?",
])
def test_missing(sentence):
    assert run(sentence).action == "missing"


@pytest.mark.parametrize(("sentence", "notes"), [
    ("received 500 from Acme for invoice 1042", "invoice 1042"),
    ("add 25 stationery order #77 at Staples", "order #77"),
    ("received 120 from Acme, #88", "#88"),
    ("add 42.50 fuel at Shell", None),
    ("team lunch 86", "team lunch"),
    ("coffee beans 18", None),  # every word names the category: nothing more to note
])
def test_references_and_descriptions_are_kept_as_notes(sentence, notes):
    assert run(sentence).notes == notes


@pytest.mark.parametrize("sentence", ["hello", "Hi!", "what can you do?", "help", "", "how do I add an expense"])
def test_help(sentence):
    assert run(sentence).action == "help"


def test_an_unsure_vendor_is_proposed_with_the_doubt_marked():
    parsed = run("zorblax 39")
    assert (parsed.action, parsed.party, parsed.doubt) == ("add_entry", "zorblax", "party")
    assert parsed.confidence < run("Hetzner 39").confidence


def test_each_decision_says_why():
    assert "payout" in run("Stripe payout 1,250").why
    assert "someone paid" in run("Globex paid 2,400 last Tuesday").why
    assert "expense category" in run("printer paper 23.40").why
    assert "no income cue" in run("zorblax 39").why


def test_a_question_from_the_owners_known_names_needs_no_preposition():
    """Without the books' names, 'Umbrella Corp 900' is an unknown vendor's expense; with them, a client's income."""
    bare = parse("Umbrella Corp 900", today=TODAY, categories=CATEGORIES)
    assert (bare.kind, bare.party) == ("expense", "Umbrella Corp")
    assert run("Umbrella Corp 900").kind == "income"


WORDS = ["add", "paid", "received", "fuel", "Shell", "Acme", "from", "at", "on", "friday", "the", "3rd", "-",
         "€", "12,50", "1.200", "yesterday", "tomorrow", "how", "much", "this", "month", "?", "3/4", "refund",
         "payout", "Hetzner", "costs", "under", "put", "-30", "2025", "invoice", "#12", "card", "k"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=0, max_size=9), st.text(max_size=40))
def test_any_sentence_gets_an_answer_and_never_a_bad_card(chosen, noise):
    """Whatever is typed, the parser answers (no exception), and a card it proposes holds a positive amount
    dated no later than today."""
    parsed = run(" ".join(chosen) + " " + noise)
    assert parsed.action in ("add_entry", "ask", "totals", "breakdown", "top_parties", "search", "missing",
                             "help", "refuse")
    if parsed.action == "add_entry":
        assert parsed.amount > 0 and parsed.date <= TODAY and parsed.kind in ("expense", "income")
