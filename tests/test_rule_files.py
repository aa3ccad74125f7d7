"""Rule files: validated on load with file, line and key; the built-in ones pass their own tests."""

import time

import pytest

from cleaner import RuleError, clean, load_rule_file
from cleaner.rule_checks import run_rule_tests
from cleaner.rule_files import RuleBook, builtin_rules_dir


def write(tmp_path, text, name="example.com.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_builtin_rules_pass_their_tests():
    book = RuleBook.load()
    assert book.rule_sets, "rules/ must hold at least one site"
    for rules in book.rule_sets:
        assert rules.tests, f"{rules.path} carries no [[test]]"
        for outcome in run_rule_tests(rules, book):
            assert not outcome.problems, f"{rules.path}: {outcome.problems}"
            assert not outcome.skipped, f"{rules.path}: the checkout holds every test capture"


def test_rules_check_of_an_installed_copy_skips_captures_it_lacks(tmp_path, monkeypatch, capsys):
    # An installed package has rules/ but not golden/, where the built-in files' test captures are.
    from cleaner.cli import main

    installed = tmp_path / "site-packages" / "cleaner" / "builtin_rules"
    installed.mkdir(parents=True)
    source = builtin_rules_dir() / "livemint.com.toml"
    (installed / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr("cleaner.rule_checks.builtin_rules_dir", lambda: installed)
    assert main(["rules", "check", str(installed)]) == 0
    out = capsys.readouterr().out
    assert "skip" in out and "source checkout" in out and "1 skipped" in out

    # The same file anywhere else is a user's file: a capture it names must exist.
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["rules", "check", str(mine)]) == 1
    assert "cannot read capture" in capsys.readouterr().out


def test_builtin_rules_name_no_benchmark_host():
    # Site rules for benchmark sites would measure the benchmark, not the heuristics.
    for path in builtin_rules_dir().glob("*.toml"):
        assert "bench" not in path.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ('[site]\ndomains = ["example.com"]\n\n[text]\ndorp = ["x"]\n', 5, "text.dorp", "unknown key 'dorp'"),
        ('[site]\ndomains = ["example.com"]\n[text]\ndrop = ["(open"]\n', 4, "text.drop", "invalid pattern"),
        ('[site]\ndomains = ["example.com"]\n[html]\ndrop = ["div[["]\n', 4, "html.drop", "invalid CSS selector"),
        ('[site]\ndomains = "example.com"\n', 2, "site.domains", "expected a list of strings"),
        ('[site]\nname = "x"\n', 1, "site.domains", "needs [site] with domains"),
        ('[site]\ndomains = ["example.com"]\n[bogus]\nx = 1\n', 3, "bogus", "unknown table"),
        ('[site\n', 1, None, "not valid TOML"),
        ('[site]\ndomains = ["example.com"]\n[[test]]\nmust_contain = ["a"]\n', 3, "test.capture", "needs capture"),
        ('[site]\ndomains = ["example.com"]\n[text]\ndrop = [{pattern = "a", why = "b"}]\n', 4, "text.drop",
         "unknown key 'why'"),
        ('[site]\ndomains = ["example.com"]\n[text]\ndrop_before = ["[unclosed"]\n', 4, "text.drop_before",
         "invalid pattern"),
        ('[site]\ndomains = ["example.com"]\n\n[text]\ndrop_before = "^Menu$"\n', 5, "text.drop_before",
         "expected a list"),
    ],
)
def test_bad_rule_file_names_file_line_and_key(tmp_path, text, line, key, words):
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    e = err.value
    assert e.line == line and e.key == key and words in str(e)
    assert str(path) in str(e)


def test_catastrophic_pattern_is_bounded(tmp_path, caplog):
    path = write(tmp_path, '[site]\ndomains = ["example.com"]\n[text]\ndrop = ["^(a+)+$"]\n')
    capture = ("a" * 5000 + "!\n\n") + "A long paragraph of real article text that should survive the rule. " * 5
    start = time.process_time()
    article = clean(capture, "https://example.com/x", rules=[path], regex_timeout=0.05)
    assert time.process_time() - start < 10
    assert "real article text" in article.text
    assert "timed out" in caplog.text


