"""Crash safety: a child answers cards in a loop and is SIGKILLed at random moments (20 kills)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHILD = """
import sys
sys.path.insert(0, {root!r})
from tests.srs_support import make_collection
from studytool.srs.study import Study
from studytool.srs.config import StudyConfig
s = Study.open({db!r}, make_collection({{"alpha": 30}}), config=StudyConfig())
print("ready", flush=True)
i = 0
while True:
    r = s.answer(f"alpha/c{{i % 30}}", 1 + i % 4, duration_ms=i)
    print(r.event_id, flush=True)
    if i % 7 == 3:
        print("undoing " + r.event_id, flush=True)
        s.undo()
        print("undo " + r.event_id, flush=True)
    i += 1
"""

KILLS = 20


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_loses_no_committed_answer(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    committed: set[str] = set()
    rng = random.Random(1234)
    started = time.monotonic()
    for _ in range(KILLS):
        out = tmp_path / "out.txt"
        with open(out, "w") as fh:
            child = subprocess.Popen(
                [sys.executable, "-c", CHILD.format(root=str(ROOT), db=str(db))],
                stdout=fh, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            deadline = time.monotonic() + 10
            while "ready" not in out.read_text() and time.monotonic() < deadline:
                assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.25))
            child.send_signal(signal.SIGKILL)
            child.wait()
            if child.stderr:
                child.stderr.close()
        for line in out.read_text().splitlines():
            if line.startswith(("undo ", "undoing ")):  # an undo in flight may or may not have landed
                committed.discard(line.split()[1])
            elif line != "ready" and len(line) == 32:
                committed.add(line)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = {r[0] for r in conn.execute("SELECT id FROM events")}
    finally:
        conn.close()
    assert committed, "the child never answered anything"
    missing = committed - ids
    assert not missing, f"{len(missing)} committed answers lost"
    # at most the one in flight at each kill can be in the db without having been printed
    assert len(ids - committed) <= KILLS
    assert time.monotonic() - started < 60


WRITER = """
import sys
sys.path.insert(0, {root!r})
from tests.srs_support import make_collection
from studytool.srs.study import Study
s = Study.open({db!r}, make_collection({{"alpha": 30}}))
for i in range(60):
    s.answer(f"alpha/c{{(i * 7 + {k}) % 30}}", 1 + i % 4)
    if i % 10 == 0:
        s.queue(); s.stats()
print("done", flush=True)
"""


def test_two_processes_answer_concurrently(tmp_path: Path) -> None:
    db = tmp_path / "two.db"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT), db=str(db), k=k)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for k in (0, 1)
    ]
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0 and "done" in out, err
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 120
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        reps = conn.execute("SELECT SUM(seq) FROM cards").fetchone()[0]
    finally:
        conn.close()
    assert reps == 120  # every answer reached the card cache


OPENER = """
import sys
sys.path.insert(0, {root!r})
from tests.srs_support import make_collection
from studytool.srs.study import Study
s = Study.open({db!r}, make_collection({{"alpha": 10}}))
s.answer("alpha/c{k}", 3)
print("done", flush=True)
"""


@pytest.mark.slow
def test_processes_creating_the_same_new_database_at_once(tmp_path: Path) -> None:
    """Switching a new file to WAL answers SQLITE_BUSY at once (no busy handler): opening retries."""
    for round_ in range(20):
        db = tmp_path / f"new{round_}.db"
        procs = [
            subprocess.Popen([sys.executable, "-c", OPENER.format(root=str(ROOT), db=str(db), k=k)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for k in range(3)
        ]
        for p in procs:
            out, err = p.communicate(timeout=60)
            assert p.returncode == 0 and "done" in out, err
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 3
        finally:
            conn.close()
