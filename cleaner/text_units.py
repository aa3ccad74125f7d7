"""A text capture as a list of units: one paragraph, heading, list item or widget line each.

Captures come from several renderers. A browser copy-paste has one paragraph per line; a text
browser wraps paragraphs at a fixed width and numbers its links; a markdown dump wraps links in
``[text](url)`` syntax. Undoing each renderer's markup here means every heuristic downstream sees
the same thing: plain text, one unit per paragraph, with what the markup told us (heading? list
item? how much of it was link text?) kept as features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex


@dataclass
class Unit:
    text: str  # plain text, markup removed, whitespace collapsed
    first_line: int  # 1-based line of the capture where the unit starts
    last_line: int
    raw: str  # the capture's own lines, for `explain` and for removals
    heading: bool = False
    list_item: bool = False
    link_chars: int = 0  # characters of text that were link anchors (markdown and lynx only)
    blank_before: bool = True
    indent: int = 0

    @property
    def link_ratio(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


# --- markup of the renderers -----------------------------------------------------------------------
_MD_IMAGE = regex.compile(r"!\[([^\]\n]{0,500})\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_LINK = regex.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\]){0,800})\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
# A link whose target a converter left unescaped ("[Print](javascript:void window.open('...', 'x'))"):
# the target runs to the first parenthesis that closes more than it opened, spaces and all.
_MD_LOOSE_LINK = regex.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\]){0,300})\]"
                               r"\((?:[^()\n]|\([^()\n]*\)){0,2000}\)")
_MD_REF_LINK = regex.compile(r"\[([^\[\]\n]{1,300})\]\[[^\]\n]{0,40}\]")
_MD_AUTOLINK = regex.compile(r"<(?:https?|mailto|ftp):[^>\s]{1,2000}>")
_MD_EMPHASIS = regex.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_HEADING = regex.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_ESCAPE = regex.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_LIST_MARK = regex.compile(r"^(\s*)(?:[*+•·▪◦‣\-–]|\d{1,3}[.)]|o)\s+(?=\S)")
_LYNX_REF = regex.compile(r"\[\d{1,5}\](?=\S)|\[\d{1,5}\]\s?")
# Text browsers print an image without alt text as its file name or URL in brackets.
_LYNX_ARTIFACT = regex.compile(r"\[(?:INS|DEL): ?:?(?:INS|DEL)?\]"
                               r"|\[(?:IMG|image|embedded image|LINK|BUTTON|EMBED)[^\]]{0,80}\]"
                               r"|\[[^\]\s]{0,300}(?:\.(?i:gif|jpe?g|png|svg|webp|bmp|ico)(?:[?#][^\]\s]{0,300})?"
                               r"|\?[^\]\s]{0,300}=[^\]\s]{0,300}|;base64,[^\]\s]{0,300})\]")
# lynx's picture of an inline frame: "IFRAME:" and the frame's name or address, on a line of its own;
# an address too long for the line goes on over the next lines, cut anywhere (no space in them).
_LYNX_FRAME = re.compile(r"\s*IFRAME:")
_ADDRESS_PIECE = re.compile(r"\S*[/?=&%;]\S*")
_FORM_FIELD = regex.compile(r"_{4,}|\(\s?\)|\[\s?\]|\[X\]")
_LYNX_MARK = regex.compile(r"\[\d{1,5}\]\S")
_RULE_LINE = regex.compile(r"\s*(?:[-*_=]\s*){3,}")
_REFERENCE_ENTRY = regex.compile(r"\s*\d+\.\s+\S+")
_ALNUM = regex.compile(r"[\p{L}\p{N}]")
_MD_LINK_DEFINITION = regex.compile(r"^\s{0,3}\[[^\]\n]{1,100}\]:\s*\S+")
_BARE_URL = regex.compile(r"\b(?:https?://|www\.)\S+")
# Only listed characters: `re` reads the class as regex does, and is faster at it.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@dataclass(frozen=True)
class Dialect:
    markdown: bool
    lynx_refs: bool
    wrap_width: int | None  # the width a text browser wrapped at, if it did
    # A text browser that lays tables out as columns (w3m, links): every line fits a screen. Lynx
    # (told by its numbered links) prints a table's cells one after another.
    side_by_side: bool = False


def sniff_dialect(lines: list[str]) -> Dialect:
    sample = lines[:4000]
    md_links = sum(line.count("](") for line in sample)
    # Each pattern needs a character most lines lack: test for it before running the pattern.
    md_heads = sum(1 for line in sample if "#" in line and _MD_HEADING.match(line))
    ref_links = sum(len(_MD_REF_LINK.findall(line)) for line in sample if "][" in line)
    markdown = md_links + ref_links >= 3 or (md_links + ref_links >= 1 and md_heads >= 1)
    lynx_refs = sum(1 for line in sample if "[" in line and _LYNX_MARK.search(line)) >= 3
    side_by_side = not (markdown or lynx_refs) and _widest(sample) <= _SCREEN
    return Dialect(markdown, lynx_refs, _wrap_width(sample), side_by_side)


_SCREEN = 200  # columns: no text browser's screen is wider


def _widest(lines: list[str]) -> int:
    """The longest line that could have been broken (one with a space in it)."""
    return max((len(line.rstrip()) for line in lines if " " in line.strip()), default=0)


# A wrap width needs at least this many full lines: a short story in a text-browser dump has four.
_MIN_WRAPPED_LINES = 4


def _wrap_width(lines: list[str]) -> int | None:
    """The width a text browser wrapped at, from the lines that run on into another line.

    In a wrapped dump most lines followed by another line of the same block end close to one
    width; in a copy-paste capture those lengths are all over the place. Only the run-on lines
    are measured, so reference lists and the like do not blur the estimate.
    """
    runon = []
    for a, b in zip(lines, lines[1:], strict=False):
        if a.strip() and b.strip() and len(a) - len(a.lstrip()) == len(b) - len(b.lstrip()) \
                and not _LIST_MARK.match(b):
            runon.append(len(a.rstrip()))
    # The wrap width is where run-on lengths pile up: the densest window just below one value.
    best, best_count = None, 0
    for width in sorted(set(runon)):
        if not 40 <= width <= 200:
            continue
        count = sum(1 for n in runon if 0.8 * width <= n <= width)
        if count >= best_count:
            best, best_count = width, count
    if best is not None and len(runon) >= 8 and best_count >= max(5, 0.3 * len(runon)):
        over = sum(1 for n in runon if n > best + 2)
        if over <= 0.15 * len(runon):
            return best
    # A short story under a long menu: the menu's short run-on lines outnumber the story's full
    # ones. What still tells a wrapped dump is that no line that could have been broken (one
    # with a space in it) runs past the width, and several run-on lines end close to it; a
    # copy-paste capture has paragraphs of any length on one line.
    widest = _widest(lines)
    if not 40 <= widest <= _SCREEN:
        return None
    full = sum(1 for n in runon if 0.8 * widest <= n)
    return widest if full >= _MIN_WRAPPED_LINES else None


def _strip_markdown(text: str) -> tuple[str, int, bool]:
    """Plain text of one markdown line, the length of its link anchors, and whether it is a heading."""
    # Every pattern below needs a character or two that most lines lack: those are looked for
    # first, since this runs on every line of a markdown capture.
    heading = False
    m = _MD_HEADING.match(text) if "#" in text else None
    if m:
        heading, text = True, m.group(2)
    if "![" in text:
        text = _MD_IMAGE.sub(lambda m: "", text)
    link_chars = 0

    def anchor(m):
        nonlocal link_chars
        inner = m.group(1).strip()
        link_chars += len(inner)
        return inner

    # Links may nest an image or brackets; a few passes unwrap them from the inside out.
    for _ in range(3 if "](" in text or "][" in text else 0):
        new = _MD_LINK.sub(anchor, text)
        new = _MD_REF_LINK.sub(anchor, new)
        if new == text:
            break
        text = new
    if "](" in text:
        text = _MD_LOOSE_LINK.sub(anchor, text)
    if "<" in text:
        text = _MD_AUTOLINK.sub("", text)
    for _ in range(2 if "*" in text or "_" in text else 0):
        text = _MD_EMPHASIS.sub(r"\2", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if _RULE_LINE.fullmatch(text):  # horizontal rule
        text = ""
    return text, link_chars, heading


def _strip_lynx(text: str) -> tuple[str, int]:
    if "(BUTTON)" in text:  # lynx's picture of a form's button: "Search: (BUTTON)"
        text = text.replace("(BUTTON)", " ")
    if "[" not in text:  # both patterns start with a bracket
        return text, 0
    link_chars = 0

    def ref(m):
        nonlocal link_chars
        # The anchor text runs from the marker to the next marker or end: approximate it by the
        # following words up to punctuation, which is enough for a link-density feature.
        link_chars += 1
        return ""

    text = _LYNX_ARTIFACT.sub("", text)
    refs = len(_LYNX_REF.findall(text))
    text = _LYNX_REF.sub(ref, text)
    if refs:
        # each reference marks a link; count its anchor as up to the next 4 words
        link_chars = min(len(text), refs * 25)
    return text, link_chars


def _lynx_references_start(lines: list[str]) -> int | None:
    """Lynx ends its dump with 'References' and a numbered list of URLs: not page content."""
    for i in range(len(lines) - 1, max(-1, len(lines) - 5000), -1):
        if lines[i].strip() in ("References", "Visible links", "Hidden links:"):
            after = [line for line in lines[i + 1 : i + 6] if line.strip()]
            if after and all(_REFERENCE_ENTRY.match(line) for line in after[:3]):
                return i
    return None


def split_units(capture: str) -> tuple[list[Unit], list[Unit]]:
    """Units of a capture, and the units dropped as renderer markup (image-only lines, URL lists)."""
    capture = capture.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = capture.split("\n")
    dialect = sniff_dialect(lines)
    markup: list[Unit] = []
    end = len(lines)
    if dialect.lynx_refs or dialect.wrap_width:
        refs = _lynx_references_start(lines)
        if refs is not None:
            end = refs
            tail = "\n".join(lines[refs:]).strip()
            if tail:
                markup.append(Unit("References", refs + 1, len(lines), tail))
    # Text browsers indent body text and print headings at the margin.
    indents = [len(line) - len(line.lstrip(" ")) for line in lines[:end] if line.strip()]
    lynx_like = (dialect.lynx_refs or dialect.wrap_width) and not dialect.markdown
    body_indent = max(set(indents), key=indents.count) if indents and lynx_like else 0
    units: list[Unit] = []
    current: Unit | None = None
    prev_len = 0
    blank = True
    in_frame = False  # the lines since an "IFRAME:" line are the frame's address
    for number, line, width, in_grid in _numbered_pieces(lines[:end], dialect):
        if not line.strip():
            in_frame = False
            if current:
                units.append(current)
                current = None
            blank = True
            continue
        raw = line
        if lynx_like and (in_frame or "IFRAME:" in line):
            if _LYNX_FRAME.match(line) or in_frame and _ADDRESS_PIECE.fullmatch(line.strip()):
                markup.append(Unit(line.strip(), number, number, raw))
                in_frame = True
                continue
            in_frame = False
        if dialect.markdown and "]:" in line and _MD_LINK_DEFINITION.match(line):
            markup.append(Unit(line.strip(), number, number, raw))  # "[3]: https://..." at the foot
            continue
        link_chars, heading = 0, False
        indent = len(line) - len(line.lstrip(" "))
        text = line
        if dialect.markdown:
            text, link_chars, heading = _strip_markdown(text)
        if dialect.lynx_refs or dialect.wrap_width:
            text, lchars = _strip_lynx(text)
            link_chars += lchars
        list_item = False
        lm = _LIST_MARK.match(text)
        if lm:
            list_item = True
            text = text[lm.end():]
        if dialect.markdown and text.lstrip().startswith(">"):
            text = text.lstrip().lstrip(">")
        text = _plain_spaces(text)
        if (dialect.markdown or dialect.lynx_refs) and ("://" in text or "www." in text):
            text = _BARE_URL.sub("", text).strip()
        if not _ALNUM.search(text):
            text = ""  # rules, bullets and underscores alone say nothing
        if not text:
            # A line that held only markup (an image, a rule, an empty link) carries no text.
            if line.strip() and not _RULE_LINE.fullmatch(line):
                markup.append(Unit(line.strip(), number, number, raw))
            continue
        if current and _continues(current, text, raw, indent, prev_len, list_item, heading, dialect.markdown,
                                  width, blank, in_grid or number != current.last_line + 1):
            current.text += " " + text
            current.raw += "\n" + raw
            current.last_line = number
            current.link_chars += link_chars
            current.indent = min(current.indent, indent)  # the block's margin, past a first-line indent
        else:
            if current:
                units.append(current)
            # (a column's own margin is no heading's margin)
            heading = heading or (body_indent >= 2 and indent == 0 and not list_item and not in_grid)
            current = Unit(text, number, number, raw, heading=heading, list_item=list_item,
                           link_chars=link_chars, blank_before=blank, indent=indent)
        prev_len = len(line.rstrip())
        blank = False
    if current:
        units.append(current)
    return units, markup


# A table layout printed side by side: at least this many consecutive lines padded to one width
# (inscriptis pads every row of a table, blank rows too), split where every row has blanks.
_MIN_TABLE_ROWS, _MIN_TABLE_WIDTH, _MIN_GUTTER = 3, 40, 2


def _numbered_pieces(lines: list[str], dialect: Dialect):
    """(1-based line number, text, wrap width, in a grid?) of each line, with side-by-side columns read
    one after another.

    A renderer that lays a page's table out as text prints the story column beside a menu column
    and a column of headlines, so each line holds a piece of each. Read as they stand, a story
    paragraph and an unrelated headline share a unit and the story alternates with teasers;
    read column by column, the story is one run again. Markdown tables have their own syntax.
    """
    if dialect.markdown:
        for number, line in enumerate(lines, 1):
            yield number, line, dialect.wrap_width, False
        return
    i = 0
    tries = _MAX_GRID_TRIES if dialect.side_by_side else 0
    while i < len(lines):
        width = len(lines[i])
        j = i + 1
        if width >= _MIN_TABLE_WIDTH and not dialect.wrap_width:
            while j < len(lines) and len(lines[j]) == width:
                j += 1
        if j - i >= _MIN_TABLE_ROWS:
            columns = _columns(lines[i:j])
            if len(columns) < 2:
                for k in range(i, j):
                    yield k + 1, lines[k], None, False
            else:
                for a, b in columns:
                    for k in range(i, j):
                        yield k + 1, lines[k][a:b], None, False
                    yield j, "", None, False  # a column ends its last paragraph
            i = j
            continue
        looked = bool(tries) and _gapped(lines[i])
        end, columns = _grid(lines, i) if looked else (i + 1, None)
        if columns is None:
            tries -= looked
            for k in range(i, end):
                yield k + 1, lines[k], dialect.wrap_width, False
            i = end
            continue
        for pieces, wraps_at in columns:
            for k, piece in enumerate(pieces, i + 1):
                yield k, piece, wraps_at, True
            yield end, "", None, True  # a column ends its last paragraph
        i = end


# A text browser that wraps (w3m, links) lays a table out the same way, but wraps each cell's text
# within its column and trims every row, so rows differ in length and a gutter may be one space
# wide where a cell is full. A table is told by its gaps instead: rows with three spaces or more
# inside them, and, at least _MIN_GRID_ROWS times, a piece of text that opens at the same place
# after a gap. There a column starts, as long as no line runs a word across the place.
_GAPPED = re.compile(r"\S {3,}\S")
_AFTER_GAP = re.compile(r"\S {2,}(?=\S)")
_MIN_GRID_ROWS = 3
_GRID_LOOKAHEAD = 60  # lines in which a table's column starts are counted
# Each look for a table reads the lines ahead: a capture of nothing but gapped lines that never
# line up would be read that many times over. Real pages fail fewer than 400 looks.
_MAX_GRID_TRIES = 2000
_PROSE_WORDS_PER_LINE = 4  # a menu's entries are a word or three


def _column_wrap(pieces: list[str]) -> int | None:
    """Where a column's cells wrap their paragraphs, or None for a column of short entries (a menu),
    where a full line is one entry, not half of a sentence.

    Measured on the lines that run on into another: most of a paragraph's lines end near the
    width, while a piece of a narrower cell in the same column (a rail's box) would set a maximum.
    """
    filled = [p.split() for p in pieces if p.strip()]
    if sum(map(len, filled)) < _PROSE_WORDS_PER_LINE * len(filled):
        return None
    runon = sorted(len(a.rstrip()) for a, b in zip(pieces, pieces[1:], strict=False)
                   if a.strip() and b.strip())
    return runon[int(0.8 * (len(runon) - 1))] if runon else None


def _gapped(line: str) -> bool:
    """A row with a gap of three spaces or more inside it."""
    return "   " in line.strip() and _GAPPED.search(line) is not None


def _crosses(line: str, start: int) -> bool:
    """Does a word of the line run across the column start?"""
    return start < len(line) and line[start - 1] != " " and line[start] != " "


def _grid(lines: list[str], i: int) -> tuple[int, list[tuple[list[str], int | None]] | None]:
    """(end, columns) of a table laid out in columns from line i (a row with a gap): each column's
    pieces of lines i to end and where its prose wraps. Columns None when lines i to end are no
    such table (they are then read as they stand, and not looked at again: a long table of data
    would otherwise be measured anew from each of its rows)."""
    counts: dict[int, int] = {}
    for line in lines[i : i + _GRID_LOOKAHEAD]:
        if "   " in line.strip():
            for m in _AFTER_GAP.finditer(line):
                counts[m.end()] = counts.get(m.end(), 0) + 1
    starts = sorted(p for p, c in counts.items() if c >= _MIN_GRID_ROWS)
    if not starts or any(_crosses(lines[i], p) for p in starts):
        return i + 1, None  # (a row of another layout above the table: a header across its columns)
    j, gapped = i, 0
    while j < len(lines) and not any(_crosses(lines[j], p) for p in starts):
        gapped += _gapped(lines[j])
        j += 1
    if gapped < _MIN_GRID_ROWS:
        return max(j, i + 1), None
    # The table ends at its last row that is no line below it: one with a gap, or text past the
    # first column that no column start cuts (a story column running on alone).
    while j > i and not _table_row(lines[j - 1], starts):
        j -= 1
    end = max(j, i + 1)
    columns = [[lines[k][a:b] for k in range(i, j)] for a, b in _spans(starts)]
    filled = [sum(1 for p in column if p.strip()) for column in columns]
    if sum(1 for f in filled if f >= _MIN_GRID_ROWS) < 2:
        return end, None
    wraps = [_column_wrap(c) for c in columns]
    # A page laid out in a table holds a column of prose; a table of short cells (standings, prices)
    # is data, and reads row by row.
    if not any(f >= _MIN_GRID_ROWS and w for f, w in zip(filled, wraps, strict=True)):
        return end, None
    return j, list(zip(columns, wraps, strict=True))


def _table_row(line: str, starts: list[int]) -> bool:
    """Is this a row of the table rather than a line below it? A line with a gap is; so is one whose
    text lies in one column past the first: the story column running on alone."""
    if not line.strip():
        return False
    if _gapped(line):
        return True
    used = [k for k, (a, b) in enumerate(_spans(starts)) if line[a:b].strip()]
    return len(used) == 1 and used[0] > 0


def _spans(starts: list[int]) -> list[tuple[int, int | None]]:
    """The columns' character ranges: from the line's start, then from each column start on."""
    return list(zip([0, *starts], [*starts, None], strict=True))


def _columns(rows: list[str]) -> list[tuple[int, int]]:
    """Character ranges of the columns of equal-width rows: the stretches between gutters, runs of
    at least _MIN_GUTTER positions that are blank in every row."""
    width = len(rows[0])
    blank = [all(r[p] == " " for r in rows) for p in range(width)]
    columns, start, p = [], None, 0
    while p < width:
        if not blank[p]:
            start = p if start is None else start
            p += 1
            continue
        q = p
        while q < width and blank[q]:
            q += 1
        if start is not None and (q - p >= _MIN_GUTTER or q == width):
            columns.append((start, p))
            start = None
        p = q
    if start is not None:
        columns.append((start, width))
    return columns


def _plain_spaces(text: str) -> str:
    """Form fields blanked and runs of spaces made one, stripped; the patterns only where they can match."""
    if "(" in text or "[" in text or "____" in text:
        text = _FORM_FIELD.sub(" ", text)
    # ASCII text with no tab and no double space has nothing for _SPACES to change.
    if not text.isascii() or "\t" in text or "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


# Words a sentence or a headline does not end on (English; the wrapped dumps this is for are
# mostly text-browser output of English pages, and a miss only leaves a paragraph split).
_NEVER_LAST = frozenset("the a an of to in on at by for with from and or but as that which who is are was were "
                        "has have had will would its their his her our this these within into onto between than "
                        "during through without whose because although though".split())
_BLOCK_ENDS = frozenset(".!?:;\"'”’)]|")


# A photo's caption or credit label starts a unit of its own: a text browser prints the caption
# on the line after the paragraph above the photo, which may have filled its line.
_CAPTION_LABEL = regex.compile(r"(?:Image|Photo|Picture) (?:copyright|caption|credit)\b")


def word_count_at_least(text: str, n: int) -> bool:
    return len(text.split(None, n)) >= n


# A first-line indent is two to this many spaces deeper than the text's margin: more is a centred
# or right-hand block of its own, one space is a renderer's stray margin on a line of links.
_FIRST_LINE_INDENT = 8


def _continues(cur: Unit, text: str, raw: str, indent: int, prev_len: int, list_item: bool,
               heading: bool, markdown: bool, width: int | None, blank: bool, apart: bool) -> bool:
    """Is this line the wrapped continuation of the unit before it? (width: where lines wrap here;
    apart: the line is read out of a table's column, or markup stands between it and the unit)"""
    # A markdown heading is one line; a text browser's margin heading may wrap (below).
    if blank or list_item or heading or (cur.heading and markdown):
        return False
    if not width or _CAPTION_LABEL.match(text):
        return False
    first_word = text.split(" ", 1)[0]
    # The previous line was full: the next word would not have fitted on it (with some slack,
    # since renderers do not all fill lines greedily).
    full = prev_len + 1 + len(first_word) > width or prev_len >= 0.8 * width
    same_block = indent == cur.indent or (cur.list_item and indent > cur.indent)
    if not same_block:
        # A paragraph's first line indented a few spaces more than the rest (a first-line indent
        # the page made with spaces): the rest of the paragraph follows it at the margin of the text.
        # A line of links and pictures fills its line with markup, not words; a menu's rows and a
        # column read out of a table have ragged margins of their own.
        return full and cur.first_line == cur.last_line and not (cur.heading or cur.list_item or apart) \
            and 2 <= cur.indent - indent <= _FIRST_LINE_INDENT and word_count_at_least(cur.text, 8) \
            and "|" not in cur.text and "|" not in text
    if full:
        # A text browser prints headings and some paragraphs (a standfirst) at the margin: when
        # one fills its line, the next line at the margin is the rest of it, not a new heading.
        return True
    if cur.heading:
        return False
    # A paragraph whose first line is short (a first-line indent the capture lost) and runs on into
    # a full line, mid-sentence: the next line starts in lower case, or this one ends on a word no
    # sentence or headline ends on. A teaser's headline above its blurb does neither.
    opening = cur.first_line == cur.last_line and cur.blank_before and cur.text.rstrip()[-1:] not in _BLOCK_ENDS
    if not opening or len(raw.rstrip()) < 0.8 * width or not word_count_at_least(cur.text, 4):
        return False
    last_word = cur.text.rsplit(None, 1)[-1].lower()
    return text[:1].islower() or last_word in _NEVER_LAST
