"""The pacer's choices: oldest first among chats allowed to receive now, within the global rate."""

from __future__ import annotations

from dataclasses import dataclass

from bot.alerts.pacing import Pacer


@dataclass
class Item:
    chat_id: int
    order: tuple[int]


def pacer(chat_interval: float = 1.0, overall: float | None = None) -> Pacer[Item]:
    return Pacer(lambda chat_id: chat_interval, overall)


def test_oldest_first_across_chats() -> None:
    p = pacer()
    p.add([Item(2, (3,)), Item(1, (1,)), Item(3, (2,))])
    taken = [p.take(0.0) for _ in range(3)]
    assert [item.order for item in taken if item] == [(1,), (2,), (3,)]


def test_a_chat_rests_for_its_interval_after_a_send() -> None:
    p = pacer(chat_interval=1.0)
    p.add([Item(1, (1,)), Item(1, (2,))])
    first = p.take(0.0)
    assert first is not None
    assert p.take(0.1) is None  # busy
    p.done(1, started=0.0)
    assert p.take(0.5) is None  # resting
    assert p.wait_time(0.5) == 0.5
    second = p.take(1.0)
    assert second is not None and second.order == (2,)


def test_other_chats_go_while_one_rests() -> None:
    p = pacer(chat_interval=1.0)
    p.add([Item(1, (1,)), Item(1, (2,)), Item(2, (3,))])
    assert p.take(0.0) == Item(1, (1,))
    p.done(1, started=0.0)
    assert p.take(0.1) == Item(2, (3,))


def test_overall_rate_spaces_sends() -> None:
    p = pacer(chat_interval=0.0, overall=10.0)
    p.add([Item(n, (n,)) for n in range(3)])
    assert p.take(0.0) is not None
    assert p.take(0.05) is None
    assert p.take(0.1) is not None


def test_pause_holds_everything_and_keeps_the_job_first() -> None:
    p = pacer(chat_interval=0.0)
    p.add([Item(1, (1,)), Item(2, (2,))])
    job = p.take(0.0)
    assert job is not None
    p.pause_all(5.0)
    p.push_front(job)
    p.done(1, started=0.0)
    assert p.take(4.9) is None
    assert p.take(5.0) == Item(1, (1,))


def test_dropped_chat_hands_back_its_jobs() -> None:
    p = pacer()
    p.add([Item(1, (1,)), Item(1, (2,)), Item(2, (3,))])
    assert p.drop_chat(1) == [Item(1, (1,)), Item(1, (2,))]
    assert p.take(0.0) == Item(2, (3,))
    p.done(2, 0.0)
    assert p.is_empty()
    assert p.wait_time(0.0) is None


def test_a_chat_still_rests_when_its_next_job_comes_in_a_later_batch() -> None:
    p = pacer(chat_interval=1.0)
    p.add([Item(1, (1,))])
    assert p.take(0.0) is not None
    p.done(1, started=0.0)
    p.add([Item(1, (2,))])
    assert p.take(0.5) is None
    assert p.take(1.0) == Item(1, (2,))


def test_clear_hands_back_queued_jobs_but_keeps_the_pause() -> None:
    p = pacer(chat_interval=0.0)
    p.add([Item(1, (1,)), Item(2, (2,))])
    p.pause_all(3.0)
    assert p.clear() == [Item(1, (1,)), Item(2, (2,))]
    p.add([Item(3, (3,))])
    assert p.take(2.0) is None
    assert p.take(3.0) == Item(3, (3,))
