"""The proof panel: runs a proof in the kernel from a thread worker and shows what it found."""

from __future__ import annotations

import time
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import work
from textual.containers import HorizontalScroll, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from studytool.i18n import t
from studytool.latex import render_math
from studytool.proofs.render import where_lists_differ
from studytool.tui.services import text_of
from studytool.tui.typed import study_app

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
#: status → style (the label is the i18n message ``proof.status.<status>``)
STATUS_STYLE = {
    "passed": "bold green",
    "failed": "bold red",
    "error": "bold red",
    "timeout": "bold yellow",
    "crashed": "bold red",
    "cancelled": "bold yellow",
    "untrusted": "bold yellow",
}


def fmt_value(value: Any, width: int = 28, lang: str = "en") -> str:
    """A claimed/computed value, short: numbers to 6 significant digits, long lists cut, a yes/no
    claim in words of ``lang`` (not Python's ``True``)."""
    if isinstance(value, bool):
        text = t("common.true" if value else "common.false", lang)
    elif isinstance(value, float):
        text = f"{value:.6g}"
    elif isinstance(value, list):
        text = "[" + ", ".join(fmt_value(v, width, lang) for v in value[:6]) + (", …]" if len(value) > 6 else "]")
    elif isinstance(value, dict):
        text = ", ".join(f"{k}={fmt_value(v, width, lang)}" for k, v in value.items())
    else:
        text = str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def checks_table(checks: list[dict[str, Any]], lang: str) -> Table:
    table = Table(expand=True, show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("", width=1, no_wrap=True)
    table.add_column(t("proof.col.check", lang), ratio=3)
    table.add_column(t("proof.col.claimed", lang), ratio=1, overflow="fold")
    table.add_column(t("proof.col.computed", lang), ratio=1, overflow="fold")
    for check in checks:
        ok = bool(check.get("ok"))
        op = check.get("op", "==")
        raw_claimed, raw_computed = check.get("claimed"), check.get("computed")
        if not ok:  # two long lists: show where they part, not two identical-looking beginnings
            raw_claimed, raw_computed = where_lists_differ(raw_claimed, raw_computed)
        claimed = fmt_value(raw_claimed, lang=lang)
        table.add_row(
            Text("✓" if ok else "✗", style="bold green" if ok else "bold red"),
            render_math(text_of(check.get("name"), lang)),
            claimed if op == "==" else f"{op} {claimed}",
            Text(fmt_value(raw_computed, lang=lang), style="green" if ok else "bold red"),
        )
    return table


def data_table(spec: dict[str, Any], lang: str) -> Table:
    table = Table(title=text_of(spec.get("title"), lang) or None, expand=False, header_style="bold", title_justify="left")
    for header in spec.get("headers", []):
        table.add_column(text_of(header, lang), overflow="fold")
    for row in spec.get("rows", [])[:200]:
        table.add_row(*(fmt_value(v, 20, lang) for v in row))
    return table


class ProofPanel(Vertical):
    """Runs ``proof_id`` (non-blocking) and renders checks, formulas, tables, plots and notes."""

    app = study_app()

    DEFAULT_CSS = """
    ProofPanel { height: 1fr; }
    #proof-status { height: auto; padding: 0 2; background: $surface; }
    #proof-body { height: 1fr; padding: 0 2; }
    .checks { height: auto; }
    .formula-label { color: $text-muted; margin-top: 1; }
    .formula-box { height: auto; max-height: 14; }
    .formula { width: auto; color: $secondary; }
    .table-box { height: auto; max-height: 20; margin-top: 1; }
    .table { width: auto; }
    .note { margin-top: 0; }
    """

    class Finished(Message):
        def __init__(self, panel: ProofPanel, result: dict[str, Any]) -> None:
            super().__init__()
            self.panel = panel
            self.result = result

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.proof_id: str | None = None
        self.params: dict[str, Any] = {}
        self.result: dict[str, Any] | None = None
        self.running = False
        self._started = 0.0
        self._tick = 0
        self._timer: Timer | None = None
        self._before: dict[str, Any] | None = None  # the result a fresh-data rerun is compared with
        self.same_data = False  # that rerun changed nothing: the proof draws no random data

    def compose(self):  # noqa: ANN201
        yield Static("", id="proof-status")
        yield VerticalScroll(id="proof-body")

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", "en")

    # --------------------------------------------------------------- running

    def start(
        self, proof_id: str, params: dict[str, Any] | None = None, use_cache: bool = True, seed: int | None = None
    ) -> None:
        """Run the proof in a thread worker; the UI keeps going. A running proof is replaced.

        ``seed``: other random data than the proof's own seed draws."""
        if self.running:
            self.app.services.proofs.cancel()
        self._before = self.result if seed is not None and proof_id == self.proof_id else None
        self.same_data = False
        self.proof_id, self.params, self.result = proof_id, dict(params or {}), None
        self.running = True
        self.screen.refresh_bindings()  # c (cancel) is offered only while a proof runs
        self._started = time.monotonic()
        self.query_one("#proof-body", VerticalScroll).remove_children()
        self._update_status()
        if self._timer is None and self.app.services.animate:
            self._timer = self.set_interval(0.1, self._update_status)
        self._work(proof_id, dict(params or {}), use_cache, seed)

    @work(thread=True, exclusive=True, group="proof")
    def _work(self, proof_id: str, params: dict[str, Any], use_cache: bool, seed: int | None) -> None:
        result = self.app.services.proofs.run(proof_id, params or None, use_cache=use_cache, seed=seed)
        self.app.call_from_thread(self._finish, proof_id, result)

    def cancel(self) -> None:
        """Stop a running proof (the kernel kills it; the result says ``cancelled``)."""
        if self.running:
            self.app.services.proofs.cancel()

    def _finish(self, proof_id: str, result: dict[str, Any]) -> None:
        if proof_id != self.proof_id:
            return
        self.running = False
        self.screen.refresh_bindings()
        self.result = result
        before = self._before
        # fresh random data that changed nothing: the proof draws none (a deterministic construction)
        self.same_data = before is not None and result.get("status") == before.get("status") and [
            c.get("computed") for c in result.get("checks", [])] == [c.get("computed") for c in before.get("checks", [])]
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._update_status()
        self._render_result(result)
        self.post_message(self.Finished(self, result))

    # --------------------------------------------------------------- drawing

    def _update_status(self) -> None:
        status = self.query_one("#proof-status", Static)
        lang = self.lang
        meta = self.app.services.proofs.meta(self.proof_id) if self.proof_id else None
        title = text_of(meta.title, self.lang) if meta is not None else (self.proof_id or "")
        line = Text()
        line.append(render_math(title), style="bold")
        line.append(f"  ({self.proof_id})\n", style="dim")
        if self.running:
            self._tick += 1
            elapsed = time.monotonic() - self._started
            spin = SPINNER[self._tick % len(SPINNER)] if self.app.services.animate else "…"
            line.append(f"{spin} " + t("proof.running", lang, seconds=f"{elapsed:4.1f}"), style="bold cyan")
            line.append(t("proof.cancel_key", lang), style="dim")
        elif self.result is not None:
            status_name = str(self.result.get("status", "error"))
            if status_name in STATUS_STYLE:
                line.append(t(f"proof.status.{status_name}", lang), style=STATUS_STYLE[status_name])
            else:
                line.append(t("proof.status.unknown", lang), style="bold red")
            checks = self.result.get("checks", [])
            if checks:
                good = sum(1 for c in checks if c.get("ok"))
                line.append(t("proof.checks_hold", lang, good=good, total=len(checks)), style="bold")
            line.append(f"  {self.result.get('elapsed_ms', 0)} ms", style="dim")
            params = self.result.get("params") or {}
            if params:
                values = ", ".join(f"{k}={fmt_value(v, 16)}" for k, v in params.items())
                line.append("\n" + t("proof.params", lang) + values, style="dim")
            if "seed" in self.result:
                key = "proof.seed_same" if self.same_data else "proof.seed"
                line.append(t(key, lang, seed=self.result["seed"]), style="dim")
        status.update(line)

    def _render_result(self, result: dict[str, Any]) -> None:
        from studytool.tui.widgets.plots import plot_widget

        lang = self.lang
        body = self.query_one("#proof-body", VerticalScroll)
        widgets: list[Widget] = []
        if result.get("error"):
            widgets.append(Static(Text(str(result["error"])), classes="proof-error"))
            widgets.append(Static(t("proof.press_r", lang), classes="dim"))
        if result.get("checks"):
            widgets.append(Static(t("proof.checks", lang), classes="section"))
            widgets.append(Static(checks_table(result["checks"], lang), classes="checks"))
        if result.get("formulas"):
            widgets.append(Static(t("proof.formulas", lang), classes="section"))
            for formula in result["formulas"]:
                label = text_of(formula.get("label"), lang)
                if label:
                    widgets.append(Static(render_math(label), classes="formula-label"))
                pretty = formula.get("pretty") or render_math("$" + (formula.get("latex") or "") + "$")
                widgets.append(HorizontalScroll(Static(Text(pretty, no_wrap=True), classes="formula"), classes="formula-box"))
        for table in result.get("tables", []):
            widgets.append(HorizontalScroll(Static(data_table(table, lang), classes="table"), classes="table-box"))
        for plot in result.get("plots", []):
            widgets.append(plot_widget(plot, lang))
        if result.get("notes"):
            widgets.append(Static(t("proof.notes", lang), classes="section"))
            for note in result["notes"]:
                widgets.append(Static("• " + render_math(text_of(note, lang)), classes="note"))
        body.mount_all(widgets)
