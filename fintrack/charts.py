"""Plotly figures for the dashboard: pure functions of the summary's DataFrames.

Amounts arrive as Decimal and become floats here, for drawing only. Axis ticks and hover labels carry
the owner's currency symbol.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go

from fintrack.currencies import currency_symbol

INCOME_COLOUR, EXPENSE_COLOUR, NET_COLOUR = "#2E9E6A", "#D9534F", "#1F4E79"
OTHER = "Other"
MAX_SLICES = 7
_HEIGHT = 340


def month_label(key: str) -> str:
    """'2026-03' -> 'Mar 2026'."""
    return dt.date(int(key[:4]), int(key[5:7]), 1).strftime("%b %Y")


def chart_text(values: pd.Series) -> list[str]:
    """Owner text as Plotly labels: Plotly reads `<b>`, `<a href>`, `<br>` and entities in labels and hover
    text, so `<`, `>` and `&` are written as entities and a vendor's name shows exactly as typed."""
    return [html.escape(str(value), quote=False) for value in values]


def _floats(values: pd.Series) -> list[float]:
    return [float(value) for value in values]


def money_prefix(currency_code: str) -> str:
    """What goes before an amount: '€' and 'CA$' touch the number, a symbol ending in a letter gets a space
    ('CHF 1,000', not 'CHF1,000')."""
    symbol = currency_symbol(currency_code)
    return f"{symbol} " if symbol[-1:].isalpha() else symbol


def _hover(currency_code: str, axis: str, label: str = "") -> str:
    """A hover label such as '€1,234.50' or 'Acme: €1,234.50' for the value on `axis`."""
    return f"{label}{money_prefix(currency_code)}%{{{axis}:,.2f}}" + ("<extra></extra>" if label else "")


def _layout(figure: go.Figure, currency_code: str, *, title: str, money_axis: str = "y") -> go.Figure:
    figure.update_layout(title=title, height=_HEIGHT, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                         legend={"orientation": "h", "y": -0.15}, hovermode="x unified" if money_axis == "y"
                         else "closest")
    axis = {"tickprefix": money_prefix(currency_code), "separatethousands": True}
    figure.update_yaxes(**axis) if money_axis == "y" else figure.update_xaxes(**axis)
    return figure


def monthly_income_expenses(monthly: pd.DataFrame, currency_code: str) -> go.Figure:
    """Income and expense bars per month with the net profit as a line (columns month, income, expenses, net)."""
    months = [month_label(key) for key in monthly["month"]]
    hover = _hover(currency_code, "y")
    figure = go.Figure([
        go.Bar(name="Income", x=months, y=_floats(monthly["income"]), marker_color=INCOME_COLOUR,
               hovertemplate=hover),
        go.Bar(name="Expenses", x=months, y=_floats(monthly["expenses"]), marker_color=EXPENSE_COLOUR,
               hovertemplate=hover),
        go.Scatter(name="Net", x=months, y=_floats(monthly["net"]), mode="lines+markers",
                   line={"color": NET_COLOUR, "width": 3}, hovertemplate=hover),
    ])
    figure.update_layout(barmode="group")
    return _layout(figure, currency_code, title="Income and expenses by month")


def cumulative_net(monthly: pd.DataFrame, currency_code: str) -> go.Figure:
    """Net profit accumulated month by month (columns month, cumulative_net)."""
    figure = go.Figure(go.Scatter(
        x=[month_label(key) for key in monthly["month"]], y=_floats(monthly["cumulative_net"]),
        mode="lines+markers", fill="tozeroy", line={"color": NET_COLOUR}, name="Cumulative net",
        hovertemplate=_hover(currency_code, "y")))
    return _layout(figure, currency_code, title="Cumulative net profit")


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


def category_donut(by_category: pd.DataFrame, currency_code: str, *, title: str = "Expenses by category",
                   ) -> go.Figure:
    """A donut of amounts by category (columns category, amount); small categories folded into 'Other'."""
    folded = fold_small_slices(by_category, label="category", value="amount")
    figure = go.Figure(go.Pie(labels=chart_text(folded["category"]), values=_floats(folded["amount"]), hole=0.55,
                              sort=False, textinfo="percent", textposition="inside",
                              hovertemplate=_hover(currency_code, "value", "%{label}: ")))
    figure.update_layout(title=title, height=_HEIGHT, margin={"l": 10, "r": 10, "t": 50, "b": 10},
                         showlegend=True, legend={"orientation": "v"})
    return figure


def ranking_bars(frame: pd.DataFrame, currency_code: str, *, label: str, value: str, title: str,
                 colour: str = NET_COLOUR) -> go.Figure:
    """Horizontal bars, largest on top (e.g. top vendors: label='party', value='amount')."""
    ordered = frame.iloc[::-1]
    figure = go.Figure(go.Bar(x=_floats(ordered[value]), y=chart_text(ordered[label]), orientation="h",
                              marker_color=colour, hovertemplate=_hover(currency_code, "x", "%{y}: ")))
    return _layout(figure, currency_code, title=title, money_axis="x")


def top_vendors(frame: pd.DataFrame, currency_code: str) -> go.Figure:
    """The largest vendors (columns party, amount)."""
    return ranking_bars(frame, currency_code, label="party", value="amount", title="Top vendors",
                        colour=EXPENSE_COLOUR)


def top_clients(frame: pd.DataFrame, currency_code: str) -> go.Figure:
    """The largest clients (columns party, amount)."""
    return ranking_bars(frame, currency_code, label="party", value="amount", title="Top clients",
                        colour=INCOME_COLOUR)


def assets_by_type(frame: pd.DataFrame, currency_code: str) -> go.Figure:
    """Asset value by type (columns type, value)."""
    return ranking_bars(frame, currency_code, label="type", value="value", title="Assets by type")
