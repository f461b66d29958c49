"""Study statistics (the data layer; the TUI draws them). ``compute_stats`` = ``stats --json``."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from studytool.srs import queue as q
from studytool.srs.clock import study_day
from studytool.srs.scheduler import retrievability

if TYPE_CHECKING:
    from studytool.srs.study import Study

FORECAST_DAYS = 30
CALENDAR_DAYS = 365


def _in_decks(decks: list[str] | None, column: str = "e.uid") -> tuple[str, tuple[str, ...]]:
    """An SQL condition (and its parameters) keeping the events of ``decks`` (all when None)."""
    if not decks:
        return "1", ()
    marks = ", ".join("?" * len(decks))
    return f"substr({column}, 1, instr({column}, '/') - 1) IN ({marks})", tuple(decks)


def _per_day(study: Study, decks: list[str] | None = None) -> dict[str, tuple[int, int]]:
    where, args = _in_decks(decks)
    with study.store.guard() as conn:
        rows = conn.execute(
            "SELECT i.day, COUNT(*), COALESCE(SUM(e.duration_ms), 0) FROM event_info i"
            f" JOIN events e ON e.id = i.event_id WHERE {where} GROUP BY i.day", args
        ).fetchall()
    return {r[0]: (int(r[1]), int(r[2])) for r in rows}


def _streak(days: set[str], today: date) -> int:
    """Consecutive study days ending today (or yesterday, if today has no reviews yet)."""
    day = today if today.isoformat() in days else today - timedelta(days=1)
    n = 0
    while day.isoformat() in days:
        n += 1
        day -= timedelta(days=1)
    return n


_STREAK_SQL = (
    "WITH RECURSIVE run(d) AS (SELECT ? UNION ALL SELECT date(d, '-1 day') FROM run"
    " WHERE EXISTS (SELECT 1 FROM event_info WHERE day = date(d, '-1 day'))) SELECT COUNT(*) FROM run"
)


def streak_days(study: Study) -> int:
    """The streak of :func:`_streak` without reading the whole log: one index seek per day of it."""
    today = study.today()
    with study.store.guard() as conn:

        def studied(day: date) -> bool:
            sql = "SELECT 1 FROM event_info WHERE day = ? LIMIT 1"
            return conn.execute(sql, (day.isoformat(),)).fetchone() is not None

        day = today if studied(today) else today - timedelta(days=1)
        if not studied(day):
            return 0
        # ``day`` plus the unbroken run of studied days before it, walked back inside SQLite
        return int(conn.execute(_STREAK_SQL, (day.isoformat(),)).fetchone()[0])


def _retention(study: Study, today: date, decks: list[str] | None = None) -> tuple[float | None, int]:
    since = (today - timedelta(days=29)).isoformat()
    where, args = _in_decks(decks)
    with study.store.guard() as conn:
        row = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(e.rating > 1), 0) FROM event_info i JOIN events e ON e.id = i.event_id"
            f" WHERE i.prev_state = 'review' AND e.mode != 'cram' AND i.day >= ? AND {where}",
            (since, *args),
        ).fetchone()
    total, passed = int(row[0]), int(row[1])
    return (round(passed / total, 4) if total else None), total


MASTERY_HORIZON = timedelta(days=30)


def mastery_by(
    study: Study, only: list[str] | None = None
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Per deck and per tag: cards, reviewed, mastery, lapses (over the cards of ``only`` those
    decks, when given).

    Mastery is the mean predicted recall :data:`MASTERY_HORIZON` from now (new cards count as 0).
    Recall *now* is ≈ 1 for any card answered minutes ago — Again included — so a deck failed in a
    quiz read 86 %; a month ahead only what is really held (high stability) keeps a high figure."""
    now = study.now()
    horizon = now + MASTERY_HORIZON
    states = study.store.all_cards()
    deck_tags = {d.id: tuple(d.tags) for d in study.collection.decks}
    decks: dict[str, dict[str, Any]] = {}
    tags: dict[str, dict[str, Any]] = {}
    for card in study.collection.cards:
        if only and card.deck not in only:
            continue
        st = states.get(card.uid)
        r = retrievability(st, horizon, study.params) if st else None
        for key, table in [(card.deck, decks)] + [(t, tags) for t in dict.fromkeys(card.tags + deck_tags.get(card.deck, ()))]:
            row = table.setdefault(key, {"cards": 0, "reviewed": 0, "r_sum": 0.0, "lapses": 0})
            row["cards"] += 1
            if r is not None:
                row["reviewed"] += 1
                row["r_sum"] += r
            if st:
                row["lapses"] += st.lapses
    for table in (decks, tags):
        for row in table.values():
            row["mastery"] = round(row.pop("r_sum") / row["cards"], 4) if row["cards"] else 0.0
    return decks, tags


