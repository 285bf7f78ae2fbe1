"""Small text helpers shared by the recognisers: cutting what was recognised out of the sentence."""

from __future__ import annotations

import re

_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;!?])")
# A mark between words and an amount is a separator, not a sign: 'Hetzner - 39', 'Spotify: 11.99', 'fuel=45',
# 'lunch — 12'; so is a dash between words ('rent - december - 1250'), which would otherwise stand against the
# amount once the words are taken out. A minus written against the number ('-30') or opening the sentence
# stays a minus.
_SEPARATOR = re.compile(r"(?<=[^\W\d_])(?:\s*[–—:=]\s*|\s+-\s+)(?=[€$£¥₹]?\s?\d)|"
                        r"(?<=[^\W\d_])\s+[-–—]\s+(?=[^\W\d_])")


def tidy(text: str) -> str:
    """Single spaces, no space before punctuation."""
    return _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text.split()))


def unseparated(text: str) -> str:
    """`text` without the marks owners put between a name and its amount ('Hetzner - 39' is 'Hetzner 39')."""
    return _SEPARATOR.sub(" ", text)


def cut(text: str, match: re.Match) -> str:
    """`text` without what `match` matched, spaces tidied."""
    return tidy(text[: match.start()] + " " + text[match.end():])



def cut_apart(text: str, match: re.Match) -> str:
    """`text` without what `match` matched, a comma left in its place so that the words either side are not
    read as one name ('from Jane 80 workshop', 'from Initech for Q1 consulting')."""
    return tidy(f"{text[:match.start()]} , {text[match.end():]}").strip(" ,")
