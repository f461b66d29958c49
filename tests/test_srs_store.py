"""Store faults: corrupt, truncated, newer schema, read-only, full disk, foreign file; backups."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import MISSING
from datetime import timedelta
from pathlib import Path

import pytest

from studytool.srs import backups
from studytool.srs.store import SCHEMA_VERSION, Store, StoreError
from tests.srs_support import Clock, open_study


def _studied_db(tmp_path: Path, n: int = 3) -> Path:
    db = tmp_path / "s.db"
    s = open_study(db)
    for i in range(n):
        s.answer(f"alpha/c{i}", 3)
    s.close()
    return db


def test_corrupt_file(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    db.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="damaged.*backup restore"):
        open_study(db)
    assert db.read_bytes().startswith(b"this is not")  # nothing overwritten


def test_truncated_file(tmp_path: Path) -> None:
    db = _studied_db(tmp_path, 5)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("CREATE TABLE filler (x)")
    conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,) for _ in range(200)])
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError, match="backup"):
        open_study(db)
    assert len(db.read_bytes()) == len(data) // 2


def test_tiny_truncated_header(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    db.write_bytes(b"SQLite for")
    with pytest.raises(StoreError, match="damaged"):
        open_study(db)


def test_newer_schema(tmp_path: Path) -> None:
    db = _studied_db(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer studytool"):
        open_study(db)


def test_foreign_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE photos (id)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a studytool database"):
        open_study(db)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only(tmp_path: Path) -> None:
    db = _studied_db(tmp_path)
    db.chmod(0o444)
    try:
        with pytest.raises(StoreError, match="read-only"):
            open_study(db)
    finally:
        db.chmod(0o644)


def test_read_only_detected_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _studied_db(tmp_path)
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == db and mode == os.W_OK else real(p, mode))
    with pytest.raises(StoreError, match="read-only.*backup"):
        open_study(db)


def test_disk_full_keeps_committed_answers(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    s = open_study(db)
    s.answer("alpha/c0", 3)
    pages = s.store.conn.execute("PRAGMA page_count").fetchone()[0]
    s.store.conn.execute(f"PRAGMA max_page_count={pages}")
    with pytest.raises(StoreError, match="disk full"):
        for i in range(2000):
            s.answer(f"alpha/c{i % 6}", 3, duration_ms=i)
    s.close()
    s2 = open_study(db)
    assert s2.card_state("alpha/c0") is not None
    assert s2.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_daily_backup_rotation_and_restore(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    clock = Clock()
    s = open_study(db, clock=clock)
    s.answer("alpha/c0", 3)
    s.close()
    for _ in range(9):
        clock.advance(days=1)
        s = open_study(db, clock=clock)
        s.answer("alpha/c1", 3)
        s.close()
    daily = [b for b in backups.list_backups(db) if b.kind == "daily"]
    assert len(daily) == backups.KEEP_DAILY
    newest = daily[-1]
    db.write_bytes(b"garbage" * 1000)  # the database gets destroyed
    chosen, kept = backups.restore_backup(db, newest.name)
    assert chosen.name == newest.name and kept is not None and kept.read_bytes().startswith(b"garbage")
    s = open_study(db, clock=clock)
    assert s.card_state("alpha/c0") is not None
    with pytest.raises(Exception, match="no backup named"):
        backups.restore_backup(db, "nope")


def test_backup_made_once_per_day_and_only_with_history(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    clock = Clock()
    open_study(db, clock=clock).close()
    assert backups.list_backups(db) == []
    s = open_study(db, clock=clock)
    s.answer("alpha/c0", 3)
    s.close()
    open_study(db, clock=clock).close()
    open_study(db, clock=clock).close()
    assert len(backups.list_backups(db)) == 1
    assert backups.check_file(backups.list_backups(db)[0].path) is None


def test_busy_database_waits_instead_of_crashing(tmp_path: Path) -> None:
    db = _studied_db(tmp_path)
    s = open_study(db)
    other = sqlite3.connect(db, timeout=0, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    import threading

    t = threading.Timer(0.5, lambda: other.execute("COMMIT"))
    t.start()
    s.answer("alpha/c3", 3)  # waits for the writer instead of failing
    t.join()
    assert s.card_state("alpha/c3") is not None
    other.close()


def test_store_open_migrates_from_empty(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "new" / "s.db")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_clock_backwards_never_negative(tmp_path: Path) -> None:
    clock = Clock()
    s = open_study(tmp_path / "s.db", clock=clock)
    for step in (0, -10, 3, -30, 1, -2):
        clock.advance(days=step)
        r = s.answer("alpha/c0", 3)
        assert r.interval is not None and r.interval > timedelta(0)
        assert r.due is not None and r.due > s.card_state("alpha/c0").last_at - timedelta(seconds=1)


def test_open_retries_when_sqlite_reports_busy_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite can answer SQLITE_BUSY to the WAL switch without waiting (another process creating the
    same file): opening retries instead of failing. Simulated: the switch fails twice, then works."""
    import sqlite3

    from studytool.srs import store as store_mod

    failures = {"left": 2}

    class Flaky(sqlite3.Connection):
        def execute(self, sql, *args):
            if sql.startswith("PRAGMA journal_mode") and failures["left"]:
                failures["left"] -= 1
                raise sqlite3.OperationalError("database is locked")
            return super().execute(sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(store_mod.sqlite3, "connect", lambda *a, **k: real_connect(*a, factory=Flaky, **k))
    opened = store_mod.Store.open(tmp_path / "db.sqlite", backup=False)
    try:
        assert failures["left"] == 0
        assert opened.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        opened.conn.close()


def test_card_rows_decode_by_position_in_cardstate_field_order() -> None:
    """``_row_to_state`` builds CardState positionally from ``SELECT CARD_COLUMNS``: the orders must agree."""
    from dataclasses import fields

    from studytool.srs.scheduler import CardState
    from studytool.srs.store import CARD_COLUMNS

    names = [f.name for f in fields(CardState)]
    columns = [c.strip() for c in CARD_COLUMNS.split(",")]
    assert names[: len(columns)] == columns
    assert all(f.default is not MISSING or f.default_factory is not MISSING for f in fields(CardState)[len(columns):])


def test_an_io_error_on_a_full_disk_says_the_disk_is_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    from collections import namedtuple

    from studytool.srs.store import db_error

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage(10, 10, 0))
    message = str(db_error(tmp_path / "s.db", sqlite3.OperationalError("disk I/O error"), "opening"))
    assert "the disk is full" in message and "backup" not in message
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage(10**9, 0, 10**9))
    assert "database error while opening" in str(db_error(tmp_path / "s.db", sqlite3.OperationalError("disk I/O error"), "opening"))
