"""Is a capture HTML or a plain-text dump?"""

from __future__ import annotations

import regex

_TAG = regex.compile(
    r"<(?:!doctype\s+html|html|head|body|div|p|span|a\s|meta|script|table|br|article|section|li|ul|h[1-6])\b",
    regex.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    head = text[:65536]
    tags = len(_TAG.findall(head))
    if tags == 0:
        return False
    if head.lstrip()[:1] == "<":
        return True
    # Text dumps sometimes quote a tag or two; a page has many.
    return tags >= 10 and tags * 40 > len(head.split())
