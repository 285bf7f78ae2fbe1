"""Owner and statement text shown as text: escaped so Streamlit's markdown renders it exactly as typed.

Streamlit reads markdown (and LaTeX, emoji shortcodes, `:material/...:` icons and `:red[...]` colours)
in st.markdown, st.write of strings, titles, captions, alerts, toasts, widget labels, radio and
segmented-control options, button, expander, tab and page-link labels and help tooltips (selectbox and
multiselect options and table cells are shown as text already). A vendor name comes from an imported
file, so a stranger writes it: `![x](http://elsewhere/p.png)` in it must never load an image. Every place
that builds such markdown from owner data passes the owner's part through `plain()`.

What is escaped, and why only that:
- a backslash before every character that is markup wherever it stands: \\ ` * _ { } [ ] < > | ~ $ &
  (emphasis, code, links and images need `[` `]`, HTML and autolinks `<`, LaTeX `$`, entities `&`);
- a backslash before what is markup only at the start of a line (heading `#`, list `-` `+` `1.` `1)`,
  setext `=`), so "Added Van (€18,500.00)." or "expense #3" stay readable as plain strings too:
  `!` `(` `)` `.` `#` `-` mid-line make nothing without an unescaped `[` or a line start;
- an invisible WORD JOINER (U+2060) inside the sequences Streamlit's frontend (1.67, StreamlitMarkdown)
  rewrites after parsing, when backslashes are gone: `:streamlit:` (a logo), `:smile:` (emoji),
  `:material/x:` and `:red[...]` directives, `->` `<-` `--` `>=` `<=` `~=` (arrows and dashes), and the
  GFM autolinks `http://...`, `www.` and `a@b.c`. It reads, and prints, as typed;
- line breaks stay line breaks (markdown would join the lines of a note or an answer into one), and
  spaces that indent a line become no-break spaces (markdown drops them, or reads four as a code block).
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
HARD_BREAK = "  \n"  # two spaces before the newline: a line break inside the paragraph
NO_BREAK_SPACE = "\u00a0"

_REWRITTEN = re.compile(
    r"(?<=[-<>~])(?=[-<>=])"   # <-> -> <- -- >= <= ~=  become arrows and dashes
    r"|(?<=:)(?=\S)"          # :streamlit: :smile: :material/x: :red[...] and http:// (text after a colon)
    r"|(?<=@)(?=\S)"          # e-mail autolinks
    r"|(?<=www)(?=\.)",       # www.example.com autolinks
    re.IGNORECASE)
_ANYWHERE = re.compile(r"([\\`*_{}\[\]<>|~$&])")
_LINE_START = re.compile(r"^(?:([#+=-])|(\d+)([.)]))", re.MULTILINE)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_LINE_BREAK = re.compile(r"\r\n?|\n")


def _escape_line_start(match: re.Match[str]) -> str:
    marker, number, delimiter = match.groups()
    return f"\\{marker}" if marker else f"{number}\\{delimiter}"


def _keep_indent(match: re.Match[str]) -> str:
    return NO_BREAK_SPACE * len(match.group().expandtabs(4))


def plain(text: object) -> str:
    """`text` escaped for markdown, so it reads literally in any Streamlit element that renders markdown."""
    if text is None:
        return ""
    lines = _INDENT.sub(_keep_indent, _LINE_BREAK.sub("\n", str(text)))
    escaped = _ANYWHERE.sub(r"\\\1", _REWRITTEN.sub(WORD_JOINER, lines))
    return _LINE_START.sub(_escape_line_start, escaped).replace("\n", HARD_BREAK)
