"""Checking learned rules on the pages they were learned from: a rule may only remove what it matches.

A learned line rule removes template lines; a tail anchor removes what follows it. Either can also
move the cleaner's search for the article: a removed line was the title candidate, or the break
that ended the article run, and then a stretch of the page's own text is lost to the generic
heuristics, or a teaser column is taken for the story (measured on side-by-side text layouts and
on short pages, BENCHMARKS.md). Nothing in the rules themselves shows that; cleaning the training
pages with and without them does. A page where the rules cost text they did not remove themselves
("collateral") has the rules that act on it withdrawn, and the check runs again on what is left.

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
    from .rule_files import RuleBook
    from .rule_writer import compile_rule_text, render_rule_file

    if learned.empty or not (learned.drop or learned.drop_after or learned.html_drop):
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
    before = []
    for p, url in zip(pages, urls, strict=True):
        try:
            before.append(clean(p.text, url, site_rules=False))
        except Exception:  # noqa: BLE001 - a page the cleaner cannot read checks nothing
            before.append(None)
    for _ in range(MAX_ROUNDS):
        checked = replace(learned, site=site)
        rules = compile_rule_text(render_rule_file(checked), name=f"{site}.toml")
        book = RuleBook([rules])
        harmed = []
        for p, url, a, article in zip(pages, urls, before, articles, strict=True):
            if a is None:
                continue
            try:
                b = clean(p.text, url, rules=book)
            except Exception:  # noqa: BLE001
                continue
            harm = _collateral(a, b, rules.label, {_norm(t) for t in article}, recurring)
            if b.title and b.title != a.title and any(f.search(b.title) for f in template_pieces):
                harm += word_count(b.title)
            if harm > MAX_COLLATERAL_WORDS:
                harmed.append(p)
        if not harmed:
            return learned
        learned = _without_rules_acting_on(learned, harmed)
        if not (learned.drop or learned.drop_after or learned.html_drop):
            return learned
    return learned


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
        if line in article and line not in kept and line not in by_rule and _is_sentence(line)
    )
    gained = sum(
        word_count(line) for line in map(_norm, after.paragraphs) if line not in had and line in recurring
    )
    return lost + gained


def _is_sentence(line: str) -> bool:
    w = word_count(line)
    return w >= 4 and (ends_sentence(line) or w >= 10)


def _without_rules_acting_on(learned, harmed):
    """Withdraw the line rules and anchors found on the harmed pages, and the containers on them."""
    shapes = {s for p in harmed for s in p.shapes}
    containers = {s for p in harmed for s in p.containers}
    return replace(
        learned,
        drop=tuple(r for r in learned.drop if r.value not in shapes),
        drop_after=tuple(r for r in learned.drop_after if r.value not in shapes),
        html_drop=tuple(r for r in learned.html_drop if r.value not in containers),
    )
