"""Two study sessions on one database are told about each other (nothing is locked or refused)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studytool.srs.presence import others, studying
from tests.conftest import run_cli


def test_a_session_sees_another_live_one_and_forgets_dead_ones(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f"s.db.session-{sleeper.pid}").write_text("")
        (tmp_path / "s.db.session-999999999").write_text("")  # a session that crashed long ago
        with studying(db) as seen:
            assert seen == [sleeper.pid]
            assert (tmp_path / f"s.db.session-{os.getpid()}").exists()
        assert not (tmp_path / f"s.db.session-{os.getpid()}").exists()
        assert not (tmp_path / "s.db.session-999999999").exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert others(db) == []  # the sleeper is gone too now


def test_plain_review_warns_when_another_session_is_open(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f"s.db.session-{sleeper.pid}").write_text("")
        out = run_cli("--db", str(db), "review", "--plain", "--limit", "1", input="q\n")
        assert out.returncode == 0 and f"another study session (pid {sleeper.pid})" in out.stderr
        quiet = run_cli("--db", str(tmp_path / "other.db"), "review", "--plain", "--limit", "1", input="q\n")
        assert "another study session" not in quiet.stderr
    finally:
        sleeper.kill()
        sleeper.wait()


def test_odd_database_names_and_symlinks_are_the_same_database(tmp_path: Path) -> None:
    db = tmp_path / "my[1].db"
    link = tmp_path / "link.db"
    db.write_text("")
    link.symlink_to(db)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        (tmp_path / f"my[1].db.session-{sleeper.pid}").write_text("")
        assert others(db) == [sleeper.pid] and others(link) == [sleeper.pid]
    finally:
        sleeper.kill()
        sleeper.wait()


def _session_child(db: Path, extra: str = "") -> subprocess.Popen[str]:
    code = (
        "import sys, time, signal\n"
        f"{extra}\n"
        "from pathlib import Path\n"
        "from studytool.srs.presence import studying\n"
        f"with studying(Path({str(db)!r})):\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(30)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_session_ended_by_a_signal_removes_its_mark(tmp_path: Path, signame: str) -> None:
    """A closed terminal (SIGHUP) or a kill (SIGTERM) skip `finally`: the mark stayed behind."""
    import signal

    db = tmp_path / "db.sqlite"
    child = _session_child(db)
    mark = tmp_path / f"db.sqlite.session-{child.pid}"
    assert mark.exists()
    child.send_signal(getattr(signal, signame))
    assert child.wait(timeout=20) == -getattr(signal, signame)  # it still ends as that signal ends it
    assert not mark.exists()


def test_an_ignored_sighup_leaves_the_session_running(tmp_path: Path) -> None:
    import signal

    db = tmp_path / "db.sqlite"
    child = _session_child(db, "signal.signal(signal.SIGHUP, signal.SIG_IGN)")  # as under nohup
    mark = tmp_path / f"db.sqlite.session-{child.pid}"
    child.send_signal(signal.SIGHUP)
    time.sleep(0.5)
    assert child.poll() is None and mark.exists()
    child.kill()
    child.wait(timeout=20)
