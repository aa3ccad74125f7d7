from types import SimpleNamespace

from lxml import etree

from cleaner.html_path import body_lines


def test_text_after_a_paragraph_in_a_layout_cell_is_one_line_of_its_own_and_printed_once():
    # The extractor's body for a page laid out in a table: paragraphs in a cell, with loose text
    # (a dateline paragraph without its <p>) after the first one.
    body = etree.fromstring(
        "<body><table><row><cell><p>Williams poses threat<lb/></p>"
        " BEVERLY HILLS, Calif. (AP) - Juice Williams is no Vince Young."
        "<p>So said two members of the defense.</p></cell></row></table></body>")
    text = "Williams poses threat\nBEVERLY HILLS, Calif. (AP) - Juice Williams is no Vince Young. " \
           "So said two members of the defense."
    lines = [ln.text for ln in body_lines(SimpleNamespace(text=text, body=body))]
    assert lines == ["Williams poses threat", "BEVERLY HILLS, Calif. (AP) - Juice Williams is no Vince Young.",
                     "So said two members of the defense."]
