"""The text path's choices after the heuristics: which line is the headline, what is a repeat."""

from cleaner import clean

BODY = [
    "The harbour authority of the city said on Tuesday that the old ferry terminal would close for "
    "repairs until the end of the summer, after inspectors found cracks in two of its piers.",
    "The regional transport council and the ferry operators agreed to run a temporary service from "
    "the cargo quay, which lies some two kilometres to the east of the present terminal building.",
    "Passengers were advised to allow an extra half hour for their journeys during the first weeks "
    "of the new arrangement, the council said in a statement issued after the meeting.",
    "Engineers expect the repairs to cost about four million euros, most of which will come from a "
    "fund the national government set aside last year for ageing port buildings along the coast.",
]


def test_a_tool_bar_above_the_headline_is_not_taken_for_it():
    # "E-mail this to a friend" reads like a headline (a short line without a full stop) and comes
    # first; the article-tools heuristic names it, so the headline below it is found.
    capture = "\n\n".join(["E-mail this to a friend", "Printable version",
                           "Harbour terminal to close for the summer", "January 7, 2008", *BODY])
    article = clean(capture, site_rules=False)
    assert article.title == "Harbour terminal to close for the summer"
    assert list(article.paragraphs) == BODY


def test_a_second_copy_of_the_story_in_one_block_is_a_duplicate():
    # Pages that carry the story twice (a print version, a share widget's text) give the copy as
    # one long block that equals no paragraph but repeats their words.
    capture = "\n\n".join(["Harbour terminal to close for the summer", *BODY, "Share this story",
                           " ".join(BODY)])
    article = clean(capture, site_rules=False)
    assert list(article.paragraphs) == BODY
    assert any(r.reason == "duplicate" for r in article.removed)


def test_a_paragraph_that_repeats_a_few_words_is_kept():
    last = ("Passengers were advised to allow an extra half hour for their journeys, and the council "
            "said the temporary service from the cargo quay would run every twenty minutes from May.")
    capture = "\n\n".join(["Harbour terminal to close for the summer", *BODY, last])
    assert list(clean(capture, site_rules=False).paragraphs) == [*BODY, last]


def test_the_headline_is_the_line_closest_to_the_story_but_not_its_standfirst():
    # A site line above the headline reads like a headline too ("Back to the homepage"); the
    # story's own is the one closest to it. A standfirst without a full stop directly under the
    # headline is not taken for it.
    headline = "Harbour terminal to close for the summer"
    standfirst = "Cracks found in two piers of the old ferry building force months of repairs"
    capture = "\n\n".join(["Back to the homepage", headline, "January 7, 2008", *BODY])
    assert clean(capture, site_rules=False).title == headline
    capture = "\n\n".join(["Back to the homepage", headline, standfirst, "January 7, 2008", *BODY])
    article = clean(capture, site_rules=False)
    assert article.title == headline
    assert list(article.paragraphs) == [standfirst, *BODY]


def test_the_headline_with_menu_words_glued_in_front_gives_way_to_its_clean_copy():
    # Browser copies glue a breadcrumb to the headline ("HomeNEWS..."); the clean copy under it is
    # the title, and neither copy is a paragraph of the story.
    headline = "BREAKING NEWS: Harbour terminal to close for the summer"
    capture = "\n\n".join(["HomeLOCAL NEWS" + headline, headline, "January 7, 2008", *BODY])
    article = clean(capture, site_rules=False)
    assert article.title == headline
    assert list(article.paragraphs) == BODY
    assert any(r.reason == "duplicate-title" and r.text.startswith("HomeLOCAL") for r in article.removed)


def test_a_post_under_its_own_posted_by_head_keeps_its_body_when_comments_use_the_head_too():
    body = [f"Paragraph {i} of the post tells how the new library was planned, argued over and finally built "
            f"by the council over three long years, with the budget fought over at every meeting." for i in range(6)]
    capture = "\n\n".join([
        "The new library opens", "Posted by Jane Doe on March 3, 2008", *body,
        "Posted by: tom3465, farnworth on 8:21pm Tue 4 Mar 08", "About time too, it took them long enough.",
        "Posted by: donmarg, bolton on 9:06pm Tue 4 Mar 08", "Why was it so expensive?",
    ])
    text = clean(capture, site_rules=False).text
    assert all(p in text for p in body)
    assert "About time too" not in text and "so expensive" not in text


