"""Cleaning a plain-text capture: units, site rules, heuristics, the article's main run, the title.

The order matters and is the whole design:
1. site rules speak first (a user who wrote a rule knows the site better than any heuristic);
2. metadata lines (dates, bylines) are read, and named boilerplate is flagged by the heuristics;
3. the article is the run of units with the most prose in it (a maximum-sum segment, where prose
   counts for and boilerplate against), so menus, widgets and teasers around it fall away even
   when no heuristic has a name for them;
4. the title is the heading the run hangs from, and its repeats and the standfirst's repeat go.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .article import Removal
from .heuristics import ALL as HEURISTICS
from .heuristics import ends_sentence, word_count
from .metadata import Meta, _dateline, parse_date, read_metadata_line
from .rule_files import SiteRules
from .text_units import Unit, split_units

# Reasons that say "this is metadata" rather than "this is junk": they do not count against the
# article run, since datelines and bylines sit between the headline and the first paragraph.
METADATA_REASONS = frozenset({"byline", "updated-line", "dateline", "read-time", "title", "duplicate-title", "site-meta"})
META_KIND_REASON = {"date": "updated-line", "byline": "byline", "read-time": "read-time", "dateline": "dateline"}


@dataclass
class Verdict:
    reason: str | None = None
    by: str | None = None


@dataclass
class TextResult:
    title: str | None
    paragraphs: list[str]
    date: str | None
    byline: str | None
    removed: list[Removal]
    units: list[Unit] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    markup: list[Unit] = field(default_factory=list)


def _key(text: str) -> str:
    """Comparison key: case, spacing and edge punctuation do not make two lines different."""
    return regex.sub(r"[\W_]+", " ", text.casefold()).strip()


class _Collector:
    def __init__(self):
        self.date: str | None = None
        self.byline: str | None = None
        self.date_rank = 9

    def take(self, meta: Meta, text: str):
        if meta.date:
            # A publication date beats an update stamp; otherwise the first one seen wins.
            rank = 0 if regex.search(r"publish|posted|dated|released", text, regex.I) else 1
            if rank < self.date_rank:
                self.date, self.date_rank = meta.date, rank
        if meta.byline and not self.byline:
            self.byline = meta.byline


def apply_site_rules(units: list[Unit], verdicts: list[Verdict], site: SiteRules, meta: _Collector) -> list[bool]:
    """Mark what the site's rule file drops; return which units it protects."""
    protected = [site.is_protected(u.text) for u in units]
    label = site.label
    for i, u in enumerate(units):
        for pat in site.meta_date:
            m = pat.search(u.text)
            if m:
                value = m.groupdict().get("date") or m.group(0)
                meta.take(Meta("date", date=parse_date(value)), u.text)
                verdicts[i] = Verdict("site-meta", label)
        for pat in site.meta_byline:
            m = pat.search(u.text)
            if m:
                meta.take(Meta("byline", byline=(m.groupdict().get("byline") or m.group(0)).strip()), u.text)
                verdicts[i] = Verdict("site-meta", label)
    cut = next(((i, r) for i, u in enumerate(units) for r in site.drop_after if r.pattern.search(u.text)), None)
    if cut:
        for k in range(cut[0], len(units)):
            if not protected[k]:
                verdicts[k] = verdicts[k] if verdicts[k].reason else Verdict(cut[1].reason, label)
    for rule in site.drop_blocks:
        i = 0
        while i < len(units):
            if rule.start.search(units[i].text):
                j = i
                if rule.end is not None:
                    while j < len(units) and not rule.end.search(units[j].text):
                        j += 1
                    j = min(j, len(units) - 1)
                for k in range(i, j + 1):
                    if not protected[k] and not verdicts[k].reason:
                        verdicts[k] = Verdict(rule.reason, label)
                i = j + 1
            else:
                i += 1
    for i, u in enumerate(units):
        if verdicts[i].reason or protected[i]:
            continue
        for rule in site.drop:
            if rule.pattern.search(u.text):
                verdicts[i] = Verdict(rule.reason, label)
                break
    return protected


def prose_score(u: Unit, verdict: Verdict) -> float:
    """How much a unit speaks for being inside the article (positive) or outside it (negative)."""
    if verdict.reason:
        if verdict.reason in METADATA_REASONS:
            return 0.0
        return -(2.0 + 0.5 * min(word_count(u.text), 40))
    w = word_count(u.text)
    punct = ends_sentence(u.text)
    if u.link_ratio > 0.5:
        return -(1.0 + 0.5 * min(w, 30))
    if w >= 15 and punct:
        return float(w)
    if w >= 8 and punct:
        return 0.7 * w
    if w >= 25:
        return 0.5 * w
    if punct and w >= 3:
        return 1.0
    return -1.5


