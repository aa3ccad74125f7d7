from lxml import html as lxml_html

from cleaner.html_link_rails import link_texts, linked_lines, story_rails

PAGE = """<html><body>
<a href="/news/one">Floods close the river road</a>
<a href="https://www.example.org/news/two">Council approves the new budget</a>
<a href="//example.org/news/three">School reopens after the storm</a>
<a href="https://shop.other.com/item">Dell XPS 13 laptop review</a>
<a href="#section-2">Why the road closed</a>
<a href="https://example.org/story#section-3">What comes next here</a>
</body></html>"""

SUMMARY = "The river rose two metres overnight and the road stays shut."


def _links():
    return link_texts(lxml_html.fromstring(PAGE), "https://example.org/story")


def test_only_links_to_other_pages_of_the_site_count():
    links = _links()
    assert linked_lines(["Floods close the river road", "Council approves the new budget",
                         "School reopens after the storm"], links) == [True, True, True]
    # another site (a shop offer) and the page's own table of contents are the article's
    assert linked_lines(["Dell XPS 13 laptop review", "Why the road closed", "What comes next here"],
                        links) == [False, False, False]


def test_a_run_of_linked_headlines_with_summaries_goes_with_its_label():
    texts = ["The story's last paragraph ends here, with the mayor's words.", "More headlines",
             "Floods close the river road", SUMMARY, "Council approves the new budget", SUMMARY,
             "School reopens after the storm", SUMMARY]
    linked = linked_lines(texts, _links())
    assert story_rails(texts, linked, [False] * len(texts)) == [False] + [True] * 7


def test_two_linked_headlines_or_a_long_paragraph_between_them_are_not_a_rail():
    long_par = " ".join(["The council met for hours and argued about every line of it."] * 6)
    texts = ["Floods close the river road", long_par, "Council approves the new budget", SUMMARY,
             "School reopens after the storm", SUMMARY]
    linked = linked_lines(texts, _links())
    assert not any(story_rails(texts, linked, [False] * len(texts)))
    assert not any(story_rails(texts[2:], linked[2:], [False] * 4))


def test_a_rail_above_the_article_keeps_the_article_after_its_last_headline():
    texts = ["Floods close the river road", "Council approves the new budget", "School reopens after the storm",
             "The article's first paragraph follows the rail."]
    linked = linked_lines(texts, _links())
    assert story_rails(texts, linked, [False] * len(texts)) == [True, True, True, False]


def test_a_short_lead_in_before_a_linked_headline_points_to_another_story():
    from cleaner.html_link_rails import pointer_lines
    links = _links()
    texts = ["Lea también: Council approves the new budget", "Read also: Dell XPS 13 laptop review",
             "The mayor said the following words about it: Council approves the new budget",
             "Council approves the new budget"]
    # another site's link, a sentence before the colon, and a bare headline (the rails' job) are not pointers
    assert pointer_lines(texts, links) == [True, False, False, False]
