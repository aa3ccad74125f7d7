"""Splitting captures into units: wrapped dumps re-flowed into their paragraphs, and no further."""

import textwrap

from cleaner.text_units import sniff_dialect, split_units


def _wrapped(paragraph: str, first_line_short: bool) -> str:
    """A paragraph as a text browser wraps it at 80 columns; optionally with a short first line,
    as captures show it when the page indented first lines with spaces the capture dropped."""
    if not first_line_short:
        return textwrap.fill(paragraph, 80)
    head = textwrap.fill(paragraph, 52).split("\n")[0]
    return head + "\n" + textwrap.fill(paragraph[len(head) + 1 :], 80)


STORY = [
    "LISBON, March 3 (Wire) -- The harbour authority of the city said on Tuesday that the old "
    "ferry terminal would close for repairs until the end of the summer, after inspectors found "
    "cracks in two of its piers.",
    "The regional transport council and the ferry operators agreed to run a temporary service from "
    "the cargo quay, which lies some two kilometres to the east of the present terminal building.",
    "Passengers were advised to allow an extra half hour for their journeys during the first weeks "
    "of the new arrangement, the council said in a statement issued after the meeting.",
    "Engineers expect the repairs to cost about four million euros, most of which will come from a "
    "fund the national government set aside last year for ageing port buildings along the coast.",
    "Local shop owners near the terminal said they feared a quiet summer, although several of them "
    "welcomed the chance to see the building restored to the condition it was in when it opened.",
    "A final decision on whether the terminal will also be extended is expected in the autumn, once "
    "the engineers have finished their survey of the remaining piers and the sea wall behind them.",
]


def test_paragraphs_with_short_first_lines_are_one_unit_each():
    capture = "\n\n".join(_wrapped(p, first_line_short=True) for p in STORY)
    assert all(len(p.split("\n")[0]) < 60 for p in capture.split("\n\n"))  # the layout under test
    units, _ = split_units(capture)
    assert [u.text for u in units] == STORY


def test_a_teaser_headline_above_its_blurb_stays_apart():
    teasers = [
        ("Seven Ways to Plan a Quieter Garden",
         "Hedges, gravel paths and a few well placed trees can turn a noisy plot into a calm one, "
         "and most of the work can be done in a single weekend with borrowed tools."),
        ("How Harbour Towns Are Rethinking Tourism",
         "Several coastal towns are limiting cruise visits and investing in year round attractions, "
         "hoping to spread their visitors more evenly across the seasons of the year."),
    ]
    body = "\n\n".join(_wrapped(p, first_line_short=False) for p in STORY)
    listing = "\n\n".join(f"{head}\n{textwrap.fill(blurb, 80)}" for head, blurb in teasers)
    units, _ = split_units(body + "\n\n" + listing)
    texts = [u.text for u in units]
    for head, blurb in teasers:
        assert head in texts and blurb in texts


def _side_by_side(*columns: list[str], gutter: int = 4) -> str:
    """Columns laid out as a renderer prints a table: every row padded to one width, blank rows too."""
    widths = [max(map(len, c)) for c in columns]
    rows = max(map(len, columns))
    lines = []
    for r in range(rows):
        cells = [(c[r] if r < len(c) else "").ljust(w) for c, w in zip(columns, widths, strict=True)]
        lines.append("  " + (" " * gutter).join(cells))
    return "\n".join(lines)


def test_side_by_side_columns_are_read_one_after_another():
    menu = ["Home", "", "World", "", "Business", "", "Sport", "", "Weather"]
    story = [p if i % 2 == 0 else "" for i, p in enumerate(sum(([p, ""] for p in STORY[:4]), []))]
    headlines = ["Bombing throws shadow on capital", "", "Crime scene re-enacted", "",
                 "Flour prices top the list"]
    capture = "Harbour terminal to close\n\n" + _side_by_side(menu, story, headlines) + "\n\nCopyright 2024"
    texts = [u.text for u in split_units(capture)[0]]
    # Each story paragraph is one unit, not glued to the headline beside it, and the story is
    # one run: no menu item or headline between its paragraphs.
    first, last = texts.index(STORY[0]), texts.index(STORY[3])
    assert texts[first:last + 1] == STORY[:4]
    assert texts[:first] == ["Harbour terminal to close", "Home", "World", "Business", "Sport", "Weather"]
    assert texts[last + 1:] == ["Bombing throws shadow on capital", "Crime scene re-enacted",
                                "Flour prices top the list", "Copyright 2024"]
    # Line numbers still point into the capture.
    assert split_units(capture)[0][first].first_line == 3


