from cleaner.html_title import headline_in_body


def test_the_body_headline_replaces_a_title_with_section_and_site_names():
    body = ["Soccer", "Chelsea hoping to sign Anelka before weekend", "Chelsea are hoping to complete ..."]
    assert headline_in_body("Chelsea hoping to sign Anelka before weekend - Soccer - Sport - Breaking News",
                            body, None) == "Chelsea hoping to sign Anelka before weekend"
    assert headline_in_body("Xbox360: Soul Calibur IV adds Yoda", ["Soul Calibur IV adds Yoda"], None) \
        == "Soul Calibur IV adds Yoda"


def test_the_site_name_or_a_short_section_name_is_not_the_headline():
    assert headline_in_body("Graceful girl in a similar world - Summit Daily News",
                            ["Summit Daily News", "Breaking News Today"], "Summit Daily News") is None
    assert headline_in_body("Budget passes - World News", ["World News"], None) is None
    assert headline_in_body("Budget passes", ["Budget passes", "Text."], None) is None  # already the headline
