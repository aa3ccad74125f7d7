"""Hover cards nested in a paragraph's links (cleaner/html_hover_cards.py)."""

from __future__ import annotations

from cleaner import clean
from cleaner.html_hover_cards import drop_hover_cards
from cleaner.html_parse import parse

REST = ("The harbour authority said on Monday that the new container terminal would open in March, two "
        "months later than planned, after storms delayed the last phase of dredging at the quay. ") * 3

CARD = ("<span class='rollover-people'><a class='rollover-people-link' href='/people/jane-doe'>Jane Doe</a>"
        "<span class='rollover-people-block'><span class='rollover-block'><img src='/jd.jpg'>"
        "<a class='name' href='/people/jane-doe'>Jane Doe</a>"
        "<a href='/s/1'>Council votes to sell the old ferry pier</a> "
        "<a href='/s/2'>Port budget passes after a long night</a></span></span></span>")


def page(paragraph: str) -> str:
    return (f"<html><head><title>Terminal opening delayed</title></head><body><article><h1>Terminal opening "
            f"delayed</h1><p>{paragraph}</p><p>{REST}</p></article></body></html>")


def test_the_card_goes_and_the_name_and_sentence_stay():
    text = clean(page(f"Harbour master {CARD} (Ind.) said the dredging is finished at last."),
                 "https://example.org/news/terminal", site_rules=False).text
    assert "Harbour master Jane Doe (Ind.) said the dredging is finished at last." in text
    assert "ferry pier" not in text and "Port budget" not in text


def test_a_tooltip_link_with_one_word_is_not_a_card():
    # the visible trigger of a glossary tooltip: no picture, one link, so it stays
    tree = parse(page("The <span class='tooltip'><a href='/glossary/berth'>berth</a></span> is ready."))
    assert drop_hover_cards(tree) == 0
    assert "berth is ready" in " ".join(tree.xpath("string(//p)").split())


def test_a_card_class_outside_paragraphs_is_left_to_the_extractor():
    tree = parse("<html><body><div class='tooltip'><img src='/a.jpg'><a href='/a'>A</a></div>"
                 f"<p>{REST}</p></body></html>")
    assert drop_hover_cards(tree) == 0
