"""Fault rules on their own, with a hand-driven clock."""

from __future__ import annotations

from tests.support.telegram.faults import FaultPlan, FloodLimits


def test_burst_of_429_is_limited_to_its_count_and_chat() -> None:
    plan = FaultPlan()
    plan.fail_next(2, retry_after=3, chat_id=10)
    assert plan.refusal_for("sendMessage", 11) is None
    codes = [getattr(plan.refusal_for("sendMessage", 10), "error_code", None) for _ in range(3)]
    assert codes == [429, 429, None]


def test_429_carries_retry_after_parameter() -> None:
    plan = FaultPlan()
    plan.fail_next(1, retry_after=5)
    refusal = plan.refusal_for("sendMessage", 1)
    assert refusal is not None
    assert refusal.body() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 5",
        "parameters": {"retry_after": 5},
    }


def test_non_sending_methods_are_never_refused() -> None:
    plan = FaultPlan()
    plan.blocked_chats.add("1")
    assert plan.refusal_for("getChat", 1) is None


def test_per_chat_flood_limit_refuses_the_second_message_within_a_second() -> None:
    limits = FloodLimits(per_chat_per_second=1, overall_per_second=30)
    assert limits.admit(1, now=100.0) is None
    refusal = limits.admit(1, now=100.4)
    assert refusal is not None and refusal.parameters == {"retry_after": 1}
    assert limits.admit(2, now=100.4) is None
    assert limits.admit(1, now=101.0) is None


def test_overall_flood_limit_counts_every_chat() -> None:
    limits = FloodLimits(per_chat_per_second=5, overall_per_second=3)
    assert [limits.admit(chat, now=0.1 * chat) for chat in range(3)] == [None, None, None]
    refusal = limits.admit(99, now=0.3)
    assert refusal is not None and refusal.error_code == 429
