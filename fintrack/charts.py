"""Plotly figures for the dashboard: pure functions of the summary's DataFrames.

Amounts arrive as Decimal and become floats here, for drawing only. Axis ticks, hover labels and month
names are written by `fintrack.display` as the owner's KPIs are: ticks and hover texts are handed to Plotly
already formatted (tick text and customdata), so Plotly's own number formats (American grouping, its '−'
minus) never show.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from fintrack.display import Formats

INCOME_COLOUR, EXPENSE_COLOUR, NET_COLOUR = "#2E9E6A", "#D9534F", "#1F4E79"
OTHER = "Other"
MAX_SLICES = 7
_HEIGHT = 340
TICKS = 5  # about this many ticks on a money axis


def chart_text(values: pd.Series) -> list[str]:
    """Owner text as Plotly labels: Plotly reads `<b>`, `<a href>`, `<br>` and entities in labels and hover
    text, so `<`, `>` and `&` are written as entities and a vendor's name shows exactly as typed."""
    return [html.escape(str(value), quote=False) for value in values]


def _floats(values: pd.Series) -> list[float]:
    return [float(value) for value in values]


def _money_texts(values: pd.Series, formats: Formats) -> list[str]:
    """Each amount as the owner's screens write it, for hover labels (`%{customdata}`)."""
    return [formats.money(value) for value in values]


def _hover(label: str = "") -> str:
    """A hover label such as '1.234,50 €' or 'Acme: 1.234,50 €' (the amount comes from customdata)."""
    return f"{label}%{{customdata}}" + ("<extra></extra>" if label else "")


