"""Backups of the review database: daily copies (SQLite backup API), listing and restoring.

Backups live in ``<db dir>/backups/``: ``<stem>-YYYY-MM-DD.db`` (first open of each day, the last
7 are kept), ``<stem>-premigrate-…``, ``<stem>-preimport-…`` and ``<stem>-before-restore-…``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from studytool.errors import StudytoolError

KEEP_DAILY = 7
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class BackupInfo:
    name: str
    path: Path
    kind: str  # daily / premigrate / preimport / before-restore
    size: int
    modified: datetime


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def daily_name(db_path: Path, day: date) -> str:
    return f"{Path(db_path).stem}-{day.isoformat()}.db"


def _kind(stem: str, name: str) -> str:
    rest = name[len(stem) + 1 : -3]
    for kind in ("premigrate", "preimport", "before-restore"):
        if rest.startswith(kind):
            return kind
    return "daily"


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Backups of ``db_path``, oldest first."""
    folder = backup_dir(db_path)
    stem = Path(db_path).stem
    if not folder.is_dir():
        return []
    out = []
    for p in folder.iterdir():
        if p.is_file() and p.name.startswith(stem + "-") and p.name.endswith(".db"):
            st = p.stat()
            out.append(BackupInfo(p.name, p, _kind(stem, p.name), st.st_size, datetime.fromtimestamp(st.st_mtime)))
    return sorted(out, key=lambda b: (b.modified, b.name))


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    """Consistent copy of an open database via the SQLite backup API (atomic rename into place)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    if tmp.exists():
        tmp.unlink()
    dst = sqlite3.connect(tmp)
    try:
        conn.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def rotate_daily(db_path: Path, keep: int = KEEP_DAILY) -> None:
    daily = [b for b in list_backups(db_path) if b.kind == "daily"]
    for b in sorted(daily, key=lambda b: b.name)[:-keep] if keep else daily:
        b.path.unlink(missing_ok=True)


def open_read_only(path: str | Path, timeout: float = 5.0) -> sqlite3.Connection:
    """Open the SQLite file at ``path`` read-only: nothing is created or changed.

    The path goes into a ``file:`` URI percent-encoded (``Path.as_uri``): pasted raw, a folder named
    ``C# notes`` or ``100%`` would open, and create, another file read-write.
    """
    return sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, timeout=timeout)


def check_file(path: Path) -> str | None:
    """``None`` when ``path`` is a sound SQLite file, else what is wrong."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        return str(exc)
    if head != SQLITE_MAGIC:
        return "not an SQLite database"
    try:
        conn = open_read_only(path)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if row and row[0] == "ok" else f"integrity check failed: {row[0] if row else '?'}"


def resolve_backup(db_path: Path, name: str | None) -> BackupInfo:
    backups = list_backups(db_path)
    if not backups:
        raise StudytoolError(f"no backups of {db_path} in {backup_dir(db_path)}")
    if name is None:
        for b in reversed(backups):
            if b.kind == "daily" and check_file(b.path) is None:
                return b
        raise StudytoolError("no sound daily backup found; name one: `studytool backup list`")
    for b in backups:
        if name in (b.name, b.path.stem, str(b.path)):
            return b
    names = ", ".join(b.name for b in backups[-5:])
    raise StudytoolError(f"no backup named {name!r} (recent: {names}); see `studytool backup list`")


def restore_backup(db_path: Path, name: str | None) -> tuple[BackupInfo, Path | None]:
    """Replace the database with a backup; the current database is kept aside first, as one
    consistent file with whatever its WAL held (answers since the last checkpoint included).

    Returns the backup used and where the previous database was kept (``None`` if there was none).
    Nothing is changed when anything fails (a full disk, a read-only folder).
    """
    db_path = Path(os.path.realpath(db_path))  # a symlinked database: restore the file it points to
    if db_path.is_dir():
        raise StudytoolError(f"{db_path} is a folder; --db / STUDYTOOL_DB must name the database file")
    chosen = resolve_backup(db_path, name)
    problem = check_file(chosen.path)
    if problem:
        raise StudytoolError(f"backup {chosen.name} is damaged ({problem}); pick another: `studytool backup list`")
    kept: Path | None = None
    tmp = db_path.with_name(db_path.name + ".restore.tmp")
    try:
        if db_path.exists():
            kept = _keep_aside(db_path)
        shutil.copyfile(chosen.path, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        _swap_in(tmp, db_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if kept is not None and db_path.exists():  # the old database is still in place: the copy is not needed
            kept.unlink(missing_ok=True)
            Path(f"{kept}-wal").unlink(missing_ok=True)
        where = f" ({exc.filename})" if exc.filename else ""
        raise StudytoolError(f"cannot restore: {exc.strerror or exc}{where}; the database was not changed") from None
    return chosen, kept


def _swap_in(new: Path, db_path: Path) -> None:
    """Move ``new`` onto ``db_path``. The old WAL and SHM are set aside first (a stale WAL must never
    be applied to the restored file) and put back if the move fails, so a failure changes nothing."""
    aside = []
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            parked = side.with_name(side.name + ".restore-aside")
            os.replace(side, parked)
            aside.append((parked, side))
    try:
        os.replace(new, db_path)
    except OSError:
        for parked, side in aside:
            os.replace(parked, side)
        raise
    for parked, _ in aside:
        parked.unlink(missing_ok=True)


def _keep_aside(db_path: Path) -> Path:
    """Copy the current database to a new ``…-before-restore-…`` file (never over an older one):
    through SQLite, so that answers still in the WAL are in the copy; byte for byte (with the WAL
    beside it) when SQLite cannot read the file."""
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = folder / f"{db_path.stem}-before-restore-{stamp}.db"
    n = 1
    while kept.exists() or Path(f"{kept}-wal").exists():
        n += 1
        kept = folder / f"{db_path.stem}-before-restore-{stamp}-{n}.db"
    try:
        conn = open_read_only(db_path)
        try:
            copy_database(conn, kept)
        finally:
            conn.close()
        return kept
    except sqlite3.Error:
        kept.unlink(missing_ok=True)
    shutil.copy2(db_path, kept)
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        shutil.copy2(wal, Path(f"{kept}-wal"))
    return kept
