"""Quiz: N auto-graded questions, checked by meaning, with immediate feedback and a final score."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from studytool.decks.model import Card
from studytool.i18n import t, type_text
from studytool.latex import render_math
from studytool.reasons import reason_text
from studytool.tui.typed import study_app
from studytool.tui.widgets.card_view import md, question_line
from studytool.tui.widgets.keybar import KeyBar
from studytool.tui.widgets.title_bar import TitleBar


@dataclass
class Asked:
    card: Card
    given: str
    status: str
    expected: str
    shown: tuple[int, ...] | None = None  # the option order it was asked in (to redo ``expected`` in any language)
    scheduled: bool = True  # the answer fed the scheduler (False: practice, logged as cram)


class QuizScreen(Screen):
    """Asks ``services.quiz_questions`` auto-graded cards of the chosen decks/tags."""

    app = study_app()

    DEFAULT_CSS = """
    #quiz-progress { height: auto; padding: 0 2; background: $surface; }
    #quiz-body { height: 1fr; padding: 0 2; }
    #quiz-input { margin: 0 1; }
    """

    BINDINGS = [
        Binding("enter", "next", "Next", show=False),
        Binding("n", "next", "Next"),
        Binding("p", "proof", "Proof"),
        Binding("e", "edit_params", "Edit params"),
        Binding("ctrl+t", "toggle_practice", "Practice on/off"),
        Binding("r", "retry", "Retry missed"),
        Binding("l", "app.cycle_lang", "Lang"),
        Binding("escape", "back", "Back"),
        # the answer box keeps the focus: these scroll a long explanation on a short terminal
        Binding("pageup", "scroll_body(-1)", "Scroll up", show=False),
        Binding("pagedown", "scroll_body(1)", "Scroll down", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[Card] = []
        self.index = 0
        self.shown: tuple[int, ...] | None = None
        self.answered: list[Asked] = []
        self.feedback = False
        self.started = 0.0
        self.error: str | None = None
        self._last: tuple[Card, str, Any] | None = None  # the answer whose feedback is shown
        self.retry_round = 0  # > 0: asking again the ones missed (practice; the schedule is left alone)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="quiz-progress")
        with VerticalScroll(id="quiz-body"):
            yield Static("", id="quiz-question", classes="card-q")
            yield Static("", id="quiz-feedback")
        yield Input(placeholder=t("quiz.placeholder", self.app.lang), id="quiz-input")
        yield KeyBar()

    def action_scroll_body(self, direction: int) -> None:
        body = self.query_one("#quiz-body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def on_mount(self) -> None:
        self.sub_title = t("screen.quiz", self.app.lang)
        from studytool.answers.session import QuizOptions, select_cards
        from studytool.errors import StudytoolError

        services = self.app.services
        options = QuizOptions(
            decks=services.decks or None, tags=services.tags or None, cards=services.cards or None,
            limit=services.quiz_questions, seed=services.seed,
        )  # fmt: skip
        try:
            self.cards = select_cards(services.library.collection, options)
        except StudytoolError as exc:
            self.error = str(exc)
        self._ask()

    @property
    def lang(self) -> str:
        return "en" if self.app.lang == "en" else "zh"

    @property
    def card(self) -> Card | None:
        return self.cards[self.index] if self.index < len(self.cards) else None

    # ------------------------------------------------------------------ drawing

    def _ask(self) -> None:
        from studytool.answers.check import new_showing

        self.feedback = False
        card = self.card
        box = self.query_one("#quiz-input", Input)
        if card is None:
            self._finish()
            return
        seed = None if self.app.services.seed is None else f"{self.app.services.seed}:{self.index}"
        self.shown = new_showing(card, seed)
        box.value = ""
        box.disabled = False
        box.focus()
        self.started = time.monotonic()
        self.query_one("#quiz-feedback", Static).update("")
        self._draw_question()

    def _draw_question(self) -> None:
        from studytool.answers.check import display

        self.refresh_bindings()  # n/p/e follow whether feedback is shown
        card = self.card
        if card is None:
            return
        lang = self.app.lang
        progress = Text(t("common.question_of", lang, i=self.index + 1, n=len(self.cards)), style="bold")
        right = sum(1 for a in self.answered if a.status == "correct")
        progress.append("   " + t("quiz.score", lang, right=right, total=len(self.answered)), style="bold #6a9955")
        deck = self.app.services.library.collection.deck(card.deck)
        title = deck.title.render("zh" if lang == "both" else lang) if deck else card.deck
        progress.append(f"   {title} · {type_text(card.type, lang)}", style="dim")
        scheduled = self._counts()  # said before the first answer, not after the last
        mode = "quiz.mode.retry" if self.retry_round else "quiz.mode.scheduled" if scheduled else "quiz.mode.practice"
        progress.append("\n" + t(mode, lang, n=self.retry_round), style="#d7ba7d" if scheduled else "#6a9955")
        self.query_one("#quiz-progress", Static).update(progress)
        shown = render_math(display(card, self.lang, self.shown))
        parts: list[Any] = [md(shown.replace("\n", "  \n"))]  # keep one option per line (Markdown hard breaks)
        if self.app.lang == "both" and card.q.en != card.q.zh:
            parts.append(Text(render_math(display(card, "en", self.shown)), style="dim"))
        self.query_one("#quiz-question", Static).update(Group(*parts))

    def refresh_lang(self) -> None:
        lang = self.app.lang
        self.sub_title = t("screen.quiz", lang)
        self.query_one("#quiz-input", Input).placeholder = t("quiz.placeholder", lang)
        if self.card is not None:
            self._draw_question()
            if self.feedback and self._last is not None:
                self._verdict(*self._last, log=False)
        else:
            self._finish()

    # ------------------------------------------------------------------ answering

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.feedback or self.card is None:
            self.action_next()
            return
        text = event.value.strip()
        if not text:
            self._show_invalid(t("quiz.empty", self.app.lang))
            return
        event.input.disabled = True
        self._check(self.card, text, self.shown, self.lang)

    @work(thread=True, exclusive=True, group="quiz-check")
    def _check(self, card: Card, text: str, shown: tuple[int, ...] | None, lang: str) -> None:
        from studytool.answers.check import DONT_KNOW, check_answer, dont_know

        try:
            if text in DONT_KNOW:
                verdict = dont_know(card, lang=lang, shown_order=shown, reason=t("quiz.dont_know", self.app.lang))
            else:
                verdict = check_answer(card, text, lang=lang, shown_order=shown, equivalence=self.app.services.equivalence())
        except Exception as exc:  # noqa: BLE001 - a broken card must not take the quiz down
            verdict = None
            self.app.call_from_thread(self._show_invalid, t("quiz.ungradable", self.app.lang, error=exc), True)
            return
        self.app.call_from_thread(self._verdict, card, text, verdict)

    def _show_invalid(self, message: str, skip: bool = False) -> None:
        box = self.query_one("#quiz-input", Input)
        self.query_one("#quiz-feedback", Static).update(Text(f"? {message}", style="bold #d7ba7d"))
        if skip:
            self.feedback = True
            box.disabled = True
            self.focus_next()
        else:
            box.disabled = False
            box.focus()

    def _verdict(self, card: Card, text: str, verdict: Any, log: bool = True) -> None:
        """Show the verdict on ``text``; ``log`` stores the answer (False: redraw after ``l``)."""
        lang = self.app.lang
        if verdict.status == "invalid":
            self._show_invalid(reason_text(verdict.reason, lang) or t("quiz.not_understood", lang))
            return
        services = self.app.services
        duration = int((time.monotonic() - self.started) * 1000)
        if log and services.study is not None:
            from studytool.answers.session import RATING, answer_data

            services.study.answer(
                card.uid, RATING[verdict.status], duration_ms=duration, mode="quiz" if self._counts() else "cram",
                data=answer_data(text, verdict),
            )
        if log:
            self.answered.append(Asked(card, text, verdict.status, verdict.expected, verdict.shown_order or self.shown,
                                       scheduled=services.study is not None and self._counts()))
            self._last = (card, text, verdict)
        self.feedback = True
        ok = verdict.status == "correct"
        out = Text()
        out.append(t("quiz.correct" if ok else "quiz.incorrect", lang), style="bold green" if ok else "bold red")
        # redrawn after a language change: the expected answer in the new language
        expected = verdict.expected if log else self._expected_now(card, verdict.shown_order or self.shown, verdict.expected)
        out.append(t("quiz.expected", lang), style="bold")
        out.append(render_math(expected) + "\n")
        if verdict.reason and not ok:
            out.append(f"{reason_text(verdict.reason, lang)}\n", style="dim")
        if verdict.hint:
            from studytool.answers.check import is_card_tip

            key = "quiz.tip" if is_card_tip(card, verdict.hint) else "quiz.hint"
            out.append(t(key, lang, hint=reason_text(verdict.hint, lang)) + "\n", style="#d7ba7d")
        parts: list[Any] = [out, md(card.a.get(self.lang))]
        if self.app.lang == "both" and card.a.en != card.a.zh:
            parts.append(md(card.a.en))
        tail = t("quiz.next", lang)
        if (target := card.proof_target()) is not None:
            tail += t("quiz.proof_keys", lang, proof=target[0])
        parts.append(Text(tail, style="dim"))
        self.query_one("#quiz-feedback", Static).update(Group(*parts))
        self.query_one("#quiz-input", Input).disabled = True
        self.set_focus(None)
        self._draw_question()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Key bar: n/p/e only while an answer's feedback is shown (not on the score screen)."""
        if action == "next":
            return self.feedback
        if action == "toggle_practice":
            return self.card is not None and not self.error and not self.retry_round
        if action == "retry":
            return self.card is None and bool(self._missed())
        if action in ("proof", "edit_params"):
            return self.feedback and self.card is not None and self.card.proof_target() is not None
        return True

    def action_toggle_practice(self) -> None:
        """Practice only (answers logged as ``cram``, no schedule change) ↔ answers feed the schedule."""
        services = self.app.services
        services.quiz_feeds_scheduler = not services.quiz_feeds_scheduler
        if self.card is not None:
            self._draw_question()

    def _counts(self) -> bool:
        """Whether the next answer goes to the scheduler (never in a retry round: the first answer
        already did, and a right answer seconds after seeing the solution is not recall)."""
        return self.app.services.quiz_feeds_scheduler and not self.retry_round

    def _missed(self) -> list[Card]:
        """The cards of this round not answered correctly, once each, in the order asked."""
        missed = {a.card.uid: a.card for a in self.answered if a.status != "correct"}
        return list(missed.values())

    def action_retry(self) -> None:
        """Ask again the questions just missed (answers logged as practice)."""
        missed = self._missed()
        if self.card is not None or not missed:
            return
        self.cards, self.index, self.answered, self._last = missed, 0, [], None
        self.retry_round += 1
        self.query_one("#quiz-input", Input).display = True
        self._ask()

    def action_next(self) -> None:
        if not self.feedback:
            return
        self.index += 1
        self._last = None
        self._ask()

    def _expected_now(self, card: Card, shown: tuple[int, ...] | None, shown_then: str) -> str:
        """The expected answer in today's language (a broken card keeps what was shown at the time)."""
        from studytool.answers.check import expected_answer

        try:
            return expected_answer(card, lang=self.lang, shown_order=shown)
        except Exception:  # noqa: BLE001 - a broken spec: `studytool check` reports it
            return shown_then

    def action_back(self) -> None:
        """Leaving mid-quiz shows the summary of the questions answered so far first (the answers are
        saved as they are given); ``esc`` again leaves."""
        if self.card is not None and self.answered and not self.error:
            self.cards = self.cards[: self.index + (1 if self.feedback else 0)]
            self.index, self._last = len(self.cards), None
            self._ask()  # no card left: the summary
            return
        self.app.pop_screen()

    def action_proof(self, edit: bool = False) -> None:
        target = self.card.proof_target() if self.feedback and self.card is not None else None
        if target is not None:
            self.app.open_proof(*target, edit=edit)

    def action_edit_params(self) -> None:
        self.action_proof(edit=True)

    def _finish(self) -> None:
        box = self.query_one("#quiz-input", Input)
        box.display = False
        self.feedback = False
        self.refresh_bindings()
        progress = self.query_one("#quiz-progress", Static)
        lang = self.app.lang
        if self.error:
            progress.update(Text(self.error, style="bold #f44747"))
            self.query_one("#quiz-question", Static).update(t("common.back", lang))
            return
        right = sum(1 for a in self.answered if a.status == "correct")
        total = len(self.answered)
        pct = f" ({round(right * 100 / total)}%)" if total else ""
        progress.update(Text(t("quiz.finished", lang, right=right, total=total, pct=pct), style="bold"))
        from studytool.answers.check import DONT_KNOW

        table = Table(expand=True, header_style="bold")
        table.add_column("", width=1)
        table.add_column(t("quiz.col.card", lang), ratio=3, no_wrap=True, overflow="ellipsis")
        table.add_column(t("quiz.col.given", lang), ratio=1, overflow="fold")  # answers wrap, never cut with "…"
        table.add_column(t("quiz.col.expected", lang), ratio=2, overflow="fold")
        for a in self.answered:
            ok = a.status == "correct"
            question = question_line(a.card, self.lang)  # one line; the column cuts it
            expected = self._expected_now(a.card, a.shown, a.expected)
            given = t("quiz.given_dont_know", lang) if a.given.strip() in DONT_KNOW else a.given
            table.add_row(Text("✓" if ok else "✗", style="green" if ok else "red"), question, given, render_math(expected))
        self.query_one("#quiz-question", Static).update(table)
        scheduled = sum(1 for a in self.answered if a.scheduled)
        note = t("quiz.logged" if scheduled == total else "quiz.logged_no_schedule" if not scheduled else "quiz.logged_some",
                 lang, n=scheduled, total=total)  # fmt: skip
        feedback = Text(note + "\n", style="dim")
        if missed := self._missed():
            feedback.append(t("quiz.retry_hint", lang, n=len(missed)) + "\n", style="bold #d7ba7d")
        feedback.append(t("common.back", lang), style="dim")
        self.query_one("#quiz-feedback", Static).update(feedback)
