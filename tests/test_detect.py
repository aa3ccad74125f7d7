"""Which path a capture takes: a text dump read as HTML comes out empty, and the reverse as tag soup."""

from __future__ import annotations

import cleaner
from cleaner.detect import looks_like_html

_PROSE = [
    f"Paragraph {i} of the story tells what the council decided about the flooded streets on Monday."
    for i in range(24)
]
# How inscriptis prints a page whose <noscript> held an ad: the ad's markup as text, then the page.
_AD_MARKUP = ('<a href="http://ad.example.net/jump/site;sz=728x90;ord=123?"><img '
              'src="http://ad.example.net/ad/site;sz=728x90" width="728" height="90" border="0"></a>')


def test_a_text_dump_that_opens_with_an_ad_tag_is_text():
    dump = "      " + _AD_MARKUP + "\n\n" + "\n\n".join(["Home | World | Sport", *_PROSE]) + "\n"
    assert not looks_like_html(dump)
    article = cleaner.clean(dump)
    assert article.source_kind == "text"
    assert "Paragraph 12 of the story" in article.text


def test_pages_and_fragments_that_open_with_a_tag_are_html():
    script = "\n".join(f"  var x{i} = compute({i});" for i in range(60))
    page = f"<html><head><script>\n{script}\n</script></head><body><p>{_PROSE[0]}</p></body></html>"
    assert looks_like_html(page)
    fragment = "\n".join(f"<p>{p}</p>" for p in _PROSE)  # an article body from a JSONL field
    assert looks_like_html(fragment)
    # a fragment without a document tag, its text on lines of their own between two tags
    pre = "<div class='story'>\n" + "\n".join(_PROSE[:10]) + "\n</div>"
    assert looks_like_html(pre)
