"""The assistant: ask the books in plain words; it proposes writes that only the owner's click confirms.

Public API (screens and other services use these names):
- conversations: `current_conversation`, `new_conversation`, `recent_conversations`, `resolve_conversation`,
  `ask`, `transcript`, `needs_answer`
- answering: `answer` (a generator of text pieces to stream), `AssistantConfig`
- proposals: `confirm`, `cancel`, `added_record_ids`, `recent_actions`
- usage: `usage_today`
"""

from fintrack.services.assistant.conversations import (
    ChatMessage,
    ConversationInfo,
    ask,
    current_conversation,
    new_conversation,
    recent_conversations,
    resolve_conversation,
    transcript,
)
from fintrack.services.assistant.engine import AssistantConfig, answer, needs_answer
from fintrack.services.assistant.limits import Usage, usage_today
from fintrack.services.assistant.model import ModelClient, ModelConfig
from fintrack.services.assistant.proposals import (
    Action,
    Proposal,
    added_record_ids,
    cancel,
    confirm,
    describe,
    recent_actions,
)

__all__ = [
    "Action", "AssistantConfig", "ChatMessage", "ConversationInfo", "ModelClient", "ModelConfig", "Proposal",
    "Usage", "added_record_ids", "answer", "ask", "cancel", "confirm", "current_conversation", "describe",
    "needs_answer", "new_conversation", "recent_actions", "recent_conversations", "resolve_conversation",
    "transcript", "usage_today",
]
