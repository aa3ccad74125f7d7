"""Learning site rules from many pages: small synthetic sites, built here, so no benchmark is needed."""

from __future__ import annotations

import random
import tomllib

import pytest
import regex

from cleaner import RuleBook, clean, load_rule_file
from cleaner.cli import main as cli_main
from cleaner.rule_learning import (
    LearnSettings,
    group_by_site,
    learn_rules_for_batch,
    learn_site_rules,
    line_shape,
    reads_like_prose,
)
from cleaner.rule_writer import BEGIN, END, compile_rule_text, render_rule_file, strip_learned, toml_string

SITE = "dailyplanet.example"
DISCLAIMER = (
    "Our reporters travel to events at the invitation of the organisers, who have no say over what "
    "we write about them."
)
REPEATED_PROSE = (
    "The central bank said it would keep its key interest rate unchanged until the end of the year."
)
TOPICS = ["harbour", "orchard", "railway", "library", "glacier", "vineyard", "festival", "bridge", "museum"]
VERBS = [
    "reopened",
    "expanded",
    "flooded",
    "celebrated",
    "closed",
    "restored",
    "surveyed",
    "renamed",
    "rebuilt",
]


def article(i: int) -> tuple[str, list[str]]:
    topic, verb = TOPICS[i % len(TOPICS)], VERBS[(i * 4) % len(VERBS)]
    title = f"Town {verb} its old {topic} after {i + 2} years of debate"
    paras = [
        f"Residents gathered on Tuesday as the council {verb} the {topic} that had stood empty since the "
        f"storm of {1990 + i}, ending a dispute that divided neighbours for years.",
        f"Officials said the work on the {topic} cost {i + 3} million and would be paid for by a levy that "
        f"most households will barely notice on their bills.",
        f"Critics of the plan for the {topic} argued that the money could have gone to schools, but the "
        f"mayor said the project would bring visitors back to the {topic} district.",
    ]
    if i in (1, 4):  # a sentence that two stories share: prose, and not the site's template
        paras.append(REPEATED_PROSE)
    return title, paras


def text_page(i: int) -> str:
    title, paras = article(i)
    sign = "+" if i % 2 else "-"
    day = ["Monday", "Tuesday", "Friday"][i % 3]
    lines = [
        "Daily Planet Morning Edition",
        "Home | World | Business | Sport | Weather",
        f"Sensex {70000 + i * 123.45:,.2f} ({sign}{0.2 + i / 10:.2f}%) Nifty {21000 + i * 37.5:,.2f}",
        f"Gold Rs {61000 + i * 210:,} per 10 gm",
        "",
        title,
        f"Updated: {day}, {i + 1} March 2024 {9 + i}:{(i * 7) % 60:02d} IST",
        "",
        *[p + "\n" for p in paras],
        "Share this story on Facebook and X",
        "Most Read on Daily Planet Today",
        DISCLAIMER,
        "Copyright 2024 Daily Planet Media. All rights reserved.",
    ]
    return "\n".join(lines) + "\n"


