"""Small text helpers shared by the recognisers: cutting what was recognised out of the sentence."""

from __future__ import annotations

import re

_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;!?])")


def tidy(text: str) -> str:
    """Single spaces, no space before punctuation."""
    return _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text.split()))


def cut(text: str, match: re.Match) -> str:
    """`text` without what `match` matched, spaces tidied."""
    return tidy(text[: match.start()] + " " + text[match.end():])

