"""Home: the deck tree with new / learning / due counts, today's progress, actions, problems."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from studytool.i18n import t
from studytool.tui.typed import study_app
from studytool.tui.widgets.action_menu import ActionMenu
from studytool.tui.widgets.deck_tree import STYLES, DeckTree, header
from studytool.tui.widgets.keybar import KeyBar
from studytool.tui.widgets.title_bar import TitleBar

NARROW = 78  #: below this width the side panel (today, actions) is hidden: every action has its key
ACTIONS = (("review", "r"), ("quiz", "q"), ("interview", "i"), ("browse", "b"), ("stats", "t"))


class HomeScreen(Screen):
    """The start screen."""

    app = study_app()

    AUTO_FOCUS = "#deck-tree"  # focused as the screen starts, so the tree is not re-rendered for it

    BINDINGS = [
        Binding("r", "start('review')", "Review"),
        Binding("q", "start('quiz')", "Quiz"),
        Binding("i", "start('interview')", "Interview"),
        Binding("b", "start('browse')", "Browse"),
        Binding("t", "start('stats')", "Stats"),
        Binding("l", "app.cycle_lang", "Lang"),
    ]  # no escape: everywhere else it means "back", so it must not quit from home (^q quits)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="home"):
            with Vertical(id="home-left"):
                yield Static("", id="tree-head")
                yield DeckTree(id="deck-tree")
            with VerticalScroll(id="home-side", can_focus=False):  # tab goes tree → actions
                yield Static("", id="today")
                yield ActionMenu(self._actions(), id="actions")
                if self.app.services.library.problems:  # most starts have none: one widget fewer
                    yield Static("", id="problems")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_data()
        self._just_mounted = True

    def on_resize(self, event: events.Resize) -> None:
        # under 78 columns the deck tree (≥ 44) and the side panel (34) do not both fit: keep the tree
        self.set_class(event.size.width < NARROW, "-narrow")

    def on_screen_resume(self) -> None:
        if getattr(self, "_just_mounted", False):  # the first resume follows on_mount at once
            self._just_mounted = False
            return
        self.refresh_data()

    def refresh_lang(self) -> None:
        self.refresh_data()

    def _actions(self) -> list[tuple[str, str]]:
        return [(name, f"{key}  {t(f'screen.{name}', self.app.lang)}") for name, key in ACTIONS]

    def refresh_data(self) -> None:
        services = self.app.services
        lang = self.app.lang
        self.sub_title = t("screen.home", lang)
        self.query_one("#home-left").border_title = t("home.decks", lang)
        self.query_one(ActionMenu).set_items(self._actions())
        decks = services.library.collection.decks
        counts = services.study.counts() if services.study is not None else {}
        tree = self.query_one(DeckTree)
        tree.show(decks, counts, lang)
        self.query_one("#tree-head", Static).update(header(lang, tree.name_width))
        self.query_one("#today", Static).update(self._today(counts))
        if services.library.problems:
            self.query_one("#problems", Static).update(self._problems())

    def _today(self, counts: dict[str, dict[str, int]]) -> Text:
        study = self.app.services.study
        lang = self.app.lang
        out = Text(t("home.today", lang) + "\n", style="bold")
        if study is None:
            out.append(t("common.no_db", lang), style="dim")
            return out
        done = study.done_today()
        started = sum(d.get("new", 0) for d in done.values())
        out.append(t("home.reviewed", lang, reviews=study.answers_today(), started=started) + "\n")
        # what is left, with the deck tree's own words and colours (learn · due · new)
        for key in ("learning", "due", "new"):
            n = sum(c.get(key, 0) for c in counts.values())
            out.append(t(f"home.left.{key}", lang, n=n), style=STYLES[key])
            out.append(" · " if key != "new" else "\n")
        out.append(t("home.streak", lang, n=self._streak()), style="bold #f0a35e")
        return out

    def _streak(self) -> int:
        try:
            from studytool.srs.stats import streak_days

            return streak_days(self.app.services.study)  # index seeks, not a scan of the whole log
        except Exception:  # noqa: BLE001 - the streak is a nicety; never block the home screen
            return 0

    def _problems(self) -> Text:
        problems = self.app.services.library.problems
        lang = self.app.lang
        out = Text(t("home.problems", lang, n=len(problems)) + "\n", style="bold #f44747")
        for problem in problems[:20]:
            out.append(f"{problem}\n", style="#f44747")
        if len(problems) > 20:
            out.append(t("home.problems_more", lang, n=len(problems) - 20) + "\n", style="dim")
        return out

    # ------------------------------------------------------------------ actions

    def _selection(self) -> dict[str, list[str]]:
        node = self.query_one(DeckTree).cursor_node
        data = node.data if node is not None else ""
        if data and data.startswith("deck:"):
            return {"decks": [data[5:]]}
        if data and data.startswith("part:"):
            part = data[5:]
            return {"decks": [d.id for d in self.app.services.library.collection.decks if d.part == part]}
        return {}

    def action_start(self, name: str) -> None:
        self.app.services.decks = self._selection().get("decks", list(self.app.cli_decks))
        self.app.open_screen(name)

    def on_action_menu_selected(self, event: ActionMenu.Selected) -> None:
        self.action_start(event.action)

    def on_deck_tree_name_width_changed(self, event: DeckTree.NameWidthChanged) -> None:
        self.query_one("#tree-head", Static).update(header(self.app.lang, event.name_width))

    def on_deck_tree_node_selected(self, event: DeckTree.NodeSelected) -> None:
        if event.node.data and event.node.data.startswith("deck:"):
            self.action_start("review")
