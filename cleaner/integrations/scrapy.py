"""A Scrapy item pipeline that cleans the page a spider stored in each item.

An item pipeline sees items, not responses, so the spider stores the page in the item; the pipeline
reads it from the field ``CLEANER_HTML_FIELD`` (default ``html``), cleans it, and fills ``title``,
``text``, ``date``, ``byline`` and ``site``::

    # settings.py
    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}

    # the spider
    def parse(self, response):
        yield {"url": response.url, "html": response.text}

``response.body`` (bytes) works too and lets cleaner decode the page itself, but bytes cannot be
exported to JSON feeds: with it, set ``CLEANER_KEEP_HTML = False``. Items without the HTML field
pass through untouched (they are not pages). Item classes must declare the output fields; dict items
take them as they come.

Settings (all optional):

======================== ========= =============================================================
``CLEANER_HTML_FIELD``   ``html``  item field holding the page (str or bytes)
``CLEANER_URL_FIELD``    ``url``   item field holding its URL (picks site rules, fills ``site``)
``CLEANER_RULES``        ``[]``    extra rule files or folders
``CLEANER_SITE_RULES``   ``True``  False: generic heuristics only
``CLEANER_OPTIONS``      ``{}``    fields of :class:`cleaner.options.Options`
``CLEANER_FIELD_PREFIX`` ``""``    prefix of the output fields (``"clean_"`` gives ``clean_text``)
``CLEANER_KEEP_HTML``    ``True``  False: remove the HTML field once cleaned (smaller feeds)
``CLEANER_DROP_EMPTY``   ``False`` drop items where no article text was found
``CLEANER_DROP_FAILED``  ``False`` drop items that could not be cleaned
======================== ========= =============================================================

An item that fails to clean keeps going (unless ``CLEANER_DROP_FAILED``) with ``text`` empty and the
error in ``cleaner_error`` (dict items, or Item classes that declare it); an empty one gets
``cleaner_empty_reason`` the same way. Stats: ``cleaner/cleaned``, ``cleaner/empty``, ``cleaner/failed``.

Cleaning runs in the reactor's thread (it is CPU-bound Python; a thread would not make it faster).
"""

from __future__ import annotations

import contextlib
import logging

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from ..batch_records import empty_reason
from ..pipeline import clean, rule_book

log = logging.getLogger(__name__)

OUTPUT_FIELDS = ("title", "text", "date", "byline", "site")


class CleanerPipeline:
    def __init__(
        self,
        *,
        html_field: str = "html",
        url_field: str = "url",
        rules=(),
        site_rules: bool = True,
        options: dict | None = None,
        field_prefix: str = "",
        keep_html: bool = True,
        drop_empty: bool = False,
        drop_failed: bool = False,
        stats=None,
    ):
        self.html_field = html_field
        self.url_field = url_field
        self.rules = [str(r) for r in rules]
        self.site_rules = site_rules
        self.options = dict(options or {})
        self.prefix = field_prefix
        self.keep_html = keep_html
        self.drop_empty = drop_empty
        self.drop_failed = drop_failed
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler) -> CleanerPipeline:
        s = crawler.settings
        return cls(
            html_field=s.get("CLEANER_HTML_FIELD", "html"),
            url_field=s.get("CLEANER_URL_FIELD", "url"),
            rules=s.getlist("CLEANER_RULES", []),
            site_rules=s.getbool("CLEANER_SITE_RULES", True),
            options=s.getdict("CLEANER_OPTIONS", {}),
            field_prefix=s.get("CLEANER_FIELD_PREFIX", ""),
            keep_html=s.getbool("CLEANER_KEEP_HTML", True),
            drop_empty=s.getbool("CLEANER_DROP_EMPTY", False),
            drop_failed=s.getbool("CLEANER_DROP_FAILED", False),
            stats=crawler.stats,
        )

    def open_spider(self, spider=None) -> None:
        # Load the rule book once, now: a broken rule file stops the crawl before it fetches anything.
        self.book = rule_book(self.rules, self.site_rules, self.options.get("regex_timeout", 0.05))

    def process_item(self, item, spider=None):
        adapter = ItemAdapter(item)
        raw = adapter.get(self.html_field)
        if raw is None:
            return item
        url = adapter.get(self.url_field) or None
        try:
            article = clean(
                bytes(raw) if isinstance(raw, bytearray | memoryview) else raw,
                url,
                rules=getattr(self, "book", None) or self.rules,
                site_rules=self.site_rules,
                **self.options,
            )
        except Exception as e:  # noqa: BLE001 - one bad page must not cost the crawl its item
            self._inc("failed")
            message = f"{type(e).__name__}: {e}"
            if self.drop_failed:
                raise DropItem(f"cleaner could not clean {url or 'an item'}: {message}") from e
            log.warning("cleaner could not clean %s: %s", url or "an item", message)
            self._fill(adapter, dict.fromkeys(OUTPUT_FIELDS), text="")
            self._set_optional(adapter, "cleaner_error", message)
            return item
        values = {
            "title": article.title,
            "text": article.text,
            "date": article.date,
            "byline": article.byline,
            "site": article.site,
        }
        self._fill(adapter, values)
        if not article.paragraphs:
            self._inc("empty")
            reason = empty_reason(raw, article)
            if self.drop_empty:
                raise DropItem(f"cleaner found no article text in {url or 'an item'}: {reason}")
            self._set_optional(adapter, "cleaner_empty_reason", reason)
        else:
            self._inc("cleaned")
        if not self.keep_html:
            del adapter[self.html_field]
        return item

    def _fill(self, adapter: ItemAdapter, values: dict, **override) -> None:
        for name, value in {**values, **override}.items():
            field = self.prefix + name
            try:
                adapter[field] = value
            except KeyError:
                raise KeyError(
                    f"{type(adapter.item).__name__} has no field {field!r}: declare "
                    f"{', '.join(self.prefix + f for f in OUTPUT_FIELDS)} on it, or yield dict "
                    f"items"
                ) from None

    @staticmethod
    def _set_optional(adapter: ItemAdapter, field: str, value) -> None:
        # An Item class without the field: the log and the stats still say it.
        with contextlib.suppress(KeyError):
            adapter[field] = value

    def _inc(self, what: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"cleaner/{what}")
