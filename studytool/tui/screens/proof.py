"""The proof screen (hosts the proof panel) and the parameter editor."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Static

from studytool.i18n import t
from studytool.proofs.api import ParamError, resolve_params
from studytool.reasons import reason_text
from studytool.tui.typed import study_app
from studytool.tui.widgets.keybar import KeyBar
from studytool.tui.widgets.proof_panel import ProofPanel
from studytool.tui.widgets.title_bar import TitleBar


class ProofScreen(Screen):
    """Runs one proof; the UI stays live while it runs (cancel with c)."""

    app = study_app()

    BINDINGS = [
        Binding("r", "rerun", "Rerun"),
        Binding("e", "edit_params", "Edit params"),
        Binding("n", "new_data", "New data"),
        Binding("c", "cancel", "Cancel run"),
        Binding("l", "app.cycle_lang", "Lang"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, proof_id: str, params: dict[str, Any] | None = None, use_cache: bool = True) -> None:
        super().__init__()
        self.proof_id = proof_id
        self.params = dict(params or {})
        self.use_cache = use_cache
        self.draws = 0  # how many times n (new random data) was pressed

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield ProofPanel(id="proof-panel")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = t("proof.title", self.app.lang, proof=self.proof_id)
        self.query_one(ProofPanel).start(self.proof_id, self.params, use_cache=self.use_cache)

    @property
    def panel(self) -> ProofPanel:
        return self.query_one(ProofPanel)

    def refresh_lang(self) -> None:
        self.sub_title = t("proof.title", self.app.lang, proof=self.proof_id)
        panel = self.panel
        if panel.proof_id is not None and panel.result is not None and not panel.running:
            panel._finish(panel.proof_id, panel.result)  # redraw in the new language

    def action_rerun(self) -> None:
        self.panel.start(self.proof_id, self.params, use_cache=False)

    def action_new_data(self) -> None:
        """Run again on fresh random data: seed = the proof's own + 1000·k (as ``check --seeds``)."""
        meta = self.app.services.proofs.meta(self.proof_id)
        if meta is None:
            return
        self.draws += 1
        self.panel.start(self.proof_id, self.params, use_cache=False, seed=meta.seed + 1000 * self.draws)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Key bar: c only while the proof runs."""
        if action == "cancel":
            return self.panel.running
        return True

    def action_cancel(self) -> None:
        if self.panel.running:
            self.panel.cancel()
            self.notify(t("proof.cancelling", self.app.lang))

    def action_back(self) -> None:
        self.panel.cancel()
        self.app.pop_screen()

    def action_edit_params(self) -> None:
        def done(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.params = values
                self.panel.start(self.proof_id, values, use_cache=False)

        self.app.push_screen(ParamsScreen(self.proof_id, self.params), done)


class ParamsScreen(ModalScreen[dict[str, Any] | None]):
    """Edit a proof's parameters (each with its type, range and meaning); enter applies."""

    app = study_app()

    DEFAULT_CSS = """
    ParamsScreen { align: center middle; }
    #params-dialog { width: 80%; max-width: 90; height: auto; max-height: 90%; background: $surface;
                     border: thick $primary; padding: 1 2; }
    #params-fields { height: auto; max-height: 40vh; }  /* leaves room for the error and the buttons at 80×24 */
    #params-buttons { height: 3; align: right middle; }
    """

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("ctrl+s", "apply", "Apply"),
    ]

    def __init__(self, proof_id: str, params: dict[str, Any]) -> None:
        super().__init__()
        self.proof_id = proof_id
        self.params = dict(params)

    def compose(self) -> ComposeResult:
        meta = self.app.services.proofs.meta(self.proof_id)
        declared = list(meta.params) if meta is not None else []
        lang = self.app.lang
        with Vertical(id="params-dialog"):
            yield Static(t("params.title", lang, proof=self.proof_id), classes="section")
            with VerticalScroll(id="params-fields"):
                if not declared:
                    yield Static(t("params.none", lang), classes="dim")
                for p in declared:
                    rng = "" if p.min is None and p.max is None else f" [{p.min if p.min is not None else '…'}, {p.max if p.max is not None else '…'}]"
                    yield Static(f"{p.name} ({p.type}{rng}) — {p.help_in(lang)}", classes="param-help")
                    yield Input(str(self.params.get(p.name, p.default)), id=f"param-{p.name}", classes="param")
            yield Static("", id="params-error", classes="proof-error")
            with Horizontal(id="params-buttons"):
                yield Button(t("params.run", lang), id="apply", variant="primary")
                yield Button(t("params.cancel", lang), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#params-error", Static).display = False
        inputs = self.query(Input)
        if inputs:
            inputs.first().focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_apply(self) -> None:
        meta = self.app.services.proofs.meta(self.proof_id)
        raw = {i.id.removeprefix("param-"): i.value for i in self.query(Input) if i.id}
        try:
            values = resolve_params(meta.params if meta else (), raw)
        except ParamError as exc:
            error = self.query_one("#params-error", Static)
            error.update(reason_text(str(exc), self.app.lang) or str(exc))
            error.display = True
            return
        self.dismiss(values)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.dismiss(None)
