"""Stats: calendar heatmap, reviews per day, retention, forecast, mastery by topic."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.columns import Columns
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from studytool.i18n import t
from studytool.tui.typed import study_app
from studytool.tui.widgets.heatmap import calendar_text
from studytool.tui.widgets.keybar import KeyBar
from studytool.tui.widgets.plots import BarPlot
from studytool.tui.widgets.title_bar import TitleBar


def bar(value: float, width: int = 12) -> Text:
    filled = round(max(0.0, min(1.0, value)) * width)
    out = Text("█" * filled, style="#4ec9b0")
    out.append("░" * (width - filled), style="#3b3f48")
    return out


def summary_items(s: dict[str, Any], lang: str = "en") -> list[Text]:
    """The headline figures, one ``Text`` each (laid out by :func:`summary_renderable`)."""
    ret = "—" if s.get("retention_30d") is None else f"{s['retention_30d'] * 100:.1f}%"
    items = []
    for label, value, style in (
        ("today", t("stats.reviews", lang, n=s.get("reviews_today", 0)), "bold #6a9955"),
        ("learning", str(s.get("learning_today", 0)), "bold #f0a35e"),  # the home tree's words and colours
        ("due", str(s.get("due_reviews_today", s.get("due_today", 0))), "bold #6a9955"),
        ("new", str(s.get("new_today", 0)), "bold #569cd6"),
        ("streak", t("stats.days", lang, n=s.get("streak_days", 0)), "bold #f0a35e"),
        ("retention", ret, "bold #c586c0"),
        ("total", t("stats.reviews", lang, n=s.get("reviews_total", 0)), "bold"),
    ):
        item = Text(t(f"stats.{label}", lang) + " ", style="dim")
        item.append(value, style=style)
        items.append(item)
    return items


def summary_renderable(s: dict[str, Any], lang: str = "en") -> Columns:
    """The figures side by side; a narrow terminal wraps between figures, never inside one (Rich
    breaks lines at any whitespace, non-breaking spaces included)."""
    return Columns(summary_items(s, lang), padding=(0, 2))


def mastery_table(s: dict[str, Any], lang: str) -> Table:
    table = Table(title=t("stats.by_deck", lang), title_justify="left", expand=True, header_style="bold")
    table.add_column(t("stats.col.deck", lang), ratio=3)
    table.add_column(t("stats.col.new", lang), justify="right")
    table.add_column(t("stats.col.learning", lang), justify="right")
    table.add_column(t("stats.col.due", lang), justify="right")
    table.add_column(t("stats.col.mastery", lang), ratio=2)
    for row in s.get("by_deck", []):
        title = row.get("title") or {}
        name = title.get("en" if lang == "en" else "zh") or row["deck"] if isinstance(title, dict) else row["deck"]
        table.add_row(
            name, str(row.get("new", 0)), str(row.get("learning", 0)), str(row.get("due", 0)),
            bar(row.get("mastery", 0.0)) + Text(f" {row.get('mastery', 0.0) * 100:3.0f}%"),
        )  # fmt: skip
    return table


def topic_table(s: dict[str, Any], lang: str = "en") -> Table:
    table = Table(title=t("stats.by_tag", lang), title_justify="left", expand=True, header_style="bold")
    table.add_column(t("stats.col.tag", lang), ratio=2)
    table.add_column(t("stats.col.cards", lang), justify="right")
    table.add_column(t("stats.col.lapses", lang), justify="right")
    table.add_column(t("stats.col.mastery", lang), ratio=2)
    rows = sorted(s.get("by_topic", []), key=lambda r: (r.get("mastery", 0), r.get("topic", "")))
    for row in rows[:30]:
        table.add_row(row["topic"], str(row.get("cards", 0)), str(row.get("lapses", 0)),
                      bar(row.get("mastery", 0.0)) + Text(f" {row.get('mastery', 0.0) * 100:3.0f}%"))  # fmt: skip
    return table


class StatsScreen(Screen):
    app = study_app()

    DEFAULT_CSS = """
    #stats-body { padding: 0 1; }
    #stats-summary { height: auto; margin-bottom: 1; }
    #stats-calendar { height: auto; border: round $primary 40%; padding: 0 1; text-wrap: nowrap; text-overflow: clip; }
    #stats-plots { height: 18; }
    #stats-plots .plot-box { width: 1fr; }
    #stats-mastery, #stats-topics { height: auto; margin-top: 1; }
    """

    BINDINGS = [
        Binding("r", "reload", "Reload"),
        Binding("l", "app.cycle_lang", "Lang"),
        Binding("escape", "app.pop_screen", "Back"),
    ]
    _calendar: tuple[dict[date, int], date, str] | None = None  # counts, today, language: redrawn on resize

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="stats-body"):
            yield Static("", id="stats-summary")
            yield Static("", id="stats-calendar")
            with Horizontal(id="stats-plots"):
                pass
            yield Static("", id="stats-mastery")
            yield Static("", id="stats-topics")
        yield KeyBar()

    def on_mount(self) -> None:
        self.action_reload()

    def _draw_calendar(self) -> None:
        """As many recent weeks as fit on one line each (52 at most): a calendar that wrapped on an
        80-column terminal was unreadable and filled the first screen."""
        if self._calendar is None:
            return
        counts, today, lang = self._calendar
        box = self.query_one("#stats-calendar", Static)
        width = box.content_region.width or self.app.size.width - 12  # before the first layout: a guess
        weeks = max(4, min(52, (width - 4) // 2))  # 4 cells of weekday names, then 2 per week
        box.update(calendar_text(counts, today, weeks=weeks, lang=lang))

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._draw_calendar)  # once the box has its new width

    def refresh_lang(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        study = self.app.services.study
        lang = self.app.lang
        self.sub_title = t("screen.stats", lang)
        if study is None:
            self.query_one("#stats-summary", Static).update(t("stats.no_db", lang))
            return
        decks = list(self.app.services.decks or [])
        s = study.stats(decks or None)
        summary: Any = summary_renderable(s, lang)
        if decks:  # say what the figures cover: the deck or part chosen on home
            collection = self.app.services.library.collection
            names = [d.title.render("en" if lang == "en" else "zh") for d in collection.decks if d.id in decks]
            shown = "、".join(names) if lang != "en" else ", ".join(names)
            if len(names) > 3:
                shown = t("stats.n_decks", lang, n=len(names))
            summary = Group(Text(t("stats.scope", lang, decks=shown), style="bold #4ec9b0"), summary)
        self.query_one("#stats-summary", Static).update(summary)
        counts = {date.fromisoformat(c["date"]): c["count"] for c in s.get("calendar", [])}
        today = date.fromisoformat(s["date"]) if s.get("date") else max(counts, default=date.today())
        self._calendar = (counts, today, lang)
        self._draw_calendar()
        per_day = s.get("calendar", [])[-30:]
        forecast = s.get("forecast", [])[:30]
        plots = self.query_one("#stats-plots", Horizontal)
        plots.remove_children()
        past = [(float(i - len(per_day) + 1), float(c["count"])) for i, c in enumerate(per_day) if c["count"]]
        ahead = [(float(i), float(f["due"])) for i, f in enumerate(forecast) if f["due"]]
        plots.mount(
            BarPlot(t("stats.per_day", lang), [x for x, _ in past], [y for _, y in past], t("stats.per_day.x", lang),
                    t("stats.per_day.y", lang), xlim=(-30.0, 1.0), empty=t("stats.per_day.empty", lang)),
            BarPlot(t("stats.forecast", lang), [x for x, _ in ahead], [y for _, y in ahead], t("stats.forecast.x", lang),
                    t("stats.forecast.y", lang), xlim=(-1.0, 30.0), empty=t("stats.forecast.empty", lang)),
        )  # fmt: skip
        self.query_one("#stats-mastery", Static).update(mastery_table(s, lang))
        self.query_one("#stats-topics", Static).update(topic_table(s, lang))
