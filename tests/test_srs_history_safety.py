"""``history import`` either merges a file completely or changes nothing: every line is held to what
replay can handle (dates, bury data, scheduler params, integer sizes), and a replay failure rolls the
whole import back (found by a data-safety review: such files used to leave a database that every
later rebuild crashed on)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from studytool.errors import StudytoolError
from studytool.srs import replay
from studytool.srs.history import export_history, import_history
from studytool.srs.scheduler import Params
from tests.srs_support import open_study, snapshot

P = Params()


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, list[dict]]:
    """A database with three answers and its exported history, as parsed lines."""
    db = tmp_path / "a.db"
    s = open_study(db)
    for i in range(3):
        s.answer(f"alpha/c{i}", 3)
    export_history(s.store, tmp_path / "h.jsonl")
    s.close()
    lines = [json.loads(line) for line in (tmp_path / "h.jsonl").read_text(encoding="utf-8").splitlines()]
    return db, lines


def _variant(lines: list[dict], event: dict | None = None, params: dict | None = None) -> list[dict]:
    """The header and params lines, plus one more params line and one new event."""
    out = [line for line in lines if line["type"] in ("header", "params")]
    if params is not None:
        out.append({"type": "params", "hash": "other", "params": params})
    if event is not None:
        base = copy.deepcopy(next(line for line in lines if line["type"] == "event"))
        base.update({"id": "f" * 32, **event})
        out.append(base)
    return out


def _params(**change) -> dict:
    d = P.to_dict()
    for key, value in change.items():
        if value is None:
            del d[key]
        else:
            d[key] = value
    return d


BAD = [
    ({"kind": "bury", "rating": None, "mode": None, "data": {"until": "notadate"}}, None, "'data.until' is not an ISO date-time"),
    ({"at": "0001-01-01T00:00:00+00:00"}, None, "outside 2000 … tomorrow"),
    ({"at": "2999-01-01T00:00:00+00:00"}, None, "outside 2000 … tomorrow"),
    ({"seq": 2**70}, None, "seq must be between 0 and"),
    ({"duration_ms": -5}, None, "duration_ms must be between 0 and"),
    ({"uid": ""}, None, "is not a card uid"),
    ({"kind": "suspend", "mode": None, "rating": 3}, None, "a suspend event has no rating"),
    ({"params": "other"}, _params(desired_retention=0), "desired_retention must be between"),
    ({"params": "other"}, _params(weights=[200.0] * 21), "fsrs refuses these scheduler params"),
    ({"params": "other"}, _params(weights=[1e308] * 21), "must be finite, non-negative numbers"),
    ({"params": "other"}, _params(maximum_interval=10**400), "must be finite, non-negative numbers"),
    ({"params": "other"}, _params(weights=[0.1, 0.2]), "Expected 21 parameters, got 2"),
    ({"params": "other"}, _params(desired_retention=None), "miss the field 'desired_retention'"),
    # the limits of config.toml (a code review found import allowed 0.55 and leech_threshold 0, which
    # suspends a card at every lapse), and a params line must carry its own hash
    ({"params": "other"}, _params(desired_retention=0.55), "desired_retention must be between 0.70 and 0.99"),
    ({"params": "other"}, _params(leech_threshold=0), "leech_threshold must be at least 1"),
    ({"params": "other"}, _params(learning_steps=[0]), "steps must be at least 1 second"),
    ({"params": "other"}, _params(maximum_interval=3650), "'hash' 'other' is not the hash of these params"),
]  # fmt: skip


@pytest.mark.parametrize(("event", "params", "words"), BAD)
def test_a_line_replay_could_not_handle_is_refused_before_anything_is_written(
    tmp_path: Path, exported, event: dict, params: dict | None, words: str
) -> None:  # fmt: skip
    db, lines = exported
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(json.dumps(line) + "\n" for line in _variant(lines, event, params)), encoding="utf-8")
    s = open_study(db)
    before = snapshot(db)
    with pytest.raises(StudytoolError, match=f"bad.jsonl:\\d+: .*{words}"):
        import_history(s.store, bad, 4, P)
    assert snapshot(db) == before and s.store.event_count() == 3
    s.close()


def test_deeply_nested_json_is_one_clear_line(tmp_path: Path, exported) -> None:
    db, lines = exported
    bad = tmp_path / "deep.jsonl"
    bad.write_text(json.dumps(lines[0]) + "\n" + "[" * 100_000 + "\n", encoding="utf-8")
    s = open_study(db)
    with pytest.raises(StudytoolError, match="deep.jsonl:2: .*nested too deeply"):
        import_history(s.store, bad, 4, P)
    s.close()


def test_a_replay_failure_rolls_the_whole_import_back(tmp_path: Path, exported, monkeypatch) -> None:
    db, lines = exported
    new = tmp_path / "new.jsonl"
    new.write_text("".join(json.dumps(line) + "\n" for line in _variant(lines, {"uid": "alpha/c5"})), encoding="utf-8")
    s = open_study(db)
    before = snapshot(db)

    def broken(*args, **kwargs):
        raise ValueError("cannot replay")

    monkeypatch.setattr(replay, "replay_into", broken)
    with pytest.raises(StudytoolError, match="cannot be replayed .*nothing was imported"):
        import_history(s.store, new, 4, P)
    assert s.store.event_count() == 3 and snapshot(db) == before
    monkeypatch.undo()
    assert import_history(s.store, new, 4, P) == (1, 0)  # the same file imports fine afterwards
    assert s.store.event_count() == 4
    s.close()


def test_an_interview_line_needs_a_date(tmp_path: Path, exported) -> None:
    db, lines = exported
    bad = tmp_path / "iv.jsonl"
    rows = [line for line in lines if line["type"] in ("header", "params")]
    rows.append({"type": "interview", "id": "iv1", "at": 5, "report": {"score": 1}})
    bad.write_text("".join(json.dumps(line) + "\n" for line in rows), encoding="utf-8")
    s = open_study(db)
    with pytest.raises(StudytoolError, match="iv.jsonl:\\d+: an interview needs 'at'"):
        import_history(s.store, bad, 4, P)
    s.close()
