"""Giving a story's loose paragraph its own <p>, among paragraphs that have one.

Old pages often write the first paragraph straight into the article container and only the later
ones in <p> elements ("...Friday night.<p>Rookie Peter Mueller..."): a browser shows it as the
first paragraph, but the extractor reads the container's <p> children and drops the text between
them, so the story loses its lead. Wrapping such text (with the links and emphasis inside it) in
a <p> of its own before extraction gives the extractor the paragraph the reader sees.

The same goes for a loose line between two paragraphs ("Tags: ...", "Also on ...: <link>"): in
a <p> of its own it is a line of its own, which the line heuristics judge, instead of text glued
to a paragraph. Only text of a paragraph's length, in a container that holds paragraphs: a
caption, a label or a menu word between blocks is left where it is.
"""

from __future__ import annotations

_MIN_PARAGRAPHS = 2  # a container of paragraphs, not a layout box with one <p> in it
_MIN_WORDS = 12  # a sentence of a story, not "Advertisement" or a photo credit
# Elements that are part of a line of text; anything else ends the loose run.
_INLINE = frozenset({"a", "b", "i", "em", "strong", "span", "font", "u", "small", "big", "sup", "sub", "abbr",
                     "cite", "q", "mark", "time", "code", "tt", "s", "strike", "acronym", "dfn", "kbd", "var",
                     "label"})


def wrap_loose_text(tree) -> int:
    """Wrap paragraph-length loose text in paragraph containers into <p> elements. Returns how many."""
    wrapped = 0
    for parent in list(tree.iter("div", "td", "article", "section")):
        paragraphs = [c for c in parent if c.tag == "p"]
        if len(paragraphs) < _MIN_PARAGRAPHS or not _has_loose_text(parent):
            continue
        # empty <p></p> as a paragraph break ("text<p></p>text") is a page of loose text, which the
        # extractor reads whole: wrapping part of it would cut the rest off
        if sum(1 for c in paragraphs if _text(c, False).strip()) < _MIN_PARAGRAPHS:
            continue
        wrapped += _wrap_runs(parent)
    return wrapped


def _wrap_runs(parent) -> int:
    """Wrap each run of loose text and inline elements between parent's blocks, if long enough."""
    runs: list[tuple[int, str | None, list]] = []  # (index of its first child, its text, its inline children)
    # parent.text, then each block child's tail, starts a run of loose text
    start_text = parent.text
    start_at = 0
    members: list = []
    children = list(parent)
    for i, child in enumerate([*children, None]):
        if child is not None and isinstance(child.tag, str) and child.tag in _INLINE:
            members.append(child)
            continue
        runs.append((start_at, start_text, members))
        if child is None:
            break
        start_at, start_text, members = i + 1, child.tail, []
    count = 0
    for at, text, members in reversed(runs):  # from the end, so earlier indexes stay valid
        words = len((text or "").split()) + sum(len(_text(m).split()) for m in members)
        if words < _MIN_WORDS:
            continue
        p = parent.makeelement("p")  # of the page's element class, as the extractor expects
        p.text = text
        if at == 0:
            parent.text = None
        else:
            children[at - 1].tail = None
        for m in members:
            p.append(m)  # moves m, with its tail, the loose text after it
        parent.insert(at, p)
        count += 1
    return count


def _has_loose_text(parent) -> bool:
    """Text or inline elements directly in parent: the cheap test that spares most containers the rest."""
    if parent.text and not parent.text.isspace():
        return True
    return any(c.tag in _INLINE or (c.tail and not c.tail.isspace()) for c in parent)


def _text(el, tail: bool = True) -> str:
    return "".join(el.itertext()) + (el.tail or "" if tail else "")
