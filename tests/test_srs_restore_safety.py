"""``backup restore`` never loses the database it replaces: the copy kept aside is unique and holds
the answers still in the WAL, and a failed restore changes nothing (found by a data-safety review)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studytool.errors import StudytoolError
from studytool.srs import backups
from tests.srs_support import Clock, open_study


def _events(db: Path) -> int:
    conn = backups.open_read_only(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        conn.close()


def _db_with_backup(tmp_path: Path, extra: int) -> tuple[Path, Clock]:
    """A database whose daily backup has 1 event and which then got ``extra`` more answers."""
    db = tmp_path / "s.db"
    clock = Clock()
    s = open_study(db, clock=clock)
    s.answer("alpha/c0", 3)
    s.close()
    clock.advance(days=1)
    s = open_study(db, clock=clock)  # first open of the day: the backup (1 event)
    for i in range(extra):
        s.answer(f"alpha/c{i % 6}", 3)
    s.close()
    return db, clock


def test_two_restores_in_one_second_keep_both_previous_databases(tmp_path: Path) -> None:
    db, _ = _db_with_backup(tmp_path, extra=6)
    daily = [b for b in backups.list_backups(db) if b.kind == "daily"][-1]
    assert _events(db) == 7 and _events(daily.path) == 1
    _, first = backups.restore_backup(db, daily.name)
    _, second = backups.restore_backup(db, daily.name)
    assert first is not None and second is not None and first != second
    assert _events(first) == 7  # the 6 later answers survive in the first kept copy
    assert _events(second) == 1


def test_answers_only_in_the_wal_are_in_the_copy_kept_aside(tmp_path: Path) -> None:
    db, _ = _db_with_backup(tmp_path, extra=0)
    # a process answers and dies without closing: its answers sit in the -wal file only
    script = textwrap.dedent(f"""
        import os, sqlite3
        conn = sqlite3.connect({str(db)!r})
        conn.execute("PRAGMA wal_autocheckpoint=0")
        with conn:
            conn.execute("UPDATE events SET duration_ms = duration_ms")  # touch the log
            conn.execute("CREATE TABLE IF NOT EXISTS _probe (x)")
            conn.executemany("INSERT INTO _probe VALUES (?)", [(i,) for i in range(4)])
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", script], check=True)
    assert Path(f"{db}-wal").stat().st_size > 0
    daily = [b for b in backups.list_backups(db) if b.kind == "daily"][-1]
    _, kept = backups.restore_backup(db, daily.name)
    assert kept is not None and not Path(f"{kept}-wal").exists()  # one self-contained file
    conn = sqlite3.connect(f"file:{kept}?mode=ro", uri=True)
    assert conn.execute("SELECT COUNT(*) FROM _probe").fetchone()[0] == 4
    conn.close()
    _, again = backups.restore_backup(db, kept.name)  # and restoring it brings them back
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM _probe").fetchone()[0] == 4
    conn.close()
    assert again is not None


def test_a_failed_restore_changes_nothing_and_leaves_no_empty_backup(tmp_path: Path, monkeypatch) -> None:
    db, _ = _db_with_backup(tmp_path, extra=2)
    before = db.read_bytes()
    listed = {b.name for b in backups.list_backups(db)}
    daily = [b for b in backups.list_backups(db) if b.kind == "daily"][-1]

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(db))

    monkeypatch.setattr(shutil, "copyfile", full)
    with pytest.raises(StudytoolError, match="cannot restore: No space left on device .*the database was not changed"):
        backups.restore_backup(db, daily.name)
    assert db.read_bytes() == before
    assert {b.name for b in backups.list_backups(db)} == listed


def test_restore_with_a_folder_as_the_database_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    with pytest.raises(StudytoolError, match="is a folder"):
        backups.restore_backup(folder, None)


