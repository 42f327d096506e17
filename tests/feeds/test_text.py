from feeds.text import html_to_text, truncate


def test_tags_are_stripped_and_entities_decoded() -> None:
    assert html_to_text("<p>Trade &amp; <b>transit</b>&nbsp;talks</p>") == "Trade & transit talks"


def test_block_tags_keep_words_apart() -> None:
    assert html_to_text("<p>first</p><p>second</p>line<br>break") == "first second line break"


def test_script_and_style_content_is_dropped() -> None:
    assert html_to_text("<style>p{}</style>shown<script>alert(1)</script>") == "shown"


def test_whitespace_runs_collapse_to_one_space() -> None:
    assert html_to_text("  a\n\n\tb \u00a0 c  ") == "a b c"


def test_a_lone_less_than_sign_is_text() -> None:
    assert html_to_text("2 < 3") == "2 < 3"


def test_short_text_is_not_truncated() -> None:
    assert truncate("short text", 50) == "short text"


def test_long_text_is_cut_at_a_word_boundary_with_an_ellipsis() -> None:
    cut = truncate("alpha beta gamma delta epsilon", 20)
    assert cut == "alpha beta gamma…"
    assert len(cut) <= 20


def test_control_characters_are_dropped() -> None:
    assert html_to_text("ML-1\x00 rail\x07way") == "ML-1 railway"
