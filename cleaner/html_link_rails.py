"""Lists of other stories that the extractor took in with the article: linked headlines with their summaries.

On a page laid out without an article container the extractor reads most of the page, and the
story comes out followed (or preceded) by the site's rails: "Canada Headlines", then headline,
summary, headline, summary. Read as text, a rail's summaries are sentences like the article's;
what gives the rail away is in the markup: each headline is a whole link to another page.

So the extracted lines are matched against the page's link texts, and a run of at least
``_MIN_HEADLINES`` linked headlines, each followed by at most a short summary and a source or date
line, is removed with the label above it. A linked subheading inside an article is one link among
paragraphs, not a run of them; a paragraph of the article is longer than a rail's summary.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from .heuristics import ends_sentence, word_count
from .text_path import _key

_MIN_HEADLINES = 3
_HEADLINE_WORDS = 3  # "Sports", "World": menu entries, not headlines (the nav heuristics' job)
_MAX_BETWEEN = 2  # lines between two linked headlines: a summary, a source and date line
_SUMMARY_WORDS = 60  # a teaser's summary is a sentence or two; an article's paragraph runs longer
_LABEL_WORDS = 6


def link_texts(tree, url: str | None) -> set[str]:
    """The comparison keys of the texts of the page's links to its own site.

    A rail links to the site's other stories; a list of links to other sites (shop offers, a
    post's sources) is the article's own.
    """
    home = _host(url)
    page = url.split("#", 1)[0] if url else None
    keys = set()
    for a in tree.iter("a"):
        href = a.get("href")
        if not _internal(href, home) or _same_page(href, page):
            continue
        key = _key(a.text_content())
        if key:
            keys.add(key)
    return keys


def _same_page(href: str, page: str | None) -> bool:
    """A link to a place on this page: a table of contents, whose entries are the article's subheadings."""
    if "#" not in href:
        return False
    target = href.split("#", 1)[0].strip()
    if not target:
        return True
    try:
        return bool(page) and urljoin(page, target) == page
    except ValueError:
        return False


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # a malformed address ("http://[broken") is no address of this site
        return None
    return host.removeprefix("www.") if host else None


def _internal(href: str | None, home: str | None) -> bool:
    if not href:
        return False
    href = href.strip()
    if href.startswith(("javascript:", "mailto:")):
        return False
    if "//" not in href:
        return ":" not in href.split("/", 1)[0]  # a relative address (not "tel:", "whatsapp:")
    host = _host(href if "://" in href or not href.startswith("//") else "http:" + href)
    return bool(home and host and (host == home or host.endswith("." + home) or home.endswith("." + host)))


def linked_lines(texts: list[str], links: set[str]) -> list[bool]:
    """Which lines are, as a whole, the text of one of the page's links."""
    return [bool(links) and _key(t) in links for t in texts]


_LEAD_WORDS = 4  # "Read also:", "Lea también:", "LE PUEDE INTERESAR:"


def pointer_lines(texts: list[str], links: set[str]) -> list[bool]:
    """Lines that point to another story: a short lead-in and a colon before a link's text.

    "Read also: <headline>" in any language, told by its shape and its link rather than by the
    words of the lead-in.
    """
    out = []
    for t in texts:
        hit = False
        if links and ":" in t[:40]:
            lead, rest = t.split(":", 1)
            hit = word_count(lead) <= _LEAD_WORDS and word_count(rest) >= _HEADLINE_WORDS and _key(rest) in links
        out.append(hit)
    return out


def story_rails(texts: list[str], linked: list[bool], removed: list[bool]) -> list[bool]:
    """The lines of runs of linked headlines with their summaries, and the label above each run.

    ``removed``: lines already removed by other checks; they neither start nor break a run.
    """
    n = len(texts)
    out = [False] * n
    heads = [i for i in range(n) if linked[i] and not removed[i] and word_count(texts[i]) >= _HEADLINE_WORDS]
    run: list[int] = []
    for h in [*heads, None]:
        if run and (h is None or not _teaser_gap(texts, removed, run[-1], h)):
            if len(run) >= _MIN_HEADLINES:
                _mark(texts, removed, run, out)
            run = []
        if h is not None:
            run.append(h)
    return out


def _teaser_gap(texts, removed, a: int, b: int) -> bool:
    """Whether what lies between two linked headlines is what a rail puts there."""
    between = [k for k in range(a + 1, b) if not removed[k]]
    return len(between) <= _MAX_BETWEEN and all(word_count(texts[k]) <= _SUMMARY_WORDS for k in between)


def _mark(texts, removed, run: list[int], out: list[bool]) -> None:
    # The last headline keeps as many lines after it as the run's headlines had between them (its
    # summary, its source line), no more: after a rail above the article comes the article.
    width = max(b - a - 1 for a, b in zip(run, run[1:], strict=False))
    end = run[-1] + 1
    while end < len(texts) and end - run[-1] <= width and word_count(texts[end]) <= _SUMMARY_WORDS:
        end += 1
    for k in range(run[0], end):
        out[k] = True
    label = run[0] - 1
    while label >= 0 and removed[label]:
        label -= 1
    if label >= 0 and word_count(texts[label]) <= _LABEL_WORDS and not ends_sentence(texts[label]):
        out[label] = True
