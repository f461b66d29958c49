"""The review store: one SQLite file (stdlib ``sqlite3``), WAL, schema version + forward migrations.

Tables: ``events`` (the append-only review log — the source of truth), ``params`` (scheduler
parameters by hash), ``cards`` and ``event_info`` (caches rebuilt by replaying the log),
``interviews`` (mock-interview reports). Every write is its own ``BEGIN IMMEDIATE`` transaction.
Every SQLite failure becomes a :class:`StoreError`: one clear line, exit code 2, and a hint on how
to restore a backup.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from studytool.errors import StudytoolError
from studytool.srs import backups
from studytool.srs.clock import as_utc, opt_from_iso, opt_iso, study_day, to_iso, utc_now
from studytool.srs.scheduler import STORED_FIELDS, Applied, CardState, Event, Params

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 15000
RESTORE_HINT = "to go back to a backup run `studytool backup list`, then `studytool backup restore NAME`"

_V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS params (hash TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    uid TEXT NOT NULL,
    at TEXT NOT NULL,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('answer', 'suspend', 'unsuspend', 'bury')),
    rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 4),
    duration_ms INTEGER NOT NULL DEFAULT 0,
    mode TEXT CHECK (mode IS NULL OR mode IN ('review', 'quiz', 'interview', 'cram')),
    content_hash TEXT,
    params_hash TEXT REFERENCES params(hash),
    data TEXT
);
CREATE INDEX IF NOT EXISTS events_uid ON events (uid, at, seq, id);
CREATE INDEX IF NOT EXISTS events_at ON events (at);
CREATE TABLE IF NOT EXISTS cards (
    uid TEXT PRIMARY KEY, state TEXT NOT NULL, step INTEGER, stability REAL, difficulty REAL,
    due TEXT, last_review TEXT, reps INTEGER NOT NULL, lapses INTEGER NOT NULL,
    suspended INTEGER NOT NULL, buried_until TEXT, leech INTEGER NOT NULL, seq INTEGER NOT NULL,
    last_at TEXT, first_review TEXT, last_hash TEXT, last_rating INTEGER
);
CREATE TABLE IF NOT EXISTS event_info (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    uid TEXT NOT NULL, day TEXT NOT NULL, prev_state TEXT NOT NULL, new_state TEXT NOT NULL,
    due TEXT, interval_s REAL, leech INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS event_info_day ON event_info (day);
CREATE TABLE IF NOT EXISTS interviews (id TEXT PRIMARY KEY, at TEXT NOT NULL, report TEXT NOT NULL);
"""

#: version -> SQL that brings version-1 to version. Add new versions at the end; never edit old ones.
MIGRATIONS: dict[int, str] = {1: _V1}
OUR_TABLES = {"meta", "params", "events", "cards", "event_info", "interviews"}
_DT_FIELDS = {"due", "last_review", "buried_until", "last_at", "first_review"}
_BOOL_FIELDS = {"suspended", "leech"}


def _retry_busy(step: Any, conn: sqlite3.Connection | None = None, timeout_s: float = BUSY_TIMEOUT_MS / 1000) -> Any:
    """Run ``step``, retrying while SQLite reports the file busy/locked (up to ``timeout_s``);
    a transaction left open by the failed attempt is rolled back first."""
    import time

    deadline = time.monotonic() + timeout_s
    delay = 0.01
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
            if conn is not None and conn.in_transaction:
                conn.rollback()
        time.sleep(delay)
        delay = min(delay * 2, 0.25)


class StoreError(StudytoolError):
    """The database cannot be used (damaged, newer schema, read-only, full disk, busy)."""


def db_error(path: Path, exc: BaseException, doing: str = "using") -> StoreError:
    """A one-line, actionable message for an SQLite failure."""
    text = str(exc)
    low = text.lower()
    if "not a database" in low or "malformed" in low or "corrupt" in low:
        return StoreError(f"{path}: the review database is damaged ({text}); nothing was overwritten; {RESTORE_HINT}")
    if "readonly" in low or "read-only" in low or "unable to open" in low or "permission" in low:
        return StoreError(
            f"{path}: cannot write the review database ({text}) — check the permissions of the file and "
            f"its folder, or pass --db PATH; {RESTORE_HINT}"
        )
    if "full" in low or "no space" in low:
        return StoreError(f"{path}: disk full while saving ({text}); the last answer was not saved — free some space and retry")
    if "locked" in low or "busy" in low:
        return StoreError(f"{path}: the database stayed busy for {BUSY_TIMEOUT_MS // 1000} s (another studytool is writing); try again")
    if "disk i/o" in low and _disk_nearly_full(path):  # SQLite says "I/O error" when it cannot make its -shm file
        return StoreError(f"{path}: the disk is full ({text}); free some space and retry — the database itself is fine")
    return StoreError(f"{path}: database error while {doing} ({text}); {RESTORE_HINT}")


