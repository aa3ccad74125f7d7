"""Public extractors to compare against, one small function each, default settings (but see trafilatura).

Every HTML baseline takes the page already decoded to ``str`` (by cleaner.decode.decode, the same way
for all of them) so that none wins or loses on charset handling. Optional packages are imported when
a baseline is first used, so ``cleaner eval`` works without them unless they are asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType

from .errors import CleanerError

# C4 (Raffel et al. 2020, "Colossal Clean Crawled Corpus"): keep a line only if it ends in terminal
# punctuation and has at least 3 words. Only the line rule; C4's page-level filters are left out.
C4_TERMINAL = (".", "!", "?", '"', "\u201d", "'")
C4_MIN_WORDS = 3

# Block-level tags after which a rendering of readability's output starts a new line; without them
# lxml's text_content() glues the last word of one paragraph to the first word of the next.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})

# name -> (module to import, pip package that provides it)
_PACKAGES = {
    "trafilatura": ("trafilatura", "trafilatura"),
    "readability": ("readability", "readability-lxml"),
    "justext": ("justext", "jusText"),
    "resiliparse": ("resiliparse.extract.html2text", "resiliparse"),
    "c4": ("resiliparse.extract.html2text", "resiliparse"),  # only for its plain rendering of HTML
}


class BaselineUnavailable(CleanerError):
    """A comparison extractor was asked for but its package is not installed."""


def require(name: str) -> ModuleType | None:
    """Import what baseline ``name`` needs, or raise BaselineUnavailable saying what to install."""
    if name not in _PACKAGES:
        return None
    module, package = _PACKAGES[name]
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise BaselineUnavailable(
            f"baseline {name!r} needs the package {package!r} ({e}); "
            f"install it with: pip install {package}  (or: pip install 'cleaner[compare]')"
        ) from e


def trafilatura_extract(html: str) -> str:
    trafilatura = require("trafilatura")
    # Defaults except include_comments=False, the setting both public benchmarks run it with (Zyte's
    # run_trafilatura.py, trafilatura's own comparison script): reader comments are not article text
    # in any truth here, and the defaults cost it about 0.01 mean F1 on zyte-article.
    return trafilatura.extract(html, include_comments=False) or ""


def readability_extract(html: str) -> str:
    readability = require("readability")
    return html_to_lines(readability.Document(html).summary())


def justext_extract(html: str) -> str:
    justext = require("justext")
    paragraphs = justext.justext(html, justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def resiliparse_extract(html: str) -> str:
    html2text = require("resiliparse")
    return html2text.extract_plain_text(html, main_content=True)


def c4_html(html: str) -> str:
    """The C4 line rule on a plain rendering of the whole page (what a WET file would hold)."""
    html2text = require("c4")
    return c4_lines(html2text.extract_plain_text(html, main_content=False))


def c4_lines(text: str) -> str:
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if line.endswith(C4_TERMINAL) and len(line.split()) >= C4_MIN_WORDS:
            kept.append(line)
    return "\n".join(kept)


def identity(text: str) -> str:
    """The text capture itself: what not cleaning at all would score."""
    return text


def html_to_lines(html: str) -> str:
    """Text of an HTML fragment, one line per block element, whitespace inside a line collapsed."""
    import lxml.etree
    import lxml.html

    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    parts: list[str] = []
    skipping = 0  # depth inside script/style, whose text is not page text
    for event, el in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else None  # None: comment or processing instr.
        if event == "start":
            if tag in _SKIP_TAGS:
                skipping += 1
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if tag is not None and not skipping and el.text:
                parts.append(el.text)
        else:
            if tag in _SKIP_TAGS:
                skipping -= 1
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if el is not root and not skipping and el.tail:
                parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


HTML_BASELINES: dict[str, Callable[[str], str]] = {
    "trafilatura": trafilatura_extract,
    "readability": readability_extract,
    "justext": justext_extract,
    "resiliparse": resiliparse_extract,
    "c4": c4_html,
}

# On a text capture there is no markup for the HTML extractors to work with.
TEXT_BASELINES: dict[str, Callable[[str], str]] = {
    "c4": c4_lines,
    "identity": identity,
}

ALL_BASELINES = tuple(dict.fromkeys([*HTML_BASELINES, *TEXT_BASELINES]))
