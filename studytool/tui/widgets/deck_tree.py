"""The deck tree of the home screen: part of the notes › section › deck, with today's counts."""

from __future__ import annotations

from collections import defaultdict

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from studytool.decks.model import SOURCE_SEP, Deck, part_title
from studytool.decks.model import Text as BiText
from studytool.tui.i18n import t, ui_lang

COUNT_KEYS = ("new", "learning", "due")


NAME_WIDTH = 24  # cells from the tree's left edge to the end of the name column (its minimum)
MAX_NAME_WIDTH = 96  # … and its maximum, on a wide terminal
COUNTS_WIDTH = 15  # the three count columns
#: where a name starts at each depth (Tree guides are 4 cells; expandable nodes add "▼ ")
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


class DeckTree(Tree[str]):
    """Node data is ``""`` (everything), a part name (``part:…``), or a deck id (``deck:…``).

    The name column takes what the counts leave of the tree's width (24–96 cells, and no more than
    the longest name needs): on a wide terminal long names (``both`` languages) are not cut. A
    resize relabels the nodes in place (the cursor and what is expanded stay) and posts
    :class:`NameWidthChanged` for the column titles."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Review this deck", show=False),
        Binding("space", "toggle_node", "Expand or collapse", show=False),
        Binding("left", "collapse_or_parent", "Collapse, or go to the part", show=False),
        Binding("right", "expand_or_child", "Expand, or go into the part", show=False),
    ]

    class NameWidthChanged(Message):
        """The name column got wider or narrower (the column titles above must follow)."""

        def __init__(self, name_width: int) -> None:
            super().__init__()
            self.name_width = name_width

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._labels: list[tuple[TreeNode[str], str, dict[str, int], int]] = []
        self.name_width = NAME_WIDTH

    def _width_now(self) -> int:
        """The name width for the current size (before the first layout: estimated from the app's),
        no wider than the longest name needs."""
        width = self.size.width or max(0, self.app.size.width - 36)  # home: side panel and borders
        needed = max((cell_len(name) + _START.get(depth, 8) + 1 for _, name, _, depth in self._labels), default=0)
        return max(NAME_WIDTH, min(name_width_for(width), needed))

    def show(self, decks: list[Deck], counts: dict[str, dict[str, int]], lang: str) -> None:
        """(Re)build the tree. A rebuild (after another screen, a language change) keeps which parts
        are folded and the node under the cursor — not just its row, which would then be another deck."""
        folded = {n.data for n in self.root.children if not n.is_expanded} if self._labels else set()
        selected = self.cursor_node.data if self._labels and self.cursor_node is not None else None
        self.clear()
        labels: list[tuple[TreeNode[str], str, dict[str, int], int]] = []
        total: dict[str, int] = defaultdict(int)
        for deck in decks:
            _add(total, counts.get(deck.id, {}))
        labels.append((self.root, t("home.all_decks", lang), dict(total), 0))
        self.root.data = ""
        parts: dict[str, list[Deck]] = defaultdict(list)
        for deck in sorted(decks, key=lambda d: (d.order, d.id)):
            parts[deck.part].append(deck)
        for part, part_decks in parts.items():
            part_total: dict[str, int] = defaultdict(int)
            for deck in part_decks:
                _add(part_total, counts.get(deck.id, {}))
            data = f"part:{part}"
            node = self.root.add(Text(), data=data, expand=data not in folded)  # Text: no markup/emoji parse
            labels.append((node, _name(part_title(part), lang), dict(part_total), 1))
            for deck in part_decks:
                # zh names a deck by its section of the notes (一、Kmeans) when its source has one; a
                # one-level source ("my notes") is the part itself: then the deck's own title
                levels = [p.strip() for p in deck.source.split(SOURCE_SEP.strip()) if p.strip()]
                title = _name(deck.title, lang)
                name = levels[-1] if lang == "zh" and len(levels) > 1 else title
                leaf = node.add_leaf(Text(), data=f"deck:{deck.id}")
                labels.append((leaf, name, counts.get(deck.id, {}), 2))
        self._labels = labels
        self.name_width = self._width_now()
        self._relabel()
        self.root.expand()
        if selected is not None:
            self._select(selected)

    def _select(self, data: str) -> None:
        """Put the cursor back on the node with ``data`` (its part unfolded if it was a deck)."""
        for node, *_ in self._labels:
            if node.data == data:
                if node.parent is not None and not node.parent.is_expanded:
                    node.parent.expand()
                self._tree_lines  # noqa: B018 - builds the rows now, so the node has its line number
                self.move_cursor(node)
                return

    def _relabel(self) -> None:
        for node, name, counts, depth in self._labels:
            node.set_label(counts_label(name, counts, depth, self.name_width))

    def action_collapse_or_parent(self) -> None:
        """←: fold an open part; on a deck (or a folded part), go up to its part."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)

    def action_expand_or_child(self) -> None:
        """→: open a folded part; on an open one, go to its first deck."""
        node = self.cursor_node
        if node is None or not node.children:
            return
        if not node.is_expanded:
            node.expand()
        else:
            self.move_cursor(node.children[0])

    def on_resize(self, event: events.Resize) -> None:
        # Tree's own handler throws away every rendered line and lays the screen out again on each
        # resize — including the first one, right after the first paint. Its line cache is keyed
        # by width, so only a change of the name column needs new lines (set_label below).
        event.prevent_default()
        width = self._width_now()
        if width != self.name_width and self._labels:
            self.name_width = width
            self._relabel()
            self._invalidate()  # the tree's width (its scroll extent) follows the new labels
            self.post_message(self.NameWidthChanged(width))
