"""The Textual application: screens, global keys, the command palette, the theme, language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from studytool.i18n import MESSAGES, binding_text, t, ui_lang
from studytool.tui import gc_pause
from studytool.tui.cjkwrap import install as _install_cjk_wrap
from studytool.tui.services import LANGS, Services

_install_cjk_wrap()

THEME = Theme(
    name="studytool",
    primary="#4ec9b0",
    secondary="#569cd6",
    accent="#f0a35e",
    warning="#d7ba7d",
    error="#f44747",
    success="#6a9955",
    foreground="#d4d4d4",
    background="#1b1d23",
    surface="#23262e",
    panel="#2c313a",
    dark=True,
)

#: screen name → (title, help line) for the palette and the CLI (English; see :func:`screen_title`).
SCREENS: dict[str, tuple[str, str]] = {
    name: (t(f"screen.{name}", "en"), t(f"screen.{name}.help", "en"))
    for name in ("home", "review", "quiz", "interview", "browse", "stats")
}


def screen_title(name: str, lang: str) -> tuple[str, str]:
    """(title, help line) of screen ``name`` in the chrome language of ``lang``."""
    return t(f"screen.{name}", lang), t(f"screen.{name}.help", lang)


class StudyApp(App[Any]):  # Any: Textual types self.app as App[object], and App is invariant
    """studytool's TUI. All dependencies come in through :class:`Services`."""

    CSS_PATH = "app.tcss"
    TITLE = "studytool"
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+l", "cycle_lang", "Language", show=False),
        Binding("ctrl+q", "quit", "Quit", key_display="^q"),
    ]
    ENABLE_COMMAND_PALETTE = True

    lang: reactive[str] = reactive("zh", init=False)

    def __init__(self, services: Services, screen: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
        self.initial_screen = screen or "home"
        self.cli_decks = list(services.decks)
        self.set_reactive(StudyApp.lang, services.lang if services.lang in LANGS else "zh")
        self.register_theme(THEME)
        self._start_with_theme(THEME)

    def _start_with_theme(self, theme: Theme) -> None:
        """Make ``theme`` current before the first CSS parse, without the theme watcher.

        Assigning ``self.theme`` here would queue a full ``refresh_css`` that re-parses every
        stylesheet from scratch right after start-up (≈ 8 ms of the home screen's first paint).
        Nothing has been parsed or styled yet, so setting the variables and the dark/light classes
        that ``App.__init__`` derived from the default theme is all a switch needs. Later switches
        (command palette) go through the watcher as usual.
        """
        if self.current_theme.dark != theme.dark:  # the ANSI colour filter differs too: full switch
            self.theme = theme.name
            return
        self.set_reactive(App.theme, theme.name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(theme.dark, "-dark-mode", update=False)
        self.set_class(not theme.dark, "-light-mode", update=False)

    def get_default_screen(self) -> Screen:
        """Home is the bottom of the screen stack (no blank default screen to compose and paint first)."""
        from studytool.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(gc_pause.resume)  # launch() paused the collector for start-up
        if self.initial_screen != "home":
            self.open_screen(self.initial_screen)
        others = self.services.other_sessions
        if others:  # both save their answers; the same cards just come up in both
            self.notify(t("app.other_session", self.lang, pids=", ".join(map(str, others))), severity="warning",
                        timeout=10)  # fmt: skip

    # ------------------------------------------------------------------ navigation

    def make_screen(self, name: str, **kwargs: Any) -> Screen:
        """A new screen by name (imported lazily so start-up stays fast)."""
        if name == "review":
            from studytool.tui.screens.review import ReviewScreen

            return ReviewScreen(**kwargs)
        if name == "quiz":
            from studytool.tui.screens.quiz import QuizScreen

            return QuizScreen(**kwargs)
        if name == "interview":
            from studytool.tui.screens.interview import InterviewScreen

            return InterviewScreen(**kwargs)
        if name == "browse":
            from studytool.tui.screens.browse import BrowseScreen

            return BrowseScreen(**kwargs)
        if name == "stats":
            from studytool.tui.screens.stats import StatsScreen

            return StatsScreen(**kwargs)
        if name == "home":
            from studytool.tui.screens.home import HomeScreen

            return HomeScreen()
        raise ValueError(f"unknown screen {name!r}")

    def open_screen(self, name: str, **kwargs: Any) -> None:
        """Open ``name`` on top of home (a screen already open is replaced)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if name == "home":
            return
        self.push_screen(self.make_screen(name, **kwargs))

    def open_proof(self, proof_id: str, params: dict[str, Any] | None = None, edit: bool = False) -> None:
        """Push the proof screen for ``proof_id`` (first the parameter editor when ``edit``)."""
        from studytool.tui.screens.proof import ParamsScreen, ProofScreen

        if not edit:
            self.push_screen(ProofScreen(proof_id, params or {}))
            return

        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.push_screen(ProofScreen(proof_id, values, use_cache=False))

        self.push_screen(ParamsScreen(proof_id, params or {}), done)

    # ------------------------------------------------------------------ actions

    def action_open(self, name: str) -> None:
        self.open_screen(name)

    def action_help(self) -> None:
        from studytool.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            name = type(self.screen).__name__.removesuffix("Screen").lower()
            self.push_screen(HelpScreen(name if name in SCREENS or name in ("proof", "params") else None))

    def action_cycle_lang(self) -> None:
        self.lang = LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)]

    def watch_lang(self, lang: str) -> None:
        from studytool.prefs import save_lang

        self.services.lang = lang
        save_lang(self.services.db_path, lang)
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_lang", None)
            if refresh is not None:
                refresh()
        self.screen.refresh_bindings()  # the footer recomposes with the new descriptions
        self.notify(t("app.language_set", lang, name=t(f"app.lang.{lang}", lang)), timeout=1.5)

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t("app.palette_prompt", self.lang), id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        for command in super().get_system_commands(screen):  # Textual's own: in our language too
            key = f"app.textual.{command.title}"
            if key in MESSAGES:
                command = command._replace(title=t(key, lang), help=t(f"{key}.help", lang))
            yield command
        for name in SCREENS:
            title, help_text = screen_title(name, lang)
            yield SystemCommand(t("app.open", lang, title=title), help_text, lambda n=name: self.open_screen(n))
        yield SystemCommand(t("app.help_keys", lang), t("app.help_keys_help", lang), self.action_help)
        yield SystemCommand(t("app.lang_cycle", lang), t("app.lang_cycle_help", lang), self.action_cycle_lang)
        for value in LANGS:
            name = t(f"app.lang.{value}", lang)
            yield SystemCommand(
                t("app.lang_pick", lang, name=name), t("app.lang_pick_help", lang, name=name),
                lambda v=value: setattr(self, "lang", v),
            )  # fmt: skip
        from textual.actions import parse

        for binding in getattr(screen, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.description and binding.action not in ("app.pop_screen",):
                namespace, action, params = parse(binding.action)
                if not namespace and screen.check_action(action, params) is not True:
                    continue  # what the key bar hides or dims (a rating before the answer is shown)
                description = binding_text(binding.description, lang)
                where = type(screen).__name__.removesuffix("Screen").lower()
                where = t(f"screen.{where}", lang) if f"screen.{where}" in MESSAGES else where
                yield SystemCommand(
                    f"{description} ({binding.key_display or binding.key})",
                    f"{where}：{description}" if ui_lang(lang) == "zh" else f"{where}: {description}",
                    lambda b=binding, s=screen: s.run_action(b.action),
                )
