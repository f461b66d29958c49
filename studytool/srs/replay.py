"""Rebuild the card cache from the review log (``studytool rebuild``, undo, history import)."""

from __future__ import annotations

from collections import defaultdict

from studytool.srs.clock import study_day
from studytool.srs.scheduler import CardState, Event, Params, replay
from studytool.srs.store import Store


def _write(store: Store, uid: str, events: list[Event], day_starts_at: int, default: Params) -> CardState:
    state, applied = replay(uid, events, lambda h: store.params_for(h, default))
    for ev, info in applied:
        if info is not None:
            store.put_info(ev, info, study_day(ev.at, day_starts_at))
    store.put_card(state)
    return state


def recompute_card(store: Store, uid: str, day_starts_at: int, default: Params) -> CardState | None:
    """Replay one card's events (call inside ``store.write()``); ``None`` when it has none left."""
    store.conn.execute("DELETE FROM event_info WHERE uid = ?", (uid,))
    events = store.card_events(uid)
    if not events:
        store.conn.execute("DELETE FROM cards WHERE uid = ?", (uid,))
        return None
    return _write(store, uid, events, day_starts_at, default)


def rebuild_all(store: Store, day_starts_at: int, default: Params) -> tuple[int, int]:
    """Drop the caches and replay the whole log in one transaction. Returns (events, cards)."""
    with store.write("rebuilding"):
        return replay_into(store, day_starts_at, default)


def replay_into(store: Store, day_starts_at: int, default: Params) -> tuple[int, int]:
    """:func:`rebuild_all` inside the caller's ``store.write()`` transaction."""
    conn = store.conn
    conn.execute("DELETE FROM event_info")
    conn.execute("DELETE FROM cards")
    by_uid: dict[str, list[Event]] = defaultdict(list)
    for ev in store.all_events():
        by_uid[ev.uid].append(ev)
    for uid, events in by_uid.items():
        _write(store, uid, events, day_starts_at, default)
    return sum(len(v) for v in by_uid.values()), len(by_uid)
