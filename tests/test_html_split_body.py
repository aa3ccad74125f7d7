"""A story cut into several same-class body containers (cleaner/html_split_body.py)."""

from __future__ import annotations

import trafilatura

from cleaner import clean
from cleaner.html_parse import parse
from cleaner.html_split_body import join_split_body

PARTS = [
    ("The harbour authority said on Monday that the new container terminal would open in March, two "
     "months later than planned, after storms delayed the last phase of dredging at the quay."),
    ("Shipping lines that had booked berths for February were offered slots at the old terminal, the "
     "authority said, and none of them had cancelled a booking so far this winter."),
    ("Dock workers' unions welcomed the delay, saying the training for the new cranes had been rushed "
     "and that more of their members would now finish the course before the opening."),
]


def chunk(text: str) -> str:
    return (f"<div class='grid'><div class='body article__body'><p>{text}</p><p>{text} Again, in other "
            f"words, as the statement put it.</p></div><aside class='rail'></aside></div>")


def page(between: str) -> str:
    body = between.join(chunk(t) for t in PARTS)
    return (f"<html><head><title>Terminal opening delayed</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<main><h1>Terminal opening delayed</h1><div class='chunks'>{body}</div></main>"
            f"<footer>Contact us</footer></body></html>")


AD = "<div class='ad'><span>Advertisement</span></div>"


def test_chunks_separated_by_ads_are_one_story():
    text = clean(page(AD), "https://example.org/news/terminal", site_rules=False).text
    for part in PARTS:
        assert part in text


def test_without_the_join_the_extractor_keeps_only_the_first_chunk():
    # the failure the join exists for: if the extractor ever reads every chunk, the join can go
    tree = parse(page(AD))
    doc = trafilatura.bare_extraction(tree, url="https://example.org/news/terminal")
    assert PARTS[0] in doc.text and PARTS[2] not in doc.text


def test_chunks_under_their_own_headlines_are_separate_stories():
    between = "<h2>Another story from the port</h2>"
    tree = parse(page(between))
    assert join_split_body(tree) == 0


def test_text_between_chunks_keeps_them_apart():
    # 29 words of its own between the chunks: more than an ad label or a caption
    between = ("<div class='teaser'><p>" + "Read the council's full report on the port and its plans "
               "for the next ten years of growth here, with maps of every new berth and road." + "</p></div>")
    tree = parse(page(between))
    assert join_split_body(tree) == 0


def test_joined_chunks_keep_page_order():
    tree = parse(page(AD))
    assert join_split_body(tree) == 2
    first = tree.xpath("//div[@class='body article__body']")[0]
    text = " ".join(first.text_content().split())
    positions = [text.find(p) for p in PARTS]
    assert -1 not in positions and positions == sorted(positions)