def test_prose_with_double_spaces_is_not_taken_for_columns():
    # Rows of one width that share no blank gutter: text, not a table.
    rows = ["The council met on Tuesday.  It agreed to the plan.", "Engineers will start work next  month on it.",
            "Shop owners said they  were pleased with it all."]
    width = max(map(len, rows))
    capture = "\n".join(r.ljust(width) for r in rows)
    assert [u.text for u in split_units(capture)[0]] == [" ".join(r.split()) for r in rows]


def _trimmed_grid(*columns: list[str], widths: list[int]) -> str:
    """Columns as w3m or links print a layout table: each cell's text wrapped within its column,
    cells one space apart, every row trimmed at its end."""
    rows = max(map(len, columns))
    lines = []
    for r in range(rows):
        cells = [(c[r] if r < len(c) else "").ljust(w) for c, w in zip(columns, widths, strict=True)]
        lines.append(" ".join(cells).rstrip())
    return "\n".join(lines)


def _cell(paragraphs: list[str], width: int) -> list[str]:
    return sum(([*textwrap.wrap(p, width), ""] for p in paragraphs), [])[:-1]


def test_a_trimmed_layout_table_is_read_column_by_column():
    menu = ["Home", "World", "Business", "Sport", "Weather", "Travel", "Science", "Opinion", "Video",
            "Podcasts", "Newsletters", "Contact us"]
    rail = _cell(["Bombing throws shadow on capital", "Crime scene re-enacted in court",
                  "Flour prices top the list"], 22)
    capture = "Harbour terminal to close\n\n" + _trimmed_grid(
        menu, _cell(STORY[:3], 50), rail, widths=[14, 50, 22]) + "\n\nCopyright 2024"
    assert any(len(line) > 60 and "   " in line.strip() for line in capture.split("\n"))  # side by side
    assert all(line == line.rstrip() for line in capture.split("\n"))  # and trimmed
    texts = [u.text for u in split_units(capture)[0]]
    # Each story paragraph is one unit again, the story is one run, and the menu's entries are
    # not glued into a sentence (its lines come close to the column's width too).
    first = texts.index(STORY[0])
    assert texts[first:first + 3] == STORY[:3]
    assert texts[1:first] == menu
    # The rail of headlines comes after the story, in its own column (its short lines may stay apart).
    assert " ".join(texts[first + 3:-1]) == ("Bombing throws shadow on capital Crime scene re-enacted in court "
                                             "Flour prices top the list")
    assert texts[-1] == "Copyright 2024"


def test_a_trimmed_table_of_short_cells_reads_row_by_row():
    # Standings: data, not a page's layout. Its rows stay rows.
    rows = [("1", "Kyle Busch", "5040", "5"), ("2", "Martin Truex Jr.", "5035", "7"),
            ("3", "Kevin Harvick", "5033", "4"), ("4", "Denny Hamlin", "5027", "6")]
    capture = "\n".join(f"{a:<4} {b:<20} {c:<6} {d}" for a, b, c, d in rows)
    texts = [u.text for u in split_units(capture)[0]]
    assert texts == [" ".join(r) for r in rows]