def _step(span: Decimal) -> Decimal:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about `TICKS` ticks over `span`."""
    raw = span / TICKS
    power = Decimal(10) ** math.floor(math.log10(raw))
    return next(power * factor for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
                if power * factor >= raw)


def money_ticks(values: Iterable[float], formats: Formats) -> tuple[list[float], list[str]]:
    """Round tick values from the lowest amount (or zero) to the highest, each written as the owner writes
    money: ('1.000 €', '2.000 €', ...) for de_DE, whole units when the step is."""
    amounts = [Decimal(str(value)) for value in values] + [Decimal(0)]
    low, high = min(amounts), max(amounts)
    step = _step(high - low) if high > low else Decimal(1)
    first, last = math.floor(low / step), math.ceil(high / step)
    ticks = [step * n for n in range(first, last + 1)]
    digits = 0 if step == step.to_integral_value() else formats.digits
    return [float(tick) for tick in ticks], [formats.money(tick, digits=digits) for tick in ticks]


def _layout(figure: go.Figure, formats: Formats, *, title: str, money_axis: str = "y") -> go.Figure:
    figure.update_layout(title=title, height=_HEIGHT, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                         legend={"orientation": "h", "y": -0.15}, hovermode="x unified" if money_axis == "y"
                         else "closest")
    values = [value for trace in figure.data for value in getattr(trace, money_axis) or ()]
    tickvals, ticktext = money_ticks(values, formats)
    axis = {"tickmode": "array", "tickvals": tickvals, "ticktext": ticktext}
    figure.update_yaxes(**axis) if money_axis == "y" else figure.update_xaxes(**axis)
    return figure


def monthly_income_expenses(monthly: pd.DataFrame, formats: Formats) -> go.Figure:
    """Income and expense bars per month with the net profit as a line (columns month, income, expenses, net)."""
    months = [formats.month(key) for key in monthly["month"]]
    figure = go.Figure([
        go.Bar(name="Income", x=months, y=_floats(monthly["income"]), marker_color=INCOME_COLOUR,
               customdata=_money_texts(monthly["income"], formats), hovertemplate=_hover()),
        go.Bar(name="Expenses", x=months, y=_floats(monthly["expenses"]), marker_color=EXPENSE_COLOUR,
               customdata=_money_texts(monthly["expenses"], formats), hovertemplate=_hover()),
        go.Scatter(name="Net", x=months, y=_floats(monthly["net"]), mode="lines+markers",
                   line={"color": NET_COLOUR, "width": 3}, customdata=_money_texts(monthly["net"], formats),
                   hovertemplate=_hover()),
    ])
    figure.update_layout(barmode="group")
    return _layout(figure, formats, title="Income and expenses by month")


def cumulative_net(monthly: pd.DataFrame, formats: Formats) -> go.Figure:
    """Net profit accumulated month by month (columns month, cumulative_net)."""
    figure = go.Figure(go.Scatter(
        x=[formats.month(key) for key in monthly["month"]], y=_floats(monthly["cumulative_net"]),
        mode="lines+markers", fill="tozeroy", line={"color": NET_COLOUR}, name="Cumulative net",
        customdata=_money_texts(monthly["cumulative_net"], formats), hovertemplate=_hover()))
    return _layout(figure, formats, title="Cumulative net profit")


def fold_small_slices(frame: pd.DataFrame, *, label: str, value: str, max_slices: int = MAX_SLICES) -> pd.DataFrame:
    """Largest first; the largest `max_slices` - 1 rows always keep their names and the rest are folded into
    one 'Other' row at the end (a single leftover row keeps its own name).

    No share threshold: with many categories of similar size every one of them is "small", and folding by
    share alone turned the whole donut into one 'Other' slice.
    """
    ordered = frame.sort_values(value, ascending=False)[[label, value]].reset_index(drop=True)
    if len(ordered) <= max_slices:
        return ordered
    kept, rest = ordered.iloc[: max_slices - 1], ordered.iloc[max_slices - 1:]
    folded = pd.DataFrame({label: [OTHER], value: [sum(rest[value], Decimal(0))]})
    return pd.concat([kept, folded], ignore_index=True)


def category_donut(by_category: pd.DataFrame, formats: Formats, *, title: str = "Expenses by category",
                   ) -> go.Figure:
    """A donut of amounts by category (columns category, amount); small categories folded into 'Other'."""
    folded = fold_small_slices(by_category, label="category", value="amount")
    figure = go.Figure(go.Pie(labels=chart_text(folded["category"]), values=_floats(folded["amount"]), hole=0.55,
                              sort=False, textinfo="percent", textposition="inside",
                              customdata=_money_texts(folded["amount"], formats), hovertemplate=_hover("%{label}: ")))
    figure.update_layout(title=title, height=_HEIGHT, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                         showlegend=True, legend={"orientation": "v"})
    return figure


def ranking_bars(frame: pd.DataFrame, formats: Formats, *, label: str, value: str, title: str,
                 colour: str = NET_COLOUR) -> go.Figure:
    """Horizontal bars, largest on top (e.g. top vendors: label='party', value='amount')."""
    ordered = frame.iloc[::-1]
    figure = go.Figure(go.Bar(x=_floats(ordered[value]), y=chart_text(ordered[label]), orientation="h",
                              marker_color=colour, customdata=_money_texts(ordered[value], formats),
                              hovertemplate=_hover("%{y}: ")))
    return _layout(figure, formats, title=title, money_axis="x")


def top_vendors(frame: pd.DataFrame, formats: Formats) -> go.Figure:
    """The largest vendors (columns party, amount)."""
    return ranking_bars(frame, formats, label="party", value="amount", title="Top vendors",
                        colour=EXPENSE_COLOUR)


def top_clients(frame: pd.DataFrame, formats: Formats) -> go.Figure:
    """The largest clients (columns party, amount)."""
    return ranking_bars(frame, formats, label="party", value="amount", title="Top clients",
                        colour=INCOME_COLOUR)


def assets_by_type(frame: pd.DataFrame, formats: Formats) -> go.Figure:
    """Asset value by type (columns type, value)."""
    return ranking_bars(frame, formats, label="type", value="value", title="Assets by type")


def _date_ticks(days: list, formats: Formats) -> tuple[list, list[str]]:
    """About `TICKS` dates spread over `days` (sorted), written as the owner writes dates."""
    if not days:
        return [], []
    first, last = days[0], days[-1]
    span = max((last - first).days, 1)
    ticks = sorted({first + (last - first) * n / TICKS for n in range(TICKS + 1)}) if span > TICKS else days
    return ticks, [formats.date(tick) for tick in ticks]


def account_balances(series: dict[str, list[tuple]], formats: Formats) -> go.Figure:
    """Each account's balance over time, as steps from one day that moved it to the next (`series`: account
    name -> (date, balance) pairs in date order)."""
    figure = go.Figure([
        go.Scatter(name=html.escape(name, quote=False), x=[day for day, _ in points],
                   y=[float(balance) for _, balance in points], mode="lines+markers", line={"shape": "hv"},
                   customdata=[f"{formats.date(day)}: {formats.money(balance)}" for day, balance in points],
                   hovertemplate=f"{html.escape(name, quote=False)}: %{{customdata}}<extra></extra>")
        for name, points in series.items()])
    figure = _layout(figure, formats, title="Balance over time")
    figure.update_layout(hovermode="closest")
    tickvals, ticktext = _date_ticks(sorted({day for points in series.values() for day, _ in points}), formats)
    figure.update_xaxes(tickmode="array", tickvals=tickvals, ticktext=ticktext)
    return figure
