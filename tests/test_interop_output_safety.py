"""``-o`` never destroys what it should not: an existing deck (import asks for --force), the input
file, the review database; symlinks are written through, devices and pipes too (``-o /dev/stdout``),
and the summary then goes to stderr. Import headers and limits are reported against the input file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import run_cli

CSV = "question,answer\nWhat is 2+2?,4\nCapital of France?,Paris\n"
DECK = "deck: mine\ntitle: Mine\nsource: me\ncards:\n  - id: p\n    type: basic\n    q: hand written\n    a: months of work\n"


def _ok(result) -> None:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def _refused(result, words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert words in result.stderr and "Traceback" not in result.stderr


def test_import_does_not_replace_an_existing_file_without_force(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text(CSV, encoding="utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(DECK, encoding="utf-8")
    _refused(run_cli("import", str(tmp_path / "in.csv"), "-o", str(mine)), "already exists; pass --force")
    assert mine.read_text(encoding="utf-8") == DECK
    _refused(run_cli("import", str(tmp_path / "in.csv"), "-o", str(tmp_path / "in.csv"), "--force"), "the file being read")
    assert (tmp_path / "in.csv").read_text(encoding="utf-8") == CSV
    _ok(run_cli("import", str(tmp_path / "in.csv"), "-o", str(mine), "--force"))
    assert "What is 2+2?" in mine.read_text(encoding="utf-8")


def test_no_output_may_be_the_review_database_or_any_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    _ok(run_cli("--db", str(db), "stats", "--json"))
    run_cli("--db", str(db), "review", "--plain", "--limit", "1", input="\n3\n")
    before = db.read_bytes()
    for args in (["export", "csv", "--no-proofs", "-o", str(db)], ["history", "export", "-o", str(db)],
                 ["history", "export", "-o", f"{db}-wal"]):  # fmt: skip
        _refused(run_cli("--db", str(db), *args), "is the review database")
    other = tmp_path / "other.db"
    other.write_bytes(before)
    _refused(run_cli("--db", str(db), "export", "markdown", "--no-proofs", "-o", str(other)), "is an SQLite database")
    assert db.read_bytes() == before and other.read_bytes() == before


def test_a_symlink_is_written_through_and_stdout_works(tmp_path: Path) -> None:
    target = tmp_path / "target.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    _ok(run_cli("export", "markdown", "--no-proofs", "--deck", "kmeans", "-o", str(link)))
    assert link.is_symlink() and "kmeans/kmeans-sparse-cosine" in target.read_text(encoding="utf-8")
    out = run_cli("export", "csv", "--no-proofs", "--deck", "kmeans", "-o", "/dev/stdout")
    _ok(out)
    from studytool.decks.validate import load_library

    kmeans = len(load_library().collection.select(["kmeans"], None))
    assert out.stdout.startswith("#separator:tab") and f"wrote {kmeans} cards" in out.stderr  # data only on stdout
    hist = run_cli("history", "export", "-o", "/dev/stdout")
    _ok(hist)
    assert json.loads(hist.stdout.splitlines()[0])["type"] == "header" and "Exported" in hist.stderr
    assert Path("/dev/stdout").is_symlink() or not Path("/dev/stdout").is_file()  # never replaced


def test_a_device_that_fails_is_reported_and_kept(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this machine")
    _refused(run_cli("export", "csv", "--no-proofs", "--deck", "kmeans", "-o", "/dev/full"), "No space left on device")
    assert not Path("/dev/full").is_file()  # still the device, not a regular file
    assert os.major(os.stat("/dev/full").st_rdev) == 1


def test_import_headers_and_limits_point_at_the_input(tmp_path: Path) -> None:
    src = tmp_path / "hash.csv"
    src.write_text("#What does # mean in Python?,a comment\nq2,a2\n", encoding="utf-8")
    _ok(run_cli("import", str(src), "-o", str(tmp_path / "hash.yaml")))
    assert "What does # mean" in (tmp_path / "hash.yaml").read_text(encoding="utf-8")  # a card, not a header
    for text, words in (("#separator:abc\nq,a\n", "sep.txt:1: #separator:abc — use one character"),
                        ("#separator:tab\n#tags column:0\nq1\ta1\tt\n", "sep.txt:2: #tags column:0 — columns count from 1")):  # fmt: skip
        (tmp_path / "sep.txt").write_text(text, encoding="utf-8")
        _refused(run_cli("import", str(tmp_path / "sep.txt"), "-o", str(tmp_path / "sep.yaml")), words)
    big = tmp_path / "big.csv"
    big.write_text("".join(f"q{i},a\n" for i in range(5001)), encoding="utf-8")
    _refused(run_cli("import", str(big), "-o", str(tmp_path / "big.yaml")), "big.csv: 5001 rows; a deck holds at most 5000")
    long = tmp_path / "long.csv"
    long.write_text("q1,a1\nq2," + "x" * 20001 + "\n", encoding="utf-8")
    _refused(run_cli("import", str(long), "-o", str(tmp_path / "long.yaml")), "long.csv:2: the answer is 20001 characters")
    assert not (tmp_path / "big.yaml").exists() and not (tmp_path / "long.yaml").exists()


def test_control_characters_never_reach_a_deck(tmp_path: Path) -> None:
    """An escape sequence in a shared CSV or deck would drive the learner's terminal."""
    src = tmp_path / "esc.csv"
    src.write_text("q,a\nhello\x1b[31mred,x\n", encoding="utf-8")
    _refused(run_cli("import", str(src), "-o", str(tmp_path / "esc.yaml")), "esc.csv:2: the question contains the control character U+001B")
    deck = tmp_path / "decks" / "d.yaml"
    deck.parent.mkdir()
    deck.write_text('deck: d\ntitle: D\nsource: s\ncards:\n  - id: c\n    type: basic\n    q: "a\\e[2Jb"\n    a: x\n',
                    encoding="utf-8")  # fmt: skip
    r = run_cli("check", "--no-proofs", str(deck.parent))
    assert r.returncode == 1 and "contains the control character U+001B" in r.stdout


