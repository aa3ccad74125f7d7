"""Learning a site's rules from many pages of it: what repeats is the template, what does not is the article.

A crawl holds many pages per site. Their menus, footers, share bars, disclaimers and market
tickers repeat from page to page (with new numbers in them); their articles do not. This module
reads the pages of one site and returns what repeats, as data the rule writer turns into a
normal rule file (``rules/<host>.toml``):

- **line rules** (``[text] drop``): a line is reduced to its *shape* (numbers, month and weekday
  names, am/pm replaced by placeholders), so ``Sensex 72,410.38 (+0.4%)`` and ``Sensex 71,902.10
  (-1.2%)`` are the same line. A shape is learned when it is on enough of the pages (see
  :class:`LearnSettings`); a line that reads like prose must be on nearly all of them. Lines the
  generic heuristics already remove or read as metadata, and date stamps, get no rule: the
  heuristics' own reasons steer the search for the article better than a generic "learned-line".
  A menu line whose first or last item changes ("<section> News | Home") gets one shape with
  that item left open (:func:`_generalise_menus`). An HTML page's lines are those of its
  extracted body, as the HTML path reads them (``html_path.extracted_lines``).
- **tail anchors** (``[text] drop_after``): a template line that, on every page having it, comes
  after the article ("Bookmark with:", "Continue Article"). Everything under it goes, teaser
  paragraphs included, which line rules cannot express since the teasers change every day.
- **head anchors** (``[text] drop_before``): a template line that, on every page having it, sits
  right above the headline ("Latest from the newsroom"). Everything above it goes, the teasers of
  other stories included.
- **fingerprints** (``[site] fingerprints``): pieces of raw lines found on most text captures, so
  that a text capture without its URL is still recognised as the site's.
- **containers** (``[html] drop``): blocks named by id or class (``div.site-nav``, ``#footer``),
  on enough pages, that hold nothing but template lines: never a paragraph of a page's own.

Everything is a pure function of the captures: no files, no clock, no randomness. Pages are put
in a canonical order first, so the result does not depend on the order they were given in.
(:func:`learned_rule_texts`, at the end, learns every site of a batch, merged with the rule
files in force; ``cleaner clean --learn-sites`` calls it through batch_learning.py.)
"""

from __future__ import annotations

import hashlib
import heapq
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .decode import decode
from .detect import looks_like_html
from .heuristics import ALL as HEURISTICS
from .heuristics import ends_sentence, word_count
from .metadata import read_metadata_line
from .patterns import MONTH
from .pipeline import host_of
from .text_path import Verdict, _title_candidate, prose_score
from .text_units import Unit, split_units

log = logging.getLogger(__name__)

LEARNED_LINE = "learned-line"
LEARNED_TAIL = "learned-tail"
LEARNED_HEAD = "learned-head"


@dataclass(frozen=True)
class LearnSettings:
    """The thresholds of learning. The defaults are the ones measured in BENCHMARKS.md."""

    #: Sites with fewer distinct pages than this learn nothing: two pages cannot tell a template
    #: from a story published twice.
    min_pages: int = 3
    #: A line shape is learned when it is on at least this share of the distinct pages...
    #: (low, because the self-check below withdraws the rules that cost a page its article; 0.5
    #: without it: BENCHMARKS.md)
    line_share: float = 0.25
    #: ...and on at least this many of them.
    min_support: int = 2
    #: A line that reads like prose (see :func:`reads_like_prose`) needs this share instead: a
    #: disclaimer is on most pages, a sentence of a story reprinted a few times is not.
    prose_share: float = 0.5
    #: Learn drop_after anchors (a tail cut) as well as line rules.
    tails: bool = True
    #: Learn drop_before anchors (a head cut: the menus and teasers above the headline).
    heads: bool = True
    #: Learn one pattern for a menu line whose first or last item changes from page to page
    #: ("<section> News | Home"): see :func:`_generalise_menus`.
    menus: bool = True
    #: Text captures with more than this share of units holding a wide gap between words lay
    #: columns side by side (a text browser rendering a table layout): a menu column then runs
    #: into the story, so they get no tail anchors, and no line rules for template lines found
    #: between two of a page's own paragraphs.
    max_side_by_side: float = 0.1
    #: Template lines found between two of a page's own paragraphs on this many pages get no rule.
    inside_pages: int = 1
    #: Fingerprints (text captures only): pieces of raw lines on at least this share of the pages.
    fingerprint_share: float = 0.5
    max_fingerprints: int = 8
    #: HTML containers: on at least line_share of the pages, holding no paragraph of a page's own
    #: text and, on the median page, at most this many lines that are not template lines.
    container_max_other_lines: int = 0
    #: Clean the training pages with and without the learned rules, and withdraw the rules acting
    #: on a page that loses text of its own they did not remove themselves (rule_self_check).
    self_check: bool = True
    max_line_rules: int = 300
    max_containers: int = 40


@dataclass(frozen=True)
class LearnedRule:
    """One learned entry: what to write in the file, on how many pages it was seen, one example."""

    value: str  # a pattern, or a CSS selector for containers
    support: int  # pages it was seen on
    example: str
    prose: bool = False  # a line that reads like prose (learned under the stricter threshold)
    names_site: bool = False  # a fingerprint naming the site (its host name is in it)


@dataclass(frozen=True)
class LearnedRules:
    site: str | None
    pages: int  # captures read
    distinct_pages: int  # after merging near-duplicates (the same story captured twice)
    drop: tuple[LearnedRule, ...] = ()
    drop_after: tuple[LearnedRule, ...] = ()
    fingerprints: tuple[LearnedRule, ...] = ()
    html_drop: tuple[LearnedRule, ...] = ()
    drop_before: tuple[LearnedRule, ...] = ()

    @property
    def fingerprint_min(self) -> int:
        """Two fingerprints must agree; three when fewer than two of them name the site."""
        naming = sum(1 for f in self.fingerprints if f.names_site)
        return max(1, min(2 if naming >= 2 else 3, len(self.fingerprints)))

    @property
    def empty(self) -> bool:
        return not (self.drop or self.drop_after or self.drop_before or self.fingerprints or self.html_drop)

    @property
    def removing(self) -> bool:
        """Does it hold any rule that removes something (fingerprints only recognise the site)?"""
        return bool(self.drop or self.drop_after or self.drop_before or self.html_drop)


