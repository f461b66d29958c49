"""Interview: a timed mock interview; tick the key points you covered; a report at the end."""

from __future__ import annotations

import time
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, SelectionList, Static, TextArea

from studytool.answers.check import review_question
from studytool.decks.model import Card
from studytool.i18n import t
from studytool.latex import render_math
from studytool.srs.interview import WEAK, build_report, pick_questions, rating_for
from studytool.tui.typed import study_app
from studytool.tui.widgets.card_view import bilingual, erratum_renderable, question_line
from studytool.tui.widgets.keybar import KeyBar
from studytool.tui.widgets.title_bar import TitleBar


class InterviewScreen(Screen):
    """N questions (default 8) with a countdown each (default 2 min)."""

    app = study_app()

    DEFAULT_CSS = """
    #interview-top { height: 1; background: $surface; padding: 0 2; }
    #interview-progress { width: 1fr; }
    #countdown { width: auto; }
    #interview-body { height: 1fr; padding: 0 2; }
    #interview-notes { height: 6; min-height: 4; border: round $secondary 50%; }
    #interview-points { height: auto; max-height: 12; }
    #interview-buttons { height: 3; align: center middle; }
    #interview-buttons Button { margin: 0 1; }
    """

    BINDINGS = [
        Binding("ctrl+r", "reveal", "Reveal answer", key_display="^r", priority=True),
        Binding("ctrl+n", "next", "Next question", key_display="^n", priority=True),
        Binding("ctrl+o", "proof", "Run proof", key_display="^o", priority=True),
        Binding("ctrl+l", "app.cycle_lang", "Lang", key_display="^l"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[Card] = []
        self.index = 0
        self.revealed = False
        self.started = 0.0
        self.results: list[dict[str, Any]] = []
        self.report: dict[str, Any] | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="interview-top"):
            yield Static("", id="interview-progress")
            yield Static("", id="countdown")
        with VerticalScroll(id="interview-body"):
            yield Static("", id="interview-question", classes="card-q")
            yield TextArea(id="interview-notes", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="interview-answer", classes="card-a")
            yield SelectionList[int](id="interview-points")
            yield Static("", id="interview-report")
        with Horizontal(id="interview-buttons"):
            yield Button(t("interview.reveal", self.app.lang), id="iv-reveal", variant="primary")
            yield Button(t("interview.next", self.app.lang), id="iv-next")
        yield KeyBar()

    def on_mount(self) -> None:
        services = self.app.services
        weak = services.study.weak_topics(8) if services.study is not None else []
        self.cards = pick_questions(services.selected_cards(), weak, services.interview_questions, services.seed)
        self._chrome()
        if services.animate:
            self._timer = self.set_interval(1.0, self._tick)
        self._ask()

    @property
    def card(self) -> Card | None:
        return self.cards[self.index] if self.index < len(self.cards) else None

    # ------------------------------------------------------------------ drawing

    def _ask(self) -> None:
        card = self.card
        if card is None:
            self._finish()
            return
        self.revealed = False
        self.started = time.monotonic()
        notes = self.query_one("#interview-notes", TextArea)
        notes.text = ""
        notes.focus()
        self.query_one("#interview-answer", Static).display = False
        self.query_one("#interview-points", SelectionList).display = False
        self.query_one("#iv-reveal", Button).display = True
        self._draw()
        self.refresh_bindings()
        self._tick()

    def _chrome(self) -> None:
        """Title, notes box and buttons in the app's language."""
        lang = self.app.lang
        self.sub_title = t("screen.interview", lang)
        self.query_one("#interview-notes", TextArea).border_title = t("interview.notes", lang)
        self.query_one("#iv-reveal", Button).label = t("interview.reveal", lang)
        self.query_one("#iv-next", Button).label = t("interview.next", lang)

    def _draw(self) -> None:
        card = self.card
        if card is None:
            return
        lang = self.app.lang
        progress = Text(t("common.question_of", lang, i=self.index + 1, n=len(self.cards)), style="bold")
        deck = self.app.services.library.collection.deck(card.deck)
        progress.append(f"   {deck.title.render(lang if lang != 'both' else 'zh') if deck else card.deck}", style="dim")
        progress.append("   " + t("interview.mode", lang), style="#d7ba7d")
        self.query_one("#interview-progress", Static).update(progress)
        self.query_one("#interview-question", Static).update(bilingual(review_question(card, self.revealed), lang))
        if self.revealed:
            parts: list[Any] = []
            banner = erratum_renderable(card, lang)
            if banner is not None:
                parts.append(banner)
            parts.append(bilingual(card.a, lang))
            parts.append(Text(t("interview.tick", lang), style="bold"))
            self.query_one("#interview-answer", Static).update(Group(*parts))
            points = self.query_one("#interview-points", SelectionList)
            selected = set(points.selected)
            points.clear_options()
            labels = self._point_labels(card)
            points.add_options([(render_math(label), i, i in selected) for i, label in enumerate(labels)])

    def _point_labels(self, card: Card) -> list[str]:
        lang = self.app.lang
        if not len(card.points):
            return [t("interview.model_answer", lang)]
        return [p.get(lang) if lang != "both" else p.both(" / ") for p in card.points.pairs()]

    def _tick(self) -> None:
        widget = self.query_one("#countdown", Static)
        if self.card is None:
            widget.update("")
            return
        if self.revealed:  # the answer is out: the clock stops where it was
            return
        limit = self.app.services.interview_seconds
        left = limit - int(time.monotonic() - self.started) if self.app.services.animate else limit
        if left <= 0:
            widget.update(Text(t("interview.times_up", self.app.lang), style="bold #f44747"))
            return
        style = "bold #f44747" if left <= 15 else "bold #d7ba7d" if left <= 45 else "bold #6a9955"
        widget.update(Text(f"⏱ {left // 60}:{left % 60:02d}", style=style))

    def refresh_lang(self) -> None:
        self._chrome()
        if self.report is not None:
            self._show_report()
        else:
            self._draw()

    # ------------------------------------------------------------------ actions

    def action_reveal(self) -> None:
        if self.card is None or self.revealed:
            return
        self.revealed = True
        self.query_one("#interview-answer", Static).display = True
        points = self.query_one("#interview-points", SelectionList)
        points.display = True
        points.clear_options()
        self.query_one("#iv-reveal", Button).display = False
        self._draw()
        if points.option_count:
            points.highlighted = 0  # space ticks the first point at once (no arrow key needed first)
        points.focus(scroll_visible=False)
        self.call_after_refresh(points.scroll_visible, animate=False)  # once laid out: space ticks what is seen
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Key bar: ^r only while the answer is hidden, the proof only after it (its title would give
        the answer away); nothing but back once the report is shown."""
        if action == "reveal":
            return self.card is not None and not self.revealed
        if action == "proof":
            return self.card is not None and self.revealed
        if action == "next":
            return self.card is not None
        return True

    def action_next(self) -> None:
        card = self.card
        if card is None:
            return
        if not self.revealed:
            self.action_reveal()
            return
        points = self.query_one("#interview-points", SelectionList)
        labels = self._point_labels(card)
        ticked = set(points.selected)
        score = len(ticked) / len(labels) if labels else 0.0
        self.results.append(
            {
                "uid": card.uid,
                "deck": card.deck,
                "score": round(score, 3),
                "covered": [labels[i] for i in sorted(ticked)],
                "missed": [label for i, label in enumerate(labels) if i not in ticked],
                "seconds": round(time.monotonic() - self.started, 1),
                "notes": self.query_one("#interview-notes", TextArea).text,
            }
        )
        study = self.app.services.study
        if study is not None:
            study.answer(
                card.uid, rating_for(score), duration_ms=int((time.monotonic() - self.started) * 1000),
                mode="interview", data={"score": round(score, 3), "covered": sorted(ticked)},
            )
        self.index += 1
        self._ask()

    def action_proof(self) -> None:
        card = self.card
        if card is None:
            return
        target = card.proof_target()
        if target is not None:
            self.app.open_proof(*target)
        else:
            self.notify(t("common.no_proof", self.app.lang))

    def action_back(self) -> None:
        """Leave — but an interview cut short first shows (and saves) the report of what was
        answered: its answers are already in the schedule, so the report must not be lost."""
        if self.report is None and self.results:
            self.cards = self.cards[: self.index]
            self._finish()
            return
        self.app.pop_screen()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "iv-reveal":
            self.action_reveal()
        elif event.button.id == "iv-next":
            self.action_next()

    def _finish(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.report = build_report(self.results)
        self.report["lang"] = self.app.lang
        study = self.app.services.study
        if study is not None and self.results:
            study.save_interview(self.report)
        for selector in ("#interview-notes", "#interview-answer", "#interview-points", "#interview-buttons"):
            self.query_one(selector).display = False
        self.query_one("#countdown", Static).update("")
        self._show_report()
        body = self.query_one("#interview-body", VerticalScroll)
        body.focus(scroll_visible=False)  # the notes box that had focus is gone: keys scroll the report
        body.scroll_home(animate=False)
        self.call_after_refresh(body.scroll_home, animate=False)  # from the top: the overall score first
        self.refresh_bindings()

    def _questions_table(self, questions: list[dict[str, Any]], lang: str) -> Table:
        """One row per question: the question, its score, the time taken and the key points missed."""
        collection = self.app.services.library.collection
        table = Table(title=t("interview.by_question", lang), title_justify="left", expand=True, header_style="bold")
        table.add_column("#", justify="right", width=2)
        table.add_column(t("interview.col.question", lang), ratio=3, no_wrap=True, overflow="ellipsis")
        table.add_column(t("interview.col.score", lang), justify="right", width=5)
        table.add_column(t("interview.col.time", lang), justify="right", width=5)
        table.add_column(t("interview.col.missed", lang), ratio=2, overflow="fold")  # wrapped, never cut with "…"
        for i, q in enumerate(questions, 1):
            card = collection.card(q["uid"])
            seconds = int(q.get("seconds") or 0)
            missed = "\n".join(f"· {render_math(m)}" for m in q.get("missed", [])) or "—"
            table.add_row(
                str(i), question_line(card, lang) if card else q["uid"],
                Text(f"{q['score'] * 100:.0f}%", style="red" if q["score"] < WEAK else "green"),
                f"{seconds // 60}:{seconds % 60:02d}", Text(missed, style="dim"),
            )
        return table

    def _show_report(self) -> None:
        report = self.report or {}
        lang = self.app.lang
        collection = self.app.services.library.collection
        self.query_one("#interview-progress", Static).update(Text(t("interview.report", lang), style="bold"))
        if not report.get("questions"):
            self.query_one("#interview-question", Static).update(t("interview.no_questions", lang))
            return
        overall = t("interview.overall", lang, pct=f"{report['score'] * 100:.0f}")
        out: list[Any] = [Text(overall + "\n", style="bold")]
        table = Table(title=t("interview.by_topic", lang), title_justify="left", expand=True, header_style="bold")
        table.add_column(t("interview.col.topic", lang))
        table.add_column(t("interview.col.score", lang), justify="right")

        def name(topic: str) -> str:
            deck = collection.deck(topic)
            return deck.title.render(lang if lang != "both" else "zh") if deck else topic

        for topic, score in sorted(report["by_topic"].items(), key=lambda kv: kv[1]):
            table.add_row(name(topic), Text(f"{score * 100:.0f}%", style="red" if score < WEAK else "green"))
        out.append(table)
        out.append(Text(""))
        out.append(self._questions_table(report["questions"], lang))
        weakest = sorted(report["weakest"], key=lambda w: (report["by_topic"].get(w, 0), w))  # as in the table
        sep = ", " if lang == "en" else "、"
        out.append(Text("\n" + t("interview.weakest", lang, topics=sep.join(name(w) for w in weakest)), style="bold #f0a35e"))
        if report["suggested"]:
            out.append(Text("\n" + t("interview.suggested", lang), style="bold"))
            grid = Table.grid(padding=(0, 1))  # a wrapped suggestion stays indented under its bullet
            grid.add_column(width=3, justify="right")
            grid.add_column(ratio=1)
            for uid in report["suggested"]:
                card = collection.card(uid)
                line = Text(f"{question_line(card, lang, 70, at_word=True) if card else ''}  ")
                line.append(f"({uid})", style="dim")
                grid.add_row("•", line)
            out.append(grid)
        out.append(Text("\n" + t("interview.saved", lang), style="dim"))
        self.query_one("#interview-question", Static).update(Group(*out))

