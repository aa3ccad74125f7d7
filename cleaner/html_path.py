"""Cleaning an HTML capture: one parse, site selectors on the tree, trafilatura, then our line heuristics.

trafilatura finds the article container well; what it keeps inside that container (a quote box,
"Read more: ..." lines, share bars, tag lists) is exactly what the text heuristics recognise, so
its output goes through the same line classifier the text path uses, minus the main-run search
(the extractor already chose the run).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import regex
import trafilatura
from lxml import etree
from lxml import html as lxml_html

from .article import Removal
from .heuristics import (
    _STRONG_HEADER,
    NavRunHeuristic,
    TeaserHeuristic,
    _self_describing,
    ends_sentence,
    lists_after_headers,
    word_count,
)
from .heuristics import ALL as HEURISTICS
from .html_hover_cards import drop_hover_cards
from .html_link_rails import link_texts, linked_lines, pointer_lines, story_rails
from .html_loose_text import wrap_loose_text
from .html_metadata import author_from_markup, read_page_metadata
from .html_parse import parse
from .html_split_body import join_split_body
from .html_title import headline_in_body
from .metadata import _dateline, read_metadata_line
from .rule_files import SiteRules
from .text_path import META_KIND_REASON, _key
from .text_units import Unit

try:  # renders one element of the extracted body the way the extractor renders all of it
    from trafilatura.xml import xmltotxt
except ImportError:  # pragma: no cover - a trafilatura without it: fall back to the list prefixes
    xmltotxt = None

# Inside an extracted article a short list is usually the article's own (key points, a recipe),
# and subheadings with a paragraph each are its sections: the nav-run and teaser heuristics, made
# for whole-page dumps, would eat them.
_HTML_HEURISTICS = tuple(h for h in HEURISTICS if not isinstance(h, NavRunHeuristic | TeaserHeuristic))
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


def clean_html(markup: str, url: str | None, site: SiteRules | None, *, favor_precision: bool = False,
               record: bool = True) -> HtmlResult:
    removed: list[Removal] = []
    read = _extract(markup, url, site, favor_precision, removed if record else None)
    if read is None:
        return HtmlResult(None, [], None, None, None, removed)
    tree, rule_title, doc, lines = read
    if doc is None:
        return HtmlResult(rule_title, [], None, None, None, removed)
    # Read after extraction, and only for a page with a body; the extractor works on its own copy.
    meta = read_page_metadata(tree, url)
    title = rule_title or headline_in_body(meta.title, [ln.text for ln in lines], meta.sitename) or meta.title
    standfirst = find_standfirst(tree, meta.description, title, lines)
    lead = [standfirst] if standfirst else find_lead(tree, title, lines)
    lines[:0] = [_Line(text, text, "p", -1) for text in lead]
    paragraphs, date, byline, trace = _clean_lines(lines, title, site, removed if record else None,
                                                   link_texts(tree, url))
    author = meta.author or author_from_markup(tree)  # the tree's last use: this prunes it
    return HtmlResult(title, paragraphs, meta.date or date, author or byline, meta.sitename, removed, trace)


def extracted_lines(markup: str, url: str | None) -> list[str]:
    """The lines of the extracted body, without site rules: what a site's line rules act on."""
    read = _extract(markup, url, None, False, None)
    return [ln.text for ln in read[3]] if read is not None else []


def _extract(markup: str, url: str | None, site: SiteRules | None, favor_precision: bool,
             removed: list[Removal] | None):
    """The parsed tree (after the site's selectors), the site's title, the extractor's document
    and its body lines; None when the markup does not parse, no document when nothing is found."""
    tree = parse(markup)
    if tree is None:
        return None
    rule_title = None
    if site:
        for xpath in site.html_drop:
            for el in tree.xpath(xpath):
                if removed is not None:
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
    drop_hover_cards(tree)
    join_split_body(tree)
    wrap_loose_text(tree)
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, favor_precision=favor_precision)
    if not favor_precision:
        doc = _rescue_short(tree, url, doc)
    return tree, rule_title, doc, body_lines(doc) if doc is not None else []


