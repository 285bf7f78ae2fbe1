"""Recognisers for payment methods, categories and the kind of an entry (income or expense)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from fintrack.services.assistant.parsing.dates import MONTHS
from fintrack.services.assistant.parsing.lexicon import (
    CATEGORY_SYNONYMS,
    EITHER_KIND,
    EXPENSE_CUES,
    FILLER,
    INCOME_CUES,
    MONEY_IN,
    OTHERS_PAID,
    PAID,
    PAYMENT_METHODS,
)
from fintrack.services.assistant.parsing.text import cut
from fintrack.services.assistant.parsing.words import SYNONYM_WORDS

_METHOD_PATTERNS = tuple(
    (re.compile(rf"\b(?:(?:by|with|via|using|paid by|paid with|paid via|on|in)\s+(?:my\s+|the\s+)?)?(?:{words})\b"
                r"(?!\s+(?:fees?|charges?|payouts?)\b)", re.I), label)  # a 'card fee' is a bank fee, not a method
    for words, label in PAYMENT_METHODS)
_SYNONYM_PATTERNS = {
    kind: tuple((re.compile(rf"\b(?:{'|'.join(sorted(words.split('|'), key=len, reverse=True))})s?\b", re.I),
                 category) for words, category in groups)
    for kind, groups in CATEGORY_SYNONYMS.items()}


def extract_payment_method(text: str) -> tuple[str | None, str]:
    """(payment method, text without it): 'card', 'paid by card', 'via bank transfer', 'cash'."""
    for pattern, label in _METHOD_PATTERNS:
        match = pattern.search(text)
        if match:
            return label, cut(text, match)
    return None, text


def spelled(category: str, owned: Sequence[str]) -> str:
    """`category` as the owner spells it ('travel' when they wrote it so), else as given."""
    return next((known for known in owned if known.casefold() == category.casefold()), category)


def owned_category(text: str, categories: Sequence[str]) -> str | None:
    """The longest of the owner's categories written in `text` (whole words, any case, singular too)."""
    found = _owned_mentions(text, categories)
    return max(found, key=lambda mention: mention.end - mention.start).category if found else None


@dataclass(frozen=True)
class Synonym:
    """A word that names a category: where it stands in the text and the category it means."""

    start: int
    end: int
    category: str


def synonyms(text: str, kind: str) -> list[Synonym]:
    """Every category word of that kind in `text`, in order."""
    found = [Synonym(match.start(), match.end(), category)
             for pattern, category in _SYNONYM_PATTERNS[kind] for match in pattern.finditer(text)]
    return sorted(found, key=lambda s: (s.start, -s.end))


def _owned_mentions(text: str, owned: Sequence[str]) -> list[Synonym]:
    found = []
    for category in owned:
        for name in {category, category[:-1] if category.endswith("s") else category}:
            match = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text, re.I)
            if match:
                found.append(Synonym(match.start(), match.end(), category))
    return found


def named_category(text: str, kind: str, owned: Sequence[str], *, weak_words: bool = True) -> str | None:
    """The category of the head word: of the owner's category names and the category words, the last one
    written, the longest where they end together ('office rent' is Rent, 'office chair' Equipment, 'printer
    paper' Office, 'coffee beans' Meals, 'gas bill' Utilities, 'Fuel & mileage' itself), spelled as the owner
    spells it. Without `weak_words`, words of either kind ('invoice') do not count."""
    found = _owned_mentions(text, owned) + [
        found for found in synonyms(text, kind) if weak_words or not is_weak(text[found.start:found.end])]
    if not found:
        return None
    head = max(found, key=lambda s: (s.end, s.end - s.start))
    return spelled(head.category, owned)


def is_weak(word: str) -> bool:
    """A category word that says nothing of the kind ('invoice': owners send them and receive them)."""
    return word.lower() in EITHER_KIND


@dataclass(frozen=True)
class KindCues:
    """What the sentence says about the kind: the income and expense cues it holds."""

    income: tuple[str, ...]
    expense: tuple[str, ...]
    payer: str | None

    @property
    def decided(self) -> str | None:
        """'income' or 'expense' when the cues agree, None when there are none or they disagree."""
        if bool(self.income) == bool(self.expense):
            return None
        return "income" if self.income else "expense"

    @property
    def conflicting(self) -> bool:
        return bool(self.income) and bool(self.expense)


def kind_cues(text: str, original: str = "") -> KindCues:
    """The income cues (received, paid me, payout, interest, sales, refund from, 'Globex paid ...') and
    expense cues (spent, bought, paid for, bill, fee, 'paid Hetzner') in `text`; `original` (the sentence
    before the payment method was taken out) may add 'transfer from'."""
    payer = OTHERS_PAID.search(text)
    if payer and not _names_someone(payer.group("party")):
        payer = None
    found = list(INCOME_CUES.finditer(text))
    income = [m.group(0).lower() for m in found] + (["someone paid"] if payer else [])
    income += [m.group(0).lower() for m in MONEY_IN.finditer(original)]
    expense = [m.group(0).lower() for m in EXPENSE_CUES.finditer(text)]
    rest = INCOME_CUES.sub(" ", text)
    if not payer and not expense and PAID.search(rest):
        expense.append("paid")
    return KindCues(tuple(income), tuple(expense), payer.group("party") if payer else None)


def _names_someone(party: str) -> bool:
    """Whether the words before 'paid' may name a payer: 'Globex', 'Hooli invoice', 'Jan' may; 'rent december
    1250' (in 'rent december 1250 paid', a status) names what was paid for."""
    words = re.findall(r"[\w&'’-]+", party.lower())
    things = SYNONYM_WORDS | FILLER | (MONTHS.keys() if len(words) > 1 else set())
    return any(not word.isdigit() and word not in things for word in words)
