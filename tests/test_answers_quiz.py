"""``studytool quiz --plain`` / ``--json``: piped stdin, verdicts, EOF, logging to the store."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from studytool.answers.session import QuizOptions, run_quiz, select_cards
from studytool.decks.loader import load_collection
from studytool.errors import StudytoolError
from tests.conftest import run_cli

DECK = """\
deck: qa
title: {zh: 测验, en: Quiz test}
source: "test"
cards:
  - id: num
    type: numeric
    q: {zh: "1/4 等于多少？", en: "What is 1/4?"}
    a: {zh: "0.25", en: "0.25"}
    answer: {value: 0.25, tol: 1.0e-9}
  - id: expr
    type: expression
    q: {zh: "σ' 用 s 表示？", en: "σ' in terms of s?"}
    a: {zh: "s(1-s)", en: "s(1-s)"}
    answer: {expr: "s*(1-s)", symbols: [s]}
  - id: pick
    type: choice
    q: {zh: "哪个是激活函数？", en: "Which is an activation?"}
    a: {zh: "ReLU", en: "ReLU"}
    answer: {options: [Adam, ReLU, SGD], correct: 1, shuffle: false}
  - id: tf
    type: truefalse
    q: {zh: "ReLU 是线性的。", en: "ReLU is linear."}
    a: {zh: "错", en: "false"}
    answer: {value: false}
  - id: blank
    type: cloze
    q: {zh: "ReLU 负半轴梯度为 {{零}}。", en: "ReLU's gradient for x<0 is {{zero}}."}
    a: {zh: "零", en: "zero"}
    answer: {accept: ["0"]}
  - id: plain
    type: basic
    q: {zh: "解释 ReLU", en: "Explain ReLU"}
    a: {zh: "…", en: "…"}
