"""Portable history: export the review log as JSON lines; import = union by event id, then rebuild.

Format (one JSON object per line)::

    {"type": "header", "format": "studytool-history", "version": 1}
    {"type": "params", "hash": "…", "params": {…}}
    {"type": "event", "id": "<uuid4 hex>", "uid": "deck/card", "at": "2024-…+00:00", "seq": 0,
     "kind": "answer", "rating": 3, "duration_ms": 5200, "mode": "review", "hash": "…",
     "params": "<params hash>", "data": null}
    {"type": "interview", "id": "…", "at": "…", "report": {…}}

Event ids are globally unique, so importing is idempotent and order-independent, and two machines
that studied separately can merge both ways and end up with the same database.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from studytool.atomic import write_text
from studytool.decks.loader import CONTROL_CHARS
from studytool.errors import StudytoolError
from studytool.srs.clock import from_iso, to_iso, utc_now
from studytool.srs.config import scheduler_problem
from studytool.srs.scheduler import EVENT_KINDS, MODES, Event, Params
from studytool.srs.store import Store

FORMAT = "studytool-history"
VERSION = 1
#: events must lie between this and a day after the machine's clock (a wrong clock or a garbled date
#: would otherwise carry on: every later answer on the card is stamped no earlier than its last event)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=1)
MAX_INT = 2**31  # seq, duration_ms: far beyond any real value, well inside SQLite's integers


def export_history(store: Store, path: Path) -> int:
    """Write the whole log to ``path`` (atomically). Returns the number of events."""
    events = store.all_events()
    lines: list[dict[str, Any]] = [{"type": "header", "format": FORMAT, "version": VERSION}]
    lines += [{"type": "params", "hash": h, "params": p} for h, p in store.all_params().items()]
    for ev in sorted(events, key=lambda e: (e.at, e.id)):
        lines.append({
            "type": "event", "id": ev.id, "uid": ev.uid, "at": to_iso(ev.at), "seq": ev.seq, "kind": ev.kind,
            "rating": ev.rating, "duration_ms": ev.duration_ms, "mode": ev.mode, "hash": ev.content_hash,
            "params": ev.params_hash, "data": ev.data,
        })
    for iv in store.interviews():
        report = {k: v for k, v in iv.items() if k not in ("id", "at")}
        lines.append({"type": "interview", "id": iv["id"], "at": iv["at"], "report": report})
    text = "".join(json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n" for obj in lines)
    try:
        write_text(Path(path), text, fsync=True)
    except OSError as exc:
        raise StudytoolError(f"{path}: cannot write the history file ({exc.strerror})") from None
    return len(events)


def _event(obj: dict[str, Any], where: str, now: datetime) -> Event:
    def need(key: str, kind: type | tuple[type, ...], optional: bool = False) -> Any:
        value = obj.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise StudytoolError(f"{where}: field {key!r} is missing or has the wrong type ({value!r})")
        return value

    kind = need("kind", str)
    if kind not in EVENT_KINDS:
        raise StudytoolError(f"{where}: unknown event kind {kind!r} (expected one of {EVENT_KINDS})")
    rating = need("rating", int, optional=kind != "answer")
    if rating is not None and rating not in (1, 2, 3, 4):
        raise StudytoolError(f"{where}: rating must be 1-4, got {rating}")
    if rating is not None and kind != "answer":
        raise StudytoolError(f"{where}: a {kind} event has no rating (only answers do)")
    mode = need("mode", str, optional=kind != "answer")
    if mode is not None and mode not in MODES:
        raise StudytoolError(f"{where}: unknown mode {mode!r} (expected one of {MODES})")
    ev_id = need("id", str)
    if not (8 <= len(ev_id) <= 64):
        raise StudytoolError(f"{where}: event id {ev_id!r} is not a valid id")
    at = _moment(need("at", str), where, "at")
    if at < EARLIEST or at > now + FUTURE_SLACK:
        raise StudytoolError(f"{where}: 'at' is {obj['at']}, outside {EARLIEST.year} … tomorrow (this machine's clock "
                             f"says {to_iso(now)[:10]}); fix the date in the file, or the clock")  # fmt: skip
    data = obj.get("data")
    if data is not None and not isinstance(data, dict):
        raise StudytoolError(f"{where}: 'data' must be an object or null")
    if kind == "bury" and data is not None and data.get("until") is not None:
        if not isinstance(data["until"], str):
            raise StudytoolError(f"{where}: a bury's data.until must be an ISO date-time ({data['until']!r})")
        _moment(data["until"], where, "data.until")
    uid = need("uid", str)
    if CONTROL_CHARS.search(uid):
        raise StudytoolError(f"{where}: uid {uid!r} contains a control character")
    if "/" not in uid.strip("/"):
        raise StudytoolError(f"{where}: uid {uid!r} is not a card uid (deck/card)")
    seq = need("seq", int)
    duration = need("duration_ms", int, optional=True) or 0
    for name, value in (("seq", seq), ("duration_ms", duration)):
        if not 0 <= value < MAX_INT:
            raise StudytoolError(f"{where}: {name} must be between 0 and {MAX_INT - 1}, got {value}")
    return Event(
        id=ev_id, uid=uid, at=at, seq=seq, kind=kind, rating=rating, duration_ms=duration, mode=mode,
        content_hash=need("hash", str, optional=True), params_hash=need("params", str, optional=True), data=data,
    )


def _moment(text: str, where: str, name: str) -> datetime:
    """An ISO date-time of the file (any error names the line)."""
    try:
        return from_iso(text)
    except (ValueError, OverflowError):
        raise StudytoolError(f"{where}: {name!r} is not an ISO date-time ({text!r})") from None


def _interview_report(report: dict[str, Any], where: str) -> None:
    """The fields of an interview report that studytool reads back have the types it wrote."""
    score = report.get("score", 0.0)
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
        raise StudytoolError(f"{where}: an interview's 'score' must be a number from 0 to 1 ({score!r})")
    for name in ("weakest", "suggested"):
        value = report.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise StudytoolError(f"{where}: an interview's {name!r} must be a list of strings ({value!r})")
    questions = report.get("questions", [])
    if not isinstance(questions, list) or not all(isinstance(q, dict) for q in questions):
        raise StudytoolError(f"{where}: an interview's 'questions' must be a list of objects")


def _params(raw: Any, where: str) -> Params:
    """Scheduler parameters of a ``params`` line, held to what a config file may set and to what fsrs
    accepts — a line that passes here can always be replayed."""
    if not isinstance(raw, dict):
        raise StudytoolError(f"{where}: 'params' must be an object")
    try:
        p = Params.from_dict(raw)
    except KeyError as exc:
        raise StudytoolError(f"{where}: scheduler params miss the field {exc.args[0]!r}") from None
    except (TypeError, ValueError, OverflowError) as exc:
        raise StudytoolError(f"{where}: invalid scheduler params ({exc})") from None
    numbers = [*p.learning_steps, *p.relearning_steps, p.maximum_interval, p.leech_threshold, *(p.weights or ())]
    try:
        sane = all(math.isfinite(x) and abs(x) < 1e9 for x in numbers) and min(numbers, default=1) >= 0
    except OverflowError:  # an integer too large for a float
        sane = False
    if not sane:
        raise StudytoolError(f"{where}: scheduler params must be finite, non-negative numbers below 10⁹")
    problem = scheduler_problem(
        p.desired_retention, [*p.learning_steps, *p.relearning_steps], p.maximum_interval, p.leech_threshold
    )
    if problem:
        raise StudytoolError(f"{where}: {problem} (the limits of config.toml)")
    try:
        p.scheduler()
    except (TypeError, ValueError, OverflowError) as exc:
        lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
        detail = lines[0].rstrip(":.") if lines else type(exc).__name__
        if len(lines) > 1:
            detail += f": {lines[1]}" + (f" and {len(lines) - 2} more" if len(lines) > 2 else "")
        raise StudytoolError(f"{where}: fsrs refuses these scheduler params ({detail})") from None
    return p


def read_history(
    path: Path, now: datetime | None = None
) -> tuple[dict[str, dict[str, Any]], list[Event], list[dict[str, Any]]]:
    """Parse and validate a history file; errors name the file and line."""
    path = Path(path)
    now = now or utc_now()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StudytoolError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StudytoolError(f"{path}: cannot read ({exc})") from None
    params: dict[str, dict[str, Any]] = {}
    events: list[Event] = []
    interviews: list[dict[str, Any]] = []
    seen_header = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise StudytoolError(f"{where}: not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise StudytoolError(f"{where}: not a history line (nested too deeply)") from None
        if not isinstance(obj, dict):
            raise StudytoolError(f"{where}: each line must be a JSON object")
        kind = obj.get("type")
        if not seen_header and kind != "header":
            raise StudytoolError(f"{where}: the first line must be the studytool-history header")
        if kind == "header":
            if obj.get("format") != FORMAT:
                raise StudytoolError(f"{where}: not a studytool history file (format {obj.get('format')!r})")
            if not isinstance(obj.get("version"), int) or obj["version"] > VERSION:
                raise StudytoolError(f"{where}: history format version {obj.get('version')!r} is newer than this studytool ({VERSION}); upgrade")
            seen_header = True
        elif kind == "params":
            p = _params(obj.get("params"), where)
            if obj.get("hash") != p.hash:  # events name their params by this hash: it must be theirs
                raise StudytoolError(f"{where}: 'hash' {obj.get('hash')!r} is not the hash of these params ({p.hash})")
            params[p.hash] = p.to_dict()
        elif kind == "event":
            events.append(_event(obj, where, now))
        elif kind == "interview":
            if not isinstance(obj.get("id"), str) or not isinstance(obj.get("report"), dict):
                raise StudytoolError(f"{where}: an interview needs an 'id' and a 'report' object")
            if not isinstance(obj.get("at"), str):
                raise StudytoolError(f"{where}: an interview needs 'at', an ISO date-time ({obj.get('at')!r})")
            _moment(obj["at"], where, "at")
            _interview_report(obj["report"], where)
            interviews.append(obj)
        else:
            raise StudytoolError(f"{where}: unknown line type {kind!r}")
    if not seen_header:
        raise StudytoolError(f"{path}: empty history file (no header line)")
    for ev in events:
        if ev.params_hash and ev.params_hash not in params:
            raise StudytoolError(f"{path}: event {ev.id} refers to unknown params {ev.params_hash!r}")
    return params, events, interviews


def import_history(
    store: Store, path: Path, day_starts_at: int, default: Params, now: datetime | None = None
) -> tuple[int, int]:
    """Union the file's events into the store and rebuild, in one transaction: if the merged log
    cannot be replayed, nothing is imported. Returns (added, already present)."""
    from studytool.srs.replay import replay_into

    params, events, interviews = read_history(path, now)
    if events and store.event_count():
        store.backup_now("preimport")
    added = 0
    with store.write("importing history") as conn:
        for h, p in params.items():
            conn.execute("INSERT OR IGNORE INTO params (hash, json) VALUES (?, ?)", (h, json.dumps(p, sort_keys=True)))
        for ev in events:
            added += store.insert_event(ev)
        for iv in interviews:
            conn.execute(
                "INSERT OR IGNORE INTO interviews (id, at, report) VALUES (?, ?, ?)",
                (iv["id"], str(iv.get("at", "")), json.dumps(iv["report"], ensure_ascii=False, sort_keys=True)),
            )
        try:
            replay_into(store, day_starts_at, default)
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:  # rolls the import back
            raise StudytoolError(f"{path}: these events cannot be replayed ({type(exc).__name__}: {exc}); "
                                 "nothing was imported") from None  # fmt: skip
    return added, len(events) - added
