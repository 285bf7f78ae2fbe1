"""The best first guess of a statement's mapping, from its header names (several languages) and content.

Names are compared without case, accents, spaces or punctuation ('Auftraggeber/Empfänger' ->
'auftraggeberempfanger'). For each role the synonyms are listed best first: an exact name beats a name
that starts with a synonym, which beats one that merely contains it; columns that are empty in every
row are passed over, and a vendor or notes column with one value on every row comes last.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from fintrack.importing.amounts import detect_decimal_comma, is_amount
from fintrack.importing.dates import DateOrder, detect_order, looks_like_date
from fintrack.importing.mapping import ColumnMapping
from fintrack.importing.reading import Table

SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "transactiondate", "bookingdate", "buchungstag", "buchungsdatum", "datum", "fecha",
             "fechaoperacion", "fechacontable", "dateoperation", "datedoperation", "data", "dataoperazione",
             "transdate", "postingdate", "posteddate", "created", "createdutc", "createdat", "valuedate",
             "wertstellung", "valuta", "fechavalor", "datevaleur", "time", "timestamp"),
    "amount": ("amount", "betrag", "importe", "montant", "bedrag", "importo", "valor", "umsatz", "cantidad",
               "amounteur", "amountusd", "transactionamount", "net", "value", "sum", "summe"),
    "debit": ("debit", "debits", "withdrawal", "withdrawals", "withdrawalamount", "moneyout", "paidout",
              "soll", "ausgang", "belastung", "cargo", "debe", "debito", "sortie", "debitamount", "out"),
    "credit": ("credit", "credits", "deposit", "deposits", "depositamount", "moneyin", "paidin", "haben",
               "eingang", "gutschrift", "abono", "haber", "credito", "entree", "creditamount", "in"),
    "party": ("payee", "vendor", "merchant", "merchantname", "partnername", "counterparty",
              "counterpartyname", "name", "auftraggeberempfanger", "empfangerauftraggeber",
              "beguenstigterzahlungspflichtiger", "auftraggeber", "empfanger", "beneficiary", "beneficiario",
              "description", "desc", "descripcion", "concepto", "libelle", "omschrijving", "details",
              "narrative", "transactiondescription", "buchungstext", "verwendungszweck", "memo"),
    "category": ("category", "kategorie", "categoria", "categorie", "class", "categoryname"),
    "notes": ("notes", "note", "memo", "reason", "paymentreference", "reference", "verwendungszweck", "vwz1",
              "remarks", "comment", "comments", "notas", "observaciones"),
    "type": ("transactiontype", "type", "debitcredit", "drcr", "creditdebitindicator", "cdindicator", "typ",
             "tipo", "sollhaben"),
    "balance": ("balance", "runningbalance", "kontostand", "saldo", "solde", "balanceafter", "availablebalance"),
    "fee": ("fee", "fees", "gebuhr", "gebuhren", "comision", "commission", "frais"),
}
DEBIT_WORDS = frozenset({"debit", "dr", "d", "db", "soll", "s", "cargo", "debe", "withdrawal", "expense",
                         "out", "-"})
CREDIT_WORDS = frozenset({"credit", "cr", "c", "haben", "h", "abono", "haber", "deposit", "income", "in",
                          "+"})
_VARYING_ROLES = frozenset({"party", "notes"})
_ROLE_ORDER = ("date", "debit", "credit", "amount", "type", "party", "category", "notes", "balance", "fee")
SAMPLE_VALUES = 500
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_name(name: str) -> str:
    """'Auftraggeber/Empfänger' -> 'auftraggeberempfanger'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub("", plain.lower())


def guess_mapping(table: Table) -> ColumnMapping:
    """A mapping for `table` from its header names, with the content as fallback for date and amount."""
    names = [normalise_name(name) for name in table.header]
    filled = {index for index in range(len(names)) if any(table.column(index))} if table.rows else None
    chosen: dict[str, int] = {}
    for role in _ROLE_ORDER:
        taken = set(chosen.values())
        named = _varying_first(role, table, _by_name(role, names, filled, taken=taken))
        fitting = (index for index, exact in named if _content_fits(role, table, index, exact=exact))
        index = next(fitting, None)
        if index is not None:
            chosen[role] = index
    if "debit" in chosen and "credit" in chosen:
        chosen.pop("amount", None)
    else:
        chosen.pop("debit", None)
        chosen.pop("credit", None)
    _fall_back_on_content(chosen, table)
    return _with_formats(ColumnMapping(**chosen), table)


