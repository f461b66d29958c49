"""Import/export edge cases: BOM, CRLF, empty files, bad output paths — one clear line, exit 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studytool.atomic import replacing, write_text
from studytool.decks.loader import read_deck
from studytool.errors import StudytoolError
from studytool.interop.importer import import_file
from tests.conftest import run_cli


def test_import_bom_and_crlf(tmp_path: Path) -> None:
    src = tmp_path / "win.csv"
    src.write_bytes('\ufeffquestion,answer\r\nWhat is 1+1?,2\r\n"two\r\nlines",x\r\n'.encode())
    out = tmp_path / "win.yaml"
    assert import_file(src, out) == 2
    deck, problems = read_deck(out)
    assert problems == [] and deck is not None
    assert [c.q.en for c in deck.cards] == ["What is 1+1?", "two\nlines"]  # header skipped, no \r left
    assert "\r" not in out.read_text(encoding="utf-8")


def test_import_crlf_row_numbers_stay_right(tmp_path: Path) -> None:
    src = tmp_path / "bad.csv"
    src.write_bytes(b'q1,a1\r\n"multi\r\nline",a2\r\nlonely\r\n')
    with pytest.raises(StudytoolError, match=r"bad\.csv:4: expected at least 2 columns"):
        import_file(src, tmp_path / "bad.yaml")


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b"question,answer\n"])
def test_import_of_an_empty_file_writes_nothing(tmp_path: Path, content: bytes) -> None:
    src = tmp_path / "empty.csv"
    src.write_bytes(content)
    with pytest.raises(StudytoolError, match="no rows found"):
        import_file(src, tmp_path / "empty.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.csv"]


def test_import_to_a_bad_output_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "ok.csv"
    src.write_text("What is 1+1?,2\n", encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    for out, words in ((tmp_path, "is a folder; give a file name"),  # a folder; a folder that cannot be made
                       (blocker / "deck.yaml", "cannot write")):  # fmt: skip
        r = run_cli("import", str(src), "-o", str(out))
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert r.stderr.startswith("studytool: error:") and words in r.stderr and r.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "ok.csv"]


@pytest.mark.parametrize("fmt", ["anki", "csv", "markdown"])
def test_export_to_an_impossible_path_fails_before_running_proofs(tmp_path: Path, fmt: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    r = run_cli("export", fmt, "-o", str(blocker / "sub" / "out"), "--deck", "activations")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith("studytool: error: cannot write") and r.stderr.count("\n") == 1
    assert not (Path(os.environ["STUDYTOOL_DB"]).parent / "proof-cache").exists()  # no proof ran


def test_replacing_leaves_nothing_behind_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_text(target, "old")
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    write_text(target, "new", fsync=True)
    assert target.read_text(encoding="utf-8") == "new"
    with pytest.raises(IsADirectoryError):
        write_text(tmp_path, "x")
