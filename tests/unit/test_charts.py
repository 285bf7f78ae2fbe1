"""Chart figures from summary frames: folding small categories, traces and currency on the axis."""

from decimal import Decimal

import pandas as pd

from fintrack import charts


def _categories(*amounts):
    return pd.DataFrame({"category": [f"C{n}" for n in range(len(amounts))],
                         "amount": [Decimal(a) for a in amounts]})


def test_the_smallest_categories_beyond_the_largest_six_fold_into_other():
    folded = charts.fold_small_slices(_categories("1", "500", "300", "2", "198", "40", "30", "20", "10"),
                                      label="category", value="amount")
    assert list(folded["category"]) == ["C1", "C2", "C4", "C5", "C6", "C7", "Other"]
    assert folded["amount"].iloc[-1] == Decimal("13")
    assert sum(folded["amount"]) == Decimal("1101")


def test_forty_equal_categories_keep_six_slices_and_fold_the_rest():
    folded = charts.fold_small_slices(_categories(*["25"] * 40), label="category", value="amount")
    assert len(folded) == charts.MAX_SLICES and list(folded["category"]).count(charts.OTHER) == 1
    assert list(folded["amount"]) == [Decimal("25")] * 6 + [Decimal("850")]


def test_small_categories_within_the_limit_keep_their_names():
    folded = charts.fold_small_slices(_categories("1", "500", "300", "2", "198"), label="category", value="amount")
    assert list(folded["category"]) == ["C1", "C2", "C4", "C3", "C0"]


def test_many_categories_keep_the_largest_and_fold_the_rest():
    folded = charts.fold_small_slices(_categories(*[str(100 + n) for n in range(12)]), label="category",
                                      value="amount", max_slices=5)
    assert len(folded) == 5 and folded["category"].iloc[-1] == "Other"
    assert list(folded["category"])[:4] == ["C11", "C10", "C9", "C8"]


def test_few_categories_stay_as_they_are():
    folded = charts.fold_small_slices(_categories("10", "1000"), label="category", value="amount")
    assert list(folded["category"]) == ["C1", "C0"]


def test_monthly_figure_has_bars_and_a_net_line_with_the_currency():
    monthly = pd.DataFrame({"month": ["2026-01", "2026-02"], "income": [Decimal("10.50"), Decimal("0")],
                            "expenses": [Decimal("3"), Decimal("4")], "net": [Decimal("7.50"), Decimal("-4")]})
    figure = charts.monthly_income_expenses(monthly, "EUR")
    assert [trace.type for trace in figure.data] == ["bar", "bar", "scatter"]
    assert list(figure.data[0].x) == ["Jan 2026", "Feb 2026"]
    assert list(figure.data[2].y) == [7.5, -4.0]
    assert figure.layout.yaxis.tickprefix == "€"
    assert {trace.hovertemplate for trace in figure.data} == {"€%{y:,.2f}"}


def test_donut_and_rankings():
    donut = charts.category_donut(_categories("5", "5"), "USD")
    assert donut.data[0].hole == 0.55 and list(donut.data[0].values) == [5.0, 5.0]
    tops = pd.DataFrame({"party": ["Big", "Small"], "amount": [Decimal("9"), Decimal("1")]})
    bars = charts.top_vendors(tops, "GBP")
    assert list(bars.data[0].y) == ["Small", "Big"]  # largest drawn on top
    assert bars.layout.xaxis.tickprefix == "£"
    assert bars.data[0].hovertemplate == "%{y}: £%{x:,.2f}<extra></extra>"
    assert donut.data[0].hovertemplate == "%{label}: $%{value:,.2f}<extra></extra>"


def test_a_symbol_ending_in_a_letter_is_spaced_from_the_amount():
    assert [charts.money_prefix(code) for code in ("CHF", "CAD", "EUR")] == ["CHF ", "CA$", "€"]
    monthly = pd.DataFrame({"month": ["2026-01"], "cumulative_net": [Decimal("7")]})
    figure = charts.cumulative_net(monthly, "CHF")
    assert figure.layout.yaxis.tickprefix == "CHF " and figure.data[0].hovertemplate == "CHF %{y:,.2f}"


def test_owner_text_in_chart_labels_is_shown_as_typed_not_as_plotly_html():
    hostile = '<a href="http://127.0.0.1:9/">Acme</a> & <b>Co</b>'
    vendors = pd.DataFrame({"party": [hostile], "amount": [Decimal("10")]})
    bars = charts.top_vendors(vendors, "EUR")
    assert list(bars.data[0].y) == ['&lt;a href="http://127.0.0.1:9/"&gt;Acme&lt;/a&gt; &amp; &lt;b&gt;Co&lt;/b&gt;']
    donut = charts.category_donut(pd.DataFrame({"category": ["<i>Fuel</i>"], "amount": [Decimal("5")]}), "EUR")
    assert list(donut.data[0].labels) == ["&lt;i&gt;Fuel&lt;/i&gt;"]
