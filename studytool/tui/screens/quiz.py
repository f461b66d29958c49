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
from textual.widgets import Footer, Header, Input, Static

from studytool.decks.model import Card
from studytool.tui.latex import render_math
from studytool.tui.widgets.card_view import md

DONT_KNOW = {"?", "？", "不知道", "idk"}


@dataclass
class Asked:
    card: Card
    given: str
    status: str
    expected: str


class QuizScreen(Screen):
    """Asks ``services.quiz_questions`` auto-graded cards of the chosen decks/tags."""

    BINDINGS = [
        Binding("enter", "next", "Next", show=False),
        Binding("n", "next", "Next"),
        Binding("p", "proof", "Proof"),
        Binding("e", "edit_params", "Edit params"),
        Binding("l", "app.cycle_lang", "Lang"),
        Binding("escape", "app.pop_screen", "Back"),
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

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="quiz-progress")
        with VerticalScroll(id="quiz-body"):
            yield Static("", id="quiz-question", classes="card-q")
            yield Static("", id="quiz-feedback")
        yield Input(placeholder="your answer · enter checks · ? = I don't know", id="quiz-input")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Quiz"
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

        card = self.card
        if card is None:
            return
        progress = Text(f"question {self.index + 1} of {len(self.cards)}", style="bold")
        right = sum(1 for a in self.answered if a.status == "correct")
        progress.append(f"   score {right}/{len(self.answered)}", style="bold #6a9955")
        progress.append(f"   {card.deck} · {card.type}", style="dim")
        self.query_one("#quiz-progress", Static).update(progress)
        shown = render_math(display(card, self.lang, self.shown))
        parts: list[Any] = [md(shown.replace("\n", "  \n"))]  # keep one option per line (Markdown hard breaks)
        if self.app.lang == "both" and card.q.en != card.q.zh:
            parts.append(Text(render_math(display(card, "en", self.shown)), style="dim"))
        self.query_one("#quiz-question", Static).update(Group(*parts))

    def refresh_lang(self) -> None:
        if self.card is not None:
            self._draw_question()

    # ------------------------------------------------------------------ answering

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.feedback or self.card is None:
            self.action_next()
            return
        text = event.value.strip()
        if not text:
            self._show_invalid("Type an answer (or ? if you don't know).")
            return
        event.input.disabled = True
        self._check(self.card, text, self.shown, self.lang)

    @work(thread=True, exclusive=True, group="quiz-check")
    def _check(self, card: Card, text: str, shown: tuple[int, ...] | None, lang: str) -> None:
        from studytool.answers.check import check_answer, expected_answer
        from studytool.answers.verdict import Verdict

        try:
            if text in DONT_KNOW:
                verdict = Verdict("incorrect", expected_answer(card, lang=lang, shown_order=shown), "you did not know")
            else:
                verdict = check_answer(card, text, lang=lang, shown_order=shown, equivalence=self.app.services.equivalence())
        except Exception as exc:  # noqa: BLE001 - a broken card must not take the quiz down
            verdict = None
            self.app.call_from_thread(self._show_invalid, f"this card cannot be graded: {exc}", True)
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

    def _verdict(self, card: Card, text: str, verdict: Any) -> None:
        if verdict.status == "invalid":
            self._show_invalid(verdict.reason or "not understood — try again")
            return
        services = self.app.services
        duration = int((time.monotonic() - self.started) * 1000)
        if services.study is not None:
            from studytool.answers.session import answer_data

            rating = 3 if verdict.status == "correct" else 1
            services.study.answer(
                card.uid, rating, duration_ms=duration, mode="quiz" if services.quiz_feeds_scheduler else "cram",
                data=answer_data(text, verdict),
            )
        self.answered.append(Asked(card, text, verdict.status, verdict.expected))
        self.feedback = True
        ok = verdict.status == "correct"
        out = Text()
        out.append("✓ correct" if ok else "✗ incorrect", style="bold green" if ok else "bold red")
        out.append("   expected: ", style="bold")
        out.append(render_math(verdict.expected) + "\n")
        if verdict.reason and not ok:
            out.append(f"{verdict.reason}\n", style="dim")
        if verdict.hint:
            out.append(f"hint: {verdict.hint}\n", style="#d7ba7d")
        parts: list[Any] = [out, md(card.a.get(self.lang))]
        if self.app.lang == "both" and card.a.en != card.a.zh:
            parts.append(md(card.a.en))
        tail = "enter/n next"
        if card.proof:
            tail += f" · p run the proof ({card.proof}) · e edit its params"
        parts.append(Text(tail, style="dim"))
        self.query_one("#quiz-feedback", Static).update(Group(*parts))
        self.query_one("#quiz-input", Input).disabled = True
        self.set_focus(None)
        self._draw_question()

    # ------------------------------------------------------------------ actions

    def action_next(self) -> None:
        if not self.feedback:
            return
        self.index += 1
        self._ask()

    def action_proof(self) -> None:
        card = self.card
        if self.feedback and card is not None and card.proof:
            self.app.open_proof(card.proof, dict(card.params))

    def action_edit_params(self) -> None:
        card = self.card
        if self.feedback and card is not None and card.proof:
            self.app.open_proof(card.proof, dict(card.params), edit=True)

    def _finish(self) -> None:
        box = self.query_one("#quiz-input", Input)
        box.display = False
        self.feedback = False
        progress = self.query_one("#quiz-progress", Static)
        if self.error:
            progress.update(Text(self.error, style="bold #f44747"))
            self.query_one("#quiz-question", Static).update("escape: back")
            return
        right = sum(1 for a in self.answered if a.status == "correct")
        total = len(self.answered)
        pct = f" ({right * 100 // total}%)" if total else ""
        progress.update(Text(f"Quiz finished: {right} of {total} correct{pct}", style="bold"))
        table = Table(expand=True, header_style="bold")
        table.add_column("", width=1)
        table.add_column("card")
        table.add_column("your answer")
        table.add_column("expected")
        for a in self.answered:
            ok = a.status == "correct"
            table.add_row(Text("✓" if ok else "✗", style="green" if ok else "red"), a.card.uid, a.given, render_math(a.expected))
        self.query_one("#quiz-question", Static).update(table)
        note = "Answers were logged to the scheduler (correct = Good, wrong = Again)." if self.app.services.quiz_feeds_scheduler else "Answers were logged without changing the schedule."
        self.query_one("#quiz-feedback", Static).update(Text(note + "\nescape: back", style="dim"))
