"""The rating bar: Again / Hard / Good / Easy with the next interval of each; clickable."""

from __future__ import annotations

from datetime import timedelta

from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

from studytool.srs.clock import human_interval

NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
VARIANTS = {1: "error", 2: "warning", 3: "success", 4: "primary"}


class RatingBar(Horizontal):
    """Four buttons; pressing one (or keys 1-4 on the screen) posts :class:`Rated`."""

    class Rated(Message):
        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    def compose(self):  # noqa: ANN201
        for rating, name in NAMES.items():
            yield Button(f"{rating} {name}", id=f"rate-{rating}", variant=VARIANTS[rating], classes="rate")

    def set_intervals(self, intervals: dict[int, timedelta]) -> None:
        for rating, name in NAMES.items():
            delta = intervals.get(rating)
            label = f"{rating} {name}" + (f" {human_interval(delta)}" if delta is not None else "")
            self.query_one(f"#rate-{rating}", Button).label = label

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("rate-"):
            self.post_message(self.Rated(int(event.button.id[5:])))
