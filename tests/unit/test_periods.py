"""Periods: fiscal years from any start, quarters, months, rolling ranges and the previous period."""

import datetime as dt

import pytest

from fintrack import periods
from fintrack.display import Formats
from fintrack.errors import ValidationError

D = dt.date
JAN_1, APR_1, APR_6, JUL_1 = D(2000, 1, 1), D(2000, 4, 1), D(2000, 4, 6), D(2000, 7, 1)
FEB_29 = D(2000, 2, 29)


@pytest.mark.parametrize(("start", "number", "first", "last"), [
    (JAN_1, 2026, D(2026, 1, 1), D(2026, 12, 31)),
    (APR_1, 2026, D(2025, 4, 1), D(2026, 3, 31)),
    (APR_6, 2026, D(2025, 4, 6), D(2026, 4, 5)),
    (JUL_1, 2026, D(2025, 7, 1), D(2026, 6, 30)),
    (FEB_29, 2025, D(2024, 2, 29), D(2025, 2, 28)),  # starts in a leap year
    (FEB_29, 2026, D(2025, 3, 1), D(2026, 2, 28)),   # non-leap: 29 Feb rolls over to 1 March
    (FEB_29, 2028, D(2027, 3, 1), D(2028, 2, 28)),   # ends the day before 29 Feb 2028 starts FY2029
    (FEB_29, 2029, D(2028, 2, 29), D(2029, 2, 28)),
])
def test_fiscal_year_bounds_and_name_by_the_year_it_ends_in(start, number, first, last):
    year = periods.fiscal_year(number, start)
    assert (year.start, year.end, year.label) == (first, last, f"FY{number}")
    assert last.year == number


@pytest.mark.parametrize("start", [JAN_1, APR_1, APR_6, JUL_1, FEB_29, D(2000, 8, 31), D(2000, 12, 31)])
def test_consecutive_fiscal_years_tile_the_calendar(start):
    for number in range(2019, 2032):
        this, following = periods.fiscal_year(number, start), periods.fiscal_year(number + 1, start)
        assert following.start == this.end + dt.timedelta(days=1)
        assert 365 <= this.days <= 366
        assert this.end.year == number


@pytest.mark.parametrize(("day", "start", "label"), [
    (D(2026, 1, 1), JAN_1, "FY2026"),
    (D(2025, 12, 31), JAN_1, "FY2025"),
    (D(2026, 3, 31), APR_1, "FY2026"),
    (D(2026, 4, 1), APR_1, "FY2027"),
    (D(2026, 4, 5), APR_6, "FY2026"),
    (D(2026, 4, 6), APR_6, "FY2027"),
    (D(2026, 6, 30), JUL_1, "FY2026"),
    (D(2026, 7, 1), JUL_1, "FY2027"),
    (D(2024, 2, 28), FEB_29, "FY2024"),
    (D(2024, 2, 29), FEB_29, "FY2025"),
    (D(2025, 2, 28), FEB_29, "FY2025"),
    (D(2025, 3, 1), FEB_29, "FY2026"),
])
def test_fiscal_year_containing_a_day(day, start, label):
    year = periods.fiscal_year_containing(day, start)
    assert year.label == label
    assert year.contains(day)


def test_quarters_of_an_april_year():
    quarters = periods.fiscal_quarters(2026, APR_1)
    assert [(q.start, q.end, q.label) for q in quarters] == [
        (D(2025, 4, 1), D(2025, 6, 30), "Q1 FY2026"),
        (D(2025, 7, 1), D(2025, 9, 30), "Q2 FY2026"),
        (D(2025, 10, 1), D(2025, 12, 31), "Q3 FY2026"),
        (D(2026, 1, 1), D(2026, 3, 31), "Q4 FY2026"),
    ]


def test_quarters_of_a_6_april_year_start_on_the_6th():
    quarters = periods.fiscal_quarters(2026, APR_6)
    assert [(q.start, q.end) for q in quarters] == [
        (D(2025, 4, 6), D(2025, 7, 5)), (D(2025, 7, 6), D(2025, 10, 5)),
        (D(2025, 10, 6), D(2026, 1, 5)), (D(2026, 1, 6), D(2026, 4, 5)),
    ]


@pytest.mark.parametrize("start", [JAN_1, APR_1, APR_6, JUL_1, FEB_29, D(2000, 8, 31), D(2000, 11, 30)])
@pytest.mark.parametrize("number", [2024, 2025, 2028])
def test_quarters_cover_the_fiscal_year_without_gaps(start, number):
    year, quarters = periods.fiscal_year(number, start), periods.fiscal_quarters(number, start)
    assert quarters[0].start == year.start and quarters[-1].end == year.end
    for before, after in zip(quarters, quarters[1:], strict=False):
        assert after.start == before.end + dt.timedelta(days=1)