def test_only_screen_wide_dumps_without_link_numbers_are_read_as_grids():
    # Lynx numbers its links and prints a table's cells one after another; inscriptis pads its
    # tables to one width (read by the padded-rows reading) and leaves paragraphs unwrapped.
    w3m = ["Home       The council met on Tuesday and agreed to the plan.", "World      Work starts soon."]
    lynx = [f"   [{i}]Section {i}   [{i + 10}]More" for i in range(5)]
    unwrapped = ["Home   " + " ".join(STORY)]
    assert sniff_dialect(w3m).side_by_side
    assert not sniff_dialect(lynx).side_by_side
    assert not sniff_dialect(unwrapped).side_by_side


def _lynx_page(menu_items: int, paragraphs: list[str]) -> str:
    """A text-browser dump: a long menu of short lines, then a story wrapped at 114 columns and
    indented three spaces, as lynx -dump prints it."""
    menu = "\n".join(f"   Section {i}" for i in range(menu_items))
    story = "\n\n".join(textwrap.fill(p, 111, initial_indent="   ", subsequent_indent="   ")
                          for p in paragraphs)
    return menu + "\n\n" + story + "\n"


def test_a_short_story_under_a_long_menu_is_still_re_flowed():
    # Four wrapped paragraphs against sixty run-on menu lines: the full lines are few, but no line
    # runs past the width, which a copy-paste capture of paragraphs would not manage.
    capture = _lynx_page(60, STORY[:4])
    assert len(capture.split("\n\n")[1].split("\n")) >= 2  # the paragraphs really are wrapped
    texts = [u.text for u in split_units(capture)[0]]
    assert all(p in texts for p in STORY[:4])


def test_one_line_paragraphs_under_a_menu_are_not_taken_for_a_wrapped_dump():
    # A copy-paste capture: menu lines, then paragraphs of any length, one per line; consecutive
    # paragraph lines must not be glued together.
    menu = "\n".join(f"Section {i}" for i in range(60))
    capture = menu + "\n" + "\n".join(STORY) + "\n"
    texts = [u.text for u in split_units(capture)[0]]
    assert all(p in texts for p in STORY)


def test_image_file_names_of_a_text_browser_are_markup():
    # lynx prints an image that has no alt text as its file name in brackets, alone or before a link.
    capture = _lynx_page(10, STORY[:4]).replace("   Section 3\n", "   [arrow_right.gif] Section 3\n"
                                                "   [header_logo.gif] [7f3a9c.jpg?w=605]\n")
    units, markup = split_units(capture)
    texts = [u.text for u in units]
    assert "Section 3" in texts and STORY[0] in texts
    assert not any(".gif" in t or ".jpg" in t for t in texts)
    assert any("header_logo.gif" in m.text for m in markup)


def test_a_markdown_link_with_an_unescaped_target_keeps_only_its_text():
    # Converters leave javascript: and mailto: targets with spaces and parentheses unescaped.
    capture = (
        "Read [the full report](http://example.com/report) here.\n\n"
        "[Email to a friend](javascript:void window.open('/email.aspx?id=3f&ref= '', 'width=450')) |"
        " [Report this comment.](mailto:desk@example.com?subject=A problem with a comment)\n"
    )
    texts = [u.text for u in split_units(capture)[0]]
    assert texts == ["Read the full report here.", "Email to a friend | Report this comment."]


def test_a_text_browser_heading_that_fills_its_line_runs_on_at_the_margin():
    # lynx prints headings and standfirsts at the margin, body text indented: a standfirst that
    # fills its line goes on on the next line at the margin, and is one unit, not two headings.
    standfirst = ("Cracks found in two piers of the old ferry building force the harbour authority to close "
                  "it for months of repairs over the summer")
    head = textwrap.fill(standfirst, 111)
    assert len(head.split("\n")) == 2  # the layout under test
    capture = _lynx_page(10, STORY[:4]).replace("\n\n   LISBON", "\n\nFerry terminal to close\n\n" + head
                                                + "\n\n   LISBON", 1)
    units, _ = split_units(capture)
    texts = [u.text for u in units]
    assert "Ferry terminal to close" in texts and standfirst in texts and STORY[0] in texts
    assert next(u for u in units if u.text == standfirst).heading


