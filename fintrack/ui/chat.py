"""The assistant's chat widgets: the transcript, proposal cards with Confirm / Cancel, the gaps panel.

Everything shown comes from the database (the conversation is stored before it is rendered), so a rerun
or a reload shows the same conversation. Session state keeps only the id of the conversation on screen
(a new session opens the latest). Confirmations and cancellations are noted in the conversation itself.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from fintrack import kinds
from fintrack.services import assistant, gaps
from fintrack.services.accounts import Owner
from fintrack.services.assistant import AssistantConfig, ChatMessage, ModelClient, ModelConfig, Proposal
from fintrack.ui.errors import show_errors
from fintrack.ui.resources import database, settings
from fintrack.ui.text import plain

CONFIRM_KEY, CANCEL_KEY = "assistant_confirm", "assistant_cancel"
RETRY_KEY, GAP_KEY = "assistant_retry", "assistant_gap"
NEW_CONVERSATION_KEY = "assistant_new_conversation"
CONVERSATION_KEY = "assistant_conversation_id"  # the conversation on screen (an id, never an object)
_TITLES = {"add_entry": "Add {kind}", "add_asset": "Add asset", "change_category": "Change category",
           "add_transfer": "Transfer between your accounts"}


def assistant_config() -> AssistantConfig:
    """The model (or offline mode) and limits from this installation's settings."""
    return AssistantConfig.from_settings(settings())


def conversation_on_screen(owner: Owner) -> int:
    """The conversation to show: the one picked in this session if it is still the owner's, else the latest."""
    chosen = assistant.resolve_conversation(database(), owner_id=owner.id,
                                            conversation_id=st.session_state.get(CONVERSATION_KEY))
    st.session_state[CONVERSATION_KEY] = chosen
    return chosen


def ask_question(owner: Owner, conversation_id: int, text: str) -> None:
    """Store a question; the page answers it on this run (or the next, after a reload)."""
    with show_errors():
        assistant.ask(database(), owner_id=owner.id, conversation_id=conversation_id, text=text)


def render_header(owner: Owner, config: AssistantConfig, conversation_id: int) -> None:
    """Mode and usage line, the earlier conversations, and the New conversation button."""
    if config.offline:
        st.caption("Offline mode: I understand common requests (add an entry, totals, top clients, what is "
                   "missing). Set `OPENAI_API_KEY` (and `OPENAI_BASE_URL` for a compatible server) for more.")
    else:
        usage = assistant.usage_today(database(), owner_id=owner.id)
        st.caption(f"Model {config.model.model} · today {usage.calls} calls, "
                   f"{usage.prompt_tokens + usage.completion_tokens:,} tokens")
    picker, button = st.columns([3, 1], vertical_alignment="center")
    with picker:
        _history_picker(owner, conversation_id)
    if button.button("New conversation", key=NEW_CONVERSATION_KEY, icon=":material/add_comment:", width="stretch"):
        st.session_state[CONVERSATION_KEY] = assistant.new_conversation(database(), owner_id=owner.id)
        st.rerun()


def _history_picker(owner: Owner, conversation_id: int) -> None:
    found = assistant.recent_conversations(database(), owner_id=owner.id)
    if len(found) < 2:
        return
    titles = {item.id: f"{item.title} · {item.created_at:%-d %b}" for item in found}
    ids = list(titles)
    choice = st.selectbox("Conversation", ids, index=ids.index(conversation_id) if conversation_id in ids else 0,
                          format_func=titles.get, label_visibility="collapsed")
    if choice != conversation_id:
        st.session_state[CONVERSATION_KEY] = choice
        st.rerun()


def render_gaps(owner: Owner, conversation_id: int, *, expanded: bool) -> None:
    """What is missing from the books, each with a question to ask or a page to open."""
    found = gaps.find_gaps(database(), owner=owner, today=dt.date.today())
    if not found:
        return
    with st.expander(f"What's missing from your books ({len(found)})", expanded=expanded,
                     icon=":material/lightbulb:"):
        for number, gap in enumerate(found):
            text, action = st.columns([3, 2], vertical_alignment="center")
            text.markdown(f"**{plain(gap.title)}**  \n{plain(gap.detail)}")
            if gap.ask:
                action.button(f"Ask: “{plain(gap.ask)}”", key=f"{GAP_KEY}_{number}", width="stretch",
                              on_click=ask_question, args=(owner, conversation_id, gap.ask))
            if gap.page:
                action.page_link(gap.page, label=plain(gap.page_label or "Open"), icon=":material/arrow_forward:")


