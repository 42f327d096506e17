"""What the log says about poll rounds: the rounds that did something, and spells without network as changes.

An empty round (no feed was due) is DEBUG: at a 30-second tick its INFO line was most of the log. A round that
checked feeds is one INFO line, and a feed that failed while others answered is one WARNING with its URL: that
feed's own problem. A round in which no feed answered is our network's problem, and one warning per feed, each
round, said nothing more than one line would. So such a spell is one WARNING when it starts, naming the feeds,
one line per round while it lasts (each feed's error at DEBUG), and one INFO when feeds answer again.
"""

from __future__ import annotations

import logging
import time

from feeds import PollReport

log = logging.getLogger("pledgewatch")

OFFLINE = "no feed answered: is this machine offline?"


class RoundLog:
    """Logs each poll round's report; remembers since when no feed has answered (None: feeds answer)."""

    def __init__(self) -> None:
        self._offline_since: float | None = None

    def finished(self, report: PollReport) -> None:
        """A spell starts with a round the poller judged offline and ends with any answer; a round of one
        failing feed (feeds keep their own schedules) does neither, lest the log flap."""
        if report.network_down:
            self._no_feed_answered(report)
        elif report.answered:
            self._feeds_answered()
        level = logging.INFO if report.checked or report.given_back else logging.DEBUG
        log.log(level, "poll round: %s", round_summary(report))
        feed_level = logging.DEBUG if self._offline_since is not None else logging.WARNING
        for feed_name, url, error in report.errors:
            log.log(feed_level, "feed %s (%s): %s", feed_name, url, error)

    def _no_feed_answered(self, report: PollReport) -> None:
        if self._offline_since is not None:
            return
        self._offline_since = time.monotonic()
        names = ", ".join(feed_name for feed_name, _, _ in report.errors)
        first_error = report.errors[0][2] if report.errors else ""
        log.warning(
            "%s Not answering: %s (first error: %s). Polling goes on; a line will say when feeds answer again",
            OFFLINE,
            names,
            first_error,
        )

    def _feeds_answered(self) -> None:
        if self._offline_since is None:
            return
        log.info("feeds answer again after %.0f s offline", time.monotonic() - self._offline_since)
        self._offline_since = None


def round_summary(report: PollReport) -> str:
    """One round in one line: what `run` logs and `poll --once` prints."""
    line = (
        f"{report.checked} feeds checked, {report.not_modified} not modified, {report.new_articles} new articles, "
        f"{report.matches} matches, {report.alerts_queued} alerts queued, {len(report.errors)} errors"
    )
    if report.given_back:
        line += f", {report.given_back} given back, due again (stopped before their servers answered)"
    if report.network_down:
        line += f" ({OFFLINE} the errors count against no feed)"
    return line