def _first_line_indented(paragraph: str, extra: int) -> str:
    """A paragraph as lynx prints a page that indents first lines with spaces: the first line
    ``extra`` columns deeper than the rest, every line as full as the width allows."""
    first = textwrap.wrap(paragraph, 111 - extra)[0]
    rest = textwrap.fill(paragraph[len(first) + 1 :], 111, initial_indent="   ", subsequent_indent="   ")
    return " " * (3 + extra) + first + "\n" + rest


def test_a_paragraphs_indented_first_line_runs_on_into_the_rest():
    # Paragraphs of three lines or more: the lines after the first tell the wrap width.
    paragraphs = [a + " " + b for a, b in zip(STORY[::2], STORY[1::2], strict=True)]
    capture = _lynx_page(10, []) + "\n\n".join(_first_line_indented(p, 4) for p in paragraphs) + "\n"
    assert all(len(p.split("\n")) >= 3 for p in capture.split("\n\n")[1:])  # the layout under test
    units, _ = split_units(capture)
    texts = [u.text for u in units]
    assert all(p in texts for p in paragraphs)
    assert {u.indent for u in units if u.text in paragraphs} == {3}  # the margin, for the lines that follow


def test_deeper_lines_that_are_no_first_line_indent_stay_apart():
    # One space deeper is a renderer's stray margin; a list item, a menu's row and a line above a
    # rule are blocks of their own however full they are.
    deep = textwrap.wrap(STORY[1], 104)[0]
    rest = "would close for repairs until the end of the summer."
    menu_row = " | ".join(["Home", "News", "Sport", "Business", "Opinion", "Culture", "Travel"] * 2)
    cases = {
        "stray margin": f"    {deep}\n   {rest}",
        "list item": f"     * {deep}\n   {rest}",
        "menu row": f"      {menu_row}\n   Sections | Marketplace | Subscriber Services | Archives",
        "across a rule": f"      {deep}\n   {'-' * 60}\n   {rest}",
    }
    page = _lynx_page(10, STORY[:4]) + "\n"
    start = page.count("\n") + 1
    for label, block in cases.items():
        assert len(block.split("\n")[0]) >= 0.8 * 114, label  # a full line: it could run on
        units, _ = split_units(page + block + "\n")
        assert [u.first_line for u in units if u.first_line >= start][:2] == [start, start + 1 + ("rule" in label)], label


def test_short_lines_at_a_text_browsers_margin_stay_apart():
    capture = _lynx_page(10, STORY[:4]).replace("\n\n   LISBON",
                                                "\n\nFerry terminal to close\nBy Ana Costa\n\n   LISBON", 1)
    texts = [u.text for u in split_units(capture)[0]]
    assert "Ferry terminal to close" in texts and "By Ana Costa" in texts


def test_a_text_browsers_button_marks_are_not_text():
    capture = _lynx_page(10, STORY[:4]).replace("   Section 3\n", "   Search: (BUTTON)\n   (BUTTON)\n", 1)
    texts = [u.text for u in split_units(capture)[0]]
    assert "Search:" in texts
    assert not any("BUTTON" in t for t in texts)


def test_a_caption_label_starts_a_unit_even_under_a_full_line():
    # lynx prints a photo's caption on the line after the paragraph above the photo: when that
    # paragraph fills its last line, the caption would otherwise read as its continuation.
    paragraph = STORY[1]
    lines = textwrap.fill(paragraph, 111, initial_indent="   ", subsequent_indent="   ").split("\n")
    while len(lines[-1]) < 100:  # the layout under test: a paragraph whose last line is full
        paragraph += " It said so again."
        lines = textwrap.fill(paragraph, 111, initial_indent="   ", subsequent_indent="   ").split("\n")
    caption = "Image copyright Getty Images Image caption The terminal opened in 1932"
    capture = _lynx_page(10, STORY[:4]) + "\n" + "\n".join(lines) + "\n   " + caption + "\n"
    texts = [u.text for u in split_units(capture)[0]]
    assert paragraph in texts and caption in texts



