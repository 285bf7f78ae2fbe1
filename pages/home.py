"""Home: sign in, create an account or try the demo for visitors; getting started and quick add for owners."""

from fintrack.ui.auth_forms import render_visitor_screen
from fintrack.ui.getting_started import render_owner_home
from fintrack.ui.session import current_owner

owner = current_owner()
if owner is None:
    render_visitor_screen()
else:
    render_owner_home(owner)