def test_anki_guids_keep_card_ids_when_a_question_is_edited_in_anki(tmp_path: Path) -> None:
    import yaml

    ids = []
    for n, question in enumerate(("What is 2+2?", "What is 2 + 2 (edited in Anki)?")):
        src = tmp_path / f"v{n}.txt"
        src.write_text(f"#separator:tab\n#guid column:1\nabc123\t{question}\t4\nxyz789\tCapital?\tParis\n", encoding="utf-8")
        _ok(run_cli("import", str(src), "-o", str(tmp_path / f"v{n}.yaml")))
        deck = yaml.safe_load((tmp_path / f"v{n}.yaml").read_text(encoding="utf-8"))
        ids.append([c["id"] for c in deck["cards"]])
    assert ids[0] == ids[1] and all(i.startswith("g-") for i in ids[0])


def test_a_column_error_says_which_separator_was_used(tmp_path: Path) -> None:
    src = tmp_path / "mixed.txt"
    src.write_text("q1,a1\nq2\ta2\n", encoding="utf-8")  # a tab anywhere in a .txt: tab-separated
    _refused(run_cli("import", str(src), "-o", str(tmp_path / "m.yaml")),
             "mixed.txt:1: expected at least 2 columns (question, answer), found 1 (columns split at tab; a first line #separator:comma")  # fmt: skip


def test_stdout_redirected_to_a_file_is_appended_to_not_replaced(tmp_path: Path) -> None:
    import subprocess
    import sys

    log = tmp_path / "log.txt"
    log.write_text("earlier line\n", encoding="utf-8")
    env = {**os.environ, "STUDYTOOL_DB": str(tmp_path / "db.sqlite")}
    with open(log, "a", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "studytool", "history", "export", "-o", "/dev/stdout"], stdout=out,
                       stderr=subprocess.DEVNULL, env=env, check=True, cwd=Path(__file__).resolve().parents[1])  # fmt: skip
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "earlier line" and json.loads(lines[1])["type"] == "header"
    src = tmp_path / "in.csv"
    src.write_text("q,a\nIs 1 < 2 and 3 > 2?,yes\n", encoding="utf-8")
    with open(tmp_path / "deck.yaml", "w", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "studytool", "import", str(src), "-o", "/dev/stdout"], stdout=out,
                       stderr=subprocess.DEVNULL, env=env, check=True, cwd=Path(__file__).resolve().parents[1])  # fmt: skip
    deck = (tmp_path / "deck.yaml").read_text(encoding="utf-8")
    assert deck.startswith("# Imported by studytool") and "wrote" not in deck
    assert "Is 1 < 2 and 3 > 2?" in deck  # not mistaken for HTML tags


def test_output_into_a_missing_folder_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    """`export anki -o /nodir/x.apkg` created /nodir (first-use review): a typo must not make folders."""
    db = str(tmp_path / "db.sqlite")
    for args in (("export", "csv"), ("history", "export")):
        _refused(run_cli("--db", db, *args, "-o", str(tmp_path / "nodir" / "sub" / "x.out")), "there is no folder")
    assert not (tmp_path / "nodir").exists()