def test_site_rules_apply_by_domain_and_subdomain(tmp_path):
    path = write(tmp_path, '[site]\ndomains = ["example.com"]\n[text]\ndrop = [{pattern = "^Zebra line$", reason = "zebra"}]\n')
    capture = "Headline of a story here\n\n" + "Zebra line\n\n" + "Body sentence that is long enough to be prose, with words. " * 3
    article = clean(capture, "https://news.example.com/a", rules=[path])
    assert any(r.reason == "zebra" and r.by.endswith("example.com.toml") for r in article.removed)
    other = clean(capture, "https://example.org/a", rules=[path])
    assert not any(r.reason == "zebra" for r in other.removed)


def test_livemint_rule_recognises_capture_without_url():
    capture = (builtin_rules_dir().parent / "golden/livemint-seed-bloomberg-security/input.txt").read_bytes()
    assert clean(capture).site == "livemint.com"
    assert clean(capture, site_rules=False).site is None


HEAD_RULES = """[site]
domains = ["example.com"]
[text]
drop_before = [{ pattern = '^Latest from the newsroom$', reason = "teasers" }, '^Top stories$']
drop_after = ['^Share this story$']
protect = ['^Breaking:']
"""
STORY = [
    "The harbour bridge reopened on Monday after a year of repairs, the council said in a statement.",
    "Engineers replaced the cables and the deck, and traffic is expected to return to normal by Friday.",
]


def test_drop_before_cuts_at_the_lowest_first_match_of_its_markers(tmp_path):
    rules = load_rule_file(write(tmp_path, HEAD_RULES))
    lines = ["Top stories", "a", "Latest from the newsroom", "b", "Top stories", "Share this story",
             "Latest from the newsroom"]
    at, rule = rules.head_cut(lines)
    assert (at, rule.reason) == (2, "teasers")
    # A marker found only at or under the tail cut: the page is not laid out as the markers say.
    assert rules.head_cut(["a", "Share this story", "Top stories"]) is None
    assert rules.head_cut(["a", "b"]) is None


def test_drop_before_removes_what_is_above_its_marker_in_text_captures(tmp_path):
    path = write(tmp_path, HEAD_RULES)
    lines = ["Mayor opens the new library on the hill", "Latest from the newsroom",
             "Harbour bridge reopens after repairs", *STORY]
    article = clean("\n\n".join(lines) + "\n", "https://example.com/news/1", rules=[path])
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.paragraphs == tuple(STORY)
    reasons = {r.text: r.reason for r in article.removed}
    assert reasons["Mayor opens the new library on the hill"] == "teasers"
    assert reasons["Latest from the newsroom"] == "teasers"
    # A protected line is never removed by a rule, above the marker too.
    lines.insert(1, "Breaking: storm warning for the coast")
    article = clean("\n\n".join(lines) + "\n", "https://example.com/news/1", rules=[path])
    assert not any(r.reason == "teasers" and r.text.startswith("Breaking:") for r in article.removed)


def test_drop_before_removes_what_is_above_its_marker_in_html(tmp_path):
    path = write(tmp_path, HEAD_RULES)
    body = "".join(f"<p>{p}</p>" for p in STORY)
    html = (
        "<html><head><title>Harbour bridge reopens after repairs</title></head><body><article>"
        "<p>Mayor opens the new library on the hill, and the town turns out to see it</p>"
        "<p>Latest from the newsroom</p><h1>Harbour bridge reopens after repairs</h1>"
        f"{body}</article></body></html>"
    )
    article = clean(html, "https://example.com/news/1", rules=[path])
    assert all(p in article.paragraphs for p in STORY)
    assert not any("library" in p for p in article.paragraphs)
    assert any(r.reason == "site-head" and "library" in r.text for r in article.removed)
