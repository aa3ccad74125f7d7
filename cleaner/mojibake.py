"""Text that was decoded twice: UTF-8 read as Latin-1 or Windows-1252 ("Kosovoâs", "RÃ¼cker").

Old pages and the tools that saved them often did this before the capture reached us; the bytes
are valid, so decoding cannot see it. Every mangled character costs a word of the article (and
adds junk words like "Ã" and "Â"). ftfy undoes it, and only where the result is more plausible
than the input: a well-kept library built for exactly this, with years of cases behind its
judgement that we would not match with a table of our own.
"""

from __future__ import annotations

import regex

# The first two characters of a UTF-8 sequence misread as Latin-1 (C1 controls) or Windows-1252
# (its printable replacements for them): a lead byte's letter, then a continuation byte's. Only
# text holding such a pair is handed to ftfy, which is slow and decides on its own.
_SUSPECT = regex.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def repair_mojibake(text: str) -> str:
    """The text with doubly decoded characters restored; the same text if there are none."""
    if not _SUSPECT.search(text):
        return text
    # Imported on first need: ftfy's tables are ~9 MB of every worker's memory, and most corpora
    # never need them.
    import ftfy
    # Line by line, as ftfy itself reads a text: a page's lines may have been through different
    # hands, and the clean ones (most of them) need not be read at all.
    return "".join(ftfy.fix_encoding(line) if _SUSPECT.search(line) else line
                   for line in text.splitlines(keepends=True))