# A body this short is a widget or a slogan the extractor took for the article (a weather box, a
# site motto) more often than a real article: worth a second, more inclusive reading.
_SHORT_BODY_WORDS = 30
_RESCUE_GAIN = 3  # the second reading must find several times the words, not the same box again


def _rescue_short(tree, url, doc):
    """The extractor's recall-oriented reading when the first one found next to nothing."""
    words = len(doc.text.split()) if doc is not None and doc.text else 0
    if words >= _SHORT_BODY_WORDS:
        return doc
    wide = trafilatura.bare_extraction(tree, url=url, include_comments=False, favor_recall=True)
    enough = max(_RESCUE_GAIN * words, _SHORT_BODY_WORDS)
    if wide is not None and wide.text and len(wide.text.split()) >= enough:
        return wide
    return doc


def _with_body(tree, body_el):
    """A document whose body is only the rule's container, keeping the head for metadata."""
    new = lxml_html.Element("html")
    head = tree.find("head")
    if head is not None:
        new.append(copy.deepcopy(head))
    body = etree.SubElement(new, "body")
    container = copy.deepcopy(body_el)
    if container.tag in ("td", "th", "tr", "tbody", "thead", "tfoot", "table"):
        # A table cell cut out of its table is a stray cell: the story of an old table layout
        # is a block of its own.
        container.tag = "div"
        for name in list(container.attrib):
            if name not in ("class", "id"):
                del container.attrib[name]
    # Said to be the article, so the extractor reads it as one (and keeps its subheadings)
    # instead of gleaning loose paragraphs from an unrecognised container.
    etree.SubElement(body, "article").append(container)
    return new


# --- the extracted body, line by line, with what each line was -------------------------------------
@dataclass
class _Line:
    text: str  # the line without the extractor's list marker
    raw: str  # the extractor's own line
    kind: str  # "p", "head", "quote", "item" (of a list) or "row" (of a table)
    block: int  # which block (paragraph, list, table) of the extracted body it came from (-1: none)
    header_row: bool = False  # a table row the extractor marked as the table's head


_BLOCK_KIND = {"head": "head", "quote": "quote", "list": "item", "table": "row"}
_TABLE_RULE = regex.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")


def body_lines(doc) -> list[_Line]:
    """The extracted text's lines, each with the kind of element it came from.

    The extractor prints lists as "- item" and tables as "| cell | cell |"; rendering its body one
    element at a time says which lines those were, without guessing from the prefixes. A layout
    table (cells holding headings and paragraphs: a whole page laid out in a <table>) is read
    cell by cell, block by block, instead of as one giant row. Falls back to the extractor's text
    and the prefixes if the rendering does not give back the same words.
    """
    text_lines = [line.strip() for line in (doc.text or "").split("\n") if line.strip()]
    body = getattr(doc, "body", None)
    if xmltotxt is not None and body is not None and len(body):
        out: list[_Line] = []
        blocks = iter(range(1_000_000))
        for child in body:
            _render(child, out, blocks)
        rendered = [ln.raw for ln in out]
        # the same lines (the usual case) are the same words, without tokenising both
        if rendered == text_lines or _words(rendered) == _words(text_lines):
            return _mark_header_rows(out)
    out = [_line(line, "p", 0, True) for line in text_lines]
    return _mark_header_rows(out)


_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "code", "div"})


def _render(el, out: list[_Line], blocks) -> None:
    if el.tag == "table" and any(c.tag in _BLOCK_TAGS for cell in el.iter("cell") for c in cell):
        for cell in el.iter("cell"):
            if not _in_nested_table(cell, el):  # a nested table's cells come with that table
                _render_cell(cell, out, blocks)
        return
    b = next(blocks)
    kind = _BLOCK_KIND.get(el.tag, "p")
    has_items = kind == "item" or el.find(".//item") is not None
    for line in xmltotxt(el, False).split("\n"):
        line = line.strip()
        if line:
            out.append(_line(line, kind, b, has_items))