def test_a_short_first_line_ending_on_between_runs_on():
    # "between", "within", "into" end no sentence: the next line, capitalised or not, goes on.
    paragraph = ("The temporary service will run every hour between Lisbon and Almada from Monday, the council "
                 "said, while the engineers finish the work on the two damaged piers of the old terminal.")
    head = "The temporary service will run every hour between"
    capture = "\n\n".join([*(_wrapped(p, first_line_short=False) for p in STORY[:4]),
                            head + "\n" + textwrap.fill(paragraph[len(head) + 1:], 80)])
    texts = [u.text for u in split_units(capture)[0]]
    assert paragraph in texts


def test_a_text_browsers_frames_and_embeds_are_markup():
    # lynx prints an inline frame as "IFRAME:" and its name or address, an embed as "[EMBED]":
    # a like button's frame under the story is the renderer's note, not a line of the page.
    frame = "   IFRAME: http://www.facebook.com/plugins/like.php?href=http%3A%2F%2Fexample.com%2Fstory&layout=button"
    capture = _lynx_page(10, STORY[:4]) + "\n" + frame + "\n\n   IFRAME: likes-master\n\n   [EMBED]\n"
    units, markup = split_units(capture)
    texts = [u.text for u in units]
    assert texts[-4:] == STORY[:4]
    assert [m.text for m in markup] == [frame.strip(), "IFRAME: likes-master", "[EMBED]"]


def test_a_line_that_mentions_an_iframe_is_text():
    capture = _lynx_page(10, STORY[:4]) + "\n   The widget loads in an IFRAME: a frame inside the page.\n"
    texts = [u.text for u in split_units(capture)[0]]
    assert texts[-1] == "The widget loads in an IFRAME: a frame inside the page."


def test_a_frames_address_that_runs_over_several_lines_is_markup():
    # lynx cuts an address too long for its line anywhere and goes on on the next lines; the
    # line after the address is text again.
    frame = ["   IFRAME:",
             "   http://www.facebook.com/plugins/like.php?href=http%3A%2F%2Fwww.example.com%2F2018%2F10%2Fsaraki",
             "   -melaye-ben-bruce-drag-igp-idris%2F&layout=button_count&show_faces=false&width=1000&action=",
             "   like&font=arial&colorscheme=light&height=21", "   Advertisement"]
    capture = _lynx_page(10, STORY[:4]) + "\n" + "\n".join(frame) + "\n"
    units, markup = split_units(capture)
    assert [u.text for u in units][-5:] == [*STORY[:4], "Advertisement"]
    assert [m.text for m in markup] == [line.strip() for line in frame[:4]]


def test_a_long_table_of_data_is_measured_once_not_from_each_row(monkeypatch):
    # Every look for a table reads the lines ahead of it; looking again from each row of a long
    # table of data (which is read row by row) would read the capture once per row.
    import cleaner.text_units as text_units

    looks = []
    real = text_units._grid
    monkeypatch.setattr(text_units, "_grid", lambda lines, i: looks.append(i) or real(lines, i))
    rows = [f"{i:<5} {'Driver %d' % i:<14} {5000 + i:<6} {i % 7}" for i in range(2000)]
    units, _ = split_units("\n".join(rows))
    assert [u.text for u in units] == [" ".join(r.split()) for r in rows]
    assert len(looks) <= 2


def test_looks_for_tables_that_never_line_up_are_bounded(monkeypatch):
    import random

    import cleaner.text_units as text_units

    looks = []
    real = text_units._grid
    monkeypatch.setattr(text_units, "_grid", lambda lines, i: looks.append(i) or real(lines, i))
    rng = random.Random(3)
    lines = ["x" * rng.randint(1, 30) + "   " + "y" * rng.randint(1, 30) + "   " + "z" * rng.randint(1, 9)
             for _ in range(5000)]
    split_units("\n".join(lines))
    assert len(looks) <= text_units._MAX_GRID_TRIES + 50