def _disk_nearly_full(path: Path) -> bool:
    """Whether the folder of ``path`` has less than 1 MiB free."""
    import shutil

    try:
        return shutil.disk_usage(Path(path).parent).free < 1 << 20
    except OSError:
        return False


#: the card columns in CardState's field order, for :func:`_row_to_state` (reads a plain tuple)
CARD_COLUMNS = ", ".join(("uid", *STORED_FIELDS))
_CARD_FIELDS = ("uid", *STORED_FIELDS)
_DT_AT = tuple(i for i, name in enumerate(_CARD_FIELDS) if name in _DT_FIELDS)
_BOOL_AT = tuple(i for i, name in enumerate(_CARD_FIELDS) if name in _BOOL_FIELDS)


def _utc(text: str | None) -> datetime | None:
    """A stored timestamp (ISO 8601, written by us with ``+00:00``) as an aware UTC datetime."""
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is UTC else as_utc(value)  # as written by us: no conversion needed


def _row_to_state(row: Sequence[Any]) -> CardState:
    """A ``SELECT {CARD_COLUMNS} FROM cards`` row as a CardState (20 000 of them on a cold start)."""
    values = list(row)
    for i in _DT_AT:
        values[i] = _utc(values[i])
    for i in _BOOL_AT:
        values[i] = bool(values[i])
    return CardState(*values)


def _state_values(state: CardState) -> list[Any]:
    out: list[Any] = [state.uid]
    for name in STORED_FIELDS:
        value = getattr(state, name)
        if name in _DT_FIELDS:
            value = opt_iso(value)
        elif name in _BOOL_FIELDS:
            value = int(bool(value))
        out.append(value)
    return out


def _row_to_event(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"], uid=row["uid"], at=opt_from_iso(row["at"]), seq=row["seq"], kind=row["kind"],  # type: ignore[arg-type]
        rating=row["rating"], duration_ms=row["duration_ms"], mode=row["mode"],
        content_hash=row["content_hash"], params_hash=row["params_hash"],
        data=json.loads(row["data"]) if row["data"] else None,
    )