def test_restore_is_refused_while_a_study_session_has_the_database_open(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    db, _ = _db_with_backup(tmp_path, extra=2)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f"s.db.session-{sleeper.pid}").write_text("")
        before = db.read_bytes()
        out = run_cli("--db", str(db), "backup", "restore")
        assert out.returncode == 2 and f"a study session (pid {sleeper.pid}) has" in out.stderr
        assert db.read_bytes() == before
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_failed_swap_puts_the_wal_back_and_keeps_everything(tmp_path: Path, monkeypatch) -> None:
    import os

    db, _ = _db_with_backup(tmp_path, extra=0)
    wal = Path(f"{db}-wal")
    wal.write_bytes(b"pretend WAL frames")
    daily = [b for b in backups.list_backups(db) if b.kind == "daily"][-1]
    real_replace = os.replace

    def failing(src, dst):
        if Path(dst) == db and str(src).endswith(".restore.tmp"):
            raise OSError(1, "Operation not permitted", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(StudytoolError, match="the database was not changed"):
        backups.restore_backup(db, daily.name)
    assert wal.read_bytes() == b"pretend WAL frames"  # the answers in the WAL are still there


def test_preimport_backups_in_one_second_do_not_overwrite_each_other(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    db, _ = _db_with_backup(tmp_path, extra=1)
    s = open_study(db)
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    first, second = s.store.backup_now("preimport", when), s.store.backup_now("preimport", when)
    s.close()
    assert first != second and first.exists() and second.exists()


def test_restore_through_a_symlink_restores_the_real_file(tmp_path: Path) -> None:
    db, _ = _db_with_backup(tmp_path, extra=2)
    link = tmp_path / "link.db"
    link.symlink_to(db)
    daily = [b for b in backups.list_backups(db) if b.kind == "daily"][-1]
    backups.restore_backup(link, daily.name)
    assert link.is_symlink() and _events(db) == 1


@pytest.mark.parametrize("folder", ["C# notes", "what?", "100%20", "a b", "x%"])
def test_folders_with_uri_characters_are_read_where_they_are(tmp_path: Path, folder: str) -> None:
    """'#', '?' and '%' in the path once sent the read-only opens to another file, created read-write:
    restore kept an empty copy (the newest answers lost), a corrupt backup was called sound."""
    from studytool.srs.store import read_only_uids

    home = tmp_path / folder
    home.mkdir()
    db, _ = _db_with_backup(home, extra=6)
    daily = [b for b in backups.list_backups(db) if b.kind == "daily"][-1]
    _, kept = backups.restore_backup(db, daily.name)
    assert kept is not None and _events(kept) == 7  # the copy kept aside is the real database
    assert _events(db) == 1
    assert sorted(read_only_uids(db)) == ["alpha/c0"]
    bad = home / "corrupt.db"
    bad.write_bytes(backups.SQLITE_MAGIC + b"\x00" * 200)
    assert backups.check_file(bad) is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # no stray file created beside it


@pytest.mark.parametrize(("reply", "restored"), [("n", False), ("", False), ("y", True)])
def test_restore_in_a_terminal_asks_first(tmp_path: Path, monkeypatch, capsys, reply: str, restored: bool) -> None:
    """A first-time user typed `studytool backup restore` to see what it does and lost an afternoon of
    answers to the daily backup (kept aside, but not asked): in a terminal it now asks; -y skips."""
    from studytool.cli import build_parser
    from studytool.commands import backup

    db, _ = _db_with_backup(tmp_path, extra=6)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: reply)
    code = backup.run(build_parser().parse_args(["backup", "restore", "--db", str(db)]))
    out = capsys.readouterr().out
    assert "answers given since then leave the database" in out
    assert (code, _events(db)) == ((0, 1) if restored else (1, 7))
    assert ("Nothing was changed." in out) != restored


def test_restore_with_yes_or_without_a_terminal_does_not_ask(tmp_path: Path, monkeypatch) -> None:
    from studytool.cli import build_parser
    from studytool.commands import backup

    db, _ = _db_with_backup(tmp_path, extra=6)
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("asked"))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    assert backup.run(build_parser().parse_args(["backup", "restore", "-y", "--db", str(db)])) == 0
    assert _events(db) == 1
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert backup.run(build_parser().parse_args(["backup", "restore", "--db", str(db)])) == 0
