"""Assistant: ask the books in plain words; what it proposes to write waits for your Confirm.

The question is stored before anything else, the answer is produced while the last question has none
and stored before it is shown, so reruns and reloads never lose or repeat a question.
"""

import streamlit as st

from fintrack.services import assistant
from fintrack.ui.chat import (
    ask_question,
    assistant_config,
    conversation_on_screen,
    render_gaps,
    render_header,
    render_transcript,
    stream_answer,
)
from fintrack.ui.resources import database
from fintrack.ui.session import require_owner

owner = require_owner()
st.title("Assistant")
config = assistant_config()
conversation_id = conversation_on_screen(owner)

question = st.chat_input("Ask about your books, or say what to add…")
if question:
    ask_question(owner, conversation_id, question)

render_header(owner, config, conversation_id)
messages = assistant.transcript(database(), owner_id=owner.id, conversation_id=conversation_id)
render_gaps(owner, conversation_id, expanded=not messages)
if not messages:
    st.info("Ask a question like *how much did I spend on travel this quarter?* or say *add 42.50 fuel at Shell "
            "yesterday, card*. Anything I add waits for your **Confirm**.", icon=":material/chat:")
render_transcript(owner, messages, conversation_id)
if assistant.needs_answer(database(), owner_id=owner.id, conversation_id=conversation_id):
    stream_answer(owner, conversation_id, config)
