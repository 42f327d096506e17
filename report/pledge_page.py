"""<id>.html: one pledge — what was promised, its status and why, its weekly news, and the evidence in order."""

from __future__ import annotations

from datetime import datetime

from matcher import Signal
from report.charts import CHART_WEEKS, SIGNAL_COLOURS, STACK_ORDER, bar_chart, weekly_counts
from report.html import Html, element, join, link
from report.index_page import NO_SECTION
from report.layout import badge, document, footer
from report.words import countdown, day, plural
from tracker import Evidence, Override, PledgeStatus

TIMELINE_MENTIONS = 100
"""The timeline shows every progress and setback item (the status rests on them) but only this many of the
newest mentions: a much-discussed pledge has thousands, and the page must stay quick on a phone."""
SIGNAL_MARKS = {Signal.PROGRESS: "▲ progress", Signal.SETBACK: "▼ setback", Signal.MENTION: "• mention"}


def render_pledge(pledge: PledgeStatus, communique: str, now: datetime) -> str:
    c = pledge.commitment
    header = element(
        "header",
        {"class": "site"},
        element("p", None, element("a", {"href": "index.html"}, "← All pledges")),
        element("h1", None, c.title),
        element("p", None, badge(pledge.assessment.status), f" · {c.kind.value} · {c.section or NO_SECTION}"),
    )
    main = element(
        "main",
        None,
        _promise(pledge, communique, now),
        _status(pledge, now),
        _volume(pledge, now),
        _timeline(pledge.evidence, now),
    )
    return document(f"{c.title} — pledge tracker", join([header, main, footer()]))


def _promise(pledge: PledgeStatus, communique: str, now: datetime) -> Html:
    c = pledge.commitment
    facts = [("Id", element("code", None, c.id)), ("Deadline", _deadline(pledge, now))]
    if c.aliases:
        facts.append(("Also known as", ", ".join(c.aliases)))
    if c.tags:
        facts.append(("Tags", ", ".join(c.tags)))
    return element(
        "section",
        {"aria-labelledby": "promise"},
        element("h2", {"id": "promise"}, "What was promised"),
        element(
            "figure",
            None,
            element("blockquote", None, " ".join(c.quote.split())),
            element("figcaption", {"class": "note"}, "— ", element("cite", None, communique)),
        ),
        element("dl", {"class": "facts"}, *(join([element("dt", None, k), element("dd", None, v)]) for k, v in facts)),
    )


def _deadline(pledge: PledgeStatus, now: datetime) -> Html | str:
    deadline = pledge.commitment.deadline
    if deadline is None:
        return "none stated"
    return join(
        [element("time", {"datetime": deadline.isoformat()}, day(deadline)), f" ({countdown(deadline, now.date())})"]
    )


def _status(pledge: PledgeStatus, now: datetime) -> Html:
    assessment = pledge.assessment
    parts = [
        element("h2", {"id": "status"}, "Status"),
        element("p", None, badge(assessment.status), f" as of {day(now)}"),
        element("ul", {"class": "reasons"}, *(element("li", None, reason) for reason in assessment.reasons)),
    ]
    if assessment.override is not None and assessment.override.link:
        parts.append(element("p", None, link(assessment.override.link, "Evidence for this judgement")))
    if pledge.overrides:
        parts += [
            element("h3", None, "Judgements by administrators"),
            element("ol", {"reversed": True}, *(_judgement(o) for o in reversed(pledge.overrides))),
        ]
    return element("section", {"aria-labelledby": "status"}, *parts)


def _judgement(override: Override) -> Html:
    who = "the command line" if override.set_by == "cli" else f"admin {override.set_by}"
    what = override.status.label if override.status else "back to the rules"
    return element(
        "li",
        None,
        element("time", {"datetime": override.set_at.isoformat()}, day(override.set_at)),
        f" — {what}, by {who}: {override.note} ",
        link(override.link, "(evidence)") if override.link else None,
    )


def _volume(pledge: PledgeStatus, now: datetime) -> Html:
    weeks = weekly_counts(pledge.evidence, now, CHART_WEEKS)
    keys = [
        element("li", None, element("span", {"class": "swatch", "style": f"background:{SIGNAL_COLOURS[s]}"}), s.value)
        for s in STACK_ORDER
    ]
    return element(
        "section",
        {"aria-labelledby": "volume"},
        element("h2", {"id": "volume"}, "Articles per week"),
        bar_chart(weeks),
        element("ul", {"class": "legend", "aria-label": "Colours of the chart"}, *keys),
    )


def _timeline(evidence: tuple[Evidence, ...], now: datetime) -> Html:
    known = sorted((item for item in evidence if item.published <= now), key=lambda item: item.published, reverse=True)
    mentions = [item for item in known if item.signal is Signal.MENTION]
    left_out = set(map(id, mentions[TIMELINE_MENTIONS:]))
    shown = [item for item in known if id(item) not in left_out]
    parts = [element("h2", {"id": "timeline"}, "Evidence, newest first")]
    if not shown:
        parts.append(element("p", None, "No news has been matched to this pledge yet."))
    else:
        parts.append(element("ol", {"class": "timeline"}, *(_item(item) for item in shown)))
    if left_out:
        parts.append(element("p", {"class": "note"}, f"{plural(len(left_out), 'older mention')} not shown."))
    return element("section", {"aria-labelledby": "timeline"}, *parts)


def _item(item: Evidence) -> Html:
    when: list[Html | str] = [element("time", {"datetime": item.published.isoformat()}, day(item.published))]
    if item.outlet.strip():
        when.append(f" · {item.outlet.strip()}")
    return element(
        "li",
        {"class": f"signal-{item.signal.value}"},
        element("span", {"class": "signal"}, SIGNAL_MARKS[item.signal]),
        " ",
        element("span", {"class": "when"}, *when),
        element("br"),
        link(item.link, " ".join(item.title.split()) or "(untitled)"),
    )
