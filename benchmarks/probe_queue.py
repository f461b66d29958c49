"""Queue and home-count probe on a large store, in a fresh interpreter; prints one JSON object.

``python -m benchmarks.probe_queue DB DECKS [REPEATS]``: opens the deck folder and the database the
way the app does, then times (ms) today's queue (``Study.queue``) and what the home screen asks for
(``Study.counts`` + ``done_today`` + the streak, each time right after a real answer): the first
call (which reads every card state from SQLite) and then ``REPEATS`` further calls. The baseline
is a trivial indexed query on the same database (the count of due cards in SQL).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def ms(func) -> float:
    t = time.perf_counter()
    func()
    return (time.perf_counter() - t) * 1000


def main(db: Path, decks: Path, repeats: int = 15) -> dict:
    from studytool.decks.loader import load_collection
    from studytool.srs.stats import streak_days
    from studytool.srs.study import Study

    collection = load_collection([(decks, "user")])
    study = Study.open(db, collection)
    conn = study.store.conn
    now = study.now().isoformat()

    def home() -> None:  # what HomeScreen.refresh_data asks the store for
        study.counts()
        study.done_today()
        streak_days(study)

    # each timed home refresh follows a real answer (untimed): the refresh after a review, with
    # today's-answers memo invalid and the counts index just updated for the answered card
    fresh: list[str] = []

    def answer_one() -> None:
        if not fresh:  # (after the first-call timings, which must find nothing loaded)
            fresh.extend(reversed(study._parts()["new"]))
        study.answer(fresh.pop(), 3)

    def baseline() -> None:
        conn.execute("SELECT COUNT(*) FROM cards WHERE due <= ?", (now,)).fetchone()

    def queue() -> None:
        study._done = None
        study.queue()

    first_queue = ms(queue)
    first_home = ms(home)
    queue_ms = [ms(queue) for _ in range(repeats)]
    counts = []
    for _ in range(repeats):
        answer_one()
        counts.append(ms(home))
    base = [ms(baseline) for _ in range(repeats)]
    queue_len = len(study.queue())
    due = sum(c["due"] + c["learning"] for c in study.counts().values())
    study.close()
    return {
        "first_queue_ms": first_queue, "first_home_ms": first_home, "queue_ms": queue_ms, "home_ms": counts,
        "baseline_ms": base, "queue_len": queue_len, "due_today": due, "cards": len(collection.cards),
    }


if __name__ == "__main__":
    args = sys.argv[1:]
    print(json.dumps(main(Path(args[0]), Path(args[1]), *(int(a) for a in args[2:]))))