def _in_nested_table(cell, table) -> bool:
    """Whether cell belongs to a table nested inside table (not to table itself)."""
    for a in cell.iterancestors():
        if a is table:
            return False
        if a.tag == "table":
            return True
    return False


def _render_cell(cell, out: list[_Line], blocks) -> None:
    loose: list[str] = [cell.text or ""]
    for child in cell:
        if child.tag in _BLOCK_TAGS:
            _flush(loose, out, blocks)
            # the extractor's renderer prints an element's tail with it: the tail belongs to the
            # loose text that follows, so it is taken off before rendering (not printed twice)
            tail, child.tail = child.tail, None
            _render(child, out, blocks)
            loose = [tail or ""]
        else:
            loose.append("".join(child.itertext()) + (child.tail or ""))
    _flush(loose, out, blocks)


def _flush(loose: list[str], out: list[_Line], blocks) -> None:
    text = " ".join("".join(loose).split())
    loose.clear()
    if text:
        out.append(_Line(text, text, "p", next(blocks)))


def _words(lines) -> list[str]:
    return regex.findall(r"\w+", " ".join(lines))


def _line(line: str, kind: str, block: int, has_items: bool) -> _Line:
    if has_items and line.startswith(_LIST_PREFIX):
        return _Line(line[len(_LIST_PREFIX):].strip(), line, "item", block)
    if line.startswith("|") and line.endswith("|") and len(line) > 1:
        # "| MyEG | 0.875 | +0.010 |" reads "MyEG | 0.875 | +0.010": the heuristics see the cells
        return _Line(" | ".join(c for c in _cells(line) if c and not _BULLET.match(c)), line, "row", block)
    return _Line(line, line, "item" if kind == "item" else kind, block)


def _mark_header_rows(lines: list[_Line]) -> list[_Line]:
    """Mark the row above a "|---|---|" rule as a header row, and drop the rule (it is markup)."""
    out: list[_Line] = []
    for ln in lines:
        if ln.kind == "row" and _TABLE_RULE.match(ln.raw):
            if out and out[-1].kind == "row":
                out[-1].header_row = True
            continue
        out.append(ln)
    return out


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip("|").split("|")]


def _data_tables(lines: list[_Line]) -> set[int]:
    """Blocks that are data tables of the article: a header row of labels above rows of values.

    A quote box or price widget is a table too, but a bare one: rows of a name and its numbers,
    at most a one-cell caption ("BURSA: MOST ACTIVE") on top.
    """
    tables: dict[int, list[_Line]] = {}
    for ln in lines:
        if ln.kind == "row":
            tables.setdefault(ln.block, []).append(ln)
    out = set()
    for block, rows in tables.items():
        if any(r.header_row for r in rows):
            out.add(block)
            continue
        head = [c for c in _cells(rows[0].raw) if c]
        if len(rows) >= 3 and len(head) >= 2 and not any(_HAS_DIGIT.search(c) and not _HAS_LETTER.search(c)
                                                         for c in head):
            out.add(block)
    return out


def _introduced_lists(lines: list[_Line], flagged: list[bool]) -> set[int]:
    """Blocks that are lists the article introduces: "Rates in major cities were:" then the items."""
    out = set()
    for i, ln in enumerate(lines):
        if ln.kind == "item" and (i == 0 or lines[i - 1].block != ln.block):
            j = i - 1
            if j >= 0 and not flagged[j] and lines[j].kind != "item" and _INTRO_END.search(lines[j].text):
                out.add(ln.block)
    return out