"""


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "qa.yaml").write_text(DECK, encoding="utf-8")
    return folder


def quiz(decks: Path, db: Path, *args: str, input: str) -> tuple[int, str, str]:
    proc = run_cli("quiz", "--decks", str(decks), "--db", str(db), *args, input=input)
    return proc.returncode, proc.stdout, proc.stderr


def events(db: Path) -> list[tuple[str, int, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT uid, rating, mode FROM events WHERE kind = 'answer' ORDER BY at, seq").fetchall()


def test_json_right_wrong_invalid_then_eof(decks: Path, tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    cards = ["--card", "qa/num", "qa/expr", "qa/pick", "qa/tf"]
    rc, out, err = quiz(decks, db, "--json", *cards, input="1/4\ns^2\n__import__('os')\nb\n")
    assert rc == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [(o["uid"], o["input"], o["verdict"]) for o in lines[:-1]] == [
        ("qa/num", "1/4", "correct"),
        ("qa/expr", "s^2", "incorrect"),
        ("qa/pick", "__import__('os')", "invalid"),
        ("qa/pick", "b", "correct"),
    ]
    for obj in lines[:-1]:
        assert set(obj) >= {"uid", "input", "verdict", "expected", "reason"}
    assert lines[0]["expected"] == "0.25"
    assert lines[1]["expected"] == "s*(1 - s)"
    assert lines[2]["reason"] and lines[2]["expected"] is None
    summary = lines[-1]
    assert summary["summary"] is True
    assert (summary["asked"], summary["correct"], summary["incorrect"], summary["invalid"], summary["remaining"]) == (3, 2, 1, 1, 1)
    # logged with mode quiz: Good for correct, Again for incorrect; the invalid attempt is not logged
    assert events(db) == [("qa/num", 3, "quiz"), ("qa/expr", 1, "quiz"), ("qa/pick", 3, "quiz")]


def test_plain_output_and_no_schedule(decks: Path, tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    rc, out, err = quiz(decks, db, "--plain", "--no-schedule", "--card", "qa/tf", "qa/blank", "qa/num", input="f\nfoo\n?\n")
    assert rc == 0, err
    assert "✓ correct — answer: false" in out
    assert "✗ incorrect — answer: zero" in out
    assert "✗ incorrect — answer: 0.25" in out and "not answered" in out
    assert "ReLU's gradient for x<0 is ____." in out
    assert "Score: 1/3 correct." in out
    assert events(db) == [("qa/tf", 3, "cram"), ("qa/blank", 1, "cram"), ("qa/num", 1, "cram")]


def test_plain_shows_proof_summary_and_lang(tmp_path: Path) -> None:
    proc = run_cli("quiz", "--plain", "--card", "activations/sigmoid-derivative-max", "--lang", "zh", "--db",
                   str(tmp_path / "q.db"), input="25%\n0.25\n")  # fmt: skip
    rc, out, err = proc.returncode, proc.stdout, proc.stderr
    assert rc == 0, err  # --lang zh: the questions and the frame in Chinese
    assert "无法识别：本题要一个普通的数，不是百分数" in out and "? 显示答案，:q 结束测验" in out
    assert "✓ 正确——答案：0.25" in out and "· 数值题" in out
    assert "证明：σ'(x) = σ(1−σ)，最大值 1/4 在 x = 0" in out
    assert "得分：1/1 正确，1 次无效输入。" in out
    proc = run_cli("quiz", "--plain", "--card", "activations/sigmoid-derivative-max", "--lang", "en", "--db",
                   str(tmp_path / "q.db"), input="25%\n?\n")  # fmt: skip
    out = proc.stdout
    assert "invalid: this card wants a plain number" in out and "✗ incorrect — answer: 0.25" in out
    assert "(not answered)" in out and "Score: 0/1 correct, 1 invalid input(s)." in out


def test_empty_stdin_ends_cleanly_with_summary(decks: Path, tmp_path: Path) -> None:
    rc, out, err = quiz(decks, tmp_path / "q.db", "--json", "--deck", "qa", "--seed", "5", input="")
    assert rc == 0, err
    (summary,) = [json.loads(line) for line in out.splitlines()]
    assert summary["asked"] == 0 and summary["remaining"] == 5 and summary["seed"] == 5


def test_bad_filters_are_clear_errors(decks: Path, tmp_path: Path) -> None:
    rc, out, err = quiz(decks, tmp_path / "q.db", "--json", "--card", "qa/plain", input="")
    assert rc == 2 and "cannot be auto-graded" in err and "Traceback" not in err
    rc, out, err = quiz(decks, tmp_path / "q.db", "--json", "--deck", "nope", input="")
    assert rc == 2 and "no deck 'nope' (known decks: " in err
    rc, out, err = quiz(decks, tmp_path / "q.db", "--json", "-n", "0", input="")
    assert rc == 2 and "-n must be 1 or more" in err


class FakeStudy:
    def __init__(self) -> None:
        self.answers: list[tuple[str, int, str]] = []
        self.data: list[dict[str, Any] | None] = []

    def answer(
        self, uid: str, rating: int, duration_ms: int = 0, mode: str = "review", data: dict[str, Any] | None = None
    ) -> None:
        assert duration_ms >= 0
        self.answers.append((uid, rating, mode))
        self.data.append(data)


def test_run_quiz_in_process_seed_order_and_limit(decks: Path) -> None:
    collection = load_collection([(decks, "user")])
    opts = QuizOptions(decks=["qa"], seed=11, limit=3, json=True)
    cards = select_cards(collection, opts)
    assert len(cards) == 3 and all(c.auto_graded for c in cards)
    assert [c.uid for c in cards] == [c.uid for c in select_cards(collection, opts)]  # same seed, same order
    with pytest.raises(StudytoolError):
        select_cards(collection, QuizOptions(tags=["no-such-tag"]))
    study = FakeStudy()
    out = io.StringIO()
    result = run_quiz(cards, None, study, io.StringIO("?\n?\n?\n"), out, opts)
    assert result.asked == 3 and result.incorrect == 3
    assert study.answers == [(c.uid, 1, "quiz") for c in cards]
    assert [d["input"] for d in study.data] == ["?"] * 3  # the typed input is kept with the event
    assert json.loads(out.getvalue().splitlines()[-1])["logged"] == 3


def test_choice_shuffle_order_is_reported(decks: Path) -> None:
    collection = load_collection([(decks, "user")])
    (card,) = select_cards(collection, QuizOptions(cards=["qa/pick"]))
    out = io.StringIO()
    run_quiz([card], None, None, io.StringIO("ReLU\n"), out, QuizOptions(json=True, seed=3))
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["verdict"] == "correct" and first["shown_order"] == [0, 1, 2]  # shuffle: false


def test_colon_q_ends_the_plain_quiz_and_a_lone_q_is_an_answer(decks: Path, tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    rc, out, err = quiz(decks, db, "--plain", "--no-schedule", "--card", "qa/tf", "qa/blank", "qa/num", input="f\n:q\n")
    assert rc == 0, err
    assert "✓ correct — answer: false" in out and "Score: 1/1 correct; 2 not asked." in out
    assert events(db) == [("qa/tf", 3, "cram")]
    rc, out, err = quiz(decks, db, "--plain", "--no-schedule", "--card", "qa/num", input="q\n?\n")
    assert "invalid:" in out and ":q ends the quiz" in out  # q is read as an answer, then the hint says how to stop


def test_plain_quiz_speaks_the_language_last_chosen_in_the_tui(decks: Path, tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    (tmp_path / "ui.json").write_text('{"lang": "zh"}', encoding="utf-8")
    rc, out, err = quiz(decks, db, "--plain", "--no-schedule", "--card", "qa/tf", input="f\n")
    assert rc == 0, err
    assert "ReLU 是线性的。" in out and "ReLU is linear." not in out, out
    rc, out, err = quiz(decks, db, "--plain", "--no-schedule", "--card", "qa/tf", "--lang", "en", input="f\n")
    assert "ReLU is linear." in out


def test_retry_asks_the_missed_cards_again_until_right_and_logs_them_as_practice(decks: Path) -> None:
    collection = load_collection([(decks, "user")])
    cards = select_cards(collection, QuizOptions(cards=["qa/num", "qa/tf", "qa/blank"]))
    study = FakeStudy()
    out = io.StringIO()
    # round 1: num right, tf and blank wrong; round 2: tf right, blank wrong; round 3: blank right
    answers = "0.25\ntrue\n?\nfalse\n1\n0\n"
    result = run_quiz(cards, None, study, io.StringIO(answers), out, QuizOptions(seed=1, retry=True))
    assert (result.asked, result.correct) == (3, 1)  # the score is the first round's
    assert study.answers == [
        ("qa/num", 3, "quiz"), ("qa/tf", 1, "quiz"), ("qa/blank", 1, "quiz"),  # the first answers schedule
        ("qa/tf", 3, "cram"), ("qa/blank", 1, "cram"),  # retries are practice
        ("qa/blank", 3, "cram"),
    ]  # fmt: skip
    text = out.getvalue()
    assert "Score: 1/3 correct." in text
    assert "Retry round 1: the 2 not answered correctly" in text and "Round 1: 1/2 correct; 1 still to get right." in text
    assert "Round 2: 1/1 correct — every card answered correctly at last." in text
    assert "Retry round 3" not in text


def test_retry_stops_at_the_end_of_input_and_json_names_the_rounds(decks: Path) -> None:
    collection = load_collection([(decks, "user")])
    cards = select_cards(collection, QuizOptions(cards=["qa/num", "qa/tf"]))
    out = io.StringIO()
    run_quiz(cards, None, None, io.StringIO("?\n?\n0.25\n"), out, QuizOptions(seed=1, retry=True, json=True))
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(o.get("uid"), o.get("verdict"), o.get("round")) for o in lines if not o.get("summary")] == [
        ("qa/num", "incorrect", None), ("qa/tf", "incorrect", None), ("qa/num", "correct", 1),
    ]  # fmt: skip
    summaries = [o for o in lines if o.get("summary")]
    assert summaries[0]["asked"] == 2 and summaries[0]["mode"] == "quiz" and "round" not in summaries[0]
    assert summaries[1]["round"] == 1 and summaries[1]["mode"] == "cram" and summaries[1]["missed"] == 1  # tf never reached
    plain = io.StringIO()
    run_quiz(cards, None, None, io.StringIO("?\n?\n0.25\n"), plain, QuizOptions(seed=1, retry=True))
    assert "Round 1 stopped: 1/1 correct, 1 still to get right." in plain.getvalue()
    without = io.StringIO()
    run_quiz(cards, None, None, io.StringIO("?\n?\n0.25\n"), without, QuizOptions(seed=1))
    assert "Retry" not in without.getvalue()  # without --retry: one round, as before


def test_retry_on_the_command_line(decks: Path, tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    rc, out, err = quiz(decks, db, "--plain", "--retry", "--card", "qa/tf", input="true\nfalse\n")
    assert rc == 0, err
    assert "Round 1: 1/1 correct — every card answered correctly at last." in out
    assert events(db) == [("qa/tf", 1, "quiz"), ("qa/tf", 3, "cram")]


def test_a_cards_own_hint_is_labelled_a_tip_and_a_diagnosis_a_hint(tmp_path: Path) -> None:
    """The card's fixed hint is shown for any wrong answer: it must not read as a diagnosis of it."""
    proc = run_cli("quiz", "--plain", "--no-schedule", "--lang", "en", "--card", "gradients/he-init-variance",
                   "losses/mse-gradient", "--db", str(tmp_path / "q.db"), input="1\n(yhat-y)/n\n")  # fmt: skip
    out = proc.stdout
    assert "  tip for this card: give the variance, not the standard deviation" in out
    assert "  hint: off by a factor of 2" in out
