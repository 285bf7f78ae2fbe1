"""Chart figures from summary frames: folding small categories, traces, and money on axes and hovers written
in the owner's formats."""

from decimal import Decimal

import pandas as pd

from fintrack import charts
from fintrack.display import Formats

GERMAN = Formats("de_DE", "EUR")


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


def test_monthly_figure_has_bars_and_a_net_line_in_the_owners_formats():
    monthly = pd.DataFrame({"month": ["2026-01", "2026-02"], "income": [Decimal("1234.50"), Decimal("0")],
                            "expenses": [Decimal("3"), Decimal("4")], "net": [Decimal("1231.50"), Decimal("-4")]})
    figure = charts.monthly_income_expenses(monthly, GERMAN)
    assert [trace.type for trace in figure.data] == ["bar", "bar", "scatter"]
    assert list(figure.data[0].x) == ["Jan. 2026", "Feb. 2026"]
    assert list(figure.data[2].y) == [1231.5, -4.0]
    assert list(figure.data[0].customdata) == ["1.234,50\u00a0€", "0,00\u00a0€"]
    assert list(figure.data[2].customdata) == ["1.231,50\u00a0€", "-4,00\u00a0€"]
    assert {trace.hovertemplate for trace in figure.data} == {"%{customdata}"}
    axis = figure.layout.yaxis
    assert axis.tickmode == "array" and list(axis.tickvals) == [-250.0, 0.0, 250.0, 500.0, 750.0, 1000.0, 1250.0]
    assert list(axis.ticktext) == ["-250\u00a0€", "0\u00a0€", "250\u00a0€", "500\u00a0€", "750\u00a0€",
                                   "1.000\u00a0€", "1.250\u00a0€"]


def test_donut_and_rankings():
    donut = charts.category_donut(_categories("5", "5"), Formats("en_US", "USD"))
    assert donut.data[0].hole == 0.55 and list(donut.data[0].values) == [5.0, 5.0]
    tops = pd.DataFrame({"party": ["Big", "Small"], "amount": [Decimal("9"), Decimal("1")]})
    bars = charts.top_vendors(tops, Formats("en_GB", "GBP"))
    assert list(bars.data[0].y) == ["Small", "Big"]  # largest drawn on top
    assert list(bars.layout.xaxis.ticktext) == ["£0", "£2", "£4", "£6", "£8", "£10"]
    assert bars.data[0].hovertemplate == "%{y}: %{customdata}<extra></extra>"
    assert list(bars.data[0].customdata) == ["£1.00", "£9.00"]
    assert donut.data[0].hovertemplate == "%{label}: %{customdata}<extra></extra>"
    assert list(donut.data[0].customdata) == ["$5.00", "$5.00"]


def test_swiss_and_japanese_axes_and_hovers_are_written_as_their_kpis():
    monthly = pd.DataFrame({"month": ["2026-01"], "cumulative_net": [Decimal("1234.50")]})
    swiss_formats = Formats("de_CH", "CHF")
    swiss = charts.cumulative_net(monthly, swiss_formats)
    assert list(swiss.data[0].customdata) == [swiss_formats.money(Decimal("1234.50"))] == ["CHF\u00a01'234.50"]
    assert "CHF\u00a01'000" in swiss.layout.yaxis.ticktext
    japanese = charts.cumulative_net(monthly, Formats("ja_JP", "JPY"))
    assert list(japanese.data[0].customdata) == ["￥1,235"]  # yen have no decimals; half a yen rounds up
    assert list(japanese.data[0].x) == ["2026年1月"]


def test_small_amounts_get_ticks_with_cents():
    monthly = pd.DataFrame({"month": ["2026-01"], "cumulative_net": [Decimal("0.60")]})
    ticks = charts.cumulative_net(monthly, GERMAN).layout.yaxis.ticktext
    assert list(ticks) == ["0,00\u00a0€", "0,20\u00a0€", "0,40\u00a0€", "0,60\u00a0€"]


def test_owner_text_in_chart_labels_is_shown_as_typed_not_as_plotly_html():
    hostile = '<a href="http://127.0.0.1:9/">Acme</a> & <b>Co</b>'
    vendors = pd.DataFrame({"party": [hostile], "amount": [Decimal("10")]})
    bars = charts.top_vendors(vendors, GERMAN)
    assert list(bars.data[0].y) == ['&lt;a href="http://127.0.0.1:9/"&gt;Acme&lt;/a&gt; &amp; &lt;b&gt;Co&lt;/b&gt;']
    donut = charts.category_donut(pd.DataFrame({"category": ["<i>Fuel</i>"], "amount": [Decimal("5")]}), GERMAN)
    assert list(donut.data[0].labels) == ["&lt;i&gt;Fuel&lt;/i&gt;"]
