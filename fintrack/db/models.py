"""Tables as SQLAlchemy 2 typed models. Alembic (migrations/) owns the schema; a test keeps them in step.

The four original tables (users, expenses, incomes, assets) are kept column for column from the design;
the rest are additions that features need, each introduced by its own migration.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    CHAR,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from fintrack.display import DEFAULT_LOCALE

BROWSER, SCRIPT = "browser", "script"  # who signed in: `AuthSession.client`

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(12, 2, asdecimal=True)
Timestamp = DateTime(timezone=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _owner_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def _created_at() -> Mapped[dt.datetime | None]:
    return mapped_column(Timestamp, server_default=func.now())


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    business_name: Mapped[str] = mapped_column(String(255), nullable=False)
    fiscal_year_start: Mapped[dt.date] = mapped_column(Date, nullable=False)
    currency_code: Mapped[str] = mapped_column(CHAR(3), nullable=False)
    created_at: Mapped[dt.datetime | None] = _created_at()
    locale: Mapped[str] = mapped_column(String(35), nullable=False, server_default=DEFAULT_LOCALE)


class _EntryColumns:
    """What expenses and incomes share; each adds its counterparty (vendor or client)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    category: Mapped[str] = mapped_column(String(100), nullable=False)
    payment_method: Mapped[str | None] = mapped_column(String(50))
    amount: Mapped[Decimal] = mapped_column(Money, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime | None] = _created_at()
    # migration 0009: the money account the entry went through. Every write of the application sets it;
    # NULL (a row loaded past the application) counts in the owner's default account.
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"))
    # migration 0009: the reconciliation that ticked the entry off against a statement (None: not yet)
    reconciliation_id: Mapped[int | None] = mapped_column(ForeignKey("reconciliations.id", ondelete="SET NULL"))


def _entry_indexes(table: str, party: str) -> tuple[Index, ...]:
    """On PostgreSQL the (user_id, date) index also carries what the reports sum of a few days (migration
    0010), so those reads are index-only scans instead of heap fetches scattered over the whole table. The
    (user_id, amount, id) index serves the ledger's amount sort and its keyset paging (migration 0011)."""
    return (Index(f"ix_{table}_user_id_date", "user_id", "date", postgresql_include=["amount", "category", party]),
            Index(f"ix_{table}_user_id_category", "user_id", "category"),
            Index(f"ix_{table}_account_id_date", "account_id", "date"),
            Index(f"ix_{table}_user_id_amount_id", "user_id", "amount", "id"))


