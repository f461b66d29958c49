"""The facade the UI and commands use: queues, answers, undo, suspend/bury, state, stats.

Every answer is committed in its own transaction before :meth:`Study.answer` returns, and the card
state is re-read from the database inside that transaction, so several ``Study`` objects (in one
process or several) can work on one database at the same time.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from studytool.decks.model import Card, Collection
from studytool.srs import queue as q
from studytool.srs.clock import as_utc, day_end, study_day, utc_now
from studytool.srs.config import StudyConfig, load_config
from studytool.srs.deck_index import DeckIndex
from studytool.srs.replay import rebuild_all, recompute_card
from studytool.srs.scheduler import (
    MODES,
    RATINGS,
    CardState,
    Event,
    Params,
    apply_event,
    preview,
    retrievability,
)
from studytool.srs.store import Store


@dataclass(frozen=True)
class AnswerResult:
    """What one committed answer did. ``due``/``interval`` are ``None`` for cram on a new card."""

    uid: str
    rating: int
    mode: str
    due: datetime | None
    interval: timedelta | None
    leech: bool
    event_id: str
    state: CardState


class Study:
    """Study session over one database and one deck collection."""

    def __init__(
        self,
        store: Store,
        collection: Collection,
        config: StudyConfig | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.collection = collection
        self.config = config or StudyConfig()
        self.params = Params.from_config(self.config)
        self._now = now or utc_now
        self._undo: list[str] = []
        self._by_uid: dict[str, Card] = {c.uid: c for c in collection.cards}
        self._done: tuple[Any, dict[str, dict[str, int]]] | None = None  # (store stamp + day, result)
        self._deck_index: tuple[Collection, DeckIndex] | None = None  # built on first counts()/queue()
        store.watch_cards(self._card_changed)

    @classmethod
    def open(
        cls,
        db_path: Path,
        collection: Collection,
        config: StudyConfig | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> Study:
        """Open the database (creating, migrating and backing it up as needed); raises StoreError."""
        config = config or load_config(Path(db_path))
        clock = now or utc_now
        store = Store.open(Path(db_path), day_starts_at=config.day_starts_at, now=as_utc(clock()))
        return cls(store, collection, config, clock)

    # ------------------------------------------------------------------ helpers
    def now(self) -> datetime:
        return as_utc(self._now())

    def today(self) -> date:
        """The current study day (days start at the configured ``day_starts_at`` hour)."""
        return study_day(self.now(), self.config.day_starts_at)

    def card(self, uid: str) -> Card | None:
        return self._by_uid.get(uid)

    def _cards(self, decks: list[str] | None = None, tags: list[str] | None = None) -> list[Card]:
        return self.collection.select(decks, tags)

    def done_today(self) -> dict[str, dict[str, int]]:
        """Per deck: new cards started and review-state cards answered today (cram excluded)."""
        with self.store.guard() as conn:
            key = (self.store._stamp(), self.today())  # any write to the database changes the stamp
            if self._done is not None and self._done[0] == key:
                return {deck: dict(row) for deck, row in self._done[1].items()}
            rows = conn.execute(
                "SELECT i.uid, i.prev_state FROM event_info i JOIN events e ON e.id = i.event_id"
                " WHERE i.day = ? AND e.mode != 'cram'",
                (self.today().isoformat(),),
            ).fetchall()
        out: dict[str, dict[str, int]] = {}
        for uid, prev in rows:
            row = out.setdefault(q.deck_of(uid), {"new": 0, "review": 0})
            if prev in ("new", "review"):
                row[prev] += 1
        self._done = (key, {deck: dict(row) for deck, row in out.items()})
        return out

    def answers_today(self) -> int:
        """Answers logged today, every mode — the "reviews today" of :meth:`stats` (one index seek)."""
        with self.store.guard() as conn:
            row = conn.execute("SELECT COUNT(*) FROM event_info WHERE day = ?", (self.today().isoformat(),)).fetchone()
        return int(row[0])

    def _parts(self, decks: list[str] | None = None, tags: list[str] | None = None) -> dict[str, list]:
        return q.classify(self._cards(decks, tags), self.store.all_cards(), self.config, self.now(), self.done_today())

    # ------------------------------------------------------------------ queue
    def queue(self, decks: list[str] | None = None, tags: list[str] | None = None, limit: int | None = None) -> list[str]:
        """Today's queue of card uids: learning due, reviews due, new (limits applied), learn-ahead.

        From the deck index (:mod:`studytool.srs.deck_index`); a tag filter walks the cards instead."""
        if tags:
            uids = q.queue_from(self._parts(decks, tags))
        else:
            with self.store.guard():
                uids = self._index().queue(self.config, self.now(), self.done_today(), decks)
        return uids[:limit] if limit is not None else uids

    def next_card(self, decks: list[str] | None = None, tags: list[str] | None = None) -> str | None:
        uids = self.queue(decks, tags, limit=1)
        return uids[0] if uids else None

    def next_learning_due(self, decks: list[str] | None = None, tags: list[str] | None = None) -> datetime | None:
        """When the next learning step of the decks/tags falls due today, for a queue that is empty
        now (``None`` when none is left today). Walks the chosen cards: for the "all done" screen."""
        later = self._parts(decks, tags)["learning_later"]
        states = self.store.all_cards()
        dues = [due for uid in later if uid in states and (due := states[uid].due) is not None]
        return min(dues) if dues else None

    def counts(self) -> dict[str, dict[str, int]]:
        """Per deck id: new (available today after limits), learning, due, review, suspended.

        From an index over the card states that each answer updates (:mod:`studytool.srs.deck_index`);
        the same numbers as counting :meth:`queue`'s parts."""
        with self.store.guard():
            return self._index().counts(self.config, self.now(), self.done_today())

    def _index(self) -> DeckIndex:
        """The deck index, in step with the stored card states (call holding ``store.guard()``)."""
        states = self.store.card_states()  # re-read if needed: that also drops a stale index
        if self._deck_index is None or self._deck_index[0] is not self.collection:
            self._deck_index = (self.collection, DeckIndex(self.collection, states))
        return self._deck_index[1]

    def _card_changed(self, old: CardState | None, new: CardState | None) -> None:
        """Store watcher: keep the counts index in step (or drop it when the cache was re-read)."""
        if self._deck_index is None:
            return
        if new is None or not self._deck_index[1].update(old, new):
            self._deck_index = None

    def cram_queue(self, decks: list[str] | None = None, tags: list[str] | None = None, search: str | None = None) -> list[str]:
        """Every (non-suspended) card of the decks/tags that matches ``search`` (browse's query language,
        :mod:`studytool.srs.search`; raises its ``QueryError``), for practice that changes no schedule."""
        cards = self._cards(decks, tags)
        states = self.store.all_cards()
        if search:
            from studytool.srs.search import deck_search_data
            from studytool.srs.search import search as find

            deck_tags, deck_names = deck_search_data(self.collection)
            cards = find(cards, search, states, self.now(), deck_tags, deck_names, self.config.day_starts_at)
        return [c.uid for c in cards if not (states.get(c.uid) and states[c.uid].suspended)]

    # ------------------------------------------------------------------ answering
    def _state(self, uid: str) -> CardState:
        return self.store.get_card(uid) or CardState(uid)

    def _at(self, state: CardState) -> datetime:
        """Now — or the card's last event time if the clock went backwards (keeps the log ordered)."""
        now = self.now()
        return max(now, state.last_at) if state.last_at else now

    def preview(self, uid: str) -> dict[int, timedelta]:
        """Rating 1..4 → interval until next due if answered now (equals what :meth:`answer` saves)."""
        state = self._state(uid)
        return preview(state, self._at(state), self.params)

    def _record(self, uid: str, kind: str, **fields: Any) -> tuple[Event, CardState, Any]:
        with self.store.write() as conn:
            state = self._state(uid)
            at = self._at(state)
            params_hash = self.store.ensure_params(self.params) if kind == "answer" else None
            ev = Event(id=uuid.uuid4().hex, uid=uid, at=at, seq=state.seq, kind=kind, params_hash=params_hash, **fields)
            new, info = apply_event(state, ev, self.params)
            self.store.insert_event(ev)
            if info is not None:
                self.store.put_info(ev, info, study_day(at, self.config.day_starts_at))
            self.store.put_card(new)
            del conn
        self._undo.append(ev.id)
        return ev, new, info

    def answer(
        self, uid: str, rating: int, duration_ms: int = 0, mode: str = "review", data: dict[str, Any] | None = None
    ) -> AnswerResult:
        """Record an answer (committed before returning). ``mode="cram"`` leaves the schedule alone.

        ``data`` is stored with the event (e.g. a quiz's typed input, verdict and shown option order).
        """
        if rating not in RATINGS:
            raise ValueError(f"rating must be 1-4, got {rating!r}")
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        card = self.card(uid)
        ev, new, info = self._record(
            uid, "answer", rating=int(rating), duration_ms=max(0, int(duration_ms)), mode=mode,
            content_hash=card.content_hash if card else None, data=data or None,
        )
        return AnswerResult(uid, rating, mode, info.due, info.interval, info.leech, ev.id, self._view(new))

    def undo(self) -> str | None:
        """Undo this session's last answer/suspend/bury: remove the event, replay the card. Returns
        the card's uid (``None`` when there is nothing to undo)."""
        ev = self.undo_event()
        return ev.uid if ev is not None else None

    def undo_event(self) -> Event | None:
        """:meth:`undo`, returning the event that was removed (its ``kind`` says what was undone)."""
        while self._undo:
            event_id = self._undo.pop()
            with self.store.write("undoing") as conn:
                ev = self.store.event(event_id)
                if ev is None:  # already gone (e.g. removed by another instance)
                    continue
                conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
                recompute_card(self.store, ev.uid, self.config.day_starts_at, self.params)
            return ev
        return None

    def suspend(self, uid: str) -> None:
        self._record(uid, "suspend")

    def unsuspend(self, uid: str) -> None:
        self._record(uid, "unsuspend")

    def bury(self, uid: str) -> None:
        """Hide the card until the next study day starts (04:00 local)."""
        until = day_end(self.now(), self.config.day_starts_at)
        self._record(uid, "bury", data={"until": until.isoformat(timespec="microseconds")})

    # ------------------------------------------------------------------ state
    def _view(self, state: CardState) -> CardState:
        card = self.card(state.uid)
        changed = bool(card and state.last_hash and state.last_hash != card.content_hash)
        return replace(state, buried=q.is_buried(state, self.now()), changed=changed)

    def card_state(self, uid: str) -> CardState | None:
        """The card's state (``None`` for a card with no history: it is new)."""
        state = self.store.get_card(uid)
        return self._view(state) if state else None

    def is_changed(self, uid: str) -> bool:
        state = self.card_state(uid)
        return bool(state and state.changed)

    def retrievability(self, uid: str) -> float | None:
        state = self.store.get_card(uid)
        return retrievability(state, self.now(), self.params) if state else None

    def orphans(self) -> list[str]:
        """Uids with review history that no deck in the collection defines."""
        return [u for u in self.store.history_uids() if u not in self._by_uid]

    # ------------------------------------------------------------------ stats, interviews
    def stats(self, decks: list[str] | None = None) -> dict[str, Any]:
        """The ``studytool stats --json`` object (see :mod:`studytool.srs.stats`), for ``decks`` or all."""
        from studytool.srs.stats import compute_stats

        return compute_stats(self, decks)

    def weak_topics(self, n: int = 5) -> list[dict[str, Any]]:
        """Decks and tags with the lowest mastery / most lapses (for interview mode)."""
        from studytool.srs.stats import weak_topics

        return weak_topics(self, n)

    def save_interview(self, report: dict[str, Any]) -> None:
        self.store.add_interview(uuid.uuid4().hex, self.now(), report)

    def interviews(self) -> list[dict[str, Any]]:
        return self.store.interviews()

    # ------------------------------------------------------------------ maintenance
    def rebuild(self) -> tuple[int, int]:
        """Replay the whole log into the caches. Returns (events, cards)."""
        return rebuild_all(self.store, self.config.day_starts_at, self.params)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Study:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
