"""The deck index gives exactly the counts and the queue of walking every card, and stays in step."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytool.decks.model import Card, Collection, Deck, Text
from studytool.srs import queue as q
from studytool.srs.clock import day_end
from studytool.srs.config import DeckLimits, StudyConfig
from studytool.srs.deck_index import DeckIndex
from studytool.srs.scheduler import CardState
from studytool.srs.study import Study

NOW = datetime(2025, 3, 10, 3, 50, tzinfo=UTC)  # ten minutes before the study day ends (04:00)
DECKS = ("alpha", "beta", "gamma")
N = 6  # cards per deck
UIDS = [f"{d}/c{i}" for d in DECKS for i in range(N)]


def _collection() -> Collection:
    decks = []
    for d in DECKS:
        cards = tuple(
            Card(deck=d, id=f"c{i}", type="basic", q=Text(zh="问", en="q"), a=Text(zh="答", en="a"), source="s")
            for i in range(N)
        )
        decks.append(Deck(id=d, title=Text(zh=d, en=d), source="s", cards=cards))
    return Collection(decks=decks)


COLLECTION = _collection()
END = day_end(NOW)
# moments around the edges that matter: now, the learn-ahead window (20 min), the end of the day
MOMENTS = [NOW + timedelta(minutes=m) for m in (-3000, -60, -1, 0, 1, 10, 19, 20, 21, 600, 3000)] + [END]
moments = st.sampled_from(MOMENTS)


@st.composite
def card_states(draw: st.DrawFn, uid: str) -> CardState:
    if draw(st.booleans()):  # a review card due around now, as most of a real queue; some were buried before
        return CardState(uid, state="review", reps=draw(st.integers(1, 3)),
                         buried_until=draw(st.none() | st.sampled_from(MOMENTS[:4])), due=draw(moments))  # fmt: skip
    return CardState(
        uid,
        state=draw(st.sampled_from(["new", "learning", "review", "relearning"])),
        reps=draw(st.integers(0, 3)),
        suspended=draw(st.booleans()),
        buried_until=draw(st.none() | moments),
        due=draw(st.none() | moments),
    )


@st.composite
def state_maps(draw: st.DrawFn) -> dict[str, CardState]:
    uids = draw(st.lists(st.sampled_from([*UIDS, "gone/c0", "alpha/removed"]), unique=True))
    return {uid: draw(card_states(uid)) for uid in uids}  # includes orphans (no deck defines them)


configs = st.builds(
    lambda new, rev, gamma: StudyConfig(new_per_day=new, reviews_per_day=rev, deck_limits={"gamma": gamma}),
    st.integers(0, 4), st.integers(0, 4), st.builds(DeckLimits, st.integers(0, 4), st.integers(0, 4)),
)  # fmt: skip
done_maps = st.dictionaries(
    st.sampled_from(DECKS), st.fixed_dictionaries({"new": st.integers(0, 5), "review": st.integers(0, 5)})
)


def _reference(states: dict[str, CardState], config: StudyConfig, now: datetime, done: dict) -> dict:
    parts = q.classify(COLLECTION.cards, states, config, now, done)
    return q.counts_from(parts, [d.id for d in COLLECTION.decks])


@settings(max_examples=300)
@given(state_maps(), configs, moments, done_maps)
def test_index_counts_equal_counting_the_queue_parts(states, config, now, done) -> None:
    assert DeckIndex(COLLECTION, states).counts(config, now, done) == _reference(states, config, now, done)


def _reference_queue(states: dict[str, CardState], config: StudyConfig, now: datetime, done: dict,
                     decks: list[str] | None) -> list[str]:  # fmt: skip
    return q.queue_from(q.classify(COLLECTION.select(decks), states, config, now, done))


deck_filters = st.none() | st.lists(st.sampled_from([*DECKS, "nope"]), unique=True)


@settings(max_examples=300)
@given(state_maps(), configs, moments, done_maps, deck_filters)
def test_index_queue_equals_walking_the_cards(states, config, now, done, decks) -> None:
    index = DeckIndex(COLLECTION, states)
    assert index.queue(config, now, done, decks) == _reference_queue(states, config, now, done, decks)


@settings(max_examples=200)
@given(state_maps(), st.lists(st.tuples(st.sampled_from([*UIDS, "gone/c1"]), st.data()), max_size=25), configs,
       done_maps)  # fmt: skip
def test_updates_keep_the_index_equal_to_a_fresh_count(start, changes, config, done) -> None:
    states = dict(start)
    index = DeckIndex(COLLECTION, states)
    for uid, data in changes:
        new = data.draw(card_states(uid))
        assert index.update(states.get(uid), new)
        states[uid] = new
    for now in MOMENTS:  # every edge: a wrongly ordered due list shows up at one of them
        assert index.counts(config, now, done) == _reference(states, config, now, done), now
        assert index.queue(config, now, done) == _reference_queue(states, config, now, done, None), now


def test_an_update_that_moves_a_review_earlier_is_counted() -> None:
    """The due list stays sorted: a review moved before the others still counts as due."""
    later = {f"alpha/c{i}": CardState(f"alpha/c{i}", state="review", reps=2, due=NOW + timedelta(days=1 + i))
             for i in range(3)}  # fmt: skip
    index = DeckIndex(COLLECTION, later)
    config = StudyConfig(reviews_per_day=9)
    assert index.counts(config, NOW, {})["alpha"]["due"] == 0
    moved = CardState("alpha/c5", state="review", reps=2, due=NOW - timedelta(hours=1))
    assert index.update(None, moved)
    assert index.counts(config, NOW, {})["alpha"]["due"] == 1
    assert index.update(later["alpha/c0"], CardState("alpha/c0", state="review", reps=3, due=NOW))
    assert index.counts(config, NOW, {})["alpha"]["due"] == 2


def test_an_update_from_a_state_the_index_does_not_hold_is_refused() -> None:
    due = CardState("alpha/c0", state="review", reps=2, due=NOW)
    index = DeckIndex(COLLECTION, {})
    assert not index.update(due, CardState("alpha/c0", state="review", reps=3, due=END))  # it had no state


# ---------------------------------------------------------------------------- through Study and the store


@pytest.fixture
def clock() -> dict:
    return {"now": datetime(2025, 3, 10, 12, 0, tzinfo=UTC)}


def _check(study: Study) -> None:
    expected = q.counts_from(study._parts(), [d.id for d in study.collection.decks])
    assert study.counts() == expected
    assert study.queue() == q.queue_from(study._parts())
    assert study.queue(["beta", "gamma"]) == q.queue_from(study._parts(["beta", "gamma"]))


def test_study_counts_follow_answers_suspend_bury_undo_time_and_other_processes(tmp_path: Path, clock) -> None:
    study = Study.open(tmp_path / "s.db", COLLECTION, now=lambda: clock["now"])
    _check(study)
    for i, (uid, rating) in enumerate([("alpha/c0", 3), ("alpha/c1", 1), ("beta/c0", 4), ("alpha/c0", 3),
                                       ("gamma/c2", 2), ("alpha/c1", 3)]):  # fmt: skip
        study.answer(uid, rating)
        clock["now"] += timedelta(minutes=7 * i)
        _check(study)
    built = study._deck_index
    study.suspend("beta/c1")
    study.bury("gamma/c3")
    _check(study)
    assert study._deck_index is built  # followed the writes: no rebuild
    assert study.undo() is not None  # undo deletes and replays: the index is rebuilt
    _check(study)
    for days in (1, 3, 10, 40):
        clock["now"] += timedelta(days=days)
        _check(study)
    other = Study.open(tmp_path / "s.db", COLLECTION, now=lambda: clock["now"])
    other.answer("beta/c5", 3)  # another connection writes: this one re-reads and rebuilds
    _check(study)
    assert study.counts()["beta"]["learning"] + study.counts()["beta"]["review"] >= 1
    other.close()
    study.close()
