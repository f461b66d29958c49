"""Who else is studying from the same review database: one small ``<db>.session-<pid>`` file per
study session (TUI, ``review --plain``, ``quiz --plain``), removed when the session ends.

Two sessions on one database both save every answer correctly, but each walks the same queue, so
the same cards come up in both. The learner is told; nothing is locked or refused.
"""

from __future__ import annotations

import glob
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


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
    """Mark this process as studying from ``db`` for the block; yields the other sessions' pids.

    The mark is also removed when the process is ended by SIGTERM or SIGHUP (a closed terminal),
    which skip ``finally`` blocks: the process then ends as those signals would have ended it."""
    db = Path(os.path.realpath(db))
    before = others(db)
    mark: Path | None = db.parent / f"{db.name}.session-{os.getpid()}"
    try:
        mark.write_text("", encoding="utf-8")  # type: ignore[union-attr]
    except OSError:  # a read-only folder: studying still works, only the notice does not
        mark = None
    previous = _on_termination(mark)
    try:
        yield before
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if mark is not None:
            mark.unlink(missing_ok=True)


def _on_termination(mark: Path | None) -> dict[int, Any]:
    """Remove ``mark`` on SIGTERM/SIGHUP, then let the signal do what it did before; returns the
    handlers replaced (none outside the main thread, where signals cannot be handled)."""
    if mark is None or threading.current_thread() is not threading.main_thread():
        return {}
    previous: dict[int, Any] = {}

    def gone(signum: int, frame: Any) -> None:
        handler = previous.get(signum)
        if handler == signal.SIG_IGN:  # e.g. SIGHUP under nohup: the process goes on studying
            return
        mark.unlink(missing_ok=True)
        if callable(handler):
            handler(signum, frame)
            return
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is not None:
            previous[signum] = signal.signal(signum, gone)
    return previous


def warning(pids: list[int]) -> str:
    """The notice for other sessions (English; the TUI has its own wording)."""
    which = ", ".join(str(p) for p in pids)
    return (f"another study session (pid {which}) is open on this database; both save their answers, but the "
            "same cards can come up in both")  # fmt: skip
