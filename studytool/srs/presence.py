"""Who else is studying from the same review database: one small ``<db>.session-<pid>`` file per
study session (TUI, ``review --plain``, ``quiz --plain``), removed when the session ends.

Two sessions on one database both save every answer correctly, but each walks the same queue, so
the same cards come up in both. The learner is told; nothing is locked or refused.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # it exists, it just is not ours
    return True


def others(db: Path) -> list[int]:
    """The pids of the other live study sessions on ``db`` (files of dead ones are removed)."""
    db = Path(os.path.realpath(db))  # the same database through a symlink is the same database
    found = []
    try:
        marks = list(db.parent.glob(f"{glob.escape(db.name)}.session-*"))
    except OSError:
        return []
    for mark in marks:
        try:
            pid = int(mark.name.rsplit("-", 1)[1])
        except ValueError:
            continue
        if pid == os.getpid():
            continue
        if _alive(pid):
            found.append(pid)
        else:
            try:
                mark.unlink(missing_ok=True)  # a session that crashed
            except OSError:
                pass  # someone else's, in a shared folder: leave it
    return sorted(found)


@contextmanager
def studying(db: Path) -> Iterator[list[int]]:
    """Mark this process as studying from ``db`` for the block; yields the other sessions' pids."""
    db = Path(os.path.realpath(db))
    before = others(db)
    mark = db.parent / f"{db.name}.session-{os.getpid()}"
    try:
        mark.write_text("", encoding="utf-8")
    except OSError:  # a read-only folder: studying still works, only the notice does not
        mark = None  # type: ignore[assignment]
    try:
        yield before
    finally:
        if mark is not None:
            mark.unlink(missing_ok=True)


def warning(pids: list[int]) -> str:
    """The notice for other sessions (English; the TUI has its own wording)."""
    which = ", ".join(str(p) for p in pids)
    return (f"another study session (pid {which}) is open on this database; both save their answers, but the "
            "same cards can come up in both")  # fmt: skip
