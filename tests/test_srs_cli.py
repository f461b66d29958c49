"""The SRS commands end to end: review --plain with piped stdin, stats, rebuild, history, backup."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def _db(tmp_path: Path, name: str = "s.db") -> list[str]:
    return ["--db", str(tmp_path / name)]


def test_plain_review_stats_rebuild(tmp_path: Path) -> None:
    db = _db(tmp_path)
    r = run_cli("review", "--plain", *db, input="\n3\n\nx\n1\nq\n")
    assert r.returncode == 0, r.stderr
    assert "Saved: Good" in r.stdout and "Saved: Again" in r.stdout and "Please type" in r.stdout
    assert "1 Again (1m)" in r.stdout
    # card text as plain text: the first two cards' math as symbols, no Markdown markers, the cloze blank hidden
    assert "**" not in r.stdout and "$" not in r.stdout and "{{" not in r.stdout and "sum of ____" in r.stdout
    s = run_cli("stats", "--json", *db)
    assert s.returncode == 0, s.stderr
    data = json.loads(s.stdout)
    assert data["reviews_total"] == 2 and data["reviews_today"] == 2
    for key in ("due_today", "new_today", "retention_30d", "streak_days", "forecast", "by_deck"):
        assert key in data
    text = run_cli("stats", *db)  # stdout is a pipe: plain text
    assert text.returncode == 0 and "2 reviews in" in text.stdout and "streak 1 day;" in text.stdout  # 1 day, not "1 days"
    rb = run_cli("rebuild", *db)
    assert rb.returncode == 0 and "Replayed 2 events for 2 cards" in rb.stdout
    assert json.loads(run_cli("stats", "--json", *db).stdout)["by_deck"] == data["by_deck"]


def test_plain_review_speaks_chinese_with_lang_zh(tmp_path: Path) -> None:
    r = run_cli("review", "--plain", "--lang", "zh", "--deck", "kmeans", *_db(tmp_path), input="\n3\n\nx\nu\n\ns\nq\n")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "· 新卡 · 剩余 " in out and "[回车] 显示答案 · u 撤销 · s 暂停 · q 退出 > " in out
    assert "1 重来 (1分钟)" in out and "已保存：良好，10分钟后再复习。" in out
    assert "请输入 1、2、3、4、u、s 或 q。" in out and "已撤销 kmeans/kmeans-what-is 的上一个操作。" in out
    assert "已暂停 kmeans/kmeans-what-is。" in out and out.rstrip().endswith("已回答 0 张。")
    assert "Saved" not in out and "answered" not in out  # no English frame left
    both = run_cli("review", "--plain", "--deck", "kmeans", *_db(tmp_path, "b.db"), input="\nq\n").stdout
    assert "[Enter] show answer" in both  # the default (both languages) keeps the English frame scripts know


def test_plain_review_lists_a_choice_cards_options(tmp_path: Path) -> None:
    r = run_cli("review", "--plain", "--cram", "--search", "type:choice", "--lang", "en", *_db(tmp_path), input="q\n")
    first = r.stdout.split("[Enter]")[0]
    assert "?\n\n- a) " in first and "- b) " in first and "- d) " in first, first


def test_plain_review_limit_undo_suspend(tmp_path: Path) -> None:
    db = _db(tmp_path)
    r = run_cli("review", "--plain", "--limit", "2", *db, input="\n4\nu\n\n3\ns\n\n2\n\n2\n")
    assert r.returncode == 0, r.stderr
    assert "Undid the last action" in r.stdout and "Suspended" in r.stdout and "Limit reached: 2 answered" in r.stdout
    data = json.loads(run_cli("stats", "--json", *db).stdout)
    assert data["reviews_total"] == 2 and data["by_state"]["suspended"] == 1
    eof = run_cli("review", "--plain", *db, input="")
    assert eof.returncode == 0


def test_unknown_deck_and_bad_limit(tmp_path: Path) -> None:
    r = run_cli("review", "--plain", "--deck", "no-such-deck", *_db(tmp_path), input="")
    assert r.returncode == 2 and "no deck 'no-such-deck'" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("review", "--plain", "--limit", "0", *_db(tmp_path), input="")
    assert r.returncode == 2


def test_history_export_import(tmp_path: Path) -> None:
    run_cli("review", "--plain", *_db(tmp_path, "a.db"), input="\n3\n\n4\nq\n")
    out = tmp_path / "h.jsonl"
    e = run_cli("history", "export", "-o", str(out), *_db(tmp_path, "a.db"))
    assert e.returncode == 0 and "Exported 2 events" in e.stdout
    i = run_cli("history", "import", str(out), *_db(tmp_path, "b.db"))
    assert i.returncode == 0 and "Imported 2 new events (0 already present)" in i.stdout
    again = run_cli("history", "import", str(out), *_db(tmp_path, "b.db"))
    assert "Imported 0 new events (2 already present)" in again.stdout
    a = json.loads(run_cli("stats", "--json", *_db(tmp_path, "a.db")).stdout)
    b = json.loads(run_cli("stats", "--json", *_db(tmp_path, "b.db")).stdout)
    assert a["by_deck"] == b["by_deck"] and a["forecast"] == b["forecast"]
    bad = run_cli("history", "import", str(tmp_path / "nope.jsonl"), *_db(tmp_path, "b.db"))
    assert bad.returncode == 2 and "no such file" in bad.stderr


def test_corrupt_db_message_and_backup_restore(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    run_cli("review", "--plain", "--db", str(db), input="\n3\nq\n")
    run_cli("stats", "--json", "--db", str(db))  # second open: the day's backup exists now
    listing = run_cli("backup", "list", "--db", str(db))
    assert listing.returncode == 0 and "daily" in listing.stdout
    db.write_bytes(b"\x00garbage" * 4096)
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    broken = run_cli("stats", "--json", "--db", str(db))
    assert broken.returncode == 2
    assert "Traceback" not in broken.stderr and len(broken.stderr.strip().splitlines()) == 1
    assert "studytool backup list" in broken.stderr and "backup restore" in broken.stderr
    restored = run_cli("backup", "restore", "--db", str(db))
    assert restored.returncode == 0, restored.stderr
    assert "previous database was kept" in restored.stdout
    ok = run_cli("stats", "--json", "--db", str(db))
    assert ok.returncode == 0 and json.loads(ok.stdout)["reviews_total"] == 1
    missing = run_cli("backup", "restore", "nope", "--db", str(db))
    assert missing.returncode == 2 and "no backup named" in missing.stderr


def test_check_reports_orphans_without_creating_db(tmp_path: Path) -> None:
    import sqlite3

    missing = tmp_path / "none.db"
    r = run_cli("check", "--no-proofs", "--json", "--db", str(missing))
    assert json.loads(r.stdout)["orphans"] == [] and not missing.exists()
    db = tmp_path / "s.db"
    run_cli("review", "--plain", "--db", str(db), input="\n3\nq\n")
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO events (id, uid, at, seq, kind, rating, duration_ms, mode) VALUES"
        " ('0123456789abcdef', 'gone/card', '2024-01-01T00:00:00.000000+00:00', 0, 'answer', 3, 0, 'review')"
    )
    conn.commit()
    conn.close()
    r = run_cli("check", "--no-proofs", "--json", "--db", str(db))
    orphans = json.loads(r.stdout)["orphans"]
    assert len(orphans) == 1 and "gone/card" in orphans[0]


def test_interview_history_lists_past_reports(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from studytool.decks.validate import load_library
    from studytool.srs.interview import build_report
    from studytool.srs.study import Study

    db = tmp_path / "s.db"
    result = run_cli("interview", "--history", "--db", str(db))
    assert result.returncode == 0 and "No interviews yet" in result.stdout
    answers = [
        {"uid": "optimizers/adam-update", "deck": "optimizers", "score": 0.25, "covered": ["m"], "missed": ["v", "bias"],
         "seconds": 30.0, "notes": ""},
        {"uid": "kmeans/kmeans-what-is", "deck": "kmeans", "score": 1.0, "covered": ["a", "b"], "missed": [],
         "seconds": 61.0, "notes": "x"},
    ]  # fmt: skip
    clock = [datetime(2026, 3, 1, 12, tzinfo=UTC)]
    with Study.open(db, load_library().collection, now=lambda: clock[0]) as study:
        study.save_interview(build_report(answers))
        clock[0] = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
        study.save_interview(build_report(answers[1:]))
    result = run_cli("interview", "--history", "--db", str(db), env={"TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2026-03-01 12:00") and "2 questions" in lines[0] and " 62% of key points" in lines[0]
    assert "weakest: Optimizers, K-means clustering" in lines[0]
    assert lines[1].strip() == "review: optimizers/adam-update"
    assert lines[2].startswith("2026-03-02 09:30") and "1 question " in lines[2] and "100% of key points" in lines[2]
    assert lines[-1] == "2 interviews"
    data = json.loads(run_cli("interview", "--history", "--json", "--db", str(db)).stdout)
    assert [len(r["questions"]) for r in data["interviews"]] == [2, 1]
    assert data["interviews"][0]["questions"][0]["missed"] == ["v", "bias"] and data["interviews"][0]["at"].startswith("2026-03-01")
    bad = run_cli("interview", "--json", "--db", str(db))
    assert bad.returncode == 2 and "--json goes with --history" in bad.stderr


def test_interview_history_filters_by_deck_and_refuses_the_options_of_a_new_interview(tmp_path: Path) -> None:
    from studytool.decks.validate import load_library
    from studytool.srs.interview import build_report
    from studytool.srs.study import Study

    db = tmp_path / "s.db"
    answer = {"uid": "kmeans/kmeans-what-is", "deck": "kmeans", "score": 1.0, "covered": [], "missed": [],
              "seconds": 1.0, "notes": ""}  # fmt: skip
    with Study.open(db, load_library().collection) as study:
        study.save_interview(build_report([answer]))
        study.save_interview(build_report([{**answer, "uid": "optimizers/adam-update", "deck": "optimizers"}]))
    out = run_cli("interview", "--history", "--deck", "kmeans", "--db", str(db)).stdout
    assert out.splitlines()[-1] == "1 interview" and "K-means" in out and "Optimizers" not in out
    out = run_cli("interview", "--history", "--deck", "cnn", "--db", str(db)).stdout
    assert "No interview has asked about cnn yet." in out
    bad = run_cli("interview", "--history", "--deck", "nosuch", "--db", str(db))
    assert bad.returncode == 2 and "no deck 'nosuch'" in bad.stderr
    bad = run_cli("interview", "--history", "-n", "3", "--minutes", "1", "--db", str(db))
    assert bad.returncode == 2 and "-n, --minutes only apply to a new interview; with --history use --deck or --json" in bad.stderr


def test_interview_history_lists_odd_stored_reports_and_import_refuses_them(tmp_path: Path) -> None:
    """Reports come back from other machines' history files: a report with odd field types is
    refused at import with its line, and one already stored is listed, not a traceback."""
    db = tmp_path / "s.db"
    import sqlite3

    assert run_cli("history", "export", "-o", str(tmp_path / "h.jsonl"), "--db", str(db)).returncode == 0
    first = (tmp_path / "h.jsonl").read_text(encoding="utf-8").splitlines()[0]
    for report, complaint in (
        ({"score": None}, "'score' must be a number from 0 to 1 (None)"),
        ({"score": 3}, "'score' must be a number from 0 to 1 (3)"),
        ({"weakest": [1, 2]}, "'weakest' must be a list of strings ([1, 2])"),
        ({"suggested": "x"}, "'suggested' must be a list of strings ('x')"),
        ({"questions": [1]}, "'questions' must be a list of objects"),
    ):
        line = json.dumps({"type": "interview", "id": "x1", "at": "2025-01-01T10:00:00+00:00", "report": report})
        path = tmp_path / "bad.jsonl"
        path.write_text(f"{first}\n{line}\n", encoding="utf-8")
        result = run_cli("history", "import", str(path), "--db", str(db))
        assert result.returncode == 2 and f"bad.jsonl:2: an interview's {complaint}" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    conn = sqlite3.connect(db)  # one stored by an older studytool, before the check
    conn.execute("INSERT INTO interviews (id, at, report) VALUES ('old', '2025-01-01T10:00:00.000000+00:00', ?)",
                 (json.dumps({"score": None, "weakest": [1, "kmeans"], "questions": [1, {"deck": "kmeans"}], "suggested": 5}),))  # fmt: skip
    conn.commit()
    conn.close()
    result = run_cli("interview", "--history", "--db", str(db), env={"TZ": "UTC"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2025-01-01 10:00    1 question    ? of key points  weakest: 1, K-means clustering"
    assert run_cli("interview", "--history", "--deck", "kmeans", "--db", str(db)).stdout.splitlines()[-1] == "1 interview"
