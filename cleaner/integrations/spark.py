"""Cleaning in Spark: a column function for DataFrames of pages.

    from cleaner.integrations.spark import clean_column
    df = df.withColumn("article", clean_column("html", "url"))
    df.select("url", "article.title", "article.text")

``clean_column`` gives a struct with the fields of a ``cleaner clean`` JSONL record (without ``id``):
title, text, date, byline, site, source_kind, removed (map of reason to count), error, empty_reason.
A page that fails gives a struct with ``error`` set instead of failing the task.

It is a plain Python UDF (one call per row): cleaning is per document, so Arrow batches would only
move the bytes faster, at the price of pandas and pyarrow on every executor. Each Python worker
loads the rule book once (and keeps it while Spark reuses the worker, its default). cleaner must be
installed on the executors (see the job's module docstring for shipping it).
"""

from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType, MapType, StringType, StructField, StructType

from ..batch_inputs import Document, Origin
from ..batch_records import Settings, clean_document

ARTICLE_FIELDS = (
    "title",
    "text",
    "date",
    "byline",
    "site",
    "source_kind",
    "removed",
    "error",
    "empty_reason",
)

ARTICLE_SCHEMA = StructType(
    [StructField(name, StringType()) for name in ARTICLE_FIELDS[:6]]
    + [
        StructField("removed", MapType(StringType(), IntegerType())),
        StructField("error", StringType()),
        StructField("empty_reason", StringType()),
    ]
)

#: One row of the job's output: a JSONL record of ``cleaner clean`` plus where it came from.
RECORD_SCHEMA = StructType(
    [StructField("id", StringType()), StructField("url", StringType())]
    + [f for f in ARTICLE_SCHEMA.fields]
    + [StructField("origin", StringType())]
)


def settings_for(rules=(), site_rules: bool = True, options: dict | None = None) -> Settings:
    return Settings(
        rules=tuple(str(r) for r in rules),
        site_rules=site_rules,
        options=tuple(sorted((options or {}).items())),
    )


def article_values(record: dict) -> tuple:
    """The ARTICLE_SCHEMA values of a batch record."""
    return tuple(record.get(name) for name in ARTICLE_FIELDS)


def clean_value(html, url, settings: Settings) -> tuple | None:
    """Clean one cell (str, bytes or bytearray); None for a null cell."""
    if html is None:
        return None
    raw = bytes(html) if isinstance(html, bytearray | memoryview) else html
    doc = Document("", url, raw, Origin("", "spark", ""))
    return article_values(clean_document(doc, settings).record)


def clean_udf(*, rules=(), site_rules: bool = True, options: dict | None = None):
    """A UDF (html[, url]) -> struct<ARTICLE_SCHEMA>. Rule paths must exist on the executors."""
    settings = settings_for(rules, site_rules, options)

    def _clean(html, url=None):
        return clean_value(html, url, settings)

    return F.udf(_clean, ARTICLE_SCHEMA)


def clean_column(
    html: Column | str,
    url: Column | str | None = None,
    *,
    rules=(),
    site_rules: bool = True,
    options: dict | None = None,
) -> Column:
    """The cleaned article of a column of pages (string or binary), as a struct column."""
    udf = clean_udf(rules=rules, site_rules=site_rules, options=options)
    html_col = F.col(html) if isinstance(html, str) else html
    if url is None:
        return udf(html_col)
    return udf(html_col, F.col(url) if isinstance(url, str) else url)
