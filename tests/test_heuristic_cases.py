"""Every generic heuristic against its own case file: lines it must and must not remove.

Adding a case is adding a line to tests/heuristic_cases/<code>.toml, not code.
"""

import tomllib
from pathlib import Path

import pytest

from cleaner.heuristics import BY_CODE
from cleaner.metadata import read_metadata_line
from cleaner.text_path import META_KIND_REASON
from cleaner.text_units import split_units

CASES = Path(__file__).parent / "heuristic_cases"
METADATA_CODES = {"byline", "updated-line", "dateline"}


def _flags(code: str, snippet: str) -> list[bool]:
    units, _ = split_units(snippet)
    if code in METADATA_CODES:
        flagged = []
        for u in units:
            m = read_metadata_line(u.text)
            flagged.append(bool(m) and META_KIND_REASON[m.kind] == code and (m.kind != "dateline" or m.rest is None))
        return flagged
    return BY_CODE[code].flag(units)


def _params():
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for i, snippet in enumerate(data.get("remove", [])):
            yield pytest.param(path.stem, "remove", snippet, id=f"{path.stem}-remove-{i}")
        for i, snippet in enumerate(data.get("keep", [])):
            yield pytest.param(path.stem, "keep", snippet, id=f"{path.stem}-keep-{i}")


@pytest.mark.parametrize(("code", "expect", "snippet"), list(_params()))
def test_heuristic_case(code, expect, snippet):
    units, _ = split_units(snippet)
    flags = _flags(code, snippet)
    assert units, "a case must have text"
    if expect == "remove":
        missed = [u.text for u, f in zip(units, flags, strict=True) if not f]
        assert not missed, f"{code} should remove these lines: {missed}"
    else:
        wrong = [u.text for u, f in zip(units, flags, strict=True) if f]
        assert not wrong, f"{code} should keep these lines: {wrong}"


def test_every_heuristic_has_a_case_file():
    files = {p.stem for p in CASES.glob("*.toml")}
    assert set(BY_CODE) | METADATA_CODES <= files, f"missing case files: {sorted(set(BY_CODE) - files)}"
    assert files <= set(BY_CODE) | METADATA_CODES, f"case files for no heuristic: {sorted(files - set(BY_CODE))}"
