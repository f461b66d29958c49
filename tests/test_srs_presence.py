"""Two study sessions on one database are told about each other (nothing is locked or refused)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
