"""The public interface: clean(), Article, decoding, options."""

import dataclasses
import json

import pytest

import cleaner
from cleaner.decode import decode
from cleaner.detect import looks_like_html

STORY = (
    "World\n\nBusiness\n\nMarkets\n\nTech\n\n"
    "Rain floods the old town as river bursts its banks\n\n"
    "By Jane Doe\n\nUpdated: 5 Mar 2024, 10:15 AM IST\n\n"
    "Heavy rain caused the river to burst its banks on Monday, flooding streets in the old town and forcing "
    "hundreds of residents to leave their homes.\n\n"
    "Emergency services said no one had been hurt, but warned that more rain was expected overnight.\n\n"
    "Share this article\n\nFacebook\n\nTwitter\n\n© 2024 Example Media Ltd. All rights reserved.\n"
)


def test_article_fields_and_text():
    a = cleaner.clean(STORY)
    assert a.title == "Rain floods the old town as river bursts its banks"
    assert a.byline == "Jane Doe" and a.date == "2024-03-05" and a.source_kind == "text"
    assert a.text == "\n\n".join(a.paragraphs) and len(a.paragraphs) == 2
    assert {r.reason for r in a.removed} >= {"byline", "updated-line", "share", "copyright"}
    assert all(r.by for r in a.removed)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.title = "x"
    json.dumps(a.to_dict())


def test_bytes_and_str_agree_and_url_fills_site():
    a = cleaner.clean(STORY.encode("utf-8"), "https://www.example.com/news/1")
    assert a.paragraphs == cleaner.clean(STORY).paragraphs
    assert a.site == "example.com" and a.url == "https://www.example.com/news/1"


def test_include_title_option_and_unknown_option():
    assert cleaner.clean(STORY, include_title=True).paragraphs[0].startswith("Rain floods")
    with pytest.raises(cleaner.OptionsError, match="unknown option 'nope'"):
        cleaner.clean(STORY, nope=1)


def test_oversized_input_is_refused_clearly():
    with pytest.raises(cleaner.InputError, match="max_input_bytes"):
        cleaner.clean(b"x" * 2000, max_input_bytes=1000)


def test_empty_and_whitespace_input_give_empty_articles():
    for raw in ("", "   \n\n\t", b""):
        a = cleaner.clean(raw)
        assert a.paragraphs == () and a.text == ""


def test_html_is_detected_and_extracted():
    page = ("<html><head><title>Rain floods the old town</title></head><body><nav><a href='/'>Home</a></nav>"
            "<article><h1>Rain floods the old town</h1>"
            + "".join(f"<p>Paragraph {i} tells what happened in the flooded town, street by street, in detail.</p>"
                      for i in range(5))
            + "<p>Also Read: Another story entirely</p></article></body></html>")
    assert looks_like_html(page) and not looks_like_html(STORY)
    a = cleaner.clean(page)
    assert a.source_kind == "html" and len(a.paragraphs) == 5
    assert any(r.reason == "read-more" for r in a.removed)


_FRENCH = ("Le gouvernement a présenté mercredi un projet de loi très attendu sur le logement. Les élus de "
           "l'opposition ont dénoncé un texte qui, selon eux, ne répond pas à la crise. À Genève comme à Paris, "
           "les loyers ont augmenté de façon spectaculaire depuis deux ans, et les ménages modestes sont les "
           "premiers touchés. Le ministre a défendu une réforme « équilibrée » et promis des mesures rapides.")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeffcafé".encode(), "café"),
        ("café".encode("utf-16"), "café"),
        ('<meta charset="iso-8859-1"><p>café</p>'.encode("latin-1"), '<meta charset="iso-8859-1"><p>café</p>'),
        # declared UTF-8 but really Latin-1: the declaration does not decode, detection takes over
        (('<meta charset="utf-8"><p>' + _FRENCH + "</p>").encode("latin-1"), '<meta charset="utf-8"><p>' + _FRENCH + "</p>"),
    ],
)
def test_decoding(raw, expected):
    assert decode(raw) == expected


def test_unclosed_title_does_not_swallow_the_page():
    body = "".join(f"<p>Paragraph {i} of the story, long enough to be kept by the extractor as text.</p>"
                   for i in range(6))
    page = f"<html><head><title>Broken page title\n<script>var x;</script></head><body><article>{body}</article></body></html>"
    a = cleaner.clean(page)
    assert len(a.paragraphs) == 6 and a.paragraphs[0].startswith("Paragraph 0")