def main_run(scores: list[float]) -> tuple[int, int]:
    """The segment [start, end) with the largest sum of scores (Kadane); (0, 0) if none is positive."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _title_candidate(u: Unit) -> bool:
    w = word_count(u.text)
    return 2 <= w <= 30 and len(u.text) <= 250 and (not ends_sentence(u.text) or u.text.rstrip().endswith(("?", "!")))


def find_title(units: list[Unit], verdicts: list[Verdict], start: int) -> int | None:
    """Index of the headline: the line the capture repeats, or the heading just above the article."""
    keys = [_key(u.text) for u in units]
    counts: dict[str, int] = {}
    for i, u in enumerate(units):
        if _title_candidate(u) and keys[i]:
            counts[keys[i]] = counts.get(keys[i], 0) + 1
    horizon = min(len(units), start + 3)
    # A headline printed twice near the top (browser dumps of pages with a hero and an h1).
    for i in range(horizon):
        if counts.get(keys[i], 0) >= 2 and _title_candidate(units[i]) and verdicts[i].reason in (None, "site-meta"):
            return i
    for i in range(horizon):
        if units[i].heading and _title_candidate(units[i]) and not verdicts[i].reason and i >= start - 12:
            return i
    for i in range(start - 1, max(-1, start - 10), -1):
        if verdicts[i].reason:
            continue
        if _title_candidate(units[i]):
            return i
    return None


def clean_text(capture: str, site: SiteRules | None = None, *, record: bool = True) -> TextResult:
    units, markup = split_units(capture)
    verdicts = [Verdict() for _ in units]
    meta = _Collector()
    protected = apply_site_rules(units, verdicts, site, meta) if site else [False] * len(units)
    for i, u in enumerate(units):
        if verdicts[i].reason or protected[i]:
            continue
        m = read_metadata_line(u.text)
        if m and (m.kind != "dateline" or m.rest is None):
            meta.take(m, u.text)
            verdicts[i] = Verdict(META_KIND_REASON[m.kind], f"heuristic:{META_KIND_REASON[m.kind]}")
    for h in HEURISTICS:
        flags = h.flag(units)
        for i, flagged in enumerate(flags):
            if flagged and not verdicts[i].reason and not protected[i]:
                verdicts[i] = Verdict(h.code, f"heuristic:{h.code}")

    scores = [prose_score(u, v) for u, v in zip(units, verdicts, strict=True)]
    start, end = main_run(scores)
    title_at = find_title(units, verdicts, start)
    title = units[title_at].text if title_at is not None else None
    title_key = _key(title) if title else None
    if title_at is not None:
        verdicts[title_at] = Verdict("title", "heuristic:title")
        # "Asia" above the headline is the section the page was filed under.
        j = title_at - 1
        while j >= 0 and verdicts[j].reason in ("title", "duplicate-title"):
            j -= 1
        if j >= 0 and not verdicts[j].reason and word_count(units[j].text) <= 3 and not ends_sentence(units[j].text):
            verdicts[j] = Verdict("section-label", "heuristic:section-label")

    paragraphs: list[str] = []
    removed: list[Removal] = []
    seen: set[str] = set()
    first_body = True
    for i, u in enumerate(units):
        v = verdicts[i]
        if not v.reason:
            k = _key(u.text)
            if title_key and k == title_key:
                v.reason, v.by = "duplicate-title", "heuristic:duplicate-title"
            elif i < start or i >= end:
                v.reason, v.by = "outside-article", "heuristic:main-run"
            elif k and k in seen and word_count(u.text) >= 3:
                v.reason, v.by = "duplicate", "heuristic:duplicate"
            else:
                text = u.text
                if first_body:
                    first_body = False
                    dl = _dateline(text)
                    if dl and dl.rest:
                        meta.take(dl, text)
                        if record:
                            removed.append(Removal(text[: len(text) - len(dl.rest)].strip(), "dateline",
                                                   "heuristic:dateline", u.first_line))
                        text = dl.rest
                paragraphs.append(text)
                if k:
                    seen.add(k)
                continue
        if record and v.reason != "title":
            removed.append(Removal(u.text, v.reason, v.by or "", u.first_line))
    if record:
        removed.extend(Removal(m.text, "markup", "heuristic:markup", m.first_line) for m in markup)
        removed.sort(key=lambda r: r.line or 0)
    return TextResult(title, paragraphs, meta.date, meta.byline, removed, units, verdicts, markup)
