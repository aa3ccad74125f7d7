"""Where learning takes each page's article to be, the anchors that follow from it, and the line
shapes of link syntax. Small synthetic sites built here, so no benchmark is needed."""

from __future__ import annotations

import regex

from cleaner.rule_learning import (
    _article_stretches,
    _known_to_heuristics,
    _read_page,
    learn_site_rules,
    line_shape,
)
from cleaner.text_units import split_units

SITE = "harbourtimes.example"
TOPICS = ["ferry", "market", "school", "stadium", "clinic", "tunnel", "park", "pier"]
CLOSER = "Related coverage from the newsroom"


def story(i: int) -> list[str]:
    topic = TOPICS[i % len(TOPICS)]
    return [
        f"The council voted on Monday to rebuild the {topic} after an inspection found cracks in "
        f"{i + 3} of its supporting walls, closing it to the public for the winter.",
        f"Engineers said the work on the {topic} would take {i + 2} months and cost less than the "
        f"repairs proposed last year, which the council turned down in a narrow vote.",
    ]


def teasers(i: int, heavy: bool) -> list[str]:
    """Other stories' summaries under the article. Heavy ones are long and found on no other page."""
    if not heavy:
        return [f"Weekend weather: showers expected in the north on day {i}"]
    return [
        f"In other news number {k} from edition {i}, the regional assembly debated a long list of "
        f"measures on transport, housing and water supply for the coming {k + i} years, and members "
        f"spoke for hours about the cost of each proposal before the vote was postponed again."
        for k in range(6)
    ]


def page(i: int, *, heavy: bool = False, closer: str = CLOSER) -> str:
    lines = [
        "Harbour Times Online",
        "Home | Local | Sport | Opinion",
        f"Council rebuilds the {TOPICS[i % len(TOPICS)]}",
        "",
        *[p + "\n" for p in story(i)],
        closer,
        "",
        *[t + "\n" for t in teasers(i, heavy)],
        "Contact us | Advertise | Privacy",
    ]
    return "\n".join(lines) + "\n"


def test_a_page_whose_teasers_outweigh_its_story_takes_the_stretch_the_other_pages_agree_on():
    raws = [page(i, heavy=(i == 2)) for i in range(5)]
    pages = sorted(
        (_read_page(f"https://{SITE}/{i}", r) for i, r in enumerate(raws)), key=lambda p: p.order_key
    )
    template = {s: None for s in ("^Harbour\\s+Times\\s+Online$",)}  # only "is it template" is asked
    for p in pages:
        template.update({s: None for u, s in zip(p.units, p.shapes, strict=True) if u.text == CLOSER})
    for p, (start, end, _), _ in _article_stretches(pages, template):
        kept = [u.text for u in p.units[start:end]]
        assert any("council voted on Monday" in t for t in kept), p.url
        assert not any("In other news" in t for t in kept), p.url


def test_the_closing_line_is_an_anchor_even_when_one_page_has_heavy_teasers():
    learned = learn_site_rules([(f"https://{SITE}/{i}", page(i, heavy=(i == 2))) for i in range(5)], SITE)
    assert any(regex.search(r.value, CLOSER) for r in learned.drop_after)


def test_a_one_word_line_is_an_anchor_only_when_every_page_has_it_once():
    everywhere = learn_site_rules(
        [(f"https://{SITE}/{i}", page(i, closer="Related")) for i in range(5)], SITE
    )
    assert any(regex.search(r.value, "Related") for r in everywhere.drop_after)
    # On some pages only (a menu item can turn up anywhere): no anchor.
    some = [(f"https://{SITE}/{i}", page(i, closer="Related" if i < 3 else "")) for i in range(5)]
    assert not any(regex.search(r.value, "Related") for r in learn_site_rules(some, SITE).drop_after)


def test_markdown_links_to_different_pages_make_one_shape():
    popup = "[Email to a friend](javascript:void window.open\\('/email?id={}', '{}'\\))[Print](/p?id={})"
    a = line_shape(popup.format("f905634a-5878", "", 1))
    b = line_shape(popup.format("d4735d77-6c84", "w=4", 2))
    assert a == b
    assert regex.search(a.pattern, "[Email to a friend](/email?id=99)[Print](/print/99)")
    assert not regex.search(a.pattern, "[Email the editor](/email?id=99)[Print](/print/99)")
    # Brackets that open no link keep their text.
    assert line_shape("See [1] and (2)").parts[0] == ("lit", "See [")


def test_a_widget_line_that_looks_like_a_dateline_is_not_left_to_the_heuristics():
    # "Story Tools: REPORT TYPO | ..." reads as a dateline with text after it, which the cleaner keeps
    # as the first paragraph's text: it is no metadata line, and learning may give it a rule. (A bar
    # of e-mail and print tools is the article-tools heuristic's, so it is not the example here.)
    units, _ = split_units(
        "Story Tools: REPORT TYPO | CORRECTIONS | LETTERS\n\nLast Updated: 12 January 2008\n"
    )
    assert _known_to_heuristics(units) == [False, True]
