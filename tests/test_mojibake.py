"""Doubly decoded text is restored before cleaning, and correct text is left as it is."""

from __future__ import annotations

import cleaner
from cleaner.mojibake import repair_mojibake

# UTF-8 bytes read as Latin-1 (C1 controls) and as Windows-1252, as old captures hold them.
_LATIN1 = "on Kosovo\u00e2\u0080\u0099s future, said Joachim R\u00c3\u00bccker"
_CP1252 = "John Waters\u00e2\u20ac\u2122 Cry-Baby, by Mark O\u00e2\u20ac\u2122Donnell"


def test_doubly_decoded_text_is_restored():
    assert repair_mojibake(_LATIN1) == "on Kosovo\u2019s future, said Joachim R\u00fccker"
    assert repair_mojibake(_CP1252) == "John Waters\u2019 Cry-Baby, by Mark O\u2019Donnell"


def test_correct_text_is_left_alone():
    for text in ("caf\u00e9\u2013bar and a na\u00efve r\u00e9sum\u00e9",  # é then a dash: a suspect pair
                 "Se\u00f1or \u00c1lvarez \u00bfqu\u00e9 pas\u00f3?",
                 "Stra\u00dfe, \u00e9t\u00e9, \u00a9 2024, 5\u00b0C"):
        assert repair_mojibake(text) == text


def test_clean_repairs_unless_told_not_to():
    story = "\n\n".join(f"{_LATIN1}, and paragraph {i} of the story goes on about the talks in detail."
                        for i in range(6))
    assert "Kosovo\u2019s" in cleaner.clean(story).text
    assert "Kosovo\u00e2\u0080\u0099s" in cleaner.clean(story, repair_mojibake=False).text
