"""bot.html.split_message: never over Telegram's limit, never cutting a tag or an entity."""

from __future__ import annotations

import pytest

from bot.html import bold, link, split_message, utf16_units
from tests.support.telegram.telegram_html import visible_text


def test_short_message_is_one_part_unchanged() -> None:
    markup = f"{bold('ML-1')}\n{link('https://x.example', 'news')}"
    assert split_message(markup) == [markup]


def test_parts_break_between_lines_first() -> None:
    lines = [f"{bold(f'line {n}')} " + "x" * 90 for n in range(100)]
    parts = split_message("\n".join(lines), limit=1000)
    assert all(utf16_units(p) <= 1000 for p in parts)
    assert "\n".join(parts).splitlines() == lines


def test_a_long_line_breaks_between_sentences() -> None:
    sentences = [f"Sentence number {n} is here." for n in range(200)]
    parts = split_message(" ".join(sentences), limit=500)
    assert all(p.endswith(".") for p in parts)
    assert " ".join(parts) == " ".join(sentences)


def test_emoji_count_as_two_utf16_units() -> None:
    assert utf16_units("🚆") == 2
    parts = split_message("🚆" * 5000)
    assert [utf16_units(p) for p in parts] == [4096, 4096, 1808]


def test_cjk_without_spaces_is_cut_between_characters() -> None:
    text = "中巴经济走廊" * 1000
    parts = split_message(text)
    assert all(utf16_units(p) <= 4096 for p in parts)
    assert "".join(parts) == text


@pytest.mark.parametrize("unit", ["&amp;", "&lt;b&gt;", "&quot;"])
def test_entities_are_never_cut(unit: str) -> None:
    parts = split_message(unit * 2000, limit=1001)
    for part in parts:
        visible_text(part, "HTML")
    assert "".join(parts) == unit * 2000


def test_an_overlong_line_with_markup_falls_back_to_escaped_text() -> None:
    line = link("https://x.example", "word " * 2000)
    parts = split_message(line)
    assert all(utf16_units(p) <= 4096 for p in parts)
    assert " ".join(visible_text(p, "HTML") for p in parts).split() == ["word"] * 2000
