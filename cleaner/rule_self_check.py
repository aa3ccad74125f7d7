"""Checking learned rules on the pages they were learned from: a rule may only remove what it matches.

A learned line rule removes template lines; a tail anchor removes what follows it. Either can also
move the cleaner's search for the article: a removed line was the title candidate, or the break
that ended the article run, and then a stretch of the page's own text is lost to the generic
heuristics, or a teaser column is taken for the story (measured on side-by-side text layouts and
on short pages, BENCHMARKS.md). Nothing in the rules themselves shows that; cleaning the training
pages with and without them does. A page where the rules cost text they did not remove themselves
("collateral") has the rules withdrawn that cost it that text on their own (cleaning it with
halves of the rules acting on it, then halves of those); when only several together do, all the
rules acting on it go. The check then runs again on what is left.

The check needs no ground truth: the pages' own text, as the cleaner finds it without the rules,
is the reference, and only losses the rules did not cause directly count.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from .heuristics import ends_sentence, word_count
from .pipeline import clean, host_of
from .rule_files import on_domain

#: Words of a page's own text a rule set may cost, beyond what its rules remove themselves. A line
#: of a few words (a caption, a "Reuters" credit) moving in or out of the run is noise; more is
#: a changed article.
MAX_COLLATERAL_WORDS = 8
#: Rounds of withdrawing rules and checking again.
MAX_ROUNDS = 3
#: Pages checked (the first in the learning's canonical order): each is cleaned twice a round, and
#: a rule that harms one page in this many is rare enough to be worth the saving on a big site.
MAX_CHECK_PAGES = 50
_CHECK_HOST = "self-check.invalid"


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


def _lines(article) -> set[str]:
    return {_norm(p) for p in (article.title or "", *article.paragraphs) if p.strip()}


def check_learned(learned, pages, articles: list[set[str]]) -> object:
    """``learned`` (LearnedRules) without the rules that cost any training page its own text.

    ``pages``: the learning's pages (objects with ``url``, ``text``, ``units``, ``shapes`` and, for
    HTML, ``containers``). ``articles``: the lines of each page's article as learning found it (its
    own prose between two template lines): what the rules must not cost.
    """
    if not learned.removing:
        return learned
    site = learned.site or _CHECK_HOST
    pages, articles = pages[:MAX_CHECK_PAGES], articles[:MAX_CHECK_PAGES]
    urls = [p.url if on_domain(host_of(p.url), site) else f"https://{site}/" for p in pages]
    seen: dict[str, int] = {}
    for p in pages:
        for line in {_norm(u.text) for u in p.units}:
            seen[line] = seen.get(line, 0) + 1
    recurring = {line for line, n in seen.items() if n >= 2}
    # A new title holding a piece of the site's template ("Create your own RSS" + the headline: a
    # text browser put a sidebar line beside it) means the title search was thrown off, not helped.
    template_pieces = [regex.compile(f.value) for f in learned.fingerprints]
    checks = []
    for p, url, article in zip(pages, urls, articles, strict=True):
        try:
            before = clean(p.text, url, site_rules=False)
        except Exception:  # noqa: BLE001 - a page the cleaner cannot read checks nothing
            continue
        checks.append(_PageCheck(p, url, before, {_norm(t) for t in article}, recurring, template_pieces))
    for _ in range(MAX_ROUNDS):
        book = _book(learned, site)
        harmed = [c for c in checks if c.harmed(book)]
        if not harmed:
            return learned
        culprits: set[str] = set()
        for c in harmed:
            culprits |= _culprits(c, _acting_on(learned, c.page), learned, site)
        learned = _without(learned, culprits)
        if not learned.removing:
            return learned
    return learned


class _PageCheck:
    """One training page, cleaned without rules, and how much a set of rules costs it."""

    def __init__(self, page, url, before, article: set[str], recurring: set[str], template_pieces):
        self.page, self.url, self.before = page, url, before
        self.article, self.recurring, self.template_pieces = article, recurring, template_pieces

    def harmed(self, book) -> bool:
        """Do the rules of ``book`` (a ``(label, RuleBook)`` pair) cost this page its own text?"""
        label, rules = book
        try:
            after = clean(self.page.text, self.url, rules=rules)
        except Exception:  # noqa: BLE001 - a page the cleaner cannot read checks nothing
            return False
        harm = _collateral(self.before, after, label, self.article, self.recurring)
        if (
            after.title
            and after.title != self.before.title
            and any(f.search(after.title) for f in self.template_pieces)
        ):
            harm += word_count(after.title)
        return harm > MAX_COLLATERAL_WORDS


def _book(learned, site: str):
    """The learned rules as the cleaner loads them: (their label, a RuleBook of them)."""
    from .rule_files import RuleBook
    from .rule_writer import compile_rule_text, render_rule_file

    rules = compile_rule_text(render_rule_file(replace(learned, site=site)), name=f"{site}.toml")
    return rules.label, RuleBook([rules])


#: Cleanings spent looking for the rules that harm one page, beyond which all the rules acting on
#: it are withdrawn, as when the harm comes from several rules together.
MAX_CULPRIT_CLEANS = 24


def _culprits(check: _PageCheck, acting: list[str], learned, site: str) -> set[str]:
    """The rules (values) among ``acting`` to withdraw for the page of ``check``.

    The rules that harm the page on their own, found by halving: a half that harms the page alone
    is searched further, a half that does not is cleared. When no rule harms on its own (the harm
    comes from several together) or the search runs long, every rule acting on the page goes.
    """
    budget = MAX_CULPRIT_CLEANS

    def harms(values: list[str]) -> bool:
        nonlocal budget
        budget -= 1
        return check.harmed(_book(_only(learned, set(values)), site))

    def search(values: list[str]) -> set[str] | None:
        if len(values) == 1:
            return set(values)
        half = len(values) // 2
        found: set[str] = set()
        for part in (values[:half], values[half:]):
            if budget <= 0:
                return None
            if harms(part):
                sub = search(part)
                if sub is None:
                    return None
                found |= sub
        return found

    found = search(sorted(acting)) if acting else None
    return found if found else set(acting)


def _acting_on(learned, page) -> list[str]:
    """The learned rules (values) that can act on a page: its line shapes and its containers."""
    shapes = set(page.shapes)
    containers = set(getattr(page, "containers", None) or ())
    lines = (*learned.drop, *learned.drop_after, *learned.drop_before)
    return [r.value for r in lines if r.value in shapes] + [
        r.value for r in learned.html_drop if r.value in containers
    ]


def _only(learned, values: set[str]):
    """``learned`` with only the rules named in ``values`` (fingerprints kept)."""
    return replace(
        learned,
        drop=tuple(r for r in learned.drop if r.value in values),
        drop_after=tuple(r for r in learned.drop_after if r.value in values),
        drop_before=tuple(r for r in learned.drop_before if r.value in values),
        html_drop=tuple(r for r in learned.html_drop if r.value in values),
    )


def _without(learned, values: set[str]):
    """``learned`` without the rules named in ``values``."""
    return replace(
        learned,
        drop=tuple(r for r in learned.drop if r.value not in values),
        drop_after=tuple(r for r in learned.drop_after if r.value not in values),
        drop_before=tuple(r for r in learned.drop_before if r.value not in values),
        html_drop=tuple(r for r in learned.html_drop if r.value not in values),
    )


def _collateral(before, after, label: str, article: set[str], recurring: set[str]) -> int:
    """Words the rules changed without removing them themselves.

    Lost: sentences of the page's article (``article``) that are gone with the rules, not removed
    by a rule. Only those: the teasers of other stories under a short article are its own lines
    too, and losing them with the run that held them is what a tail anchor or a removed
    template line is often for. Gained: paragraphs only the
    text with the rules has that are on other training pages too (``recurring``): with a template
    line gone, the search for the article took in a sidebar of other stories' headlines. A gained
    title is not counted: taking the headline for the title is what removing a line above it is
    often for, and a gained line of the page's own is its article, found again.
    """
    by_rule = {_norm(r.text) for r in after.removed if r.by == label}
    kept, had = _lines(after), _lines(before)
    lost = sum(
        word_count(line)
        for line in had
        if line in article and not _kept(line, kept) and line not in by_rule and _is_sentence(line)
    )
    gained = sum(
        word_count(line) for line in map(_norm, after.paragraphs) if line not in had and line in recurring
    )
    return lost + gained


#: Words a dateline ("VILLAVICENCIO, Colombia (Reuters) -") takes off the start of a paragraph.
_DATELINE_WORDS = 8


def _kept(line: str, kept: set[str]) -> bool:
    """Is ``line`` in the article, whole or without a dateline the cleaner split off its start?

    The cleaner takes a dateline off the first paragraphs of the run only, so a rule that moves
    the run's start moves the split too: the paragraph is the same text for all that.
    """
    if line in kept:
        return True
    words = line.split(" ")
    return any(" ".join(words[k:]) in kept for k in range(1, min(_DATELINE_WORDS, len(words) - 3) + 1))


def _is_sentence(line: str) -> bool:
    w = word_count(line)
    return w >= 4 and (ends_sentence(line) or w >= 10)
