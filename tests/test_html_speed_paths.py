"""Shortcuts of the HTML path that must give what the long way gives (cleaner/html_metadata.py,
cleaner/html_split_body.py): the byline found without pruning the page, the join skipped when no
two containers could both be body containers."""

from __future__ import annotations

import copy

import pytest

from cleaner.html_metadata import _author_after_pruning, author_from_markup
from cleaner.html_parse import parse
from cleaner.html_split_body import _repeated_body_class, join_split_body

STORY = ("The harbour authority said on Monday that the new container terminal would open in March, "
         "two months later than planned, after storms delayed the last phase of dredging.")


def page(body: str) -> str:
    return f"<html><head><title>Terminal</title></head><body><article><h1>Terminal</h1>{body}<p>{STORY}</p>" \
           f"</article></body></html>"


BYLINES = {
    "plain": '<span class="author">Jane Doe</span>',
    # in a comment section: trafilatura prunes it, so the byline below is the one
    "in comments": '<div class="comments"><span class="author">Troll Account</span></div>'
                   '<p class="byline">By Jane Doe</p>',
    # a date inside the byline element is pruned out of its text: the long way is taken
    "date inside": '<div class="byline">By Jane Doe<time>12 March 2024</time> in Ports</div>',
    "figure credit only": '<figure><span class="author">Photo Agency</span></figure>',
    "none": "<p>No byline on this page.</p>",
    "too long": f'<div class="author">{STORY}</div><a rel="author">Jane Doe</a>',
}


@pytest.mark.parametrize("body", BYLINES.values(), ids=BYLINES.keys())
def test_the_byline_is_the_one_found_after_pruning(body):
    tree = parse(page(body))
    assert author_from_markup(copy.deepcopy(tree)) == _author_after_pruning(tree)


def test_the_expected_bylines():
    # the cases above are not vacuous: each gives the name a reader would call the byline
    found = {name: author_from_markup(parse(page(body))) for name, body in BYLINES.items()}
    assert found == {"plain": "Jane Doe", "in comments": "Jane Doe", "date inside": "Jane Doe",
                     "figure credit only": None, "none": None, "too long": "Jane Doe"}


def _chunks(cls: str, extra: str = "") -> str:
    return "".join(f"<div class='wrap'><div class='{cls}'{extra}><p>{STORY}</p></div></div>" for _ in range(2))


def test_no_repeated_body_class_skips_the_join():
    tree = parse(page(_chunks("card")))  # repeated, but no body container to the extractor
    assert not _repeated_body_class(tree)
    assert join_split_body(tree) == 0


def test_a_repeated_body_class_is_seen():
    assert _repeated_body_class(parse(page(_chunks("article__body"))))


def test_a_repeated_container_that_is_the_body_by_its_itemprop_is_seen():
    # the class says nothing; the itemprop on each copy makes both body containers
    assert _repeated_body_class(parse(page(_chunks("block", " itemprop='articleBody'"))))


def test_one_body_container_by_itemprop_among_repeats_is_not_enough():
    markup = page("<div class='wrap'><div class='block' itemprop='articleBody'><p>One</p></div></div>"
                  "<div class='wrap'><div class='block'><p>Two</p></div></div>")
    assert not _repeated_body_class(parse(markup))