class Account(Base):
    """Where money is kept (migration 0009): a current or savings account, a credit card, cash, a payment
    platform. Its balance on a day is the opening balance plus its incomes minus its expenses since
    `opening_date`; each owner has exactly one default account, which entries without a choice go to."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    type: Mapped[str] = mapped_column(String(20), nullable=False)
    opening_balance: Mapped[Decimal] = mapped_column(Money, nullable=False)
    opening_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False)
    created_at: Mapped[dt.datetime | None] = _created_at()


class Reconciliation(Base):
    """An account checked against a statement (migration 0009): its closing date and balance. It is finished
    when the account's opening balance plus the entries ticked off equals that balance; editing or deleting a
    ticked entry reopens the account's latest reconciliation."""

    __tablename__ = "reconciliations"
    __table_args__ = (Index("ix_reconciliations_account_id", "account_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False)
    statement_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    statement_balance: Mapped[Decimal] = mapped_column(Money, nullable=False)
    started_at: Mapped[dt.datetime] = mapped_column(Timestamp, nullable=False)
    finished_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)


class Transfer(Base):
    """Money moved between two of the owner's accounts (migration 0009): paying the card from the current
    account, a platform's payout reaching the bank. Neither income nor expense, so no profit figure counts
    it; each side can be ticked off by its account's reconciliation."""

    __tablename__ = "transfers"
    __table_args__ = (Index("ix_transfers_user_id_date", "user_id", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    from_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), nullable=False)
    to_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), nullable=False)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    amount: Mapped[Decimal] = mapped_column(Money, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    from_reconciliation_id: Mapped[int | None] = mapped_column(ForeignKey("reconciliations.id", ondelete="SET NULL"))
    to_reconciliation_id: Mapped[int | None] = mapped_column(ForeignKey("reconciliations.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime | None] = _created_at()


class Expense(_EntryColumns, Base):
    __tablename__ = "expenses"
    __table_args__ = _entry_indexes("expenses", "vendor")

    vendor: Mapped[str | None] = mapped_column(String(255))


class Income(_EntryColumns, Base):
    __tablename__ = "incomes"
    __table_args__ = _entry_indexes("incomes", "client")

    client: Mapped[str | None] = mapped_column(String(255))


class Asset(Base):
    __tablename__ = "assets"
    __table_args__ = (Index("ix_assets_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    acquisition_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    value: Mapped[Decimal] = mapped_column(Money, nullable=False)
    type: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime | None] = _created_at()


# --- additions: sign-in sessions and rate limits (migration 0002) ---------------------------------------


class AuthSession(Base):
    """A sign-in: a browser's (its cookie holds a random token) or a script's (POST /api/v1/auth/login), as
    `client` says (migration 0013). Only the token's keyed hash is stored."""

    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_user_id", "user_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp, nullable=False)
    client: Mapped[str] = mapped_column(String(16), nullable=False, server_default=BROWSER)


class LoginToken(Base):
    """A one-time, short-lived token that carries a successful sign-in from the form to the cookie route.

    It is bound to the pre-login cookie of the browser that signed in (`browser_hash`), so a token that
    leaks (history, logs) is useless in another browser.
    """

    __tablename__ = "login_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    browser_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(Timestamp, nullable=False)


class RateLimitEvent(Base):
    """One counted action (a failed sign-in, an assistant question) in a named bucket.

    Stored in the database so limits hold across several app servers; counting is a sliding window.
    """

    __tablename__ = "rate_limit_events"
    __table_args__ = (Index("ix_rate_limit_events_bucket_created_at", "bucket", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[str] = mapped_column(String(255), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, nullable=False)


# --- additions: statement imports (migration 0003) ------------------------------------------------------


class ImportMapping(Base):
    """The column mapping an owner confirmed for one statement layout (identified by its header row)."""

    __tablename__ = "import_mappings"
    __table_args__ = (UniqueConstraint("user_id", "header_signature"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    header_signature: Mapped[str] = mapped_column(String(64), nullable=False)
    mapping_json: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(Timestamp, nullable=False)


# --- additions: the assistant (migration 0004) ----------------------------------------------------------


class Conversation(Base):
    __tablename__ = "assistant_conversations"
    __table_args__ = (Index("ix_assistant_conversations_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    title: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, nullable=False)


class Message(Base):
    """One turn of a conversation. `payload_json` keeps tool calls, tool results and proposals."""

    __tablename__ = "assistant_messages"
    __table_args__ = (Index("ix_assistant_messages_conversation_id", "conversation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("assistant_conversations.id", ondelete="CASCADE"), nullable=False
    )
    user_id: Mapped[int] = _owner_fk()
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    content: Mapped[str] = mapped_column(Text, nullable=False, default="")
    payload_json: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, nullable=False)


ADD_ENTRY, ADD_ASSET, CHANGE_CATEGORY = "add_entry", "add_asset", "change_category"
ADD_TRANSFER = "add_transfer"  # a transfer between two of the owner's accounts (migration 0009's table)


class AssistantAction(Base):
    """A proposal the owner confirmed: when, in which conversation, and what was written.

    `action` is one of ADD_ENTRY, ADD_ASSET, CHANGE_CATEGORY, ADD_TRANSFER; `record_deleted_at` is set when the
    owner deletes the record later (its id may then be reused by SQLite).
    """

    __tablename__ = "assistant_actions"
    __table_args__ = (Index("ix_assistant_actions_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("assistant_conversations.id", ondelete="SET NULL")
    )
    action: Mapped[str] = mapped_column(String(50), nullable=False)
    record_kind: Mapped[str] = mapped_column(String(20), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    payload_json: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, nullable=False)
    record_deleted_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)  # migration 0005


class AssistantUsage(Base):
    """Tokens and calls per owner per day."""

    __tablename__ = "assistant_usage"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    calls: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    prompt_tokens: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


# --- additions: monthly rollups of the books (migration 0007) -------------------------------------------


class _MonthlyTotalColumns:
    """One cell of a monthly rollup: how many entries of one owner, kind and month fall in it, and their
    exact sum in whole cents. Kept by every write to the entries, in the same transaction, by adding deltas
    (`fintrack.repository.rollups`); a cell whose entries all went stays with zeros and is never read."""

    user_id: Mapped[int] = _owner_fk()
    kind: Mapped[str] = mapped_column(String(10), nullable=False)  # "expense" or "income"
    month: Mapped[dt.date] = mapped_column(Date, nullable=False)  # the month's first day
    entries: Mapped[int] = mapped_column(Integer, nullable=False)
    total_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)


class CategoryMonth(_MonthlyTotalColumns, Base):
    """The owner's entries by kind, month and category."""

    __tablename__ = "category_months"
    __table_args__ = (PrimaryKeyConstraint("user_id", "kind", "month", "category"),)

    category: Mapped[str] = mapped_column(String(100), nullable=False)


class PartyMonth(_MonthlyTotalColumns, Base):
    """The owner's entries by kind, month and vendor or client ('' for entries without one)."""

    __tablename__ = "party_months"
    __table_args__ = (PrimaryKeyConstraint("user_id", "kind", "month", "party"),)

    party: Mapped[str] = mapped_column(String(255), nullable=False)


class AccountDay(Base):
    """The owner's entries by money account and day (migration 0011): how many, and their incomes less their
    expenses in whole cents. `account_id` 0 holds the entries without an account (rows loaded past the
    application), which count in whichever account is the default when read. Kept like the monthly rollups;
    a cell whose entries all went stays with zeros and is never read."""

    __tablename__ = "account_days"
    __table_args__ = (PrimaryKeyConstraint("user_id", "account_id", "day"),)

    user_id: Mapped[int] = _owner_fk()
    account_id: Mapped[int] = mapped_column(Integer, nullable=False)
    day: Mapped[dt.date] = mapped_column(Date, nullable=False)
    entries: Mapped[int] = mapped_column(Integer, nullable=False)
    net_cents: Mapped[int] = mapped_column(BigInteger, nullable=False)


class BooksStamp(Base):
    """A random token per owner, replaced in the same transaction as every write to the owner's entries or
    assets (migration 0012): equal stamps mean equal books, so a summary computed at one stamp can be served
    again while the stamp holds (`fintrack.services.summary_cache`), by any app server."""

    __tablename__ = "books_stamps"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(32), nullable=False)


# --- additions: personal access tokens of the JSON API (migration 0008) ----------------------------------


class ApiToken(Base):
    """A personal access token for the API: only its keyed hash is stored; it reads, or reads and writes."""

    __tablename__ = "api_tokens"
    __table_args__ = (Index("ix_api_tokens_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = _owner_fk()
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    token_hash: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    can_write: Mapped[bool] = mapped_column(Boolean, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(Timestamp, nullable=False)
    expires_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(Timestamp)
