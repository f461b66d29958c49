"""The home screen's actions (review, quiz, …) as one focusable menu.

One line-API widget instead of one widget per action: each widget costs Textual ≈ 1 ms to mount,
style and lay out at every start (issue 10, home first paint). It keeps what the five buttons gave:
a click runs an action, ``tab`` reaches the menu, ↑/↓ choose, ``enter``/``space`` run, and hover
and focus looks. Items are one line each with a blank line between them.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget


class ActionMenu(Widget, can_focus=True):
    """``items`` are ``(action, label)`` pairs; running one posts :class:`ActionMenu.Selected`."""

    BINDINGS = [
        Binding("enter,space", "run", "Run", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
    ]

    COMPONENT_CLASSES = {"action-menu--item", "action-menu--hover", "action-menu--cursor"}

    DEFAULT_CSS = """
    ActionMenu {
        height: auto;
        & > .action-menu--item { background: $surface; text-style: bold; }
        & > .action-menu--hover { background: $primary 40%; }
        & > .action-menu--cursor { background: $primary; color: $background; }
    }
    """

    PAD = 2  #: cells before and after a label

    class Selected(Message):
        """An item was run (click, or enter/space while the menu has focus)."""

        def __init__(self, menu: ActionMenu, action: str) -> None:
            super().__init__()
            self.menu = menu
            self.action = action

        @property
        def control(self) -> ActionMenu:
            return self.menu

    def __init__(self, items: list[tuple[str, str]], *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.items = list(items)
        self.highlighted = 0
        self.hover = -1

    def set_items(self, items: list[tuple[str, str]]) -> None:
        """New labels (a language change); the highlighted item stays."""
        self.items = list(items)
        self.highlighted = min(self.highlighted, len(self.items) - 1)
        self.refresh(layout=True)

    def label(self, action: str) -> str:
        """The text shown for ``action``."""
        return dict(self.items)[action]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(0, 2 * len(self.items) - 1)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((len(label) for _, label in self.items), default=0) + 2 * self.PAD

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        index, gap = divmod(y, 2)
        if gap or index >= len(self.items):
            return Strip.blank(width, base)
        style: Style = base + self.get_component_rich_style("action-menu--item")
        if index == self.hover:
            style += self.get_component_rich_style("action-menu--hover")
        if index == self.highlighted and self.has_focus:
            style += self.get_component_rich_style("action-menu--cursor")
        text = " " * self.PAD + self.items[index][1]
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)

    # ------------------------------------------------------------------ keys and mouse

    def action_move(self, step: int) -> None:
        self._redraw(self.highlighted)
        self.highlighted = max(0, min(len(self.items) - 1, self.highlighted + step))
        self._redraw(self.highlighted)

    def action_run(self) -> None:
        if self.items:
            self.post_message(self.Selected(self, self.items[self.highlighted][0]))

    def _item_at(self, event: events.MouseEvent) -> int:
        offset = event.get_content_offset(self)
        if offset is None or offset.y % 2:
            return -1
        index = offset.y // 2
        return index if index < len(self.items) else -1

    def on_click(self, event: events.Click) -> None:
        index = self._item_at(event)
        if index >= 0:
            event.stop()
            self.highlighted = index
            self.refresh()
            self.action_run()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._item_at(event)
        if index != self.hover:
            self._redraw(self.hover)
            self.hover = index
            self._redraw(index)

    def on_leave(self, _event: events.Leave) -> None:
        self._redraw(self.hover)
        self.hover = -1

    def on_focus(self, _event: events.Focus) -> None:
        self.refresh()

    def on_blur(self, _event: events.Blur) -> None:
        self.refresh()

    def _redraw(self, index: int) -> None:
        if index >= 0:
            self.refresh(Region(0, 2 * index, self.size.width, 1))
