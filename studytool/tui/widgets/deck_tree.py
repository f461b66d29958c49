"""The deck tree of the home screen: part of the notes › section › deck, with today's counts."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual.widgets import Tree

from studytool.decks.model import SOURCE_SEP, Deck

COUNT_KEYS = ("new", "learning", "due")


def counts_label(title: str, counts: dict[str, int]) -> Text:
    label = Text(title)
    label.append("  ")
    label.append(f"{counts.get('new', 0):>3}", style="bold #569cd6")
    label.append(f" {counts.get('learning', 0):>3}", style="bold #f0a35e")
    label.append(f" {counts.get('due', 0):>3}", style="bold #6a9955")
    return label


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
        self.root.set_label(counts_label("All decks" if lang != "zh" else "全部", total))
        self.root.data = ""
        parts: dict[str, list[Deck]] = defaultdict(list)
        for deck in sorted(decks, key=lambda d: (d.order, d.id)):
            parts[deck.part].append(deck)
        for part, part_decks in parts.items():
            part_total: dict[str, int] = defaultdict(int)
            for deck in part_decks:
                _add(part_total, counts.get(deck.id, {}))
            node = self.root.add(counts_label(part, part_total), data=f"part:{part}", expand=True)
            for deck in part_decks:
                section = deck.source.split(SOURCE_SEP.strip())[-1].strip()
                title = deck.title.render(lang) if lang != "both" else deck.title.both(" / ")
                name = section if lang == "zh" and section else title
                node.add_leaf(counts_label(name, counts.get(deck.id, {})), data=f"deck:{deck.id}")
        self.root.expand()
