"""The HTML path's own parse and metadata reading (cleaner/html_parse.py, cleaner/html_metadata.py)."""

from __future__ import annotations

import trafilatura
from lxml import html as lxml_html

from cleaner import clean
from cleaner.html_metadata import author_from_markup, read_page_metadata
from cleaner.html_parse import parse, repair_early_document_end

STORY = " ".join(
    ["The harbour authority said on Monday that the new container terminal would open in March, two months "
     "later than planned, after storms delayed the last phase of dredging."] * 3
)
SECOND = ("Shipping lines that had booked berths for February were offered slots at the old terminal, "
          "the authority said, and none had cancelled so far.")


def page(head_extra: str = "", body_extra: str = "", html_tag: str = "<html lang=\"en\">") -> str:
    return (f"<!DOCTYPE html>\n{html_tag}<head><title>Terminal opening delayed</title>{head_extra}</head>"
            f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
            f"<h1>Terminal opening delayed</h1>{body_extra}<p>{STORY}</p><p>{SECOND}</p></article>"
            f"<footer>Contact us</footer></body></html>")


def test_a_self_closed_html_tag_does_not_swallow_the_page():
    # spliced onto one line with the next tags, so trafilatura's own repair does not see it
    markup = page(html_tag='<html lang="en" /><meta charset="utf-8">')
    assert lxml_html.fromstring(markup).text_content().strip() == ""  # what libxml2 makes of it
    assert "container terminal" in parse(markup).text_content()
    assert SECOND in clean(markup, "https://example.org/port", site_rules=False).paragraphs


def test_an_unclosed_title_does_not_swallow_the_page():
    markup = page().replace("</title>", "", 1)
    assert "container terminal" in parse(markup).text_content()


def test_a_page_glued_after_the_end_of_another_is_read():
    # an old capture: a pop-up's small page, closed with </html>, then the article's own page
    popup = "<html><head></head><body><table><tr><td>Bluefield, WV</td></tr></table></body></html>\n"
    markup = popup + "<script>var x = 1;</script>\n" + page()
    assert "container terminal" not in lxml_html.fromstring(markup).text_content()  # libxml2 stops at </html>
    tree = parse(markup)
    assert "container terminal" in tree.text_content() and "Bluefield" in tree.text_content()
    assert SECOND in clean(markup, "https://example.org/port", site_rules=False).paragraphs


def test_a_page_that_ends_at_its_end_is_left_as_it_is():
    assert repair_early_document_end(page() + "\n") == page() + "\n"
    glued = page() + "<p>more</p>"
    assert repair_early_document_end(glued) == page().replace("</body></html>", "") + "<p>more</p>"


def test_not_html_is_no_tree():
    assert parse("") is None


def test_the_extractor_reads_our_tree_as_it_reads_its_own():
    markup = page(body_extra="<form><input name='q'><label>Search</label></form><table><tr><td>a</td>"
                             "<td>b</td></tr></table>")
    ours = trafilatura.bare_extraction(parse(markup), include_comments=False)
    theirs = trafilatura.bare_extraction(trafilatura.load_html(markup), include_comments=False)
    assert ours.text == theirs.text
    assert SECOND in ours.text


def test_declared_metadata():
    head = ('<meta property="og:title" content="Terminal opening delayed to March">'
            '<meta name="description" content="Storms held up the dredging of the new berths.">'
            '<meta property="og:site_name" content="Harbour News">'
            '<meta name="author" content="Jane Doe">'
            '<meta property="article:published_time" content="2024-02-05T09:30:00Z">')
    tree = parse(page(head_extra=head))
    meta = read_page_metadata(tree, "https://example.org/port")
    assert meta.title == "Terminal opening delayed to March"
    assert meta.description == "Storms held up the dredging of the new berths."
    assert meta.sitename == "Harbour News"
    assert meta.author == "Jane Doe"
    assert meta.date == "2024-02-05"


def test_a_date_only_in_the_text_is_still_found():
    tree = parse(page(body_extra="<p class='note'>Published 5 February 2024, updated later.</p>"))
    assert read_page_metadata(tree, "https://example.org/port").date == "2024-02-05"


def test_an_author_only_in_the_markup():
    tree = parse(page(body_extra='<span class="author">Jane Doe</span>'))
    assert read_page_metadata(tree, None).author is None  # nothing declared
    assert author_from_markup(tree) == "Jane Doe"
