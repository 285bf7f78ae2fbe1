"""Owner and statement text shown as text: escaped so Streamlit's markdown renders it exactly as typed.

Streamlit reads markdown (and LaTeX, emoji shortcodes, `:material/...:` icons and `:red[...]` colours)
in st.markdown, st.write of strings, titles, captions, alerts, toasts, widget labels, option labels,
button, expander and tab labels and help tooltips. A vendor name comes from an imported file, so a
stranger writes it: `![x](http://elsewhere/p.png)` in it must never load an image. Every place that
builds such text from owner data passes the owner's part through `plain()`.

Backslash escapes stop the markdown parser, but Streamlit's frontend (1.67, StreamlitMarkdown) also
rewrites the parsed text: `:streamlit:` becomes a logo, `:smile:` an emoji, `->` `--` `<=` arrows and
dashes, and GFM turns `http://...`, `www.` and `a@b.c` into links. Those run on the unescaped text, so
an invisible WORD JOINER (U+2060) is put inside each such sequence: it reads and prints as typed.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"

# Sequences the frontend rewrites after parsing; a WORD JOINER goes at each match (a zero-width position).
_REWRITTEN = re.compile(
    r"(?<=[-<>~])(?=[-<>=])"   # <-> -> <- -- >= <= ~=  become arrows and dashes
    r"|(?<=:)(?=\S)"          # :streamlit: :smile: and http:// (text after a colon)
    r"|(?<=@)(?=\S)"          # e-mail autolinks
    r"|(?<=www)(?=\.)",       # www.example.com autolinks
    re.IGNORECASE)

# CommonMark lets a backslash escape any ASCII punctuation; these are the characters that mean something
# to Streamlit's markdown (GFM, LaTeX `$`, directives `:`, setext `=`, entities `&`, HTML `<`).
_SIGNIFICANT = re.compile(r"""([\\`*_{}\[\]()#+\-.!|~<>$:&=^"'%@/])""")


def plain(text: object) -> str:
    """`text` escaped for markdown, so it reads literally in any Streamlit element that renders markdown."""
    if text is None:
        return ""
    return _SIGNIFICANT.sub(r"\\\1", _REWRITTEN.sub(WORD_JOINER, str(text)))
