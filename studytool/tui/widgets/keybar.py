"""The key bar at the bottom of every screen: the active bindings, in the app's language.

One widget that renders one line of text, instead of Textual's :class:`~textual.widgets.Footer`
(a container that mounts one widget per key and recomposes whenever the bindings change). On the
home screen the stock footer cost about half of the time between the first paint and an idle app;
this bar costs one render. It keeps what the footer did for users: the keys of the focused
widget's screen (``binding.show``), disabled keys dimmed, the command palette key on the right,
hover highlight and tooltips, and a click on a key presses it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from studytool.i18n import binding_text


@dataclass(frozen=True)
class KeyItem:
    """One key shown in the bar, and the cells it occupies once rendered."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    start: int = 0
    end: int = 0


def width_of(items: list[KeyItem]) -> int:
    """Cells taken by ``items`` rendered as ``key description`` separated by one space."""
    return sum(
        cell_len(i.display) + (1 + cell_len(i.description) if i.description else 0) + 1
        for i in items
    )


def fit(items: list[KeyItem], width: int) -> list[KeyItem]:
    """``items``, dropping descriptions from the last ones first until the bar fits in ``width``.

    Every key stays visible (the screen's own keys come first and keep their words longest); what
    still does not fit is cut with an ellipsis, and ``?`` lists every key with its description.
    """
    items = list(items)
    for index in reversed(range(len(items))):
        if width_of(items) <= width:
            break
        if items[index].description:
            items[index] = replace(items[index], description="")
    return items


class KeyBar(Widget, can_focus=False):
    """A one-line footer of key hints whose descriptions follow ``app.lang``."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .keybar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        & > .keybar--description { color: $footer-description-foreground; }
        & > .keybar--hover { background: $block-hover-background; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._items: list[KeyItem] = []
        self._hover: int | None = None
        self._shown: tuple | None = None  # the items() the last render showed

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # The signal fires on every focus change and screen resume; repaint only when a key,
        # its words or its enabled state actually changed.
        if self.is_attached and screen is self.screen and self._signature() != self._shown:
            self.refresh()

    def _signature(self) -> tuple:
        keys, palette = self.items()
        return tuple(keys), palette

    # ------------------------------------------------------------------ content

    def items(self) -> tuple[list[KeyItem], KeyItem | None]:
        """The keys to show (one per action, first binding wins) and the command palette key."""
        lang = getattr(self.app, "lang", "en")
        active = self.screen.active_bindings
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        seen: set[str] = set()
        keys: list[KeyItem] = []
        palette: KeyItem | None = None
        for key, (_node, binding, enabled, tooltip) in active.items():
            if not binding.show and key != palette_key:
                continue
            item = KeyItem(
                key=binding.key,
                display=self.app.get_key_display(binding),
                description=binding_text(binding.description, lang),
                enabled=enabled,
                tooltip=binding_text(tooltip or binding.tooltip or binding.description, lang),
            )
            if key == palette_key:
                palette = item
            elif binding.action not in seen:
                seen.add(binding.action)
                keys.append(item)
        return keys, palette

    def render(self) -> Text:
        keys, palette = self.items()
        self._shown = (tuple(keys), palette)
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        text_style = self.get_component_rich_style("keybar--description", partial=True)
        hover_style = self.get_component_rich_style("keybar--hover", partial=True)
        out = Text(no_wrap=True, end="")
        placed: list[KeyItem] = []

        def add(item: KeyItem) -> None:
            first, start = len(out.plain), cell_len(out.plain)
            out.append(item.display, key_style)
            if item.description:
                out.append(" " + item.description, text_style)
            if not item.enabled:
                out.stylize("dim", first)
            if len(placed) == self._hover:
                out.stylize(hover_style, first)
            placed.append(replace(item, start=start, end=cell_len(out.plain)))

        for item in fit(keys, self.size.width):
            add(item)
            out.append(" ")
        if palette is not None:
            size = cell_len(palette.display) + (
                1 + cell_len(palette.description) if palette.description else 0
            )
            pad = self.size.width - cell_len(out.plain) - size
            if pad >= 1:  # only when it fits; ctrl+p works either way and help lists it
                out.append(" " * (pad - 1) + "│", "dim")
                add(palette)
        self._items = placed
        return out

    # ------------------------------------------------------------------ mouse

    def _at(self, x: int) -> int | None:
        return next((i for i, item in enumerate(self._items) if item.start <= x < item.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._at(event.x)
        if index != self._hover:
            self._hover = index
            self.tooltip = self._items[index].tooltip if index is not None else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self._at(event.x)
        if index is None:
            return
        event.stop()
        item = self._items[index]
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def descriptions(self) -> list[str]:
        """The descriptions as shown (for tests and screen readers of the source)."""
        keys, palette = self.items()
        return [item.description for item in keys] + ([palette.description] if palette else [])
