"""The deck tree of the home screen: part of the notes › section › deck, with today's counts.

A small line-API widget rather than Textual's ``Tree``: the home screen is the first thing drawn at
every start, and ``Tree`` recomputes several component styles and rebuilds each row's ``Text`` on
every repaint (≈ 11 ms of a ≈ 220 ms start, docs/performance.md). Rows here are drawn once per
change of cursor, hover, focus, width or labels, and cached. It looks like ``Tree``: the guides
under the cursor's part are drawn in the cursor colour while the tree has focus, the cursor covers a
part's name but not its ▼ icon, and the row under the mouse is lit.
"""

from __future__ import annotations

from collections import defaultdict

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from studytool.decks.model import SOURCE_SEP, Deck, part_title
from studytool.decks.model import Text as BiText
from studytool.i18n import t, ui_lang

COUNT_KEYS = ("new", "learning", "due")


NAME_WIDTH = 24  # cells from the tree's left edge to the end of the name column (its minimum)
MAX_NAME_WIDTH = 96  # … and its maximum, on a wide terminal
COUNTS_WIDTH = 15  # the three count columns
#: where a name starts at each depth (guides are 4 cells; expandable nodes add "▼ ")
_START = {0: 2, 1: 6, 2: 8, 3: 12}
STYLES = {"new": "bold #569cd6", "learning": "bold #f0a35e", "due": "bold #6a9955"}


def _fit(text: str, width: int) -> str:
    """``text`` cut (with …) or padded to exactly ``width`` terminal cells (CJK is 2 cells)."""
    if cell_len(text) > width:
        while text and cell_len(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - cell_len(text))


def name_width_for(tree_width: int) -> int:
    """The name column's width in a tree ``tree_width`` cells wide: what the counts leave, clamped."""
    return max(NAME_WIDTH, min(MAX_NAME_WIDTH, tree_width - COUNTS_WIDTH - 2))


def _has_open_children(node: DeckNode | None) -> bool:
    return node is not None and node.is_expanded and bool(node.children)


def counts_label(title: str, counts: dict[str, int], depth: int = 0, name_width: int = NAME_WIDTH) -> Text:
    label = Text(_fit(title, name_width - _START.get(depth, 8)))
    for key in COUNT_KEYS:
        n = counts.get(key, 0)
        label.append(f"{n:>5}", style=STYLES[key] if n else "dim")
    return label


