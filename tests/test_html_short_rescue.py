"""A second, recall-oriented reading when the extracted body is next to nothing (html_path._rescue_short)."""

from __future__ import annotations

import trafilatura

from cleaner.html_parse import parse
from cleaner.html_path import _SHORT_BODY_WORDS, _rescue_short

STORY = ("The harbour authority said on Monday that the new container terminal would open in March, two "
         "months later than planned, after storms delayed the last phase of dredging at the quay.")


class _Doc:
    def __init__(self, text):
        self.text = text


def test_a_long_first_reading_is_kept_without_a_second():
    doc = _Doc(" ".join(["word"] * _SHORT_BODY_WORDS))
    assert _rescue_short(None, None, doc) is doc  # no tree needed: the second reading never runs


def test_a_slogan_body_gives_way_to_the_wider_reading():
    paragraphs = f"<p>{STORY}</p><p>{STORY} Again.</p><p>{STORY} Once more.</p>"
    tree = parse(f"<html><body><div>{paragraphs}</div></body></html>")
    slogan = _Doc("Your daily touchpoint for the industry.")
    doc = _rescue_short(tree, None, slogan)
    assert doc is not slogan and STORY in doc.text


def test_a_short_page_stays_short_when_the_wider_reading_finds_no_more():
    tree = parse(f"<html><body><article><p>A two line note.</p><p>{STORY[:60]}</p></article></body></html>")
    first = trafilatura.bare_extraction(tree, include_comments=False)
    assert _rescue_short(tree, None, first) is first
