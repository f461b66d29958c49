"""``self.app`` typed as :class:`~studytool.tui.app.StudyApp` in screens and widgets.

Textual types ``DOMNode.app`` as ``App[object]``, so a type checker cannot see ``self.app.services``
or ``self.app.lang``. Screens and widgets that use them declare ``app = study_app()``: Textual's
own typed getter (``textual.getters.app``), which returns the running app as ``self.app`` always did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters

if TYPE_CHECKING:
    from studytool.tui.app import StudyApp


def _study_app_class() -> type[StudyApp]:
    from studytool.tui.app import StudyApp  # the app module imports the screens lazily: no cycle

    return StudyApp


def study_app() -> getters.app[StudyApp]:
    """A class attribute: ``app = study_app()``."""
    return getters.app(_study_app_class)
