"""The footer, with binding descriptions in the app's language.

Textual's bindings are class-level and their descriptions fixed; :class:`Footer` builds one
``FooterKey`` per active binding in ``compose``. This subclass translates each key's description
as it is composed (:func:`studytool.tui.i18n.binding_text`); the app calls
``screen.refresh_bindings()`` when the language changes, which makes the footer recompose.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from studytool.tui.i18n import binding_text


class LangFooter(Footer):
    """A compact :class:`Footer` whose descriptions follow ``app.lang``."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("compact", True)
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = binding_text(widget.description, lang)
                if widget.tooltip:
                    widget.tooltip = binding_text(str(widget.tooltip), lang)
            yield widget