COMMENTS = [
    "I used that ferry every week for twenty years and the piers were already crumbling back then, so "
    "none of this comes as a surprise to anyone who lives on the island.",
    "The temporary service from the cargo quay is a good idea, but they should run a shuttle bus from "
    "the station as well, because the walk along the harbour road is long and there is no pavement.",
    "Four million euros seems a lot for two piers; I would like to know who gets the contract and "
    "whether the council asked for more than one quote before they agreed to it.",
]


def test_readers_comments_under_their_section_head_are_not_the_story():
    # Comments are prose, so only their head says the story stopped; the same head in the tool bar
    # under the headline (no story above it yet) leaves the story alone.
    capture = "\n\n".join(["Harbour terminal to close for the summer", "[ 3 comments ]", *BODY,
                           "Tags: ferries, harbour", "Top Rated Comments", *COMMENTS])
    article = clean(capture, site_rules=False)
    assert list(article.paragraphs) == BODY
    assert [r.reason for r in article.removed if r.text in COMMENTS] == ["outside-article"] * 3


def test_a_reader_views_head_or_the_house_rules_of_a_comment_section_end_the_story():
    # Sections of readers' views open with a counted head or with the rules for commenting; the
    # comments under them are prose the line model would read as more of the story.
    for head in ["Reader views (3)", "Add Comment",
                 "Comment posters are responsible for the opinions they express and for the accuracy "
                 "of what they post.", "Be the first to post a comment on this story."]:
        capture = "\n\n".join(["Harbour terminal to close for the summer", "January 7, 2008", *BODY, head,
                                *COMMENTS])
        article = clean(capture, site_rules=False)
        assert list(article.paragraphs) == BODY, head


def test_social_posts_the_story_embeds_are_not_a_comment_thread():
    # An embedded post is dated by its day ("Posted by NAME on Monday, ..."); two of them from two
    # accounts must not end the story the way two readers' time-stamped comments do.
    capture = "\n\n".join(["Harbour terminal to close for the summer", *BODY[:2],
                            "Posted by Harbour Authority on Monday, January 7, 2008",
                            "The terminal closes today. Ferries leave from the cargo quay until further "
                            "notice.",
                            "Posted by Island Ferries on Sunday, January 6, 2008",
                            "From tomorrow our boats call at the cargo quay. Please allow extra time.",
                            *BODY[2:]])
    text = clean(capture, site_rules=False).text
    assert all(p in text for p in BODY)


TIMETABLE = ["June 9 -- Lisbon, Cais do Sodré", "June 10 -- Porto, Ribeira", "June 14 -- Faro, Marina",
             "June 17 -- Lagos, Ponta da Bandeira"]


def test_a_list_the_story_announces_stays_with_it():
    # Short lines without a sentence under the story's last paragraph: the line model alone doubts
    # them, and the line announcing them, once the list is long.
    announce = "The temporary ferry service will call at these quays:"
    capture = "\n\n".join(["Harbour terminal to close for the summer", *BODY, announce, *TIMETABLE,
                           "Share this story", "Facebook", "Twitter"])
    article = clean(capture, site_rules=False)
    assert list(article.paragraphs) == [*BODY, announce, *TIMETABLE]


def test_a_list_ends_where_its_items_stop_looking_alike():
    # The announced "list" is one link, then the site's footer: lines of another shape.
    footer = ["Local News Leader", "A publication by the", "Path Publishing Group.", "Come see us again."]
    capture = "\n\n".join(["Harbour terminal to close for the summer", *BODY, "On the Net:",
                           "Harbour authority: http://example.org/harbour", *footer])
    assert list(clean(capture, site_rules=False).paragraphs) == BODY


