"""Anki/CSV/Markdown export and CSV/TSV/Anki-text import (issue: interop)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from studytool.decks.loader import read_deck
from studytool.interop.anki import note_guid
from tests.conftest import run_cli

DECK = """\
deck: tiny
title: {zh: 小测试, en: Tiny}
source: "机器学习基础 › 二、激活函数"
tags: [tiny]
cards:
  - id: relu-grad
    type: basic
    q: {zh: "ReLU 在 $x>0$ 时的导数？", en: "Derivative of ReLU for $x>0$?"}
    a: {zh: "等于 1", en: "It equals 1"}
    points: {zh: [正半轴导数为 1], en: [slope 1 on the positive side]}
    tags: [relu]
  - id: quarter
    type: numeric
    q: {zh: "σ' 的最大值？", en: "Maximum of sigma prime?"}
    a: {zh: "四分之一", en: "One quarter"}
    answer: {value: 0.25}
    erratum:
      claim: {zh: "笔记说是 1", en: "The notes say 1"}
      correction: {zh: "是 1/4", en: "It is 1/4"}
"""


@pytest.fixture()
def deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(DECK, encoding="utf-8")
    return folder


def _notes(apkg: Path) -> tuple[list[tuple[str, list[str], str]], dict]:
    with zipfile.ZipFile(apkg) as z:
        db_path = apkg.with_suffix(".anki2")
        db_path.write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(db_path)
    rows = con.execute("select guid, flds, tags from notes order by id").fetchall()
    decks = json.loads(con.execute("select decks from col").fetchone()[0])
    con.close()
    return [(g, f.split("\x1f"), t) for g, f, t in rows], decks


def test_apkg_notes_fields_tags_guids(deck_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "tiny.apkg"
    r = run_cli("--decks", str(deck_dir), "export", "anki", "-o", str(out), "--deck", "tiny", "--no-proofs", "--lang", "en")
    assert r.returncode == 0, r.stderr
    notes, decks = _notes(out)
    assert len(notes) == 2
    guid, fields, tags = notes[0]
    assert guid == note_guid("tiny/relu-grad")
    assert fields[0] == "Derivative of ReLU for \\(x&gt;0\\)?"
    assert "It equals 1" in fields[1] and "slope 1" in fields[2]
    assert fields[5] == "机器学习基础 › 二、激活函数" and fields[6] == "tiny/relu-grad"
    assert set(tags.split()) == {"tiny", "relu", "type::basic"}
    assert "It is 1/4" in notes[1][1][4] and "<b>0.25</b>" in notes[1][1][1]
    assert "studytool::Machine learning basics::Tiny" in {d["name"] for d in decks.values()}
    again = tmp_path / "again.apkg"
    run_cli("--decks", str(deck_dir), "export", "anki", "-o", str(again), "--deck", "tiny", "--no-proofs", "--lang", "en")
    assert [n[0] for n in _notes(again)[0]] == [n[0] for n in notes]


def test_apkg_zh_deck_hierarchy(deck_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "zh.apkg"
    assert run_cli("--decks", str(deck_dir), "export", "anki", "-o", str(out), "--deck", "tiny", "--no-proofs").returncode == 0
    _, decks = _notes(out)
    assert "studytool::机器学习基础::小测试" in {d["name"] for d in decks.values()}


def test_csv_headers_and_rows(deck_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "tiny.txt"
    r = run_cli("--decks", str(deck_dir), "export", "csv", "-o", str(out), "--deck", "tiny", "--no-proofs", "--json")
    assert json.loads(r.stdout)["cards"] == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:5] == ["#separator:tab", "#html:true", "#guid column:1", "#deck column:2", "#tags column:9"]
    assert lines[6].split("\t")[0] == note_guid("tiny/relu-grad")


def test_markdown_sheet(deck_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheet.md"
    assert run_cli("--decks", str(deck_dir), "export", "markdown", "-o", str(out), "--deck", "tiny", "--no-proofs").returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "\n## 机器学习基础 › 二、激活函数\n" in text and "\n###" not in text
    assert "**Q1.**" in text and "**Q2.**" in text and text.count("**Q1.**") == 1
    assert "⚠ **Erratum**" in text and "It is 1/4" in text
    assert "- 正半轴导数为 1" in text


ANKI_TEXT = """\
#separator:tab
#html:true
#guid column:1
#notetype column:2
#deck column:3
#tags column:6
abc123\tBasic\tDefault\tWhat is <b>KL</b> divergence?\tA measure of how Q differs from P<br>not symmetric\tkl entropy
def456\tBasic\tDefault\tEntropy of a fair coin, \\(H\\)?\t1 bit\tentropy
"""


def test_import_anki_text_export(tmp_path: Path) -> None:
    src = tmp_path / "anki.txt"
    src.write_text(ANKI_TEXT, encoding="utf-8")
    out = tmp_path / "out.yaml"
    r = run_cli("import", str(src), "--deck", "kl", "-o", str(out))
    assert r.returncode == 0, r.stderr
    deck, problems = read_deck(out)
    assert problems == [] and deck is not None
    assert [c.q.en for c in deck.cards] == ["What is KL divergence?", "Entropy of a fair coin, $H$?"]
    assert deck.cards[0].a.en == "A measure of how Q differs from P\nnot symmetric"
    assert deck.cards[0].tags == ("kl", "entropy")
    assert run_cli("check", "--no-proofs", str(out)).returncode == 0


def test_import_tsv_and_csv_with_header_row(tmp_path: Path) -> None:
    tsv = tmp_path / "cards.tsv"
    tsv.write_text("question\tanswer\ttags\nWhat is ReLU?\tmax(0, x)\trelu\n", encoding="utf-8")
    out = tmp_path / "cards.yaml"
    assert run_cli("import", str(tsv), "-o", str(out)).returncode == 0
    deck, _ = read_deck(out)
    assert deck.id == "cards" and deck.cards[0].a.en == "max(0, x)"
    csv_file = tmp_path / "more.csv"
    csv_file.write_text('Front,Back\n"Softmax, shift invariant?","Yes, adding c to all logits"\n', encoding="utf-8")
    out2 = tmp_path / "more.yaml"
    assert run_cli("import", str(csv_file), "-o", str(out2)).returncode == 0
    deck2, _ = read_deck(out2)
    assert deck2.cards[0].q.en == "Softmax, shift invariant?"


def test_import_malformed_rows_write_nothing(tmp_path: Path) -> None:
    src = tmp_path / "bad.tsv"
    src.write_text("ok question\tok answer\nonly one column\n\tmissing question\n", encoding="utf-8")
    out = tmp_path / "bad.yaml"
    r = run_cli("import", str(src), "-o", str(out))
    assert r.returncode == 2
    assert "bad.tsv:2: expected at least 2 columns" in r.stderr and "bad.tsv:3: empty question" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists() and list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".bad*")) == []


def test_round_trip_deck_csv_import(deck_dir: Path, tmp_path: Path) -> None:
    exported = tmp_path / "rt.txt"
    run_cli("--decks", str(deck_dir), "export", "csv", "-o", str(exported), "--deck", "tiny", "--no-proofs", "--lang", "en")
    out = tmp_path / "rt.yaml"
    assert run_cli("import", str(exported), "-o", str(out), "--deck", "rt").returncode == 0
    original, _ = read_deck(deck_dir / "tiny.yaml")
    back, problems = read_deck(out)
    assert problems == []
    assert [c.q.en for c in back.cards] == [c.q.en for c in original.cards]
    for before, after in zip(original.cards, back.cards, strict=True):
        assert before.a.en in after.a.en


def test_a_bilingual_csv_export_imports_with_the_languages_apart_and_no_export_markers(deck_dir: Path, tmp_path: Path) -> None:
    """First-use review: the zh and en halves were glued ("…关系？What does…") and the `type::basic`
    marker came back as a topic tag."""
    exported = tmp_path / "both.txt"
    run_cli("--decks", str(deck_dir), "export", "csv", "-o", str(exported), "--deck", "tiny", "--no-proofs")
    assert "type::" in exported.read_text(encoding="utf-8") and "<hr class=" in exported.read_text(encoding="utf-8")
    out = tmp_path / "both.yaml"
    assert run_cli("import", str(exported), "-o", str(out), "--deck", "both").returncode == 0
    original, _ = read_deck(deck_dir / "tiny.yaml")
    back, problems = read_deck(out)
    assert problems == []
    for before, after in zip(original.cards, back.cards, strict=True):
        if before.q.zh != before.q.en:
            assert f"{before.q.zh}\n\n{before.q.en}" in after.q.en  # one paragraph each, not glued
        assert not any(tag.startswith("type::") for tag in after.tags)
