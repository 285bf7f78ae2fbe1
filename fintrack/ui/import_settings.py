"""The import screen's upload and settings: how the file is read and which column holds what.

Widgets start from what was detected (or remembered for this header layout); their keys carry the file
and layout, so a new statement starts fresh. Previews are kept in session state per file and settings,
so moving a widget does not re-read a large file that was already read with those settings.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

import streamlit as st

from fintrack.importing.dates import ORDER_LABELS
from fintrack.importing.limits import ImportLimits
from fintrack.importing.mapping import ROLE_LABELS, ColumnMapping
from fintrack.importing.reading import DELIMITER_LABELS, DELIMITERS, ENCODING_LABELS, ENCODINGS
from fintrack.services import imports, money_accounts
from fintrack.services.accounts import Owner
from fintrack.ui.resources import database, settings

UPLOAD_VERSION_KEY = "import_upload_version"
PREVIEWS_KEY = "import_previews"
KEPT_PREVIEWS = 3  # a 50,000-row preview is tens of MB; keep only the recent settings
NOT_IN_FILE = -1
AMOUNT_MODES = {"single": "One amount column (minus = money out)", "split": "Debit and credit columns"}


@dataclass(frozen=True)
class Upload:
    """An uploaded statement: its name, bytes and a short digest that names it in widget keys."""

    name: str
    data: bytes

    @functools.cached_property
    def digest(self) -> str:
        """Hashed once per upload: widget keys and the preview cache read it several times a run."""
        return hashlib.sha256(self.data).hexdigest()[:16]


def statement_upload() -> Upload | None:
    """The uploaded statement, if any (the uploader is renewed after each import)."""
    version = st.session_state.get(UPLOAD_VERSION_KEY, 0)
    uploaded = st.file_uploader("Statement (CSV or Excel)", type=["csv", "txt", "tsv", "xlsx"],
                                key=f"import_upload_{version}", max_upload_size=_limits().max_upload_megabytes,
                                help="The export of your bank, card or payment provider. Nothing is written "
                                     "until you confirm.")
    return Upload(uploaded.name, uploaded.getvalue()) if uploaded is not None else None


def forget_upload() -> None:
    """Empty the uploader and the kept previews (after an import)."""
    st.session_state[UPLOAD_VERSION_KEY] = st.session_state.get(UPLOAD_VERSION_KEY, 0) + 1
    st.session_state.pop(PREVIEWS_KEY, None)


def cached_preview(owner: Owner, upload: Upload, *, mapping: ColumnMapping | None = None,
                   encoding: str | None = None, delimiter: str | None = None,
                   date_order_confirmed: bool = False, account_id: int | None = None) -> imports.Preview:
    """`imports.preview` for these settings, read once per file and settings."""
    key = (owner.id, upload.digest, upload.name, encoding, delimiter, mapping.to_json() if mapping else None,
           date_order_confirmed, account_id)
    kept: dict = st.session_state.setdefault(PREVIEWS_KEY, {})
    if key not in kept:
        with st.spinner("Reading the statement…"):
            kept[key] = imports.preview(database(), owner_id=owner.id, data=upload.data, filename=upload.name,
                                        mapping=mapping, encoding=encoding, delimiter=delimiter,
                                        date_order_confirmed=date_order_confirmed, limits=_limits(),
                                        account_id=account_id)
        for old in list(kept)[:-KEPT_PREVIEWS]:
            kept.pop(old)
    return kept[key]


def _limits() -> ImportLimits:
    """The caps of the settings (FINTRACK_IMPORT_MAX_*)."""
    return ImportLimits.from_settings(settings())


def read_options(detected: imports.Preview, upload: Upload) -> tuple[str | None, str | None]:
    """Encoding and delimiter widgets (CSV only); None where the detected value is kept."""
    if detected.encoding == "xlsx":
        st.caption("Excel workbook: the first sheet is read.")
        return None, None
    first, second = st.columns(2)
    encoding = first.selectbox("Encoding", ENCODINGS, index=ENCODINGS.index(detected.encoding),
                               format_func=ENCODING_LABELS.get, key=f"import_encoding_{upload.digest}",
                               help="Detected from the file; change it if accents look wrong.")
    delimiter = second.selectbox("Separator", DELIMITERS, index=_position(DELIMITERS, detected.delimiter),
                                 format_func=DELIMITER_LABELS.get, key=f"import_delimiter_{upload.digest}")
    return (None if encoding == detected.encoding else encoding,
            None if delimiter == detected.delimiter else delimiter)


def _position(options: tuple[str, ...], value: str) -> int:
    return options.index(value) if value in options else 0


def mapping_widgets(base: imports.Preview, key: str) -> tuple[ColumnMapping, bool, bool]:
    """Widgets for every role and reading rule, starting from `base.mapping`.

    Returns the mapping they describe, whether the owner made a choice of their own (changed
    something, or answered the date order question), and whether the date order of ambiguous dates
    was answered (explicitly, or by the remembered mapping the radio starts from).
    """
    start = base.mapping
    mode = st.segmented_control("Amounts are in", list(AMOUNT_MODES), format_func=AMOUNT_MODES.get,
                                default="single" if start.amount is not None or start.debit is None else "split",
                                required=True, key=f"{key}_mode")
    money_roles = ("amount", "type") if mode == "single" else ("debit", "credit")
    roles = ("date", *money_roles, "party", "category", "notes", "balance", "fee")
    columns = st.columns(3)
    chosen = {role: _column_select(base, role, key, columns[number % 3]) for number, role in enumerate(roles)}
    chosen.update({role: None for role in ("amount", "type", "debit", "credit") if role not in money_roles})
    order, answered = _date_order(base, key)
    first, second = st.columns(2)
    decimal_comma = first.toggle("Decimal comma (1.234,56)", value=start.decimal_comma, key=f"{key}_comma")
    flip = second.toggle("Flip signs (my statement shows money out as positive)", value=start.flip_sign,
                         key=f"{key}_flip")
    mapping = ColumnMapping(**chosen, date_order=order, decimal_comma=decimal_comma, flip_sign=flip,
                            account_id=start.account_id)
    return mapping, (answered and base.needs_date_order) or mapping != start, answered


def _column_select(base: imports.Preview, role: str, key: str, column) -> int | None:  # noqa: ANN001
    options = [NOT_IN_FILE, *range(len(base.header))]
    current = getattr(base.mapping, role)
    picked = column.selectbox(ROLE_LABELS[role], options, index=options.index(NOT_IN_FILE if current is None
                                                                              else current),
                              format_func=lambda index: _column_label(base, index), key=f"{key}_{role}")
    return None if picked == NOT_IN_FILE else picked


def _column_label(base: imports.Preview, index: int) -> str:
    if index == NOT_IN_FILE:
        return "— not in this file —"
    name = base.header[index] or f"Column {index + 1}"
    sample = base.samples[index] if index < len(base.samples) else ""
    return f"{name}  (e.g. {sample[:30]})" if sample else name


def _date_order(base: imports.Preview, key: str) -> tuple[str, bool]:
    """The date order and whether it is answered; when the dates read both ways, the owner is asked
    (no answer preselected unless the layout's mapping was remembered)."""
    if not base.date_ambiguous:
        return base.mapping.date_order, False
    st.warning("Every date in this file reads both day first and month first (like 03/04/2024). "
               "Which is it?", icon=":material/calendar_month:")
    preselect = None if base.needs_date_order else ("DMY", "MDY").index(base.mapping.date_order)
    answer = st.radio("How are the dates written?", ("DMY", "MDY"), index=preselect,
                      format_func=ORDER_LABELS.get, horizontal=True, key=f"{key}_date_order")
    return (answer or base.mapping.date_order), answer is not None


def account_choice(owner: Owner, base: imports.Preview, key: str) -> int | None:
    """Which of the owner's accounts the statement belongs to (starting from the one remembered with the
    layout, else the default); None while that is still the choice."""
    accounts = money_accounts.list_accounts(database(), owner_id=owner.id)
    names = {account.id: account.name for account in accounts}
    start = base.account.id if base.account else accounts[0].id
    picked = st.selectbox("Account", list(names), index=list(names).index(start), format_func=names.__getitem__,
                          key=f"{key}_account", help="The account this statement belongs to; remembered for the "
                                                     "next statement with the same columns.")
    return None if picked == start else picked


def describe_mapping(preview: imports.Preview) -> str:
    """'Date → Buchungstag, Amount (signed) → Betrag, …' for the recognised-layout message."""
    return ", ".join(f"{ROLE_LABELS[role]} → {preview.header[index]}"
                     for role, index in preview.mapping.columns().items())
