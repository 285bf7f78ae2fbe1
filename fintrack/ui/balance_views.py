"""The dashboard's cash: total cash and each account's balance at the end of the period, and each
account's balance over time (a point a month: years of books stay a light chart)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from fintrack import charts
from fintrack.services import money_accounts
from fintrack.services.accounts import Owner
from fintrack.ui.dashboard_sections import CHART_CONFIG
from fintrack.ui.resources import database
from fintrack.ui.text import plain


def render_cash(owner: Owner, on: dt.date) -> None:
    """Total cash and the balance of every account at the end of `on`, then the balances over time."""
    balances = money_accounts.balances(database(), owner_id=owner.id, on=on)
    st.subheader("Cash")
    st.caption(f"Balances at the end of {owner.formats.date(on)}.")
    cards = st.columns(min(len(balances) + 1, 4))
    cards[0].metric("Total cash", owner.formats.money(money_accounts.total_cash(balances)))
    for number, balance in enumerate(balances, start=1):
        cards[number % len(cards)].metric(plain(balance.account.name), owner.formats.money(balance.balance))
    series = {balance.account.name: money_accounts.balance_over_time(database(), owner_id=owner.id,
                                                                     account_id=balance.account.id, by_month=True)
              for balance in balances}
    st.plotly_chart(charts.account_balances(series, owner.formats), width="stretch", config=CHART_CONFIG,
                    key="chart_balances")