def test_a_form_under_the_story_is_not_a_list():
    capture = "\n\n".join(["Harbour terminal to close for the summer", *BODY, "*Member ID:", "*Password:",
                           "Forgot your password?", "*Choose a password:", "*Re-enter password:"])
    assert list(clean(capture, site_rules=False).paragraphs) == BODY


def test_a_caption_printed_again_with_more_glued_on_is_a_duplicate():
    # Galleries print a photo's caption once in full, then again folded with "... more" or with
    # the credit glued on.
    caption = ("The old ferry terminal seen from the cargo quay on Tuesday, when inspectors found cracks in "
               "two of its piers after a winter of storms along the coast and in the estuary, and the "
               "harbour authority said it would close for the summer.")
    folded = caption[: caption.index(" and the harbour")] + " ... more"
    credited = caption + " Photo: Ana Costa, Wire"
    capture = "\n\n".join(["Harbour terminal to close for the summer", BODY[0], caption, folded, credited,
                           *BODY[1:]])
    article = clean(capture, site_rules=False)
    assert list(article.paragraphs) == [BODY[0], caption, *BODY[1:]]


def test_the_headline_twice_in_one_unit_is_not_a_paragraph():
    headline = "Harbour terminal to close for the summer"
    capture = "\n\n".join(["Home", headline, "January 7, 2008", f"{headline} {headline}", *BODY])
    article = clean(capture, site_rules=False)
    assert article.title == headline
    assert list(article.paragraphs) == BODY


def test_a_question_headline_marked_as_a_heading_is_the_title_not_the_first_paragraph():
    headline = "Will the harbour terminal reopen before the summer is out?"
    capture = "\n\n".join(["[Home](/) | [News](/news)", f"# {headline}", *BODY])
    article = clean(capture, site_rules=False)
    assert article.title == headline
    assert list(article.paragraphs) == BODY


def test_the_page_address_printed_above_the_story_is_not_the_title():
    capture = "\n\n".join(["Subscribe", "https://www.example.com/business/harbour-terminal-to-close-1557",
                           "Business", *BODY])
    article = clean(capture, site_rules=False)
    assert article.title != "https://www.example.com/business/harbour-terminal-to-close-1557"
    assert list(article.paragraphs) == BODY


def test_readers_quoted_under_a_comments_heading_stay_in_the_story():
    # A round-up of readers' views: the heading is followed by quoted paragraphs, not by the
    # names, dates and buttons of a comment section, so the story goes on under it.
    quoted = [f'"{c}" wrote a reader from the island.' for c in COMMENTS]
    capture = "\n\n".join(["Harbour terminal to close for the summer", *BODY, "Readers' comments", *quoted])
    article = clean(capture, site_rules=False)
    assert list(article.paragraphs) == [*BODY, *quoted]


def test_headlines_of_other_stories_the_last_line_announces_are_not_a_list_of_the_story():
    others = ["Why the tram extension is two years late", "Bus fares to rise by ten per cent in April",
              "Parking charges: what the new zones mean for you",
              "How other cities built their cycle networks"]
    capture = "\n\n".join(["Harbour terminal to close for the summer", *BODY,
                           "More from our series on the city's transport:", *others,
                           "Copyright 2024 City News"])
    assert list(clean(capture, site_rules=False).paragraphs) == BODY


def test_two_entries_of_one_template_are_not_a_folded_copy():
    # Notices and listings repeat a long opening; the entries differ in the middle and end alike,
    # where a folded caption stops short or carries a credit.
    entry = ("The council has received an application for the erection of a single-storey rear extension "
             "and the alteration of the existing garage to form a habitable room at {} Mill Lane, Westford.")
    entries = [entry.format(14), entry.format(27)]
    capture = "\n\n".join(["Notice of planning applications", *BODY[:2], *entries, *BODY[2:]])
    assert list(clean(capture, site_rules=False).paragraphs) == [*BODY[:2], *entries, *BODY[2:]]


