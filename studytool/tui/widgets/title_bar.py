"""The title line at the top of every screen: ``⭘  studytool — <screen>``.

A single widget that renders one line, in place of Textual's :class:`~textual.widgets.Header`
(four widgets). Clicking the icon opens the command palette, as the header's icon does.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.widget import Widget

from studytool.i18n import binding_text

ICON = "⭘"


class TitleBar(Widget, can_focus=False):
    """``app.title — screen.sub_title``, centred, following changes to either."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        width: 1fr;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._changed, init=False)
        self.watch(self.app, "sub_title", self._changed, init=False)
        self.watch(self.screen, "title", self._changed, init=False)
        self.watch(self.screen, "sub_title", self._changed, init=False)
        if self.app.ENABLE_COMMAND_PALETTE:
            if hasattr(type(self.app), "lang"):  # studytool's app: the tooltip follows the language
                self.watch(self.app, "lang", self._set_tooltip, init=False)
            self._set_tooltip()

    def _set_tooltip(self) -> None:
        self.tooltip = binding_text("Open the command palette", getattr(self.app, "lang", "en"))

    def _changed(self) -> None:
        self.refresh()

    def title_text(self) -> Text:
        """The title, then `` — `` and the sub-title (dim) when there is one."""
        title = self.screen.title or self.app.title
        sub_title = self.screen.sub_title or self.app.sub_title
        out = Text(title)
        if sub_title:
            out.append(" — ", "dim")
            out.append(sub_title, "dim")
        return out

    def render(self) -> Text:
        icon = f" {ICON} "
        title = self.title_text()
        width = self.size.width
        left = max(len(icon), (width - cell_len(title.plain)) // 2)
        out = Text(icon, end="", no_wrap=True)
        out.append(" " * (left - len(icon)))
        out.append_text(title)
        return out

    def on_click(self, event: events.Click) -> None:
        if event.x < len(ICON) + 2 and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            self.app.action_command_palette()
