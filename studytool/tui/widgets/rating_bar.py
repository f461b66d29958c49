"""The rating bar: Again / Hard / Good / Easy with the next interval of each; clickable."""

from __future__ import annotations

from datetime import timedelta

from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

from studytool.i18n import interval_text, t

RATINGS = (1, 2, 3, 4)  # Again / Hard / Good / Easy (names: i18n ``rating.N``)
VARIANTS = {1: "error", 2: "warning", 3: "success", 4: "primary"}


class RatingBar(Horizontal):
    """Four buttons; pressing one (or keys 1-4 on the screen) posts :class:`Rated`."""

    DEFAULT_CSS = """
    RatingBar { height: 3; width: 100%; }
    RatingBar .rate { width: 1fr; min-width: 8; }
    """

    class Rated(Message):
        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    def compose(self):  # noqa: ANN201
        lang = getattr(self.app, "lang", "en")
        for rating in RATINGS:
            yield Button(f"{rating} {t(f'rating.{rating}', lang)}", id=f"rate-{rating}", variant=VARIANTS[rating],
                         classes="rate")  # fmt: skip

    def set_intervals(self, intervals: dict[int, timedelta], lang: str = "en") -> None:
        """Label each button with its name in ``lang`` and the next interval (when scheduled)."""
        for rating in RATINGS:
            delta = intervals.get(rating)
            label = f"{rating} {t(f'rating.{rating}', lang)}"
            if delta is not None:
                label += f" {interval_text(delta, lang)}"
            self.query_one(f"#rate-{rating}", Button).label = label

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("rate-"):
            self.post_message(self.Rated(int(event.button.id[5:])))
