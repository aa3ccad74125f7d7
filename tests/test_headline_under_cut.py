"""The headline a site's drop_before marker announces (text_path.headline_under_cut)."""

from cleaner import clean

RULES = """[site]
domains = ["example.com"]
[text]
drop_before = ['^Top stories$']
"""
STORY = [
    "The harbour bridge reopened on Monday after a year of repairs, the council said in a statement.",
    "Engineers replaced the cables and the deck, and traffic is expected to return to normal by Friday.",
]
HEADLINE = "Harbour bridge reopens today"
CAPTION = "Cars cross the harbour bridge on its first morning"
URL = "https://example.com/news/1"


def _clean(lines, tmp_path, rules=True):
    path = tmp_path / "example.com.toml"
    path.write_text(RULES, encoding="utf-8")
    capture = "\n\n".join(lines) + "\n"
    return clean(capture, URL, rules=[path]) if rules else clean(capture, URL, site_rules=False)


def test_the_line_under_the_marker_is_the_headline(tmp_path):
    lines = ["Mayor opens the new library on the hill", "Top stories", HEADLINE, CAPTION, *STORY]
    # Without the rule the headline is not found: a line nearer the story, or the teaser above.
    assert _clean(lines, tmp_path, rules=False).title != HEADLINE
    article = _clean(lines, tmp_path)
    assert article.title == HEADLINE
    assert article.paragraphs[-2:] == tuple(STORY)


def test_a_lone_word_under_the_marker_is_passed_over(tmp_path):
    for label in ("Sport", "[agency_feed_world_home]"):  # a section label; an image name as lynx writes it
        lines = ["Top stories", label, HEADLINE, CAPTION, *STORY]
        assert _clean(lines, tmp_path).title == HEADLINE


def test_a_box_of_teasers_under_the_marker_gives_no_headline(tmp_path):
    teasers = [
        "Council approves the new budget",
        "Storm warning for the coast tonight",
        "Schools close early for the holidays",
        "Ferry fares rise in the spring",
    ]
    lines = ["Top stories", *teasers, HEADLINE, CAPTION, *STORY]
    # The first teaser taken for the headline would pull the box into the article as standfirst.
    assert _clean(lines, tmp_path).title != teasers[0]


def test_a_breadcrumb_under_the_marker_is_no_headline(tmp_path):
    lines = ["Top stories", "You are here: Home > News > Article", HEADLINE, CAPTION, *STORY]
    assert _clean(lines, tmp_path).title != "You are here: Home > News > Article"
