"""Render a proof result (the JSON of :mod:`studytool.proofs.runner`) as plain text for the CLI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from studytool.latex import latex_to_unicode, render_math
from studytool.proofs.textplot import display_width, heatmap, pad, plot_xy

STATUS_LABEL = {
    "passed": "PASSED",
    "failed": "FAILED",
    "error": "ERROR",
    "timeout": "TIMEOUT",
    "crashed": "CRASHED",
    "cancelled": "CANCELLED",
    "untrusted": "UNTRUSTED",
}
_OP_SIGN = {"<=": "≤", "<": "<", ">=": "≥", ">": ">"}


#: Labels of the human output in Chinese (``--lang zh``); the status word stays English for scripts.
_ZH = {
    "Checks": "检查", "Formulas": "公式", "Tables": "表格", "Notes": "说明", "Plots": "图", "Error": "错误",
    "checks hold": "项检查成立", "claimed": "声称", "computed": "计算", "slack": "容差", "relative": "相对",
    "or": "或", "proof": "证明", "cached": "缓存", "seed": "种子",
}


def _l(word: str, lang: str) -> str:
    return _ZH.get(word, word) if lang == "zh" else word


def text_of(value: Any, lang: str = "en", sep: str = " / ") -> str:
    """A title/name that is a plain string or ``{zh, en}``, in ``lang`` (``zh``, ``en`` or ``both``)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        zh, en = str(value.get("zh") or ""), str(value.get("en") or "")
        if lang == "both":
            return zh if zh == en or not en else en if not zh else f"{zh}{sep}{en}"
        return (zh or en) if lang == "zh" else (en or zh)
    return str(value)


def where_lists_differ(claimed: Any, computed: Any, shown: int = 6) -> tuple[Any, Any]:
    """Two lists cut to start just before their first difference (a leading "…" marks the cut), so a
    failed check does not print two identical-looking prefixes; anything else is returned as is."""
    if not (isinstance(claimed, list) and isinstance(computed, list)):
        return claimed, computed
    first = next((i for i, (a, b) in enumerate(zip(claimed, computed, strict=False)) if a != b), min(len(claimed), len(computed)))
    if first < shown - 1:
        return claimed, computed
    start = first - 1
    return ["…", *claimed[start:]], ["…", *computed[start:]]


