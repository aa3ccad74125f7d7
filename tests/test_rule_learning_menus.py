"""Menu lines whose first or last item changes from page to page get one learned pattern."""

from __future__ import annotations

import regex

from cleaner import RuleBook, clean
from cleaner.rule_learning import LearnSettings, _menu_keys, learn_site_rules
from cleaner.rule_writer import compile_rule_text, render_rule_file
from tests.test_rule_learning import SITE, article, text_page

SECTIONS = ["US World News", "India Sports News", "Business News", "Health News", "Asia News", "Europe News"]


def section_page(i: int) -> str:
    """A site page with its section menu ("<section> | Home") under the headline, as some sites lay it."""
    lines = text_page(i).splitlines()
    at = lines.index(article(i)[0]) + 1
    return "\n".join([*lines[:at], "", f"{SECTIONS[i % len(SECTIONS)]} | Home", "", *lines[at:]]) + "\n"


def rules_for(pages, **kw):
    learned = learn_site_rules(pages, SITE, LearnSettings(**kw))
    return compile_rule_text(render_rule_file(learned), name=f"{SITE}.toml")


def matches(key: str, line: str) -> bool:
    return regex.search(key, line) is not None


def test_menu_keys_leave_a_short_label_open():
    keys = dict(_menu_keys("US World News | Home"))
    first = next(k for k, label in keys.items() if label == "US World News")
    assert matches(first, "India Sports News | Home")
    assert not matches(first, "India Sports News | Contact")
    # a headline (more than four words) or a date in the open place is not a section name
    assert not matches(first, "Town reopened its old harbour | Home")
    assert all(label != "12 March 2024" for _, label in _menu_keys("12 March 2024 | Home"))
    last = dict((label, k) for k, label in _menu_keys("Home » World » Asia"))["Asia"]
    assert matches(last, "Home » World » Middle East")
    assert not _menu_keys("Home | World » Asia")  # mixed separators: no menu
    assert not _menu_keys("| | Posted : Thu, 10 Jan 2008")  # table bars, no item before them
    assert not _menu_keys("Just a line")


def test_a_section_menu_with_a_changing_section_is_learned_as_one_line():
    pages = [(f"https://www.{SITE}/news/{i}", section_page(i)) for i in range(6)]
    rules = rules_for(pages)
    # each exact line is on one page only; the pattern covers a section no page had
    assert any(r.pattern.search("Weather News | Home") for r in rules.drop)
    new = section_page(7).replace(f"{SECTIONS[7 % len(SECTIONS)]} | Home", "Weather News | Home")
    out = clean(new, rules=RuleBook([rules]))
    assert "Weather News" not in out.text and out.title != "Weather News | Home"
    assert all(p in out.text for p in article(7)[1])
    # the same pages without the generalisation learn nothing for that line
    assert not any(r.pattern.search("Weather News | Home") for r in rules_for(pages, menus=False).drop)