def html_page(i: int) -> str:
    title, paras = article(i)
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html><html><head><title>{title} | Daily Planet</title></head><body>
<div class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport news and results</a></li></ul></div>
<div id="ticker">Sensex {70000 + i * 123.45:,.2f} Nifty {21000 + i * 37.5:,.2f}</div>
<div class="story"><h1>{title}</h1><div class="article-body">{body}</div></div>
<aside class="promo-box"><p>Subscribe to the Daily Planet print edition</p>
<p>Get our morning newsletter free</p></aside>
<div id="footer"><p>Copyright 2024 Daily Planet Media. All rights reserved.</p>
<p>About us | Contact | Careers</p></div>
</body></html>"""


def site_pages(n: int = 6, page=text_page) -> list[tuple[str, str]]:
    return [(f"https://www.{SITE}/news/{i}", page(i)) for i in range(n)]


def learned_rules(pages, **kw):
    learned = learn_site_rules(pages, SITE, **kw)
    return learned, compile_rule_text(render_rule_file(learned), name=f"{SITE}.toml")


def dropped(rules, line: str) -> bool:
    return any(r.pattern.search(line) for r in rules.drop)


# --- shapes -----------------------------------------------------------------------------------------------
def test_changing_numbers_dates_and_prices_make_one_shape():
    a = line_shape("Sensex 72,410.38 (+0.4%) Nifty 21,034.50")
    b = line_shape("Sensex 71,902.10 (-1.25%) Nifty 20,998.00")
    assert a.pattern == b.pattern
    assert regex.search(a.pattern, "Sensex 1,00,234.05 (+12.40%) Nifty 9.5")
    assert not regex.search(a.pattern, "Sensex fell sharply on Monday")
    assert (
        line_shape("Updated: Monday, 4 March 2024 9:05 IST").pattern
        == line_shape("Updated: Friday, 12 Dec 2023 11:45 IST").pattern
    )
    assert line_shape("Gold Rs 61,210 per 10 gm").pattern == line_shape("Gold Rs 62,050 per 10 gm").pattern


def test_reads_like_prose():
    assert reads_like_prose(REPEATED_PROSE)
    assert reads_like_prose(DISCLAIMER)
    assert not reads_like_prose("Most Read on Daily Planet Today")
    assert not reads_like_prose("Home | World | Business | Sport | Weather")


# --- text captures ----------------------------------------------------------------------------------------
def test_learned_file_loads_and_removes_the_template_of_a_new_page(tmp_path):
    learned, rules = learned_rules(site_pages(6))
    path = tmp_path / f"{SITE}.toml"
    path.write_text(render_rule_file(learned), encoding="utf-8")
    loaded = load_rule_file(path)
    assert loaded.drop and loaded.fingerprints
    new = text_page(7)
    # lines no generic heuristic knows: the learned rules must
    for line in ["Share this story on Facebook and X", "Most Read on Daily Planet Today", DISCLAIMER]:
        assert dropped(loaded, line), line
    # end to end, without the URL (the fingerprints recognise the site): the whole template goes
    out = clean(new, rules=RuleBook([loaded]))
    assert any(r.by == loaded.label for r in out.removed)
    for line in new.splitlines()[:4] + new.splitlines()[-5:]:
        if line.strip():
            assert line not in out.text, line
    assert all(p in out.text for p in article(7)[1])


def test_the_article_is_kept_prose_and_repeated_prose_too():
    pages = site_pages(6)
    _, rules = learned_rules(pages)
    for i in (6, 7, 1):
        title, paras = article(i)
        for p in [title, *paras]:
            assert not dropped(rules, p), p
    assert not dropped(rules, REPEATED_PROSE)  # on 2 of 6 pages: a shared story, not the template
    out = clean(text_page(4), rules=RuleBook([rules]))
    assert REPEATED_PROSE in out.text
    assert article(4)[1][0] in out.text


def test_same_rules_whatever_the_input_order():
    pages = site_pages(6) + site_pages(8, page=html_page)[:0]
    first = render_rule_file(learn_site_rules(pages, SITE))
    shuffled = pages[:]
    random.Random(7).shuffle(shuffled)
    assert render_rule_file(learn_site_rules(shuffled, SITE)) == first
    assert render_rule_file(learn_site_rules(list(reversed(pages)), SITE)) == first


def test_each_learned_rule_carries_its_support_and_an_example():
    learned, _ = learned_rules(site_pages(6))
    text = render_rule_file(learned)
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "reason = 'learned-line'" in line:
            assert regex.match(r"\s*# on \d+ of 6 pages, e\.g\. \".+\"$", lines[i - 1]), lines[i - 1]
    assert any("Morning Edition" in line for line in lines if line.lstrip().startswith("#"))
    assert all(r.support >= 3 for r in learned.drop)


def test_few_or_rare_lines_are_not_learned():
    pages = site_pages(6)
    pages[0] = (pages[0][0], pages[0][1] + "Special offer: one page only\n")
    learned, rules = learned_rules(pages)
    assert not dropped(rules, "Special offer: one page only")
    too_few = learn_site_rules(site_pages(2), SITE)
    assert too_few.empty and too_few.distinct_pages == 2


def test_the_same_story_captured_twice_counts_once():
    pages = site_pages(3)
    pages += [(url + "?amp", raw) for url, raw in pages]  # every story twice
    learned = learn_site_rules(pages, SITE)
    assert learned.pages == 6 and learned.distinct_pages == 3


def test_a_repeated_disclaimer_is_learned():
    _, rules = learned_rules(site_pages(6))
    assert dropped(rules, DISCLAIMER)


def test_tail_anchor_cuts_what_follows_the_article():
    learned, rules = learned_rules(site_pages(6))
    tails = [r.example for r in learned.drop_after]
    assert tails and all(t not in " ".join(article(0)[1]) for t in tails)
    assert any(r.pattern.search("Share this story on Facebook and X") for r in rules.drop_after)


# --- HTML -------------------------------------------------------------------------------------------------
def test_html_containers_are_learned_and_the_article_container_is_not():
    learned, rules = learned_rules(site_pages(6, page=html_page))
    selectors = {r.value for r in learned.html_drop}
    assert {"div.site-nav", "div#footer", "aside.promo-box"} <= selectors
    assert not selectors & {"div.story", "div.article-body"}
    out = clean(html_page(8), f"https://{SITE}/news/8", rules=RuleBook([rules]))
    assert article(8)[1][0] in out.text
    assert "Subscribe to the Daily Planet" not in out.text
    assert any(r.reason == "site-selector" for r in out.removed)


# --- merging with a hand-written file ---------------------------------------------------------------------
HAND_WRITTEN = f"""# Daily Planet: written by hand.
[site]
name = "Daily Planet"
domains = ["{SITE}"]