def test_a_sidebar_widget_of_recent_comments_above_the_story_does_not_end_it():
    # A blog's sidebar printed before the post: the author's bio, then the widgets listing the
    # whole site's recent comments and its comments feed. They are no head of this post's comments.
    bio = ("Jane Doe is a professor of computer science at the city university, where she works on fast "
           "parsers and databases. Her research is supported by the national science council and she "
           "writes here about software performance, compilers and the design of data formats. "
           "You can subscribe to this blog by email, or find her on the usual social networks.")
    capture = "\n\n".join(["Jane Doe's blog", bio, "Recent Comments", "Comments feed",
                           "Harbour terminal to close for the summer", *BODY])
    # (Whether the bio goes too is the article run's business, not this rule's.)
    paragraphs = list(clean(capture, site_rules=False).paragraphs)
    assert paragraphs[-len(BODY):] == BODY


def test_the_story_under_a_box_of_dated_cards_is_not_one_more_card():
    # Cards of headline, dated line and blurb, each closed by "read more"; then the page's own
    # story under its dated headline: one card of another shape after the box is the page going on.
    cards = [x for n, d in ((1, 7), (2, 5), (3, 4)) for x in (
        "read more", f"0{d}.10.2016 Council news item number {n} of the week",
        f"The council group said on the day that item {n} of its work this week was going well...")]
    capture = "\n\n".join([*cards, "read more", "Back to the overview",
                           "22.05.2014 - City Harbour terminal to close for the summer", *BODY])
    assert list(clean(capture, site_rules=False).paragraphs) == BODY


JA_BODY = [
    "市の港湾局は火曜日、古いフェリーターミナルを夏の終わりまで改修のために閉鎖すると発表した。",
    "検査で二つの桟橋にひびが見つかったためで、利用者には東側の貨物埠頭から臨時便が出る。",
    "運輸評議会によると、最初の数週間は乗船までに普段より三十分ほど余計にかかる見込みだという。",
    "改修費は約四百万ユーロで、その大半は政府が昨年設けた古い港湾施設のための基金から出される。",
]


def test_a_japanese_story_is_counted_in_words_not_taken_for_a_menu():
    # Japanese is written without spaces: counted by spaces, every paragraph was one or two
    # "words" long, and the whole story went as a menu.
    capture = "\n\n".join(["ホーム", "ニュース", "地域", "お問い合わせ", "港のターミナル、夏の間閉鎖へ",
                           *JA_BODY, "関連記事", "駅前の再開発、来年に着工", "市バスの路線を一部変更",
                           "空港連絡線の運賃を改定"])
    article = clean(capture, site_rules=False)
    assert article.title == "港のターミナル、夏の間閉鎖へ"
    assert list(article.paragraphs) == JA_BODY
    assert "関連記事" in {r.text for r in article.removed}


def test_an_author_box_under_the_post_goes_but_the_last_paragraph_above_a_bare_link_stays():
    box = ["About Jane Doe", "Jane writes about harbours, ferries and the people who run them.",
           "View all posts by Jane Doe →"]
    article = clean("\n\n".join(["Harbour terminal to close for the summer", *BODY, *box]), site_rules=False)
    assert list(article.paragraphs) == BODY
    assert {r.text for r in article.removed if r.reason == "author-box"} == set(box)
    # No line above the link names the author: the paragraph above it is the story's.
    article = clean("\n\n".join(["Harbour terminal to close for the summer", *BODY, "View all posts by Jane Doe"]),
                    site_rules=False)
    assert list(article.paragraphs) == BODY


def test_a_headline_marked_as_a_heading_may_end_in_a_full_stop():
    # Some sites end their headlines with a full stop; the heading mark says it is one.
    headline = "Harbour terminal closes for the summer."
    capture = "\n\n".join(["[Home](/) | [News](/news)", f"# {headline}", "Share", "Tweet", "Email", *BODY])
    article = clean(capture, site_rules=False)
    assert article.title == headline
    assert list(article.paragraphs) == BODY


def test_a_standfirst_heading_with_a_full_stop_under_the_headline_is_not_the_title():
    headline = "Harbour terminal to close for the summer"
    standfirst = "Cracks found in two piers of the old ferry building force months of repairs."
    # Standfirsts end with a full stop too: under a line that reads like a headline, it stays one.
    capture = "\n\n".join(["[Home](/) | [News](/news)", headline, f"## {standfirst}", "Share", "Tweet",
                            "Email", *BODY])
    article = clean(capture, site_rules=False)
    assert article.title == headline
    assert list(article.paragraphs) == [standfirst, *BODY]


