"""Invariants, checked on generated captures (hypothesis): the body never holds a word the capture did not
have; cleaning a clean body changes nothing; the output is the same across runs and across --jobs.

Kept fast: few examples, no deadline (the first call loads trafilatura), a fixed seed (derandomize) so
that a run is the same on every machine.
"""

from __future__ import annotations

import html
import io
import os
import subprocess
import sys
import textwrap

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.batch_inputs import iter_documents
from cleaner.batch_outputs import StdoutJsonlSink
from cleaner.batch_records import Settings
from cleaner.batch_run import run_batch

FAST = settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

VOCABULARY = (  # noqa: SIM905
    "the council approved new budget on Tuesday after long debate about road repairs and cost of public "
    "transport officials said plan would add two bus lines repave main avenue hire more inspectors opponents "
    "argued spending was too high measure passed by seven votes to four amendment caps market shares rose "
    "percent gold price café Zürich naïve re-elected co-op well-known state-run 東京 Ölpreis"
).split()
BOILERPLATE = [
    "Home",
    "News",
    "Sport",
    "Markets",
    "Opinion",
    "Share this article",
    "Advertisement",
    "Facebook",
    "Twitter",
    "Read more: Other story about the council",
    "© 2024 Example Media Ltd. All rights reserved.",
    "Subscribe to our newsletter",
    "Sensex 72,100.50 +0.45%",
    "Gold ₹62,340 -120 (-0.19%)",
    "By Jane Doe",
    "Updated: 5 Mar 2024, 10:15 AM IST",
    "Tags",
    "Source link",
    "Home > News > India",
    "[Login](https://x.org/login)",
    "* [World](https://x.org/world)",
    "Also Read | Markets fall",
    "Click here to subscribe",
    "Most Popular",
]

word = st.sampled_from(VOCABULARY)
sentence = st.lists(word, min_size=6, max_size=22, unique=True).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
boilerplate = st.sampled_from(BOILERPLATE)
# Headlines from words of their own: hypothesis otherwise shrinks every case to a headline that is the
# first words of a paragraph, where which line is the title is a judgement call (see the HTML case below).
HEADLINE_WORDS = "flood storm river city mayor vote strike rally talks deal court ruling bank rates".split()  # noqa: SIM905
headline = st.lists(st.sampled_from(HEADLINE_WORDS), min_size=4, max_size=9, unique=True).map(
    lambda ws: " ".join(ws).capitalize()
)


@st.composite
def article_parts(draw):
    return (
        draw(st.lists(boilerplate, max_size=6)),
        draw(headline),
        draw(st.lists(boilerplate, max_size=3)),
        draw(st.lists(paragraph, min_size=2, max_size=6, unique=True)),
        draw(st.lists(boilerplate, max_size=6)),
    )


def text_capture(parts, wrap: int | None = None) -> str:
    before, title, under, paragraphs, after = parts
    if wrap:  # a text-browser dump: paragraphs wrapped at a fixed width, hyphenated words split too
        paragraphs = ["\n".join(textwrap.wrap(p, wrap)) for p in paragraphs]
    return "\n\n".join([*before, title, *under, *paragraphs, *after])


def html_capture(parts) -> str:
    before, title, under, paragraphs, after = parts
    esc = html.escape
    return (
        f"<!DOCTYPE html><html><head><title>{esc(title)}</title></head><body>"
        f"<nav>{''.join(f'<a href=/>{esc(b)}</a>' for b in before)}</nav>"
        f"<article><h1>{esc(title)}</h1>{''.join(f'<div>{esc(b)}</div>' for b in under)}"
        f"{''.join(f'<p>{esc(p)}</p>' for p in paragraphs)}</article>"
        f"<footer>{''.join(f'<p>{esc(b)}</p>' for b in after)}</footer></body></html>"
    )


# Anything the capture could hold, too: the invariants must hold on junk as well as on articles.
junk = st.lists(st.one_of(sentence, boilerplate, st.text(max_size=80)), max_size=25).map("\n\n".join)

_WORD = regex.compile(r"\w+")


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