def mapping_problems(table: Table, mapping: ColumnMapping) -> dict[str, str]:
    """What makes `mapping` unusable for `table`, saying so when a date column is there but unreadable."""
    problems = mapping.problems(len(table.header))
    if "date" in problems and mapping.date is None:
        unreadable = _unreadable_date_column(table)
        if unreadable is not None:
            name, example = unreadable
            problems["date"] = (f"the dates in column '{name}' could not be read (for example '{example}'); "
                                "correct them in the file, or choose the column that holds the date")
    return problems


def _unreadable_date_column(table: Table) -> tuple[str, str] | None:
    """(name, first value) of the first column named like a date whose values none read as a date."""
    names = [normalise_name(name) for name in table.header]
    for index, name in enumerate(names):
        values = _sample(table.column(index))
        if name in SYNONYMS["date"] and values and not any(looks_like_date(value) for value in values):
            return table.header[index], values[0]
    return None


def _by_name(role: str, names: list[str], filled: set[int] | None, *,
             taken: set[int]) -> Iterator[tuple[int, bool]]:
    """Columns whose name fits `role`, best first: exact names, then prefixes, then containment.
    Yields (column, whether the name is exact)."""
    usable = [index for index in range(len(names))
              if index not in taken and names[index] and (filled is None or index in filled)]
    seen: set[int] = set()
    for matches in (str.__eq__, str.startswith, str.__contains__):
        for synonym in SYNONYMS[role]:
            if matches is not str.__eq__ and len(synonym) < 4:
                continue
            for index in usable:
                if index not in seen and matches(names[index], synonym):
                    seen.add(index)
                    yield index, matches is str.__eq__


def _varying_first(role: str, table: Table, candidates: Iterator[tuple[int, bool]]) -> Iterator[tuple[int, bool]]:
    """For the text roles, columns whose values vary before columns that hold one value on every row.

    A Swiss statement's 'Description' holds the account's own name on every row while 'Description 1'
    names the counterparty: the constant column would make every entry's vendor the owner's own account.
    """
    if role not in _VARYING_ROLES or len(table.rows) < 2:
        return candidates
    return iter(sorted(candidates, key=lambda candidate: len(set(table.column(candidate[0]))) < 2))


def _content_fits(role: str, table: Table, index: int, *, exact: bool) -> bool:
    """Checks the values where a name alone misleads (a 'Type' of ATM/CHECK is no debit/credit flag).

    An exact name needs one readable value (the other rows may be the owner's typos to report); a name
    that only resembles the role needs most values readable.
    """
    values = _sample(table.column(index))
    if not values:
        return True
    if role == "type":
        return all(value.casefold() in DEBIT_WORDS | CREDIT_WORDS for value in values)
    test = {"date": looks_like_date, "amount": is_amount, "debit": is_amount, "credit": is_amount,
            "balance": is_amount, "fee": is_amount}.get(role)
    if test is None:
        return True
    readable = sum(1 for value in values if test(value))
    return readable > 0 if exact else readable * 2 > len(values)


def _sample(values: list[str]) -> list[str]:
    """The distinct non-empty values, at most `SAMPLE_VALUES` of them (enough to judge a column)."""
    return list(dict.fromkeys(value for value in values if value))[:SAMPLE_VALUES]


def _fall_back_on_content(chosen: dict[str, int], table: Table) -> None:
    """Headers in an unknown language: the first column of dates, the last column of amounts."""
    if not table.rows:
        return
    free = [index for index in range(len(table.header)) if index not in chosen.values()]
    if "date" not in chosen:
        dates = [index for index in free if _strictly(table.column(index), looks_like_date)]
        if dates:
            chosen["date"] = dates[0]
    if not {"amount", "debit", "credit"} & chosen.keys():
        amounts = [index for index in free if index != chosen.get("date")
                   and _strictly(table.column(index), is_amount)]
        if amounts:
            chosen["amount"] = amounts[0]


def _strictly(values: list[str], test) -> bool:  # noqa: ANN001
    present = _sample(values)
    return bool(present) and all(test(value) for value in present)


def _with_formats(mapping: ColumnMapping, table: Table) -> ColumnMapping:
    money = [value for index in (mapping.amount, mapping.debit, mapping.credit) if index is not None
             for value in table.column(index)]
    decimal_comma = detect_decimal_comma(money, hint=table.delimiter == ";")
    prefer: DateOrder = "DMY" if decimal_comma else "MDY"
    order = detect_order(table.column(mapping.date), prefer=prefer).order
    return mapping.with_changes(decimal_comma=decimal_comma, date_order=order)
