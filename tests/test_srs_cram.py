"""Cram (custom study): practise without changing the schedule; quiz answers keep what was typed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import run_cli


def _events(db: Path) -> list[tuple[str, str, int, str | None]]:
    con = sqlite3.connect(db)
    rows = con.execute("select uid, mode, rating, data from events order by rowid").fetchall()
    con.close()
    return rows


def test_plain_cram_logs_cram_and_schedules_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    out = run_cli("--db", str(db), "review", "--plain", "--cram", "--deck", "cnn", "--lang", "en",
                  input="\n1\n\n3\nq\n")
    assert out.returncode == 0, out.stderr
    assert "cram: the schedule is not changed" in out.stdout and "Practised: Again." in out.stdout
    events = _events(db)
    assert [e[1] for e in events] == ["cram", "cram"]
    con = sqlite3.connect(db)
    scheduled = con.execute("select count(*) from cards where reps > 0").fetchone()[0]
    con.close()
    assert scheduled == 0, "cram must not move any card out of the new state"


def test_cram_search_needs_cram(tmp_path: Path) -> None:
    out = run_cli("--db", str(tmp_path / "db.sqlite"), "review", "--plain", "--search", "relu")
    assert out.returncode == 2 and "add --cram" in out.stderr


def test_quiz_answer_keeps_input_verdict_and_option_order(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    uid = "kmeans/kmeans-plusplus-prob"
    out = run_cli("--db", str(db), "quiz", "--plain", "--card", uid, "--seed", "3", "--json", input="b\n")
    record = json.loads(out.stdout.splitlines()[0])
    (event,) = _events(db)
    data = json.loads(event[3])
    assert event[0] == uid and event[1] == "quiz"
    assert data["input"] == "b" and data["verdict"] == record["verdict"]
    assert data["shown_order"] == record["shown_order"] and sorted(data["shown_order"]) == [0, 1, 2, 3]


def _shown(out: str) -> list[str]:
    return [line.split(" · ")[0].strip("─ \n") for line in out.splitlines() if line.startswith("── ")]


def test_plain_cram_undo_of_again_takes_the_card_out_of_the_round_again(tmp_path: Path) -> None:
    """Found by a code review (the TUI had it right): Again puts the card at the end of the round; undoing
    that Again and then answering Good must not show the card once more."""
    import io

    from studytool.srs.plain import run_plain
    from tests.srs_support import make_collection, open_study

    study = open_study(tmp_path / "db.sqlite", make_collection({"alpha": 2}))
    # c0: Again (→ end of the round); at c1: undo (c0 comes back); c0: Good; c1: Good; the round is over
    out = io.StringIO()
    answered = run_plain(study, io.StringIO("\n1\nu\n\n3\n\n3\n\n3\n"), out, cram=True, lang="en")
    assert _shown(out.getvalue()) == ["alpha/c0", "alpha/c1", "alpha/c0", "alpha/c1"]
    assert answered == 2 and "No more cards to practise. 2 answered." in out.getvalue()


def test_plain_cram_undo_of_a_suspend_puts_the_card_back_in_the_round(tmp_path: Path) -> None:
    import io

    from studytool.srs.plain import run_plain
    from tests.srs_support import make_collection, open_study

    study = open_study(tmp_path / "db.sqlite", make_collection({"alpha": 2}))
    out = io.StringIO()
    # c0: suspend; at c1: undo (c0 unsuspended, shown again); c0: Good; c1: Good
    run_plain(study, io.StringIO("s\nu\n\n3\n\n3\n\n3\n"), out, cram=True, lang="en")
    assert _shown(out.getvalue()) == ["alpha/c0", "alpha/c1", "alpha/c0", "alpha/c1"]
    assert "No more cards to practise. 2 answered." in out.getvalue()


def test_search_is_due_is_the_queue_rule_at_any_time_of_day(tmp_path: Path) -> None:
    """Found by a code review: browse's is:due meant "due by now" (and counted buried cards) while home
    and the queue count cards due by the end of the study day; they now share one rule."""
    from datetime import timedelta

    from studytool.srs.search import search
    from tests.srs_support import Clock, make_collection, open_study

    clock = Clock()
    study = open_study(tmp_path / "db.sqlite", make_collection({"alpha": 2}), clock)
    cards = study.collection.cards

    def found() -> bool:
        return "alpha/c0" in [c.uid for c in search(cards, "is:due", study.store.all_cards(), clock())]

    def counted() -> bool:  # home's learn + due for the deck (c1 is new, so only c0 can be counted)
        deck = study.counts()["alpha"]
        return deck["learning"] + deck["due"] == 1

    study.answer("alpha/c0", 3)  # a learning step
    for hours in (-1, 0, 0.1, 1, 30):  # learning steps count as due today too (home: "learn")
        clock.t = study.card_state("alpha/c0").due + timedelta(hours=hours)
        assert found() == counted(), ("learning", hours)
    for _ in range(3):
        clock.advance(days=3)
        study.answer("alpha/c0", 4)
    review_due = study.card_state("alpha/c0").due

    for hours in (-30, -6, -1, -0.25, 0, 0.5, 3, 30):
        clock.t = review_due + timedelta(hours=hours)
        assert found() == counted() == ("alpha/c0" in study.queue()), hours
    study.bury("alpha/c0")
    clock.t = review_due + timedelta(minutes=1)
    assert not found() and not counted() and "alpha/c0" not in study.queue()  # buried: due for none


def test_cram_search_speaks_browse_search(tmp_path: Path) -> None:
    """`review --cram --search` used a bare substring of question+answer+id glued together; it is the
    browse query now: words ANDed, tag:, is:, -negation — and a bad filter is one clear error."""
    import io

    from studytool.srs.plain import run_plain
    from tests.srs_support import make_collection, open_study

    study = open_study(tmp_path / "db.sqlite", make_collection({"alpha": 3, "beta": 2}))
    assert study.cram_queue(search="deck:beta") == ["beta/c0", "beta/c1"]
    assert study.cram_queue(search="-deck:beta") == ["alpha/c0", "alpha/c1", "alpha/c2"]
    assert study.cram_queue(search="alpha c1") == ["alpha/c1"]  # both words, anywhere in the card
    out = io.StringIO()
    assert run_plain(study, io.StringIO("\n3\n\n3\n"), out, cram=True, search="deck:beta", lang="en") == 2
    result = run_cli("review", "--plain", "--cram", "--search", "is:dueish", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2 and "--search: unknown is:dueish" in result.stderr
