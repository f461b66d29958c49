"""A one-line, focusable action for the home screen's side panel.

Textual's ``Button`` would do, but its stylesheet (every variant, flat and ANSI styles) costs ≈ 5 ms
to parse and more to apply at every start, for five one-line labels (issue 10, home first paint).
This keeps what the buttons gave: a click, focus with tab, enter/space to run, hover and focus looks.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static


class ActionLink(Static, can_focus=True):
    """A label that posts :class:`ActionLink.Pressed` when clicked or on enter/space while focused."""

    DEFAULT_CSS = """
    ActionLink {
        width: 100%; height: 1; padding: 0 2;
        background: $surface; text-style: bold; pointer: pointer;
        &:hover { background: $primary 40%; }
        &:focus { background: $primary; color: $background; }
    }
    """
    BINDINGS = [Binding("enter,space", "press", "Run", show=False)]

    class Pressed(Message):
        """The link was activated; ``link`` is the :class:`ActionLink`."""

        def __init__(self, link: ActionLink) -> None:
            super().__init__()
            self.link = link

        @property
        def control(self) -> ActionLink:
            return self.link

    def action_press(self) -> None:
        self.post_message(self.Pressed(self))

    def _on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_press()
