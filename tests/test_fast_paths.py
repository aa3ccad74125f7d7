"""The shortcuts taken for speed give the answers of the patterns they stand in for.

Each heuristic skips its regular expression when a cheap test (a needed word, a first letter, a
string method) shows it cannot match. These tests hold the shortcut to the full pattern, so a
pattern edited without its shortcut fails here rather than silently losing matches.
"""

import random
import tomllib
from pathlib import Path

import pytest

from cleaner import metadata
from cleaner.heuristics import (
    _HUMP,
    _TERMINAL,
    PHRASES,
    _phrase_hits,
    ends_sentence,
    folded,
    humps,
    word_count,
)
from cleaner.text_path import _NON_WORD, _key
from cleaner.text_units import split_units

ROOT = Path(__file__).resolve().parent.parent


def _case_lines() -> list[str]:
    lines = []
    for path in sorted((ROOT / "tests" / "heuristic_cases").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for snippet in (*data.get("remove", []), *data.get("keep", [])):
            lines += [u.text for u in split_units(snippet)[0]]
    for path in sorted((ROOT / "golden").glob("*/input.txt")):
        lines += [u.text for u in split_units(path.read_text(encoding="utf-8"))[0]]
    return lines


LINES = _case_lines()


def _disagreements(fast, full, alphabet, longest: int, seed: int) -> list[str]:
    """The lines of the cases and goldens, and short random strings over the characters a fast path
    treats specially, on which the fast path and the full pattern answer differently."""
    rng = random.Random(seed)
    randoms = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(20000)]
    return [s for s in LINES + randoms if fast(s) != full(s)]


def test_ends_sentence_is_the_terminal_pattern():
    alphabet = list(".!?…。！？\"'”’)] \t\n\x0b\x85\xa0\u2000\u200a\u2028\u3000\x1c\x1f\u200bab")
    wrong = _disagreements(ends_sentence, lambda s: bool(_TERMINAL.search(s)), alphabet, 7, seed=7)
    assert not wrong, wrong[:5]


def test_needed_words_are_in_their_patterns():
    for p in PHRASES:
        long = p.long_pattern.pattern if p.long_pattern else ""
        source = (p.pattern.pattern + long).lower().replace("\\", "")  # "\(c\)" reads "(c)"
        missing = [k for k in p.needs if k not in source]
        assert not missing, f"{p.code}: {missing} are not words of its pattern"


@pytest.mark.parametrize("text", ["© All rights reſerved 2024", "DISCLAIMER: views are mine",
                                  "Accept all cookİes", "We uſe cookies to improve your experience",
                                  "Download our \u212aitchen app"])
def test_folding_keeps_case_insensitive_matches(text):
    for p in PHRASES:
        assert p.matches(text) == p.matches_slowly(text), p.code


def test_phrase_table_is_the_phrase_patterns():
    rows = _phrase_hits(tuple(LINES))
    for text, row in zip(LINES, rows, strict=True):
        full = tuple(p.matches_slowly(text) for p in PHRASES)
        assert row == full, text
        assert tuple(p.matches(text) for p in PHRASES) == full, text
    assert "ſ" not in folded("reſerved") and folded("İ") == "i"


# One line per word a pattern can start with; the first character is swapped for every other.
_STARTS = {
    "_READ_TIME": (metadata._READ_TIME_FIRST, ["5 min read", "reading time: 4 min"]),
    "_STAMP": (metadata._STAMP_FIRST, [f"{w} 3 May 2024" for w in (
        "last updated", "updated", "first published", "published", "posted", "modified", "created", "date",
        "dated", "released", "issued")]),
    "_RELATIVE": (metadata._RELATIVE_FIRST, [
        "updated 3 hours ago", "published: 3 hours ago", "posted 2 days ago", "3 hours ago", "an hour ago",
        "a day ago", "one week ago", "few days ago", "just now", "today", "yesterday"]),
    "_BARE_STAMP": (metadata._BARE_STAMP_FIRST, [f"{w} 3, 2024" for w in (
        "Monday, May", "Tuesday May", "Wed May", "Thursday May", "Friday May", "Saturday May", "Sunday May",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December")] + ["2024-05-03", "3/5/2024"]),
}


@pytest.mark.parametrize("name", sorted(_STARTS))
def test_metadata_first_letters(name):
    pattern = getattr(metadata, name)
    first, samples = _STARTS[name]
    chars = [chr(c) for c in range(0x3000)] + ["\u212a", "\uff21"]
    for sample in samples:
        assert pattern.match(sample), sample
        wrong = [c for c in chars if pattern.match(c + sample[1:]) and not (c in first or c.isdigit())]
        assert not wrong, f"{name} matches {sample!r} starting with {wrong}"


def test_key_of_ascii_lines_is_the_substitution():
    alphabet = [chr(c) for c in range(128)]
    wrong = _disagreements(_key, lambda s: _NON_WORD.sub(" ", s.casefold()).strip(), alphabet, 12, seed=11)
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("agency", metadata.AGENCIES)
def test_agency_lines_have_few_words(agency):
    for line in (f"{agency}", f"By {agency}.", f"Source : {agency}", f"agency: {agency}.", f"-- {agency}"):
        assert metadata._AGENCY_LINE.match(line), line
        assert word_count(line) <= metadata._AGENCY_MAX_WORDS, line


def test_name_and_role_starts_with_an_uppercase_letter():
    samples = [t for t in LINES if metadata._NAME_AND_ROLE.match(t)]
    samples += ["Jane Doe | Staff Writer", "Chris Davies - Nov 19, 2019, 10:31 pm CST", "Jane Doe, Reuters"]
    chars = [chr(c) for c in range(0x3000)] + ["\u212a", "\uff21", "\U0001d400"]
    for sample in samples:
        assert metadata._NAME_AND_ROLE.match(sample), sample
        wrong = [c for c in chars
                 if metadata._NAME_AND_ROLE.match(c + sample[1:]) and not metadata._is_upper_letter(c)]
        assert not wrong, f"{sample!r} matches starting with {wrong}"


def test_humps_of_ascii_lines_are_the_pattern():
    wrong = _disagreements(humps, lambda s: len(_HUMP.findall(s)), list("aAzZbY&& .1_-"), 10, seed=13)
    assert not wrong, wrong[:5]


def test_long_lines_are_counted_without_being_cached():
    # The word cache holds many lines; huge ones must not be kept alive by it.
    from cleaner import heuristics

    long_line = "word " * 5000
    before = heuristics._cached_words.cache_info().currsize
    assert heuristics.word_count(long_line) == 5000
    assert heuristics.words_of(long_line)[:2] == ("word", "word")
    assert heuristics._cached_words.cache_info().currsize == before
    assert heuristics.word_count("two words") == 2
