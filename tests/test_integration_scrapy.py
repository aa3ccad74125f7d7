"""The Scrapy pipeline: a real crawl of a small site served on 127.0.0.1, and the pipeline alone."""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import textwrap
import threading

import pytest

scrapy = pytest.importorskip("scrapy")

from batch_helpers import article_html  # noqa: E402

from cleaner.integrations.scrapy import CleanerPipeline  # noqa: E402

SPIDER = textwrap.dedent("""
    import sys

    import scrapy
    from scrapy.crawler import CrawlerProcess

    base, out = sys.argv[1], sys.argv[2]


    class Site(scrapy.Spider):
        name = "site"
        start_urls = [base + "index.html"]

        def parse(self, response):
            if response.url.endswith("index.html"):
                yield {"kind": "index"}  # not a page: passes through the pipeline untouched
                yield from response.follow_all(css="a", callback=self.parse)
            else:
                yield {"url": response.url, "html": response.body}


    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
        "CLEANER_KEEP_HTML": False,  # bytes cannot go to a JSON feed
        "FEEDS": {out: {"format": "jsonlines"}},
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    })
    process.crawl(Site)
    process.start()
""")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(
        '<html><body><a href="a1.html">one</a> <a href="a2.html">two</a> '
        '<a href="blank.html">blank</a></body></html>'
    )
    (root / "a1.html").write_text(article_html(1))
    (root / "a2.html").write_bytes(
        article_html(2, "Café prices rise")
        .encode("cp1252")
        .replace(b'charset="utf-8"', b'charset="windows-1252"')
    )
    (root / "blank.html").write_text("<html><body></body></html>")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_real_crawl_gets_clean_articles(site, tmp_path):
    script = tmp_path / "crawl.py"
    script.write_text(SPIDER)
    out = tmp_path / "items.jsonl"
    proc = subprocess.run(
        [sys.executable, str(script), site, str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    items = [json.loads(line) for line in out.read_text().splitlines()]
    by_url = {i.get("url"): i for i in items}
    assert {"kind": "index"} in items
    one = by_url[site + "a1.html"]
    assert one["title"] == "Council approves budget, part 1" and "(Story 1.)" in one["text"]
    assert one["site"] == "127.0.0.1" and "html" not in one
    assert set(one) >= {"title", "text", "date", "byline", "site"}
    two = by_url[site + "a2.html"]
    assert two["title"] == "Café prices rise"  # bytes decoded by cleaner, charset honoured
    blank = by_url[site + "blank.html"]
    assert blank["text"] == "" and blank["cleaner_empty_reason"]


class _Stats:
    def __init__(self):
        self.values = {}

    def inc_value(self, key):
        self.values[key] = self.values.get(key, 0) + 1


def test_pipeline_settings_and_item_classes():
    from scrapy.exceptions import DropItem

    stats = _Stats()
    pipe = CleanerPipeline(html_field="page", field_prefix="clean_", drop_empty=True, stats=stats)
    pipe.open_spider()
    item = pipe.process_item({"page": article_html(3), "url": "https://www.example.com/x"})
    assert item["clean_title"] == "Council approves budget, part 3" and item["clean_site"] == "example.com"
    assert item["page"]  # kept by default
    with pytest.raises(DropItem):
        pipe.process_item({"page": "<html><body></body></html>"})
    assert stats.values == {"cleaner/cleaned": 1, "cleaner/empty": 1}

    class Page(scrapy.Item):
        html = scrapy.Field()
        url = scrapy.Field()
        title = scrapy.Field()
        text = scrapy.Field()

    with pytest.raises(KeyError, match="declare title, text, date, byline, site"):
        CleanerPipeline().process_item(Page(html=article_html(4)))

    failing = CleanerPipeline(options={"max_input_bytes": 10})
    item = failing.process_item({"html": article_html(5)})
    assert item["text"] == "" and "over the limit" in item["cleaner_error"]
    with pytest.raises(DropItem):
        CleanerPipeline(options={"max_input_bytes": 10}, drop_failed=True).process_item(
            {"html": article_html(5)}
        )


def test_pipeline_reads_scrapy_settings():
    from scrapy.utils.test import get_crawler

    crawler = get_crawler(
        settings_dict={"CLEANER_HTML_FIELD": "body", "CLEANER_SITE_RULES": False, "CLEANER_KEEP_HTML": False}
    )
    pipe = CleanerPipeline.from_crawler(crawler)
    assert (pipe.html_field, pipe.site_rules, pipe.keep_html) == ("body", False, False)
    pipe.open_spider()
    item = pipe.process_item({"body": article_html(6)})
    assert "body" not in item and "(Story 6.)" in item["text"]
