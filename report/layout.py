"""The frame every page shares: document head with the inline stylesheet, the footer's legend of statuses."""

from __future__ import annotations

from report.assets import STYLE
from report.html import Html, element, join
from tracker import RECENT, STALLED_AFTER, Status

STATUS_MEANINGS = {
    Status.NO_NEWS: "nothing has been matched to the pledge yet.",
    Status.TALK_ONLY: "news, but none reports a step: intent, reiteration, commentary.",
    Status.IN_PROGRESS: f"a step reported in the last {STALLED_AFTER.days} days (signed, approved, began, opened …).",
    Status.STALLED: f"earlier steps, then none for more than {STALLED_AFTER.days} days.",
    Status.AT_RISK: f"more setbacks than steps in the last {RECENT.days} days (delayed, suspended, cancelled …).",
    Status.OVERDUE: "the deadline has passed and nobody has marked the pledge delivered.",
    Status.DELIVERED: "an administrator judged it kept, with a note and a link to the evidence.",
}


def badge(status: Status) -> Html:
    return element("span", {"class": f"badge s-{status.value}"}, status.label)


def document(title: str, body: Html, script: Html | None = None) -> str:
    """A whole page: UTF-8, phone-width viewport, the stylesheet inline, the script (if any) last."""
    head = element(
        "head",
        None,
        element("meta", {"charset": "utf-8"}),
        element("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
        element("meta", {"name": "generator", "content": "pledgewatch"}),
        element("title", None, title),
        element("style", None, STYLE),
    )
    scripts = element("script", None, script) if script else None
    return "<!doctype html>\n" + element("html", {"lang": "en"}, head, element("body", None, body, scripts)) + "\n"


def legend() -> Html:
    """What each status means, for the footer of every page."""
    rows = join(
        join([element("dt", None, badge(status)), element("dd", None, meaning)])
        for status, meaning in STATUS_MEANINGS.items()
    )
    return join(
        [
            element("h2", None, "What the statuses mean"),
            element("dl", None, rows),
            element(
                "p",
                None,
                "Each article matched to a pledge is read as progress, setback or mention from its wording; the "
                "same story from several outlets counts once. An administrator's judgement overrides the rules "
                "and is shown as such.",
            ),
            element("p", None, "Made by pledgewatch. This page loads nothing from the network."),
        ]
    )


def footer() -> Html:
    return element("footer", None, legend())
