"""Start-up work the home screen no longer does twice, with behaviour kept: one CSS parse with the
studytool theme, no tree re-render on the first resize, no key-bar repaint when nothing changed,
and CJK line breaking compiled on first use."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.css.stylesheet import Stylesheet
from tui_support import make_app, run_async

from studytool.tui.app import THEME
from studytool.tui.widgets.deck_tree import COUNTS_WIDTH, DeckTree
from studytool.tui.widgets.keybar import KeyBar

pytestmark = pytest.mark.timeout(120)


@run_async
async def test_start_parses_css_once_and_uses_the_studytool_theme(tmp_path, monkeypatch):
    reparsed: list[int] = []
    original = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: (reparsed.append(1), original(self))[1])
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert reparsed == []  # the theme was set before the first parse, not re-applied after it
        assert app.theme == "studytool" and app.has_class("-dark-mode") and not app.has_class("-light-mode")
        assert app.screen.styles.background.hex.lower() == THEME.background.lower()
        assert app.get_css_variables()["primary"].lower() == THEME.primary.lower()
        app.theme = "textual-light"  # later switches still go through Textual's watcher
        await pilot.pause()
        assert reparsed and app.has_class("-light-mode")
        assert app.screen.styles.background.hex.lower() != THEME.background.lower()
        app.theme = "studytool"
        await pilot.pause()
        assert app.screen.styles.background.hex.lower() == THEME.background.lower()


def _tree_text(tree: DeckTree) -> list[str]:
    return ["".join(segment.text for segment in tree.render_line(y)) for y in range(len(tree.rows))]


@run_async
async def test_tree_lines_follow_a_resize_without_the_tree_invalidating_itself(tmp_path):
    app = make_app(tmp_path, lang="both")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        narrow = _tree_text(tree)
        assert any("…" in line for line in narrow)
        assert all(cell_len(line) == tree.size.width for line in narrow)
        await pilot.resize_terminal(170, 40)
        await pilot.pause()
        wide = _tree_text(tree)
        assert not any("…" in line for line in wide), wide  # the relabelled nodes are drawn anew
        assert tree.virtual_size.width == tree.name_width + COUNTS_WIDTH
        assert all(cell_len(line) == tree.size.width for line in wide)  # lines span the new width
        await pilot.press("down", "down")  # the cursor still moves and is drawn
        await pilot.pause()
        assert tree.cursor_line == 2
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert _tree_text(tree) != wide and all(cell_len(line) == tree.size.width for line in _tree_text(tree))
        assert tree.virtual_size.width == tree.name_width + COUNTS_WIDTH  # scroll extent follows the labels


@run_async
async def test_key_bar_repaints_only_when_its_keys_change(tmp_path, monkeypatch):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        calls: list[int] = []
        original = bar.refresh
        monkeypatch.setattr(bar, "refresh", lambda *a, **k: (calls.append(1), original(*a, **k))[1])
        app.screen.bindings_updated_signal.publish(app.screen)  # e.g. a focus change: same keys
        await pilot.pause()
        assert calls == []
        assert "Review" in bar.descriptions()
        await pilot.press("l")  # en → both (chrome in Chinese): new words
        await pilot.pause()
        assert calls and "复习" in bar.descriptions()


def test_cjk_wrap_patterns_compile_on_first_use_and_then_take_their_place():
    import textual._wrap

    from studytool.tui.cjkwrap import install

    install()
    text = "最小化簇内平方误差（惯性），每个点都硬分配给一个簇。"
    offsets = textual._wrap.compute_wrap_offsets(text, 10, 4)
    assert type(textual._wrap.re_chunk).__name__ == "Pattern"  # the stand-in is gone after one use
    lines = [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]
    assert len(lines) > 2 and all(len(line.rstrip()) <= 5 for line in lines)  # CJK is 2 cells: 5 per line
    assert not any(line.startswith(("，", "。", "）")) for line in lines)  # no closing punctuation first


@pytest.fixture
def collector():
    """Leave the garbage collector as it was: enabled, nothing frozen."""
    import gc

    yield gc
    gc.enable()
    gc.unfreeze()


def test_gc_pause_turns_the_collector_off_and_resume_freezes_and_restores(collector):
    from studytool.tui import gc_pause

    assert collector.isenabled()
    gc_pause.pause()
    assert not collector.isenabled()
    gc_pause.pause()  # a second pause changes nothing
    assert not collector.isenabled()
    gc_pause.resume()
    assert collector.isenabled() and collector.get_freeze_count() > 0  # start-up objects frozen
    collector.unfreeze()
    gc_pause.resume()  # resume without a pause: no freeze, no change
    assert collector.isenabled() and collector.get_freeze_count() == 0


def test_gc_resume_leaves_a_collector_someone_else_turned_off_alone(collector):
    from studytool.tui import gc_pause

    collector.disable()
    gc_pause.pause()  # already off: not ours to turn back on
    gc_pause.resume()
    assert not collector.isenabled() and collector.get_freeze_count() == 0


@run_async
async def test_the_app_turns_the_collector_back_on_after_the_first_paint(tmp_path, collector):
    from studytool.tui import gc_pause

    gc_pause.pause()
    app = make_app(tmp_path, lang="en")
    assert not collector.isenabled()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert collector.isenabled()
        assert app.screen.query_one(DeckTree).root.children  # home was painted with its decks


def test_launch_turns_the_collector_back_on_when_it_cannot_start(tmp_path, collector, monkeypatch):
    import argparse

    from studytool.errors import StudytoolError
    from studytool.tui.launch import launch

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(StudytoolError, match="needs a terminal"):
        launch(argparse.Namespace(db=str(tmp_path / "db.sqlite")))
    assert collector.isenabled()


def test_ascii_text_wraps_with_the_library_pattern_and_compiles_nothing():
    """An English screen never pays for compiling the CJK patterns (≈ 2.4 ms each); its words are
    the same as with the CJK-aware pattern."""
    import re

    import rich._wrap
    import textual._wrap

    from studytool.tui import cjkwrap

    original = {"rich": rich._wrap.re_word, "textual": textual._wrap.re_chunk, "installed": cjkwrap._installed}
    cjkwrap._installed = False
    try:
        rich._wrap.re_word, textual._wrap.re_chunk = re.compile(r"\s*\S+\s*"), re.compile(r"\S+\s*|\s+")
        cjkwrap.install()
        text = "Minimise the within-cluster sum of squares (inertia); each point is hard-assigned, (see: GMM)."
        offsets = textual._wrap.compute_wrap_offsets(text, 17, 4)
        words = list(rich._wrap.words(text))
        assert type(textual._wrap.re_chunk).__name__ == "_LazyPattern"  # nothing compiled
        assert type(rich._wrap.re_word).__name__ == "_LazyPattern"
        cjk_chunk, cjk_word = re.compile(cjkwrap.TEXTUAL_CHUNK), re.compile(cjkwrap.RICH_WORD)
        textual._wrap.re_chunk, rich._wrap.re_word = cjk_chunk, cjk_word
        assert textual._wrap.compute_wrap_offsets(text, 17, 4) == offsets
        assert list(rich._wrap.words(text)) == words
    finally:
        rich._wrap.re_word, textual._wrap.re_chunk = original["rich"], original["textual"]
        cjkwrap._installed = original["installed"]
