"""What an operator sees of a running pledgewatch: `/healthz`, `/metrics`, the web server that serves them
(and the tracker site), and the log lines about poll rounds. `bot.app` wires them into `run`."""

from bot.ops.health import Liveness, Probe, poll_stale_after
from bot.ops.metrics import FeedErrorKind, Metrics
from bot.ops.round_log import RoundLog, round_summary
from bot.ops.web import WebServer, web_application

__all__ = [
    "FeedErrorKind",
    "Liveness",
    "Metrics",
    "Probe",
    "RoundLog",
    "WebServer",
    "poll_stale_after",
    "round_summary",
    "web_application",
]
