"""The offline parser over written sentences, relative to a fixed today (Wednesday 18 March 2026)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fintrack.categories import DEFAULT_CATEGORIES
from fintrack.services.assistant.offline import parse

TODAY = dt.date(2026, 3, 18)
CATEGORIES = {"expense": ["Fuel & mileage", *DEFAULT_CATEGORIES["expense"]],
              "income": ["Workshops", *DEFAULT_CATEGORIES["income"]]}
HISTORY = {("expense", "Staples"): "Office", ("income", "Acme"): "Consulting", ("expense", "Shell"): "Travel",
           ("expense", "Studio 2000"): "Office"}


def D(text: str) -> Decimal:
    return Decimal(text)


def day(month: int, number: int, year: int = 2026) -> dt.date:
    return dt.date(year, month, number)


def run(sentence: str):
    return parse(sentence, today=TODAY, categories=CATEGORIES,
                 category_for_party=lambda kind, party: HISTORY.get((kind, party)))


# (sentence, kind, amount, date, party, category, payment method)
ADDS = [
    ("add 42.50 fuel at Shell yesterday, card", "expense", D("42.50"), day(3, 17), "Shell", "Travel", "Card"),
    ("add 42,50 € fuel at Shell yesterday", "expense", D("42.50"), day(3, 17), "Shell", "Travel", None),
    ("Add €42,50 for petrol today", "expense", D("42.50"), TODAY, None, "Travel", None),
    ("spent $1,200 on a laptop at Apple last Friday by card", "expense", D("1200.00"), day(3, 13), "Apple",
     "Equipment", "Card"),
    ("paid 120 to Bob's Plumbing on 3 March by transfer", "expense", D("120.00"), day(3, 3), "Bob's Plumbing",
     "Other", "Bank transfer"),
    ("add 3 coffees for 12.50 at Starbucks", "expense", D("12.50"), TODAY, "Starbucks", "Meals", None),
    ("add 15 at Staples", "expense", D("15.00"), TODAY, "Staples", "Office", None),
    ("add 30 lunch on 2026-03-03", "expense", D("30.00"), day(3, 3), None, "Meals", None),
    ("add 20 taxi on Friday", "expense", D("20.00"), day(3, 13), None, "Travel", None),
    ("log £9.99 software subscription at Adobe on the 5th", "expense", D("9.99"), day(3, 5), "Adobe", "Software",
     None),
    ("record 1.234,56 EUR rent on 1 March by direct debit", "expense", D("1234.56"), day(3, 1), None, "Rent",
     "Direct debit"),
    ("add 850 rent", "expense", D("850.00"), TODAY, None, "Rent", None),
    ("bought printer ink for 23,90 at Staples with cash", "expense", D("23.90"), TODAY, "Staples", "Office", "Cash"),
    ("add 60 Fuel & mileage at BP", "expense", D("60.00"), TODAY, "BP", "Fuel & mileage", None),
    ("paid 45 for the phone bill on March 2", "expense", D("45.00"), day(3, 2), None, "Utilities", None),
    ("add 200 insurance 2 days ago", "expense", D("200.00"), day(3, 16), None, "Insurance", None),
    ("add 75 advertising a week ago", "expense", D("75.00"), day(3, 11), None, "Advertising", None),
    ("add 12 bank fees on the 28th", "expense", D("12.00"), day(2, 28), None, "Bank fees", None),
    ("add 18.40 parking at Q-Park on 25 December", "expense", D("18.40"), day(12, 25, 2025), "Q-Park", "Travel",
     None),
    ("spent 64 at Shell", "expense", D("64.00"), TODAY, "Shell", "Travel", None),
    ("add 99 USD hosting at DigitalOcean via paypal", "expense", D("99.00"), TODAY, "DigitalOcean", "Software",
     "PayPal"),
    ("add 5 stamps day before yesterday", "expense", D("5.00"), day(3, 16), None, "Office", None),
    ("add 250 accountant fee on 3rd of February", "expense", D("250.00"), day(2, 3), None,
     "Professional services", None),
    ("add 1 000,00 equipment", "expense", D("1000.00"), TODAY, None, "Equipment", None),
    ("add 19,5 meals on Monday", "expense", D("19.50"), day(3, 16), None, "Meals", None),
    ("received 1.200,00 € from Acme on the 5th", "income", D("1200.00"), day(3, 5), "Acme", "Consulting", None),
    ("got paid 500 by Acme for consulting", "income", D("500.00"), TODAY, "Acme", "Consulting", None),
    ("add income of 2500 from Globex for services, bank transfer", "income", D("2500.00"), TODAY, "Globex",
     "Services", "Bank transfer"),
    ("received 300 interest from the bank yesterday", "income", D("300.00"), day(3, 17), None, "Interest", None),
    ("add income 80 from Jane for a workshops seat", "income", D("80.00"), TODAY, "Jane", "Workshops", None),
    ("earned 1500 consulting from Initech last Monday", "income", D("1500.00"), day(3, 16), "Initech",
     "Consulting", None),
    ("received a refund of 42 from Amazon", "income", D("42.00"), TODAY, "Amazon", "Refunds", None),
    ("sold 3 prints for $120 to Maria", "income", D("120.00"), TODAY, "Maria", "Sales", None),
    ("income 700 from Hooli on 2026-02-14 by cheque", "income", D("700.00"), day(2, 14), "Hooli", "Other",
     "Cheque"),
    ("received 2,000 from Acme on February 27", "income", D("2000.00"), day(2, 27), "Acme", "Consulting", None),
    ("paid the accountant 300 last week", "expense", D("300.00"), day(3, 11), None, "Professional services", None),
    ("fuel 42.50", "expense", D("42.50"), TODAY, None, "Travel", None),
    ("got 1500 from Acme today", "income", D("1500.00"), TODAY, "Acme", "Consulting", None),
    ("Add 100 from client Bob", "income", D("100.00"), TODAY, "Bob", "Other", None),
    ("add 1,5k marketing", "expense", D("1500.00"), TODAY, None, "Advertising", None),
    ("I spent 20 on lunch yesterday", "expense", D("20.00"), day(3, 17), None, "Meals", None),
    # dots every three digits are thousands; other separators read as the forms read them
    ("received €1.200 from Acme", "income", D("1200.00"), TODAY, "Acme", "Consulting", None),
    ("add 3.500 € equipment", "expense", D("3500.00"), TODAY, None, "Equipment", None),
    ("add 1.234 rent", "expense", D("1234.00"), TODAY, None, "Rent", None),
    ("add 1.234.567 equipment", "expense", D("1234567.00"), TODAY, None, "Equipment", None),
    ("add 1.234,50 rent", "expense", D("1234.50"), TODAY, None, "Rent", None),
    ("add 1,234.50 rent", "expense", D("1234.50"), TODAY, None, "Rent", None),
    ("add 12.50 coffee", "expense", D("12.50"), TODAY, None, "Meals", None),
    ("add 12,5 coffee", "expense", D("12.50"), TODAY, None, "Meals", None),
    # how it was paid says nothing about the kind
    ("add 42.50 fuel at Shell yesterday, paid by card", "expense", D("42.50"), day(3, 17), "Shell", "Travel", "Card"),
    ("add 30 lunch, paid with cash", "expense", D("30.00"), TODAY, None, "Meals", "Cash"),
    ("add 99 hosting via bank transfer", "expense", D("99.00"), TODAY, None, "Software", "Bank transfer"),
    ("Acme paid me 1500 yesterday", "income", D("1500.00"), day(3, 17), "Acme", "Consulting", None),
    ("Acme paid us 500", "income", D("500.00"), TODAY, "Acme", "Consulting", None),
    ("Yesterday Globex paid me €700 by bank transfer", "income", D("700.00"), day(3, 17), "Globex", "Other",
     "Bank transfer"),
    # numeric dates: day first with a year; without one, the number that cannot be a month is the day
    ("add 50 fuel on 15.03.2026", "expense", D("50.00"), day(3, 15), None, "Travel", None),
    ("add 50 fuel on 15/03/2026", "expense", D("50.00"), day(3, 15), None, "Travel", None),
    ("add 50 fuel on 2026-03-15", "expense", D("50.00"), day(3, 15), None, "Travel", None),
    ("add 50 fuel on 05.03.26", "expense", D("50.00"), day(3, 5), None, "Travel", None),
    ("add 50 fuel on 3/15/2026", "expense", D("50.00"), day(3, 15), None, "Travel", None),
    ("add 50 fuel on 3/15", "expense", D("50.00"), day(3, 15), None, "Travel", None),
    ("add 50 fuel on 15/3", "expense", D("50.00"), day(3, 15), None, "Travel", None),
    ("add 50 fuel on 25/12", "expense", D("50.00"), day(12, 25, 2025), None, "Travel", None),
    ("add 50 fuel on 15.03.", "expense", D("50.00"), day(3, 15), None, "Travel", None),
    ("add 2 coffees on 4.50", "expense", D("4.50"), TODAY, None, "Meals", None),
    # a number after invoice/order/# is a reference, not a second amount
    ("received 500 from Acme for invoice 1042", "income", D("500.00"), TODAY, "Acme", "Consulting", None),
    ("received 800 from Globex for invoice", "income", D("800.00"), TODAY, "Globex", "Services", None),
    ("add 25 stationery order #77 at Staples", "expense", D("25.00"), TODAY, "Staples", "Office", None),
    ("received 300 for inv. 2024-17", "income", D("300.00"), TODAY, None, "Other", None),
    # a name that starts with "The" keeps it
    ("add 80 dinner at The Ivy yesterday", "expense", D("80.00"), day(3, 17), "The Ivy", "Meals", None),
    ("received 90 from the Bank of Ireland", "income", D("90.00"), TODAY, "Bank of Ireland", "Other", None),
]


@pytest.mark.parametrize(("sentence", "kind", "amount", "date", "party", "category", "method"), ADDS)
def test_adds(sentence, kind, amount, date, party, category, method):
    parsed = run(sentence)
    assert parsed.action == "add_entry", parsed
    assert (parsed.kind, parsed.amount, parsed.date, parsed.party, parsed.category, parsed.payment_method) == (
        kind, amount, date, party, category, method)


# (sentence, action, kind, period, category, party)
QUESTIONS = [
    ("how much did I spend on travel this quarter", "totals", "expense", "this_quarter", "Travel", None),
    ("How much did I spend on travel this quarter?", "totals", "expense", "this_quarter", "Travel", None),
    ("profit last month", "totals", "profit", "last_month", None, None),
    ("what was my profit this year?", "totals", "profit", "this_year", None, None),
    ("income this year", "totals", "income", "this_year", None, None),
    ("how much income last quarter", "totals", "income", "last_quarter", None, None),
    ("total expenses this month", "totals", "expense", "this_month", None, None),
    ("how much did I spend at Shell in February", "totals", "expense", "month:2026-02", None, "Shell"),
    ("what did I spend on software last year", "totals", "expense", "last_year", "Software", None),
    ("how much did we spend on rent", "totals", "expense", "this_year", "Rent", None),
    ("how much did I earn in 2025", "totals", "income", "calendar:2025", None, None),
    ("how much did I make from consulting in December", "totals", "income", "month:2025-12", "Consulting", None),
    ("net profit last 12 months", "totals", "profit", "last_12_months", None, None),
    ("top clients this year", "top_parties", "income", "this_year", None, None),
    ("Who are my top customers last year?", "top_parties", "income", "last_year", None, None),
    ("top vendors this quarter", "top_parties", "expense", "this_quarter", None, None),
    ("biggest suppliers", "top_parties", "expense", "this_year", None, None),
    ("show my expenses at Shell", "search", "expense", "all_time", None, "Shell"),
    ("list incomes in Other this year", "search", "income", "this_year", "Other", None),
    ("show expenses in travel last month", "search", "expense", "last_month", "Travel", None),
    ("how much did I spend on fuel", "totals", "expense", "this_year", "Travel", None),
    ("how much tax did I pay last year", "totals", "expense", "last_year", "Taxes & licences", None),
    ("how much did Acme pay me this year", "totals", "income", "this_year", None, "Acme"),
    ("how much has Globex paid us", "totals", "income", "this_year", None, "Globex"),
    ("how much did I receive from Acme this year", "totals", "income", "this_year", None, "Acme"),
    ("how much from Acme", "totals", "income", "this_year", None, "Acme"),
    ("how much at The Ivy last month", "totals", "expense", "last_month", None, "The Ivy"),
    ("income by client this year", "top_parties", "income", "this_year", None, None),
    ("expenses by vendor", "top_parties", "expense", "this_year", None, None),
    ("how much did I spend this week", "totals", "expense", "week:2026-03-16", None, None),
    ("profit last week", "totals", "profit", "week:2026-03-09", None, None),
    ("how much did I spend at Shell yesterday", "totals", "expense", "day:2026-03-17", None, "Shell"),
    ("income Q1", "totals", "income", "quarter:1", None, None),
    ("how much did I spend on travel in Q4 2025", "totals", "expense", "quarter:2025-4", "Travel", None),
    ("profit Q2 FY2026", "totals", "profit", "quarter:2026-2", None, None),
    ("expenses in FY2025", "totals", "expense", "fiscal:2025", None, None),
    ("profit 2025", "totals", "profit", "calendar:2025", None, None),
    ("income in 2024", "totals", "income", "calendar:2024", None, None),
    ("expenses March 2025", "totals", "expense", "month:2025-03", None, None),
    # what the gap buttons ask: the vendor/client is everything after at/from
    ("show my expenses at Travel Lodge", "search", "expense", "all_time", None, "Travel Lodge"),
    ("show my expenses at Office Depot", "search", "expense", "all_time", None, "Office Depot"),
    ("show my expenses at Delete Me Inc", "search", "expense", "all_time", None, "Delete Me Inc"),
    ("show my income from Missing Link Ltd", "search", "income", "all_time", None, "Missing Link Ltd"),
    ("show my income from Acme Consulting & Sales", "search", "income", "all_time", None, "Acme Consulting & Sales"),
    ("show my expenses at Studio 2000", "search", "expense", "all_time", None, "Studio 2000"),
    ("show my expenses at Shell last month", "search", "expense", "last_month", None, "Shell"),
    ("expenses by category this year", "breakdown", "expense", "this_year", None, None),
    ("income breakdown last quarter", "breakdown", "income", "last_quarter", None, None),
]


@pytest.mark.parametrize(("sentence", "action", "kind", "period", "category", "party"), QUESTIONS)
def test_questions(sentence, action, kind, period, category, party):
    parsed = run(sentence)
    assert (parsed.action, parsed.kind, parsed.period, parsed.category, parsed.party) == (
        action, kind, period, category, party), parsed


@pytest.mark.parametrize("sentence", [
    "what is missing", "What's missing from my books?", "find gaps", "what should I add", "anything I forgot?",
])
def test_missing(sentence):
    assert run(sentence).action == "missing"


@pytest.mark.parametrize(("sentence", "reason_part"), [
    ("delete my last expense", "can't delete"),
    ("remove the Shell entry", "can't remove"),
    ("change the category of entry 12 to Travel", "can't change"),
    ("forecast my income next year", "can't forecast"),
    ("add fuel at Shell", "need an amount"),
    ("add 12.3456 fuel", "more than two decimals"),
    ("add 50 fuel on 3/4", "could be the 3 of April or March 4"),
    ("add 50 fuel on 31.02.2026", "does not exist"),
    ("add 50 fuel tomorrow", "in the future"),
    ("add 50 fuel next Monday", "in the future"),
    ("add 50 fuel on 19.03.2026", "in the future"),
    ("how much did I spend since January", "did not understand the period"),
    ("profit next month", "did not understand the period"),
    ("expenses by month", "did not understand the period"),
    ("how much did I spend last weekend", "did not understand the period"),
    ("income in H1", "did not understand the period"),
    ("add 50 software on 31 February", "does not exist"),
    ("add 0 lunch", "need an amount"),
    ("add 3 coffees for 4 people", "more than one amount"),
    ("what is the weather", "not that"),
    ("tell me a joke", "not that"),
    ("asdf qwerty", "did not understand"),
    ("add 40 lunch on 2026-12-01", "future"),
    ("tax 2025", "did not understand"),
])
def test_refusals(sentence, reason_part):
    parsed = run(sentence)
    assert parsed.action == "refuse", parsed
    assert reason_part in parsed.reason


@pytest.mark.parametrize(("sentence", "notes"), [
    ("received 500 from Acme for invoice 1042", "invoice 1042"),
    ("add 25 stationery order #77 at Staples", "order #77"),
    ("received 120 from Acme, #88", "#88"),
    ("add 42.50 fuel at Shell", None),
])
def test_references_are_kept_as_notes(sentence, notes):
    assert run(sentence).notes == notes


@pytest.mark.parametrize("sentence", ["hello", "Hi!", "what can you do?", "help", ""])
def test_help(sentence):
    assert run(sentence).action == "help"


def test_sentence_count_is_at_least_sixty():
    assert len(ADDS) + len(QUESTIONS) + 5 + 14 + 5 >= 60