[text]
# the weather box
drop = [
    {{ pattern = '^Weather: ', reason = "weather" }},
    '^Advertisement$'
]
protect = ['^With reporting by ']

[[test]]
capture = "../golden/none/input.txt"
must_contain = ["Town"]
"""


def test_merge_keeps_the_hand_written_rules_and_comments():
    learned = learn_site_rules(site_pages(6), SITE)
    merged = render_rule_file(learned, existing=HAND_WRITTEN)
    for kept in [
        "# Daily Planet: written by hand.",
        "# the weather box",
        "'^Weather: '",
        "'^Advertisement$'",
        "protect = ['^With reporting by ']",
        "[[test]]",
        'name = "Daily Planet"',
    ]:
        assert kept in merged, kept
    rules = compile_rule_text(merged, name=f"{SITE}.toml")
    patterns = [r.pattern.source for r in rules.drop]
    assert patterns[:2] == ["^Weather: ", "^Advertisement$"]
    assert [r.reason for r in rules.drop[:2]] == ["weather", "site-line"]
    assert len(patterns) > 2 and rules.protect and rules.tests
    assert rules.name == "Daily Planet"
    assert BEGIN in merged and END in merged
    assert_same_as_hand_written(strip_learned(merged))


def assert_same_as_hand_written(text: str) -> None:
    """The hand-written file, up to the comma that joins its last list element to the learned ones."""
    assert tomllib.loads(text) == tomllib.loads(HAND_WRITTEN)
    assert text.replace("',\n", "'\n") == HAND_WRITTEN


def test_merging_again_replaces_only_the_learned_blocks():
    learned = learn_site_rules(site_pages(6), SITE)
    once = render_rule_file(learned, existing=HAND_WRITTEN)
    assert render_rule_file(learned, existing=once) == once
    fewer = learn_site_rules(site_pages(4), SITE)
    again = render_rule_file(fewer, existing=once)
    assert_same_as_hand_written(strip_learned(again))
    compile_rule_text(again)


def test_merge_into_inline_list_and_missing_tables():
    existing = f'[site]\ndomains = ["{SITE}"]\n[text]\ndrop = ["^Ad$"] # inline\n'
    learned = learn_site_rules(site_pages(6, page=html_page), SITE)
    merged = render_rule_file(learned, existing=existing)
    rules = compile_rule_text(merged)
    assert rules.drop[0].pattern.source == "^Ad$" and rules.html_drop
    assert tomllib.loads(merged)["text"]["drop"][0] == "^Ad$"


@pytest.mark.parametrize("s", ["plain", "it's", 'say "hi"', "back\\slash", "tab\there", "bell\x07", "ünï"])
def test_toml_strings_round_trip(s):
    assert tomllib.loads(f"v = {toml_string(s)}")["v"] == s


def test_patterns_with_quotes_survive_the_file():
    pages = [
        (url, raw.replace("Most Read on Daily Planet Today", "Editors' Picks: \"Don't miss\" \\ today"))
        for url, raw in site_pages(6)
    ]
    _, rules = learned_rules(pages)
    assert dropped(rules, "Editors' Picks: \"Don't miss\" \\ today")


# --- batches and the command line -------------------------------------------------------------------------
def test_batch_learns_every_site_with_enough_pages(tmp_path):
    other = [
        (f"https://other.example/p/{i}", text_page(i).replace("Daily Planet", "Evening Star"))
        for i in range(5)
    ]
    few = [
        (f"https://tiny.example/{i}", text_page(i).replace("Daily Planet", "Tiny Times")) for i in range(2)
    ]
    docs = site_pages(6) + other + few
    assert set(group_by_site(docs)) == {SITE, "other.example", "tiny.example"}
    rule_sets = learn_rules_for_batch(docs, folder=tmp_path)
    assert sorted(r.domains[0] for r in rule_sets) == [SITE, "other.example"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dailyplanet.example.toml", "other.example.toml"]
    book = RuleBook(rule_sets)
    assert book.for_capture(None, text_page(9)).domains == (SITE,)
    assert book.for_capture(None, other[0][1].replace("0", "1")).domains == ("other.example",)


def test_batch_merges_with_the_rules_in_force(tmp_path):
    hand = tmp_path / "hand" / f"{SITE}.toml"
    hand.parent.mkdir()
    hand.write_text(HAND_WRITTEN.replace('capture = "../golden/none/input.txt"', 'capture = "x.txt"'))
    base = RuleBook([load_rule_file(hand)])
    (learned,) = learn_rules_for_batch(site_pages(6), base=base)
    assert learned.name == "Daily Planet" and learned.drop[0].reason == "weather"
    book = RuleBook([*base.rule_sets, learned])
    assert book.for_capture(SITE, "") is learned  # the learned (merged) file wins the tie


def test_cli_learn_writes_then_merges(tmp_path, capsys):
    for i, (_, raw) in enumerate(site_pages(6)):
        (tmp_path / f"page{i}.txt").write_text(raw, encoding="utf-8")
    out = tmp_path / "rules" / f"{SITE}.toml"
    args = ["rules", "learn", "--site", SITE, str(tmp_path), "--glob", "*.txt", "-o", str(out)]
    assert cli_main(args) == 0
    first = out.read_text(encoding="utf-8")
    assert load_rule_file(out).drop
    assert "learned from 6 pages" in capsys.readouterr().err
    out.write_text("# mine\n" + first, encoding="utf-8")
    assert cli_main(args) == 0
    assert out.read_text(encoding="utf-8") == "# mine\n" + first
    assert cli_main(["rules", "check", str(out)]) == 0


def test_cli_learn_reads_jsonl_of_many_sites(tmp_path, capsys):
    import json

    lines = [json.dumps({"url": u, "text": raw}) for u, raw in site_pages(5)]
    lines += [json.dumps({"url": f"https://other.example/{i}", "text": "Other site\n"}) for i in range(3)]
    src = tmp_path / "crawl.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli_main(["rules", "learn", "--site", SITE, str(src)]) == 0
    captured = capsys.readouterr()
    assert compile_rule_text(captured.out).domains == (SITE,)
    assert "3 other documents skipped" in captured.err


def test_cli_learn_needs_enough_pages(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(text_page(0))
    assert cli_main(["rules", "learn", "--site", SITE, str(tmp_path / "a.txt")]) == 2
    assert "learning needs at least 3" in capsys.readouterr().err


def test_settings_are_conservative_by_default():
    s = LearnSettings()
    assert s.min_support >= 2 and s.prose_share > s.line_share and s.self_check


def test_empty_captures_are_not_pages_of_the_site():
    # Failed fetches of the same site: they hold none of its template, so they must neither raise
    # the share a line needs nor count as distinct pages.
    real = site_pages(4)
    with_empty = real + [(f"https://www.{SITE}/failed/{i}", "") for i in range(4)]
    alone, padded = learn_site_rules(real, SITE), learn_site_rules(with_empty, SITE)
    assert padded.pages == 8 and padded.distinct_pages == alone.distinct_pages == 4
    kinds = ("drop", "drop_after", "drop_before", "fingerprints", "html_drop")
    assert all(getattr(padded, k) == getattr(alone, k) for k in kinds)
    assert padded.drop_after  # the comparison is of something


def promo_row_page(i: int) -> str:
    """A story with a template table row in its body: the HTML path reads the row as one line
    ("a | b"), the page's blocks as one line per cell."""
    title, paras = article(i)
    body = "".join(f"<p>{p}</p>" for p in paras)
    return f"""<html><body><div class="story"><h1>{title}</h1><div class="article-body">
<table><tr><td>Planet Weekend supplement</td><td>Out with the paper on Saturday</td></tr></table>
{body}</div></div></body></html>"""