def compute_stats(study: Study, decks: list[str] | None = None) -> dict[str, Any]:
    """The ``stats --json`` object, over every deck or only ``decks`` (``"decks"`` says which)."""
    decks = list(decks) if decks else None
    now = study.now()
    starts = study.config.day_starts_at
    today = study_day(now, starts)
    per_day = _per_day(study, decks)
    t_key = today.isoformat()
    reviews_today, time_today = per_day.get(t_key, (0, 0))
    counts = {k: v for k, v in study.counts().items() if not decks or k in decks}
    deck_mastery, tag_mastery = mastery_by(study, decks)
    states = study.store.all_cards()
    forecast_counts: dict[str, int] = defaultdict(int)
    last = today + timedelta(days=FORECAST_DAYS - 1)
    cards = [c for c in study.collection.cards if not decks or c.deck in decks]
    known = {c.uid for c in cards}
    by_state = {"new": 0, "learning": 0, "review": 0, "relearning": 0, "suspended": 0, "buried": 0}
    for card in cards:
        st = states.get(card.uid)
        if st is None or st.reps == 0:
            by_state["new"] += 1
        else:
            by_state[st.state] += 1
        if st and st.suspended:
            by_state["suspended"] += 1
        if q.is_buried(st, now):
            by_state["buried"] += 1
    for uid, st in states.items():
        if uid not in known or st.suspended or not st.reps or st.due is None:
            continue
        d = max(study_day(st.due, starts), today)
        if d <= last:
            forecast_counts[d.isoformat()] += 1
    retention, retention_n = _retention(study, today, decks)
    where, args = _in_decks(decks, "uid")
    e_where, e_args = _in_decks(decks)
    with study.store.guard() as conn:
        total, total_ms = conn.execute(
            f"SELECT COUNT(*), COALESCE(SUM(duration_ms), 0) FROM events WHERE kind = 'answer' AND {where}", args
        ).fetchone()
        new_studied = conn.execute(
            "SELECT COUNT(*) FROM event_info i JOIN events e ON e.id = i.event_id"
            f" WHERE i.day = ? AND i.prev_state = 'new' AND e.mode != 'cram' AND {e_where}", (t_key, *e_args)
        ).fetchone()[0]
    calendar = [
        {"date": (today - timedelta(days=i)).isoformat(), "count": per_day.get((today - timedelta(days=i)).isoformat(), (0, 0))[0]}
        for i in range(CALENDAR_DAYS - 1, -1, -1)
    ]
    by_deck = []
    for deck in study.collection.decks:
        if decks and deck.id not in decks:
            continue
        c = counts.get(deck.id, dict.fromkeys(q.COUNT_KEYS, 0))
        m = deck_mastery.get(deck.id, {"mastery": 0.0, "reviewed": 0, "cards": 0, "lapses": 0})
        by_deck.append({
            "deck": deck.id, "title": deck.title.as_dict(), "cards": len(deck.cards), "new": c["new"],
            "learning": c["learning"], "review": c["review"], "due": c["due"], "suspended": c["suspended"],
            "mastery": m["mastery"], "reviewed": m["reviewed"], "lapses": m["lapses"],
        })
    return {
        "date": t_key,
        "decks": decks,  # None: every deck
        "reviews_today": reviews_today,
        "time_today_ms": time_today,
        "reviews_total": int(total),
        "time_total_ms": int(total_ms),
        "due_today": sum(c["due"] + c["learning"] for c in counts.values()),  # learning + due reviews
        "learning_today": sum(c["learning"] for c in counts.values()),
        "due_reviews_today": sum(c["due"] for c in counts.values()),
        "new_today": sum(c["new"] for c in counts.values()),
        "new_studied_today": int(new_studied),
        "retention_30d": retention,
        "retention_30d_reviews": retention_n,
        "streak_days": _streak({d for d, (n, _) in per_day.items() if n}, today),
        "forecast": [
            {"date": (today + timedelta(days=i)).isoformat(), "due": forecast_counts.get((today + timedelta(days=i)).isoformat(), 0)}
            for i in range(FORECAST_DAYS)
        ],
        "reviews_per_day": [{"date": d, "count": n, "time_ms": ms} for d, (n, ms) in sorted(per_day.items())],
        "calendar": calendar,
        "by_state": by_state,
        "by_deck": by_deck,
        "by_topic": [
            {"topic": t, "cards": m["cards"], "reviewed": m["reviewed"], "mastery": m["mastery"], "lapses": m["lapses"]}
            for t, m in sorted(tag_mastery.items())
        ],
        "orphans": len(study.orphans()),
    }


