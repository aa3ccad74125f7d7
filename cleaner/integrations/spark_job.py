"""A Spark job: WARC files in, cleaned articles out (JSONL or Parquet).

    python -m cleaner.integrations.spark_job crawl/ -o articles/ --format parquet --master 'local[4]'
    JOB=$(python -c 'import cleaner.integrations.spark_job as j; print(j.__file__)')
    spark-submit --master yarn "$JOB" /mnt/crawl/ -o /mnt/articles/

(spark-submit runs a file, not a module; this file runs as a script too, hence absolute imports.)

One task per WARC file: the executor reads it with fastwarc, record by record, and cleans each 2xx
HTML response as it goes, so a task holds one page at a time however large the file. The rows are
the records of ``cleaner clean`` (id, url, title, text, date, byline, site, source_kind, removed,
error, empty_reason) plus ``origin`` (file@offset). In the output, part files follow the order of the
inputs and rows the order of the records (absent a later shuffle).

Inputs are paths on a file system every executor sees (local for ``local[N]``, NFS, a mounted
bucket), folders (their ``*.warc`` and ``*.warc.gz`` files) or globs, expanded on the driver. URLs
(``s3://...``) are passed on as they are and opened on the executors with fsspec, which must then
be installed there.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import urllib.parse
from collections.abc import Iterator, Sequence

from cleaner.batch_inputs import WARC_SUFFIXES, documents_of_warc, iter_files
from cleaner.batch_records import Settings, clean_document
from cleaner.options import Options


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """WARC files named by the inputs, in order: files, folders (recursive, sorted), globs, URLs."""
    paths: list[str] = []
    for name in inputs:
        if _is_url(name):
            paths.append(name)
        elif os.path.isdir(name):
            paths.extend(os.path.abspath(p) for p, _ in iter_files(name) if p.lower().endswith(WARC_SUFFIXES))
        elif os.path.exists(name):
            paths.append(os.path.abspath(name))
        else:
            matches = sorted(glob.glob(name, recursive=True))
            if not matches:
                raise FileNotFoundError(f"{name}: no such file, folder or glob match")
            paths.extend(os.path.abspath(p) for p in matches if os.path.isfile(p))
    return paths


def _is_url(name: str) -> bool:
    scheme = urllib.parse.urlsplit(name).scheme
    return len(scheme) > 1 and scheme != "file"


def clean_warc(path: str, settings: Settings, max_bytes: int = Options.max_input_bytes) -> Iterator[tuple]:
    """Rows (RECORD_SCHEMA order) of the articles of one WARC file; runs on an executor."""
    from cleaner.integrations.spark import article_values

    if _is_url(path):
        import fsspec  # only URLs need it

        with fsspec.open(path, "rb") as stream:
            yield from _rows(
                documents_of_warc(stream, os.path.basename(path), max_bytes=max_bytes, path=path),
                settings,
                article_values,
            )
    else:
        yield from _rows(
            documents_of_warc(path, os.path.basename(path), max_bytes=max_bytes), settings, article_values
        )


def _rows(docs, settings: Settings, article_values) -> Iterator[tuple]:
    for doc in docs:
        record = clean_document(doc, settings).record
        yield (record["id"], record["url"], *article_values(record), str(doc.origin))


def run_job(
    spark,
    inputs: Sequence[str],
    output: str,
    *,
    fmt: str = "jsonl",
    rules=(),
    site_rules: bool = True,
    options: dict | None = None,
    mode: str = "errorifexists",
) -> int:
    """Clean every WARC of ``inputs`` into ``output`` (a folder of part files); returns the WARC count."""
    from cleaner.integrations.spark import RECORD_SCHEMA, settings_for

    if fmt not in ("jsonl", "parquet"):
        raise ValueError(f"format must be jsonl or parquet, not {fmt!r}")
    paths = expand_inputs(inputs)
    if not paths:
        raise FileNotFoundError("no WARC files in the inputs")
    settings = settings_for(rules, site_rules, options)
    rows = spark.sparkContext.parallelize(paths, len(paths)).flatMap(lambda p: clean_warc(p, settings))
    writer = spark.createDataFrame(rows, RECORD_SCHEMA).write.mode(mode)
    if fmt == "jsonl":
        # Keep nulls, so that every line has every field, as `cleaner clean` writes them.
        writer.option("ignoreNullFields", "false").json(output)
    else:
        writer.parquet(output)
    return len(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cleaner.integrations.spark_job",
        description="Clean the HTML pages of WARC files with Spark.",
    )
    parser.add_argument("inputs", nargs="+", metavar="WARC", help="WARC files, folders or globs")
    parser.add_argument("-o", "--output", required=True, help="output folder (Spark writes part files in it)")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="extra rule file or folder (must exist on the executors too)",
    )
    parser.add_argument("--no-site-rules", action="store_true")
    parser.add_argument("--overwrite", action="store_true", help="replace the output folder if it exists")
    parser.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[4])")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    existing = SparkSession.getActiveSession()  # called from Python with a session running: keep it
    builder = SparkSession.builder.appName("cleaner")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        n = run_job(
            spark,
            args.inputs,
            args.output,
            fmt=args.format,
            rules=args.rules,
            site_rules=not args.no_site_rules,
            mode="overwrite" if args.overwrite else "errorifexists",
        )
    except FileNotFoundError as e:
        print(f"spark_job: error: {e}", file=sys.stderr)
        return 2
    finally:
        if existing is None:
            spark.stop()
    print(f"spark_job: cleaned {n} WARC files into {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
