"""Helpers for the SRS tests: a tiny in-memory collection and a controllable clock."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from studytool.decks.model import Card, Collection, Deck, Text
from studytool.srs.config import StudyConfig
from studytool.srs.study import Study

T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


class Clock:
    """A settable clock (callable returning an aware UTC datetime)."""

    def __init__(self, t: datetime = T0) -> None:
        self.t = t

    def __call__(self) -> datetime:
        return self.t

    def advance(self, **kw: float) -> None:
        self.t = self.t + timedelta(**kw)


def make_card(deck: str, cid: str, q: str = "", tags: tuple[str, ...] = ()) -> Card:
    text = q or f"question {cid}"
    return Card(deck=deck, id=cid, type="basic", q=Text(text, text), a=Text("a", "a"), source="x", tags=tags)


def make_collection(decks: dict[str, int] | None = None) -> Collection:
    decks = decks or {"alpha": 6, "beta": 4}
    out = []
    for i, (name, n) in enumerate(decks.items()):
        cards = tuple(make_card(name, f"c{j}", tags=("even",) if j % 2 == 0 else ("odd",)) for j in range(n))
        out.append(Deck(id=name, title=Text(name, name), source="x", cards=cards, order=i))
    return Collection(decks=out)


def open_study(db: Path, collection: Collection | None = None, clock: Clock | None = None,
               config: StudyConfig | None = None) -> Study:
    return Study.open(db, collection or make_collection(), config=config or StudyConfig(), now=clock or Clock())


def snapshot(db: Path) -> dict[str, object]:
    """The cache tables and the event ids of a database, for equality checks."""
    conn = sqlite3.connect(db)
    try:
        cards = conn.execute("SELECT * FROM cards ORDER BY uid").fetchall()
        info = conn.execute("SELECT * FROM event_info ORDER BY event_id").fetchall()
        events = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    finally:
        conn.close()
    return {"cards": cards, "info": info, "events": events}
