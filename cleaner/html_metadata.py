"""A page's title, summary, date, author and site name, from its parsed tree (not the extractor's copy).

trafilatura's own metadata pass (``with_metadata=True``) also collects categories, tags, a
license and a hostname, which an article body does not need; on news pages those lookups
(XPath over every link of the page) cost more than the fields we keep. This reads only the
fields cleaner returns, with trafilatura's own readers for each, in trafilatura's order of
precedence, so the values are the ones ``with_metadata=True`` gave (the date aside: see
``_find_date``).

Two of trafilatura's readers copy the whole tree to prune it first (the author search, and the
date search when neither the URL nor the meta tags give a date). The author search runs here on
the tree itself, as the last reader of the page: ``author_from_markup`` consumes the tree.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from html import unescape

from htmldate import find_date
from lxml import etree
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_metainfo,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import set_date_params
from trafilatura.utils import line_processing, trim
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS, REGEXP_NS

_MAX_CHARS = 10_000


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    description: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None


def read_page_metadata(tree, url: str | None) -> PageMetadata:
    """The metadata the page declares (meta tags, JSON-LD), else what its markup shows.

    Reads the tree without changing it. The author is only the declared one: the search of the
    markup for a byline is ``author_from_markup``, for when the tree is no longer needed.
    """
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a bare handle ("admin", "newsdesk"), not a name
    with contextlib.suppress(Exception):  # bugs in trafilatura's JSON-LD reader: the meta tags still stand
        meta = extract_meta_json(tree, meta)
    if not meta.title:
        meta.title = extract_title(tree)
    page_url = meta.url or extract_url(tree, url)
    date = _find_date(tree, page_url)
    sitename = meta.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")  # a Twitter handle
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
    elif page_url:
        m = META_URL.match(page_url)
        sitename = m[1] if m else None
    return PageMetadata(_tidy(meta.title), _tidy(meta.description), _tidy(date), _tidy(meta.author),
                        _tidy(sitename))


def _find_date(tree, page_url: str | None) -> str | None:
    """The publication date: from the URL, meta tags and date elements, else from the page's text.

    htmldate's extensive search (every text node against its date patterns, ~20 ms on a news
    page) runs only when the structured places have no date; when they have one, the two
    searches agree on all but 3 of 492 pages of zyte-article and l3s-gn1-dev (by two days).
    """
    for extensive in (False, True):
        params = set_date_params(extensive)
        params["url"] = page_url
        date = find_date(tree, **params)
        if date:
            return date
    return None


def author_from_markup(tree) -> str | None:
    """The byline trafilatura's metadata pass finds in the markup (an "author" element, a rel link).

    trafilatura prunes the places where other names appear (comment sections, dates, figures)
    from a copy of the whole page, then searches the rest. Searching first and asking of each
    candidate only whether it lies in such a place gives the same answer without pruning the
    page (most pages have a byline candidate outside them); a candidate holding such a place
    (a date inside the byline) reads differently once pruned, and only then is the page pruned.
    Either way the tree may be pruned in place, so this must be the last use of the tree.
    """
    if _IN_DISCARDED is None or _HOLDS_DISCARDED is None:  # pragma: no cover - paths of another shape
        return _author_after_pruning(tree)
    for expression in AUTHOR_XPATHS:
        for elem in expression(tree):
            if _IN_DISCARDED(elem):
                continue
            if _HOLDS_DISCARDED(elem):
                return _author_after_pruning(tree)
            content = trim(" ".join(elem.itertext()))
            if content and 2 < len(content) < _AUTHOR_MAX_CHARS:
                return _tidy(normalize_authors(None, content))
    return None


def _author_after_pruning(tree) -> str | None:
    author = extract_metainfo(prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS), AUTHOR_XPATHS,
                              len_limit=_AUTHOR_MAX_CHARS)
    return _tidy(normalize_authors(None, author)) if author else None


_AUTHOR_MAX_CHARS = 120
_FROM_ROOT = re.compile(r"(^|\|)\s*\.?//")


def _relative(axis: str):
    """trafilatura's discard paths ("//time|//figure", ".//*[...]"), asked along axis of one element."""
    paths = [x.path.strip() for x in AUTHOR_DISCARD_XPATHS]
    if not all(p.startswith(("//", ".//")) for p in paths):
        return None
    turned = [_FROM_ROOT.sub(lambda m: f"{m[1]}{axis}::", p) for p in paths]
    try:
        return etree.XPath("|".join(f"({p})" if "|" in p else p for p in turned), namespaces={"re": REGEXP_NS})
    except etree.XPathSyntaxError:  # pragma: no cover
        return None


_IN_DISCARDED = _relative("ancestor-or-self")
_HOLDS_DISCARDED = _relative("descendant")


def _tidy(value: str | None) -> str | None:
    """Entities decoded, whitespace and control characters cleaned, as trafilatura's Document does."""
    if not isinstance(value, str):
        return value
    if len(value) > _MAX_CHARS:
        value = value[: _MAX_CHARS - 1] + "…"
    return line_processing(unescape(value))
