"""Generated data for benchmarks (no downloads): many decks, a large review log."""

from __future__ import annotations

from pathlib import Path


def write_decks(folder: Path, files: int = 40, per_file: int = 500) -> int:
    """Write ``files`` deck files of ``per_file`` cards each; returns the number of cards."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        lines = [
            f"deck: gen{f:02d}",
            f"order: {100 + f}",
            f"title: {{zh: 生成的卡组 {f}, en: Generated deck {f}}}",
            'source: "机器学习基础 › 二、激活函数"',
            "tags: [generated]",
            "cards:",
        ]
        for i in range(per_file):
            numeric = i % 3 == 0
            lines += [
                f"  - id: c{i:04d}",
                f"    type: {'numeric' if numeric else 'basic'}",
                f'    q: {{zh: "第 {i} 题：$\\\\sigma\'(x)$ 的最大值是多少？", en: "Question {i}: the maximum of $\\\\sigma\'(x)$?"}}',
                f'    a: {{zh: "答案 {i}：1/4，在 x = 0 处。", en: "Answer {i}: 1/4, at x = 0."}}',
                "    points: {zh: [导数 σ(1−σ), 最大 1/4], en: [derivative σ(1−σ), max 1/4]}",
                f"    tags: [t{i % 7}]",
            ]
            if numeric:
                lines.append("    answer: {value: 0.25, tol: 1.0e-6}")
        (folder / f"gen{f:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return files * per_file


def generated_uids(files: int = 40, per_file: int = 500) -> list[str]:
    """The card uids :func:`write_decks` produces (``gen07/c0123``)."""
    return [f"gen{f:02d}/c{i:04d}" for f in range(files) for i in range(per_file)]


def write_store(db: Path, uids: list[str], events: int = 1_000_000, days: int = 1095, seed: int = 7) -> int:
    """A review database with ``events`` answers spread over ``days`` study days up to today.

    The schema comes from :class:`studytool.srs.store.Store` itself; rows go in with ``executemany``
    in one transaction. 10 % of the cards stay new; of the rest most are in review (≈ 8 % due today),
    some learning, relearning, suspended or buried. Returns the number of events written.
    """
    import random
    import sqlite3
    from datetime import timedelta

    from studytool.srs.clock import day_start, study_day, to_iso, utc_now
    from studytool.srs.scheduler import STORED_FIELDS, Params
    from studytool.srs.store import Store

    rng = random.Random(seed)
    now = utc_now()
    today = study_day(now)
    store = Store.open(db, backup=False)
    store.close()
    studied = [u for i, u in enumerate(uids) if i % 10 != 9]
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    params = Params()
    conn.execute("BEGIN")
    conn.execute("INSERT OR IGNORE INTO params (hash, json) VALUES (?, ?)", (params.hash, params.to_json()))
    per_day = events // days
    seq: dict[str, int] = {}
    n = 0
    for d in range(days):
        day = today - timedelta(days=days - 1 - d)
        start = day_start(day)
        count = per_day if d < days - 1 else events - n
        rows_e, rows_i = [], []
        day_text = day.isoformat()
        for k in range(count):
            uid = studied[rng.randrange(len(studied))]
            s = seq.get(uid, 0)
            seq[uid] = s + 1
            at = to_iso(start + timedelta(seconds=k * 60 * 60 * 18 / max(1, count)))
            rating = rng.choices((1, 2, 3, 4), (10, 15, 65, 10))[0]
            eid = f"{n:032x}"
            rows_e.append((eid, uid, at, s, "answer", rating, rng.randrange(2000, 20000), "review", None, params.hash))
            rows_i.append((eid, uid, day_text, "review" if s else "new", "review", at, 86400.0 * (1 + s), 0))
            n += 1
        conn.executemany(
            "INSERT INTO events (id, uid, at, seq, kind, rating, duration_ms, mode, content_hash, params_hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows_e)
        conn.executemany(
            "INSERT INTO event_info (event_id, uid, day, prev_state, new_state, due, interval_s, leech)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows_i)
    cards = []
    for i, uid in enumerate(studied):
        r = rng.random()
        state, suspended, buried = "review", 0, None
        if r < 0.08:
            due = now - timedelta(days=rng.random() * 30)  # due today / overdue
        elif r < 0.09:
            state, due = "learning", now + timedelta(minutes=rng.randrange(-30, 120))
        elif r < 0.095:
            state, due = "relearning", now + timedelta(minutes=rng.randrange(-30, 120))
        else:
            due = now + timedelta(days=1 + rng.random() * 365)
        if i % 200 == 0:
            suspended = 1
        if i % 333 == 0:
            buried = to_iso(now + timedelta(hours=6))
        last = now - timedelta(days=rng.random() * 60)
        reps = seq.get(uid, 1)
        values = {
            "state": state, "step": 0 if state != "review" else None, "stability": 1 + rng.random() * 200,
            "difficulty": 1 + rng.random() * 9, "due": to_iso(due), "last_review": to_iso(last), "reps": reps,
            "lapses": rng.randrange(0, 4), "suspended": suspended, "buried_until": buried, "leech": 0,
            "seq": reps, "last_at": to_iso(last), "first_review": to_iso(now - timedelta(days=days)),
            "last_hash": None, "last_rating": 3,
        }
        cards.append((uid, *(values[f] for f in STORED_FIELDS)))
    cols = ("uid", *STORED_FIELDS)
    conn.executemany(f"INSERT INTO cards ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", cards)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return n
