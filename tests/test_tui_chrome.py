"""The key bar and title bar: what they show, how they fit, and that clicking them works."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from tui_support import make_app, run_async

from studytool.tui.widgets.keybar import KeyBar, KeyItem, fit, width_of
from studytool.tui.widgets.title_bar import TitleBar

pytestmark = pytest.mark.timeout(120)


def _item(key: str, description: str) -> KeyItem:
    return KeyItem(key=key, display=key, description=description, enabled=True, tooltip=description)


def test_fit_keeps_a_bar_that_fits_and_drops_descriptions_from_the_end():
    items = [_item("r", "Review"), _item("q", "Quiz"), _item("?", "Help")]
    assert fit(items, 80) == items
    narrow = fit(items, width_of(items) - 1)
    assert [i.description for i in narrow] == ["Review", "Quiz", ""]
    assert [i.description for i in fit(items, 1)] == ["", "", ""]


words = st.text(alphabet=st.sampled_from("ab复习 "), max_size=6)


@given(st.lists(st.tuples(st.sampled_from(["r", "q", "space", "^q", "?"]), words), max_size=10), st.integers(0, 200))
def test_fit_never_hides_a_key_and_fits_unless_nothing_is_left_to_drop(pairs, width):
    items = [_item(key, text) for key, text in pairs]
    out = fit(items, width)
    assert [i.key for i in out] == [i.key for i in items]
    assert all(o.description in ("", i.description) for o, i in zip(out, items, strict=True))
    assert width_of(out) <= width or not any(o.description for o in out)
    dropped = [i for i, (o, orig) in enumerate(zip(out, items, strict=True)) if orig.description and not o.description]
    if dropped:  # words go from the end first: nothing after the first dropped one keeps its words
        assert not any(o.description for o in out[dropped[0]:])


def _bar(app) -> KeyBar:
    return app.screen.query_one(KeyBar)


@run_async
async def test_home_key_bar_follows_the_language_and_a_click_presses_the_key(tmp_path):
    app = make_app(tmp_path, lang="zh")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert {"复习", "测验", "统计", "帮助", "命令面板"} <= set(_bar(app).descriptions())
        await pilot.press("l")  # zh → en
        await pilot.pause()
        assert {"Review", "Quiz", "Stats", "Help", "palette"} <= set(_bar(app).descriptions())
        bar = _bar(app)
        bar.render()  # lay the keys out for this width
        review = next(i for i in bar._items if i.key == "r")
        await pilot.click(KeyBar, offset=(review.start + 1, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        # the review screen's own bar shows its keys, not home's
        assert "Show answer" in _bar(app).descriptions() and "Quiz" not in _bar(app).descriptions()


@run_async
async def test_palette_key_sits_at_the_right_edge_and_opens_the_palette(tmp_path):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        bar = _bar(app)
        line = bar.render()
        assert line.plain.rstrip().endswith("^p palette") and bar.size.width == 120
        palette = bar._items[-1]
        assert palette.end == 120
        await pilot.hover(KeyBar, offset=(palette.start, 0))
        assert bar.tooltip == "Open the command palette"
        await pilot.click(KeyBar, offset=(palette.start, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


@run_async
async def test_a_narrow_bar_keeps_every_key(tmp_path):
    app = make_app(tmp_path, lang="zh", screen="review")
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        plain = _bar(app).render().plain
        for key in ("space", "u", "s", "b", "p", "esc", "^q", "?"):
            assert key in plain.split(), (key, plain)


class _Disabled(App[None]):
    BINDINGS = [Binding("x", "boom", "Boom"), Binding("y", "fine", "Fine")]

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "boom" else True  # None: shown, but disabled

    def action_boom(self) -> None:
        self.ran.append("boom")

    def action_fine(self) -> None:
        self.ran.append("fine")

    def bell(self) -> None:
        self.bells += 1


@run_async
async def test_a_disabled_key_is_dimmed_and_rings_the_bell_instead_of_running():
    app = _Disabled()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        text = bar.render()
        boom = next(i for i in bar._items if i.key == "x")
        fine = next(i for i in bar._items if i.key == "y")
        assert not boom.enabled and fine.enabled
        dimmed = [span for span in text.spans if "dim" in str(span.style)]
        assert any(span.start <= text.plain.index("x Boom") < span.end for span in dimmed)
        await pilot.click(KeyBar, offset=(boom.start, 0))
        await pilot.click(KeyBar, offset=(fine.start, 0))
        await pilot.pause()
        assert app.ran == ["fine"] and app.bells == 1


@run_async
async def test_title_bar_shows_the_screen_and_its_icon_opens_the_palette(tmp_path):
    app = make_app(tmp_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = app.screen.query_one(TitleBar)
        assert "studytool — 主页" in title.render().plain
        zh_tip = title.tooltip
        assert zh_tip and zh_tip.isascii() is False  # the icon's tooltip speaks the interface language
        await pilot.press("l")
        await pilot.pause()
        assert "studytool — Home" in title.render().plain
        assert title.tooltip == "Open the command palette"  # … and follows a change of language
        plain = title.render().plain
        assert abs(plain.index("studytool") - (80 - len("studytool — Home")) // 2) <= 1  # centred
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


@run_async
async def test_review_key_bar_follows_the_card(tmp_path):
    app = make_app(tmp_path, screen="review", lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "Show answer" in _bar(app).descriptions()
        await pilot.press("space")
        await pilot.pause()
        assert "Show answer" not in _bar(app).descriptions()  # the answer is already shown
        await pilot.press("3")
        await pilot.pause()
        assert "Show answer" in _bar(app).descriptions()  # the next card's question
        from dataclasses import replace

        screen = app.screen
        screen.card = replace(screen.card, proof=None, erratum=None)  # (every shipped card has a proof)
        screen._draw()
        await pilot.pause()
        keys = {i.key: i for i in _bar(app).items()[0]}
        assert not keys["p"].enabled and not keys["e"].enabled and keys["u"].enabled


@run_async
async def test_deck_names_use_the_width_a_wide_terminal_gives(tmp_path):
    from textual.widgets import Static

    from studytool.tui.widgets.deck_tree import NAME_WIDTH, DeckTree

    app = make_app(tmp_path, lang="both")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        labels = [str(node.label) for node in tree.root.children[1].children]
        assert tree.name_width > NAME_WIDTH and any("…" in label for label in labels)  # both languages: cut
        await pilot.resize_terminal(170, 40)
        await pilot.pause()
        labels = [str(node.label) for node in tree.root.children[1].children]
        assert not any("…" in label for label in labels), labels  # wide: every name whole
        from rich.cells import cell_len

        head = str(app.screen.query_one("#tree-head", Static).render())
        # the column titles moved with the counts: "新卡" (new) ends where the new-count column ends
        assert cell_len(head[: head.index("新卡") + 2]) == tree.name_width + 5


@run_async
async def test_parts_of_the_notes_are_named_in_the_chosen_language(tmp_path):
    from studytool.decks.model import part_title
    from studytool.tui.widgets.deck_tree import DeckTree

    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        parts = [str(node.label).split("  ")[0].strip() for node in app.screen.query_one(DeckTree).root.children]
        assert parts == ["Machine learning basics", "Deep learning basics"]
        app.lang = "zh"
        await pilot.pause()
        parts = [str(node.label).split("  ")[0].strip() for node in app.screen.query_one(DeckTree).root.children]
        assert parts == ["机器学习基础", "深度学习基础"]
    assert part_title("我的笔记").get("en") == "我的笔记"  # a user deck's own part keeps its heading


@run_async
async def test_home_escape_does_not_quit_and_arrows_fold_the_tree(tmp_path):
    from studytool.tui.screens.home import HomeScreen
    from studytool.tui.widgets.deck_tree import DeckTree

    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.is_running
        tree = app.screen.query_one(DeckTree)
        await pilot.press("down")  # the first part
        part = tree.cursor_node
        assert part.data.startswith("part:") and part.is_expanded
        await pilot.press("left")
        assert not part.is_expanded
        await pilot.press("right")
        assert part.is_expanded
        await pilot.press("right")  # into the part: its first deck
        assert tree.cursor_node.data.startswith("deck:") and tree.cursor_node.parent is part
        await pilot.press("left")  # a deck: back up to its part
        assert tree.cursor_node is part
    from studytool.tui.screens.help import key_sections

    home = dict(key_sections("en"))["Home"]
    assert ("←", "Collapse, or go to the part") in home or ("left", "Collapse, or go to the part") in home


@run_async
async def test_home_today_panel_uses_the_tree_and_stats_words_and_narrow_screens_keep_the_tree(tmp_path):
    from textual.widgets import Static

    app = make_app(tmp_path, lang="en")
    study = app.services.study
    study.answer("kmeans/kmeans-what-is", 3)
    study.answer("kmeans/kmeans-what-is", 3, mode="quiz")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        today = str(app.screen.query_one("#today", Static).render())
        counts = study.counts()
        learn, due, new = (sum(c[k] for c in counts.values()) for k in ("learning", "due", "new"))
        assert f"learn {learn} · due {due} · new {new}" in today  # one line, the tree's own columns
        assert f"reviews {study.stats()['reviews_today']} · learned 1 new" in today  # stats' "reviews today"
        assert app.screen.query_one("#home-side").display
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        assert app.screen.has_class("-narrow") and not app.screen.query_one("#home-side").display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not app.screen.has_class("-narrow")


@run_async
async def test_the_command_palette_speaks_the_interface_language(tmp_path):
    from textual.command import CommandInput, CommandPalette

    app = make_app(tmp_path, lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert {"主题", "退出", "截图"} <= set(titles) and not {"Theme", "Quit", "Screenshot"} & set(titles)
        assert titles["复习 (r)"] == "主页：复习"  # the screen's own keys: one language
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索命令…"


@run_async
async def test_coming_back_home_keeps_folded_parts_and_the_chosen_deck(tmp_path):
    from studytool.tui.widgets.deck_tree import DeckTree

    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        await pilot.press("down", "left")  # fold the first part
        await pilot.pause()
        first_part = tree.cursor_node
        cnn = next(n for part in tree.root.children for n in part.children if n.data == "deck:cnn")
        tree.move_cursor(cnn)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        assert tree.cursor_node.data == "deck:cnn"  # not whatever deck now sits on that row
        assert not next(n for n in tree.root.children if n.data == first_part.data).is_expanded
        await pilot.press("l")  # a language change rebuilds the tree too
        await pilot.pause()
        assert tree.cursor_node.data == "deck:cnn"
        await pilot.press("t")
        await pilot.pause()
        assert app.services.decks == ["cnn"]


@run_async
async def test_the_app_says_when_another_study_session_is_open(tmp_path):
    app = make_app(tmp_path, lang="en", other_sessions=[4242])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Another study session (pid 4242)" in m for m in messages)


@run_async
async def test_a_user_deck_with_a_one_level_source_shows_its_own_title_in_chinese(tmp_path):
    """The README's example deck (source "my notes") showed "my notes" under "my notes" in the Chinese
    UI and never its title 我的卡组 (first-use review)."""
    from studytool.tui.widgets.deck_tree import DeckTree

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "my.yaml").write_text(
        "deck: my-deck\ntitle: {zh: 我的卡组, en: My deck}\nsource: my notes\ncards:\n"
        "  - id: a\n    type: basic\n    q: {zh: 问, en: Q}\n    a: {zh: 答, en: A}\n    points: {zh: [点], en: [point]}\n",
        encoding="utf-8",
    )
    app = make_app(tmp_path, paths=[str(folder)], lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        part = tree.root.children[0]
        names = [str(part.label).split("  ")[0].strip(), str(part.children[0].label).split("  ")[0].strip()]
        assert names == ["my notes", "我的卡组"]
        app.lang = "en"
        await pilot.pause()
        assert str(tree.root.children[0].children[0].label).startswith("My deck")


@run_async
async def test_the_palette_offers_only_what_the_screen_can_do_now(tmp_path):
    """Choosing "Good" in the palette before the answer was shown did nothing (first-use review)."""
    app = make_app(tmp_path, screen="review", lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()

        def titles() -> list[str]:
            return [c.title for c in app.get_system_commands(app.screen)]

        assert not any(title.startswith(("Good", "Again")) for title in titles())
        assert any(title.startswith("Show answer") or "space" in title for title in titles())
        await pilot.press("space")
        await pilot.pause()
        assert any(title.startswith("Good") for title in titles())
