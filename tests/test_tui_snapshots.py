"""SVG snapshots (pytest-textual-snapshot) of home, review with the answer shown, the proof panel
and stats, with Chinese (zh) and English (en) chrome. Deterministic: fixed decks, a fixed clock, a
fake kernel with a fixed result, no spinners or clocks. Update after a deliberate change with ``pytest --snapshot-update``.
"""

from __future__ import annotations

import time

import pytest
from tui_support import FakeKernel, make_app, snapshot_decks

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def app_for(tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    decks = snapshot_decks(tmp_path / "decks")

    def build(screen=None, lang="zh"):
        return make_app(tmp_path, screen=screen, kernel=FakeKernel(), paths=[str(decks)], lang=lang)

    yield build
    monkeypatch.delenv("TZ")
    time.tzset()


def test_snapshot_home(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=(80, 24))


def test_snapshot_home_english(snap_compare, app_for):
    """The same screen with English chrome (the UI words follow the app language)."""
    assert snap_compare(app_for(lang="en"), terminal_size=(80, 24))


def test_snapshot_review_answer_shown(snap_compare, app_for):
    app = app_for("review")

    async def go_to_card(pilot):
        # skip to the card with LaTeX, key points and an erratum
        while app.screen.card.uid != "gradients/sigmoid-chain":
            await pilot.press("b")
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 30), run_before=go_to_card)


def test_snapshot_review_english_wide(snap_compare, app_for):
    app = app_for("review", lang="en")

    async def go_to_card(pilot):
        while app.screen.card.uid != "gradients/sigmoid-chain":
            await pilot.press("b")
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 30), run_before=go_to_card)


def test_snapshot_proof_panel(snap_compare, app_for):
    app = app_for(lang="en")

    async def open_proof(pilot):
        app.open_proof("tuiproofs.passing", {})
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=(100, 40), run_before=open_proof)


def test_snapshot_proof_panel_chinese(snap_compare, app_for):
    app = app_for(lang="zh")

    async def open_proof(pilot):
        app.open_proof("tuiproofs.passing", {})
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_proof)


def test_snapshot_stats(snap_compare, app_for):
    app = app_for()
    study = app.services.study
    for uid, rating in (("kmeans/objective", 3), ("kmeans/k-choice", 1), ("gradients/clip", 4)):
        study.answer(uid, rating, duration_ms=5000)

    async def open_stats(pilot):
        await pilot.press("t")
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=(100, 40), run_before=open_stats)
