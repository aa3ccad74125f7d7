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

import copy
import itertools
import math
from dataclasses import dataclass, field
from typing import Literal

import regex

from . import line_model
from .article import Removal
from .heuristics import ALL as HEURISTICS
from .heuristics import BY_CODE as HEURISTIC_CODES
from .heuristics import (
    END_MARKERS,
    METADATA_REASONS,
    ads_after_labels,
    ends_sentence,
    lists_after_headers,
    word_count,
)
from .metadata import Meta, _dateline, parse_date, read_metadata_line
from .rule_files import SiteRules
from .text_units import Unit, split_units, word_count_at_least

# Reasons that say "this is metadata" rather than "this is junk": they do not count against the
# article run, since datelines and bylines sit between the headline and the first paragraph.
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


_NON_WORD = regex.compile(r"[\W_]+")
_PUBLISHED = regex.compile(r"publish|posted|dated|released", regex.I)


# ASCII bytes that are not letters or digits (what _NON_WORD matches in ASCII text) made spaces.
_ASCII_NON_WORD = bytes(b if b < 128 and chr(b).isalnum() else 32 for b in range(256))


def _key(text: str) -> str:
    """Comparison key: case, spacing and edge punctuation do not make two lines different."""
    low = text.casefold()
    if low.isascii():
        # Most lines: a byte table and split() give what the substitution and strip() give, faster.
        return " ".join(low.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii").split())
    return _NON_WORD.sub(" ", low).strip()


class _Collector:
    def __init__(self):
        self.date: str | None = None
        self.byline: str | None = None
        self.date_rank = 9

    def take(self, meta: Meta, text: str):
        if meta.date:
            # A publication date beats an update stamp; otherwise the first one seen wins.
            rank = 0 if _PUBLISHED.search(text) else 1
            if rank < self.date_rank:
                self.date, self.date_rank = meta.date, rank
        if meta.byline and not self.byline:
            self.byline = meta.byline


def apply_site_rules(units: list[Unit], verdicts: list[Verdict], site: SiteRules,
                     meta: _Collector) -> tuple[list[bool], int | None]:
    """Mark what the site's rule file drops; return which units it protects, and the unit of the
    ``drop_before`` marker that cut the head of the page (None: no head cut)."""
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
    texts = [u.text for u in units]
    cut = site.tail_cut(texts)
    if cut:
        for k in range(cut[0], len(units)):
            if not protected[k]:
                verdicts[k] = verdicts[k] if verdicts[k].reason else Verdict(cut[1].reason, label)
    head = site.head_cut(texts)
    if head:
        for k in range(head[0] + 1):
            if not protected[k]:
                verdicts[k] = verdicts[k] if verdicts[k].reason else Verdict(head[1].reason, label)
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
    return protected, head[0] if head else None


# "(Reporting by X; Editing by Y)" closes wire stories, "With assistance from X." agency ones: part of
# the article, though not a sentence.
_CREDIT = regex.compile(r"^\(?\s*(?:(?:additional\s+)?(?:reporting|writing|editing|compiled|research)\s+by"
                        r"|with\s+(?:additional\s+)?assistance\s+(?:from|by))\b", regex.I)


def prose_score(u: Unit, verdict: Verdict) -> float:
    """How much a unit speaks for being inside the article (positive) or outside it (negative)."""
    if verdict.reason:
        if verdict.reason in METADATA_REASONS:
            return 0.0
        return -(2.0 + 0.5 * min(word_count(u.text), 40))
    w = word_count(u.text)
    punct = ends_sentence(u.text)
    if _CREDIT.match(u.text):
        return 3.0
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


def main_run(scores: list[float], reasons: list[str | None] | None = None, *,
             trim: bool = True) -> tuple[int, int]:
    """The segment [start, end) with the largest sum of scores (Kadane); (0, 0) if none is positive.

    ``trim``: cut small pieces hanging on past a gap of boilerplate (see _trim_pieces); the
    heuristic scores need it, the line model's scores already count the gap's context.
    """
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_span = total, (start, i + 1)
    if not trim:
        return best_span
    return _trim_pieces(scores, reasons or [None] * len(scores), *best_span)


# The line model's operating points (chosen by host-grouped cross-validation on the benchmarks'
# development pages, see bench/train_line_model.py): the run is the maximum-sum segment of
# (p - RUN_FLOOR) * (words + 1), and inside it a unit the model gives less than KEEP leaves as
# "low-prose". Scores are weighted by words because the article is judged by its words.
RUN_FLOOR, KEEP = 0.2, 0.4


def article_run(units: list[Unit], verdicts: list[Verdict], protected: list[bool],
                model: dict | None | Literal[False] = None) -> tuple[int, int, set[int]]:
    """The article run [start, end) and the units inside it that the line model rejects.

    Named heuristics stay hard removals (their verdicts are the reasons users see); the model
    decides where the article is and which unnamed units inside it are not part of it.
    ``model=False`` is the heuristic prose score alone.
    """
    reasons, prose, heuristic_run = _prose_run(units, verdicts)
    if model is False or not units:
        return heuristic_run[0], heuristic_run[1], set()
    rows = line_model.features(units, reasons, prose, heuristic_run)
    probs = line_model.probabilities(rows, model)
    words = [math.expm1(row[0]) for row in rows]  # feature 0 is log1p(words)
    start, end = main_run([(p - RUN_FLOOR) * (w + 1) for p, w in zip(probs, words, strict=True)], trim=False)
    # The article starts and ends with a unit both the model and the prose score keep: the
    # headline and standfirst above it are found by find_title, not swallowed as low-prose.
    kept = [i for i in range(start, end) if probs[i] >= KEEP and not reasons[i] and prose[i] > 0]
    # A headline the capture marks as a heading and that ends in "?" or "!" reads as a sentence,
    # but the article starts under it.
    while len(kept) > 1 and units[kept[0]].heading and _title_candidate(units[kept[0]]):
        kept.pop(0)
    if not kept:  # nothing the model would vouch for: the prose score's run alone
        return heuristic_run[0], heuristic_run[1], set()
    # ... or with the credit line that closes wire stories ("(Reporting by ...; Editing by ...)").
    last = max(i for i in range(start, end)
               if i == kept[-1] or not reasons[i] and _CREDIT.match(units[i].text))
    last = _before_comments(units, reasons, kept, last)
    start, end = kept[0], last + 1
    end, listed = _announced_list(units, reasons, end)
    low = {i for i in range(start, end)
           if probs[i] < KEEP and not reasons[i] and not protected[i] and prose[i] <= 0 and i not in listed
           and not _holds_together(units, reasons, probs, start, end, i)}
    return start, end, low


def _doubted_without_site_rules(units: list[Unit], flagged: Flagged, model: dict | None,
                                low: set[int]) -> set[int]:
    """The units of ``low`` the line model also rejects on the page as it reads without the site's rules.

    A rule file removes lines it matches; it must not punch holes in the story it leaves. The
    model judges a unit by its neighbours and by where the densest prose is, and a rule that
    removes a block of teasers under the story moves both: a short line of the story, next to
    the cut, can then fall under the model's threshold. Such a unit, kept in the same run
    without the rules, stays.
    """
    start, end, plain_low = article_run(units, flagged.plain, [False] * len(units), model)
    return {i for i in low if i in plain_low or not start <= i < end}


# Words of the story kept right above a comment section's head before that head ends the article:
# a comment counter among the tools under the headline ("12 Comments") comes before the story
# does, and so does one under a teaser in a column beside it. The count starts again after _GAP
# units in a row outside the story: between a story and its comments sit a few (tags, a share
# bar), between a teaser in the side column and the story a whole head of menus.
STORY_BEFORE_COMMENTS = 50
_GAP = 6


def _before_comments(units: list[Unit], reasons: list[str | None], kept: list[int], last: int) -> int:
    """The run's last unit, moved up above a comment section's head ("Top Rated Comments").

    Readers' comments are prose, so the model reads them as more of the article; the head that
    opens them says where the story stopped.
    """
    kept_set = set(kept)
    words = gap = 0
    for i in range(kept[0], last + 1):
        if reasons[i] == "comments" and words >= STORY_BEFORE_COMMENTS \
                and not _SITE_WIDE_COMMENTS.search(units[i].text) and _opens_comments(units, reasons, i):
            return max(j for j in kept if j < i)
        if i in kept_set:
            words += word_count(units[i].text)
            gap = 0
        else:
            gap += 1
            if gap >= _GAP:
                words = 0
    return last


# Blog sidebars' widgets about the whole site's comments ("Recent Comments", "Comments feed"):
# a sidebar printed before the story puts them between an author's bio and the story.
_SITE_WIDE_COMMENTS = regex.compile(r"^(?:recent|latest|newest)\s*comments$|\bcomments?\s*(?:feed|rss)\b",
                                    regex.IGNORECASE)
# A quotation mark opening a paragraph: how a story quotes its readers.
_OPENS_QUOTE = regex.compile(r"^\s*[\"“„«‘‚'»]")


def _opens_comments(units: list[Unit], reasons: list[str | None], head: int) -> bool:
    """Whether a comment head opens readers' comments rather than a story's selection of them.

    A round-up of readers' views under a "Readers' comments" heading quotes each reader in
    quotation marks; a comment section prints the comments as they were written.
    """
    below = [k for k in range(head + 1, min(len(units), head + 4)) if not reasons[k]]
    return not below or not all(_OPENS_QUOTE.match(units[k].text) for k in below)


# A list the article announces: at least this many items, each at most this many words (a
# paragraph-length line is prose, not an item, and ends the list).
LIST_MIN_ITEMS, LIST_ITEM_WORDS = 3, 40


def _announced_list(units: list[Unit], reasons: list[str | None], end: int) -> tuple[int, set[int]]:
    """The run's new end and the units of a list its last paragraph announces ("Tour dates:").

    The line model reads one line at a time and doubts short lines without a sentence, so a
    story that ends in a list (tour dates, products, specifications) loses the list and, when
    the list is long, the line announcing it. A line ending in a colon, as the run's last unit or
    right after it, keeps the list under it: unflagged, unlinked short lines that look alike.
    """
    for a in (end - 1, end):
        if not 0 <= a < len(units) or reasons[a] or not _announces(units[a]):
            continue
        shapes: list[tuple[bool, bool, bool]] = []
        j = a + 1
        while j < len(units) and _list_item(units[j], reasons[j]):
            shape = _item_shape(units[j].text)
            # One shape, or two taking turns (a product and its link): where that breaks, the
            # page has gone on to something else (a footer, a byline, a label).
            if len(shapes) >= 2 and shape != shapes[-2]:
                break
            shapes.append(shape)
            j += 1
        if len(shapes) >= LIST_MIN_ITEMS:
            return max(end, j), set(range(a, j))
    return end, set()


# A line that announces other stories, not a list of the story's own: "More from our series on
# transport:", "Related coverage:", "You may also like:", "Previously on this blog:".
_OTHER_STORIES = regex.compile(
    r"\b(?:more\s+(?:from|on|in|stories|news|coverage|articles|reading)|related"
    r"|also\s+(?:like|enjoy|read|see|watch)"
    r"|(?:other|recent|latest|previous|popular|top|further)\s+(?:stories|news|articles|posts|coverage|reading|headlines)"
    r"|previously|recommended|(?:our|this|the\s+full)\s+series|(?:useful|external)\s+links"
    r"|read\s+(?:more|next|also|on))\b",
    regex.IGNORECASE)


def _announces(u: Unit) -> bool:
    return u.text.rstrip().endswith(":") and u.link_ratio <= 0.5 and word_count(u.text) >= 2 \
        and not _OTHER_STORIES.search(u.text)


def _list_item(u: Unit, reason: str | None) -> bool:
    # A line ending in a colon announces (a form's "Password:"), it is not an item.
    return not reason and u.link_ratio <= 0.5 and not u.text.rstrip().endswith(":") \
        and not word_count_at_least(u.text, LIST_ITEM_WORDS + 1)


_URL = regex.compile(r"https?://|\bwww\.", regex.I)


def _item_shape(text: str) -> tuple[bool, bool, bool]:
    """What list items share: a sentence or not, a web address or not, one word or more."""
    return text.rstrip().endswith("."), bool(_URL.search(text)), word_count(text) <= 1


def model_rows(units: list[Unit], verdicts: list[Verdict]) -> list[list[float]]:
    """The line model's feature rows of a capture's units, as article_run computes them."""
    return line_model.features(units, *_prose_run(units, verdicts))


def _prose_run(units: list[Unit], verdicts: list[Verdict]):
    """Each unit's reason and prose score, and the heuristic article run they give."""
    reasons = [v.reason for v in verdicts]
    prose = [prose_score(u, v) for u, v in zip(units, verdicts, strict=True)]
    return reasons, prose, main_run(prose, reasons)


# A subheading between two kept paragraphs, or the items of a list its kept paragraph announces
# ("... as follows:"), stay unless the model is sure they do not belong.
SUBHEADING_FLOOR, LIST_FLOOR = 0.2, 0.1
# Looking for the paragraphs around a unit, these are passed over (widgets, teaser links); the
# others (metadata, site rules' reasons) end the search.
_PASSED = frozenset(HEURISTIC_CODES) - METADATA_REASONS


def _holds_together(units: list[Unit], reasons: list[str | None], probs: list[float], start: int, end: int,
                    i: int) -> bool:
    """Does unit i, which the model doubts, belong with the kept paragraphs around it?"""
    # Not past metadata: a line among bylines and date stamps belongs to the head of the page.
    prev = next((j for j in range(i - 1, start - 1, -1) if reasons[j] not in _PASSED), None)
    nxt = next((j for j in range(i + 1, end) if reasons[j] not in _PASSED), None)
    if probs[i] >= SUBHEADING_FLOOR and prev is not None and nxt is not None and not reasons[prev] \
            and not reasons[nxt] and probs[prev] >= KEEP and probs[nxt] >= KEEP:
        return True
    # The line that announces the list under it ("... allocated as follows:") goes with the list,
    # which the lines below keep for its sake.
    if probs[i] >= LIST_FLOOR and not units[i].list_item and units[i].text.rstrip().endswith(":") \
            and i + 1 < end and units[i + 1].list_item and not reasons[i + 1]:
        return True
    j = i - 1
    while j >= start and not reasons[j] and probs[j] < KEEP and units[j].list_item == units[i].list_item \
            and word_count(units[j].text) <= 40:
        j -= 1
    return probs[i] >= LIST_FLOOR and j >= start and units[j].text.rstrip().endswith(":")




def _trim_pieces(scores: list[float], reasons: list[str | None], start: int, end: int) -> tuple[int, int]:
    """Cut prose that hangs on past a gap of boilerplate (a footer, comments) when it is small.

    A maximum-sum run happily crosses a list of teasers to reach a long footer paragraph. The
    run is split at gaps (three or more units in a row that speak against the article) and only
    pieces weighing at least a third of the main piece stay attached to it.
    """
    pieces, ends_story, piece_start, gap = [], [], start, 0
    for i in range(start, end):
        if scores[i] <= 0:
            gap += 1
            continue
        if gap >= 3 and sum(1 for k in range(i - gap, i) if scores[k] < 0) >= 2:
            pieces.append((piece_start, i - gap))
            ends_story.append(any(reasons[k] in END_MARKERS for k in range(i - gap, i)))
            piece_start = i
        gap = 0
    pieces.append((piece_start, end))
    if len(pieces) == 1:
        return start, end
    weights = [sum(max(0.0, s) for s in scores[a:b]) for a, b in pieces]
    main = max(range(len(pieces)), key=weights.__getitem__)
    lo = hi = main
    while lo > 0 and weights[lo - 1] >= weights[main] / 3:
        lo -= 1
    while hi < len(pieces) - 1 and weights[hi + 1] >= weights[main] / 3 and not ends_story[hi]:
        hi += 1
    first, last = pieces[lo][0], pieces[hi][1]
    while last > first and scores[last - 1] <= 0:  # a piece ends at its last positive unit
        last -= 1
    return first, last


def _title_candidate(u: Unit) -> bool:
    w = word_count(u.text)
    return 2 <= w <= 30 and len(u.text) <= 250 \
        and (not ends_sentence(u.text) or u.text.rstrip().endswith(("?", "!"))) \
        and not (" " not in u.text.strip() and _URL.match(u.text.strip()))  # the page's own address


# Walking up from the article to its headline, these are passed over; the others end the walk.
_HEAD_STOPS = frozenset({"ticker", "market-list", "price-widget", "related-list", "glued-nav", "cookie",
                         "consent", "newsletter", "promo", "copyright", "disclaimer", "read-more"})


def head_block(verdicts: list[Verdict], start: int) -> list[int]:
    """Unflagged units in the stretch just above the article: headline, standfirst, labels."""
    found, menu = [], 0
    j = start - 1
    while j >= 0 and start - j <= 25:
        reason = verdicts[j].reason
        if reason is None:
            found.append(j)
            menu = 0
        elif reason in _HEAD_STOPS:
            break
        elif reason == "nav-run":
            menu += 1
            if menu > 6:
                break
        j -= 1
    return sorted(found)


# A line above another headline-like line is the headline (and the lower one its standfirst) if
# it has this many words; shorter ones are more often a site's tool or section line.
_HEADLINE_WORDS = 5


def find_title(units: list[Unit], verdicts: list[Verdict], start: int) -> int | None:
    """Index of the headline: the line the capture repeats, or the heading just above the article."""
    keys = [_key(u.text) for u in units]
    counts: dict[str, int] = {}
    for i, u in enumerate(units):
        if _title_candidate(u) and keys[i]:
            counts[keys[i]] = counts.get(keys[i], 0) + 1
    horizon = min(len(units), start + 3)
    block = head_block(verdicts, start)
    head = [i for i in block if _title_candidate(units[i])]
    # A renderer that marks headings (markdown #, a text browser's margin) names the headline best.
    headings = [i for i in head if units[i].heading and word_count(units[i].text) >= 3]
    if headings:
        return headings[-1]
    stopped = _stopped_heading(units, block)
    if stopped is not None:
        return stopped
    over_byline = _over_byline(units, verdicts, start)
    if over_byline is not None:
        return over_byline
    # A headline printed twice near the top (browser dumps of pages with a hero and an h1).
    for i in range(horizon):
        if counts.get(keys[i], 0) >= 2 and _title_candidate(units[i]) and verdicts[i].reason in (None, "site-meta"):
            return i
    # The line closest to the story that reads like a headline: lines further up are the site's
    # (a tool bar, a section's name, a link home). But not past a paragraph of the story that the
    # run left out (the headline is above the story), and a standfirst directly under a headline
    # gives way to it.
    prose = next((i for i in block if word_count(units[i].text) >= 12 and ends_sentence(units[i].text)
                  and not _title_candidate(units[i])), len(units))
    above = [i for i in block if i < prose]
    lines = [k for k, i in enumerate(above) if _title_candidate(units[i]) and word_count(units[i].text) >= 4]
    if lines:
        k = lines[-1]
        if k - 1 in lines and word_count(units[above[k - 1]].text) >= _HEADLINE_WORDS:
            k -= 1
        return above[k]
    if head:
        return head[-1]
    for i in range(start - 1, max(-1, start - 10), -1):
        if not verdicts[i].reason and _title_candidate(units[i]):
            return i
    return None


# The byline sits right over the story, give or take a date or a comment counter.
_BYLINE_ABOVE_STORY = 3


def _over_byline(units: list[Unit], verdicts: list[Verdict], start: int) -> int | None:
    """The headline over the byline that opens the story, where a menu heuristic took it for one more
    short link: "<< Back to index / Headline / By Jane Doe / story".

    It wins over a headline printed twice, which may be another story's in a "most read" box. An
    unflagged line over the byline is left to the walk up in find_title, which knows a standfirst
    printed without a full stop from the headline above it.
    """
    for j in range(start - 1, max(-1, start - 1 - _BYLINE_ABOVE_STORY), -1):
        if verdicts[j].reason != "byline":
            continue
        h = j - 1
        if h >= 0 and verdicts[h].reason == "nav-run" and _title_candidate(units[h]) and word_count(units[h].text) >= 3:
            return h
        return None
    return None


def _stopped_headline(u: Unit) -> bool:
    """A headline-sized line the capture marks as a heading, ending in a full stop as some sites
    print their headlines (and their standfirsts)."""
    text = u.text
    return u.heading and text.rstrip().endswith(".") and 4 <= word_count(text) <= 20 and len(text) <= 250


def _stopped_heading(units: list[Unit], block: list[int]) -> int | None:
    """The first heading of the head block that ends in a full stop, if no line above it reads
    like a headline: a standfirst ends in a full stop too, and sits under the headline."""
    for i in block:
        if _stopped_headline(units[i]):
            return i
        if _title_candidate(units[i]) and word_count(units[i].text) >= 4:
            return None
    return None


# A breadcrumb or menu: items between two or more spaced separators ("Home > News > Article").
_MENU_LINE = regex.compile(r"(?:\s[|>»›•·]\s.*){2}")
#: Unflagged lines between a headline and the first paragraph of its story: a standfirst, a byline,
#: a photo caption.
_UNDER_HEADLINE = 3


def headline_under_cut(units: list[Unit], verdicts: list[Verdict], cut: int | None, start: int) -> int | None:
    """The headline a site's ``drop_before`` marker announces: the first line of two words or more
    under the marker that nothing flagged, if it reads like a headline, comes before the article
    and has at most a standfirst, a byline and a caption between it and the article.

    A learned head marker is a template line that sat right above the headline on every page it
    was learned from (rule_learning._heads_of_page asks exactly this of the first own line under
    it), so that line is a better headline than whatever reads like one nearer the story: a
    byline the renderer set at the margin, a photo caption, a section menu.
    """
    if cut is None:
        return None
    # A lone word (a section label, an image name, a stray glyph) is passed over, as learning passes over the
    # template lines the rules leave in.
    own = [i for i in range(cut + 1, min(start, len(units)))
           if not verdicts[i].reason and len(units[i].text.split()) >= 2]
    # More than a standfirst, a byline and a caption between that line and the story: it heads a
    # box of teasers the page put under the marker, not the story.
    if own and len(own) <= 1 + _UNDER_HEADLINE and _title_candidate(units[own[0]]) \
            and not _MENU_LINE.search(units[own[0]].text):
        return own[0]
    return None


def _clean_copy_of_title(units: list[Unit], verdicts: list[Verdict], title_at: int) -> int:
    """The headline again just below, without the menu words glued in front of it, is the better title.

    "HomeSPORT NEWSBREAKING NEWS: Chelsea ..." then "BREAKING NEWS: Chelsea ...": the first copy
    is left as a duplicate of the headline, not kept as the story's first paragraph.
    """
    key = _key(units[title_at].text)
    for i in range(title_at + 1, min(len(units), title_at + 4)):
        k = _key(units[i].text)
        if not verdicts[i].reason and k != key and len(k.split()) >= 4 and key.endswith(k) \
                and _title_candidate(units[i]):
            verdicts[title_at] = Verdict("duplicate-title", "heuristic:duplicate-title")
            return i
    return title_at


_ROLE = regex.compile(r"^(?:(?:senior|chief|staff|special|political|economics|business|foreign|sports?|tech(?:nology)?"
                      r"|deputy|associate|managing|assistant)\s+)*(?:correspondent|reporter|writer|editor|columnist"
                      r"|contributor|journalist|analyst)$", regex.I)
_NAME_LINE = regex.compile(r"^(?:\p{Lu}[\p{L}'’.\-]*|[A-Z]{2,})(?:\s+(?:\p{Lu}[\p{L}'’.\-]*|de|van|von|bin|al|da)){1,3}$")


def _contextual_bylines(units: list[Unit], verdicts: list[Verdict], meta: _Collector) -> None:
    """A bare name next to a date stamp or a role line ("Jane Doe" / "Economics Correspondent")."""
    for i, u in enumerate(units):
        if verdicts[i].reason is None and _ROLE.match(u.text):
            verdicts[i] = Verdict("byline", "heuristic:byline")
    for i, u in enumerate(units):
        # An author's name is often a link to their page: link-list must not hide it.
        if verdicts[i].reason not in (None, "link-list") or not _NAME_LINE.match(u.text):
            continue
        beside = [verdicts[j].reason for j in (i - 1, i + 1) if 0 <= j < len(units)]
        if "updated-line" in beside or ("byline" in beside and i + 1 < len(units) and verdicts[i + 1].reason == "byline"):
            meta.take(Meta("byline", byline=u.text.strip()), u.text)
            verdicts[i] = Verdict("byline", "heuristic:byline")


class _Repeats:
    """Word triples of the paragraphs kept so far, to recognise a second copy of the article.

    Pages carry the story twice (a print version, the text of a share widget or of a structured
    data block): the copy is one long unit, or paragraphs glued differently, so it never equals a
    kept paragraph, but nearly all of its word triples were already kept. A shorter unit is a
    copy when nearly all of it is the opening of one kept paragraph, word for word: galleries
    print a photo's caption again, folded ("... more") or with its credit glued on. (Items of a
    list, made of the same phrases in other orders, share triples but not an opening.)
    """

    MIN_WORDS, STORY_WORDS, SHARE = 30, 50, 0.8

    def __init__(self):
        self.triples: set[tuple[str, ...]] = set()
        self.kept_words: list[list[str]] = []
        # Kept paragraphs are read only once a long unit is asked about (many captures have none
        # after them), and a long unit's triples, read to ask, are not read again when it is kept.
        self._unread: list[str] = []
        self._asked: tuple[str | None, set[tuple[str, ...]]] = (None, set())

    @staticmethod
    def _triples(key: str) -> set[tuple[str, ...]]:
        words = key.split()
        return set(zip(words, words[1:], words[2:], strict=False))

    def add(self, key: str) -> None:
        if key == self._asked[0]:
            self.triples |= self._asked[1]
            self.kept_words.append(key.split())
        else:
            self._unread.append(key)

    def seen_before(self, key: str) -> bool:
        if not key or not word_count_at_least(key, self.MIN_WORDS):
            return False
        for unread in self._unread:
            self.triples |= self._triples(unread)
            self.kept_words.append(unread.split())
        self._unread.clear()
        triples = self._triples(key)
        self._asked = (key, triples)
        if word_count_at_least(key, self.STORY_WORDS):
            return len(triples & self.triples) >= self.SHARE * len(triples)
        words = key.split()
        return any(_folded_copy(words, kept, self.SHARE) for kept in self.kept_words)


def _folded_copy(words: list[str], kept: list[str], share: float) -> bool:
    """Whether a unit is a kept paragraph's opening again, cut short ("... more") or with a credit
    glued on. Two entries of one template (notices, listings: "... at 14 Mill Lane, Westford." and
    "... at 27 Mill Lane, Westford.") share an opening too, but differ in the middle and end alike."""
    n = _common_opening(words, kept)
    return n >= share * len(words) and (n == len(words) or words[-2:] != kept[-2:])


def _common_opening(a: list[str], b: list[str]) -> int:
    """How many words two texts share from their start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@dataclass
class Flagged:
    """A capture's units with what the site rules, metadata readers and named heuristics said."""

    units: list[Unit]
    markup: list[Unit]
    verdicts: list[Verdict]
    protected: list[bool]
    meta: _Collector
    head_cut: int | None = None  # the unit of the site's drop_before marker, when it cut the head
    #: The verdicts the page gets without the site's rules (None when they judged no unit).
    plain: list[Verdict] | None = None


def clean_text(capture: str, site: SiteRules | None = None, *, record: bool = True,
               model: dict | None | Literal[False] = None) -> TextResult:
    """Clean a text capture. ``model``: the line model (None: the shipped one; False: prose_score alone)."""
    return finish_text(flag_units(capture, site), record=record, model=model)


def flag_units(capture: str, site: SiteRules | None = None) -> Flagged:
    """Steps 1-2: units, site rules, metadata lines and the named heuristics."""
    units, markup = split_units(capture)
    verdicts = [Verdict() for _ in units]
    meta = _Collector()
    protected, head_cut = ([False] * len(units), None)
    if site:
        protected, head_cut = apply_site_rules(units, verdicts, site, meta)
    readings = [read_metadata_line(u.text) for u in units]
    flags = [(h.code, h.flag(units)) for h in HEURISTICS]
    _generic_verdicts(units, verdicts, protected, meta, readings, flags)
    plain = None
    if site and any(v.by == site.label for v in verdicts):
        # The page as it reads without the site's rules, for finish_text to see what they moved.
        plain = [Verdict() for _ in units]
        _generic_verdicts(units, plain, [False] * len(units), _Collector(), readings, flags)
    return Flagged(units, markup, verdicts, protected, meta, head_cut, plain)


def _generic_verdicts(units: list[Unit], verdicts: list[Verdict], protected: list[bool], meta: _Collector,
                      readings: list, flags: list[tuple[str, list[bool]]]) -> None:
    """Give the units no rule has judged the verdicts of the metadata readers and the named
    heuristics (``readings`` and ``flags``: what each said of every unit)."""
    for i, (u, m) in enumerate(zip(units, readings, strict=True)):
        if verdicts[i].reason or protected[i]:
            continue
        if m and (m.kind != "dateline" or m.rest is None):
            meta.take(m, u.text)
            verdicts[i] = Verdict(META_KIND_REASON[m.kind], f"heuristic:{META_KIND_REASON[m.kind]}")
    for code, flagged in flags:
        for i in itertools.compress(range(len(flagged)), flagged):  # few lines are flagged
            if not verdicts[i].reason and not protected[i]:
                verdicts[i] = Verdict(code, f"heuristic:{code}")
    _contextual_bylines(units, verdicts, meta)
    for i, reason in lists_after_headers(units, [v.reason for v in verdicts]).items():
        verdicts[i] = Verdict(reason, f"heuristic:{reason}")
    for i, reason in ads_after_labels(units, [v.reason for v in verdicts]).items():
        if not verdicts[i].reason and not protected[i]:
            verdicts[i] = Verdict(reason, f"heuristic:{reason}")


def finish_text(flagged: Flagged, *, record: bool = True,
                model: dict | None | Literal[False] = None) -> TextResult:
    """Steps 3-4: the article run, the title, the paragraphs and what was removed."""
    units, markup, verdicts, meta = flagged.units, flagged.markup, flagged.verdicts, copy.copy(flagged.meta)
    verdicts = [Verdict(v.reason, v.by) for v in verdicts]  # the flagged stage stays reusable
    start, end, low_prose = article_run(units, verdicts, flagged.protected, model)
    if flagged.plain and low_prose and model is not False:
        low_prose = _doubted_without_site_rules(units, flagged, model, low_prose)
    title_at = headline_under_cut(units, verdicts, flagged.head_cut, start)
    if title_at is None:
        title_at = find_title(units, verdicts, start)
    if title_at is not None:
        title_at = _clean_copy_of_title(units, verdicts, title_at)
    title = units[title_at].text if title_at is not None else None
    title_key = _key(title) if title else None
    standfirst: set[int] = set()
    if title_at is not None:
        verdicts[title_at] = Verdict("title", "heuristic:title")
        # "Asia" above the headline is the section the page was filed under.
        j = title_at - 1
        while j >= 0 and verdicts[j].reason in ("title", "duplicate-title"):
            j -= 1
        if j >= 0 and not verdicts[j].reason and word_count(units[j].text) <= 3 and not ends_sentence(units[j].text):
            verdicts[j] = Verdict("section-label", "heuristic:section-label")
        # Between the headline and the run: a standfirst (a summary line) belongs to the article.
        standfirst = {i for i in head_block(verdicts, start) if i > title_at and word_count(units[i].text) >= 6}

    paragraphs: list[str] = []
    removed: list[Removal] = []
    seen: set[str] = set()
    repeats = _Repeats()
    for i, u in enumerate(units):
        v = verdicts[i]
        if not v.reason:
            text = u.text
            if len(paragraphs) < 3 and (start <= i < end or i in standfirst):
                dl = _dateline(text)
                if dl and dl.rest:
                    meta.take(dl, text)
                    if record:
                        removed.append(Removal(text[: len(text) - len(dl.rest)].strip(), "dateline",
                                               "heuristic:dateline", u.first_line))
                    text = dl.rest
            k = _key(text)
            # The headline twice in one unit: an image's alternative text and caption both say it.
            if title_key and k in (title_key, f"{title_key} {title_key}"):
                v.reason, v.by = "duplicate-title", "heuristic:duplicate-title"
            elif (i < start or i >= end) and i not in standfirst:
                v.reason, v.by = "outside-article", "heuristic:main-run"
            elif i in low_prose and i not in standfirst:
                v.reason, v.by = "low-prose", "model:line"
            elif (k and k in seen and word_count(text) >= 3) or repeats.seen_before(k):
                v.reason, v.by = "duplicate", "heuristic:duplicate"
            else:
                paragraphs.append(text)
                if k:
                    seen.add(k)
                    repeats.add(k)
                continue
        if record and v.reason != "title":
            removed.append(Removal(u.text, v.reason, v.by or "", u.first_line))
    if record:
        removed.extend(Removal(m.text, "markup", "heuristic:markup", m.first_line) for m in markup)
        removed.sort(key=lambda r: r.line or 0)
    return TextResult(title, paragraphs, meta.date, meta.byline, removed, units, verdicts, markup)
