"""The headline, when the title the page declares is the headline with the site's name around it.

A page's <title> (and often its og:title) is "Headline - Section - Site", "Site: Headline" or
"Headline_English_Site"; the page itself shows the headline alone, above the story. When one of
the first lines of the extracted body is the declared title minus such a prefix or suffix, that
line is the headline.
"""

from __future__ import annotations

from .heuristics import word_count
from .text_path import _key

_NEAR_TOP = 8  # the headline sits above the story, among the first lines of the body
_MIN_WORDS = 3  # "Sport", "News": a section name, not the headline


def headline_in_body(title: str | None, texts: list[str], sitename: str | None) -> str | None:
    """The body line that is the declared title stripped of site and section names, if any."""
    if not title:
        return None
    tkey = _key(title)
    skey = _key(sitename) if sitename else None
    for text in texts[:_NEAR_TOP]:
        key = _key(text)
        if not key or key in (tkey, skey) or word_count(text) < _MIN_WORDS:
            continue
        if tkey.startswith(key + " ") or tkey.endswith(" " + key):
            return text
    return None
