"""Markup to an lxml tree, the way trafilatura parses it, with a cheaper element class lookup.

lxml.html's parser picks each element's Python class (FormElement, InputElement, ...) with a
Python callback, run every time an element is touched from Python: some 5,000 calls a page in
trafilatura and our own passes, close to a tenth of the HTML path's time. Neither trafilatura
nor cleaner uses the form classes, so every element here is a plain HtmlElement (which keeps
``text_content``, ``drop_tree`` and the other lxml.html methods the extractor calls), chosen in C.
Copies of the tree keep the parser, so the extractor's own copies get the same lookup.

Otherwise this is trafilatura's ``load_html`` for a decoded page: the same parser options, the
same repairs, the same retry from bytes and the same rejection of what is not HTML.
"""

from __future__ import annotations

import regex
from lxml import etree
from lxml import html as lxml_html
from trafilatura.utils import is_dubious_html, repair_faulty_html

_PARSER = lxml_html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
    entity=lxml_html.HtmlEntity))

_TITLE_OPEN = regex.compile(r"<title\b[^>]{0,200}>", regex.IGNORECASE)
_TITLE_CLOSE = regex.compile(r"</title\s*>", regex.IGNORECASE)


def repair_unclosed_title(markup: str) -> str:
    """Close a <title> that is never closed, at the end of its line.

    A parser reads everything after an unclosed <title> as title text, so the whole page, article
    included, would vanish into the title.
    """
    m = _TITLE_OPEN.search(markup, 0, 65536)
    if not m or _TITLE_CLOSE.search(markup, m.end()):
        return markup
    end = markup.find("\n", m.end(), m.end() + 300)
    end = end if end != -1 else min(len(markup), m.end() + 300)
    return markup[:end] + "</title>" + markup[end:]


_HTML_OPEN = regex.compile(r"<html\b[^>]{0,2000}>", regex.IGNORECASE)


def repair_self_closed_html(markup: str) -> str:
    """Open an <html .../> start tag that closes itself, wherever it sits in the page's head.

    libxml2 ends the document at a self-closed <html/>: the tree comes back empty and the whole
    page is lost. trafilatura repairs this only when the tag ends one of the first four lines;
    a page whose start tag is spliced with the next tags on one line (a capture cut and pasted
    back together) keeps it.
    """
    m = _HTML_OPEN.search(markup, 0, 65536)
    if not m or not m.group().endswith("/>"):
        return markup
    return markup[: m.start()] + m.group()[:-2].rstrip() + ">" + markup[m.end():]


_DOCUMENT_END = regex.compile(r"</(?:html|body)\s*>", regex.IGNORECASE)
_HTML_CLOSE = regex.compile(r"</html\s*>", regex.IGNORECASE)


def repair_early_document_end(markup: str) -> str:
    """Drop the </body> and </html> end tags when markup goes on after them.

    libxml2 (2.14) stops reading at </html>: whatever follows is lost. Captures of old sites often
    go on after it, a second page glued after the first (a pop-up's page, then the article's own
    page with its <!DOCTYPE>), and a browser shows it all, as part of the body. Without the end
    tags the parser reads everything and closes the document at its end.
    """
    end = _HTML_CLOSE.search(markup)
    if not end or not markup[end.end():].strip():
        return markup  # the usual page: nothing after its end
    return _DOCUMENT_END.sub("", markup)


def parse(markup: str):
    """The page's tree, or None if there is no document in it."""
    markup = repair_early_document_end(repair_self_closed_html(repair_unclosed_title(markup)))
    beginning = markup[:50].lower()
    dubious = is_dubious_html(beginning)
    markup = repair_faulty_html(markup, beginning)
    tree = None
    from_bytes = False
    try:
        tree = lxml_html.fromstring(markup, parser=_PARSER)
    except ValueError:  # a str with an encoding declaration in it: lxml wants bytes for that
        tree = _from_bytes(markup)
        from_bytes = True
    except etree.LxmlError:
        tree = None
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(markup)
    if tree is not None and dubious and len(tree) < 2:
        return None  # not HTML after all: a fragment or text with a tag in it
    return tree


def _from_bytes(markup: str):
    try:
        return lxml_html.fromstring(markup.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (etree.LxmlError, ValueError):
        return None
