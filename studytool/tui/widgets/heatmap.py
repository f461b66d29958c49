"""Heatmaps drawn with coloured cells (no numpy): a proof's ``z`` matrix and the review calendar."""

from __future__ import annotations

import math
from datetime import date, timedelta

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual.widgets import Static

from studytool.i18n import t, ui_lang

#: Light-to-dark ramp (a colour-blind-safe viridis-like sequence).
RAMP = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")
CALENDAR = ("#2d333b", "#0e4429", "#006d32", "#26a641", "#39d353")


def _level(value: float, low: float, high: float, steps: int) -> int:
    if not math.isfinite(value):
        return 0
    if high <= low:
        return steps - 1
    return min(steps - 1, max(0, int((value - low) / (high - low) * steps)))


def matrix_text(z: list[list[float]], max_width: int = 60) -> Text:
    """Each value as a two-column coloured block; rows top to bottom; a legend line below."""
    values = [v for row in z for v in row if isinstance(v, int | float) and math.isfinite(v)]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    out = Text()
    step = max(1, math.ceil(max((len(r) for r in z), default=0) * 2 / max_width))
    for row in z:
        for v in row[::step]:
            level = _level(float(v) if isinstance(v, int | float) else float("nan"), low, high, len(RAMP))
            out.append("██", style=RAMP[level])
        out.append("\n")
    out.append(f"{low:.3g} ", style="dim")
    for colour in RAMP:
        out.append("██", style=colour)
    out.append(f" {high:.3g}", style="dim")
    return out


class Heatmap(Static):
    """A proof's heatmap."""

    def __init__(self, z: list[list[float]], **kwargs: object) -> None:
        super().__init__(matrix_text(z), **kwargs)  # type: ignore[arg-type]


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = {"en": ("Mon", "", "Wed", "", "Fri", "", "Sun"), "zh": ("一", "", "三", "", "五", "", "日")}


def _month_line(start: date, weeks: int, lang: str) -> Text:
    """Month names over the week columns (2 cells each), starting where a month starts."""
    marks = []
    last_month = None
    for w in range(weeks):
        d = start + timedelta(days=7 * w)
        if d.month != last_month:
            marks.append((w, f"{d.month}月" if lang == "zh" else MONTHS_EN[d.month - 1]))
            last_month = d.month
    if len(marks) > 1 and marks[1][0] < 3:  # the first column's month: too little of it for a name
        marks.pop(0)
    line = "    "
    for w, label in marks:
        column = 4 + 2 * w
        if cell_len(line) < column:
            line += " " * (column - cell_len(line))
        if cell_len(line) == column:
            line += label
    return Text(line, style="dim")


def calendar_text(counts: dict[date, int], today: date, weeks: int = 26, lang: str = "en") -> RenderableType:
    """GitHub-style calendar: 7 rows (Mon..Sun) × ``weeks`` columns ending with ``today``'s week.

    Labels (months, weekdays, less/more) are Chinese when ``lang`` is ``zh``, English otherwise.
    """
    zh = ui_lang(lang) == "zh"
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    high = max(counts.values(), default=0)
    out = Text(no_wrap=True, overflow="crop")
    out.append_text(_month_line(start, weeks, "zh" if zh else "en"))
    out.append("\n")
    for wd, name in enumerate(WEEKDAYS["zh" if zh else "en"]):
        out.append(name + " " * (4 - cell_len(name)), style="dim")
        for w in range(weeks):
            d = start + timedelta(days=7 * w + wd)
            if d > today:
                out.append("  ")
                continue
            n = counts.get(d, 0)
            level = 0 if n == 0 else 1 + _level(n, 1, max(high, 2), len(CALENDAR) - 1)
            out.append("■ ", style=CALENDAR[min(level, len(CALENDAR) - 1)])
        out.append("\n")
    out.append("    " + t("stats.less", lang) + " ", style="dim")
    for colour in CALENDAR:
        out.append("■ ", style=colour)
    out.append(t("stats.more", lang), style="dim")
    return out
