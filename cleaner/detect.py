"""Is a capture HTML or a plain-text dump?"""

from __future__ import annotations

import regex

_TAG = regex.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|span|a\s|meta|script|table|br|article|section|li|ul|h[1-6])\b",
    regex.IGNORECASE,
)
# Any start tag, end tag or comment: what a line of a page's source nearly always holds.
_MARKUP = regex.compile(r"<(?:!--|/?[a-z][\w:-]*(?:\s[^<>]*)?/?>)", regex.IGNORECASE)
_DOCUMENT_TAG = regex.compile(r"<(?:!doctype|html|head|body)\b", regex.IGNORECASE)
# A text dump that opens with markup has it on a line or two, and many plain lines after it.
_PLAIN_LINES = 20
_PLAIN_PER_MARKUP_LINE = 3


def looks_like_html(text: str) -> bool:
    head = text[:65536]
    tags = len(_TAG.findall(head))
    if tags == 0:
        return False
    if head.lstrip()[:1] == "<":
        return not _text_under_stray_markup(head)
    # Text dumps sometimes quote a tag or two; a page has many.
    return tags >= 10 and tags * 40 > len(head.split())


def _text_under_stray_markup(head: str) -> bool:
    """A text dump that starts with a tag: a renderer that printed an ad's markup as text.

    Seen in inscriptis dumps whose page had a <noscript> ad: the first line is an <a href><img>,
    the lines after it are the page's text. A page says it is a document (doctype, <html>,
    <head>, <body>); a fragment of one (an article body from a JSONL field) has markup on most
    of its lines.
    """
    if _DOCUMENT_TAG.search(head):
        return False
    markup = plain = 0
    for line in head.splitlines():
        if _MARKUP.search(line):
            markup += 1
        elif line.strip():
            plain += 1
    return plain >= _PLAIN_LINES and plain >= _PLAIN_PER_MARKUP_LINE * markup
