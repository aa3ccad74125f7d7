"""Removing hover cards: the hidden pop-ups that pages nest inside a paragraph's links.

A name in a story can carry a card that shows on hover: the person's photo, their name again and
links to their latest stories, all inside the paragraph's markup and hidden by the stylesheet
(not by an inline style the extractor could see). Read as text, the card glues itself into the
sentence: "Rep. Ilhan OmarIlhan OmarHillicon Valley: Progressives oppose ... (D-Minn.)".

A card is told from the link it hangs on by its class (tooltip, popover, hovercard, rollover) and
its content: a picture or several links. Only the innermost such element goes, so the link that
shows the name stays.
"""

from __future__ import annotations

import regex

_CARD_CLASS = regex.compile(r"(?:^|[\s_-])(?:tooltip|popover|hovercard|hover-card|rollover)(?:$|[\s_-])", regex.I)


def _cards(tree) -> list:
    """Card candidates in document order. Walked in Python rather than asked of libxml2 as one XPath
    (//p//*[...]): libxml2 merges the node sets of such a path in quadratic time, minutes on a page
    of a million paragraphs, in C code the time limit's signal cannot interrupt."""
    cards = []
    for el in tree.iter("span", "div", "aside"):
        cls = el.get("class")
        if not cls or not _CARD_CLASS.search(cls):
            continue
        if not any(a.tag == "p" for a in el.iterancestors()):
            continue
        if el.find(".//img") is not None or len(el.findall(".//a")) >= 2:
            cards.append(el)
    return cards


def drop_hover_cards(tree) -> int:
    """Drop the hover cards inside paragraphs; returns how many."""
    cards = _cards(tree)
    if not cards:
        return 0
    found = set(cards)
    # innermost: a card holding another card is the trigger around it (it holds the visible link)
    inner = [el for el in cards if not any(d in found for d in el.iterdescendants())]
    for el in inner:
        el.drop_tree()  # keeps the tail: the sentence goes on after the card
    return len(inner)
