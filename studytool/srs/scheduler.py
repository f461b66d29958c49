"""The FSRS wrapper: card state, events, and the pure function that applies one event to a state.

Live answers and ``rebuild`` both go through :func:`apply_event`, so replaying the log gives
exactly the live state. Pitfalls of py-fsrs handled here: datetimes are converted to
``timezone.utc``; the fuzz (which uses the global ``random``) is seeded from card uid + review
count so the interval previewed on a key equals the one saved; card ids are explicit ints.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from studytool.srs.clock import as_utc
from studytool.srs.config import StudyConfig

SCHEDULING_MODES = ("review", "quiz", "interview")
MODES = (*SCHEDULING_MODES, "cram")
EVENT_KINDS = ("answer", "suspend", "unsuspend", "bury")
STATES = ("new", "learning", "review", "relearning")
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
_RANDOM_LOCK = threading.Lock()


@dataclass(frozen=True)
class Params:
    """Scheduler parameters recorded with every answer (so replay uses what was live)."""

    desired_retention: float = 0.9
    learning_steps: tuple[int, ...] = (60, 600)
    relearning_steps: tuple[int, ...] = (600,)
    maximum_interval: int = 36500
    fuzz: bool = True
    leech_threshold: int = 8
    weights: tuple[float, ...] | None = None  # None = fsrs defaults

    @classmethod
    def from_config(cls, config: StudyConfig) -> Params:
        return cls(
            config.desired_retention,
            tuple(config.learning_steps),
            tuple(config.relearning_steps),
            config.maximum_interval,
            config.fuzz,
            config.leech_threshold,
        )

    def to_dict(self) -> dict[str, Any]:
        from fsrs.scheduler import DEFAULT_PARAMETERS

        return {
            "desired_retention": self.desired_retention,
            "learning_steps": list(self.learning_steps),
            "relearning_steps": list(self.relearning_steps),
            "maximum_interval": self.maximum_interval,
            "fuzz": self.fuzz,
            "leech_threshold": self.leech_threshold,
            "weights": list(self.weights if self.weights is not None else DEFAULT_PARAMETERS),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Params:
        return cls(
            float(data["desired_retention"]),
            tuple(int(s) for s in data["learning_steps"]),
            tuple(int(s) for s in data["relearning_steps"]),
            int(data["maximum_interval"]),
            bool(data["fuzz"]),
            int(data["leech_threshold"]),
            tuple(float(w) for w in data["weights"]),
        )

    @property
    def hash(self) -> str:
        text = json.dumps(self.to_dict(), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def scheduler(self):  # noqa: ANN201 - fsrs.Scheduler
        return _scheduler(self.to_json())

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True)


@lru_cache(maxsize=32)
def _scheduler(params_json: str):  # noqa: ANN202
    from fsrs import Scheduler

    d = json.loads(params_json)
    return Scheduler(
        parameters=d["weights"],
        desired_retention=d["desired_retention"],
        learning_steps=[timedelta(seconds=s) for s in d["learning_steps"]],
        relearning_steps=[timedelta(seconds=s) for s in d["relearning_steps"]],
        maximum_interval=d["maximum_interval"],
        enable_fuzzing=d["fuzz"],
    )


@dataclass(slots=True)
class CardState:
    """The cached state of one card (rebuilt from the log by replay).

    ``buried`` and ``changed`` are views filled in by :class:`~studytool.srs.study.Study` for ``now``
    and the current deck content; they are not stored.
    """

    uid: str
    state: str = "new"
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0
    suspended: bool = False
    buried_until: datetime | None = None
    leech: bool = False
    seq: int = 0
    last_at: datetime | None = None
    first_review: datetime | None = None
    last_hash: str | None = None
    last_rating: int | None = None
    buried: bool = field(default=False, compare=False)
    changed: bool = field(default=False, compare=False)


STORED_FIELDS = (
    "state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses", "suspended",
    "buried_until", "leech", "seq", "last_at", "first_review", "last_hash", "last_rating",
)


@dataclass(frozen=True)
class Event:
    """One entry of the append-only review log."""

    id: str
    uid: str
    at: datetime
    seq: int
    kind: str = "answer"
    rating: int | None = None
    duration_ms: int = 0
    mode: str | None = None
    content_hash: str | None = None
    params_hash: str | None = None
    data: dict[str, Any] | None = None

    def sort_key(self) -> tuple[datetime, int, str]:
        return (self.at, self.seq, self.id)


@dataclass(frozen=True)
class Applied:
    """What an answer did (derived; cached in ``event_info``)."""

    prev_state: str
    new_state: str
    due: datetime | None
    interval: timedelta | None
    leech: bool


def card_id_for(uid: str) -> int:
    """A stable positive 60-bit int for fsrs (never let fsrs invent one: that sleeps 1 ms)."""
    return int(hashlib.sha256(uid.encode("utf-8")).hexdigest()[:15], 16)


def _seed(uid: str, reps: int) -> int:
    return int(hashlib.sha256(f"{uid}\x00{reps}".encode()).hexdigest()[:16], 16)


def _fsrs_card(state: CardState, at: datetime):  # noqa: ANN202
    from fsrs import Card, State

    if state.reps == 0 or state.state == "new":
        return Card(card_id=card_id_for(state.uid), state=State.Learning, step=0, due=at)
    fstate = {"learning": State.Learning, "review": State.Review, "relearning": State.Relearning}[state.state]
    return Card(
        card_id=card_id_for(state.uid),
        state=fstate,
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=as_utc(state.due) if state.due else at,
        last_review=as_utc(state.last_review) if state.last_review else None,
    )


def schedule(state: CardState, rating: int, at: datetime, params: Params):  # noqa: ANN201 - fsrs.Card
    """The fsrs card after answering ``rating`` at ``at`` (deterministic: seeded fuzz)."""
    from fsrs import Rating

    if rating not in RATINGS:
        raise ValueError(f"rating must be 1-4, got {rating!r}")
    at = as_utc(at)
    card = _fsrs_card(state, at)
    scheduler = params.scheduler()
    with _RANDOM_LOCK:
        saved = random.getstate()
        random.seed(_seed(state.uid, state.reps))
        try:
            new, _log = scheduler.review_card(card, Rating(rating), review_datetime=at)
        finally:
            random.setstate(saved)
    return new


def preview(state: CardState, at: datetime, params: Params) -> dict[int, timedelta]:
    """Rating → interval until due, exactly as :func:`apply_event` would save it at ``at``."""
    return {r: schedule(state, r, at, params).due - as_utc(at) for r in RATINGS}


def apply_event(state: CardState, event: Event, params: Params) -> tuple[CardState, Applied | None]:
    """The state after ``event`` (pure). Answers in mode ``cram`` leave the schedule unchanged."""
    from fsrs import State

    at = as_utc(event.at)
    new = replace(state, seq=state.seq + 1, last_at=max(at, state.last_at) if state.last_at else at)
    if event.kind == "suspend":
        return replace(new, suspended=True), None
    if event.kind == "unsuspend":
        return replace(new, suspended=False), None
    if event.kind == "bury":
        until = (event.data or {}).get("until")
        from studytool.srs.clock import from_iso

        return replace(new, buried_until=from_iso(until) if until else None), None
    if event.kind != "answer":
        raise ValueError(f"unknown event kind {event.kind!r}")
    new.last_hash = event.content_hash or new.last_hash
    prev = state.state if state.reps else "new"
    if event.mode not in SCHEDULING_MODES:  # cram: logged only
        interval = (state.due - at) if state.due else None
        return new, Applied(prev, prev, state.due, interval, False)
    rating = int(event.rating or 0)
    card = schedule(state, rating, at, params)
    new.state = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}[card.state]
    new.step = card.step
    new.stability = card.stability
    new.difficulty = card.difficulty
    new.due = card.due
    new.last_review = card.last_review
    new.reps = state.reps + 1
    new.first_review = state.first_review or at
    new.last_rating = rating
    leech_now = False
    if prev == "review" and rating == 1:
        new.lapses = state.lapses + 1
        th = params.leech_threshold
        if new.lapses >= th and (new.lapses - th) % max(1, th // 2) == 0:
            new.leech = True
            new.suspended = True
            leech_now = True
    return new, Applied(prev, new.state, card.due, card.due - at, leech_now)


def replay(uid: str, events: list[Event], params_for) -> tuple[CardState, list[tuple[Event, Applied | None]]]:  # noqa: ANN001
    """Replay ``events`` of one card in log order; ``params_for(hash)`` resolves recorded params."""
    state = CardState(uid)
    applied = []
    for ev in sorted(events, key=Event.sort_key):
        state, info = apply_event(state, ev, params_for(ev.params_hash))
        applied.append((ev, info))
    return state, applied


def retrievability(state: CardState, at: datetime, params: Params) -> float | None:
    """Predicted recall probability now (``None`` for a card never reviewed)."""
    if not state.reps or state.stability is None or state.last_review is None:
        return None
    scheduler = params.scheduler()
    elapsed = max(0.0, (as_utc(at) - as_utc(state.last_review)).total_seconds() / 86400)
    return float((1 + scheduler._FACTOR * elapsed / state.stability) ** scheduler._DECAY)
