"""The deck tree of the home screen: part of the notes › section › deck, with today's counts."""

from __future__ import annotations

from collections import defaultdict

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Tree

from studytool.decks.model import SOURCE_SEP, Deck
from studytool.tui.i18n import t, ui_lang

COUNT_KEYS = ("new", "learning", "due")


NAME_WIDTH = 24  # cells from the tree's left edge to the end of the name column
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


def counts_label(title: str, counts: dict[str, int], depth: int = 0) -> Text:
    label = Text(_fit(title, NAME_WIDTH - _START.get(depth, 8)))
    for key in COUNT_KEYS:
        n = counts.get(key, 0)
        label.append(f"{n:>5}", style=STYLES[key] if n else "dim")
    return label


def _right(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` terminal cells (CJK is 2 cells)."""
    return " " * max(0, width - cell_len(text)) + text


def header(lang: str = "en") -> Text:
    """Column titles over the counts (each count column is 5 cells wide)."""
    out = Text(_fit("  " + t("home.col.deck", lang), NAME_WIDTH), style="bold")
    # English "learn" is one cell wider than its numbers, so "due" gets one cell less
    widths = (5, 5, 5) if ui_lang(lang) == "zh" else (5, 6, 4)
    for key, width in zip(COUNT_KEYS, widths, strict=True):
        out.append(_right(t(f"home.col.{key}", lang), width), style=STYLES[key])
    return out


def _add(total: dict[str, int], counts: dict[str, int]) -> None:
    for key in COUNT_KEYS:
        total[key] += counts.get(key, 0)


class DeckTree(Tree[str]):
    """Node data is ``""`` (everything), a part name (``part:…``), or a deck id (``deck:…``)."""

    def show(self, decks: list[Deck], counts: dict[str, dict[str, int]], lang: str) -> None:
        self.clear()
        total: dict[str, int] = defaultdict(int)
        for deck in decks:
            _add(total, counts.get(deck.id, {}))
        self.root.set_label(counts_label(t("home.all_decks", lang), total))
        self.root.data = ""
        parts: dict[str, list[Deck]] = defaultdict(list)
        for deck in sorted(decks, key=lambda d: (d.order, d.id)):
            parts[deck.part].append(deck)
        for part, part_decks in parts.items():
            part_total: dict[str, int] = defaultdict(int)
            for deck in part_decks:
                _add(part_total, counts.get(deck.id, {}))
            node = self.root.add(counts_label(part, part_total, 1), data=f"part:{part}", expand=True)
            for deck in part_decks:
                section = deck.source.split(SOURCE_SEP.strip())[-1].strip()
                title = deck.title.render(lang) if lang != "both" else deck.title.both(" / ")
                name = section if lang == "zh" and section else title
                node.add_leaf(counts_label(name, counts.get(deck.id, {}), 2), data=f"deck:{deck.id}")
        self.root.expand()
