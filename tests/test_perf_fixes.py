"""The performance fixes keep behaviour identical: card-state cache, streak, catalog cache, counts."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studytool.decks.model import Card, Collection, Deck, Text
from studytool.srs import queue as q
from studytool.srs.deck_index import DeckIndex
from studytool.srs.stats import _per_day, _streak, streak_days
from studytool.srs.store import Store
from studytool.srs.study import Study

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


def _collection(n: int = 12) -> Collection:
    decks = []
    for d in ("alpha", "beta"):
        cards = tuple(
            Card(deck=d, id=f"c{i}", type="basic", q=Text(zh=f"问{i}", en=f"q{i}"), a=Text(zh="答", en="a"),
                 source="机器学习基础")
            for i in range(n)
        )
        decks.append(Deck(id=d, title=Text(zh=d, en=d), source="机器学习基础", cards=cards))
    return Collection(decks=decks)


@pytest.fixture
def clock():
    state = {"now": NOW}
    return state


@pytest.fixture
def study(tmp_path: Path, clock) -> Study:
    s = Study.open(tmp_path / "s.db", _collection(), now=lambda: clock["now"])
    yield s
    s.close()


def _fresh(store: Store) -> dict:
    with sqlite3.connect(store.path) as conn:
        conn.row_factory = sqlite3.Row
        from studytool.srs.store import CARD_COLUMNS, _row_to_state

        return {r["uid"]: _row_to_state(r) for r in conn.execute(f"SELECT {CARD_COLUMNS} FROM cards")}


def test_card_cache_follows_answers_undo_and_other_connections(study: Study, tmp_path: Path) -> None:
    assert study.store.all_cards() == {}
    for uid, rating in [("alpha/c0", 3), ("alpha/c1", 1), ("beta/c2", 4), ("alpha/c0", 3)]:
        study.answer(uid, rating)
        assert study.store.all_cards() == _fresh(study.store)
    study.suspend("beta/c3")
    study.bury("alpha/c4")
    assert study.store.all_cards() == _fresh(study.store)
    study.undo()  # a DELETE + replay the cache does not track: it must reload
    assert study.store.all_cards() == _fresh(study.store)
    assert "alpha/c4" not in study.store.all_cards()
    # another Study on the same file writes: this one's cache must notice
    other = Study.open(study.store.path, study.collection, now=lambda: NOW)
    other.answer("beta/c5", 3)
    other.close()
    assert "beta/c5" in study.store.all_cards()
    assert study.store.all_cards() == _fresh(study.store)
    study.rebuild()
    assert study.store.all_cards() == _fresh(study.store)


def test_failed_write_leaves_no_stale_cache(study: Study) -> None:
    study.answer("alpha/c0", 3)
    before = study.store.all_cards()
    with pytest.raises(RuntimeError):
        with study.store.write():
            from dataclasses import replace

            study.store.put_card(replace(before["alpha/c0"], reps=99))
            raise RuntimeError("boom")
    assert study.store.all_cards() == before == _fresh(study.store)


def test_all_cards_returns_a_copy(study: Study) -> None:
    study.answer("alpha/c0", 3)
    study.store.all_cards().clear()
    assert "alpha/c0" in study.store.all_cards()


def test_done_today_memo_is_refreshed_by_answers(study: Study) -> None:
    assert study.done_today() == {}
    study.answer("alpha/c0", 3)
    assert study.done_today() == {"alpha": {"new": 1, "review": 0}}
    study.done_today()["alpha"]["new"] = 50  # callers get copies
    study.answer("alpha/c1", 3)
    assert study.done_today() == {"alpha": {"new": 2, "review": 0}}
    study.answer("beta/c1", 3, mode="cram")
    assert study.done_today() == {"alpha": {"new": 2, "review": 0}}


@pytest.mark.parametrize("pattern", [[], [0], [1], [0, 1, 2, 3], [1, 2, 3], [0, 2, 3], [2, 3, 4]])
def test_streak_days_equals_the_full_scan(tmp_path: Path, pattern: list[int]) -> None:
    """``pattern``: study days before today (0 = today) with answers."""
    clock = {"now": NOW}
    study = Study.open(tmp_path / "s.db", _collection(), now=lambda: clock["now"])
    for i, back in enumerate(sorted(pattern, reverse=True)):
        clock["now"] = NOW - timedelta(days=back)
        study.answer(f"alpha/c{i}", 3)
    clock["now"] = NOW
    expected = _streak({d for d, (n, _) in _per_day(study).items() if n}, study.today())
    assert streak_days(study) == expected
    study.close()


def test_counts_match_a_plain_per_uid_count(study: Study, clock) -> None:
    for i in range(6):
        study.answer(f"alpha/c{i}", 4 if i % 2 else 1)
    study.suspend("beta/c0")
    clock["now"] = NOW + timedelta(days=40)
    parts = q.classify(study.collection.cards, study.store.all_cards(), study.config, study.now(), study.done_today())
    counts = q.counts_from(parts, ["alpha", "beta"])
    plain = {"alpha": dict.fromkeys(q.COUNT_KEYS, 0), "beta": dict.fromkeys(q.COUNT_KEYS, 0)}
    for key, names in {"new": ("new",), "learning": ("learning_now", "learning_ahead", "learning_later"),
                       "due": ("reviews",), "review": ("in_review",), "suspended": ("suspended",)}.items():
        for name in names:
            for uid in parts[name]:
                plain[uid.split("/")[0]][key] += 1
    assert counts == plain
    assert counts["beta"]["suspended"] == 1 and counts["alpha"]["review"] + counts["alpha"]["learning"] >= 1


def test_catalog_cache_gives_the_same_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from studytool.paths import shipped_content_dir
    from studytool.proofs.catalog import scan

    folder = [shipped_content_dir() / "proofs"]
    monkeypatch.setenv("STUDYTOOL_CACHE", "")
    plain = scan(folder)
    monkeypatch.setenv("STUDYTOOL_CACHE", str(tmp_path / "cache"))
    cold, warm = scan(folder), scan(folder)
    assert plain.proofs == cold.proofs == warm.proofs and plain.problems == warm.problems
    assert any((tmp_path / "cache").iterdir())


def test_catalog_cache_sees_an_edited_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from studytool.proofs.catalog import scan

    monkeypatch.setenv("STUDYTOOL_CACHE", str(tmp_path / "cache"))
    proofs = tmp_path / "proofs"
    proofs.mkdir()
    module = proofs / "topic.py"
    module.write_text('from studytool.proofs.api import proof\n\n@proof("topic.a", title="A")\ndef a(ctx):\n    pass\n')
    assert set(scan([proofs]).proofs) == {"topic.a"}
    module.write_text('from studytool.proofs.api import proof\n\n@proof("topic.b", title="B")\ndef b(ctx):\n    pass\n')
    assert set(scan([proofs]).proofs) == {"topic.b"}


def _reference_reviews(cards, states, config, now, done):
    """Due reviews, written plainly: every due review sorted by (due, deck, uid), each deck cut at its limit."""
    end = q.day_end(now, config.day_starts_at)
    due = []
    for card in cards:
        st = states.get(card.uid)
        if st is None or st.suspended or (st.buried_until and st.buried_until > now) or st.reps == 0:
            continue
        if st.state not in ("learning", "relearning") and st.due is not None and st.due < end:
            due.append((st.due, card.deck, card.uid))
    taken: dict[str, int] = {}
    out = []
    for _, deck, uid in sorted(due):
        left = config.limits(deck).reviews_per_day - done.get(deck, {}).get("review", 0)
        if taken.get(deck, 0) < left:
            taken[deck] = taken.get(deck, 0) + 1
            out.append(uid)
    return out


@given(
    st.lists(st.tuples(st.sampled_from(["alpha", "beta", "gamma"]), st.integers(-3, 3), st.booleans()), max_size=40),
    st.integers(0, 6),
    st.dictionaries(st.sampled_from(["alpha", "beta"]), st.integers(0, 8), max_size=2),
)
def test_due_reviews_per_deck_limit_match_the_plain_rule(rows, limit, done_reviews) -> None:
    from studytool.srs.config import DeckLimits, StudyConfig
    from studytool.srs.scheduler import CardState

    now = NOW
    config = StudyConfig(reviews_per_day=limit, deck_limits={"gamma": DeckLimits(20, limit + 2)})
    cards, states = [], {}
    for i, (deck, days, suspended) in enumerate(rows):
        card = Card(deck=deck, id=f"c{i}", type="basic", q=Text(zh="q", en="q"), a=Text(zh="a", en="a"), source="s")
        cards.append(card)
        states[card.uid] = CardState(card.uid, state="review", reps=2, due=now + timedelta(days=days), suspended=suspended)
    done = {deck: {"new": 0, "review": n} for deck, n in done_reviews.items()}
    parts = q.classify(cards, states, config, now, done)
    assert parts["reviews"] == _reference_reviews(cards, states, config, now, done)
    decks = ["alpha", "beta", "gamma"]
    collection = Collection(decks=[Deck(id=d, title=Text(zh=d, en=d), source="s",
                                        cards=tuple(c for c in cards if c.deck == d)) for d in decks])  # fmt: skip
    assert DeckIndex(collection, states).counts(config, now, done) == q.counts_from(parts, decks)
