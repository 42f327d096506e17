"""The HTML checker refuses what the Bot API refuses, with the Bot API's wording."""

from __future__ import annotations

import pytest

from tests.support.telegram.telegram_html import TelegramTextError, parse_html, utf16_length, visible_text


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("<b>bold</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <ins>n</ins>", "bold s i e u n"),
        ("<s>a</s><strike>b</strike><del>c</del>", "abc"),
        ('<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>', "xy"),
        ('<a href="https://example.org/?a=1&amp;b=2">link</a>', "link"),
        ("<code>x</code><pre>y</pre>", "xy"),
        ('<pre><code class="language-python">print(1)</code></pre>', "print(1)"),
        ("<blockquote>q</blockquote><blockquote expandable>long</blockquote>", "qlong"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
        ("<B>upper</B>", "upper"),
        ("<b>nested <i>italic</i></b>", "nested italic"),
        ("<b>closed by an empty end tag</>", "closed by an empty end tag"),
    ],
)
def test_whitelisted_markup_is_accepted(html: str, shown: str) -> None:
    assert parse_html(html) == shown


def test_named_and_numeric_entities_are_decoded() -> None:
    assert parse_html("&lt;a&gt; &amp; &quot;q&quot; &#39; &#x1F600;") == '<a> & "q" \' 😀'


def test_bare_greater_than_is_kept_like_telegram_does() -> None:
    assert parse_html("2 > 1") == "2 > 1"


@pytest.mark.parametrize(
    ("html", "description"),
    [
        ("a<br>b", 'Unsupported start tag "br" at byte offset 1'),
        ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("ends with <", "Unclosed start tag at byte offset 10"),
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ('<span class="other">x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a href>x</a>", 'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0'),
        ('<a href="x>y</a>', 'Unclosed start tag "a" at byte offset 0'),
        ("AT&T", 'Unescaped "&" at byte offset 2; use &amp;'),
        ("&copy; 2024", 'Unescaped "&" at byte offset 0; use &amp;'),
        ("&lt without semicolon", 'Unescaped "&" at byte offset 0; use &amp;'),
        ("é<x>", 'Unsupported start tag "x" at byte offset 2'),
    ],
)
def test_malformed_html_is_refused_with_telegrams_description(html: str, description: str) -> None:
    with pytest.raises(TelegramTextError) as raised:
        parse_html(html)
    assert str(raised.value) == f"Bad Request: can't parse entities: {description}"


def test_length_is_counted_in_utf16_units_after_parsing() -> None:
    assert utf16_length("😀é") == 3
    assert visible_text("<b>" + "x" * 4096 + "</b>", "HTML") == "x" * 4096


def test_text_over_4096_utf16_units_is_too_long() -> None:
    with pytest.raises(TelegramTextError, match=r"^Bad Request: message is too long$"):
        visible_text("😀" * 2049, "HTML")


def test_empty_text_after_parsing_is_refused() -> None:
    with pytest.raises(TelegramTextError, match=r"^Bad Request: message text is empty$"):
        visible_text("<b> </b>", "HTML")


def test_plain_text_is_not_parsed_as_html() -> None:
    assert visible_text("1 < 2 & <br>", None) == "1 < 2 & <br>"
