"""``?``: every key of every screen, read from the screens' own bindings."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from studytool.i18n import binding_text, t
from studytool.tui.typed import study_app


def key_sections(lang: str = "en") -> list[tuple[str, list[tuple[str, str]]]]:
    """(screen title, [(key, what it does)]) for the app and each screen, from their BINDINGS,
    in the chrome language of ``lang``."""
    from studytool.tui.app import StudyApp
    from studytool.tui.screens.browse import BrowseScreen
    from studytool.tui.screens.home import HomeScreen
    from studytool.tui.screens.interview import InterviewScreen
    from studytool.tui.screens.proof import ParamsScreen, ProofScreen
    from studytool.tui.screens.quiz import QuizScreen
    from studytool.tui.screens.review import ReviewScreen
    from studytool.tui.screens.stats import StatsScreen
    from studytool.tui.widgets.deck_tree import DeckTree

    sections = []
    for key, cls in (
        ("everywhere", StudyApp),
        ("home", HomeScreen),
        ("review", ReviewScreen),
        ("proof", ProofScreen),
        ("params", ParamsScreen),
        ("quiz", QuizScreen),
        ("interview", InterviewScreen),
        ("browse", BrowseScreen),
        ("stats", StatsScreen),
        ("help", HelpScreen),
    ):
        rows = []
        extra = DeckTree.BINDINGS if cls is HomeScreen else []  # the deck tree's own keys
        for b in [*cls.BINDINGS, *extra]:
            if isinstance(b, Binding) and b.description:  # undescribed: plain list movement
                rows.append((b.key_display or _pretty(b.key), binding_text(b.description, lang) or b.action))
        if cls is StudyApp:  # Textual's own key, not in our BINDINGS
            rows.append((_pretty(StudyApp.COMMAND_PALETTE_BINDING), binding_text("Open the command palette", lang)))
        sections.append((t(f"screen.{key}", lang), rows))
    return sections


def _pretty(key: str) -> str:
    return {"space": "space", "escape": "esc", "question_mark": "?", "enter": "enter"}.get(key, key.replace("ctrl+", "^"))


class HelpScreen(ModalScreen[None]):
    app = study_app()

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-dialog { width: 90%; max-width: 100; height: 90%; background: $surface; border: thick $primary; padding: 0 2; }
    """

    BINDINGS = [Binding("escape", "app.pop_screen", "Close"), Binding("q", "app.pop_screen", "Close", show=False)]

    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.current = current  # the screen help was asked on: its keys come first

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        table = Table(box=None, show_header=False, expand=True, pad_edge=False)
        table.add_column("key", style="bold #4ec9b0", width=12, no_wrap=True)
        table.add_column("action", ratio=1)
        sections = key_sections(lang)
        if self.current is not None:
            first = t(f"screen.{self.current}", lang)
            sections.sort(key=lambda section: section[0] != first)  # stable: the rest keep their order
        for title, rows in sections:
            table.add_row(f"[bold #f0a35e]{title}[/]", "")
            for key, desc in rows:
                table.add_row(key, desc)
            table.add_row("", "")
        with VerticalScroll(id="help-dialog"):
            yield Static(t("help.title", lang), classes="section")
            yield Static(table)