def fmt_value(value: Any, limit: int = 8) -> str:
    """Short text for a claimed/computed value or a table cell."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        items = [fmt_value(v, limit) for v in value[:limit]]
        return "[" + ", ".join(items) + (", …" if len(value) > limit else "") + "]"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def _tolerance(tol: Any, lang: str = "en") -> str:
    if isinstance(tol, dict):
        return f"±{fmt_value(tol.get('abs'))} {_l('or', lang)} ±{fmt_value(tol.get('rel'))} {_l('relative', lang)}"
    return f"±{fmt_value(tol)}"


def render_check(check: dict[str, Any], lang: str = "en") -> str:
    """One check as ``✓ name — claimed …, computed … (tolerance)``."""
    mark = "✓" if check.get("ok") else "✗"
    name = render_math(text_of(check.get("name"), lang))
    claimed, computed = check.get("claimed"), check.get("computed")
    if not check.get("ok"):
        claimed, computed = where_lists_differ(claimed, computed)
    claimed, computed = fmt_value(claimed), fmt_value(computed)
    op = check.get("op", "==")
    said, got = _l("claimed", lang), _l("computed", lang)
    if op in _OP_SIGN:
        detail = f"{got} {computed} {_OP_SIGN[op]} {said} {claimed}"
        if op in ("<=", ">=") and check.get("tolerance"):
            detail += f" ({_l('slack', lang)} {fmt_value(check.get('tolerance'))})"
    else:
        detail = f"{said} {claimed}, {got} {computed} ({_tolerance(check.get('tolerance'), lang)})"
    return f"{mark} {name} — {detail}"


def render_formula(formula: dict[str, Any], lang: str = "en") -> list[str]:
    """A formula: sympy's Unicode pretty print when stored, else the LaTeX as terminal Unicode (the
    same rendering the TUI uses: ``\\log``, ``\\frac``, ``\\mathrm`` … become text, not ``łog``)."""
    label = render_math(text_of(formula.get("label"), lang))
    body = formula.get("pretty")
    if not body:
        latex = formula.get("latex") or formula.get("text") or ""
        try:
            body = latex_to_unicode(latex)
        except Exception:  # noqa: BLE001 - fall back to the raw LaTeX
            body = latex
    lines = str(body).splitlines() or [""]
    if label:
        return [f"{label}:"] + ["    " + ln for ln in lines]
    return lines


def render_table(table: dict[str, Any], lang: str = "en") -> list[str]:
    """A table with columns aligned by terminal width (CJK aware); numbers right-aligned."""
    headers = [text_of(h, lang) for h in table.get("headers", [])]
    raw_rows = table.get("rows", [])
    rows = [[fmt_value(c) for c in r] for r in raw_rows]
    n = max([len(headers)] + [len(r) for r in rows]) if (headers or rows) else 0
    headers += [""] * (n - len(headers))
    rows = [r + [""] * (n - len(r)) for r in rows]
    numeric = [
        all(isinstance(r[i], int | float) and not isinstance(r[i], bool) for r in raw_rows if i < len(r)) and bool(raw_rows)
        for i in range(n)
    ]
    widths = [max([display_width(headers[i])] + [display_width(r[i]) for r in rows]) for i in range(n)]
    out = []
    title = text_of(table.get("title"), lang)
    if title:
        out.append(title)
    out.append("  ".join(pad(headers[i], widths[i], ">" if numeric[i] else "<") for i in range(n)).rstrip())
    out.append("  ".join("─" * widths[i] for i in range(n)))
    for r in rows:
        out.append("  ".join(pad(r[i], widths[i], ">" if numeric[i] else "<") for i in range(n)).rstrip())
    return out


def render_plot(plot: dict[str, Any], lang: str = "en", width: int = 60) -> list[str]:
    """A plot as text (x/y series or heatmap), titled."""
    title = text_of(plot.get("title"), lang)
    if plot.get("kind") == "heatmap":
        body = heatmap(plot.get("z", []), width=width, xlabel=plot.get("xlabel", "x"), ylabel=plot.get("ylabel", "y"))
    else:
        body = plot_xy(
            plot.get("series", []),
            width=width,
            xlabel=plot.get("xlabel", "x"),
            ylabel=plot.get("ylabel", "y"),
            logy=bool(plot.get("logy")),
        )
    return ([title] if title else []) + body


def _section(name: str, lines: Sequence[str]) -> list[str]:
    return ["", name] + ["  " + ln if ln else "" for ln in lines]


def render_result(result: dict[str, Any], lang: str = "en", plots: bool = True, width: int = 72) -> str:
    """The whole result as text: title, status, checks, formulas, tables, notes, plots, error."""
    status = result.get("status", "error")
    checks = result.get("checks", [])
    title = render_math(text_of(result.get("title"), lang)) or result.get("id", "")
    held = sum(1 for c in checks if c.get("ok"))
    summary = STATUS_LABEL.get(status, status.upper())
    if checks:
        summary += f" — {held}/{len(checks)} {_l('checks hold', lang)}"
    lines = [title, summary]
    meta = [f"{_l('proof', lang)} {result.get('id', '?')}"]
    params = result.get("params") or {}
    if params:
        meta.append(", ".join(f"{k}={fmt_value(v)}" for k, v in params.items()))
    if "seed" in result:  # a run with another seed than the proof's own
        meta.append(f"{_l('seed', lang)} {result['seed']}")
    meta.append(_l("cached", lang) if result.get("cached") else f"{result.get('elapsed_ms', 0)} ms")
    lines.append(" · ".join(meta))
    if checks:
        lines += _section(_l("Checks", lang), [render_check(c, lang) for c in checks])
    if result.get("formulas"):
        body: list[str] = []
        for f in result["formulas"]:
            body += render_formula(f, lang) + [""]
        lines += _section(_l("Formulas", lang), body[:-1])
    if result.get("tables"):
        body = []
        for t in result["tables"]:
            body += render_table(t, lang) + [""]
        lines += _section(_l("Tables", lang), body[:-1])
    if result.get("notes"):
        lines += _section(_l("Notes", lang), [f"• {render_math(text_of(n, lang))}" for n in result["notes"]])
    if plots and result.get("plots"):
        body = []
        for p in result["plots"]:
            body += render_plot(p, lang, width=max(20, width - 12)) + [""]
        lines += _section(_l("Plots", lang), body[:-1])
    if result.get("error"):
        lines += _section(_l("Error", lang), str(result["error"]).rstrip().splitlines())
    return "\n".join(lines) + "\n"