# --- line shapes ------------------------------------------------------------------------------------
# Placeholders, in the order they are tried at one position. Dates and times are not placeholders
# of their own: they are shapes of these ("<day>, <num> <month> <num>, <num> <ampm>"), which keeps
# the emitted patterns short enough to read and still matches every date format a site uses.
# Each has a precise form, to cut lines into shapes, and a short one for the emitted patterns,
# which matches at least what the precise one does.
_LINK_TARGET = r"\((?:\\.|[^()\\\n]|\([^()\n]*\))*\)"
_PLACEHOLDERS = {
    # The target of a markdown link ("[Email this](/email?id=4f2c...)") names the page it sits
    # on: the same link on another page has another target.
    "link": (rf"(?<=\]){_LINK_TARGET}", _LINK_TARGET),
    "num": (r"[-+−–]?\d+(?:[.,:/]\d+)*", r"[-+−–]?\d[\d.,:/]*"),
    "day": (
        r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?",
        r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?",
    ),
    "month": (rf"\b{MONTH}\b\.?", r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"),
    "ampm": (r"(?<=\d\s?)[AaPp]\.?[Mm]\b\.?", r"[AaPp]\.?[Mm]\.?"),
}
_SHAPE_RE = regex.compile("|".join(f"(?P<{k}>{v[0]})" for k, v in _PLACEHOLDERS.items()))
_LETTER = regex.compile(r"\p{L}")
_COLUMN_GAP = regex.compile(r"\s{3,}|\t")
_LINK_SYNTAX = regex.compile(r"\]\([^)\n]*\)|(?:https?://|www\.)\S+|[\[\]|*#>]")
_WIDE_GAP = regex.compile(r"\S(?:\s{3,}|\t)\S")


@dataclass(frozen=True)
class Shape:
    """A line with its changing parts abstracted: literal text and placeholder names, alternating."""

    parts: tuple[tuple[str, str], ...]  # ("lit", text) or ("ph", name)

    @property
    def pattern(self) -> str:
        """An anchored regular expression matching every line of this shape."""
        out = ["^"]
        for kind, value in self.parts:
            if kind == "ph":
                out.append(_PLACEHOLDERS[value][1])
            else:
                words = regex.split(r"(\s+)", value)
                out.append("".join(r"\s+" if w.isspace() else regex.escape(w) for w in words if w))
        out.append("$")
        return "".join(out)

    @property
    def literal_letters(self) -> int:
        return sum(len(_LETTER.findall(v)) for k, v in self.parts if k == "lit")


def line_shape(text: str) -> Shape:
    """The shape of one line: ``Sensex 72,410.38 (+0.4%)`` -> ``Sensex <num> (<num>%)``."""
    text = " ".join(text.split())
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in _SHAPE_RE.finditer(text):
        if m.start() > pos:
            parts.append(("lit", text[pos : m.start()]))
        parts.append(("ph", m.lastgroup))
        pos = m.end()
    if pos < len(text):
        parts.append(("lit", text[pos:]))
    return Shape(tuple(parts))


def is_date_stamp(shape: Shape) -> bool:
    """A line that only says when ("www.example.com 2007-12-29 19:34:15", "Updated 3 Jan 2008").

    Dates are metadata, read by the metadata heuristics, and benchmarks count them as part of the
    article: a line rule would only hide them.
    """
    kinds = Counter(v for k, v in shape.parts if k == "ph")
    literal = " ".join(v for k, v in shape.parts if k == "lit")
    dated = kinds["num"] >= 3 or (kinds["num"] >= 1 and (kinds["month"] or kinds["day"]))
    return dated and word_count(regex.sub(r"\S+\.\S+", " ", literal)) <= 3


def reads_like_prose(text: str) -> bool:
    """A sentence (or several) rather than a label, a menu or a widget line."""
    w = word_count(text)
    return (w >= 10 and ends_sentence(text)) or w >= 25


# --- pages ------------------------------------------------------------------------------------------
@dataclass
class _Page:
    order_key: tuple[str, str]
    url: str | None
    text: str
    is_html: bool
    units: list[Unit]
    shapes: list[str] = field(default_factory=list)  # pattern of each unit's shape
    known: list[bool] = field(default_factory=list)  # already removed (or read as metadata) by the heuristics
    raw_lines: list[str] = field(default_factory=list)  # text captures: raw lines, for fingerprints
    block_shapes: list[str] = field(default_factory=list)  # HTML pages: the shape of each block's line
    html: tuple | None = None  # HTML pages: (lines with the block holding each, the parsed tree)
    containers: dict[str, _Container] = field(default_factory=dict)  # selector -> what it holds
    nested: dict[str, frozenset[str]] = field(default_factory=dict)  # selector -> selectors it sits inside


def _as_text(raw: str | bytes) -> str:
    text = decode(bytes(raw)) if isinstance(raw, bytes | bytearray | memoryview) else raw
    return text.replace("\x00", "")


def _read_page(url: str | None, raw: str | bytes) -> _Page:
    text = _as_text(raw)
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    is_html = looks_like_html(text)
    if is_html:
        lines, tree = _html_lines(text)
        # Line rules act on the lines the HTML path's classifier reads: the extracted body's, which
        # split and join text otherwise than the page's blocks do (a menu's links on lines of
        # their own, say); learned from the blocks, they would match lines the cleaner never sees.
        units = [Unit(t, n, n, t) for n, t in enumerate(_extracted_lines(text, url), 1)]
        page = _Page((url or "", digest), url, text, True, units, html=(lines, tree))
        page.block_shapes = [line_shape(t).pattern for t, _ in lines]
    else:
        units, _ = split_units(text)
        page = _Page((url or "", digest), url, text, False, units)
        # Pieces of raw lines: text browsers lay columns side by side, a wide gap apart, and
        # link targets (which change with the section a page is in) are no part of the template.
        page.raw_lines = [
            " ".join(piece.split())
            for line in text.splitlines()[:20000]
            for column in _COLUMN_GAP.split(line)
            for piece in _LINK_SYNTAX.split(column)
            if piece.strip()
        ]
    page.shapes = [line_shape(u.text).pattern for u in page.units]
    page.known = _known_to_heuristics(page.units)
    return page


def _known_to_heuristics(units: list[Unit]) -> list[bool]:
    """Which units the generic heuristics already remove or read as metadata.

    A learned rule for those would only take their place, and a worse one: the heuristics' reasons
    (a date line, a "Related" header that ends the story) steer the search for the article.
    """
    # As flag_units reads them: a dateline with text after it ("LONDON - The ...") is not a
    # metadata line but the first paragraph, and so is a widget line that merely starts with a
    # capitalised word and a colon ("Story Tools: E-MAIL | PRINT ...").
    known = [_read_as_metadata(u.text) for u in units]
    for h in HEURISTICS:
        for i, flagged in enumerate(h.flag(units)):
            known[i] = known[i] or flagged
    return known


def _read_as_metadata(text: str) -> bool:
    m = read_metadata_line(text)
    return bool(m) and (m.kind != "dateline" or m.rest is None)


# --- HTML: text lines and containers ----------------------------------------------------------------
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "noframes",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "iframe",
        "svg",
        "object",
        "embed",
    }
)
_CONTAINER_TAGS = _BLOCK_TAGS - {"option", "br", "hr", "html", "body"}
_IDENT = regex.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,60}$")


