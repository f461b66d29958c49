"""The library snapshot: a warm start reads one file, knows every problem, and reads the proof
catalog only when asked; any change to an input file is a miss."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studytool.decks import snapshot
from studytool.decks import validate as v

PROOFS = '''
from studytool.proofs.api import Param, proof


@proof("mine.sum", title="one plus one", params=[Param("n", 2, min=0, max=4)])
def one_plus_one(ctx, n):
    ctx.check("1 + 1 = n", claimed=n, computed=1 + 1)
'''

DECK = """deck: mine
title: {zh: 我的, en: Mine}
source: my notes
cards:
  - id: a
    type: basic
    q: {zh: 问, en: Q}
    a: {zh: 答, en: A}
    proof: mine.sum
  - id: b
    type: basic
    q: {zh: 问二, en: Q2}
    a: {zh: 答二, en: A2}
    proof: extra.more
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    deck = tmp_path / "mine"
    (deck / "proofs").mkdir(parents=True)
    (deck / "mine.yaml").write_text(DECK, encoding="utf-8")
    (deck / "proofs" / "mine.py").write_text(PROOFS, encoding="utf-8")
    return deck


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often decks are loaded and the catalog scanned."""
    from studytool.proofs import catalog

    calls = {"decks": 0, "scan": 0}
    load, scan = v.load_collection, catalog.scan

    def load_collection(*args, **kwargs):
        calls["decks"] += 1
        return load(*args, **kwargs)

    def counting_scan(*args, **kwargs):
        calls["scan"] += 1
        return scan(*args, **kwargs)

    monkeypatch.setattr(v, "load_collection", load_collection)
    monkeypatch.setattr(catalog, "scan", counting_scan)
    return calls


def _summary(library: v.Library) -> tuple:
    return ([c.uid for c in library.collection.cards], [str(p) for p in library.problems], library.headings)


def test_a_warm_load_is_the_snapshot_with_every_problem_and_a_catalog_read_on_use(folder, counted):
    cold = v.load_library([str(folder)])
    assert counted == {"decks": 1, "scan": 1}  # the cross-check needs the catalog
    assert any("'extra.more' does not exist" in str(p) for p in cold.problems)
    warm = v.load_library([str(folder)])
    assert counted == {"decks": 1, "scan": 1}, "a warm load reads neither decks nor proofs"
    assert _summary(warm) == _summary(cold)
    assert warm.catalog.get("mine.sum") is not None and "extra.more" not in warm.catalog
    assert counted["scan"] == 2  # read when first asked for
    warm.catalog.get("mine.sum")
    assert counted["scan"] == 2  # … once


@pytest.mark.parametrize(
    "change",
    ["deck text, same size and mtime", "proof module", "new deck file", "deck file removed", "new proof module"],
)
def test_any_change_to_an_input_file_is_a_miss(folder, counted, change):
    v.load_library([str(folder)])
    deck, module = folder / "mine.yaml", folder / "proofs" / "mine.py"
    if change == "deck text, same size and mtime":
        stat = deck.stat()
        deck.write_text(DECK.replace("Q2", "Q3"), encoding="utf-8")
        os.utime(deck, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # only the hash can tell
    elif change == "proof module":
        module.write_text(PROOFS.replace('"mine.sum"', '"mine.other"'), encoding="utf-8")
    elif change == "new deck file":
        (folder / "more.yaml").write_text(DECK.replace("deck: mine", "deck: more"), encoding="utf-8")
    elif change == "deck file removed":
        deck.unlink()
    else:
        (folder / "proofs" / "extra.py").write_text(PROOFS.replace('"mine.sum"', '"extra.more"'), encoding="utf-8")
    fresh = v.load_library([str(folder)])
    assert counted["decks"] == 2
    rebuilt = _summary(fresh)
    snapshot._code_version.cache_clear()
    assert _summary(v.load_library([str(folder)])) == rebuilt  # and the new state is what is kept
    missing = [str(p) for p in fresh.problems if "does not exist" in str(p)]  # the cross-check saw the change
    if change == "proof module":  # mine.sum became mine.other
        assert any("'mine.sum' does not exist" in m for m in missing)
    if change == "new proof module":  # extra.more now exists
        assert missing == []
    if change == "deck text, same size and mtime":
        assert fresh.collection.card("mine/b").q.en == "Q3"


def test_a_broken_or_foreign_snapshot_is_rebuilt(folder, counted, tmp_path):
    v.load_library([str(folder)])
    entries = list(Path(os.environ["XDG_CACHE_HOME"]).rglob("library-*.pickle"))
    assert len(entries) == 1
    entries[0].write_bytes(b"not a pickle")
    assert _summary(v.load_library([str(folder)]))[0] == ["mine/a", "mine/b"]
    assert counted["decks"] == 2
    other = tmp_path / "other"
    other.mkdir()
    (other / "o.yaml").write_text(DECK.replace("deck: mine", "deck: other"), encoding="utf-8")
    assert _summary(v.load_library([str(other)]))[0] == ["other/a", "other/b"]  # its own entry
    assert _summary(v.load_library([str(folder)]))[0] == ["mine/a", "mine/b"]
    assert counted["decks"] == 3


def test_no_snapshot_when_the_cache_is_off(folder, counted, monkeypatch):
    monkeypatch.setenv("STUDYTOOL_CACHE", "")
    v.load_library([str(folder)])
    v.load_library([str(folder)])
    assert counted["decks"] == 2


def test_only_the_newest_snapshots_are_kept(folder, counted, tmp_path, monkeypatch):
    """One snapshot is written per list of deck sources (each `check FILE`, each `--decks`
    combination); the oldest beyond snapshot.KEEP are removed."""
    monkeypatch.setattr(snapshot, "KEEP", 3)
    cache = Path(os.environ["XDG_CACHE_HOME"])
    for i in range(5):
        other = tmp_path / f"other{i}"
        other.mkdir()
        (other / "o.yaml").write_text(DECK.replace("deck: mine", f"deck: other{i}"), encoding="utf-8")
        v.load_library([str(other)])
        for n, entry in enumerate(sorted(cache.rglob("library-*.pickle"), key=lambda p: p.stat().st_mtime_ns)):
            os.utime(entry, ns=(n, n))  # a clear order even on a coarse-mtime file system
    assert len(list(cache.rglob("library-*.pickle"))) == 3
    v.load_library([str(tmp_path / "other4")])
    assert counted["decks"] == 5  # the newest is still a hit
    v.load_library([str(tmp_path / "other0")])
    assert counted["decks"] == 6  # the oldest was removed: rebuilt


def test_a_change_to_the_code_that_checks_answers_is_a_miss(folder, counted, monkeypatch):
    v.load_library([str(folder)])
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        data = real(path)
        return data + b"# edited" if path.name == "numeric.py" and path.parent.name == "answers" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    snapshot._code_version.cache_clear()
    try:
        v.load_library([str(folder)])
    finally:
        snapshot._code_version.cache_clear()
    assert counted["decks"] == 2


def test_without_readable_sources_there_is_no_snapshot_and_no_error(folder, counted, monkeypatch):
    """An install with only compiled modules: the code hash cannot be taken, so nothing is cached."""
    from studytool.proofs import catalog

    real = Path.read_bytes

    def unreadable(path: Path) -> bytes:
        if path.suffix == ".py" and "studytool" in path.parts:
            raise FileNotFoundError(path)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    snapshot._code_version.cache_clear()
    catalog._code_version.cache_clear()
    try:
        first = v.load_library([str(folder)])
        second = v.load_library([str(folder)])
    finally:
        snapshot._code_version.cache_clear()
        catalog._code_version.cache_clear()
    assert counted["decks"] == 2 and _summary(first) == _summary(second)
    assert not list(Path(os.environ["XDG_CACHE_HOME"]).rglob("library-*.pickle"))


def test_the_shipped_library_loads_the_same_cold_and_warm():
    cold = v.load_library()
    warm = v.load_library()
    assert _summary(warm) == _summary(cold) and warm.problems == []
    assert sorted(warm.catalog.proofs) == sorted(cold.catalog.proofs)
    assert warm.proof_dirs == [d.resolve() for d in [v.shipped_content_dir() / "proofs"]] == cold.proof_dirs


def test_the_tui_proof_runner_builds_its_catalog_and_service_once_on_first_use():
    import threading
    import time

    from studytool.tui.services import ProofRunner

    made = {"catalog": 0, "service": 0}

    def catalog():
        made["catalog"] += 1
        time.sleep(0.05)  # long enough for the other threads to arrive meanwhile
        return {"p": "meta"}

    def service():
        made["service"] += 1
        return "service"

    runner = ProofRunner(catalog, None, service)
    assert made == {"catalog": 0, "service": 0}  # nothing before a proof is needed
    threads = [threading.Thread(target=lambda: (runner.catalog, runner.service)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert runner.catalog == {"p": "meta"} and runner.service == "service"
    assert made == {"catalog": 1, "service": 1}