_BULLET = regex.compile(r"^[•·▪◦‣∙*\-–]$")
_HAS_DIGIT = regex.compile(r"\d")
_HAS_LETTER = regex.compile(r"\p{L}")
_INTRO_END = regex.compile(r"[:：]\s*$")
_WIDGET_CODES = frozenset({"ticker", "market-list", "price-widget"})
# What the shape of a table row or list item earns ("1 | Kyle Busch | 5040" looks like a breadcrumb)
_SHAPE_CODES = _WIDGET_CODES | {"breadcrumb", "glued-nav", "link-list"}
# What tells a market box from a list of numbers in an article: quotes move. An arrow, a signed
# change (+0.010, -12.99), "unchg", or a name with its price and percentage change.
_MARKET_SIGNAL = regex.compile(r"[▲▼△▽↑↓⬆⬇]|(?:^|[\s(|])[+\-−]\s?\d|\bunch(?:anged|g)\b", regex.IGNORECASE)


def _market_signal(ln: _Line) -> bool:
    return bool(_MARKET_SIGNAL.search(ln.text) or _self_describing(ln.text) or _STRONG_HEADER.match(ln.text))


def _keep_article_numbers(lines: list[_Line], verdict: list) -> None:
    """Undo widget verdicts that the article's own numbers earned.

    Inside the extracted article, numbers are mostly the article's: a data table with its header,
    a list the text introduces ("... were:"), a recipe, a results table, a schedule. A real widget
    that the extractor let in is a market box, and market boxes show movement; a run of widget
    lines with no arrow, signed change or market header in it is the article's.
    """
    flagged = [bool(v) and v[0] not in _SHAPE_CODES for v in verdict]
    structural = _data_tables(lines) | _introduced_lists(lines, flagged)
    for i, ln in enumerate(lines):
        if verdict[i] and verdict[i][0] in _SHAPE_CODES and ln.block in structural \
                and ln.kind in ("item", "row"):
            verdict[i] = None
        elif verdict[i] and verdict[i][0] == "breadcrumb" and ln.kind == "row" and " | " in ln.text:
            verdict[i] = None  # the " | " between cells is ours, not a trail's
    i = 0
    while i < len(lines):
        if not (verdict[i] and verdict[i][0] in _WIDGET_CODES):
            i += 1
            continue
        j = i
        while j < len(lines) and verdict[j] and verdict[j][0] in _WIDGET_CODES:
            j += 1
        if not any(_market_signal(lines[k]) for k in range(i, j)):
            for k in range(i, j):
                verdict[k] = None
        i = j


def _headline_lists(units: list[Unit], absorbed: dict[int, str]) -> dict[int, str]:
    """The lists under "Related" headers that are lists of headlines, not a paragraph wrapped at <br>.

    A headline starts with a capital or a digit; a line that starts in lower case continues the
    line above it ("Photos" / "which were released online and ...").
    """
    out: dict[int, str] = {}
    run: list[int] = []
    for i in [*sorted(absorbed), None]:
        if run and (i is None or i != run[-1] + 1):
            if not any(_CONTINUES.match(units[k].text) for k in run):
                out.update((k, absorbed[k]) for k in run)
            run = []
        if i is not None:
            run.append(i)
    return out


_CONTINUES = regex.compile(r"^[\p{Ll}]")


# --- duplicates ------------------------------------------------------------------------------------
# A repeat far from its first copy is removed only as part of a copied block this long (a second
# copy of the article from structured data, a print version); shorter repeats are the article's
# own: the same question put to each interviewee, the same step in each plan.
_COPIED_BLOCK_WORDS = 60


def _duplicates(units: list[Unit], verdict: list, title_key: str | None) -> None:
    keys = [_key(u.text) for u in units]
    seen: set[str] = set()
    prev_kept: str | None = None
    repeat = [False] * len(units)
    for i, u in enumerate(units):
        if verdict[i]:
            continue
        k = keys[i]
        if title_key and k == title_key:
            verdict[i] = ("duplicate-title", "heuristic:duplicate-title")
            continue
        if k and k == prev_kept and word_count(u.text) >= 3:
            verdict[i] = ("duplicate", "heuristic:duplicate")
            continue
        repeat[i] = bool(k) and k in seen and word_count(u.text) >= 3
        if k:
            seen.add(k)
            prev_kept = k
    i = 0
    while i < len(units):
        if not repeat[i]:
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(units) and (repeat[j] or verdict[j]):
            if repeat[j]:
                run.append(j)
            j += 1
        if sum(word_count(units[k].text) for k in run) >= _COPIED_BLOCK_WORDS:
            for k in run:
                verdict[k] = ("duplicate", "heuristic:duplicate")
        i = j


