"""Head anchors (``[text] drop_before``): learned from a small synthetic site built here, then read
back from a rule file and applied by both cleaning paths."""

from __future__ import annotations

import regex

from cleaner import RuleBook, clean
from cleaner.rule_learning import learn_site_rules
from cleaner.rule_writer import compile_rule_text, render_rule_file

SITE = "valleyherald.example"
TOPICS = ["bridge", "library", "orchard", "quarry", "ferry", "airfield", "market", "reservoir", "tram"]
ANCHOR = "Latest from the valley newsroom"


def headline(i: int) -> str:
    return f"Valley council reopens the {TOPICS[i % len(TOPICS)]} after {i + 2} years"


def story(i: int) -> list[str]:
    topic = TOPICS[i % len(TOPICS)]
    return [
        f"The council voted on Monday to reopen the {topic} after an inspection found that {i + 3} of "
        f"its supporting walls had been repaired, ending a closure that divided the town.",
        f"Engineers said the work on the {topic} took {i + 2} months and cost less than the repairs "
        f"proposed last year, which the council had turned down in a narrow vote.",
        f"Residents who had campaigned for the {topic} to reopen said they would hold a street party "
        f"on Saturday to thank the volunteers who raised money for the inspection.",
    ]


WHO = ["Mayor", "Bishop", "Coach", "Judge", "Baker", "Ranger", "Doctor", "Sheriff", "Poet"]


def teasers(i: int) -> list[str]:
    """Other stories above this one: new every day, so no line rule can learn them."""
    return [f"{WHO[i]} praises the {TOPICS[k]} teaser" for k in range(3)]


def page(i: int, *, between: str | None = None, above: str | None = None) -> str:
    lines = [
        "Valley Herald Online",
        "Home | Local | Sport | Opinion | Weather",
        "Top stories today",
        *teasers(i),
        *([above] if above else []),
        ANCHOR,
        headline(i),
        *([between] if between else []),
        *story(i),
        "Share this story with a friend",
        "Contact us | Advertise | Privacy",
    ]
    return "\n\n".join(lines) + "\n"


def pages(n: int, **kw) -> list[tuple[str, str]]:
    return [(f"https://{SITE}/news/{i}", page(i, **kw)) for i in range(n)]


def anchors(learned) -> list[str]:
    return [r.example for r in learned.drop_before]


def test_the_line_above_every_headline_is_learned_and_cuts_the_teasers_of_a_new_page():
    learned = learn_site_rules(pages(6), SITE)
    assert anchors(learned) == [ANCHOR]
    text = render_rule_file(learned)
    lines = text.splitlines()
    at = next(k for k, line in enumerate(lines) if "reason = 'learned-head'" in line)
    assert regex.match(r"\s*# on 6 of 6 pages, e\.g\. \"Latest from the valley newsroom\"$", lines[at - 1])
    rules = compile_rule_text(text, name=f"{SITE}.toml")
    assert [r.reason for r in rules.drop_before] == ["learned-head"]
    new = page(8)
    out = clean(new, f"https://{SITE}/news/8", rules=RuleBook([rules]))
    assert out.title == headline(8)
    assert all(p in out.paragraphs for p in story(8))
    assert not any("teaser" in p for p in out.paragraphs)
    assert any(r.reason == "learned-head" and r.text == teasers(8)[1] for r in out.removed)


def test_a_line_between_the_headline_and_the_story_is_no_head_anchor():
    # A share bar under the headline: cutting above it would take the headline.
    learned = learn_site_rules(pages(6, between="Print this story or email it"), SITE)
    assert "Print this story or email it" not in anchors(learned)
    assert ANCHOR in anchors(learned)


def test_a_line_under_a_date_line_is_no_head_anchor():
    # Under the page's date, the line is under the headline's block of the page: the cut would take
    # the date (and, on pages laid out that way, the headline above it).
    dated = [
        (url, raw.replace(ANCHOR, f"Published: Monday, {i + 1} January 2024\n\n{ANCHOR}"))
        for i, (url, raw) in enumerate(pages(6))
    ]
    assert ANCHOR not in anchors(learn_site_rules(dated, SITE))


def test_a_line_some_page_has_under_its_story_is_no_head_anchor():
    raws = pages(6)
    url, raw = raws[2]
    moved = raw.replace(f"\n\n{ANCHOR}\n\n", "\n\n").replace("Share this story", f"{ANCHOR}\n\nShare")
    raws[2] = (url, moved)
    assert ANCHOR not in anchors(learn_site_rules(raws, SITE))


def test_a_line_twice_on_a_page_is_no_head_anchor():
    twice = [(url, raw.replace("Top stories today", ANCHOR)) for url, raw in pages(6)]
    assert ANCHOR not in anchors(learn_site_rules(twice, SITE))
