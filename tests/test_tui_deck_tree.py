"""The home screen's deck tree: rows, folding, cursor keys, scrolling, mouse clicks and hover."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from tui_support import make_app, run_async

from studytool.tui.widgets.deck_tree import DeckTree

pytestmark = pytest.mark.timeout(120)


def _text(tree: DeckTree, y: int) -> str:
    return "".join(segment.text for segment in tree.render_line(y))


@run_async
async def test_rows_show_guides_icons_names_and_counts(tmp_path):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        texts = [_text(tree, y) for y in range(len(tree.rows))]
        assert texts[0].startswith("▼ All decks")
        assert texts[1].startswith("├── ▼ Machine learning basics")
        assert texts[2].startswith("│   ├── K-means clustering")
        assert texts[4].startswith("│   └── ")  # the part's last deck
        last_part = next(i for i, n in enumerate(tree.rows) if n is tree.root.children[-1])
        assert texts[last_part].startswith("└── ▼ Deep learning basics")
        assert texts[last_part + 1].startswith("    ├── ")  # no guide under the last part
        assert all(cell_len(text) == tree.size.width for text in texts)
        total = sum(c["new"] for c in app.services.study.counts().values())
        assert texts[0].split()[-3] == str(total)
        assert _text(tree, len(tree.rows)).strip() == ""  # below the rows: blank


@run_async
async def test_cursor_keys_move_fold_and_scroll_a_short_tree(tmp_path):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 12)) as pilot:  # fewer lines than rows: the tree scrolls
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        assert app.focused is tree and tree.cursor_line == 0
        await pilot.press("end")
        await pilot.pause()
        assert tree.cursor_line == len(tree.rows) - 1 and tree.cursor_node.data.startswith("deck:")
        assert tree.scroll_offset.y > 0  # the last row was scrolled into view
        assert tree.scroll_offset.y + tree.scrollable_content_region.height > tree.cursor_line
        await pilot.press("home")
        await pilot.pause()
        assert tree.cursor_line == 0 and tree.scroll_offset.y == 0
        await pilot.press("pagedown")
        assert tree.cursor_line == tree.scrollable_content_region.height - 1
        await pilot.press("pageup", "up")
        assert tree.cursor_line == 0
        await pilot.press("down", "space")  # fold the first part
        rows = len(tree.rows)
        assert not tree.cursor_node.is_expanded and rows == 2 + len(tree.root.children[1].children) + 1
        await pilot.press("enter")  # enter on a part unfolds it (and opens nothing)
        await pilot.pause()
        assert tree.cursor_node.is_expanded and type(app.screen).__name__ == "HomeScreen"
        await pilot.press("down", "enter")  # enter on a deck reviews it
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen" and app.services.decks == ["kmeans"]


@run_async
async def test_folding_keeps_the_cursor_on_its_node_or_the_part_that_hides_it(tmp_path):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        part = tree.root.children[1]
        deck = part.children[2]
        tree.move_cursor(deck)
        tree.fold(tree.root.children[0])  # a part above: the cursor stays on its deck
        assert tree.cursor_node is deck
        tree.fold(part)  # its own part: the cursor goes to the part
        assert tree.cursor_node is part
        tree.move_cursor(deck)  # moving onto a hidden deck unfolds its part
        assert part.is_expanded and tree.cursor_node is deck


@run_async
async def test_a_click_selects_a_deck_or_folds_a_part_and_hover_marks_the_row(tmp_path):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        part_row = 1
        await pilot.hover(DeckTree, offset=(10, part_row))
        await pilot.pause()
        assert tree.hover_line == part_row
        assert _text(tree, part_row) == _text(tree, part_row)  # drawn from the cache the second time
        await pilot.click(DeckTree, offset=(10, part_row))
        await pilot.pause()
        assert tree.cursor_line == part_row and not tree.rows[part_row].is_expanded
        await pilot.click(DeckTree, offset=(10, part_row))  # and back
        await pilot.pause()
        assert tree.rows[part_row].is_expanded
        deck_row = part_row + 2
        await pilot.click(DeckTree, offset=(10, deck_row))
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        assert app.services.decks == [tree.rows[deck_row].data[5:]]


@run_async
async def test_the_cursor_row_is_drawn_in_the_cursor_style_only_while_the_tree_has_focus(tmp_path):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        await pilot.press("down")
        await pilot.pause()

        def cursor_bg() -> str | None:
            styled = [s for s in tree.render_line(1) if "Machine" in s.text]
            color = styled[0].style.bgcolor if styled and styled[0].style else None
            return color.name if color else None

        focused = cursor_bg()
        app.screen.query_one("#actions").focus()
        await pilot.pause()
        assert cursor_bg() != focused  # blurred: the dimmer cursor
        tree.focus()
        await pilot.pause()
        assert cursor_bg() == focused


@run_async
async def test_an_empty_library_shows_one_row(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    app = make_app(tmp_path, paths=[str(folder)], lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        assert [n.data for n in tree.rows] == [""] and not tree.root.allow_expand
        await pilot.press("down", "enter", "space", "left", "right", "end")
        await pilot.pause()
        assert tree.cursor_line == 0 and type(app.screen).__name__ == "HomeScreen"
        assert _text(tree, 0).startswith("All decks")


@run_async
async def test_home_lists_deck_problems_in_a_panel_only_when_there_are_some(tmp_path):
    from textual.widgets import Static

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "bad.yaml").write_text(
        "deck: bad\ntitle: {zh: 坏, en: Bad}\nsource: my notes\ncards:\n"
        "  - id: a\n    type: basic\n    q: {zh: 问, en: Q}\n    a: {zh: 答, en: A}\n    proof: nowhere.nothing\n",
        encoding="utf-8",
    )
    app = make_app(tmp_path, paths=[str(folder)], lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        panel = str(app.screen.query_one("#problems", Static).render())
        assert "⚠ 1 problem in the decks" in panel
        assert "'nowhere.nothing' does not exist" in panel
        app.lang = "zh"
        await pilot.pause()
        assert "卡组中有 1 个问题" in str(app.screen.query_one("#problems", Static).render())
    app = make_app(tmp_path / "ok", lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#problems")


def _styles_of(tree: DeckTree, y: int) -> list[tuple[str, str | None, str | None]]:
    """(text, colour, background) of each segment of a row."""
    out = []
    for segment in tree.render_line(y):
        style = segment.style
        color = style.color.name if style and style.color else None
        bgcolor = style.bgcolor.name if style and style.bgcolor else None
        out.append((segment.text, color, bgcolor))
    return out


@run_async
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_hovered_row_is_lit_with_the_blended_hover_colour_not_black(tmp_path, theme):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = theme
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        plain_bg = _styles_of(tree, 3)[-1][2]
        await pilot.hover(DeckTree, offset=(10, 3))
        await pilot.pause()
        hover_bgs = {bg for _, _, bg in _styles_of(tree, 3)}
        assert len(hover_bgs) == 1
        hover_bg = hover_bgs.pop()
        assert hover_bg not in (None, "#000000", plain_bg)
        # the $block-hover-background blended over the tree's own background, as Textual's Tree does
        expected = tree.get_component_rich_style("deck-tree--hover", partial=False).bgcolor
        assert hover_bg == expected.name


@run_async
async def test_the_cursor_covers_a_parts_name_not_its_icon_and_lights_the_guides_below_it(tmp_path):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        await pilot.press("down")  # the first part
        await pilot.pause()
        cursor_bg = tree.get_component_rich_style("deck-tree--cursor", partial=False).bgcolor.name
        icon = next(s for s in _styles_of(tree, 1) if s[0].startswith("▼"))
        name = next(s for s in _styles_of(tree, 1) if "Machine" in s[0])
        assert name[2] == cursor_bg and icon[2] != cursor_bg
        selected = tree.get_component_rich_style("deck-tree--guides-selected", partial=True).color.name
        plain = tree.get_component_rich_style("deck-tree--guides", partial=True).color.name
        assert selected != plain

        def guide_colours(y: int) -> list[str | None]:
            return [colour for text, colour, _ in _styles_of(tree, y) if text.strip() in ("│", "├──", "└──")]

        # a deck of the cursor's part: its "│" (the root's column) plain, its "├──" lit
        assert guide_colours(2) == [plain, selected]
        last_part = next(i for i, n in enumerate(tree.rows) if n is tree.root.children[-1])
        assert guide_colours(last_part + 1) == [plain]  # another part's deck: plain
        app.screen.query_one("#actions").focus()  # blurred: no lit guides
        await pilot.pause()
        blurred = tree.get_component_rich_style("deck-tree--guides", partial=True).color.name
        assert guide_colours(2) == [blurred, blurred]
        tree.focus()
        await pilot.press("up")  # the root: every guide below it is lit
        await pilot.pause()
        assert guide_colours(2) == [selected, selected]
        await pilot.press("down", "down")  # a deck: nothing below it
        await pilot.pause()
        assert guide_colours(2) == [plain, plain] and guide_colours(3) == [plain, plain]


@run_async
async def test_the_hover_follows_the_mouse_when_the_rows_scroll_under_it(tmp_path):
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 12)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one(DeckTree)
        await pilot.hover(DeckTree, offset=(10, 2))
        await pilot.pause()
        assert tree.hover_line == 2
        tree.scroll_to(y=3, animate=False, immediate=True)
        await pilot.pause()
        assert tree.hover_line == 5  # the row now under the mouse
        tree.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        assert tree.hover_line == 2