# --- the standfirst --------------------------------------------------------------------------------
_STANDFIRST_TAGS = " or ".join(f"self::{t}" for t in ("h2", "h3", "h4", "p", "div", "span", "strong", "em"))
_OUTSIDE = frozenset({"head", "script", "style", "noscript", "nav", "footer", "aside", "form", "template",
                      "title"})
_STANDFIRST_GAP_WORDS = 80
_STANDFIRST_MAX_ELEMENTS = 50_000  # the search compares every element's text: not on giant pages


# A lead inside a link is another story's teaser.
_OUTSIDE_OR_LINK = _OUTSIDE | {"a"}


def _inside(el, tags: frozenset[str]) -> bool:
    """Whether one of the element's ancestors has one of these tags."""
    return any(a.tag in tags for a in el.iterancestors())


def find_standfirst(tree, description: str | None, title: str | None, lines: list[_Line]) -> str | None:
    """The summary line above the article that the extractor left out, if the page declares it.

    A page's meta description is often its standfirst; when an element just above the extracted
    body (after the headline, with little but a byline and share bar between) says the same,
    the standfirst is part of the article.
    """
    if not description or not lines:
        return None
    desc = " ".join(description.split())
    if word_count(desc) < 5 or desc.endswith(("...", "…")):
        return None
    dkey = _key(desc)
    if not dkey or (title and _key(title) == dkey):
        return None
    if any(dkey in _key(ln.text) for ln in lines[:8]):
        return None
    if tree.xpath("count(//*)") > _STANDFIRST_MAX_ELEMENTS:
        return None
    # An element whose whole text is the description puts it in the page's text: on most pages it
    # is not there, and one look at that text spares the search comparing every element's text.
    if desc not in " ".join(_BODY_TEXT(tree).split()):
        return None
    try:
        candidates = tree.xpath(f"//body//*[{_STANDFIRST_TAGS}][normalize-space(.)=$d]", d=desc)
    except (etree.XPathError, ValueError):
        return None
    candidates = [el for el in candidates if not _inside(el, _OUTSIDE)]
    if not candidates:
        return None
    return desc if _nearest_above(tree, candidates, lines) is not None else None


def _nearest_above(tree, candidates: list, lines: list[_Line]):
    """The last of candidates (in page order) that sits just above the extracted body, if any.

    "Just above": before the element where the body's first paragraph starts, not around it, with
    at most _STANDFIRST_GAP_WORDS words of other text (a byline, a share bar) in between.
    """
    first = next((ln.text for ln in lines if ln.kind == "p" and word_count(ln.text) >= 8), None)
    if not first:
        return None
    start = _find_element(tree, first)
    if start is None:
        return None
    start_at = _position(start)
    above = [el for el in candidates if _position(el) < start_at]  # the XPath gives them in page order
    if not above:
        return None
    stand = above[-1]  # the nearest copy above the body, innermost
    if any(a is stand for a in start.iterancestors()):
        return None  # a container of the body itself, not a paragraph above it
    # text of the standfirst's descendants comes after it in page order: not a gap
    between = -word_count(" ".join(stand.text_content().split()))
    for el in _after(stand):
        if el is start:
            break
        if el.tag in _OUTSIDE or not isinstance(el.tag, str):
            continue
        between += word_count(el.text or "") + word_count(el.tail or "")
        if between > _STANDFIRST_GAP_WORDS:
            return None
    return stand


