"""The self-check of learned rules: what counts as collateral, and which rules a harmed page withdraws."""

from __future__ import annotations

from types import SimpleNamespace

from cleaner import rule_self_check
from cleaner.article import Article, Removal
from cleaner.heuristics import word_count
from cleaner.rule_learning import LearnedRule, LearnedRules, line_shape
from cleaner.rule_self_check import _collateral, check_learned

LABEL = "rules/site.example.toml"
STORY = "The council approved the harbour plan on Tuesday after a long debate."
TEASER = "Flood warning for the valley as rain continues"
OTHER_STORY = "Police said the road would stay closed until the bridge is inspected."


def article(title, *paragraphs, removed=()):
    return Article(title, paragraphs, removed=tuple(Removal(t, "x", by) for t, by in removed))


def test_collateral_counts_only_what_the_rules_did_not_remove_themselves():
    before = article("Harbour plan", STORY, OTHER_STORY, "Share this page")
    norm = rule_self_check._norm
    # The story's sentence lost to the heuristics: collateral. A line lost to a rule: not.
    after = article(
        "Harbour plan", OTHER_STORY, removed=[(STORY, "heuristic:main-run"), ("Share this page", LABEL)]
    )
    assert _collateral(before, after, LABEL, {norm(STORY)}, set()) == len(STORY.split())
    # A sentence outside the page's article (a teaser block under it) going is what rules are for.
    after = article("Harbour plan", STORY, removed=[(OTHER_STORY, "heuristic:main-run")])
    assert _collateral(before, after, LABEL, {norm(STORY)}, set()) == 0
    # Gained: a sidebar headline found on other pages counts; a gained line of the page's own does not.
    after = article("Harbour plan", STORY, OTHER_STORY, TEASER)
    assert _collateral(before, after, LABEL, {norm(STORY)}, {norm(TEASER)}) == len(TEASER.split())
    assert _collateral(before, after, LABEL, {norm(STORY)}, set()) == 0


def _page(url, lines):
    shapes = [line_shape(t).pattern for t in lines]
    return SimpleNamespace(
        url=url,
        text="\n\n".join(lines),
        units=[SimpleNamespace(text=t) for t in lines],
        shapes=shapes,
        containers={},
    )


MENU, PROMO = "Weather | Traffic", "Sign up for our newsletter today"


def _menu_and_promo_site():
    """Three pages sharing a menu and a promo line, page 0 with its own story; a rule for each line."""
    pages = [
        _page(f"https://site.example/{i}", [MENU, f"Story {i}.", STORY if i == 0 else OTHER_STORY, PROMO])
        for i in range(3)
    ]
    rule = lambda t: LearnedRule(line_shape(t).pattern, 3, t)  # noqa: E731
    return pages, LearnedRules("site.example", 3, 3, drop=(rule(MENU), rule(PROMO)))


def test_a_harmed_page_withdraws_the_rules_acting_on_it(monkeypatch):
    menu, promo = MENU, PROMO
    pages, learned = _menu_and_promo_site()

    def fake_clean(text, url, *, rules=None, site_rules=True):
        # With the rules, page 0 loses its story (as when a removed line was the article's break).
        kept = [t for t in text.split("\n\n") if not (rules and url.endswith("/0") and t == STORY)]
        with_rules = rules is not None and rules.rule_sets[0].drop
        return article(
            None,
            *[t for t in kept if not (with_rules and t in (menu, promo))],
            removed=[(t, "heuristic:main-run") for t in text.split("\n\n") if t not in kept],
        )

    monkeypatch.setattr(rule_self_check, "clean", fake_clean)
    articles = [{STORY}, {OTHER_STORY}, {OTHER_STORY}]
    assert check_learned(learned, pages, articles).drop == ()  # both rules act on page 0
    # Without harm nothing is withdrawn.
    assert check_learned(learned, pages, [set(), {OTHER_STORY}, {OTHER_STORY}]).drop == learned.drop


def test_only_the_rule_that_harms_a_page_is_withdrawn(monkeypatch):
    menu = MENU
    pages, learned = _menu_and_promo_site()
    menu_rule = learned.drop[0]

    def fake_clean(text, url, *, rules=None, site_rules=True):
        # The menu rule alone costs page 0 its story (it was the break that ended the article).
        drops = rules.rule_sets[0].drop if rules is not None else ()
        harmful = any(r.pattern.search(menu) for r in drops) and url.endswith("/0")
        kept = [t for t in text.split("\n\n") if not (harmful and t == STORY)]
        return article(
            None,
            *[t for t in kept if not any(r.pattern.search(t) for r in drops)],
            removed=[(t, "heuristic:main-run") for t in text.split("\n\n") if t not in kept],
        )

    monkeypatch.setattr(rule_self_check, "clean", fake_clean)
    articles = [{STORY}, {OTHER_STORY}, {OTHER_STORY}]
    assert check_learned(learned, pages, articles).drop == (learned.drop[1],)

    # Harm that only the two rules do together withdraws both.
    def together(text, url, *, rules=None, site_rules=True):
        drops = rules.rule_sets[0].drop if rules is not None else ()
        harmful = len(drops) == 2 and url.endswith("/0")
        kept = [t for t in text.split("\n\n") if not (harmful and t == STORY)]
        return article(
            None, *kept, removed=[(t, "heuristic:main-run") for t in text.split("\n\n") if t not in kept]
        )

    monkeypatch.setattr(rule_self_check, "clean", together)
    assert check_learned(learned, pages, articles).drop == ()
    assert menu_rule in learned.drop


def test_a_paragraph_that_lost_only_its_dateline_is_not_lost():
    norm = rule_self_check._norm
    line = "LONDON (Reuters) - " + STORY
    before = article("Harbour plan", line)
    # With the rules the run starts elsewhere and the cleaner splits the dateline off the paragraph.
    after = article("Harbour plan", STORY, removed=[("LONDON (Reuters) -", "heuristic:dateline")])
    assert _collateral(before, after, LABEL, {norm(line)}, set()) == 0
    # A paragraph cut to its last few words is lost all the same.
    after = article("Harbour plan", "after a long debate.")
    assert _collateral(before, after, LABEL, {norm(line)}, set()) == word_count(line)


def test_a_head_anchor_that_harms_a_page_is_withdrawn_like_a_line_rule(monkeypatch):
    from dataclasses import replace

    pages, learned = _menu_and_promo_site()
    menu_rule, promo_rule = learned.drop
    learned = replace(learned, drop=(promo_rule,), drop_before=(menu_rule,))

    def fake_clean(text, url, *, rules=None, site_rules=True):
        # The head cut at the menu costs page 0 its story (it moved the search for the article).
        heads = rules.rule_sets[0].drop_before if rules is not None else ()
        harmful = bool(heads) and url.endswith("/0")
        kept = [t for t in text.split("\n\n") if not (harmful and t == STORY)]
        return article(
            None, *kept, removed=[(t, "heuristic:main-run") for t in text.split("\n\n") if t not in kept]
        )

    monkeypatch.setattr(rule_self_check, "clean", fake_clean)
    checked = check_learned(learned, pages, [{STORY}, {OTHER_STORY}, {OTHER_STORY}])
    assert checked.drop_before == () and checked.drop == (promo_rule,)
