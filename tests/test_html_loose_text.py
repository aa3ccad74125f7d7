"""A story paragraph written loose in its container, beside <p> paragraphs (cleaner/html_loose_text.py)."""

from __future__ import annotations

import trafilatura

from cleaner import clean
from cleaner.html_loose_text import wrap_loose_text
from cleaner.html_parse import parse

LEAD = ("Keith Yandle and Ed Jovanovski scored 16 seconds apart in the second "
        "period as the Phoenix Coyotes beat Vancouver 4-3 on Friday night.")
PARAS = [
    "Rookie Peter Mueller and Niko Kapanen also scored for the Coyotes, who had lost their last three games.",
    "Taylor Pyatt had two goals for the Canucks, who had been unbeaten in their last fourteen home games.",
    "The Canucks pulled within a goal twice in the third period but could not find the tying goal.",
]
URL = "https://example.org/sports/coyotes"


def page(body: str) -> str:
    return (f"<html><head><title>Coyotes end Canucks' home run</title></head><body>"
            f"<div class='nav'><a href='/'>Home</a> <a href='/sports'>Sports</a></div>"
            f"<div class='main'><h1>Coyotes end Canucks' home run</h1>{body}</div>"
            f"<div class='footer'>Contact us</div></body></html>")


def old_style(lead: str) -> str:
    """The first paragraph loose in the container, the others each opened by a <p> never closed."""
    return (f"<div><script>var w = 0;</script><span class='marker'></span>{lead} "
            + "".join(f"<p>{p}" for p in PARAS) + "</div>")


def test_the_extractor_alone_does_not_read_a_loose_lead_as_a_paragraph():
    # here it glues the lead to the next paragraph; in other layouts it drops it
    lines = trafilatura.bare_extraction(parse(page(old_style(LEAD)))).text.split("\n")
    assert LEAD not in lines and PARAS[0] not in lines


def test_a_loose_lead_becomes_the_first_paragraph():
    paragraphs = clean(page(old_style(LEAD)), URL, site_rules=False).paragraphs
    assert list(paragraphs[:2]) == [LEAD, PARAS[0]]


def test_links_and_emphasis_stay_inside_the_wrapped_paragraph():
    lead = ("VANCOUVER - <b>Keith Yandle</b> and <a href='/p/ed'>Ed Jovanovski</a> scored 16 seconds apart "
            "as the Phoenix Coyotes won.")
    tree = parse(page(old_style(lead)))
    assert wrap_loose_text(tree) == 1
    first = tree.find(".//div[@class='main']/div/p")
    assert [c.tag for c in first] == ["span", "b", "a"]
    text = " ".join(first.text_content().split())
    assert text.startswith("VANCOUVER - Keith Yandle and Ed Jovanovski scored")


def test_short_loose_text_and_containers_without_paragraphs_are_left_alone():
    tree = parse(page(old_style("Photo: AP")))
    assert wrap_loose_text(tree) == 0
    # "text<p></p>text": empty <p> as line breaks; the extractor reads such a container whole
    tree = parse(page("<div class='story'>" + "<p></p>".join([LEAD, *PARAS]) + "</div>"))
    assert wrap_loose_text(tree) == 0
