"""Hostile rule files: catastrophic patterns, broken files, a huge file. Each costs bounded time and
fails, when it fails, with one line that names the file (and the line where there is one).

Per-key validation messages are tested in tests/test_rule_files.py; here the point is that nothing a
rule file holds can hang a batch or put a traceback in front of a user.
"""

from __future__ import annotations

import time

import pytest
from batch_helpers import article_text, read_jsonl

import cleaner
from cleaner.cli import main
from cleaner.errors import RuleError

CATASTROPHIC = r"""[site]
domains = ["example.com"]
fingerprints = ['^(a+)+$', '(a|aa)+b']
[text]
drop = ['^(a+)+$', { pattern = '(x+x+)+y', reason = "bad" }]
drop_blocks = [{ start = '^(a|a?)+$', end = '^(\w+\s?)*$' }]
drop_after = ['^(([a-z])+.)+[A-Z]([a-z])+$']
protect = ['^(\w+\s?)*$']
[metadata]
date = ['^(a|aa)+$']
byline = ['(.*a){20}']
title = ['^(a+)+$']
"""


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def test_catastrophic_patterns_in_every_slot_cost_bounded_time(tmp_path, caplog):
    rules = tmp_path / "example.com.toml"
    rules.write_text(CATASTROPHIC)
    capture = article_text(1) + "\n\n" + ("a" * 3000 + "!\n\n") * 10 + article_text(2)
    for url in ("https://example.com/story", None):  # by domain, and by fingerprint
        start = time.monotonic()
        article = cleaner.clean(capture, url, rules=[rules], regex_timeout=0.01, time_limit=0)
        assert time.monotonic() - start < 15  # ~1 s: each pattern gives up after 0.01 s a line
        assert "(Story 1.)" in article.text and "(Story 2.)" in article.text
    assert "timed out" in caplog.text


def test_a_catastrophic_rule_file_does_not_stop_a_batch(tmp_path, capsys):
    rules = tmp_path / "example.com.toml"
    rules.write_text(CATASTROPHIC)
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text(article_text(i) + "\n\n" + ("a" * 2000 + "!\n\n") * 3)
    out = tmp_path / "out.jsonl"
    code, _, err = _run(
        capsys,
        "clean",
        str(tmp_path / "in"),
        "--rules",
        str(rules),
        "--url",
        "https://example.com/x",
        "-o",
        str(out),
        "--jobs",
        "2",
        "--time-limit",
        "20",
    )
    assert code == 0 and "Traceback" not in err
    assert all(f"(Story {i}.)" in r["text"] for i, r in enumerate(read_jsonl(out)))


BROKEN = {
    "invalid-toml": ('[site\ndomains = ["example.com"]\n', ":1:", "not valid TOML"),
    "unknown-key": ('[site]\ndomains = ["example.com"]\ncolour = "red"\n', ":3:", "unknown key 'colour'"),
    "unknown-table": (
        '[site]\ndomains = ["example.com"]\n[txet]\ndrop = []\n',
        ":3:",
        "unknown table [txet]",
    ),
    "bad-pattern": ('[site]\ndomains = ["example.com"]\n[text]\ndrop = ["(?<"]\n', ":4:", "invalid pattern"),
    "empty": ("", "", "every rule file needs [site]"),
    "binary": (bytes(range(256)) * 8, "", "cannot read rule file"),
    "nul": ('[site]\ndomains = ["example.com"]\x00\n', ":2:", "not valid TOML"),
    "nested-arrays": (
        '[site]\ndomains = ["example.com"]\n[text]\ndrop = ' + "[" * 100_000 + "]" * 100_000 + "\n",
        "",
        "nested too deeply",
    ),
    "nested-pattern": (
        '[site]\ndomains = ["example.com"]\n[text]\ndrop = [\'' + "(" * 5000 + "a" + ")" * 5000 + "']\n",
        "",
        "nested too deeply",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_rule_file_is_one_line_naming_it(tmp_path, capsys, name):
    content, where, words = BROKEN[name]
    rules = tmp_path / f"{name}.toml"
    if isinstance(content, bytes):
        rules.write_bytes(content)
    else:
        rules.write_text(content)
    page = tmp_path / "page.txt"
    page.write_text(article_text(1))
    code, out, err = _run(capsys, "clean", str(page), "--rules", str(rules))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"cleaner: error: {rules}{where}") and words in err
    with pytest.raises(RuleError):
        cleaner.clean(article_text(1), rules=[rules])


def test_a_huge_rule_file_loads_once_and_cleans_in_linear_time(tmp_path):
    n = 20_000
    rules = tmp_path / "example.com.toml"
    rules.write_text(
        '[site]\ndomains = ["example.com"]\n[text]\ndrop = [\n'
        + "".join(f"  '^Boilerplate line number {i} of many(?: here)?$',\n" for i in range(n))
        + "  { pattern = '^Drop me now$', reason = 'zebra' },\n]\n"
    )
    page = article_text(1) + "\nDrop me now\n"
    timings = []
    for copies in (1, 1, 4):  # the first call loads the file; the others reuse it
        start = time.monotonic()
        article = cleaner.clean(page * copies, "https://example.com/a", rules=[rules])
        timings.append(time.monotonic() - start)
        assert any(r.reason == "zebra" for r in article.removed)
    first, again, four = timings
    assert first - again < 60  # ~5 s: compiling 20,000 patterns, once per process
    assert again < first / 3  # compiled once, not per document
    assert four < 4 * again * 3 + 1  # linear in the page, whatever the number of patterns
