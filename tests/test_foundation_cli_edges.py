"""Odd CLI input: every bad value is one clear line and exit 2; odd-but-valid input just works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

DECK = """\
deck: mine
title: {zh: 我的, en: Mine}
source: "my notes"
cards:
  - id: one
    type: basic
    q: {zh: "一?", en: "One?"}
    a: {zh: "一", en: "one"}
    tags: [alpha]
  - id: two
    type: basic
    q: {zh: "二?", en: "Two?"}
    a: {zh: "二", en: "two"}
    tags: [beta, alpha]
  - id: three
    type: basic
    q: {zh: "三?", en: "Three?"}
    a: {zh: "三", en: "three"}
"""


def _one_error_line(r) -> str:
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr and r.stderr.count("\n") == 1, r.stderr
    return r.stderr


@pytest.fixture()
def mine(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.yaml").write_text(DECK, encoding="utf-8")
    return folder


def test_list_tag_filters_and_combines_with_deck(mine: Path) -> None:
    rows = json.loads(run_cli("--decks", str(mine), "list", "--deck", "mine", "--tag", "alpha", "--json").stdout)
    assert [c["uid"] for c in rows] == ["mine/one", "mine/two"]
    rows = json.loads(run_cli("--decks", str(mine), "list", "--tag", "beta", "--json").stdout)
    assert [c["uid"] for c in rows] == ["mine/two"]  # across all decks, shipped ones included
    text = run_cli("--decks", str(mine), "list", "--deck", "mine", "--tag", "beta")
    assert text.returncode == 0 and text.stdout.splitlines()[-1] == "1 card"
    assert text.stdout.startswith("mine/two ")
    typo = run_cli("--decks", str(mine), "list", "--deck", "mine", "--tag", "beta", "--tag", "nope")
    assert typo.returncode == 2 and "no card has the tag 'nope'" in typo.stderr  # a typo is not silently ORed away


def test_check_counts_user_decks_and_warns_about_orphans(mine: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "s.db"
    base = run_cli("check", "--no-proofs", "--json", "--db", str(db))
    with_mine = run_cli("--decks", str(mine), "check", "--no-proofs", "--json", "--db", str(db))
    assert json.loads(with_mine.stdout)["cards"] == json.loads(base.stdout)["cards"] + 3
    run_cli("--decks", str(mine), "review", "--plain", "--deck", "mine", "--db", str(db), input="\n3\nq\n")
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from events where uid like 'mine/%'").fetchone()[0] == 1
    conn.close()
    text = run_cli("check", "--no-proofs", "--db", str(db))  # without --decks: mine/* are orphans now
    warnings = [line for line in text.stdout.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "mine/" in warnings[0], text.stdout
    assert text.returncode == 0  # orphans are a warning, not a failure


def test_odd_deck_folders(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    only_proofs = tmp_path / "only-proofs"
    (only_proofs / "proofs").mkdir(parents=True)
    for folder in (empty, only_proofs):
        r = run_cli("--decks", str(folder), "check", "--no-proofs")
        assert r.returncode == 0 and "0 problems" in r.stdout, r.stdout + r.stderr
    missing = run_cli("--decks", str(tmp_path / "nope"), "check", "--no-proofs")
    assert missing.returncode == 1 and "nope: deck folder does not exist" in missing.stdout


def test_db_in_a_folder_that_does_not_exist_yet(tmp_path: Path) -> None:
    db = tmp_path / "new" / "deeper" / "s.db"
    r = run_cli("stats", "--json", "--db", str(db))
    assert r.returncode == 0 and "by_deck" in json.loads(r.stdout)
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert "--db" in _one_error_line(run_cli("stats", "--json", "--db", str(blocker / "s.db")))


@pytest.mark.parametrize(
    "args",
    [
        ["quiz", "--plain", "-n", "0"],
        ["review", "--plain", "--limit", "0"],
        ["demo", "activations.sigmoid_derivative_max", "--set", "x_range=abc"],
        ["demo", "activations.sigmoid_derivative_max", "--timeout", "0"],
        ["list", "--deck", "no-such-deck"],
        ["trust", "/no/such/folder"],
        ["history", "import", "/no/such/file.jsonl"],
    ],
)
def test_bad_values_are_one_line_exit_2(args: list[str]) -> None:
    assert _one_error_line(run_cli(*args, input="")).startswith("studytool: error: ")


@pytest.mark.parametrize("args", [["demo"], ["export"], ["import"], ["history"], ["demo", "x", "--set"]])
def test_missing_arguments_are_usage_errors(args: list[str]) -> None:
    r = run_cli(*args)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "usage: studytool" in r.stderr


@pytest.mark.parametrize(
    "typed",
    ["", "\n", "\n3\n", "u\n", "s\n", "\nx\n", "\nu\n"],
    ids=["question", "rating", "next-card", "after-undo", "after-suspend", "after-bad-key", "after-undo-rating"],
)
def test_end_of_input_at_every_review_prompt(typed: str, tmp_path: Path) -> None:
    r = run_cli("review", "--plain", "--db", str(tmp_path / "s.db"), input=typed)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert r.stdout.rstrip().endswith("answered.")


def test_list_shows_questions_as_a_learner_sees_them_and_json_keeps_the_source(tmp_path: Path) -> None:
    folder = tmp_path / "math"
    folder.mkdir()
    (folder / "math.yaml").write_text(
        'deck: math\ntitle: {zh: 数学, en: Math}\nsource: "my notes"\ncards:\n'
        '  - id: kl\n    type: basic\n    q: {zh: "$\\\\mathrm{KL}(P\\\\Vert Q)\\\\ge 0$?", en: "$\\\\mathrm{KL}(P\\\\Vert Q)\\\\ge 0$?"}\n'
        '    a: {zh: "是", en: "yes"}\n'
        '  - id: blank\n    type: cloze\n    q: {zh: "LN 在 {{C, H, W}} 上归一化", en: "LN normalises over {{C, H, W}}"}\n'
        '    a: {zh: "C, H, W", en: "C, H, W"}\n',
        encoding="utf-8",
    )
    text = run_cli("--decks", str(folder), "list", "--deck", "math", "--lang", "en").stdout
    assert "KL(P‖Q)≥0?" in text and "$" not in text  # math rendered
    assert "LN normalises over ____" in text and "C, H, W" not in text  # the blank's answer stays hidden
    rows = json.loads(run_cli("--decks", str(folder), "list", "--deck", "math", "--json").stdout)
    assert rows[0]["q"]["en"] == "$\\mathrm{KL}(P\\Vert Q)\\ge 0$?"  # the JSON contract: source text


def test_deck_problems_are_not_silent_outside_check(tmp_path: Path) -> None:
    broken = tmp_path / "decks"
    broken.mkdir()
    (broken / "b.yaml").write_text("deck: b\ntitle: B\nsource: x\ncards: [\n", encoding="utf-8")
    from studytool.decks.validate import load_library

    shipped = len(load_library().collection.cards)
    for folder, words in ((broken, "b.yaml:5:1: YAML syntax error"), (tmp_path / "typo", "deck folder does not exist")):
        r = run_cli("--decks", str(folder), "list")
        assert r.returncode == 0 and r.stdout.rstrip().endswith(f"{shipped} cards")  # the shipped ones still list
        assert r.stderr.startswith("studytool: warning: ") and words in r.stderr and "studytool check" in r.stderr
        assert r.stderr.count("\n") == 1
    assert run_cli("list").stderr == ""  # the shipped decks alone: nothing to warn about


def test_empty_database_paths_and_bad_seeds_are_usage_errors(tmp_path: Path) -> None:
    r = run_cli("--db", "", "stats")
    assert r.returncode == 2 and "--db needs a file path" in r.stderr
    r = run_cli("stats", env={"STUDYTOOL_DB": "   "})
    assert r.returncode == 2 and "STUDYTOOL_DB is only spaces" in r.stderr
    assert not Path("   ").exists()
    r = run_cli("demo", "activations.sigmoid_derivative_max", "--seed", "-1", "--no-plot")
    assert r.returncode == 2 and "expected a whole number from 0 to 4294967295" in r.stderr
    assert "Traceback" not in r.stderr


def test_a_folder_or_a_small_text_file_as_the_database(tmp_path: Path) -> None:
    folder = tmp_path / "dbdir"
    folder.mkdir()
    r = run_cli("--db", str(folder), "stats")
    assert r.returncode == 2 and "is a folder; --db / STUDYTOOL_DB must name the database file" in r.stderr
    text = tmp_path / "notes.txt"
    text.write_text("just some text, 42 bytes long, not sqlite\n", encoding="utf-8")
    r = run_cli("--db", str(text), "stats")
    assert r.returncode == 2 and "(not an SQLite database)" in r.stderr
    cut = tmp_path / "cut.db"
    cut.write_bytes(b"SQLite for")
    assert "(truncated)" in run_cli("--db", str(cut), "stats").stderr


def test_an_unknown_tag_is_an_error_with_suggestions_not_an_empty_list(tmp_path) -> None:
    """`list --tag nosuchtag` printed "0 cards" and exited 0 while an unknown --deck is an error."""
    db = str(tmp_path / "db.sqlite")
    for args in (("list", "--tag", "sigmod"), ("review", "--plain", "--tag", "sigmod"), ("quiz", "--plain", "--tag", "sigmod")):
        result = run_cli("--db", db, *args)
        assert result.returncode == 2 and "no card has the tag 'sigmod'; did you mean: sigmoid" in result.stderr, args
    ok = run_cli("--db", db, "list", "--tag", "sigmoid")
    assert ok.returncode == 0 and not ok.stdout.strip().endswith(" 0 cards")


def test_typo_messages_name_the_closest_match(capsys):
    from studytool.cli import main

    cases = {
        ("reveiw",): "unknown command 'reveiw' — did you mean 'review'? (choose from check, list",
        ("frobnicate",): "unknown command 'frobnicate' (choose from check",
        ("review", "--deck", "cnn", "--crma"): "unknown option --crma — did you mean '--cram'?",
        ("list", "--jsn"): "unknown option --jsn — did you mean '--json'?",
        ("quiz", "--lang", "fr"): "unknown value for --lang 'fr' (choose from",
        ("--bd",): "unknown option --bd — did you mean '--db'?",
        # a sub-command's own sub-commands and their options
        ("backup", "lsit"): "unknown backup action 'lsit' — did you mean 'list'? (choose from list, restore)",
        ("backup", "restore", "--yse"): "unknown option --yse — did you mean '--yes'?",
        ("export", "ank"): "unknown value for format 'ank' — did you mean 'anki'? (choose from anki, csv, markdown)",
        # a stray word is still named next to the unknown option
        ("review", "extra", "--dekc"): "unknown option --dekc — did you mean '--deck'? Also unexpected: extra",
        ("list", "--jsn", "more"): "unknown option --jsn — did you mean '--json'? Also unexpected: more",
        ("list", "--zzzzz", "more"): "unknown option --zzzzz. Also unexpected: more",
    }
    for argv, expected in cases.items():
        with pytest.raises(SystemExit):
            main(list(argv))
        err = capsys.readouterr().err
        assert expected in err, (argv, err)


def test_choice_suggestions_do_not_depend_on_how_argparse_words_its_message():
    """Python 3.12.8/3.13.1 stopped quoting the choices in "invalid choice" messages; the
    suggestion and the list come from the argument itself."""
    import argparse

    from studytool.cli import build_parser

    parser = build_parser()
    command = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    with pytest.raises(argparse.ArgumentError) as caught:
        parser._check_value(command, "reveiw")
    assert str(caught.value).startswith("unknown command 'reveiw' — did you mean 'review'? (choose from check, list, ")
    parser._check_value(command, "review")  # a known one passes
