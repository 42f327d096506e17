"""Is a pledge being kept? Its status from its evidence over time and its deadline. Pure, no I/O.

    assessment = assess(commitment, evidence, override_in_force(overrides, now), now)
    assessment.status     # Status.IN_PROGRESS
    assessment.reasons    # ("in progress: 3 progress items in 90 days, latest 12 Mar: financing consortium agreed",)
    change_made_by(commitment, known, new_item, override, found_at)   # StatusChange(TALK_ONLY, IN_PROGRESS) or None

The rules, their order and their windows: `tracker.rules`.
"""

from tracker.changes import StatusChange, change_made_by, status_change
from tracker.deadlines import deadline_passed_at
from tracker.evidence import Evidence, Override, override_in_force
from tracker.rules import RECENT, STALLED_AFTER, Assessment, PledgeStatus, assess
from tracker.status import AUTO, Status, parse_status

__all__ = [
    "AUTO",
    "RECENT",
    "STALLED_AFTER",
    "Assessment",
    "Evidence",
    "Override",
    "PledgeStatus",
    "Status",
    "StatusChange",
    "assess",
    "change_made_by",
    "deadline_passed_at",
    "override_in_force",
    "parse_status",
    "status_change",
]