@FAST
@given(st.one_of(article_parts().map(text_capture), article_parts().map(lambda p: text_capture(p, 60)), junk))
def test_a_text_body_holds_no_word_the_capture_lacks(capture):
    article = cleaner.clean(capture, time_limit=0)
    assert words(article.text) <= words(capture)
    assert article.title is None or words(article.title) <= words(capture)


@FAST
@given(article_parts().map(html_capture))
def test_an_html_body_holds_no_word_the_page_lacks(page):
    article = cleaner.clean(page, time_limit=0)
    assert words(article.text) <= words(html.unescape(page))


@FAST
@given(article_parts().map(text_capture))
def test_cleaning_a_clean_body_changes_nothing(capture):
    # With the title kept in the body: which line is the headline may be decided differently once the
    # menu above it is gone, but headline and body together must come back unchanged.
    article = cleaner.clean(capture, time_limit=0, include_title=True)
    if article.paragraphs:
        again = cleaner.clean(article.text, time_limit=0, include_title=True)
        assert again.paragraphs == article.paragraphs


# Counterexamples hypothesis found, kept as known gaps of the text heuristics (strict: when one is fixed
# the test fails as XPASS, and its case can join the property above).
KNOWN_GAPS = {
    # the HTML path keeps a lone menu word inside <article>; the text path then drops it
    "html-menu-word": html_capture(
        (
            [],
            "Flood storm river city",
            ["News"],
            ["The council approved new budget on.", "The council approved new budget on tuesday."],
            [],
        )
    ),
    # a text-browser dump whose paragraphs are only two or three wrapped lines is not re-flowed; its lines
    # come out as paragraphs, and cleaning those drops some
    "short-wrapped-paragraphs": text_capture(
        (
            [],
            "Flood storm river city",
            [],
            [
                "The council approved new budget on. " * 3,
                "The council approved new budget on tuesday after. "
                + "The council approved new budget on. " * 3,
            ],
            [],
        ),
        60,
    ),
}


@pytest.mark.xfail(strict=True, reason="known gaps of the heuristics: cleaning the body again changes it")
@pytest.mark.parametrize("name", list(KNOWN_GAPS))
def test_known_gaps_in_cleaning_a_clean_body(name):
    article = cleaner.clean(KNOWN_GAPS[name], time_limit=0, include_title=True)
    assert cleaner.clean(article.text, time_limit=0, include_title=True).paragraphs == article.paragraphs


def _write_corpus(root, captures: list[str]) -> str:
    folder = root / "corpus"
    folder.mkdir()
    for i, capture in enumerate(captures):
        (folder / f"{i:02d}.{'html' if capture.startswith('<!') else 'txt'}").write_text(
            capture, encoding="utf-8"
        )
    return str(folder)


def _batch(folder: str, jobs: int) -> bytes:
    buf = io.BytesIO()
    run_batch(iter_documents([folder]), StdoutJsonlSink(buf), Settings(), jobs=jobs)
    return buf.getvalue()


corpora = st.lists(
    st.one_of(article_parts().map(text_capture), article_parts().map(html_capture), junk),
    min_size=1,
    max_size=12,
)


@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(corpora)
def test_the_output_is_the_same_across_runs_and_jobs(tmp_path_factory, captures):
    folder = _write_corpus(tmp_path_factory.mktemp("p"), captures)
    one = _batch(folder, 1)
    assert one == _batch(folder, 1)
    assert one == _batch(folder, 2)  # workers are other processes, with other hash seeds


def test_the_output_is_the_same_in_a_fresh_process_with_another_hash_seed(tmp_path):
    import random

    rnd = random.Random(11)
    parts = [
        (
            [rnd.choice(BOILERPLATE) for _ in range(3)],
            f"Headline number {i} about the council",
            [],
            [" ".join(rnd.sample(VOCABULARY, 12)).capitalize() + "." for _ in range(3)],
            [rnd.choice(BOILERPLATE) for _ in range(3)],
        )
        for i in range(6)
    ]
    folder = _write_corpus(
        tmp_path, [text_capture(p) if i % 2 else html_capture(p) for i, p in enumerate(parts)]
    )
    outputs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "cleaner", "clean", folder, "-q"], env=env, capture_output=True, check=True
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == _batch(folder, 1)