def test_quarter_containing_and_its_boundaries():
    assert periods.quarter_containing(D(2026, 6, 30), APR_1).label == "Q1 FY2027"
    assert periods.quarter_containing(D(2026, 7, 1), APR_1).label == "Q2 FY2027"
    assert periods.quarter_containing(D(2026, 3, 31), JAN_1).label == "Q1 FY2026"
    assert periods.quarter_containing(D(2026, 1, 5), APR_6).label == "Q3 FY2026"


def test_months_and_their_boundaries():
    feb_leap, feb = periods.month(2024, 2), periods.month(2025, 2)
    assert (feb_leap.start, feb_leap.end, feb_leap.label) == (D(2024, 2, 1), D(2024, 2, 29), "February 2024")
    assert feb.end == D(2025, 2, 28)
    assert periods.month_containing(D(2026, 12, 31)).end == D(2026, 12, 31)


@pytest.mark.parametrize(("period", "previous"), [
    (periods.fiscal_year(2026, APR_1), (D(2024, 4, 1), D(2025, 3, 31), "FY2025")),
    (periods.fiscal_year(2026, JAN_1), (D(2025, 1, 1), D(2025, 12, 31), "FY2025")),
    (periods.fiscal_year(2026, FEB_29), (D(2024, 2, 29), D(2025, 2, 28), "FY2025")),
    (periods.fiscal_quarter(2026, 1, APR_1), (D(2025, 1, 1), D(2025, 3, 31), "Q4 FY2025")),
    (periods.fiscal_quarter(2026, 3, APR_6), (D(2025, 7, 6), D(2025, 10, 5), "Q2 FY2026")),
    (periods.month(2026, 1), (D(2025, 12, 1), D(2025, 12, 31), "December 2025")),
    (periods.month(2024, 3), (D(2024, 2, 1), D(2024, 2, 29), "February 2024")),
    (periods.custom(D(2026, 3, 10), D(2026, 3, 19)),
     (D(2026, 2, 28), D(2026, 3, 9), "28 Feb 2026 – 9 Mar 2026")),
])
def test_previous_period(period, previous):
    prior = period.previous()
    assert (prior.start, prior.end, prior.label) == previous


def test_custom_previous_has_the_same_length():
    period = periods.custom(D(2024, 1, 15), D(2024, 4, 2))
    assert period.previous().days == period.days
    assert period.previous().end == D(2024, 1, 14)


def test_year_to_date_and_its_comparison_a_year_earlier():
    ytd = periods.year_to_date(D(2026, 11, 25), APR_1)
    assert (ytd.start, ytd.end, ytd.label) == (D(2026, 4, 1), D(2026, 11, 25), "FY2027 to 25 Nov 2026")
    prior = ytd.previous()
    assert (prior.start, prior.end) == (D(2025, 4, 1), D(2025, 11, 25))


def test_year_to_date_on_29_february_compares_with_28_february():
    ytd = periods.year_to_date(D(2024, 2, 29), JAN_1)
    assert ytd.previous().end == D(2023, 2, 28)


def test_year_to_date_compared_within_the_previous_fiscal_year():
    ytd = periods.year_to_date(D(2024, 2, 29), FEB_29)  # first day of FY2025
    prior = ytd.previous()
    assert (prior.start, prior.end) == (D(2023, 3, 1), D(2023, 3, 1))


@pytest.mark.parametrize(("today", "start", "end"), [
    (D(2026, 11, 25), D(2025, 11, 1), D(2026, 10, 31)),
    (D(2026, 12, 1), D(2025, 12, 1), D(2026, 11, 30)),  # a whole year even on the first of the month
    (D(2026, 1, 31), D(2025, 1, 1), D(2025, 12, 31)),
    (D(2024, 3, 1), D(2023, 3, 1), D(2024, 2, 29)),
])
def test_last_12_months_are_the_twelve_complete_months_before_this_one(today, start, end):
    last = periods.last_12_months(today)
    assert (last.start, last.end) == (start, end)
    assert len(last.month_keys()) == 12 and last.label == f"12 months to {end.day} {end:%b %Y}"


def test_the_12_months_before_the_last_12():
    prior = periods.last_12_months(D(2026, 11, 25)).previous()
    assert (prior.start, prior.end) == (D(2024, 11, 1), D(2025, 10, 31))
    assert len(prior.month_keys()) == 12


def test_month_keys_cover_partial_months():
    assert periods.fiscal_year(2026, APR_6).month_keys()[0] == "2025-04"
    assert periods.fiscal_year(2026, APR_6).month_keys()[-1] == "2026-04"
    assert len(periods.fiscal_year(2026, APR_6).month_keys()) == 13
    assert periods.fiscal_year(2026, JAN_1).month_keys() == [f"2026-{m:02d}" for m in range(1, 13)]


def test_custom_refuses_an_end_before_the_start():
    with pytest.raises(ValidationError):
        periods.custom(D(2026, 3, 2), D(2026, 3, 1))


