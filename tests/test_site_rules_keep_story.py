"""A site's rule file removes the lines it matches: it must not make the line model doubt the story's own."""

from __future__ import annotations

from cleaner import text_path
from cleaner.rule_writer import compile_rule_text

RULES = """
[site]
name = 'example.org'
domains = ['example.org']

[text]
drop_after = [{ pattern = '^More from the newsroom$', reason = 'learned-tail' }]
"""

STORY = [
    "The harbour reopened on Tuesday after a winter of repairs to the old sea wall.",
    "Fishermen said the work came just in time for the spring season.",
    "A short line of the story",
    "The council will meet again in May to decide on the next stage of the work.",
]
CAPTURE = "\n\n".join([*STORY, "More from the newsroom", "Teaser one", "Teaser two"]) + "\n"


def test_a_line_the_model_doubts_only_with_the_rules_stays(monkeypatch):
    site = compile_rule_text(RULES, name="example.org.toml")
    flagged = text_path.flag_units(CAPTURE, site)
    assert flagged.plain is not None  # the rules cut the teasers: the page as it reads without them is kept
    short = next(i for i, u in enumerate(flagged.units) if u.text == "A short line of the story")
    real = text_path.article_run

    def model_moved_by_the_rules(units, verdicts, protected, model=None):
        start, end, low = real(units, verdicts, protected, model)
        with_rules = any(v.by == site.label for v in verdicts)
        return start, max(end, short + 2), (low | {short}) if with_rules else (low - {short})

    monkeypatch.setattr(text_path, "article_run", model_moved_by_the_rules)
    result = text_path.finish_text(flagged)
    assert "A short line of the story" in result.paragraphs


def test_a_line_the_model_doubts_either_way_goes(monkeypatch):
    site = compile_rule_text(RULES, name="example.org.toml")
    flagged = text_path.flag_units(CAPTURE, site)
    short = next(i for i, u in enumerate(flagged.units) if u.text == "A short line of the story")
    real = text_path.article_run

    def model_doubts_it(units, verdicts, protected, model=None):
        start, end, low = real(units, verdicts, protected, model)
        return start, max(end, short + 2), low | {short}

    monkeypatch.setattr(text_path, "article_run", model_doubts_it)
    result = text_path.finish_text(flagged)
    assert "A short line of the story" not in result.paragraphs
    assert all("Teaser" not in p for p in result.paragraphs)


def test_without_rules_the_page_is_read_once():
    assert text_path.flag_units(CAPTURE).plain is None
