"""Browse: search every card, a table of results, a preview with the card's proof."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from studytool.decks.model import Card
from studytool.i18n import state_text, t, type_text
from studytool.srs.queue import is_buried
from studytool.srs.search import QueryError, deck_search_data, search, unknown_decks
from studytool.tui.typed import study_app
from studytool.tui.widgets.card_view import CardView, question_line
from studytool.tui.widgets.keybar import KeyBar
from studytool.tui.widgets.title_bar import TitleBar


class BrowseScreen(Screen):
    app = study_app()

    DEFAULT_CSS = """
    #browse-search { margin: 0 1; }
    #browse-count { padding: 0 2; height: auto; max-height: 3; }
    #browse-main { height: 1fr; }
    #browse-table { height: 1fr; min-height: 5; }
    #browse-preview { height: 1fr; border-top: solid $primary 50%; }
    """

    BINDINGS = [
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("p", "proof", "Proof"),
        Binding("e", "edit_params", "Edit params"),
        Binding("s", "toggle_suspend", "(Un)suspend"),
        Binding("l", "app.cycle_lang", "Lang"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, query: str | None = None) -> None:
        super().__init__()
        self.initial = query
        self.results: list[Card] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(placeholder=t("browse.placeholder", self.app.lang), id="browse-search")
        yield Static("", id="browse-count")
        with Vertical(id="browse-main"):
            yield DataTable(id="browse-table", cursor_type="row", zebra_stripes=True)
            yield CardView(id="browse-preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self._chrome()
        services = self.app.services
        if self.initial is None:
            terms = [f"deck:{self._deck_term(services.decks)}"] if services.decks else []
            terms += [f"tag:{t}" for t in services.tags[:1]]
            self.initial = " ".join(terms)
        box = self.query_one("#browse-search", Input)
        box.value = self.initial
        self.run_search(self.initial)
        box.focus()

    def _chrome(self) -> None:
        """Title, placeholder and column titles in the app's language."""
        lang = self.app.lang
        self.sub_title = t("screen.browse", lang)
        self.query_one("#browse-search", Input).placeholder = t("browse.placeholder", lang)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column(t("browse.col.card", lang), width=26, key="card")
        table.add_column(t("browse.col.type", lang), width=10, key="type")
        table.add_column(t("browse.col.state", lang), width=9, key="state")
        table.add_column(t("browse.col.question", lang), width=max(20, self.app.size.width - 56), key="question")

    def on_resize(self, event: events.Resize) -> None:
        """The question column takes what the other columns leave (set when the table was built)."""
        column = self.query_one(DataTable).columns.get("question")  # type: ignore[call-overload]
        width = max(20, event.size.width - 56)
        if column is not None and column.width != width:
            column.width = width
            table = self.query_one(DataTable)
            row = table.cursor_row
            self.run_search(self.query_one("#browse-search", Input).value)  # rows re-measured with it
            table.move_cursor(row=row)

    def refresh_lang(self) -> None:
        row = self.query_one(DataTable).cursor_row
        self._chrome()
        self.run_search(self.query_one("#browse-search", Input).value)
        if row:
            self.query_one(DataTable).move_cursor(row=row)

    def run_search(self, text: str) -> None:
        services = self.app.services
        study = services.study
        states = study.store.all_cards() if study is not None else {}
        now = services.clock()
        collection = services.library.collection
        deck_tags, deck_names = deck_search_data(collection)
        day_starts_at = study.config.day_starts_at if study is not None else 4
        count = self.query_one("#browse-count", Static)
        try:
            self.results = search(collection.cards, text, states, now, deck_tags, deck_names, day_starts_at)
        except QueryError as exc:
            allowed = " ".join(f"{exc.kind}:{a}" for a in exc.allowed)
            count.update(Text(t("browse.unknown_filter", self.app.lang, filter=f"{exc.kind}:{exc.value}", allowed=allowed),
                              style="bold #f44747"))  # fmt: skip
            self.results = []
            self.query_one(DataTable).clear()
            return
        lang = "en" if self.app.lang == "en" else "zh"
        ui = self.app.lang
        table = self.query_one(DataTable)
        table.clear()
        for card in self.results:
            state = states.get(card.uid)
            label = "new" if state is None or not state.reps else str(state.state)
            if state is not None and state.suspended:
                label = "suspended"
            elif is_buried(state, now):
                label = "buried"
            label = state_text(label, ui)
            q = question_line(card, lang)
            uid = card.uid if len(card.uid) <= 26 else card.uid[:25] + "…"
            table.add_row(uid, type_text(card.type, ui), label, q[:120], key=card.uid)
        unknown = unknown_decks(text, deck_names) if not self.results else []
        if unknown:
            known = ", ".join(sorted(deck_names))
            count.update(Text(t("browse.unknown_deck", ui, deck=unknown[0], known=known), style="bold #f44747"))
        else:
            count.update(Text(t("browse.count", ui, n=len(self.results), total=len(collection.cards)), style="dim"))
        self._preview(self.results[0] if self.results else None)

    def _preview(self, card: Card | None) -> None:
        self.query_one(CardView).show(card, self.app.lang, revealed=True)

    def _current(self) -> Card | None:
        table = self.query_one(DataTable)
        if not self.results or table.cursor_row is None or table.cursor_row >= len(self.results):
            return None
        return self.results[table.cursor_row]

    def on_input_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter keeps typing in the box (letters typed after it must not become the table's keys:
        a learner who went on typing "sigmoid" suspended a card with its "s"); ↓ or tab reach the table."""
        if self.results:
            self.query_one(DataTable).move_cursor(row=0)

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.focused is self.query_one("#browse-search", Input) and self.results:
            event.stop()
            self.query_one(DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._preview(self._current())

    def action_focus_search(self) -> None:
        self.query_one("#browse-search", Input).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#browse-search", Input) and self.results:
            self.query_one(DataTable).focus()
            return
        self.app.pop_screen()

    def action_proof(self, edit: bool = False) -> None:
        card = self._current()
        if card is None:
            return
        target = card.proof_target()
        if target is None:
            self.notify(t("common.no_proof", self.app.lang))
            return
        self.app.open_proof(*target, edit=edit)

    def action_edit_params(self) -> None:
        self.action_proof(edit=True)

    def _deck_term(self, decks: list[str]) -> str:
        """What ``deck:`` needs for the decks chosen on home: a deck's id, or a part's heading (which
        every deck of the part names in its source) when a whole part was chosen."""
        collection = self.app.services.library.collection
        chosen = [d for d in collection.decks if d.id in decks]
        parts = {d.part for d in chosen}
        if len(chosen) > 1 and len(parts) == 1:
            part = parts.pop()
            if sorted(d.id for d in collection.decks if d.part == part) == sorted(d.id for d in chosen) and " " not in part:
                return part
        return decks[0]

    def action_toggle_suspend(self) -> None:
        card = self._current()
        study = self.app.services.study
        if card is None or study is None:
            return
        state = study.card_state(card.uid)
        if state is not None and state.suspended:
            study.unsuspend(card.uid)
            self.notify(t("browse.unsuspended", self.app.lang, card=question_line(card, self.app.lang, 24)))
        else:
            study.suspend(card.uid)
            self.notify(t("browse.suspended", self.app.lang, card=question_line(card, self.app.lang, 24)))
        row = self.query_one(DataTable).cursor_row
        self.run_search(self.query_one("#browse-search", Input).value)
        self.query_one(DataTable).move_cursor(row=row)