def render_transcript(owner: Owner, messages: list[ChatMessage], conversation_id: int) -> None:
    """Every stored message, with proposal cards after the answer that made them."""
    for index, message in enumerate(messages):  # answers are shown as text too: they quote the books
        with st.chat_message(message.role):
            if message.content:
                st.markdown(plain(message.content))
            for proposal in message.proposals:
                render_proposal(owner, proposal)
            if message.is_error and index == len(messages) - 1:
                _retry_button(owner, messages, conversation_id)


def _retry_button(owner: Owner, messages: list[ChatMessage], conversation_id: int) -> None:
    question = next((m.content for m in reversed(messages) if m.role == "user"), None)
    if question:
        st.button("Try again", key=RETRY_KEY, icon=":material/refresh:", on_click=ask_question,
                  args=(owner, conversation_id, question))


def _day(owner: Owner, value: dt.date | str) -> str:
    """A proposal's date (a date or ISO text) as the owner writes dates."""
    return owner.formats.date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))


def _rows(owner: Owner, proposal: Proposal) -> list[tuple[str, str]]:
    fields = proposal.fields
    if proposal.action == "add_asset":
        return [("Name", fields["name"]), ("Type", fields.get("type") or "—"),
                ("Acquired", _day(owner, fields["acquisition_date"])), ("Value", owner.formats.money(fields["value"])),
                ("Notes", fields.get("notes") or "—")]
    if proposal.action == "add_transfer":
        return [("From", fields["from_account"]), ("To", fields["to_account"]), ("Date", _day(owner, fields["date"])),
                ("Amount", owner.formats.money(fields["amount"])), ("Notes", fields.get("notes") or "—")]
    party = kinds.of(fields["kind"]).party_label
    rows = [("Date", _day(owner, fields["date"])), (party, fields.get("party") or "—"),
            ("Amount", owner.formats.money(fields["amount"]))]
    if proposal.action == "change_category":
        return [("Entry", f"{fields['kind']} #{fields['entry_id']}"), *rows,
                ("Category", f"{fields['from_category']} → {fields['category']}")]
    return [*rows, ("Category", fields["category"]), ("Payment method", fields.get("payment_method") or "—"),
            ("Notes", fields.get("notes") or "—")]


def render_proposal(owner: Owner, proposal: Proposal) -> None:
    """A card with the exact fields; Confirm writes, Cancel drops it. Decided cards show their outcome."""
    with st.container(border=True):
        title = _TITLES[proposal.action].format(kind=proposal.fields.get("kind", ""))
        st.markdown(f"**{plain(title)}**")
        st.markdown("\n".join(f"- **{label}:** {plain(value)}" for label, value in _rows(owner, proposal)))
        if proposal.status == "confirmed":
            st.success(f"Saved ({proposal.record_kind} #{proposal.record_id}).", icon=":material/check_circle:")
        elif proposal.status == "cancelled":
            st.caption("Cancelled: nothing was written.")
        else:
            _decision_buttons(owner, proposal)


def _decision_buttons(owner: Owner, proposal: Proposal) -> None:
    confirm, cancel, _ = st.columns([1, 1, 3])
    if confirm.button("Confirm", key=f"{CONFIRM_KEY}_{proposal.id}", type="primary", icon=":material/check:"):
        with show_errors():
            assistant.confirm(database(), owner_id=owner.id, proposal_id=proposal.id)
            st.rerun()
    if cancel.button("Cancel", key=f"{CANCEL_KEY}_{proposal.id}", icon=":material/close:"):
        with show_errors():
            assistant.cancel(database(), owner_id=owner.id, proposal_id=proposal.id)
            st.rerun()


@st.cache_resource(show_spinner=False)
def _model_client(config: ModelConfig) -> ModelClient:
    """One client per model configuration for the whole server (it keeps its connections open)."""
    return ModelClient(config)


def stream_answer(owner: Owner, conversation_id: int, config: AssistantConfig) -> None:
    """Answer the waiting question, streaming it as it arrives; it is stored, so rerun to show it whole."""
    with st.chat_message("assistant"), st.spinner("Thinking…", show_time=True):
        client = None if config.offline else _model_client(config.model)
        pieces = assistant.answer(database(), owner=owner, conversation_id=conversation_id, config=config,
                                  today=dt.date.today(), client=client)
        st.write_stream(plain(piece) for piece in pieces)
    st.rerun()
