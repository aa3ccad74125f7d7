"""`cleaner bench` end to end on a tiny benchmark folder built here: the fields it prints, not timings."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
from batch_helpers import article_html, article_text

from cleaner.cli import main
from cleaner.speed_bench import run_watched

RENDERERS = ("innertext", "lynx")


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    root = tmp_path / "bench"
    for sub in ("html", "truth", *(f"text/{r}" for r in RENDERERS)):
        (root / sub).mkdir(parents=True)
    lines = []
    for n in range(1, 4):
        case_id = f"page-{n}"
        with gzip.open(root / "html" / f"{case_id}.html.gz", "wt", encoding="utf-8") as f:
            f.write(article_html(n))
        (root / "truth" / f"{case_id}.txt").write_text(article_text(n), encoding="utf-8")
        for r in RENDERERS:
            (root / "text" / r / f"{case_id}.txt").write_text(
                "Home | News | Sport\n\n" + article_text(n), encoding="utf-8"
            )
        lines.append(
            json.dumps(
                {
                    "id": case_id,
                    "url": f"https://example.com/news/{n}",
                    "html": f"html/{case_id}.html.gz",
                    "truth": f"truth/{case_id}.txt",
                    "text": {r: f"text/{r}/{case_id}.txt" for r in RENDERERS},
                }
            )
        )
    (root / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_bench_prints_every_figure_and_writes_the_profile(bench, tmp_path, capsys):
    results = tmp_path / "results"
    args = [
        "bench",
        str(bench),
        "--passes",
        "1",
        "--docs",
        "6",
        "--rss-every",
        "3",
        "--profile",
        "text",
        "--results",
        str(results),
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    for field in (
        "3 pages, 1 timed passes",
        "HTML path",
        "docs/s",
        "MB/s",
        "mean F1",
        "ratio cleaner/trafilatura (docs/s)",
        "ratio cleaner/trafilatura-default (docs/s)",
        "Text path",
        "text path MB/s (all renderers)",
        "peak RSS",
        "RSS after 3 docs",
        "RSS after 6 docs",
        "RSS growth (last - after first 3)",
    ):
        assert field in out, field
    for system in ("cleaner", "trafilatura", "trafilatura-default", *RENDERERS, "all"):
        assert f"\n  {system} " in out, system
    profile = (results / "profile-text.txt").read_text(encoding="utf-8")
    assert "by cumulative time" in profile
    assert "by self time" in profile
    assert "text_path.py" in profile


def test_jobs_compare_runs_the_batch_command_at_one_and_two_jobs(bench, capsys):
    assert (
        main(["bench", str(bench), "--passes", "1", "--docs", "0", "--jobs-compare", "--batch-docs", "4"])
        == 0
    )
    out = capsys.readouterr().out
    assert "RSS after" not in out  # --docs 0: no memory run
    for field in ("Batch:", "jobs 1:", "jobs 2:", "4 records", "ratio jobs 2/jobs 1 (docs/s)"):
        assert field in out, field


def test_a_missing_bench_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["bench", str(tmp_path / "nowhere")]) == 2
    assert "no benchmark folder at" in capsys.readouterr().err


_BURN_AND_FORK = """
import os, time
def burn():
    while time.process_time() < 0.4:
        pass
pid = os.fork()
burn()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
"""


def test_a_waited_worker_is_counted_once(tmp_path):
    # A worker forked and waited for by the command shows both in RUSAGE_CHILDREN and in /proc:
    # counted in both, the workers of --jobs 2 would cost twice their time.
    watched = run_watched([sys.executable, "-c", _BURN_AND_FORK], poll=0.05)
    assert watched.completed.returncode == 0
    assert 0.75 <= watched.cpu_seconds < 1.1  # two processes of 0.4 CPU s each, plus startup
