"""Property tests for the FSRS wrapper: interval order, due after review, preview == saved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytool.srs.config import StudyConfig
from studytool.srs.scheduler import (
    CardState,
    Event,
    Params,
    apply_event,
    card_id_for,
    preview,
    retrievability,
)
from tests.srs_support import T0

PARAMS = Params.from_config(StudyConfig())
ratings = st.lists(st.integers(1, 4), min_size=0, max_size=12)
gaps = st.lists(st.floats(min_value=0, max_value=200 * 86400), min_size=12, max_size=12)


def _run(uid: str, rs: list[int], gs: list[float]) -> tuple[CardState, datetime]:
    state, at = CardState(uid), T0
    for i, r in enumerate(rs):
        ev = Event(id=f"e{i:08d}", uid=uid, at=at, seq=state.seq, rating=r, mode="review")
        state, _ = apply_event(state, ev, PARAMS)
        at = at + timedelta(seconds=gs[i])
    return state, at


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(uid=st.text(min_size=1, max_size=20), rs=ratings, gs=gaps)
def test_intervals_ordered_and_positive(uid: str, rs: list[int], gs: list[float]) -> None:
    state, at = _run(uid, rs, gs)
    ivl = preview(state, at, PARAMS)
    assert ivl[1] <= ivl[2] <= ivl[3] <= ivl[4]
    assert all(v > timedelta(0) for v in ivl.values())


@settings(max_examples=150, deadline=None)
@given(uid=st.text(min_size=1, max_size=20), rs=ratings, gs=gaps, rating=st.integers(1, 4))
def test_preview_equals_saved_and_due_after_review(uid: str, rs: list[int], gs: list[float], rating: int) -> None:
    state, at = _run(uid, rs, gs)
    shown = preview(state, at, PARAMS)[rating]
    ev = Event(id="last0000", uid=uid, at=at, seq=state.seq, rating=rating, mode="review")
    new, info = apply_event(state, ev, PARAMS)
    assert info is not None and info.interval == shown
    assert new.due == at + shown and new.due > at
    assert new.reps == state.reps + 1


def test_fuzz_is_applied_but_deterministic() -> None:
    """Different cards get different fuzz for the same history; the same card always the same."""
    days = set()
    for i in range(30):
        state, at = _run(f"deck/c{i}", [3, 3, 3, 3], [600, 86400 * 3, 86400 * 10, 86400 * 30])
        d1 = preview(state, at, PARAMS)[3]
        assert d1 == preview(state, at, PARAMS)[3]
        days.add(d1.days)
    assert len(days) > 1


def test_cram_does_not_change_schedule() -> None:
    state, at = _run("d/c", [3, 3], [600, 86400 * 2])
    ev = Event(id="cram0000", uid="d/c", at=at, seq=state.seq, rating=1, mode="cram")
    new, info = apply_event(state, ev, PARAMS)
    assert (new.due, new.stability, new.reps, new.state, new.lapses) == (state.due, state.stability, state.reps, state.state, state.lapses)
    assert new.seq == state.seq + 1


def test_non_utc_datetimes_are_accepted() -> None:
    tz = timezone(timedelta(hours=8))
    state = CardState("d/c")
    ev = Event(id="tz000000", uid="d/c", at=datetime(2024, 3, 1, 20, 0, tzinfo=tz), seq=0, rating=3, mode="review")
    new, _ = apply_event(state, ev, PARAMS)
    assert new.last_review == datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def test_card_id_is_stable_int() -> None:
    assert card_id_for("a/b") == card_id_for("a/b") != card_id_for("a/c")
    assert 0 < card_id_for("a/b") < 2**63


def test_retrievability_decays() -> None:
    state, at = _run("d/c", [3, 3], [600, 0])
    r0 = retrievability(state, at, PARAMS)
    r1 = retrievability(state, at + timedelta(days=30), PARAMS)
    assert r0 is not None and r1 is not None and 0 < r1 < r0 <= 1
    assert retrievability(CardState("d/x"), at, PARAMS) is None
