"""`plain()`: owner text escaped so Streamlit's markdown shows it as typed (the markdown here is what the
frontend would read; the hostile-text screen and browser tests check the rendering itself)."""

from __future__ import annotations

import re

import pytest

from fintrack.ui.text import HARD_BREAK, NO_BREAK_SPACE, WORD_JOINER, plain

IMAGE = "![x](http://127.0.0.1:9/p.png)"
HTML = "<img src=http://127.0.0.1:9/h.png>"


def _bare(markdown: str) -> str:
    """The characters of `markdown` that the parser reads as themselves: each backslash escape removed."""
    return re.sub(r"\\.", "", markdown)


def _read_back(markdown: str) -> str:
    """What a reader sees: backslash escapes, word joiners, no-break spaces and hard breaks undone."""
    text = markdown.replace(HARD_BREAK, "\n").replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize("text", [IMAGE, HTML, "**bold** _it_ `code` ~~gone~~", "[link](http://x)", "$x^2$",
                                  "a | b", "&lt;b&gt;", "{attr}", "back\\slash"])
def test_characters_that_are_markup_anywhere_are_escaped(text):
    shown = plain(text)
    assert not set(_bare(shown)) & set("[]<>*_`~$|&{}\\"), shown
    assert _read_back(shown) == text


def test_an_image_link_cannot_form_without_its_bracket():
    assert plain(IMAGE).startswith("!\\[x\\](http:")


@pytest.mark.parametrize(("text", "shown"), [
    ("# Heading", "\\# Heading"), ("- item", "\\- item"), ("+ item", "\\+ item"), ("===", "\\==="),
    ("1986. A fine year", "1986\\. A fine year"), ("2) second", "2\\) second"),
])
def test_line_starts_that_make_blocks_are_escaped(text, shown):
    assert plain(text).replace(WORD_JOINER, "") == shown


def test_every_line_of_a_note_is_a_line_and_keeps_its_indent():
    shown = plain("first\r\n- second\n    third")
    assert shown == f"first{HARD_BREAK}\\- second{HARD_BREAK}{NO_BREAK_SPACE * 4}third"


@pytest.mark.parametrize("text", [":streamlit:", ":smile:", ":material/home:", ":red[alert]", "a -> b", "a -- b",
                                  "x >= 1", "a <- b", "~= 2", "http://127.0.0.1/p.png", "www.example.com",
                                  "me@example.com"])
def test_sequences_streamlit_rewrites_after_parsing_are_broken_invisibly(text):
    shown = plain(text)
    after_parsing = re.sub(r"\\(.)", r"\1", shown)  # the frontend's rewrites see the text without escapes
    for rewritten in (r":[\w/+-]+:", r":[a-z][\w-]*\[", r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)", r"https?://",
                      r"www\.", r"\w@\w"):
        assert not re.search(rewritten, after_parsing), (rewritten, shown)
    assert _read_back(shown) == text


def test_ordinary_sentences_stay_as_they_are():
    for text in ("Added Van (€18,500.00).", "Renamed 'Sofware' into 'Software' (1 expense).", "Saved expense #3.",
                 "Note: paid 2026-03-01", "Hello world!"):
        assert plain(text) == text


def test_nothing_and_numbers():
    assert plain(None) == "" and plain(42) == "42"
