"""`cleaner clean --learn-sites`: learn each site's template from the batch itself, before cleaning it.

A first pass reads every document of the batch and learns, per site with enough pages, the rules of
:mod:`rule_learning` (merged with the site's rule file in force, if it has one). The files go to a
temporary folder that is added to the batch's rules, so worker processes load them like any
``--rules`` folder, and that is removed when the batch ends. The second pass cleans.

Resuming: learning is a pure function of the inputs and the rules in force, so a resumed run learns
again and gets the same files when its inputs are the same. The run's fingerprint holds a digest of
the learned files (not the temporary folder's name), so a resume whose inputs changed under a folder
argument -- and would learn other rules -- is refused instead of mixing two rule sets in one output.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .batch_inputs import STDIN, Document, _read_limited
from .batch_records import Settings
from .batch_run import load_rules
from .errors import UsageError
from .rule_learning import LearnSettings, learned_rule_texts

#: Pages a site needs in the batch before anything is learned for it (distinct pages: the same
#: story captured twice counts once). Fewer cannot tell a template from a story published twice.
DEFAULT_MIN_PAGES = LearnSettings.min_pages


@dataclass
class LearnedFolder:
    """The learned rule files of a batch, in a temporary folder (removed by :meth:`remove`)."""

    path: Path | None  #: None when nothing was learned
    sites: tuple[str, ...]  #: file names (``<host>.toml``) learned
    pages: int  #: documents read to learn them
    digest: str  #: of the files' names and text: what a resumed run must learn again

    def settings_with(self, settings: Settings) -> Settings:
        """The batch settings with the learned folder loaded after every other rule file."""
        if self.path is None:
            return settings
        return replace(settings, rules=(*settings.rules, str(self.path)))

    def remove(self) -> None:
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None


def check_learn_sites(settings: Settings, single_document: bool) -> None:
    """Refuse combinations where --learn-sites cannot do what it says."""
    if not settings.site_rules:
        raise UsageError("--learn-sites writes site rules; --no-site-rules turns site rules off")
    if single_document:
        raise UsageError(
            "--learn-sites learns what repeats across the pages of a batch; one capture has nothing to "
            "compare with (give a folder, several files, a JSONL or a WARC file)"
        )


def buffered_stdin(inputs: list[str], max_bytes: int, stream=None) -> io.BytesIO | None:
    """Standard input read once (at most max_bytes + 1, as the batch reads it), to be read twice.

    It holds one capture, already bounded by --max-input-bytes, so keeping it costs no more memory
    than cleaning it does.
    """
    if STDIN not in inputs:
        return None
    import sys

    return io.BytesIO(_read_limited(stream if stream is not None else sys.stdin.buffer, max_bytes))


def learn_batch(
    documents: Iterable[Document],
    settings: Settings,
    *,
    min_pages: int = DEFAULT_MIN_PAGES,
    progress: Callable[[str], None] | None = None,
) -> LearnedFolder:
    """Learn the rules of every site of the batch into a new temporary folder.

    A document without a URL is placed with ``settings.default_url`` (--url), as cleaning places
    it; one with neither is not on any site and teaches nothing. ``min_pages``: distinct pages a
    site needs (at least 2).
    """
    if min_pages < 2:
        raise UsageError(f"--learn-min-pages must be at least 2, not {min_pages}")
    base = load_rules(settings)
    counted = _Counted(_with_default_url(documents, settings.default_url))
    learn = LearnSettings(min_pages=min_pages)
    texts = learned_rule_texts(counted, base=base, settings=learn)
    digest = hashlib.sha256()
    for name, text in sorted(texts.items()):
        digest.update(f"{name}\n{len(text)}\n{text}".encode())
    learned = LearnedFolder(None, tuple(sorted(texts)), counted.n, digest.hexdigest())
    if texts:
        learned.path = Path(tempfile.mkdtemp(prefix="cleaner-learned-"))
        try:
            for name, text in texts.items():
                (learned.path / name).write_text(text, encoding="utf-8")
            # Loaded here, in the main process, so a learned file that does not load stops the
            # batch before any output is written, like a broken --rules file does.
            load_rules(learned.settings_with(settings))
        except BaseException:
            learned.remove()
            raise
    if progress is not None:
        progress(
            f"learned rules for {len(texts)} site{'s' * (len(texts) != 1)} from {counted.n} documents"
            + (f": {', '.join(n.removesuffix('.toml') for n in learned.sites[:5])}" if texts else "")
            + (", ..." if len(texts) > 5 else "")
        )
    return learned


def _with_default_url(documents: Iterable[Document], url: str | None) -> Iterator[Document]:
    for doc in documents:
        yield replace(doc, url=doc.url or url) if url and not doc.url else doc


class _Counted:
    """An iterable that counts what passed through it."""

    def __init__(self, items: Iterable):
        self.items, self.n = items, 0

    def __iter__(self):
        for item in self.items:
            self.n += 1
            yield item
