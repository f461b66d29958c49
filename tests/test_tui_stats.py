"""The stats screen's charts: whole-number count axes, and a message instead of an empty chart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tui_support import make_app, run_async

from studytool.tui.widgets.plots import count_ticks

pytestmark = pytest.mark.timeout(120)


def _shown(widget) -> str:
    """What a Static shows, as plain text (its content may be any Rich renderable)."""
    import io

    from rich.console import Console

    console = Console(width=120, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


def test_count_ticks_examples():
    assert count_ticks(0) == [0.0, 1.0]
    assert count_ticks(3) == [0.0, 1.0, 2.0, 3.0]
    assert count_ticks(7) == [0.0, 2.0, 4.0, 6.0, 8.0]
    assert count_ticks(25) == [0.0, 10.0, 20.0, 30.0]
    assert count_ticks(100) == [0.0, 50.0, 100.0]


@given(st.floats(0, 1e7, allow_nan=False), st.integers(2, 10))
def test_count_ticks_are_whole_even_steps_from_zero_that_cover_the_top(top, most):
    ticks = count_ticks(top, most)
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and ticks[-1] >= top and len(ticks) <= max(most, 2)
    assert all(b - a == step for a, b in zip(ticks, ticks[1:], strict=False))
    assert step == int(step) and str(int(step)).strip("0") in ("1", "2", "5")  # 1, 2, 5 × 10ⁿ
    assert count_ticks(top, most)[-1] - step < top or top == 0  # no spare tick above the top


@run_async
async def test_stats_without_reviews_explains_the_empty_charts_then_draws_them(tmp_path):
    from textual.widgets import Static

    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        empty = [str(s.render()) for s in app.screen.query(".plot-empty").results(Static)]
        assert len(empty) == 2 and "No reviews in the last 30 days" in empty[0]
        assert "next 30 days" in empty[1]
        assert not app.screen.query("PlotWidget")
        uid = app.services.library.collection.cards[0].uid
        app.services.study.answer(uid, 3)
        await pilot.press("r")  # reload
        await pilot.pause()
        assert len(app.screen.query("PlotWidget")) == 2  # one review today, and it falls due again
        assert not app.screen.query(".plot-empty")


def test_stats_for_some_decks_count_only_their_cards_and_events(tmp_path):
    from tests.srs_support import open_study

    s = open_study(tmp_path / "s.db")
    s.answer("alpha/c0", 3)
    s.answer("alpha/c1", 1)
    s.answer("beta/c0", 3)
    everything, alpha = s.stats(), s.stats(["alpha"])
    assert everything["decks"] is None and alpha["decks"] == ["alpha"]
    assert (everything["reviews_today"], alpha["reviews_today"]) == (3, 2)
    assert (everything["reviews_total"], alpha["reviews_total"]) == (3, 2)
    assert [d["deck"] for d in alpha["by_deck"]] == ["alpha"]
    assert sum(alpha["by_state"].values()) - alpha["by_state"]["suspended"] - alpha["by_state"]["buried"] == len(
        [c for c in s.collection.cards if c.deck == "alpha"])
    assert alpha["new_studied_today"] == 2 and everything["new_studied_today"] == 3
    assert sum(f["due"] for f in alpha["forecast"]) == 2
    s.close()


@run_async
async def test_stats_from_home_cover_the_selected_deck_and_say_so(tmp_path):
    from textual.widgets import Static

    app = make_app(tmp_path, lang="en")
    app.services.study.answer("kmeans/kmeans-what-is", 3)
    app.services.study.answer("activations/sigmoid-derivative-max", 3)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one("DeckTree")
        node = next(n for part in tree.root.children for n in part.children if n.data == "deck:kmeans")
        tree.move_cursor(node)
        await pilot.press("t")
        await pilot.pause()
        summary = _shown(app.screen.query_one("#stats-summary", Static))
        assert "Showing: K-means clustering" in summary and "today 1 review" in summary
        await pilot.press("escape")
        await pilot.pause()
        tree.move_cursor(tree.root)
        await pilot.press("t")
        await pilot.pause()
        summary = _shown(app.screen.query_one("#stats-summary", Static))
        assert "Showing" not in summary and "today 2 reviews" in summary


@run_async
@pytest.mark.parametrize("size", [(80, 24), (100, 30), (200, 50)])
async def test_the_calendar_fits_its_box_and_follows_a_resize(tmp_path, size):
    """At 80 and 100 columns the 52-week calendar wrapped into unreadable rows (first-use review)."""
    from textual.widgets import Static

    app = make_app(tmp_path, lang="zh")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.pause()
        box = app.screen.query_one("#stats-calendar", Static)
        rows = [line.rstrip() for line in _shown(box).splitlines() if line.strip()]
        assert len(rows) == 9  # months, 7 weekdays, legend: nothing wrapped
        widest = max(len(r) for r in rows[1:8])
        assert widest <= box.content_region.width
        assert widest >= box.content_region.width - 6 or widest >= 3 + 2 * 52  # and uses the room it has
        await pilot.resize_terminal(size[0] + 30, size[1])
        await pilot.pause()
        await pilot.pause()
        wider = max(len(line.rstrip()) for line in _shown(box).splitlines()[1:8])
        assert wider > widest or widest >= 3 + 2 * 52
