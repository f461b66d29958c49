"""Review: spaced repetition over today's queue (question → space → rate 1-4)."""

from __future__ import annotations

import time
from collections import deque
from datetime import timedelta

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Static

from studytool.decks.model import Card
from studytool.i18n import interval_text, state_text, t
from studytool.tui.typed import study_app
from studytool.tui.widgets.card_view import CardView, question_line
from studytool.tui.widgets.keybar import KeyBar
from studytool.tui.widgets.rating_bar import RatingBar
from studytool.tui.widgets.title_bar import TitleBar


class ReviewScreen(Screen):
    """Reviews the queue of ``services.decks`` / ``services.tags``."""

    app = study_app()

    DEFAULT_CSS = """
    #review-progress { height: auto; padding: 0 2; background: $surface; }
    #review-bottom { height: 3; align: center middle; }
    #reveal { width: 100%; }
    """

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
        self._actions: list[tuple[str, deque[str] | None]] = []  # (uid, cram round before it) to undo
        self._wake: Timer | None = None  # shows the next learning step when it falls due

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="review-progress")
        yield CardView(id="review-card")
        with Horizontal(id="review-bottom"):
            yield Button(t("review.show_answer", self.app.lang), id="reveal", variant="primary")
            yield RatingBar(id="rating-bar")
        yield KeyBar()

    def on_mount(self) -> None:
        services = self.app.services
        if services.cram:
            self.cram = deque(self.study.cram_queue(services.decks or None, services.tags or None, services.search))
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Key bar: `space` only while the answer is hidden; `p`/`e` dimmed for a card without a proof."""
        if action == "reveal":
            return self.card is not None and not self.revealed
        if action in ("proof", "edit_params"):
            if self.card is None:
                return False  # the "all done" screen: hidden
            return True if self.card.proof_target() is not None else None
        if action == "rate":
            return self.card is not None and self.revealed  # the palette offers no rating before the answer
        if action in ("suspend", "bury"):
            return self.card is not None  # not on the "all done" screen
        return True

    def _draw(self, remaining: int | None = None) -> None:
        self.refresh_bindings()
        if remaining is None:
            remaining = len(self._queue())
        lang = self.app.lang
        self.sub_title = t("review.cram_title" if self.cram is not None else "screen.review", lang)
        view = self.query_one(CardView)
        progress = Text()
        progress.append(t("review.done", lang, n=self.done), style="bold #6a9955")
        progress.append(" · ")
        progress.append(t("review.left", lang, n=remaining), style="bold #569cd6")
        if self.card is not None:
            deck = self.app.services.library.collection.deck(self.card.deck)
            state = self.study.card_state(self.card.uid)
            label = state_label(state, lang)
            title = deck.title.render("zh" if lang == "both" else lang) if deck else self.card.deck
            progress.append(f"   {title} · {label}", style="dim")  # one title, so "both" stays on one line
            if state is not None and state.changed:
                progress.append("  " + t("review.changed", lang), style="bold #d7ba7d")
            if state is not None and state.leech:
                progress.append("  " + t("review.leech", lang), style="bold #f44747")
        if self.last_result is not None:
            r = self.last_result
            when = (
                t("review.last_due", lang, interval=interval_text(r.interval, lang)) if r.interval
                else t("review.last_cram", lang)
            )  # fmt: skip
            last = t("review.last", lang, card=self._label(r.uid), when=when)
            box = self.query_one("#review-progress", Static)
            fits = cell_len(progress.plain) + 3 + cell_len(last) <= box.content_size.width
            progress.append("   " if fits else "\n", style="dim")  # keep "last: … → due 10m" in one piece
            progress.append(last, style="dim")
        self.query_one("#review-progress", Static).update(progress)
        bar = self.query_one(RatingBar)
        reveal = self.query_one("#reveal", Button)
        reveal.label = t("review.show_answer", lang)
        if self.card is None:
            view.show(None, lang, False)
            done = t("review.round_done" if self.cram is not None else "review.all_done", lang)
            waiting = self._next_learning() if self.cram is None else None
            if waiting is not None:  # a learning step later today: say when, and show it when it is due
                done = t("review.next_learning", lang, interval=interval_text(waiting, lang))
            view.query_one("#card-q", Static).update(Text(done + "\n\n" + t("review.done_keys", lang), style="bold"))
            bar.display = False
            reveal.display = False
            return
        view.show(self.card, lang, self.revealed)
        bar.display = self.revealed
        reveal.display = not self.revealed
        if self.revealed:
            bar.set_intervals({} if self.cram is not None else self.study.preview(self.card.uid), lang)

    def _next_learning(self) -> timedelta | None:
        """Time until the next learning step of today falls due (a timer then shows it), or None."""
        services = self.app.services
        due = self.study.next_learning_due(services.decks or None, services.tags or None)
        if due is None:
            return None
        wait = max(timedelta(seconds=1), due - self.study.now())
        if self._wake is not None:
            self._wake.stop()
        self._wake = self.set_timer(wait.total_seconds() + 1, self._woken)
        return wait

    def _woken(self) -> None:
        self._wake = None
        if self.card is None and self.is_current:
            self.next_card()

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
        self._remember(self.card.uid)
        result = self.last_result = self.study.answer(self.card.uid, rating, duration_ms=duration, mode=mode)
        if self.cram is not None:
            self._drop(self.card.uid)
            if rating == 1:  # Again: see it once more at the end of the round
                self.cram.append(self.card.uid)
        if result.leech:
            self.notify(t("review.leech_warning", self.app.lang), severity="warning")
        self.done += 1
        self.next_card()

    def on_rating_bar_rated(self, event: RatingBar.Rated) -> None:
        self.action_rate(event.rating)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "reveal":
            self.action_reveal()

    def _remember(self, uid: str) -> None:
        """Before an action on ``uid``: what undo needs to put the round back as it was."""
        self._actions.append((uid, deque(self.cram) if self.cram is not None else None))

    def action_undo(self) -> None:
        ev = self.study.undo_event()
        if ev is None:
            self.notify(t("review.nothing_to_undo", self.app.lang))
            return
        if self._actions and self._actions[-1][0] == ev.uid:
            _, before = self._actions.pop()
            if before is not None:
                self.cram = before  # the card is back where it was in the round
        if ev.kind == "answer" and ev.mode in ("review", "cram"):
            self.done = max(0, self.done - 1)  # only a rating was counted as done
        self.last_result = None
        lang = self.app.lang
        self.notify(t("review.undone", lang, card=self._label(ev.uid), what=t(f"review.undone.{ev.kind}", lang)))
        self.next_card(ev.uid)

    def action_suspend(self) -> None:
        if self.card is not None:
            self._remember(self.card.uid)
            self.study.suspend(self.card.uid)
            self._drop(self.card.uid)
            self.notify(t("review.suspended", self.app.lang, card=self._label(self.card.uid)))
            self.next_card()

    def action_bury(self) -> None:
        if self.card is not None:
            self._remember(self.card.uid)
            self.study.bury(self.card.uid)
            self._drop(self.card.uid)
            self.notify(t("review.buried", self.app.lang, card=self._label(self.card.uid)))
            self.next_card()

    def _label(self, uid: str) -> str:
        """How a card is named to the learner: the start of its question, not its id."""
        card = self.app.services.card(uid)
        return f"“{question_line(card, self.app.lang, 24)}”" if card is not None else uid

    def action_proof(self, edit: bool = False) -> None:
        target = self.card.proof_target() if self.card is not None else None
        if target is None:
            self.notify(t("common.no_proof", self.app.lang))
            return
        self.app.open_proof(*target, edit=edit)

    def action_edit_params(self) -> None:
        self.action_proof(edit=True)


def state_label(state, lang: str) -> str:  # noqa: ANN001
    """``new`` / ``learning`` / ``review`` / ``relearning`` of a card state, translated."""
    return state_text("new" if state is None or state.reps == 0 else str(state.state), lang)
