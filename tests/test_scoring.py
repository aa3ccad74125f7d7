"""The benchmark metric: hand-checked values, and equality with ../shared/tools/score.py when present."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import baselines, evaluation
from cleaner.decode import decode
from cleaner.scoring import (
    normalise_whitespace,
    score_page,
    snippet_score,
    summarise,
    token_score,
    tokens,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
BENCH = SHARED / "bench"
SCORE_PY = SHARED / "tools" / "score.py"
needs_shared = pytest.mark.skipif(
    not (BENCH.is_dir() and SCORE_PY.is_file()), reason="../shared/bench or ../shared/tools/score.py absent"
)


# --- the metric on hand-made strings ----------------------------------------------------------------


def test_tokens_fold_case_and_compatibility_forms():
    # NFKC turns the "fi" ligature and full-width digits into plain ones before lower-casing.
    expected = ["the", "fish", "cost", "12", "euro", "cents"]
    assert tokens("The \ufb01sh cost \uff11\uff12 Euro-cents!") == expected
    assert tokens("") == []
    assert tokens("snake_case stays one") == ["snake_case", "stays", "one"]


def test_perfect_and_partial_token_scores():
    assert token_score("a b c", "c b a") == token_score("a b c", "a b c")
    perfect = token_score("A b, c.", "a b c")
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)

    # output: a a b x (4 tokens); truth: a b b c (4 tokens); overlap is the multiset minimum: a, b.
    s = token_score("a a b x", "a b b c")
    assert (s.hit, s.output_tokens, s.truth_tokens) == (2, 4, 4)
    assert s.precision == 0.5 and s.recall == 0.5 and s.f1 == 0.5


def test_empty_output_or_truth_scores_zero():
    empty_out = token_score("", "some truth")
    assert (empty_out.precision, empty_out.recall, empty_out.f1) == (0.0, 0.0, 0.0)
    empty_truth = token_score("some output", "")
    assert (empty_truth.precision, empty_truth.recall, empty_truth.f1) == (0.0, 0.0, 0.0)
    assert token_score("", "").f1 == 0.0


def test_snippets_match_after_whitespace_normalisation():
    assert normalise_whitespace(" a\n\tb\u00a0 c ") == "a b c"
    out = "First  line of\nthe article.\n\nMore text."
    s = snippet_score(out, with_=["line of the article", "missing part"], without=["Cookie banner", "More"])
    # with: one found, one missing; without: one absent (right), one present (wrong).
    assert (s.ok, s.total) == (2, 4)
    # Matching is case-sensitive, as in score.py.
    assert snippet_score(out, with_=["FIRST line"], without=()).ok == 0


def test_summary_mean_micro_and_worst():
    pages = [
        score_page("p1", "a b", "a b"),  # f1 1
        score_page("p2", "a b c d", "a b"),  # p .5 r 1
        score_page("p3", "", "a b c d"),  # f1 0
        score_page("p4", "x y", None, with_=["x"], without=["y"]),  # no truth: snippets only
    ]
    s = summarise(pages)
    assert s.cases == 3
    assert s.mean_p == pytest.approx((1 + 0.5 + 0) / 3)
    assert s.mean_r == pytest.approx((1 + 1 + 0) / 3)
    assert s.mean_f1 == pytest.approx((1 + 2 / 3 + 0) / 3)
    # micro: hits 2+2+0 over 2+4+0 output and 2+2+4 truth tokens.
    assert s.micro_p == pytest.approx(4 / 6)
    assert s.micro_r == pytest.approx(4 / 8)
    assert [case_id for case_id, _ in s.worst] == ["p3", "p2", "p1"]
    assert (s.snippets_ok, s.snippets) == (0.5, 2)


def test_summary_without_truth_or_snippets_matches_score_py_shape():
    assert summarise([]).as_score_py() == {"cases": 0}
    only_snippets = summarise([score_page("p", "x", None, with_=["x"])]).as_score_py()
    assert only_snippets == {"cases": 0, "snippets_ok": 1.0, "snippets": 1}
    no_hits = summarise([score_page("p", "x", "y")])
    assert (no_hits.micro_p, no_hits.micro_r, no_hits.micro_f1) == (0.0, 0.0, 0.0)


# --- equality with score.py ----------------------------------------------------------------------------


def _score_py(bench: Path, predictions: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(SCORE_PY), str(bench), str(predictions), "--json"],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    return json.loads(done.stdout)


def _hand_predictions(truth: str, index: int) -> str | None:
    """A spread of good, partial, noisy, empty and missing outputs (None: no file written)."""
    lines = truth.splitlines()
    variants = [
        truth,
        "\n".join(lines[: len(lines) // 2]),
        "Menu Home Subscribe\n" + truth + "\nShare this article \ufb01 \u2014 Related: more news",
        "",
        None,
        truth.upper(),
        " ".join(reversed(truth.split()))[:200],
    ]
    return variants[index % len(variants)]


@needs_shared
@pytest.mark.parametrize("bench_name", ["zyte-article", "l3s-gn1-dev"])
def test_token_metric_equals_score_py(tmp_path, bench_name):
    bench = BENCH / bench_name
    cases = evaluation.load_cases(bench)
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    ours = []
    for i, case in enumerate(cases[:21]):  # the rest have no prediction: empty output for both
        truth = evaluation.read_truth(bench, case)
        output = _hand_predictions(truth, i)
        if output is not None:
            (pred_dir / f"{case.id}.txt").write_text(output, encoding="utf-8")
        ours.append(score_page(case.id, output or "", truth, case.with_, case.without))
    for case in cases[21:]:
        ours.append(score_page(case.id, "", evaluation.read_truth(bench, case), case.with_, case.without))

    assert summarise(ours).as_score_py() == _score_py(bench, pred_dir)


@needs_shared
def test_snippet_metric_equals_score_py(tmp_path):
    bench = BENCH / "trafilatura-eval"
    cases = evaluation.load_cases(bench)
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    ours = []
    for i, case in enumerate(cases):
        output = ""
        if i < 30:
            # Some outputs hold the wanted snippets (with shuffled whitespace), some the unwanted too.
            parts = ["\n  ".join(s.split(" ")) for s in case.with_[: 1 + i % 3]]
            if i % 4 == 0:
                parts += list(case.without)
            output = "\n\n".join(parts)
            (pred_dir / f"{case.id}.txt").write_text(output, encoding="utf-8")
        ours.append(score_page(case.id, output, evaluation.read_truth(bench, case), case.with_, case.without))

    assert summarise(ours).as_score_py() == _score_py(bench, pred_dir)


@needs_shared
def test_evaluation_run_equals_score_py_on_its_outputs(tmp_path):
    """The whole path (load cases, read captures, run a system, aggregate) against score.py."""
    source = BENCH / "zyte-article"
    bench = tmp_path / "bench"
    bench.mkdir()
    for folder in ("truth", "text", "html"):
        (bench / folder).symlink_to(source / folder)
    lines = (source / "cases.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    (bench / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    mode = evaluation.Mode.parse("text:lynx")
    config = evaluation.RunConfig(bench=bench, mode=mode, systems=("c4",))
    cases = evaluation.load_cases(bench)
    results = [r for page in evaluation.run(config, cases) for r in page]
    ours = evaluation.report(["c4"], results)[0].summary

    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    for case in cases:
        text = decode(evaluation.read_capture(bench, case, mode))
        (pred_dir / f"{case.id}.txt").write_text(baselines.c4_lines(text), encoding="utf-8")
    assert ours.as_score_py() == _score_py(bench, pred_dir)
