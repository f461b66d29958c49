"""Portable history: export → import reproduces states; merging in either order agrees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studytool.errors import StudytoolError
from studytool.srs.history import export_history, import_history
from studytool.srs.scheduler import Params
from tests.srs_support import Clock, open_study, snapshot

P = Params()


def _study(db: Path, script: list[tuple[int, int, float]], start_days: float = 0) -> None:
    clock = Clock()
    clock.advance(days=start_days)
    s = open_study(db, clock=clock)
    for card, rating, wait in script:
        s.answer(f"alpha/c{card}", rating)
        clock.advance(hours=wait)
    s.suspend("beta/c0")
    s.save_interview({"score": 1 / (1 + len(script))})  # a report as build_report writes it: a share
    s.close()


scripts = st.lists(st.tuples(st.integers(0, 3), st.integers(1, 4), st.floats(0, 24 * 20)), max_size=12)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=scripts)
def test_export_import_reproduces_states(tmp_path_factory, script) -> None:
    d = tmp_path_factory.mktemp("h")
    _study(d / "a.db", script)
    a = open_study(d / "a.db")
    export_history(a.store, d / "h.jsonl")
    b = open_study(d / "b.db")
    added, present = import_history(b.store, d / "h.jsonl", 4, P)
    assert added == len(script) + 1 and present == 0
    assert import_history(b.store, d / "h.jsonl", 4, P) == (0, added)  # idempotent
    assert snapshot(d / "a.db")["cards"] == snapshot(d / "b.db")["cards"]
    assert b.interviews() == a.interviews()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s1=scripts, s2=scripts)
def test_merge_in_either_order_agrees(tmp_path_factory, s1, s2) -> None:
    d = tmp_path_factory.mktemp("m")
    _study(d / "m1.db", s1)
    _study(d / "m2.db", s2, start_days=0.5)
    for name in ("m1", "m2"):
        st_ = open_study(d / f"{name}.db")
        export_history(st_.store, d / f"{name}.jsonl")
        st_.close()
    for name, other in (("m1", "m2"), ("m2", "m1")):
        st_ = open_study(d / f"{name}.db")
        import_history(st_.store, d / f"{other}.jsonl", 4, P)
        st_.close()
    one, two = snapshot(d / "m1.db"), snapshot(d / "m2.db")
    assert one["events"] == two["events"] and one["cards"] == two["cards"] and one["info"] == two["info"]


def test_bad_history_files(tmp_path: Path) -> None:
    s = open_study(tmp_path / "s.db")
    bad = tmp_path / "bad.jsonl"
    cases = {
        "": "empty",
        '{"type": "event"}\n': "header",
        '{"type": "header", "format": "studytool-history", "version": 1}\nnot json\n': ":2: not valid JSON",
        '{"type": "header", "format": "studytool-history", "version": 99}\n': "newer",
        '{"type": "header", "format": "studytool-history", "version": 1}\n'
        + json.dumps({"type": "event", "id": "abcdefgh12", "uid": "a/b", "at": "2024-01-01T00:00:00+00:00",
                      "seq": 0, "kind": "answer", "rating": 7, "mode": "review"}) + "\n": "rating must be 1-4",
    }
    for text, message in cases.items():
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(StudytoolError, match=message):
            import_history(s.store, bad, 4, P)
    with pytest.raises(StudytoolError, match="no such file"):
        import_history(s.store, tmp_path / "missing.jsonl", 4, P)
    assert s.store.event_count() == 0
