"""Assets: what the business owns, at acquisition value; total value and value by type."""

import streamlit as st

from fintrack.services import assets, assistant
from fintrack.ui.asset_views import render_add_form, render_list, render_totals
from fintrack.ui.flash import show_flashes
from fintrack.ui.resources import database
from fintrack.ui.session import require_owner

owner = require_owner()
st.title("Assets")
show_flashes()
rows = assets.list_assets(database(), owner_id=owner.id)
if rows:
    render_totals(owner, assets.asset_totals(database(), owner_id=owner.id))
with st.expander("Add an asset", expanded=not rows, icon=":material/add:"):
    render_add_form(owner)
render_list(owner, rows, assistant.added_record_ids(database(), owner_id=owner.id, kind="asset"))
