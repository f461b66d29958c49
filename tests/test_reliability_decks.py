"""Hostile and broken deck files: each gives a clear, located error, fast, in bounded memory,
and never stops the good decks beside it from loading (issue: reliability)."""

from __future__ import annotations

import shutil
import time
import tracemalloc
from pathlib import Path

import pytest

from studytool.decks.loader import load_collection, read_deck
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "bad_decks"
GOOD = """\
deck: good
title: {zh: 好, en: Good}
source: "机器学习基础 › 二、激活函数"
cards:
  - {id: one, type: basic, q: {zh: 问, en: Q}, a: {zh: 答, en: A}}
"""

# file -> (expected line, words the message must contain)
EXPECTED = {
    "alias_bomb.yaml": (1, "aliases"),
    "tabs.yaml": (5, "not tabs"),
    "duplicate_keys.yaml": (3, "duplicate key 'deck' (first at line 1)"),
    "duplicate_ids.yaml": (6, "duplicate card id 'a'"),
    "wrong_types.yaml": (5, "card #1 must be a mapping"),
    "python_tag.yaml": (1, "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "empty.yaml": (1, "the file is empty"),
    "invalid_utf8.yaml": (2, "not valid UTF-8"),
    "binary.yaml": (1, "binary file"),
}


def _generated(tmp: Path) -> dict[str, tuple[int, str]]:
    """Large fixtures are generated, not committed."""
    big = tmp / "fifty_mb.yaml"
    with big.open("wb") as fh:
        fh.write(b"deck: big\ncards:\n")
        fh.write((b"  - {id: x, type: basic, q: q, a: a}\n") * (50 * 1024 * 1024 // 38))
    (tmp / "deep.yaml").write_text("deck: deep\ncards: " + "[" * 100_000 + "]" * 100_000 + "\n")
    # our own limit (64 levels) or, with newer libyaml, its scanner's "exceeded maximum nesting depth"
    return {"fifty_mb.yaml": (0, "the limit is 5 MB"), "deep.yaml": (2, "nesting")}


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[int, str]]]:
    folder = tmp_path_factory.mktemp("bad")
    for path in FIXTURES.iterdir():
        shutil.copy(path, folder / path.name)
    expected = {**EXPECTED, **_generated(folder)}
    (folder / "zz_good.yaml").write_text(GOOD, encoding="utf-8")
    return folder, expected


@pytest.mark.parametrize("name", sorted({*EXPECTED, "fifty_mb.yaml", "deep.yaml"}))
def test_each_bad_deck_gives_a_located_error_fast(bad_dir, name: str) -> None:
    folder, expected = bad_dir
    line, words = expected[name]
    tracemalloc.start()
    start = time.perf_counter()
    deck, problems = read_deck(folder / name)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 5
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    assert problems, f"{name}: expected a problem"
    first = next(p for p in problems if words in p.message)
    assert first.file.endswith(name)
    assert first.line == line, str(first)


def test_bom_is_accepted(bad_dir) -> None:
    folder, _ = bad_dir
    deck, problems = read_deck(folder / "bom.yaml")
    assert problems == [] and deck is not None and deck.id == "bom"


def test_good_deck_loads_beside_all_bad_ones(bad_dir) -> None:
    folder, expected = bad_dir
    tracemalloc.start()
    collection = load_collection([(folder, "user")])  # through the parsed-deck cache
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 40 * 1024 * 1024, f"the 50 MB file must not be read into memory (peak {peak / 1e6:.0f} MB)"
    ids = {d.id for d in collection.decks}
    assert {"good", "bom"} <= ids
    files_with_problems = {Path(p.file).name for p in collection.problems}
    assert set(expected) <= files_with_problems
    assert not Path("/tmp/studytool-pwned").exists()


def test_check_cli_on_bad_folder_has_no_traceback(bad_dir) -> None:
    folder, _ = bad_dir
    result = run_cli("check", "--no-proofs", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "zz_good.yaml" not in result.stdout


def test_card_text_limit(tmp_path: Path) -> None:
    long = "x" * 20_001
    (tmp_path / "long.yaml").write_text(GOOD.replace("q: {zh: 问, en: Q}", f"q: {{zh: 问, en: {long}}}"))
    _, problems = read_deck(tmp_path / "long.yaml")
    assert any("longer than 20000 characters" in p.message for p in problems)