def test_html_line_rules_match_the_lines_the_cleaner_reads():
    pages = [(f"https://www.{SITE}/news/{i}", promo_row_page(i)) for i in range(6)]
    learned, rules = learned_rules(pages)
    assert dropped(rules, "Planet Weekend supplement | Out with the paper on Saturday")
    url = f"https://www.{SITE}/news/7"
    assert "Planet Weekend supplement" in clean(promo_row_page(7), url, site_rules=False).text
    cleaned = clean(promo_row_page(7), url, rules=RuleBook([rules]))
    assert "Planet Weekend supplement" not in cleaned.text
    assert article(7)[1][0] in cleaned.paragraphs


def _html_page_read(extracted: list[str], blocks: list[str]):
    from cleaner.rule_learning import _Page, line_shape
    from cleaner.text_units import Unit

    units = [Unit(t, n, n, t) for n, t in enumerate(extracted, 1)]
    page = _Page(("", ""), None, "", True, units, html=([(t, None) for t in blocks], None))
    page.shapes = [line_shape(t).pattern for t in extracted]
    page.known = [False] * len(extracted)
    return page


def test_no_tail_anchor_over_lines_the_extractor_moved_under_it():
    from cleaner.rule_learning import LearnedRule, _moved_under, line_shape

    story = ["First paragraph of the story, long enough to be one.", "Second paragraph of the story."]
    caption = "The mayor opens the harbour on Tuesday"
    key, more = "KEY STORIES", "MORE FROM THE SITE"
    template = {line_shape(t).pattern: LearnedRule(line_shape(t).pattern, 3, t) for t in (key, more)}
    # The page lays the caption out inside the story; the extractor put it at the end, under a box's head.
    moved = _html_page_read(
        [*story, key, caption, more, "A teaser"], [story[0], caption, story[1], key, more, "A teaser"]
    )
    assert _moved_under([moved], template) == {line_shape(key).pattern}
    # Laid out in the same order, the teaser under the anchor is the page's own but no reason to doubt it.
    kept = _html_page_read([*story, key, caption, more], [*story, key, caption, more])
    assert _moved_under([kept], template) == frozenset()
