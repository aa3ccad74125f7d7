"""`cleaner eval` end to end on a tiny benchmark folder built here (no ../shared needed)."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from cleaner import baselines, cli_eval, evaluation
from cleaner.cli import main

HAVE_RESILIPARSE = importlib.util.find_spec("resiliparse") is not None

ARTICLE = "The council approved the new budget on Monday.\nIt funds three more schools and a library."

CASES = [
    {
        "id": "news-1",
        "url": "https://example.com/news/1",
        "html": (
            "<html><head><title>Budget</title><script>var x = 'a b c.';</script></head><body>"
            "<nav>Home News Sport</nav>"
            "<p>The council approved the new budget on Monday.</p>"
            "<p>It funds three more schools and a library.</p>"
            "<footer>Copyright 2024</footer></body></html>"
        ),
        "truth": ARTICLE,
        "lynx": "Home News Sport\n\n" + ARTICLE + "\n\nCopyright 2024\n",
    },
    {
        "id": "snippets-2",
        "url": "https://example.org/b",
        "html": "<html><body><p>Rain is expected all week, forecasters said.</p><p>Share</p></body></html>",
        "truth": None,
        "with": ["Rain is expected all week"],
        "without": ["Share"],
        "lynx": "Rain is expected all week, forecasters said.\nShare\n",
    },
    {
        "id": "empty-3",
        "url": None,
        "html": "<html><body><div>Sign in</div></body></html>",
        "truth": "A story that no extractor finds here.",
        "lynx": "Sign in\n",
    },
]


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    root = tmp_path / "bench"
    for sub in ("html", "truth", "text/lynx"):
        (root / sub).mkdir(parents=True)
    lines = []
    for case in CASES:
        cid = case["id"]
        with gzip.open(root / "html" / f"{cid}.html.gz", "wb") as f:
            f.write(case["html"].encode("utf-8"))
        (root / "text" / "lynx" / f"{cid}.txt").write_text(case["lynx"], encoding="utf-8")
        truth = None
        if case["truth"] is not None:
            truth = f"truth/{cid}.txt"
            (root / truth).write_text(case["truth"], encoding="utf-8")
        lines.append(
            json.dumps(
                {
                    "id": cid,
                    "url": case["url"],
                    "html": f"html/{cid}.html.gz",
                    "truth": truth,
                    "with": case.get("with", []),
                    "without": case.get("without", []),
                    "text": {"lynx": f"text/lynx/{cid}.txt"},
                }
            )
        )
    (root / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_text_mode_c4_and_identity(bench, tmp_path, capsys):
    out_csv = tmp_path / "out" / "pages.csv"
    code = main(
        [
            "eval",
            str(bench),
            "--mode",
            "text:lynx",
            "--no-cleaner",
            "--compare",
            "c4,identity",
            "--csv",
            str(out_csv),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "mode: text:lynx" in printed and "worst pages" in printed

    rows = read_csv(out_csv)
    assert tuple(rows[0]) == cli_eval.CSV_COLUMNS
    # Page order, then system order; one row per page and system.
    assert [(r["id"], r["system"]) for r in rows] == [(c["id"], s) for c in CASES for s in ("c4", "identity")]
    by_key = {(r["id"], r["system"]): r for r in rows}
    # C4 keeps exactly the two sentences: a perfect page.
    assert by_key["news-1", "c4"]["f1"] == "1.000000"
    # The capture itself has the menu and footer too: full recall, lower precision.
    identity = by_key["news-1", "identity"]
    assert identity["recall"] == "1.000000" and float(identity["precision"]) < 1
    # Snippets: c4 drops "Share" (both right); identity keeps it (one of two right).
    assert (by_key["snippets-2", "c4"]["snippets_ok"], by_key["snippets-2", "c4"]["snippets"]) == ("2", "2")
    assert by_key["snippets-2", "identity"]["snippets_ok"] == "1"
    assert by_key["snippets-2", "c4"]["f1"] == ""  # no truth for this page
    assert by_key["empty-3", "c4"]["f1"] == "0.000000"
    assert all(r["error"] == "" for r in rows)


def test_summary_line_has_the_means(bench, capsys):
    assert main(["eval", str(bench), "--mode", "text:lynx", "--no-cleaner", "--compare", "c4"]) == 0
    printed = capsys.readouterr().out
    c4_line = next(line for line in printed.splitlines() if line.startswith("c4 "))
    # 2 pages with truth: f1 1 and 0 -> mean 0.5; snippets 2 of 2 right.
    fields = c4_line.split()
    assert fields[1] == "2" and fields[4] == "0.500" and fields[8] == "1.000" and fields[9] == "2"


@pytest.mark.skipif(not HAVE_RESILIPARSE, reason="c4 on HTML renders the page with resiliparse")
def test_html_mode_c4(bench, tmp_path, capsys):
    out_csv = tmp_path / "pages.csv"
    assert main(["eval", str(bench), "--no-cleaner", "--compare", "c4", "--csv", str(out_csv)]) == 0
    rows = {r["id"]: r for r in read_csv(out_csv)}
    # The script text and the nav/footer lines are not sentences; the two article paragraphs are.
    assert rows["news-1"]["f1"] == "1.000000"
    assert rows["snippets-2"]["snippets_ok"] == "2"


def test_jobs_and_limit_keep_case_order(bench, tmp_path):
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    args = ["eval", str(bench), "--mode", "text:lynx", "--no-cleaner", "--compare", "c4,identity"]
    assert main([*args, "--csv", str(one)]) == 0
    assert main([*args, "--csv", str(two), "--jobs", "2"]) == 0
    strip = [{k: v for k, v in r.items() if k != "seconds"} for r in read_csv(one)]
    assert strip == [{k: v for k, v in r.items() if k != "seconds"} for r in read_csv(two)]

    limited = tmp_path / "limited.csv"
    assert main([*args, "--csv", str(limited), "--limit", "2"]) == 0
    assert [r["id"] for r in read_csv(limited)] == ["news-1", "news-1", "snippets-2", "snippets-2"]


def test_failing_baseline_scores_empty_and_run_goes_on(bench, tmp_path, monkeypatch):
    def explode(text: str) -> str:
        if "Rain" in text:
            raise ValueError("boom on purpose")
        return text

    monkeypatch.setitem(baselines.TEXT_BASELINES, "identity", explode)
    out_csv = tmp_path / "pages.csv"
    assert (
        main(
            [
                "eval",
                str(bench),
                "--mode",
                "text:lynx",
                "--no-cleaner",
                "--compare",
                "identity",
                "--csv",
                str(out_csv),
            ]
        )
        == 0
    )
    rows = {r["id"]: r for r in read_csv(out_csv)}
    assert rows["snippets-2"]["error"] == "ValueError: boom on purpose"
    assert rows["snippets-2"]["snippets_ok"] == "1"  # empty output: the with-snippet is missed
    assert rows["news-1"]["error"] == "" and rows["news-1"]["recall"] == "1.000000"


def test_cleaner_gets_bytes_with_url_in_html_mode_and_no_url_in_text_mode(bench, tmp_path, monkeypatch):
    calls = []

    def fake_clean(raw, url=None, *, site_rules=True, include_title=False):
        calls.append((type(raw), url, site_rules))
        return SimpleNamespace(text=raw.decode("utf-8"))

    monkeypatch.setattr(evaluation, "_cleaner_clean", lambda: fake_clean)
    assert main(["eval", str(bench), "--no-site-rules", "--limit", "1"]) == 0
    assert main(["eval", str(bench), "--mode", "text:lynx", "--limit", "1"]) == 0
    assert calls == [(bytes, "https://example.com/news/1", False), (bytes, None, True)]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--compare", "nosuch"], "unknown baseline"),
        (["--mode", "text"], "mode must be"),
        (["--mode", "text:w3m"], "no text captures for renderer 'w3m'"),
        (["--mode", "text:lynx", "--compare", "trafilatura"], "nothing to run"),
    ],
)
def test_usage_errors_exit_2_with_a_message(bench, capsys, extra, message):
    assert main(["eval", str(bench), "--no-cleaner", "--compare", "c4", *extra]) == 2
    assert message in capsys.readouterr().err


def test_not_a_bench_folder(tmp_path, capsys):
    assert main(["eval", str(tmp_path), "--no-cleaner", "--compare", "c4"]) == 2
    assert "no cases.jsonl" in capsys.readouterr().err