def test_presets_relative_to_today():
    found = periods.presets(D(2026, 11, 25), APR_1)
    assert list(found) == list(periods.PRESET_NAMES)
    assert found["This month"].label == "November 2026"
    assert found["Last month"].label == "October 2026"
    assert found["This quarter"].label == "Q3 FY2027"
    assert found["Last quarter"].label == "Q2 FY2027"
    assert found["This fiscal year"].label == "FY2027"
    assert found["Last fiscal year"].label == "FY2026"
    assert found["Year to date"].end == D(2026, 11, 25)


def test_slugs_for_file_names():
    assert periods.fiscal_year(2026, APR_1).slug == "fy2026"
    assert periods.fiscal_quarter(2026, 2, APR_1).slug == "q2-fy2026"
    assert periods.month(2026, 3).slug == "march-2026"
    assert periods.custom(D(2026, 1, 1), D(2026, 3, 15)).slug == "2026-01-01-to-2026-03-15"
    assert periods.slugify("Acme Studio Ltd.") == "acme-studio-ltd"
    assert periods.slugify("Café Ünïcode!!") == "cafe-unicode"
    assert periods.slugify("???") == "untitled"


DEC_5 = D(2026, 12, 5)


def test_this_fiscal_year_on_5_december_is_compared_with_the_same_span_a_year_earlier():
    so_far = periods.fiscal_year_containing(DEC_5, APR_6).so_far(DEC_5)
    assert (so_far.start, so_far.end, so_far.label) == (D(2026, 4, 6), DEC_5, "FY2027 to 5 Dec 2026")
    prior = so_far.previous()
    assert (prior.start, prior.end, prior.label) == (D(2025, 4, 6), D(2025, 12, 5), "FY2026 to 5 Dec 2025")


@pytest.mark.parametrize(("period", "today", "previous"), [
    (periods.fiscal_quarter(2027, 3, APR_6), DEC_5, (D(2026, 7, 6), D(2026, 9, 5))),
    (periods.month(2026, 12), DEC_5, (D(2026, 11, 1), D(2026, 11, 5))),
    (periods.month(2026, 3), D(2026, 3, 30), (D(2026, 2, 1), D(2026, 2, 28))),  # no 30 February
    (periods.fiscal_year(2024, JAN_1), D(2024, 2, 29), (D(2023, 1, 1), D(2023, 2, 28))),
    (periods.custom(D(2026, 12, 1), D(2026, 12, 31)), DEC_5, (D(2026, 11, 26), D(2026, 11, 30))),
])
def test_a_running_period_is_compared_with_the_same_span_before(period, today, previous):
    so_far = period.so_far(today)
    assert (so_far.start, so_far.end) == (period.start, today)
    assert (so_far.previous().start, so_far.previous().end) == previous


@pytest.mark.parametrize("period", [periods.fiscal_year(2026, APR_6), periods.custom(D(2026, 11, 1), DEC_5),
                                    periods.fiscal_year(2028, APR_6)])
def test_a_period_that_does_not_run_past_today_is_left_whole(period):
    assert period.so_far(DEC_5) == period  # ended, ending today, or not begun


GERMAN, AMERICAN = Formats("de_DE", "EUR"), Formats("en_US", "USD")


def test_a_german_owner_reads_every_date_of_a_period_name_in_german():
    so_far = periods.fiscal_year_containing(DEC_5, APR_6).so_far(DEC_5)
    assert so_far.title(GERMAN) == "FY2027 to 5. Dez. 2026"
    assert so_far.date_range(GERMAN) == "6. Apr. 2026 – 5. Dez. 2026"
    assert so_far.previous().described(GERMAN) == "FY2026 to 5. Dez. 2025 (6. Apr. 2025 – 5. Dez. 2025)"
    found = periods.presets(DEC_5, APR_6)
    assert [found[name].title(GERMAN) for name in ("This month", "Year to date", "Last 12 months")] == \
        ["Dezember 2026", "FY2027 to 5. Dez. 2026", "12 months to 30. Nov. 2026"]
    custom = periods.custom(D(2026, 4, 6), DEC_5)
    assert custom.described(GERMAN) == custom.title(GERMAN) == "6. Apr. 2026 – 5. Dez. 2026"  # named once


def test_an_american_owner_reads_the_month_first_and_english_names_stay_as_they_were():
    assert periods.custom(D(2026, 4, 6), DEC_5).title(AMERICAN) == "Apr 6, 2026 – Dec 5, 2026"
    assert periods.month_containing(DEC_5).so_far(DEC_5).title(AMERICAN) == "December 2026 to Dec 5, 2026"
    assert periods.fiscal_quarter(2027, 1, APR_6).label == "Q1 FY2027"
    assert periods.last_12_months(DEC_5).described(periods.ENGLISH) == \
        "12 months to 30 Nov 2026 (1 Dec 2025 – 30 Nov 2026)"
