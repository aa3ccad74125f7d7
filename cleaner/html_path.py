"""Cleaning an HTML capture: one parse, site selectors on the tree, trafilatura, then our line heuristics.

trafilatura finds the article container well; what it keeps inside that container (a quote box,
"Read more: ..." lines, share bars, tag lists) is exactly what the text heuristics recognise, so
its output goes through the same line classifier the text path uses, minus the main-run search
(the extractor already chose the run).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import trafilatura
from lxml import etree, html as lxml_html

from .article import Removal
from .heuristics import ALL as HEURISTICS
from .heuristics import NavRunHeuristic, ends_sentence, word_count
from .metadata import _dateline, read_metadata_line
from .rule_files import SiteRules
from .text_path import META_KIND_REASON, _key
from .text_units import Unit

# Inside an extracted article a short list is usually the article's own (key points, a recipe):
# the nav-run heuristic, made for whole-page dumps, would eat it.
_HTML_HEURISTICS = tuple(h for h in HEURISTICS if not isinstance(h, NavRunHeuristic))
_LIST_PREFIX = "- "


@dataclass
class HtmlResult:
    title: str | None
    paragraphs: list[str]
    date: str | None
    byline: str | None
    sitename: str | None
    removed: list[Removal]
    # Every extracted line in order, with the reason it was removed (None if kept): for `explain`.
    trace: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def _text_of(el) -> str:
    return " ".join(el.text_content().split())


def parse(markup: str):
    """The page's tree, or None if there is no document in it."""
    return trafilatura.load_html(markup)


def clean_html(markup: str, url: str | None, site: SiteRules | None, *, favor_precision: bool = False,
               record: bool = True) -> HtmlResult:
    removed: list[Removal] = []
    tree = parse(markup)
    if tree is None:
        return HtmlResult(None, [], None, None, None, removed)
    rule_title = None
    if site:
        for xpath in site.html_drop:
            for el in tree.xpath(xpath):
                if record:
                    removed.append(Removal(_text_of(el)[:500], "site-selector", site.label))
                if el.getparent() is not None:
                    el.drop_tree()
        if site.html_title:
            found = tree.xpath(site.html_title)
            if found:
                rule_title = _text_of(found[0]) or None
        if site.html_body:
            found = tree.xpath(site.html_body)
            if found:
                tree = _with_body(tree, found[0])
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                      favor_precision=favor_precision)
    if doc is None:
        return HtmlResult(rule_title, [], None, None, None, removed)
    title = rule_title or (doc.title or None)
    paragraphs, date, byline, trace = _clean_lines(doc.text or "", title, site, removed if record else None)
    return HtmlResult(title, paragraphs, doc.date or date, doc.author or byline, doc.sitename or None, removed,
                      trace)


def _with_body(tree, body_el):
    """A document whose body is only the rule's container, keeping the head for metadata."""
    new = lxml_html.Element("html")
    head = tree.find("head")
    if head is not None:
        new.append(copy.deepcopy(head))
    body = etree.SubElement(new, "body")
    body.append(copy.deepcopy(body_el))
    return new


def _clean_lines(text: str, title: str | None, site: SiteRules | None, removed: list[Removal] | None):
    lines = [line.strip() for line in text.split("\n")]
    units = [
        Unit(line[len(_LIST_PREFIX):] if line.startswith(_LIST_PREFIX) else line, n, n, line,
             list_item=line.startswith(_LIST_PREFIX))
        for n, line in enumerate(lines, 1) if line
    ]
    verdict: list[tuple[str, str] | None] = [None] * len(units)
    protected = [bool(site and site.is_protected(u.text)) for u in units]
    date = byline = None
    if site:
        for i, u in enumerate(units):
            for rule in site.drop:
                if not protected[i] and rule.pattern.search(u.text):
                    verdict[i] = (rule.reason, site.label)
                    break
        cut = next((i for i, u in enumerate(units) for r in site.drop_after if r.pattern.search(u.text)), None)
        if cut is not None:
            for k in range(cut, len(units)):
                verdict[k] = verdict[k] or ("site-tail", site.label)
    for i, u in enumerate(units):
        if verdict[i] or protected[i]:
            continue
        m = read_metadata_line(u.text)
        if m and (m.kind != "dateline" or m.rest is None):
            date = date or m.date
            byline = byline or m.byline
            verdict[i] = (META_KIND_REASON[m.kind], f"heuristic:{META_KIND_REASON[m.kind]}")
    for h in _HTML_HEURISTICS:
        for i, flagged in enumerate(h.flag(units)):
            if flagged and not verdict[i] and not protected[i]:
                verdict[i] = (h.code, f"heuristic:{h.code}")
    _absorb_lists_after_headers(units, verdict)
    title_key = _key(title) if title else None
    out: list[str] = []
    trace: list[tuple[str, str | None, str | None]] = []
    seen: set[str] = set()
    for i, u in enumerate(units):
        k = _key(u.text)
        if not verdict[i]:
            if title_key and k == title_key:
                verdict[i] = ("duplicate-title", "heuristic:duplicate-title")
            elif k and k in seen and word_count(u.text) >= 3:
                verdict[i] = ("duplicate", "heuristic:duplicate")
        if verdict[i]:
            trace.append((u.text, *verdict[i]))
            if removed is not None:
                removed.append(Removal(u.text, verdict[i][0], verdict[i][1]))
            continue
        text = u.text
        if not out:
            dl = _dateline(text)
            if dl and dl.rest:
                byline, date = byline or dl.byline, date or dl.date
                if removed is not None:
                    removed.append(Removal(text[: len(text) - len(dl.rest)].strip(), "dateline", "heuristic:dateline"))
                text = dl.rest
        seen.add(k)
        out.append(text)
        trace.append((text, None, None))
    return out, date, byline, trace


_LIST_HEADERS = frozenset({"related-list", "read-more", "market-list"})


def _absorb_lists_after_headers(units: list[Unit], verdict: list) -> None:
    """After "Related stories" comes a list of headlines: short lines that are not sentences."""
    i = 0
    while i < len(units):
        if verdict[i] and verdict[i][0] in _LIST_HEADERS and word_count(units[i].text) <= 6:
            j = i + 1
            while j < len(units) and not verdict[j] and word_count(units[j].text) <= 20 and not ends_sentence(units[j].text):
                verdict[j] = (verdict[i][0], verdict[i][1])
                j += 1
            i = j
        else:
            i += 1
