"""Settings › Your data: download everything (a workbook and a JSON file), or delete the account.

The files are built only when the owner asks and offered in that same run (as the ledger's workbook is, see
`fintrack.ui.workbook_download`): a snapshot is never kept in session state to go stale or hold memory.
Deleting needs the email typed and the password; it ends in the sign-out route, which clears the cookie
and shows the sign-in screen with a message.
"""

from __future__ import annotations

import streamlit as st

from fintrack.services import account_data
from fintrack.services.account_deletion import delete_account
from fintrack.services.accounts import Owner
from fintrack.ui.auth_forms import login_policy
from fintrack.ui.errors import show_errors
from fintrack.ui.resources import database
from fintrack.ui.session import navigate
from fintrack.web.routes import ACCOUNT_DELETED_SIGNOUT

PREPARE_BUTTON = "account_data_prepare"
DELETE_FORM = "delete_account"


def render_data_download(owner: Owner) -> None:
    """'Prepare my data', then the workbook and the JSON file to download."""
    st.subheader("Download all my data")
    st.caption("Everything FinTrack holds for you: your profile, expenses, incomes, assets, categories, import "
               "mappings, the assistant's conversations and actions, and where you are signed in. One Excel "
               "workbook to read, and one JSON file a script can read back (amounts as exact decimals).")
    slot = st.empty()
    if not slot.button("Prepare my data", key=PREPARE_BUTTON, icon=":material/download:"):
        return
    with st.spinner("Gathering your data… large books take a few seconds."), show_errors():
        files = account_data.account_files(database(), owner_id=owner.id)
        with slot.container():
            for file in files:
                st.download_button(f"Download {file.name}", data=file.data, file_name=file.name, mime=file.mime,
                                   key=f"account_data_{file.mime}", icon=":material/download:", on_click="ignore")


def render_account_deletion(owner: Owner) -> None:
    """Type the email and the password, then every row of the owner is deleted at once."""
    st.subheader("Delete my account")
    st.warning("This deletes your account and everything in it for good: your books, assets, imports, the "
               "assistant's conversations and every sign-in. Download your data first if you want to keep it.",
               icon=":material/delete_forever:")
    with st.form(DELETE_FORM, clear_on_submit=True):
        confirmation = st.text_input("Type your email address to confirm", key=f"{DELETE_FORM}_confirmation",
                                     autocomplete="off")
        password = st.text_input("Password", type="password", key=f"{DELETE_FORM}_password",
                                 autocomplete="current-password")
        submitted = st.form_submit_button("Delete my account and all its data", icon=":material/delete_forever:")
    if submitted:
        with show_errors():
            delete_account(database(), owner_id=owner.id, confirmation=confirmation, password=password,
                           policy=login_policy())
            navigate(ACCOUNT_DELETED_SIGNOUT)