def test_the_headline_over_the_byline_wins_over_a_most_read_list_and_a_back_link():
    # A sports page: a "most read" list (which repeats another story's headline further up), a
    # "<< Back to index" link, then headline, byline and story. The menu heuristic takes the
    # short headline among the links for one more of them; the byline says what it is.
    most_read = ["Hospital radio launches funding drive", "Most read", "Woman dies after fall",
                 "Hospital radio launches funding drive", "Free guided walk", "Loach returns from loan",
                 "Councillor praises schools"]
    capture = "\n\n".join([*most_read, "<<Back to index", "Saints recall big guns", "By Jane Doe", *BODY])
    article = clean(capture, site_rules=False)
    assert article.title == "Saints recall big guns"
    assert list(article.paragraphs) == BODY


def test_an_agency_credit_under_the_story_stays():
    # "With assistance from X." closes agency stories as "(Reporting by X)" closes wire ones.
    credit = "With assistance from Ana Costa."
    capture = "\n\n".join(["Harbour terminal to close for the summer", *BODY, credit, "Read more",
                           "Also worth reading", "- Ferry fares to rise in May", "- New quay opens in Faro"])
    assert list(clean(capture, site_rules=False).paragraphs) == [*BODY, credit]


def test_the_line_announcing_a_list_inside_the_story_stays_with_it():
    # A list inside the story under a subheading: the items stay because the line above announces
    # them, and so does that line, though the model doubts it as much as them.
    announce = "Under the plan, the four million euros will be spent as follows:"
    items = ["- two million euros for new piles under the damaged piers",
             "- one million euros for the sea wall behind the terminal",
             "- one million euros for the temporary service from the cargo quay"]
    capture = "\n\n".join(["Harbour terminal to close for the summer", *BODY[:2], "What the plan pays for",
                           announce, *items, *BODY[2:], "Share this story", "Facebook", "Twitter"])
    paragraphs = list(clean(capture, site_rules=False).paragraphs)
    assert announce in paragraphs
    assert paragraphs.index(announce) + 1 == paragraphs.index(items[0][2:])


def test_text_ads_under_a_sponsored_links_label_go_but_a_story_under_an_advert_label_stays():
    ads = ["Energy Efficiency - CO2 Calculator",
           "Surveys find the energy your home loses and what it costs you. Free quotes and advice.",
           "www.example-surveys.co.uk",
           "Thinking of a New PDA?", "Latest Models, Lower Prices.", "PDA.ClickCompare.example"]
    capture = "\n\n".join(["Harbour terminal to close for the summer", "Sponsored Links", *ads, *BODY])
    article = clean(capture, site_rules=False)
    assert list(article.paragraphs) == BODY
    assert {r.text for r in article.removed if r.reason == "advert"} >= set(ads)
    # A label between paragraphs with a web address under the story: no run of ads with their
    # addresses, so the story stays whole.
    story = [*BODY[:2], "Advertisement", *BODY[2:], "www.harbour-council.example.org"]
    article = clean("\n\n".join(["Harbour terminal to close for the summer", *story]), site_rules=False)
    assert list(article.paragraphs)[:4] == BODY


def test_figures_under_an_advert_label_are_no_ads_addresses():
    from cleaner.heuristics import ads_after_labels
    from cleaner.text_units import Unit

    def units(texts):
        return [Unit(t, i + 1, i + 1, t) for i, t in enumerate(texts)]

    specs = ["Advertisement", "Battery life", "4.5", "Screen", "12.99", "The phone went on sale in May."]
    assert ads_after_labels(units(specs), ["advert"] + [None] * 5) == {}
    ads = ["Sponsored Links", "Boost Your Immune System", "www.example-shield.com", "Sport clothes at low prices",
           "shop.example.co.uk", "The phone went on sale in May."]
    assert ads_after_labels(units(ads), ["advert"] + [None] * 5) == {i: "advert" for i in range(1, 5)}
