"""Alerts, digests and deadline notices as Telegram would parse them (the test support's HTML checker)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import feedparser
import pytest

from bot.alerts.render import render_alert, render_deadline, render_digest, short_summary
from bot.html import split_message, utf16_units
from storage import MatchedArticle
from tests.alerts.rendering import article, delivery
from tests.support.telegram.telegram_html import visible_text

SANITIZE = Path(__file__).resolve().parent.parent / "data" / "sanitize"
SAMPLES = sorted(SANITIZE.glob("*.xml"))


def shown(markup: str) -> str:
    """What the reader sees, after Telegram's own parser accepted every part (it raises otherwise)."""
    return "\n".join(visible_text(part, "HTML") for part in split_message(markup))


def feed_strings(sample: Path) -> list[str]:
    """The hostile strings of a feedparser sanitize sample: feed title, entry title, summary or content."""
    parsed = feedparser.parse(sample.read_bytes())
    entry = parsed.entries[0] if parsed.entries else {}
    content = (entry.get("content") or [{}])[0].get("value", "")
    found = [parsed.feed.get("title", ""), entry.get("title", ""), entry.get("summary") or content]
    return [text for text in found if text]


def test_there_are_about_twenty_sanitize_samples() -> None:
    assert len(SAMPLES) >= 20


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_sanitize_sample_is_shown_literally_as_title_summary_and_outlet(sample: Path) -> None:
    for text in feed_strings(sample):
        hostile = article(title=text, summary=text, outlet=text)
        markup = render_alert(delivery(hostile, also_in=(text,)), "Main Line-1 railway")
        seen = shown(markup)
        flat = " ".join(text.split())
        assert seen.splitlines()[1] == flat  # the title line: the feed's markup as text
        assert f"{flat} · 24 Nov 2026" in seen
        assert short_summary(text) in seen
        assert re.findall(r"<(\w+)", markup).count("a") == 1  # the only link is ours


def test_alert_shows_pledge_title_link_outlet_date_summary_why_and_other_outlets() -> None:
    markup = render_alert(
        delivery(why=("ML-1", "railway"), also_in=("Express Tribune", "Xinhua")), "Main Line-1 (ML-1) railway"
    )
    assert shown(markup).splitlines() == [
        "📌 Main Line-1 (ML-1) railway (ml-1-railway)",
        "ML-1 financing signed",
        "Dawn · 24 Nov 2026",
        "The agreement covers the first phase.",
        "Matched on: ML-1, railway",
        "Also in: Express Tribune, Xinhua",
    ]
    assert '<a href="https://news.example/ml-1">ML-1 financing signed</a>' in markup


def test_feed_markup_in_title_is_escaped_not_interpreted() -> None:
    markup = render_alert(delivery(article(title='<b>ML-1</b> & "loans" <script>x</script>')), "ML-1")
    assert shown(markup).splitlines()[1] == '<b>ML-1</b> & "loans" <script>x</script>'


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.example/a", None])
def test_only_http_links_are_linked(url: str | None) -> None:
    markup = render_alert(delivery(article(link=url)), "ML-1")
    assert "<a " not in markup
    assert shown(markup).splitlines()[1] == "ML-1 financing signed"


def test_pledge_missing_from_the_watchlist_is_named_by_its_id() -> None:
    assert shown(render_alert(delivery(), None)).splitlines()[0] == "📌 ml-1-railway"


def test_summary_is_cut_to_about_two_lines_at_a_word() -> None:
    summary = short_summary("word " * 200)
    assert len(summary) <= 281
    assert summary.endswith("word…")


@pytest.mark.parametrize(
    "unit",
    ["Railway financing ", "铁路融资协议签署", "🚆🚄 ", "ML-1 & <KCR> "],
    ids=["latin", "cjk", "emoji", "entities"],
)
def test_alert_with_a_huge_title_is_split_into_valid_messages(unit: str) -> None:
    title = unit * 3000
    parts = split_message(render_alert(delivery(article(title=title, summary=title)), "ML-1"))
    assert len(parts) > 1
    assert all(utf16_units(part) <= 4096 for part in parts)
    seen = "".join(visible_text(part, "HTML") for part in parts)
    assert "".join(title.split()) in "".join(seen.split())


def test_digest_groups_alerts_by_pledge_in_order_of_the_oldest() -> None:
    items = [
        delivery(article(1, title="KCR tender"), delivery_id=1, commitment_id="karachi-circular-railway"),
        delivery(article(2, title="ML-1 loan"), delivery_id=2),
        delivery(article(3, title="KCR route"), delivery_id=3, commitment_id="karachi-circular-railway"),
    ]
    [message] = render_digest(items, {"karachi-circular-railway": "Karachi Circular Railway", "ml-1-railway": "ML-1"})
    assert shown(message.markup).splitlines() == [
        "📰 Daily digest: 3 articles on 2 pledges",
        "",
        "📌 Karachi Circular Railway (karachi-circular-railway)",
        "• KCR tender — Dawn · 24 Nov 2026",
        "• KCR route — Dawn · 24 Nov 2026",
        "",
        "📌 ML-1 (ml-1-railway)",
        "• ML-1 loan — Dawn · 24 Nov 2026",
    ]
    assert message.delivery_ids == (1, 3, 2)


def test_long_digest_is_packed_into_messages_that_settle_every_alert_once() -> None:
    pledges = [f"pledge-{n}" for n in range(40)]
    items = [
        delivery(article(i, title=f"News {i} " + "长标题" * 40), delivery_id=i, commitment_id=pledges[i % 40])
        for i in range(400)
    ]
    messages = render_digest(items, {})
    assert len(messages) > 1
    assert all(utf16_units(m.markup) <= 4096 for m in messages)
    for message in messages:
        visible_text(message.markup, "HTML")
    settled = [i for m in messages for i in m.delivery_ids]
    assert sorted(settled) == list(range(400))


def test_deadline_notice_lists_the_news_found_up_to_then() -> None:
    news = [MatchedArticle(article(1, title="ML-1 loan signed"), "ml-1-railway", 0.9, ("ML-1",))]
    markup = render_deadline("ml-1-railway", "Main Line-1 railway", date(2026, 6, 30), news, total=7)
    assert shown(markup).splitlines() == [
        "⏰ Deadline passed",
        "📌 Main Line-1 railway (ml-1-railway)",
        "The deadline was 30 Jun 2026.",
        "News found up to then: 7 articles, the latest 1:",
        "• ML-1 loan signed — Dawn · 24 Nov 2026",
    ]


def test_deadline_notice_says_when_no_news_was_found() -> None:
    markup = render_deadline("gwadar-port", "Gwadar <port>", date(2026, 6, 30), [], total=0)
    assert "No news about this pledge was found up to the deadline." in shown(markup)
    assert "Gwadar <port>" in shown(markup)
