"""Every golden case: the program's article must equal the one a person wrote down.

A failure prints a unified diff. Nothing here writes: `cleaner golden update` is the only way an
expected output changes.
"""

import pytest

from cleaner import golden

CASES = golden.load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden(case):
    problems = golden.check(case)
    assert not problems, "\n" + "\n".join(problems)


def test_golden_set_is_broad():
    text = [c for c in CASES if c.capture.suffix == ".txt"]
    html = [c for c in CASES if c.capture.suffix.startswith(".htm")]
    sites = {c.url.split("/")[2].removeprefix("www.") if c.url else c.name.split("-")[0] for c in CASES}
    assert len(CASES) >= 30 and len(text) >= 15 and len(html) >= 10 and len(sites) >= 10


def test_check_never_writes(tmp_path):
    case_dir = tmp_path / "one"
    case_dir.mkdir()
    (case_dir / "input.txt").write_text("Title of the story\n\nA paragraph of the story that is long enough to count.\n")
    (case_dir / "expected.txt").write_text("title: wrong\nurl:\nsite:\ndate:\nbyline:\n----\nnothing\n")
    case = golden.load_cases(tmp_path)[0]
    before = (case_dir / "expected.txt").read_bytes()
    assert golden.check(case)
    assert (case_dir / "expected.txt").read_bytes() == before