def _right(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` terminal cells (CJK is 2 cells)."""
    return " " * max(0, width - cell_len(text)) + text


def header(lang: str = "en", name_width: int = NAME_WIDTH) -> Text:
    """Column titles over the counts (each count column is 5 cells wide)."""
    out = Text(_fit("  " + t("home.col.deck", lang), name_width), style="bold")
    # English "learn" is one cell wider than its numbers, so "due" gets one cell less
    widths = (5, 5, 5) if ui_lang(lang) == "zh" else (5, 6, 4)
    for key, width in zip(COUNT_KEYS, widths, strict=True):
        out.append(_right(t(f"home.col.{key}", lang), width), style=STYLES[key])
    return out


def _name(title: BiText, lang: str) -> str:
    return title.render(lang) if lang != "both" else title.both(" / ")


def _add(total: dict[str, int], counts: dict[str, int]) -> None:
    for key in COUNT_KEYS:
        total[key] += counts.get(key, 0)


class DeckNode:
    """A row of the tree: the whole library (the root), a part of the notes, or a deck.

    ``data`` is ``""`` (everything), ``part:…`` or ``deck:…``; ``label`` is the row's text after
    its guides (name cut or padded to the name column, then the three counts)."""

    __slots__ = ("children", "counts", "data", "depth", "is_expanded", "label", "name", "parent")

    def __init__(self, data: str, name: str, counts: dict[str, int], depth: int, parent: DeckNode | None = None) -> None:
        self.data, self.name, self.counts, self.depth, self.parent = data, name, counts, depth, parent
        self.children: list[DeckNode] = []
        self.is_expanded = True
        self.label = Text()

    @property
    def allow_expand(self) -> bool:
        return bool(self.children)

    @property
    def is_last(self) -> bool:
        return self.parent is None or self.parent.children[-1] is self

    def __repr__(self) -> str:
        return f"DeckNode({self.data!r}, {self.name!r})"


class DeckTree(ScrollView, can_focus=True):
    """The library as a foldable tree, one row per node, with a cursor.

    ``enter`` (or a click) selects the row: a deck posts :class:`NodeSelected` (home reviews it), a
    part folds or unfolds. The name column takes what the counts leave of the width (24–96 cells,
    and no more than the longest name needs): on a wide terminal long names (``both`` languages) are
    not cut. A resize relabels the rows in place (the cursor and what is folded stay) and posts
    :class:`NameWidthChanged` for the column titles."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Review this deck", show=False),
        Binding("space", "toggle_node", "Expand or collapse", show=False),
        Binding("left", "collapse_or_parent", "Collapse, or go to the part", show=False),
        Binding("right", "expand_or_child", "Expand, or go into the part", show=False),
        # the arrows, pages and ends move the cursor as in any list (not listed in help)
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "cursor_to(0)", show=False),
        Binding("end", "cursor_to(-1)", show=False),
    ]

    COMPONENT_CLASSES = {"deck-tree--guides", "deck-tree--guides-selected", "deck-tree--cursor", "deck-tree--hover"}

    DEFAULT_CSS = """
    DeckTree {
        background: $surface;
        color: $foreground;
        & > .deck-tree--guides { color: $surface-lighten-2; }
        & > .deck-tree--cursor {
            text-style: $block-cursor-blurred-text-style;
            background: $block-cursor-blurred-background;
        }
        & > .deck-tree--hover { background: $block-hover-background; }
        &:focus {
            background-tint: $foreground 5%;
            & > .deck-tree--guides { color: $surface-lighten-3; }
            & > .deck-tree--guides-selected { color: $block-cursor-background; }
            & > .deck-tree--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    ICONS = ("▶ ", "▼ ")  #: folded, unfolded

    class NodeSelected(Message):
        """A row was chosen (``enter`` or a click)."""

        def __init__(self, node: DeckNode) -> None:
            super().__init__()
            self.node = node

    class NameWidthChanged(Message):
        """The name column got wider or narrower (the column titles above must follow)."""

        def __init__(self, name_width: int) -> None:
            super().__init__()
            self.name_width = name_width

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(name=name, id=id, classes=classes)
        self.root = DeckNode("", "", {}, 0)
        self._labels: list[DeckNode] = []  # every node, in tree order (folded ones too)
        self._rows: list[DeckNode] = [self.root]  # the visible ones
        self.name_width = NAME_WIDTH
        self.cursor_line = 0
        self.hover_line = -1
        self._strips: dict[tuple[int, bool, bool, int], Strip] = {}
        self._styles: tuple[Style, Style, Style, Style, Style] | None = None

    # ------------------------------------------------------------------ content

    @property
    def rows(self) -> list[DeckNode]:
        """The visible rows, top to bottom."""
        return self._rows

    @property
    def cursor_node(self) -> DeckNode | None:
        return self._rows[self.cursor_line] if 0 <= self.cursor_line < len(self._rows) else None

    def _width_now(self) -> int:
        """The name width for the current size (before the first layout: estimated from the app's),
        no wider than the longest name needs."""
        width = self.size.width or max(0, self.app.size.width - 36)  # home: side panel and borders
        needed = max((cell_len(node.name) + _START.get(node.depth, 8) + 1 for node in self._labels), default=0)
        return max(NAME_WIDTH, min(name_width_for(width), needed))

    def show(self, decks: list[Deck], counts: dict[str, dict[str, int]], lang: str) -> None:
        """(Re)build the tree. A rebuild (after another screen, a language change) keeps which parts
        are folded and the node under the cursor — not just its row, which would then be another deck."""
        folded = {n.data for n in self._labels if n.children and not n.is_expanded}
        selected = self.cursor_node.data if self._labels and self.cursor_node is not None else None
        total: dict[str, int] = defaultdict(int)
        for deck in decks:
            _add(total, counts.get(deck.id, {}))
        root = DeckNode("", t("home.all_decks", lang), dict(total), 0)
        labels = [root]
        parts: dict[str, list[Deck]] = defaultdict(list)
        for deck in sorted(decks, key=lambda d: (d.order, d.id)):
            parts[deck.part].append(deck)
        for part, part_decks in parts.items():
            part_total: dict[str, int] = defaultdict(int)
            for deck in part_decks:
                _add(part_total, counts.get(deck.id, {}))
            node = DeckNode(f"part:{part}", _name(part_title(part), lang), dict(part_total), 1, root)
            root.children.append(node)
            labels.append(node)
            for deck in part_decks:
                # zh names a deck by its section of the notes (一、Kmeans) when its source has one; a
                # one-level source ("my notes") is the part itself: then the deck's own title
                levels = [p.strip() for p in deck.source.split(SOURCE_SEP.strip()) if p.strip()]
                title = _name(deck.title, lang)
                name = levels[-1] if lang == "zh" and len(levels) > 1 else title
                leaf = DeckNode(f"deck:{deck.id}", name, counts.get(deck.id, {}), 2, node)
                node.children.append(leaf)
                labels.append(leaf)
        for node in labels:
            node.is_expanded = node.data not in folded
        self.root, self._labels = root, labels
        self.name_width = self._width_now()
        self._relabel()
        self._build()
        self.cursor_line = 0
        if selected is not None:
            self._select(selected)

    def _relabel(self) -> None:
        for node in self._labels:
            node.label = counts_label(node.name, node.counts, node.depth, self.name_width)

    def _build(self) -> None:
        """The visible rows from what is folded; the scroll extent from the labels."""
        rows: list[DeckNode] = []

        def walk(node: DeckNode) -> None:
            rows.append(node)
            if node.is_expanded:
                for child in node.children:
                    walk(child)

        walk(self.root)
        self._rows = rows
        self.cursor_line = min(self.cursor_line, len(rows) - 1)
        self.virtual_size = Size(max((_START.get(n.depth, 8) + n.label.cell_len for n in rows), default=0), len(rows))
        self._invalidate()

    def _invalidate(self) -> None:
        self._strips.clear()
        self.refresh()

    def _select(self, data: str) -> None:
        """Put the cursor back on the node with ``data`` (its part unfolded if it was a deck)."""
        for node in self._labels:
            if node.data == data:
                self.move_cursor(node)
                return

    def move_cursor(self, node: DeckNode) -> None:
        """Put the cursor on ``node``, unfolding what hides it, and scroll it into view."""
        parent, hidden = node.parent, False
        while parent is not None:
            if not parent.is_expanded:
                parent.is_expanded, hidden = True, True
            parent = parent.parent
        if hidden:
            self._build()
        self._set_cursor(self._rows.index(node))

    def _set_cursor(self, line: int) -> None:
        line = max(0, min(line, len(self._rows) - 1))
        if line != self.cursor_line:
            before, self.cursor_line = self.cursor_line, line
            if _has_open_children(self._rows[before]) or _has_open_children(self._rows[line]):
                self.refresh()  # the guides under the part that had or has the cursor change colour
            else:
                self._refresh_row(before)
                self._refresh_row(line)
        self.scroll_to_region(Region(0, line, 1, 1), animate=False, immediate=True)

    # (not ``expand``/``collapse``: ``Widget.expand`` is a Textual style reactive)
    def unfold(self, node: DeckNode) -> None:
        self._fold(node, True)

    def fold(self, node: DeckNode) -> None:
        self._fold(node, False)

    def _fold(self, node: DeckNode, expanded: bool) -> None:
        if node.allow_expand and node.is_expanded != expanded:
            current = self.cursor_node
            node.is_expanded = expanded
            self._build()
            if current is not None:  # the cursor stays on its node, or on the part that now hides it
                while current.parent is not None and current not in self._rows:
                    current = current.parent
                self.cursor_line = self._rows.index(current)

    # ------------------------------------------------------------------ drawing

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def _row_styles(self) -> tuple[Style, Style, Style, Style, Style]:
        """(base, guides, guides under the cursor, cursor, hover) for the current focus state;
        computed once per change."""
        if self._styles is None:
            guides = self.get_component_rich_style("deck-tree--guides", partial=True)
            # the hover background is translucent: blended with the widget's (a partial style would
            # drop the alpha and paint the row black)
            hover = self.get_component_rich_style("deck-tree--hover", partial=False)
            self._styles = (
                self.rich_style,
                guides,
                guides + self.get_component_rich_style("deck-tree--guides-selected", partial=True),
                self.get_component_rich_style("deck-tree--cursor", partial=False),
                Style(bgcolor=hover.bgcolor),
            )
        return self._styles

    @staticmethod
    def _guides(node: DeckNode) -> list[str]:
        """The guide pieces before a row's icon or name, one of 4 cells per level below the root,
        left to right: piece ``i`` belongs to the row's ancestor (or itself) at depth ``i + 1``."""
        pieces: list[str] = []
        if node.parent is None:
            return pieces
        pieces.append("└── " if node.is_last else "├── ")
        parent = node.parent
        while parent.parent is not None:
            pieces.append("    " if parent.is_last else "│   ")
            parent = parent.parent
        pieces.reverse()
        return pieces

    def _selected_from(self, node: DeckNode) -> int:
        """From which guide piece on ``node``'s guides are drawn in the cursor colour: the pieces
        below the cursor's part (or root) when the row is inside it and the tree has focus; else -1."""
        cursor = self.cursor_node
        if cursor is None or not self.has_focus or cursor is node:
            return -1
        parent = node.parent
        while parent is not None:
            if parent is cursor:
                return cursor.depth
            parent = parent.parent
        return -1

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = y + scroll_y
        width = self.size.width
        base, guides_style, selected_style, cursor_style, hover_style = self._row_styles()
        if line >= len(self._rows):
            return Strip.blank(width, base)
        node = self._rows[line]
        selected_from = self._selected_from(node)
        key = (line, line == self.cursor_line, line == self.hover_line, selected_from)
        strip = self._strips.get(key)
        if strip is None or strip.cell_length != max(width, self.virtual_size.width):
            row_style = base + hover_style if key[2] else base
            text = Text(style=row_style, end="")
            for i, piece in enumerate(self._guides(node)):
                style = selected_style if 0 <= selected_from <= i else guides_style
                text.append(piece, style=row_style + style)
            if node.allow_expand:
                text.append(self.ICONS[node.is_expanded])
            label = node.label.copy()
            if key[1]:
                label.stylize(cursor_style)
            text.append_text(label)
            segments = list(text.render(self.app.console))
            pad = max(width, self.virtual_size.width) - text.cell_len
            if pad > 0:
                segments.append(Segment(" " * pad, row_style))
            strip = self._strips[key] = Strip(segments)
        return strip.crop(scroll_x, scroll_x + width)

    def _refresh_row(self, line: int) -> None:
        if line >= 0:
            self.refresh(Region(0, line - self.scroll_offset.y, self.size.width, 1))

    # ------------------------------------------------------------------ keys and mouse

    def action_cursor(self, step: int) -> None:
        self._set_cursor(self.cursor_line + step)

    def action_page(self, direction: int) -> None:
        self._set_cursor(self.cursor_line + direction * max(1, self.scrollable_content_region.height - 1))

    def action_cursor_to(self, line: int) -> None:
        self._set_cursor(line if line >= 0 else len(self._rows) - 1)

    def action_select_cursor(self) -> None:
        """A part folds or unfolds; any row is posted as :class:`NodeSelected`."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand:
            self._fold(node, not node.is_expanded)
        self.post_message(self.NodeSelected(node))

    def action_toggle_node(self) -> None:
        node = self.cursor_node
        if node is not None:
            self._fold(node, not node.is_expanded)

    def action_collapse_or_parent(self) -> None:
        """←: fold an open part; on a deck (or a folded part), go up to its part."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            self.fold(node)
        elif node.parent is not None:
            self.move_cursor(node.parent)

    def action_expand_or_child(self) -> None:
        """→: open a folded part; on an open one, go to its first deck."""
        node = self.cursor_node
        if node is None or not node.children:
            return
        if not node.is_expanded:
            self.unfold(node)
        else:
            self.move_cursor(node.children[0])

    def _line_at(self, event: events.MouseEvent) -> int:
        offset = event.get_content_offset(self)
        if offset is None:
            return -1
        line = offset.y + self.scroll_offset.y
        return line if 0 <= line < len(self._rows) else -1

    def on_click(self, event: events.Click) -> None:
        line = self._line_at(event)
        if line >= 0:
            self._set_cursor(line)
            self.action_select_cursor()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self._line_at(event))

    def on_leave(self, _event: events.Leave) -> None:
        self._hover(-1)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.hover_line >= 0:  # the mouse stays put while the rows move under it (wheel, keys)
            line = self.app.mouse_position.y - self.content_region.y + round(new_value)
            self.hover_line = line if 0 <= line < len(self._rows) else -1

    def _hover(self, line: int) -> None:
        if line != self.hover_line:
            self._refresh_row(self.hover_line)
            self.hover_line = line
            self._refresh_row(line)

    def on_resize(self, _event: events.Resize) -> None:
        self._strips.clear()  # rows are padded to the width
        width = self._width_now()
        if width != self.name_width and self._labels:
            self.name_width = width
            self._relabel()
            self._build()  # the scroll extent follows the new labels
            self.post_message(self.NameWidthChanged(width))
