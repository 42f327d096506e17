"""An alert that changes its pledge's status says so, judged as of when its article was found."""

from __future__ import annotations

from datetime import timedelta

from bot.alerts.render import render_alert
from bot.services import Services
from tests.alerts.conftest import MakeDispatcher
from tests.alerts.helpers import T0, add_chat, publish
from tests.alerts.rendering import delivery
from tests.alerts.test_render import shown
from tests.support.telegram.client import TelegramHarness

KCR = "karachi-circular-railway"  # no deadline in the test watchlist, so news alone decides its status


def test_a_status_change_is_the_line_under_the_pledge_heading() -> None:
    markup = render_alert(delivery(), "Main Line-1 railway", "ML-1: talk only → in <progress>")
    lines = shown(markup).splitlines()
    assert lines[:3] == [
        "📌 Main Line-1 railway (ml-1-railway)",
        "🔄 Status: ML-1: talk only → in <progress>",
        "ML-1 financing signed",
    ]


async def test_the_alert_of_a_first_step_after_talk_says_the_status_changed(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id, subscribe_to=KCR)
    await publish(services.database, title="KCR plans reaffirmed", commitment_id=KCR, at=T0 + timedelta(hours=1))
    await publish(
        services.database, title="KCR tracks laid", commitment_id=KCR, signal="progress", at=T0 + timedelta(hours=2)
    )
    await make_dispatcher(services).run_once(T0 + timedelta(hours=3))
    talk, step = await alice.replies(2)
    assert talk.visible_text.splitlines()[1] == "KCR plans reaffirmed"
    assert step.visible_text.splitlines()[1:3] == [
        f"🔄 Status: {KCR}: talk only → in progress",
        "KCR tracks laid",
    ]


async def test_a_late_alert_says_what_its_own_article_changed_not_what_came_after(
    telegram: TelegramHarness, services: Services, make_dispatcher: MakeDispatcher
) -> None:
    """The step's alert is sent after two setbacks made the pledge at risk: it still tells its own change."""
    alice = telegram.private_chat("Alice")
    await add_chat(services.database, alice.chat_id, subscribe_to=KCR)
    await publish(services.database, title="KCR plans reaffirmed", commitment_id=KCR, at=T0 + timedelta(hours=1))
    await publish(
        services.database, title="KCR begins", commitment_id=KCR, signal="progress", at=T0 + timedelta(hours=2)
    )
    for hour in (3, 4):
        await publish(
            services.database,
            title=f"KCR halted {hour}",
            commitment_id=KCR,
            signal="setback",
            at=T0 + timedelta(hours=hour),
        )
    await make_dispatcher(services).run_once(T0 + timedelta(hours=5))
    messages = await alice.replies(4)
    changes = [m.visible_text.splitlines()[1] for m in messages]
    assert changes == [
        "KCR plans reaffirmed",
        f"🔄 Status: {KCR}: talk only → in progress",
        "KCR halted 3",  # one setback against one step: not yet at risk
        f"🔄 Status: {KCR}: in progress → at risk",
    ]