# Class or id words by which pages name the lead paragraph they print between headline and body
# (English, French "chapo", Spanish "bajada"/"entradilla"/"copete", German "Teaser"/"Vorspann").
_LEAD_WORDS = frozenset({"lead", "lede", "intro", "introtext", "leadtext", "teaser", "teasertext", "excerpt",
                         "standfirst", "summary", "chapo", "chapeau", "dek", "abstract", "bajada",
                         "entradilla", "copete", "vorspann"})
_LEAD_CANDIDATES = etree.XPath(
    "//body//*[self::p or self::div or self::h2 or self::h3 or self::span or self::section][@class or @id]")
_NAME_WORD = regex.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
# A lead is a paragraph or two of prose: shorter is a label or a kicker, longer is a whole section.
_LEAD_MIN_WORDS = 10
_LEAD_MAX_WORDS = 120


# The cheap test first: one of the words anywhere in the names (on few elements of a page).
_LEAD_STEM = regex.compile("|".join(sorted(_LEAD_WORDS)), regex.IGNORECASE)


def _names_lead(el) -> bool:
    """Whether the element's class or id has a lead word among its words ("article__lead", "introText")."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(_LEAD_STEM.search(names)) and any(w.lower() in _LEAD_WORDS for w in _NAME_WORD.findall(names))


def find_lead(tree, title: str | None, lines: list[_Line]) -> list[str]:
    """The lead paragraph the page marks as such just above the body, when the extractor left it out.

    Pages print a lead ("standfirst", "teaser", "chapo") between the headline and the body, in an
    element of its own that many name for what it is; the extractor often takes that element for
    page furniture. Taken only when it is prose, not a link (a teaser of another story is one), and
    sits right above the extracted body. Its paragraphs, one per paragraph or item it holds.
    """
    if not lines or tree.xpath("count(//*)") > _STANDFIRST_MAX_ELEMENTS:
        return []
    found = {}
    for el in _LEAD_CANDIDATES(tree):
        if _names_lead(el):
            paragraphs = _lead_paragraphs(el)
            if paragraphs:
                found[el] = paragraphs
    lead = _nearest_above(tree, list(found), lines) if found else None
    if lead is None:
        return []
    title_key = _key(title) if title else None
    # A lead the extractor kept (or part of one), at the top or printed again further down, is there.
    body = [_key(ln.text) for ln in lines if word_count(ln.text) >= _LEAD_MIN_WORDS]
    keys = [_key(t) for t in found[lead]]
    if any(not k or k == title_key or any(k in b or b in k for b in body) for k in keys):
        return []
    return found[lead]


def _lead_paragraphs(el) -> list[str]:
    """The element's paragraphs if it reads as a lead: prose of one to a few paragraphs, no link list.

    A lead box may hold the byline and date too: its paragraphs (or items) are the lead, not all
    of its text.
    """
    if _inside(el, _OUTSIDE_OR_LINK):
        return []
    blocks = [b for b in el.iter("p", "li") if b is not el] or [el]
    paragraphs = [t for t in (" ".join(b.text_content().split()) for b in blocks) if t]
    words = sum(map(word_count, paragraphs))
    if not paragraphs or not _LEAD_MIN_WORDS <= words <= _LEAD_MAX_WORDS:
        return []
    last = paragraphs[-1]
    if last.endswith(("...", "…")) or not ends_sentence(last):
        return []  # a cut-off teaser of another story, or a label
    linked = sum(word_count(a.text_content()) for b in blocks for a in b.iter("a"))
    return paragraphs if linked * 2 < words else []


_BODY_TEXT = etree.XPath("string(//body)")


def _position(el) -> float:
    """The element's index in page order, counted in C (no walk over the tree in Python)."""
    return el.xpath("count(preceding::*) + count(ancestor::*)")


def _after(el):
    """Every node after el in page order: its descendants, then what follows it and its ancestors."""
    yield from el.iterdescendants()
    node = el
    while node is not None:
        for sibling in node.itersiblings():
            yield sibling
            yield from sibling.iterdescendants()
        node = node.getparent()