def check_header(path: Path) -> None:
    """Fail fast (before SQLite touches it) when ``path`` is not an SQLite file."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder; --db / STUDYTOOL_DB must name the database file inside it")
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the review database ({exc.strerror}); {RESTORE_HINT}") from None
    if head and head != backups.SQLITE_MAGIC:
        truncated = backups.SQLITE_MAGIC.startswith(head)  # the start of a real header, cut short
        what = "truncated" if truncated else "not an SQLite database"
        raise StoreError(f"{path}: the review database is damaged ({what}); nothing was overwritten; {RESTORE_HINT}")


class Store:
    """An open review database. Thread-safe (one lock around the connection)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.lock = threading.RLock()
        self.warnings: list[str] = []
        self._params: dict[str, Params] = {}
        # all card states, valid while _stamp() == _cards_stamp (see all_cards)
        self._cards_cache: dict[str, CardState] | None = None
        self._cards_stamp: tuple[int, int] | None = None
        # told (old, new) for each state the cache follows, and (None, None) when it is re-read
        self._card_watchers: list[Callable[[CardState | None, CardState | None], None]] = []

    # ---------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: Path, *, day_starts_at: int = 4, backup: bool = True, now: datetime | None = None) -> Store:
        """Open (creating if missing) and migrate; make the day's backup on first open of a day."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create the data folder ({exc.strerror}); pass --db PATH") from None
        existed = path.exists() and path.stat().st_size > 0
        if existed:
            check_header(path)
            if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
                raise StoreError(
                    f"{path}: the review database is read-only (no write permission on the file or its folder) — "
                    f"fix the permissions or pass --db PATH; {RESTORE_HINT}"
                )
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise db_error(path, exc, "opening") from None
        conn.row_factory = sqlite3.Row
        store = cls(conn, path)
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{path}: this database was written by a newer studytool (schema {version}, this version "
                    f"knows {SCHEMA_VERSION}); upgrade studytool, or {RESTORE_HINT}"
                )
            if existed:
                row = conn.execute("PRAGMA quick_check").fetchone()
                if not row or row[0] != "ok":
                    raise StoreError(
                        f"{path}: the review database is damaged (integrity check: {row[0] if row else '?'}); "
                        f"nothing was overwritten; {RESTORE_HINT}"
                    )
            # Switching a new file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at
            # once (no busy handler) when another process is opening the same new file: retry.
            _retry_busy(lambda: conn.execute("PRAGMA journal_mode=WAL"))
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            if version == 0:
                names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if names - OUR_TABLES:
                    raise StoreError(f"{path}: this SQLite file is not a studytool database; pass another --db PATH")
            _retry_busy(lambda: store._migrate(version, now or utc_now()), conn)
            if backup:
                store.daily_backup(now or utc_now(), day_starts_at)
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            raise db_error(path, exc, "opening") from None
        return store

    def _migrate(self, version: int, now: datetime) -> None:
        if version == SCHEMA_VERSION:
            return
        if version >= 1:
            stamp = now.strftime("%Y%m%d-%H%M%S")
            target = backups.backup_dir(self.path) / f"{self.path.stem}-premigrate-v{version}-{stamp}.db"
            backups.copy_database(self.conn, target)
        for v in range(version + 1, SCHEMA_VERSION + 1):
            self.conn.executescript(f"BEGIN IMMEDIATE;\n{MIGRATIONS[v]}\nPRAGMA user_version={v};\nCOMMIT;")

    def daily_backup(self, now: datetime, day_starts_at: int = 4) -> Path | None:
        """Copy the database to ``backups/<stem>-<day>.db`` once per study day; keep the last 7."""
        target = backups.backup_dir(self.path) / backups.daily_name(self.path, study_day(now, day_starts_at))
        if target.exists():
            return None
        with self.guard("backing up"):
            if self.conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is None:
                return None
        try:
            backups.copy_database(self.conn, target)
            backups.rotate_daily(self.path)
        except (OSError, sqlite3.Error) as exc:
            self.warnings.append(f"could not write the daily backup {target} ({exc})")
            return None
        return target

    def backup_now(self, label: str, now: datetime | None = None) -> Path:
        """An extra backup (``preimport`` …) before a bulk change."""
        stamp = (now or utc_now()).strftime("%Y%m%d-%H%M%S")
        target = backups.backup_dir(self.path) / f"{self.path.stem}-{label}-{stamp}.db"
        n = 1
        while target.exists():  # two imports in one second: keep both earlier states
            n += 1
            target = backups.backup_dir(self.path) / f"{self.path.stem}-{label}-{stamp}-{n}.db"
        with self.guard("backing up"):
            backups.copy_database(self.conn, target)
        return target

    def close(self) -> None:
        with self.lock:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass

    # ---------------------------------------------------------------- transactions
    @contextmanager
    def guard(self, doing: str = "reading") -> Iterator[sqlite3.Connection]:
        """Serialise access and turn SQLite errors into :class:`StoreError`."""
        with self.lock:
            try:
                yield self.conn
            except sqlite3.Error as exc:
                raise db_error(self.path, exc, doing) from None

    @contextmanager
    def write(self, doing: str = "saving") -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` … ``COMMIT`` transaction (rolled back on any error)."""
        with self.guard(doing) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                self._drop_cards_cache()  # it may hold states of the rolled-back writes
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # ---------------------------------------------------------------- params
    def ensure_params(self, params: Params) -> str:
        h = params.hash
        if h not in self._params:
            self._tracked("INSERT OR IGNORE INTO params (hash, json) VALUES (?, ?)", (h, params.to_json()))
            self._params[h] = params
        return h

    def params_for(self, h: str | None, default: Params | None = None) -> Params:
        if h and h in self._params:
            return self._params[h]
        row = self.conn.execute("SELECT json FROM params WHERE hash = ?", (h,)).fetchone() if h else None
        if row is None:
            return default or Params()
        p = Params.from_dict(json.loads(row[0]))
        self._params[h] = p  # type: ignore[index]
        return p

    def all_params(self) -> dict[str, dict[str, Any]]:
        with self.guard():
            return {r[0]: json.loads(r[1]) for r in self.conn.execute("SELECT hash, json FROM params ORDER BY hash")}

    # ---------------------------------------------------------------- cards (cache)
    def get_card(self, uid: str) -> CardState | None:
        with self.guard():
            row = self.conn.execute(f"SELECT {CARD_COLUMNS} FROM cards WHERE uid = ?", (uid,)).fetchone()
        return _row_to_state(row) if row else None

    def _stamp(self) -> tuple[int, int]:
        """Changes since: by other connections (``data_version``) and by this one (``total_changes``)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes

    def watch_cards(self, watcher: Callable[[CardState | None, CardState | None], None]) -> None:
        """Call ``watcher(old, new)`` for each card state the in-memory cache follows (``old`` is None
        for a card that had no state), and ``watcher(None, None)`` whenever the cache is dropped or
        re-read from the database (anything derived from the states must then be rebuilt)."""
        self._card_watchers.append(watcher)

    def _drop_cards_cache(self) -> None:
        self._cards_cache = None
        for watcher in self._card_watchers:
            watcher(None, None)

    def _tracked(self, sql: str, values: Any, state: CardState | None = None) -> sqlite3.Cursor:
        """A write that changes no card state but ``state``'s: keeps an up-to-date cache up to date."""
        in_sync = self._cards_cache is not None and self._stamp() == self._cards_stamp
        cur = self.conn.execute(sql, values)
        if in_sync:
            if state is not None:
                cache: dict[str, CardState] = self._cards_cache  # type: ignore[assignment]
                old, cache[state.uid] = cache.get(state.uid), replace(state, buried=False, changed=False)
                for watcher in self._card_watchers:
                    watcher(old, cache[state.uid])
            self._cards_stamp = self._stamp()
        return cur

    def card_states(self) -> dict[str, CardState]:
        """Every card state, from the in-memory cache (re-read only when the database changed in a way
        the cache did not follow: another connection wrote, or a write other than ``put_card``).
        The dict is the cache itself: read it, never change it (:meth:`all_cards` gives a copy)."""
        with self.guard():
            stamp = self._stamp()
            if self._cards_cache is None or stamp != self._cards_stamp:
                self._drop_cards_cache()
                rows = self.conn.execute(f"SELECT {CARD_COLUMNS} FROM cards")
                self._cards_cache = {r[0]: _row_to_state(r) for r in rows}
                self._cards_stamp = stamp
            return self._cards_cache

    def all_cards(self) -> dict[str, CardState]:
        """A copy of every card state (see :meth:`card_states`)."""
        with self.guard():
            return dict(self.card_states())

    def put_card(self, state: CardState) -> None:
        cols = ("uid", *STORED_FIELDS)
        sql = f"INSERT OR REPLACE INTO cards ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        self._tracked(sql, _state_values(state), state)

    # ---------------------------------------------------------------- events (log)
    def insert_event(self, ev: Event) -> bool:
        cur = self._tracked(
            "INSERT OR IGNORE INTO events (id, uid, at, seq, kind, rating, duration_ms, mode, content_hash, params_hash, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (ev.id, ev.uid, to_iso(ev.at), ev.seq, ev.kind, ev.rating, ev.duration_ms, ev.mode, ev.content_hash,
             ev.params_hash, json.dumps(ev.data, sort_keys=True) if ev.data else None),
        )
        return cur.rowcount == 1

    def put_info(self, ev: Event, info: Applied, day: date) -> None:
        self._tracked(
            "INSERT OR REPLACE INTO event_info (event_id, uid, day, prev_state, new_state, due, interval_s, leech)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (ev.id, ev.uid, day.isoformat(), info.prev_state, info.new_state, opt_iso(info.due),
             info.interval.total_seconds() if info.interval is not None else None, int(info.leech)),
        )

    def event(self, event_id: str) -> Event | None:
        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        return _row_to_event(row) if row else None

    def card_events(self, uid: str) -> list[Event]:
        rows = self.conn.execute("SELECT * FROM events WHERE uid = ? ORDER BY at, seq, id", (uid,))
        return [_row_to_event(r) for r in rows]

    def all_events(self) -> list[Event]:
        with self.guard():
            return [_row_to_event(r) for r in self.conn.execute("SELECT * FROM events ORDER BY at, seq, id")]

    def event_count(self) -> int:
        with self.guard():
            return int(self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def history_uids(self) -> list[str]:
        with self.guard():
            return [r[0] for r in self.conn.execute("SELECT DISTINCT uid FROM events ORDER BY uid")]

    # ---------------------------------------------------------------- interviews
    def add_interview(self, interview_id: str, at: datetime, report: dict[str, Any]) -> None:
        with self.write("saving the interview"):
            self.conn.execute(
                "INSERT OR IGNORE INTO interviews (id, at, report) VALUES (?, ?, ?)",
                (interview_id, to_iso(at), json.dumps(report, ensure_ascii=False, sort_keys=True)),
            )

    def interviews(self) -> list[dict[str, Any]]:
        with self.guard():
            rows = self.conn.execute("SELECT id, at, report FROM interviews ORDER BY at, id").fetchall()
        return [{**json.loads(r["report"]), "id": r["id"], "at": r["at"]} for r in rows]


def read_only_uids(path: Path) -> list[str]:
    """Card uids with history, read without creating or changing anything (``[]`` if unreadable)."""
    try:
        conn = backups.open_read_only(path)
        try:
            return [r[0] for r in conn.execute("SELECT DISTINCT uid FROM events")]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


__all__ = ["Store", "StoreError", "SCHEMA_VERSION", "RESTORE_HINT"]