def _html_lines(markup: str):
    """The page's text as lines (one per block element), each with the innermost block holding it."""
    from .html_path import parse

    try:
        tree = parse(markup)
    except Exception:  # noqa: BLE001 - a page lxml cannot read teaches nothing
        tree = None
    if tree is None:
        return [], None
    lines: list[tuple[str, object]] = []
    buf: list[str] = []
    blocks: list[object] = [tree]

    def flush():
        if buf:
            t = " ".join("".join(buf).split())
            buf.clear()
            if t:
                lines.append((t, blocks[-1]))

    stack: list[tuple[object, bool]] = [(tree, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if closing:
            if tag in _BLOCK_TAGS:
                flush()
                blocks.pop()
            if el.tail:
                buf.append(el.tail)
            continue
        if tag is None or tag in _SKIP_TAGS:
            if el.tail:
                buf.append(el.tail)
            continue
        if tag == "br":
            flush()
            if el.tail:
                buf.append(el.tail)
            continue
        if tag in _BLOCK_TAGS:
            flush()
            blocks.append(el)
        if el.text:
            buf.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return lines, tree


def _extracted_lines(markup: str, url: str | None) -> list[str]:
    from .html_path import extracted_lines

    try:
        return extracted_lines(markup, url)
    except Exception as e:  # noqa: BLE001 - a page the extractor cannot read teaches no line rules
        log.warning("learning: no line rules from %s, its extraction failed (%s: %s)", url or "a page",
                    type(e).__name__, e)
        return []


def _selectors_of(el) -> list[str]:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if not tag or tag in ("html", "body", "head") or tag in _SKIP_TAGS:
        return []
    out = []
    ident = (el.get("id") or "").strip()
    if ident and _IDENT.match(ident):
        out.append(f"{tag}#{ident}")
    for cls in sorted(set((el.get("class") or "").split())):
        if _IDENT.match(cls):
            out.append(f"{tag}.{cls}")
    return out


def _read_containers(page: _Page, kinds: list[str]) -> None:
    """For each id/class selector of a block on the page: its text, and how many of its lines are
    paragraphs of the page's own text (``kinds`` "prose") or other non-template lines ("other")."""
    lines, tree = page.html or ([], None)
    if tree is None:
        return
    texts: dict[object, list[str]] = defaultdict(list)
    counts: dict[object, Counter[str]] = defaultdict(Counter)
    for (text, owner), kind in zip(lines, kinds, strict=True):
        for el in (owner, *owner.iterancestors()):
            texts[el].append(text)
            counts[el][kind] += 1
    by_sel: dict[str, list[str]] = defaultdict(list)
    count_by_sel: dict[str, Counter[str]] = defaultdict(Counter)
    nested: dict[str, set[str]] = {}
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag.lower() not in _CONTAINER_TAGS:
            continue
        sels = _selectors_of(el)
        if not sels:
            continue
        outer = {s for anc in el.iterancestors() for s in _selectors_of(anc)}
        for s in sels:
            by_sel[s].append(" ".join(texts.get(el, ())))
            count_by_sel[s].update(counts.get(el, Counter()))
            nested[s] = nested[s] & outer if s in nested else set(outer)
    page.containers = {
        s: _Container(" ".join(t for t in by_sel[s] if t), count_by_sel[s]["prose"], count_by_sel[s]["other"])
        for s in by_sel
    }
    page.nested = {s: frozenset(v) for s, v in nested.items()}


@dataclass(frozen=True)
class _Container:
    text: str
    prose_lines: int  # paragraphs of the page's own text in it
    other_lines: int  # lines neither template nor own paragraphs (a date, a caption, a teaser title)


# --- learning ---------------------------------------------------------------------------------------
def _distinct_groups(pages: list[_Page], common: set[str]) -> list[int]:
    """Group index of each page; pages sharing most of their own prose are one story captured twice."""
    prose_sets = []
    for p in pages:
        prose_sets.append(
            {
                s
                for u, s in zip(p.units, p.shapes, strict=True)
                if s not in common and reads_like_prose(u.text)
            }
        )
    parent = list(range(len(pages)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(pages)):
        for j in range(i + 1, len(pages)):
            a, b = prose_sets[i], prose_sets[j]
            if a and b and len(a & b) >= 0.5 * min(len(a), len(b)):
                parent[find(j)] = find(i)
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(len(pages))]


def _template(
    lines: list[list[tuple[str, str]]], groups: list[int], need_line: int, need_prose: int
) -> dict[str, LearnedRule]:
    """The line shapes on enough distinct pages (``lines``: each page's (shape, text) pairs), with
    the number of pages each is on and its first example. A line that reads like prose needs more."""
    support: dict[str, set[int]] = defaultdict(set)  # shape -> groups
    pages_with: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for i, page in enumerate(lines):
        for s, text in page:
            support[s].add(groups[i])
            examples.setdefault(s, text)
        pages_with.update({s for s, _ in page})
    template: dict[str, LearnedRule] = {}
    for s, g in support.items():
        example = examples[s]
        prose = reads_like_prose(example)
        if len(g) < (need_prose if prose else need_line):
            continue
        if line_shape(example).literal_letters < 2:
            continue  # "12:30", "|", "»": nothing to say it is this site's line
        template[s] = LearnedRule(s, pages_with[s], example, prose)
    return template


def _needed(share: float, n: int, floor: int) -> int:
    return max(floor, math.ceil(share * n - 1e-9))


def learn_site_rules(
    captures: Iterable[tuple[str | None, str | bytes]],
    site: str | None = None,
    settings: LearnSettings | None = None,
    others: Sequence[str] = (),
) -> LearnedRules:
    """Learn the rules of one site from its captures, given as ``(url, raw)`` pairs.

    ``site``: the host the rules are for (default: the most common host of the URLs).
    ``others``: text of captures of *other* sites; a fingerprint found in any of them is not used.
    """
    settings = settings or LearnSettings()
    pages = sorted((_read_page(url, raw) for url, raw in captures), key=lambda p: p.order_key)
    if site is None:
        hosts = Counter(h for h in (host_of(p.url) for p in pages) if h)
        site = min(hosts, key=lambda h: (-hosts[h], h)) if hosts else None
    read = len(pages)
    # A capture with no text (a failed fetch, a renderer that gave up) shows none of the template:
    # counted as a page, it would raise every share a line needs and stand as a distinct page of
    # its own, and no anchor could then be "on every page".
    pages = [p for p in pages if p.units or (p.html and p.html[0])]
    n = len(pages)
    if n == 0:
        return LearnedRules(site, read, 0)
    # A first count over pages, to know which lines are common before grouping duplicates.
    page_count: Counter[str] = Counter()
    for p in pages:
        page_count.update(set(p.shapes))
    # On half the pages, whatever line_share is: a story captured twice has its lines on two
    # pages, and they must stay the story's own for the two captures to be told the same story.
    common = {s for s, c in page_count.items() if c >= _needed(0.5, n, 2)}
    groups = _distinct_groups(pages, common)
    n_eff = max(groups) + 1
    if n_eff < settings.min_pages:
        return LearnedRules(site, read, n_eff)

    need_line = _needed(settings.line_share, n_eff, settings.min_support)
    if settings.menus:
        _generalise_menus(pages, groups, need_line)
    need_prose = _needed(settings.prose_share, n_eff, settings.min_support)
    # The site's template: every line shape on enough pages. Lines the heuristics already handle
    # belong to it (they tell where the article is) but get no rule of their own.
    lines = [list(zip(p.shapes, (u.text for u in p.units), strict=True)) for p in pages]
    template = _template(lines, groups, need_line, need_prose)
    seen_known: Counter[str] = Counter()  # shape -> occurrences the heuristics already handle
    seen: Counter[str] = Counter()
    for p in pages:
        seen.update(p.shapes)
        seen_known.update(s for s, k in zip(p.shapes, p.known, strict=True) if k)
    learned = {
        s: r
        for s, r in template.items()
        if seen_known[s] * 2 < seen[s] and not is_date_stamp(line_shape(r.example))
    }
    if _side_by_side(pages, settings):
        # A menu column laid beside the story puts its items between the story's paragraphs:
        # removing them (each a strong "not the article") would cut the story in pieces.
        inside = _between_own_prose(pages, set(template))
    else:
        # A line that sits inside a story is likely part of stories: the news agency's credit
        # under the standfirst ("CanWest News Service" on most of a site's pages). Measured:
        # requiring it on 2 pages kept +0.002 more gain but let one page lose 0.016.
        inside = _between_own_prose(pages, set(template), min_pages=settings.inside_pages)
    learned = {s: r for s, r in learned.items() if s not in inside}
    ranked = sorted(learned.values(), key=lambda r: (-r.support, r.value))[: settings.max_line_rules]
    learned = {r.value: r for r in ranked}

    # HTML pages have blocks outside what the extractor keeps: containers are made of them.
    blocks = [
        list(zip(p.block_shapes, (t for t, _ in p.html[0]), strict=True)) if p.html else [] for p in pages
    ]
    blocks_template = _template(blocks, groups, need_line, need_prose) if any(blocks) else {}
    drop_after = ()
    if settings.tails:
        drop_after = _learn_tails(pages, template, settings, _moved_under(pages, template))
    drop_before = _learn_heads(pages, template, settings) if settings.heads else ()
    fingerprints = _learn_fingerprints(pages, site, settings, others)
    html_drop = _learn_containers(pages, groups, blocks_template, settings)
    drop = tuple(sorted(learned.values(), key=lambda r: (-r.support, r.value)))
    result = LearnedRules(site, read, n_eff, drop, drop_after, fingerprints, html_drop, drop_before)
    if settings.self_check:
        from .rule_self_check import check_learned

        result = check_learned(result, pages, _article_lines(pages, template))
    return result


# Items of a menu line: spaced bars, guillemets, bullets and middle dots ("World | UK | Home").
# Unspaced bars (html2text's "**World**|**[Home](/)**") were measured and not kept: on one page
# the title finder then took a "| | Posted : <date>" line for the headline (BENCHMARKS.md).
_MENU_SEP = regex.compile(r"\s+([|»›•·])\s+")
_MENU_ITEM_WORDS = 4


def _menu_keys(text: str) -> list[tuple[str, str]]:
    """The patterns of a menu line with its first, and with its last, item left open.

    ``US World News | Home`` -> ``^<1-4 words> | Home$``. The open item must be a short label
    (at most four words, no digit, no sentence): a section name, not a headline or a date, and the
    items kept must give the line letters of its own. A line with mixed separators is no menu.
    """
    parts = _MENU_SEP.split(" ".join(text.split()))
    items, seps = parts[0::2], set(parts[1::2])
    if len(items) < 2 or len(seps) != 1 or not all(items):
        return []
    sep = regex.escape(seps.pop())
    joint = rf"\s+{sep}\s+"
    word = rf"[^\s{sep}]+"
    open_item = rf"(?:{word}\s+){{0,{_MENU_ITEM_WORDS - 1}}}{word}"
    keys = []
    for open_at, kept in ((0, items[1:]), (-1, items[:-1])):
        label = items[open_at]
        if not (1 <= word_count(label) <= _MENU_ITEM_WORDS) or regex.search(r"\d|[.!?]$", label):
            continue
        if sum(line_shape(k).literal_letters for k in kept) < 2:
            continue
        fixed = joint.join(line_shape(k).pattern[1:-1] for k in kept)
        pattern = rf"^{open_item}{joint}{fixed}$" if open_at == 0 else rf"^{fixed}{joint}{open_item}$"
        keys.append((pattern, label))
    return keys


def _generalise_menus(pages: list[_Page], groups: list[int], need: int) -> None:
    """Give the lines of a menu whose first or last item changes one shape.

    A section menu or breadcrumb names the page's section ("US World News | Home" on one page,
    "India Sports News | Home" on the next): each exact line is on too few pages to be learned, and
    left in, the title finder may take it for the headline. A pattern with the changing item left
    open is the line's shape when it is on ``need`` distinct pages with at least two different
    items in the open place (one item throughout is an exact line, learned as such). Lines the
    shape then covers go through the same tests as any other line (prose, heuristics, self-check).
    """
    on: dict[str, set[int]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    found: list[tuple[int, int, list[str]]] = []
    for i, p in enumerate(pages):
        for j, u in enumerate(p.units):
            keys = _menu_keys(u.text) if not p.known[j] else []
            for key, label in keys:
                on[key].add(groups[i])
                labels[key].add(label.lower())
            if keys:
                found.append((i, j, [k for k, _ in keys]))
    good = {k for k, g in on.items() if len(g) >= need and len(labels[k]) >= 2}
    for i, j, keys in found:
        chosen = sorted((k for k in keys if k in good), key=lambda k: (-len(on[k]), k))
        if chosen:
            pages[i].shapes[j] = chosen[0]


def _article_lines(pages: list[_Page], template: dict[str, LearnedRule]) -> list[set[str]]:
    """Each page's article as learning sees it: the text of its own prose lines in its article
    stretch (see _article_stretches)."""
    out = []
    for p, (start, end, _), scores in _article_stretches(pages, template):
        out.append({p.units[i].text for i in range(start, end) if scores[i] > 0})
    return out


def _article_stretches(
    pages: list[_Page], template: dict[str, LearnedRule]
) -> list[tuple[_Page, tuple[int, int, float], list[float]]]:
    """Each page's article stretch ([start, end), its prose) and the prose weight of its units.

    On its own, a page's article is the stretch between two template lines that holds the most
    prose of the page's own. That fails on a page whose teaser blocks are its own too (the other
    pages were published on other days) and outweigh a short story. The template lines that close
    the article (the first few after it) are much the same on most pages of a site, though: each
    page takes the stretch most closed by the lines that close the heaviest stretch on more than
    half of the pages, and the heaviest of those.
    """
    on_pages: Counter[str] = Counter()
    for p in pages:
        on_pages.update(set(p.shapes))
    found = []
    for p in pages:
        is_template, scores = _stretch_scores(p, template, on_pages)
        stretches = _stretches(is_template, scores)
        closing = [_closing_lines(p, is_template, st[1]) for st in stretches]
        found.append((p, stretches, closing, scores))
    votes: Counter[str] = Counter()
    for _, stretches, closing, _ in found:
        if stretches:
            votes.update(closing[max(range(len(stretches)), key=lambda k: stretches[k][2])])
    usual = {s: n for s, n in votes.items() if n >= 2 and n * 2 > len(pages)}
    out = []
    for p, stretches, closing, scores in found:
        if not stretches:
            out.append((p, (0, 0, 0.0), scores))
            continue
        # The stretch closed by the lines that close most pages' articles, the heaviest of those.
        best = max(
            range(len(stretches)), key=lambda k: (sum(usual.get(s, 0) for s in closing[k]), stretches[k][2])
        )
        out.append((p, stretches[best], scores))
    return out


#: Template lines after a stretch that count as closing it.
_CLOSING_REACH = 3


def _closing_lines(page: _Page, is_template: list[bool], end: int) -> set[str]:
    """The first few template lines (their shapes) after position ``end`` of a page."""
    out: set[str] = set()
    for i in range(end, len(page.shapes)):
        if is_template[i]:
            out.add(page.shapes[i])
            if len(out) == _CLOSING_REACH:
                break
    return out


def _stretch_scores(
    page: _Page, template: dict[str, LearnedRule], on_pages: Counter[str]
) -> tuple[list[bool], list[float]]:
    """Template lines, and the prose weight of the others (0 unless it is on this page only).

    Teasers of other stories recur on the pages of the same day; the article's text does not.
    """
    is_template = [s in template for s in page.shapes]
    scores = [
        0.0 if t or k or on_pages[s] > 1 else max(0.0, prose_score(u, Verdict()))
        for u, s, t, k in zip(page.units, page.shapes, is_template, page.known, strict=True)
    ]
    return is_template, scores


def _stretches(is_template: list[bool], scores: list[float]) -> list[tuple[int, int, float]]:
    """The runs [start, end) between two template lines that hold prose, with that prose."""
    out = []
    start, mass = 0, 0.0
    for i, (t, s) in enumerate([*zip(is_template, scores, strict=True), (True, 0.0)]):
        if t:
            if mass > 0:
                out.append((start, i, mass))
            start, mass = i + 1, 0.0
        else:
            mass += s
    return out


def _side_by_side(pages: list[_Page], settings: LearnSettings) -> bool:
    """Do the text captures lay columns side by side (a text browser rendering a table layout)?"""
    units = [u for p in pages if not p.is_html for u in p.units]
    wide = sum(1 for u in units if any(_WIDE_GAP.search(line) for line in u.raw.splitlines()))
    return bool(units) and wide > settings.max_side_by_side * len(units)


def _between_own_prose(
    pages: list[_Page], template: set[str], reach: int = 2, min_pages: int = 1
) -> set[str]:
    """Template lines found, on at least ``min_pages`` pages, with a paragraph of that page's own
    on both sides."""
    on_pages: Counter[str] = Counter()
    for p in pages:
        on_pages.update(set(p.shapes))
    inside: Counter[str] = Counter()
    for p in pages:
        own = [
            on_pages[s] == 1 and s not in template and prose_score(u, Verdict()) > 0
            for u, s in zip(p.units, p.shapes, strict=True)
        ]
        inside.update(
            {
                s
                for i, s in enumerate(p.shapes)
                if s in template and any(own[max(0, i - reach) : i]) and any(own[i + 1 : i + 1 + reach])
            }
        )
    return {s for s, n in inside.items() if n >= min_pages}


def _learn_tails(
    pages: list[_Page],
    template: dict[str, LearnedRule],
    settings: LearnSettings,
    misplaced: frozenset[str],
) -> tuple[LearnedRule, ...]:
    """Template lines that, on every page having them, close the article.

    On each page the article is taken to be the stretch between two template lines that holds the
    most prose of that page's own (teasers of other stories recur on the pages of the same day;
    the article does not), or the one closed by the lines that close it on most pages (see
    _article_stretches). A line qualifies on a page when it comes after that stretch, and it
    must qualify on every page it is on: one page where it sits above the story rules it out.
    One-word lines are anchors only when on every page, once.

    Not required (measured, BENCHMARKS.md): less prose after the anchor than in the article (the
    teasers under a short story often outweigh it, and those are what the cut is for), or the
    anchor being among the first few template lines after the article.

    ``misplaced``: lines ruled out beforehand (for HTML, see _moved_under).
    """
    if _side_by_side(pages, settings):
        return ()  # the renderer put columns side by side: a menu can end up inside the story
    ok: dict[str, int] = defaultdict(int)
    bad: set[str] = set()
    position: dict[str, list[int]] = defaultdict(list)
    for p, (_, end, mass), _ in _article_stretches(pages, template):
        is_template = [s in template for s in p.shapes]
        first: dict[str, int] = {}
        gap: dict[str, int] = {}
        templates_before = 0
        for i, s in enumerate(p.shapes):
            if is_template[i]:
                if s not in first:
                    first[s] = i
                    gap[s] = templates_before if i >= end else -1
                if i >= end:
                    templates_before += 1
        for s in first:
            if mass > 0 and gap[s] >= 0:
                ok[s] += 1
                position[s].append(gap[s])
            else:
                bad.add(s)
    bad |= misplaced
    # A one-word line ("Health") can be a menu item that turns up anywhere; it is an anchor only
    # when every page has it, once ("Related" over the links under the story).
    once_everywhere = {s for s in ok if ok[s] == len(pages) and all(p.shapes.count(s) == 1 for p in pages)}
    candidates = [
        template[s]
        for s in ok
        if s not in bad
        and not template[s].prose
        and (word_count(template[s].example) >= 2 or s in once_everywhere)
    ]
    # Closest to the article first: the cut happens at the first anchor present.
    return _closest_anchors(candidates, position, pages)


def _moved_under(pages: list[_Page], template: dict[str, LearnedRule]) -> frozenset[str]:
    """Template lines of HTML pages under which the extractor put lines of the page's own that the
    page lays out above them: a caption or a quote box from the middle of the story, moved to its
    end under a "Key stories" box. A cut there would take them with it."""
    out: set[str] = set()
    for p in pages:
        if not p.html:
            continue
        laid_out: dict[str, int] = {}
        for k, (text, _) in enumerate(p.html[0]):
            laid_out.setdefault(text, k)
        texts = [" ".join(u.text.split()) for u in p.units]
        # the highest place in the page's layout of the page's own lines from each unit down
        highest_below = [math.inf] * (len(texts) + 1)
        for j in range(len(texts) - 1, -1, -1):
            at = laid_out.get(texts[j]) if p.shapes[j] not in template and not p.known[j] else None
            highest_below[j] = min(highest_below[j + 1], math.inf if at is None else at)
        for i, s in enumerate(p.shapes):
            at = laid_out.get(texts[i])
            if s in template and at is not None and highest_below[i + 1] < at:
                out.add(s)
    return frozenset(out)


#: Units above a head anchor that must hold no date or byline line: those sit under the headline,
#: so an anchor below them is below it too (a breadcrumb such as "World News | Home" under the
#: date reads like a headline of the page's own).
_HEAD_META_REACH = 3


def _dates_or_signs(text: str) -> bool:
    """A line that dates or signs the article ("Posted : 3 Jan 2008", "By Jane Doe")."""
    m = read_metadata_line(text)
    return bool(m) and m.kind in ("date", "byline")


def _learn_heads(
    pages: list[_Page], template: dict[str, LearnedRule], settings: LearnSettings
) -> tuple[LearnedRule, ...]:
    """Template lines that, on every page having them, sit right above the headline: the menus
    and teasers over them go, which line rules cannot say of teasers (they change every day).

    The mirror of _learn_tails, with the headline to keep (see _heads_of_page). Date stamps and
    metadata lines are no anchors: the cut takes the anchor too, and the date is the article's.
    Measured (BENCHMARKS.md): asking anchors to be on half the pages rather than on line_share of
    them lost every anchor of a site whose header comes in two layouts.
    """
    if _side_by_side(pages, settings):
        return ()  # a menu column beside the story: its lines say nothing of where the story starts
    ok: dict[str, int] = defaultdict(int)
    bad: set[str] = set()
    distance: dict[str, list[int]] = defaultdict(list)
    on_pages: Counter[str] = Counter()
    for p in pages:
        on_pages.update(set(p.shapes))
    for p, stretch, _ in _article_stretches(pages, template):
        heads = _heads_of_page(p, stretch, template, on_pages)
        for s in {s for s in p.shapes if s in template}:
            if s in heads:
                ok[s] += 1
                distance[s].append(heads[s])
            else:
                bad.add(s)
    candidates = [
        template[s]
        for s in ok
        if s not in bad
        and not template[s].prose
        and word_count(template[s].example) >= 2
        and not is_date_stamp(line_shape(template[s].example))
        and not _read_as_metadata(template[s].example)
    ]
    # Closest to the headline first: the cut is at the lowest anchor present.
    return _closest_anchors(candidates, distance, pages)


#: Anchors kept per end of the article: a site has a closer or two, and a page lacking all three
#: is laid out otherwise.
MAX_ANCHORS = 3


def _closest_anchors(
    candidates: list[LearnedRule], distance: dict[str, list[int]], pages: list[_Page]
) -> tuple[LearnedRule, ...]:
    """The anchors nearest the article on average, each kept only if it covers pages the nearer
    ones miss: the cut is at the nearest anchor present, so a further one adds nothing elsewhere."""
    candidates = sorted(candidates, key=lambda r: (sum(distance[r.value]) / len(distance[r.value]),
                                                   -r.support, r.value))
    chosen: list[LearnedRule] = []
    covered: set[int] = set()
    for r in candidates:
        has = {i for i, p in enumerate(pages) if r.value in p.shapes}
        if has - covered:
            chosen.append(r)
            covered |= has
        if len(chosen) == MAX_ANCHORS:
            break
    return tuple(sorted(chosen, key=lambda r: (-r.support, r.value)))


def _heads_of_page(
    page: _Page, stretch: tuple[int, int, float], template: dict[str, LearnedRule], on_pages: Counter[str]
) -> dict[str, int]:
    """The template lines that could head this page's article, each with the number of template
    lines between it and the article stretch.

    A line qualifies when it is on the page once and the first line of the page's own under it
    (on no other page: a teaser of the same day is passed over) reads like a headline, a few words
    and no sentence, and comes no later than the stretch. A line between the headline and the
    story (a share bar, "Story Tools") has the first paragraph under it and is ruled out, as is a
    line with a date or byline just above it, which sits under the headline's block too.
    """
    start, _, mass = stretch
    if mass <= 0:
        return {}
    count = Counter(page.shapes)
    out = {}
    for at, s in enumerate(page.shapes[:start]):
        if s not in template or count[s] != 1:
            continue
        own = next(
            (
                i
                for i in range(at + 1, start + 1)
                if page.shapes[i] not in template and not page.known[i] and on_pages[page.shapes[i]] == 1
            ),
            None,
        )
        if (
            own is not None
            and _title_candidate(page.units[own])
            and not any(_dates_or_signs(u.text) for u in page.units[max(0, at - _HEAD_META_REACH) : at])
        ):
            out[s] = sum(1 for i in range(at + 1, start) if page.shapes[i] in template)
    return out


def _learn_fingerprints(
    pages: list[_Page], site: str | None, settings: LearnSettings, others: Sequence[str]
) -> tuple[LearnedRule, ...]:
    """Pieces of raw lines found on nearly every text capture, most telling first.

    A line naming the site ("(c) 2024 Example.com") is telling on its own; a generic one
    ("Printer friendly version") only together with others, so when the chosen lines do not all
    name the site, fingerprint_min asks for several of them at once (see LearnedRules).
    """
    text_pages = [p for p in pages if not p.is_html]
    if len(text_pages) < settings.min_pages:
        return ()
    count: Counter[str] = Counter()
    example: dict[str, str] = {}
    for p in text_pages:
        seen = set()
        for line in p.raw_lines:
            if len(line) < 12 or word_count(line) < 2:
                continue
            s = line_shape(line)
            if s.literal_letters < 10:
                continue
            pat = s.pattern[1:-1]  # unanchored: the raw text is searched as a whole
            if pat not in seen:
                seen.add(pat)
                example.setdefault(pat, line)
        count.update(seen)
    need = _needed(settings.fingerprint_share, len(text_pages), settings.min_support)
    site_words = {w for w in regex.split(r"[.\-]", (site or "").lower()) if len(w) >= 3}
    site_words -= {"www", "com", "net", "org", "news", "co", "uk"}
    candidates = []
    for pat, c in count.items():
        if c >= need:
            ex = example[pat]
            names_site = any(w in ex.lower() for w in site_words)
            candidates.append((not names_site, -c, -min(len(ex), 80), pat))
    candidates.sort()
    chosen = []
    others_head = [o[:200_000] for o in others]
    for generic, neg_c, _, pat in candidates:
        compiled = regex.compile(pat)
        if any(compiled.search(o) for o in others_head):
            continue
        chosen.append(LearnedRule(pat, -neg_c, example[pat], names_site=not generic))
        if len(chosen) == settings.max_fingerprints:
            break
    return tuple(chosen)


def _learn_containers(
    pages: list[_Page], groups: list[int], template: dict[str, LearnedRule], settings: LearnSettings
) -> tuple[LearnedRule, ...]:
    """Blocks named by id or class, on enough pages, whose text barely changes and holds no own prose."""
    html_pages = [(i, p) for i, p in enumerate(pages) if p.is_html]
    if not html_pages:
        return ()
    for _, p in html_pages:
        kinds = [
            "template" if s in template else "prose" if reads_like_prose(t) else "other"
            for (t, _), s in zip(p.html[0], p.block_shapes, strict=True)
        ]
        _read_containers(p, kinds)
    n_html = len({groups[i] for i, _ in html_pages})
    need = _needed(settings.line_share, n_html, settings.min_support)
    by_selector: dict[str, list[_Page]] = defaultdict(list)
    where_groups: dict[str, set[int]] = defaultdict(set)
    for i, p in html_pages:
        for s in p.containers:
            by_selector[s].append(p)
            where_groups[s].add(groups[i])
    candidates = []
    for sel, where in by_selector.items():
        if len(where_groups[sel]) < need:
            continue
        if any(p.containers[sel].prose_lines for p in where):
            continue  # it held a paragraph of some page's own text: it may hold the article
        if not any(p.containers[sel].text for p in where):
            continue  # empty on every page (an ad slot): dropping it changes nothing
        other = sorted(p.containers[sel].other_lines for p in where)
        if other[len(other) // 2] > settings.container_max_other_lines:
            continue  # on a typical page it holds lines of its own (a date, a caption, teasers)
        example = next((p.containers[sel].text for p in where if p.containers[sel].text), "")
        candidates.append(LearnedRule(sel, len(where), example[:200]))
    # Ids before classes, then the most widespread; a container inside a chosen one adds nothing.
    candidates.sort(key=lambda r: ("#" not in r.value, -r.support, r.value))
    chosen: list[LearnedRule] = []
    chosen_set: set[str] = set()
    for r in candidates:
        if all(p.nested.get(r.value, frozenset()) & chosen_set for p in by_selector[r.value]):
            continue
        chosen.append(r)
        chosen_set.add(r.value)
        if len(chosen) == settings.max_containers:
            break
    return tuple(sorted(chosen, key=lambda r: (-r.support, r.value)))


# --- many sites at once -----------------------------------------------------------------------------
#: Pages read per site in a batch: enough to tell the template, and memory stays bounded.
MAX_PAGES_PER_SITE = 200
#: Pages of each other site a fingerprint is tried against (it must not recognise them).
OTHER_SITE_SAMPLE = 5


def group_by_site(
    documents: Iterable, max_pages: int = MAX_PAGES_PER_SITE
) -> dict[str, list[tuple[str | None, str | bytes]]]:
    """Captures by host (``www.`` dropped), at most ``max_pages`` per host.

    A document is a ``(url, raw)`` pair, a dict, or an object with ``url`` and ``raw`` (or ``html`` /
    ``text`` / ``content``) attributes, such as the batch's Document; one without a URL cannot be
    placed and is left out, as is one whose ``error`` is set. When a host has more pages, the ones
    kept are those whose URL (then content) hashes lowest: the same whatever the input order.
    """
    heaps: dict[str, list[tuple[str, int]]] = defaultdict(list)
    kept: dict[int, tuple[str | None, str | bytes]] = {}
    for seq, doc in enumerate(documents):
        if getattr(doc, "error", None):
            continue
        url, raw = _url_and_raw(doc)
        host = host_of(url)
        if not host or raw is None:
            continue
        key = hashlib.sha1(f"{url}\n".encode("utf-8", "surrogatepass") + _raw_bytes(raw)).hexdigest()
        heap, item = heaps[host], (_invert(key), seq)
        if len(heap) < max_pages:
            heapq.heappush(heap, item)
        elif item > heap[0]:
            kept.pop(heapq.heapreplace(heap, item)[1])
        else:
            continue
        kept[seq] = (url, raw)
    return {h: [kept[seq] for _, seq in sorted(heap, reverse=True)] for h, heap in sorted(heaps.items())}


def _invert(hexkey: str) -> str:
    """A key that sorts the other way: the heap keeps the largest inverted = the smallest hashes."""
    return hexkey.translate(str.maketrans("0123456789abcdef", "fedcba9876543210"))


def _raw_bytes(raw: str | bytes) -> bytes:
    return raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)


def _url_and_raw(doc) -> tuple[str | None, str | bytes | None]:
    if isinstance(doc, tuple | list) and len(doc) == 2:
        return doc[0], doc[1]
    fields = ("raw", "html", "text", "content", "capture")
    if isinstance(doc, dict):
        return doc.get("url"), next((doc[k] for k in fields if doc.get(k) is not None), None)
    return getattr(doc, "url", None), next(
        (getattr(doc, k) for k in fields if getattr(doc, k, None) is not None), None
    )


def learned_rule_texts(
    documents: Iterable, *, base=None, settings: LearnSettings | None = None
) -> dict[str, str]:
    """Rule-file text (by file name, ``<host>.toml``) for every site of a batch with enough pages.

    ``base``: the RuleBook in force. A site that already has a rule file in it gets that file
    *merged* with what was learned (its rules and comments kept, learned entries added), under the
    same file name; loaded after ``base``, it takes that file's place (see RuleBook.for_capture).
    """
    from .rule_writer import render_rule_file

    settings = settings or LearnSettings()
    sites = group_by_site(documents)
    samples = {
        h: [t for t in (_as_text(raw) for _, raw in caps[:OTHER_SITE_SAMPLE]) if not looks_like_html(t)]
        for h, caps in sites.items()
    }
    out: dict[str, str] = {}
    for host, caps in sites.items():
        if len(caps) < settings.min_pages:
            continue
        others = [t for h, ts in samples.items() if h != host for t in ts]
        learned = learn_site_rules(caps, host, settings, others=others)
        if learned.empty:
            continue
        existing = _existing_for(base, host)
        if existing is not None and existing.path.is_file():
            name = existing.path.name
            text = render_rule_file(learned, existing=existing.path.read_text(encoding="utf-8"))
        else:
            name, text = f"{host}.toml", render_rule_file(learned)
        if name in out:  # two hosts under one hand-written file: learn them into separate files
            name = f"{host}.toml"
            text = render_rule_file(learned)
        out[name] = text
    return out


def learn_rules_for_batch(
    documents: Iterable, *, base=None, settings: LearnSettings | None = None, folder: str | Path | None = None
) -> list:
    """Learn the rules of every site of a batch (``(url, raw)`` pairs or batch Documents).

    Returns the learned rule sets (SiteRules), each validated as a rule file is. With ``folder``,
    the files are also written there (``<host>.toml``), so the batch can pass the folder on as an
    extra rules path (``clean(..., rules=[..., folder])``) to worker processes.
    """
    from .rule_files import load_rule_file
    from .rule_writer import compile_rule_text

    texts = learned_rule_texts(documents, base=base, settings=settings)
    if folder is None:
        return [compile_rule_text(text, name=name) for name, text in sorted(texts.items())]
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, text in sorted(texts.items()):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        out.append(load_rule_file(path))
    return out


def _existing_for(base, host: str):
    """The rule set of ``base`` that applies to ``host`` (as RuleBook.for_capture chooses it)."""
    return base.for_capture(host, "") if base is not None else None