def _find_element(tree, text: str):
    """The first element of the page whose text opens with text's first words."""
    probe = " ".join(text.split()[:8])
    try:
        found = tree.xpath("//body//*[starts-with(normalize-space(.), $p)]", p=probe)
    except (etree.XPathError, ValueError):
        return None
    return found[0] if found else None  # the outermost of the first copy: where the text starts


# --- the line classifier ---------------------------------------------------------------------------
def _flag_free(verdict: list, protected: list[bool], flags, code: str) -> None:
    """A heuristic's verdict on the lines no earlier step removed and no site rule protects."""
    for i, flagged in enumerate(flags):
        if flagged and not verdict[i] and not protected[i]:
            verdict[i] = (code, f"heuristic:{code}")


def _clean_lines(lines: list[_Line], title: str | None, site: SiteRules | None,
                 removed: list[Removal] | None, links: set[str] = frozenset()):
    units = [
        Unit(ln.text, n, n, ln.raw, heading=ln.kind == "head", list_item=ln.kind == "item")
        for n, ln in enumerate(lines, 1)
    ]
    texts = [u.text for u in units]
    verdict: list[tuple[str, str] | None] = [None] * len(units)
    protected = [bool(site and site.is_protected(u.text)) for u in units]
    date = byline = None
    if site:
        for i, u in enumerate(units):
            for rule in site.drop:
                if not protected[i] and rule.pattern.search(u.text):
                    verdict[i] = (rule.reason, site.label)
                    break
        cut = site.tail_cut(texts)
        if cut is not None:
            for k in range(cut[0], len(units)):
                verdict[k] = verdict[k] or ("site-tail", site.label)
        head = site.head_cut(texts)
        if head is not None:
            for k in range(head[0] + 1):
                if not protected[k]:
                    verdict[k] = verdict[k] or ("site-head", site.label)
    for i, u in enumerate(units):
        if verdict[i] or protected[i]:
            continue
        m = read_metadata_line(u.text)
        if m and (m.kind != "dateline" or m.rest is None):
            date = date or m.date
            byline = byline or m.byline
            verdict[i] = (META_KIND_REASON[m.kind], f"heuristic:{META_KIND_REASON[m.kind]}")
    for h in _HTML_HEURISTICS:
        _flag_free(verdict, protected, h.flag(units), h.code)
    _keep_article_numbers(lines, verdict)
    _flag_free(verdict, protected, story_rails(texts, linked_lines(texts, links), [bool(v) for v in verdict]),
               "teaser")
    absorbed = lists_after_headers(units, [v[0] if v else None for v in verdict])
    for i, reason in _headline_lists(units, absorbed).items():
        verdict[i] = (reason, f"heuristic:{reason}")
    # after the lists under headers: a pointer carries its headline on its own line, it heads no list
    _flag_free(verdict, protected, pointer_lines(texts, links), "read-more")
    _duplicates(units, verdict, _key(title) if title else None)
    out: list[str] = []
    trace: list[tuple[str, str | None, str | None]] = []
    dateline_done = False
    for i, u in enumerate(units):
        if verdict[i]:
            trace.append((u.text, *verdict[i]))
            if removed is not None:
                removed.append(Removal(u.text, verdict[i][0], verdict[i][1]))
            continue
        text = u.text
        # A dateline opens the first paragraph, or the second or third after a standfirst.
        if not dateline_done and len(out) < 3 and not protected[i]:
            dl = _dateline(text)
            if dl and dl.rest:
                dateline_done = True
                byline, date = byline or dl.byline, date or dl.date
                cut = text[: len(text) - len(dl.rest)].strip()
                if removed is not None:
                    removed.append(Removal(cut, "dateline", "heuristic:dateline"))
                trace.append((cut, "dateline", "heuristic:dateline"))
                text = dl.rest
        out.append(text)
        trace.append((text, None, None))
    return out, date, byline, trace
