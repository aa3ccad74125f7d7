"""Joining an article body that the page splits into several containers of the same kind.

Some pages cut the story into chunks between ad slots: `<div class="article__body">` four times,
siblings under one parent, with only an ad between them. The extractor takes the first container
whose class says "article body" and drops the rest, so three quarters of the story go missing.
Moving the later chunks' content into the first one before extraction gives the extractor the
whole story in the container it picks anyway.

A page that lists several posts (a blog's front page, a "more stories" rail) also repeats one
container class, but each copy there comes under its own headline; chunks of one story are
separated by nothing but furniture (an ad, an empty aside).
"""

from __future__ import annotations

from lxml import etree

try:  # the extractor's own first choice of body container: the one whose repeats are lost
    from trafilatura.xpaths import BODY_XPATH
except ImportError:  # pragma: no cover - another trafilatura layout: nothing to join
    BODY_XPATH = []

# Between two chunks of one story: an ad label, "Advertisement", a caption at most.
_MAX_GAP_WORDS = 20
_HEADLINE_TAGS = frozenset({"h1", "h2", "h3"})
_SKIP = frozenset({"script", "style", "noscript", "template"})


def join_split_body(tree) -> int:
    """Move the content of later same-class body containers into the first. Returns how many were joined."""
    if not BODY_XPATH or not _repeated_body_class(tree):
        return 0
    found = BODY_XPATH[0](tree)
    if len(found) < 2:
        return 0
    first = found[0]
    cls = first.get("class")
    if not cls:
        return 0
    chunks = [first]
    for el in found[1:]:
        if el.tag != first.tag or el.get("class") != cls or _inside(el, chunks[-1]):
            continue
        if not _only_furniture_between(chunks[-1], el):
            break  # a headline or real text between: another story, and everything after it too
        chunks.append(el)
    for chunk in chunks[1:]:
        tail = first[-1] if len(first) else None
        if chunk.text and chunk.text.strip():
            if tail is None:
                first.text = (first.text or "") + chunk.text
            else:
                tail.tail = (tail.tail or "") + chunk.text
        for child in list(chunk):
            first.append(child)  # lxml moves it (its tail comes along)
        chunk.text = None
    return len(chunks) - 1


def _repeated_body_class(tree) -> bool:
    """Whether two containers of one tag and class could both be body containers to the extractor.

    The extractor's path tests every container's class and id with regular expressions, a tenth
    of a page's cleaning time; the containers that share a tag and class with another are few,
    so the path runs first on stand-ins for those: one per shared class (its class alone decides
    for all of them), plus one per such container whose id or itemprop could decide for it alone.
    """
    groups: dict[tuple[str, str], list] = {}
    for el in tree.iter("article", "div", "main", "section"):
        cls = el.get("class")
        if cls:
            groups.setdefault((el.tag, cls), []).append(el)
    root = etree.Element("html")
    stand_ins: dict = {}  # stand-in -> (its group, how many of the group it speaks for)
    for (tag, cls), members in groups.items():
        if len(members) < 2:
            continue
        stand_ins[_stand_in(root, tag, {"class": cls})] = ((tag, cls), len(members))
        for el in members:
            attrs = {name: el.get(name) for name in ("id", "itemprop") if el.get(name) is not None}
            if attrs:
                stand_ins[_stand_in(root, tag, {"class": cls, **attrs})] = ((tag, cls), 1)
    if not stand_ins:
        return False
    matched: dict[tuple[str, str], int] = {}
    for el in BODY_XPATH[0](root):
        if el in stand_ins:
            group, count = stand_ins[el]
            matched[group] = matched.get(group, 0) + count
    return any(n >= 2 for n in matched.values())


def _stand_in(root, tag: str, attrs: dict):
    """An element alone under its own parent, so that the path's "first in its parent" keeps it."""
    return etree.SubElement(etree.SubElement(root, "div"), tag, attrs)


def _inside(el, other) -> bool:
    return any(a is other for a in el.iterancestors())


def _only_furniture_between(a, b) -> bool:
    """Whether the page between the end of a and the start of b holds no headline and next to no text."""
    words = 0
    for node, text, tail in _between(a, b):
        if not isinstance(node.tag, str) or node.tag in _SKIP:
            continue
        if text and node.tag in _HEADLINE_TAGS:
            return False
        words += len((node.text or "").split()) if text else 0
        words += len((node.tail or "").split()) if tail else 0
        if words > _MAX_GAP_WORDS:
            return False
    return True


def _between(a, b):
    """(element, text is between, tail is between) for the page from the end of a to the start of b."""
    node = a
    while node is not None:
        yield node, False, True  # a and its ancestors: only what follows them
        for sibling in node.itersiblings():
            if sibling is b or _inside(b, sibling):
                for el in sibling.iter():
                    if el is b:
                        return
                    holds_b = _inside(b, el)
                    yield el, True, not holds_b  # an ancestor of b: its tail comes after b
            else:
                for el in sibling.iter():
                    yield el, True, True
        node = node.getparent()
