"""Input shapes, validated once for every way in: forms, the importer, the assistant and the API.

Each schema is a pydantic model; `validate()` turns pydantic's errors into one `ValidationError` whose
field messages are written for the owner.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

import pydantic
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator

from fintrack import kinds
from fintrack.display import is_currency, is_locale
from fintrack.errors import ValidationError
from fintrack.kinds import EntryKind
from fintrack.money import parse_amount

EMAIL_PATTERN = re.compile(r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$")
MIN_PASSWORD_LENGTH = 10
EMAIL_MAX_LENGTH = 255  # users.email is varchar(255)
MAX_PASSWORD_LENGTH = 72  # bcrypt reads at most 72 bytes
# Notes are TEXT columns without a limit of their own; the limit is the most an Excel cell holds, so every
# note reaches the accountant's workbook whole (a 5,000 limit refused pasted e-mails and invoice texts).
MAX_NOTES_LENGTH = 32_767
EARLIEST_DATE = dt.date(1900, 1, 1)  # the range of entry and asset dates, shared by the form widgets
LATEST_DATE = dt.date(2100, 12, 31)

Model = TypeVar("Model", bound=BaseModel)


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")  # NUL and friends: PostgreSQL refuses NUL in text
CONTROL_PROBLEM = "contains a control character (such as a NUL byte); remove it"


def has_control_characters(text: str, *, multiline: bool = False) -> bool:
    """Whether `text` holds a C0 control character (tab, newline and CR are fine when `multiline`)."""
    if multiline:
        text = text.replace("\t", "").replace("\n", "").replace("\r", "")
    return CONTROL_CHARACTERS.search(text) is not None


def _one_line(value: Any) -> Any:
    if isinstance(value, str) and has_control_characters(value):
        raise ValueError(CONTROL_PROBLEM)
    return value


def _multiline(value: Any) -> Any:
    if isinstance(value, str) and has_control_characters(value, multiline=True):
        raise ValueError(CONTROL_PROBLEM)
    return value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _optional_text(value: Any) -> Any:
    value = _strip(value)
    return value or None


def parse_date(value: Any) -> dt.date:
    """A date from a `date`, a `datetime` or ISO text; anything else is refused with a clear message."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a date (use YYYY-MM-DD)") from None


def is_book_date(date: dt.date) -> bool:
    """Whether `date` is inside the books' range (a 0001-01-01 date is a typo, and date pickers refuse it)."""
    return EARLIEST_DATE <= date <= LATEST_DATE


def _book_date(value: Any) -> dt.date:
    date = parse_date(value)
    if not is_book_date(date):
        raise ValueError(f"{date.isoformat()} is not between {EARLIEST_DATE.isoformat()} and "
                         f"{LATEST_DATE.isoformat()}")
    return date


def _amount(value: Any, info: ValidationInfo) -> Decimal:
    """An amount as typed; the validation context's `decimal_mark` (the owner's, from a form) settles a
    single mark: a German owner's '1.234' is 1234.00."""
    return parse_amount(value, decimal_mark=(info.context or {}).get("decimal_mark"))


def _signed_amount(value: Any, info: ValidationInfo) -> Decimal:
    """An amount that may be below zero (what a credit card owes)."""
    return parse_amount(value, allow_negative=True, decimal_mark=(info.context or {}).get("decimal_mark"))


def _positive_amount(value: Any, info: ValidationInfo) -> Decimal:
    amount = _amount(value, info)
    if amount == 0:
        raise ValueError("the amount must be more than zero")
    return amount