def weak_topics(study: Study, n: int = 5) -> list[dict[str, Any]]:
    """Studied decks/tags by lowest mastery, then most lapses; topics never studied fill the rest."""
    decks, tags = mastery_by(study)
    rows = [{"kind": "deck", "topic": k, **v} for k, v in decks.items()]
    rows += [{"kind": "tag", "topic": k, **v} for k, v in tags.items()]
    studied = sorted((r for r in rows if r["reviewed"]), key=lambda r: (r["mastery"], -r["lapses"], r["topic"]))
    unstudied = [r for r in rows if not r["reviewed"]]
    return (studied + unstudied)[:n]


def format_stats(s: dict[str, Any]) -> str:
    """Plain-text rendering of :func:`compute_stats` for ``studytool stats``."""
    ret = "—" if s["retention_30d"] is None else f"{s['retention_30d'] * 100:.1f}% of {s['retention_30d_reviews']}"

    def n(count: int, word: str) -> str:
        return f"{count} {word}" + ("" if count == 1 else "s")

    scope = f"Decks: {', '.join(s['decks'])}\n" if s.get("decks") else ""
    lines = [
        f"{scope}Today ({s['date']}): {n(s['reviews_today'], 'review')} in {s['time_today_ms'] // 60000} min; "
        f"{s['learning_today']} learning, {s['due_reviews_today']} due, {s['new_today']} new available",
        f"Total: {n(s['reviews_total'], 'review')} in {s['time_total_ms'] // 60000} min; "
        f"streak {n(s['streak_days'], 'day')}; retention (30 d): {ret}",
        "Cards: " + ", ".join(f"{k} {v}" for k, v in s["by_state"].items()),
        "",
        f"{'deck':<28} {'new':>5} {'learn':>5} {'due':>5} {'review':>6} {'mastery':>8}",
    ]
    for d in s["by_deck"]:
        lines.append(f"{d['deck']:<28} {d['new']:>5} {d['learning']:>5} {d['due']:>5} {d['review']:>6} {d['mastery'] * 100:>7.0f}%")
    upcoming = [f"{f['date'][5:]}:{f['due']}" for f in s["forecast"][:7]]
    lines += ["", "Due next 7 days: " + "  ".join(upcoming)]
    if s["orphans"]:
        lines.append(f"{s['orphans']} cards have history but no deck (see `studytool check`)")
    return "\n".join(lines)
