"""The Spark column function and WARC job, in local mode (skipped without pyspark or Java)."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("fastwarc")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs Java", allow_module_level=True)

from batch_helpers import article_html, http_response, write_warc  # noqa: E402

from cleaner.integrations.spark import ARTICLE_FIELDS, clean_column  # noqa: E402
from cleaner.integrations.spark_job import expand_inputs, main, run_job  # noqa: E402

RECORD_COLUMNS = ["id", "url", *ARTICLE_FIELDS, "origin"]


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    env = {
        "PYSPARK_PYTHON": sys.executable,
        "PYSPARK_DRIVER_PYTHON": sys.executable,
        "SPARK_LOCAL_IP": "127.0.0.1",
        # a small JVM that starts fast: enough for a test
        "PYSPARK_SUBMIT_ARGS": "--driver-java-options '-XX:+UseSerialGC -XX:TieredStopAtLevel=1' "
        "pyspark-shell",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("cleaner-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        _stop(session)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _stop(session) -> None:
    """Stop Spark and its JVM now (left alone, the JVM lingers for a minute, eating CPU)."""
    from pyspark import SparkContext

    gateway = session.sparkContext._gateway
    session.stop()
    proc = getattr(gateway, "proc", None)
    gateway.shutdown()
    SparkContext._gateway = SparkContext._jvm = None  # a later session starts its own
    if proc is not None:
        proc.terminate()
        try:
            proc.wait(20)
        except Exception:
            proc.kill()


@pytest.fixture
def warcs(tmp_path):
    folder = tmp_path / "warcs"
    folder.mkdir()
    write_warc(
        folder / "a.warc.gz",
        [
            ("https://news.example.com/1", http_response(article_html(1).encode())),
            ("https://news.example.com/logo.png", http_response(b"PNG", "image/png")),
            ("https://news.example.com/2", http_response(article_html(2).encode())),
        ],
    )
    write_warc(
        folder / "b.warc", [("https://www.example.org/3", http_response(article_html(3).encode()))], gz=False
    )
    (folder / "c.warc").write_bytes(b"not a warc\r\n" * 5)
    (folder / "notes.txt").write_text("not a warc file name")
    return folder


def _read_jsonl_parts(folder) -> list[dict]:
    rows = []
    for part in sorted(p for p in os.listdir(folder) if p.startswith("part-")):
        with open(folder / part, encoding="utf-8") as f:
            rows.extend(json.loads(line) for line in f)
    return rows


def test_job_writes_jsonl_in_input_order(spark, warcs, tmp_path):
    assert [os.path.basename(p) for p in expand_inputs([str(warcs)])] == ["a.warc.gz", "b.warc", "c.warc"]
    out = tmp_path / "out"
    assert run_job(spark, [str(warcs)], str(out)) == 3
    rows = _read_jsonl_parts(out)
    assert [r["url"] for r in rows[:3]] == [
        "https://news.example.com/1",
        "https://news.example.com/2",
        "https://www.example.org/3",
    ]
    for r in rows:
        assert list(r) == RECORD_COLUMNS  # every field on every line, nulls included
    first = rows[0]
    assert first["id"].startswith("urn:uuid:") and "(Story 1.)" in first["text"]
    assert first["site"] == "news.example.com" and first["source_kind"] == "html"
    assert first["error"] is None and isinstance(first["removed"], dict)
    assert first["origin"].startswith(str(warcs / "a.warc.gz") + "@")
    (broken,) = rows[3:]
    assert "cannot read" in broken["error"] and broken["text"] == ""


def test_clean_column_on_a_dataframe(spark):
    df = spark.createDataFrame(
        [
            (article_html(4), "https://news.example.com/4", bytearray(article_html(5).encode())),
            ("<html><body></body></html>", None, None),
            (None, None, None),
        ],
        "html string, url string, page binary",
    )
    rows = df.select(
        clean_column("html", "url").alias("a"),
        clean_column("page", options={"max_input_bytes": 100}).alias("b"),
    ).collect()
    good, empty, null = (r["a"] for r in rows)
    assert good["title"] == "Council approves budget, part 4" and good["site"] == "news.example.com"
    assert empty["text"] == "" and empty["empty_reason"] and empty["error"] is None
    assert null is None
    assert "over the limit" in rows[0]["b"]["error"]  # binary pages are cleaned as bytes


def test_job_command_writes_parquet(spark, warcs, tmp_path):
    out = tmp_path / "parquet"
    code = main([str(warcs / "a.warc.gz"), str(warcs / "b.warc"), "-o", str(out), "--format", "parquet"])
    assert code == 0
    pq = pytest.importorskip("pyarrow.parquet")
    rows = sorted(pq.read_table(str(out)).to_pylist(), key=lambda r: r["origin"])
    assert [r["url"] for r in rows] == [
        "https://news.example.com/1",
        "https://news.example.com/2",
        "https://www.example.org/3",
    ]
    assert all("(Story" in r["text"] for r in rows)
