"""Review: spaced repetition over today's queue (question → space → rate 1-4)."""

from __future__ import annotations

import time
from collections import deque

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Static

from studytool.decks.model import Card
from studytool.tui.widgets.card_view import CardView
from studytool.tui.widgets.rating_bar import RatingBar


class ReviewScreen(Screen):
    """Reviews the queue of ``services.decks`` / ``services.tags``."""

    BINDINGS = [
        Binding("space", "reveal", "Show answer"),
        Binding("1", "rate(1)", "Again", show=False),
        Binding("2", "rate(2)", "Hard", show=False),
        Binding("3", "rate(3)", "Good", show=False),
        Binding("4", "rate(4)", "Easy", show=False),
        Binding("u", "undo", "Undo"),
        Binding("s", "suspend", "Suspend"),
        Binding("b", "bury", "Bury"),
        Binding("p", "proof", "Proof"),
        Binding("e", "edit_params", "Edit params"),
        Binding("l", "app.cycle_lang", "Lang"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.card: Card | None = None
        self.revealed = False
        self.done = 0
        self.shown_at = 0.0
        self.last_result = None
        self.cram: deque[str] | None = None  # cram/practice round: the schedule is not changed

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="review-progress")
        yield CardView(id="review-card")
        with Horizontal(id="review-bottom"):
            yield Button("space  Show answer", id="reveal", variant="primary")
            yield RatingBar(id="rating-bar")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        services = self.app.services
        if services.cram:
            self.cram = deque(self.study.cram_queue(services.decks or None, services.tags or None, services.search))
        self.sub_title = "Cram — practice, schedule unchanged" if self.cram is not None else "Review"
        self.next_card()

    # ------------------------------------------------------------------ flow

    @property
    def study(self):  # noqa: ANN201
        return self.app.services.study

    def _queue(self) -> list[str]:
        if self.cram is not None:
            return list(self.cram)
        services = self.app.services
        return self.study.queue(services.decks or None, services.tags or None)

    def _drop(self, uid: str) -> None:
        if self.cram and self.cram[0] == uid:
            self.cram.popleft()

    def next_card(self, uid: str | None = None) -> None:
        """Show ``uid`` or the first card of the queue."""
        queue = self._queue()
        if uid is None:
            uid = queue[0] if queue else None
        self.card = self.app.services.card(uid) if uid else None
        self.revealed = False
        self.shown_at = time.monotonic()
        self._draw(len(queue))

    def _draw(self, remaining: int | None = None) -> None:
        if remaining is None:
            remaining = len(self._queue())
        view = self.query_one(CardView)
        progress = Text()
        progress.append(f"done {self.done}", style="bold #6a9955")
        progress.append(" · ")
        progress.append(f"left {remaining}", style="bold #569cd6")
        if self.card is not None:
            deck = self.app.services.library.collection.deck(self.card.deck)
            state = self.study.card_state(self.card.uid)
            label = "new" if state is None or state.reps == 0 else state.state
            progress.append(f"   {deck.title.render(self.app.lang) if deck else self.card.deck} · {label}", style="dim")
            if state is not None and state.changed:
                progress.append("  ✎ changed since your last review", style="bold #d7ba7d")
            if state is not None and state.leech:
                progress.append("  ☣ leech", style="bold #f44747")
        if self.last_result is not None:
            r = self.last_result
            progress.append(f"   last: {r.uid.split('/')[-1]} → {'due ' + _ago(r.interval) if r.interval else 'cram'}", style="dim")
        self.query_one("#review-progress", Static).update(progress)
        bar = self.query_one(RatingBar)
        reveal = self.query_one("#reveal", Button)
        if self.card is None:
            view.show(None, self.app.lang, False)
            view.query_one("#card-q", Static).update(
                Text(("Round complete — every card practised. 🎉" if self.cram is not None else "Nothing left to review today. 🎉")
                     + "\n\nescape: back to home · u: undo the last answer", style="bold")
            )
            bar.display = False
            reveal.display = False
            return
        view.show(self.card, self.app.lang, self.revealed)
        bar.display = self.revealed
        reveal.display = not self.revealed
        if self.revealed:
            bar.set_intervals({} if self.cram is not None else self.study.preview(self.card.uid))

    def refresh_lang(self) -> None:
        self._draw()

    # ------------------------------------------------------------------ actions

    def action_reveal(self) -> None:
        if self.card is not None and not self.revealed:
            self.revealed = True
            self._draw()

    def action_rate(self, rating: int) -> None:
        if self.card is None or not self.revealed:
            return
        duration = int((time.monotonic() - self.shown_at) * 1000)
        mode = "cram" if self.cram is not None else "review"
        self.last_result = self.study.answer(self.card.uid, rating, duration_ms=duration, mode=mode)
        if self.cram is not None:
            self._drop(self.card.uid)
            if rating == 1:  # Again: see it once more at the end of the round
                self.cram.append(self.card.uid)
        if self.last_result.leech:
            self.notify("This card is a leech (lapsed many times): consider rewriting it.", severity="warning")
        self.done += 1
        self.next_card()

    def on_rating_bar_rated(self, event: RatingBar.Rated) -> None:
        self.action_rate(event.rating)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "reveal":
            self.action_reveal()

    def action_undo(self) -> None:
        uid = self.study.undo()
        if uid is None:
            self.notify("Nothing to undo.")
            return
        self.done = max(0, self.done - 1)
        self.last_result = None
        self.notify(f"Undone: {uid}")
        self.next_card(uid)

    def action_suspend(self) -> None:
        if self.card is not None:
            self.study.suspend(self.card.uid)
            self._drop(self.card.uid)
            self.notify(f"Suspended {self.card.uid} (u undoes)")
            self.next_card()

    def action_bury(self) -> None:
        if self.card is not None:
            self.study.bury(self.card.uid)
            self._drop(self.card.uid)
            self.notify(f"Buried {self.card.uid} until tomorrow (u undoes)")
            self.next_card()

    def _proof_id(self) -> str | None:
        if self.card is None:
            return None
        if self.card.proof:
            return self.card.proof
        return self.card.erratum.proof if self.card.erratum else None

    def action_proof(self) -> None:
        proof_id = self._proof_id()
        if proof_id is None:
            self.notify("This card has no proof.")
            return
        self.app.open_proof(proof_id, dict(self.card.params) if self.card.proof else {})

    def action_edit_params(self) -> None:
        proof_id = self._proof_id()
        if proof_id is None:
            self.notify("This card has no proof.")
            return
        self.app.open_proof(proof_id, dict(self.card.params) if self.card.proof else {}, edit=True)


def _ago(delta) -> str:  # noqa: ANN001
    from studytool.srs.clock import human_interval

    return human_interval(delta)
