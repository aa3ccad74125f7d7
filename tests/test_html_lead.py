"""The lead a page prints between headline and body, named as such in its markup (html_path.find_lead)."""

from __future__ import annotations

import trafilatura

from cleaner import clean
from cleaner.html_parse import parse

LEAD = ("The town council has approved a new cycle lane along the harbour road, "
        "ending a dispute that ran for almost three years.")
PARAS = [
    "Councillors voted nine to four on Tuesday evening after a debate that lasted well past midnight in the old hall.",
    "Shop owners on the harbour road had argued that removing parking spaces would drive customers to the mall.",
    "The lane will be built in two stages, the first of them starting in spring and the second one next autumn.",
    "A survey by the council found that most residents walk or cycle to the harbour at least once every week.",
]
URL = "https://example.org/local/cycle-lane"


def page(lead_html: str, body_extra: str = "") -> str:
    return (
        "<html><head><title>Harbour road gets its cycle lane</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/local'>Local</a></nav>"
        "<main><div class='article-header'><h1>Harbour road gets its cycle lane</h1>"
        f"{lead_html}<div class='meta'>By Ana Ruiz | 4 March 2024</div></div>"
        "<div class='article-body'>" + "".join(f"<p>{p}</p>" for p in PARAS) + body_extra + "</div></main>"
        "<footer>Contact us</footer></body></html>"
    )


def test_the_extractor_alone_leaves_this_lead_out():
    text = trafilatura.bare_extraction(parse(page(f"<p class='article-lead'>{LEAD}</p>")), url=URL).text
    assert LEAD not in text and PARAS[0] in text


def test_a_lead_named_in_the_markup_opens_the_article():
    article = clean(page(f"<p class='article-lead'>{LEAD}</p>"), URL, site_rules=False)
    assert article.paragraphs[:2] == (LEAD, PARAS[0])


def test_a_lead_box_with_byline_gives_only_its_paragraph():
    html = f"<div class='intro'><p>{LEAD}</p><span class='date'>4 March 2024</span></div>"
    assert clean(page(html), URL, site_rules=False).paragraphs[0] == LEAD


def test_an_unnamed_paragraph_above_the_body_is_not_taken():
    article = clean(page(f"<p class='header-text'>{LEAD}</p>"), URL, site_rules=False)
    assert LEAD not in article.paragraphs


def test_a_linked_teaser_or_a_cut_off_one_is_not_a_lead():
    linked = f"<p class='teaser'><a href='/other-story'>{LEAD}</a></p>"
    cut = f"<p class='teaser'>{LEAD[:-1]} …</p>"
    for html in (linked, cut):
        assert clean(page(html), URL, site_rules=False).paragraphs[0] == PARAS[0]


def test_a_lead_the_page_prints_again_in_the_body_is_not_doubled():
    article = clean(page(f"<p class='lead'>{LEAD}</p>", body_extra=f"<p>{LEAD}</p>"), URL, site_rules=False)
    assert article.paragraphs.count(LEAD) == 1