Text = Annotated[str, AfterValidator(_one_line)]  # one line, no control characters
OptionalText = Annotated[str | None, BeforeValidator(_optional_text), AfterValidator(_one_line)]  # empty: None
OptionalNotes = Annotated[str | None, BeforeValidator(_optional_text), AfterValidator(_multiline)]
InputDate = Annotated[dt.date, BeforeValidator(parse_date)]
BookDate = Annotated[dt.date, BeforeValidator(_book_date)]  # an entry or asset date, in the books' range
Amount = Annotated[Decimal, BeforeValidator(_amount)]
PositiveAmount = Annotated[Decimal, BeforeValidator(_positive_amount)]
SignedAmount = Annotated[Decimal, BeforeValidator(_signed_amount)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @classmethod
    def labels(cls, data: dict[str, Any]) -> dict[str, str]:
        """The owner's word for a field of `data` where it is not the field's own name."""
        return {}


class EntryInput(_Input):
    """An expense or an income. `party` is the vendor of an expense or the client of an income."""

    @classmethod
    def labels(cls, data: dict[str, Any]) -> dict[str, str]:
        kind = data.get("kind")
        return {"party": (kinds.of(kind) if kind in kinds.ENTRY_KINDS else kinds.EXPENSE).party_label}

    kind: EntryKind
    date: BookDate
    category: Text = pydantic.Field(min_length=1, max_length=100)
    party: OptionalText = pydantic.Field(default=None, max_length=255)
    payment_method: OptionalText = pydantic.Field(default=None, max_length=50)
    amount: PositiveAmount
    notes: OptionalNotes = pydantic.Field(default=None, max_length=MAX_NOTES_LENGTH)
    account_id: int | None = None  # the money account it went through; None: the owner's default account


AccountType = Literal["current", "savings", "credit_card", "cash", "platform"]


class AccountInput(_Input):
    """A money account: where it is kept, and what it held on the day the books start following it."""

    @classmethod
    def labels(cls, data: dict[str, Any]) -> dict[str, str]:
        return {"opening_balance": "Opening balance", "opening_date": "Opening date"}

    name: Text = pydantic.Field(min_length=1, max_length=100)
    type: AccountType
    opening_balance: SignedAmount
    opening_date: BookDate


class StatementInput(_Input):
    """The closing date and balance of a statement an account is reconciled with."""

    @classmethod
    def labels(cls, data: dict[str, Any]) -> dict[str, str]:
        return {"statement_date": "Statement date", "statement_balance": "Statement balance"}

    statement_date: BookDate
    statement_balance: SignedAmount


class TransferInput(_Input):
    """Money moved from one of the owner's accounts to another: neither income nor expense."""

    @classmethod
    def labels(cls, data: dict[str, Any]) -> dict[str, str]:
        return {"from_account_id": "From account", "to_account_id": "To account"}

    from_account_id: int
    to_account_id: int
    date: BookDate
    amount: PositiveAmount
    notes: OptionalNotes = pydantic.Field(default=None, max_length=MAX_NOTES_LENGTH)


class AssetInput(_Input):
    """Something the business owns, at its acquisition value."""

    name: Text = pydantic.Field(min_length=1, max_length=255)
    acquisition_date: BookDate
    value: Amount
    type: OptionalText = pydantic.Field(default=None, max_length=100)
    notes: OptionalNotes = pydantic.Field(default=None, max_length=MAX_NOTES_LENGTH)


class CategoryRenameInput(_Input):
    """Rename a category of expenses or incomes across all entries; a name already in use merges them."""

    @classmethod
    def labels(cls, data: dict[str, Any]) -> dict[str, str]:
        return {"old": "Category", "new": "New name"}  # as the Settings form labels its boxes

    kind: EntryKind
    old: Text = pydantic.Field(min_length=1, max_length=100)
    new: Text = pydantic.Field(min_length=1, max_length=100)


class ProfileInput(_Input):
    """The business settings an owner can change."""

    business_name: Text = pydantic.Field(min_length=1, max_length=255)
    fiscal_year_start: InputDate
    currency_code: str
    locale: str | None = None  # None: derived from the currency (sign-up) or kept (Settings)

    @field_validator("currency_code", mode="before")
    @classmethod
    def _currency(cls, value: Any) -> str:
        code = str(value or "").strip().upper()
        if not is_currency(code):
            raise ValueError(f"'{value}' is not an ISO 4217 currency code in circulation (for example EUR, USD, "
                             "GBP)")
        return code

    @field_validator("locale", mode="before")
    @classmethod
    def _locale(cls, value: Any) -> str | None:
        if value is None:
            return None
        if not is_locale(str(value).strip()):
            raise ValueError(f"'{value}' is not a known locale (for example de_DE, en_US, ja_JP)")
        return str(value).strip()


def _check_password(value: str) -> str:
    if len(value) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"use at least {MIN_PASSWORD_LENGTH} characters")
    if len(value.encode()) > MAX_PASSWORD_LENGTH:
        raise ValueError(f"use at most {MAX_PASSWORD_LENGTH} bytes")
    return value


class SignUpInput(ProfileInput):
    """A new account: the profile plus email and password."""

    email: str = pydantic.Field(max_length=EMAIL_MAX_LENGTH)
    password: str

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: Any) -> str:
        email = str(value or "").strip().lower()
        if not EMAIL_PATTERN.match(email):
            raise ValueError(f"'{value}' is not an email address")
        return email

    _password = field_validator("password")(lambda cls, value: _check_password(value))


class PasswordChangeInput(_Input):
    current_password: str
    new_password: str

    _password = field_validator("new_password")(lambda cls, value: _check_password(value))


class ApiTokenInput(_Input):
    """A personal access token of the API: its name, whether it may write, and the last day it works (none:
    until revoked)."""

    name: Text = pydantic.Field(min_length=1, max_length=100)
    can_write: bool = False
    expires_on: InputDate | None = None


_MESSAGES = {
    "string_too_long": "is too long (at most {max_length} characters)",
    "string_too_short": "is required",
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "literal_error": "must be one of {expected}",
}


def _message(error: dict[str, Any]) -> str:
    template = _MESSAGES.get(error["type"])
    if template:
        return template.format(**error.get("ctx", {}))
    if error.get("input") is None:  # None for a required field (an empty category cell, a form left blank)
        return "is required"
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, ValueError):  # our validators' messages (AmountError is one)
        return str(cause)
    return error["msg"].removeprefix("Value error, ")


def validate(schema: type[Model], data: dict[str, Any], *, decimal_mark: str | None = None) -> Model:
    """Build `schema` from `data` or raise one `ValidationError` listing every field's problem.

    `decimal_mark` is the owner's (',' or '.') where a person typed the amounts in their own format."""
    try:
        return schema.model_validate(data, context={"decimal_mark": decimal_mark})
    except pydantic.ValidationError as exc:
        problems: dict[str, str] = {}
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"]) or "input"
            problems.setdefault(field, _message(error))
        raise ValidationError(problems, schema.labels(data)) from None
