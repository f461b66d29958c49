"""Plots drawn with characters: x/y line and scatter plots on a character grid, heatmaps as shades.

Pure Python (no numpy): used by the CLI renderer in the UI process. Values that are not finite
numbers (the result JSON stores NaN/inf as strings) are skipped and break a line.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from typing import Any

MARKERS = ("*", "+", "o", "x", "#", "@", "%", "&")
SHADES = " ░▒▓█"


def char_width(ch: str) -> int:
    """Terminal cells taken by one character (CJK wide/fullwidth = 2, combining = 0)."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal cells taken by ``text``."""
    return sum(char_width(ch) for ch in text)


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` terminal cells (``<`` left, ``>`` right, ``^`` centre)."""
    gap = max(0, width - display_width(text))
    if align == ">":
        return " " * gap + text
    if align == "^":
        return " " * (gap // 2) + text + " " * (gap - gap // 2)
    return text + " " * gap


def fmt_number(value: float) -> str:
    """Short label for an axis value."""
    if value == 0:
        return "0"
    return f"{value:.3g}"


def _finite(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    v = float(value)
    return v if math.isfinite(v) else None


def _span(lo: float, hi: float) -> tuple[float, float]:
    if lo == hi:
        delta = abs(lo) * 0.5 or 1.0
        return lo - delta, hi + delta
    return lo, hi


def _segment(c0: int, r0: int, c1: int, r1: int) -> list[tuple[int, int]]:
    """Grid cells on the line from (c0, r0) to (c1, r1) (Bresenham)."""
    cells = []
    dc, dr = abs(c1 - c0), -abs(r1 - r0)
    sc, sr = (1 if c0 < c1 else -1), (1 if r0 < r1 else -1)
    err = dc + dr
    while True:
        cells.append((c0, r0))
        if c0 == c1 and r0 == r1:
            return cells
        e2 = 2 * err
        if e2 >= dr:
            err += dr
            c0 += sc
        if e2 <= dc:
            err += dc
            r0 += sr


def plot_xy(
    series: Sequence[dict[str, Any]],
    *,
    width: int = 60,
    height: int = 14,
    xlabel: str = "x",
    ylabel: str = "y",
    logy: bool = False,
) -> list[str]:
    """Lines of a character plot of ``series`` (each ``{name, kind, x, y}``), with axes and legend."""
    points: list[list[tuple[float, float] | None]] = []
    for s in series:
        pts: list[tuple[float, float] | None] = []
        for xv, yv in zip(s.get("x", []), s.get("y", []), strict=False):
            x, y = _finite(xv), _finite(yv)
            if x is not None and y is not None and logy:
                y = math.log10(y) if y > 0 else None
            pts.append((x, y) if x is not None and y is not None else None)
        points.append(pts)
    finite = [p for pts in points for p in pts if p is not None]
    if not finite:
        return ["(no finite points to plot)"]
    x0, x1 = _span(min(p[0] for p in finite), max(p[0] for p in finite))
    y0, y1 = _span(min(p[1] for p in finite), max(p[1] for p in finite))
    width, height = max(width, 10), max(height, 3)
    grid = [[" "] * width for _ in range(height)]

    def cell(p: tuple[float, float]) -> tuple[int, int]:
        col = round((p[0] - x0) / (x1 - x0) * (width - 1))
        row = round((y1 - p[1]) / (y1 - y0) * (height - 1))
        return col, row

    for index, (s, pts) in enumerate(zip(series, points, strict=True)):
        marker = MARKERS[index % len(MARKERS)]
        previous: tuple[int, int] | None = None
        for p in pts:
            if p is None:
                previous = None
                continue
            here = cell(p)
            cells = _segment(*previous, *here) if previous and s.get("kind") != "scatter" else [here]
            for c, r in cells:
                grid[r][c] = marker
            previous = here

    def ylab(v: float) -> str:
        return fmt_number(10**v if logy else v)

    labels = {0: ylab(y1), height - 1: ylab(y0), (height - 1) // 2: ylab((y0 + y1) / 2)}
    margin = max(len(v) for v in labels.values())
    lines = [ylabel + (" (log)" if logy else "")]
    for r, row in enumerate(grid):
        label = labels.get(r, "")
        tick = "┤" if r in labels else "│"
        lines.append(f"{label:>{margin}} {tick}{''.join(row)}")
    lines.append(" " * margin + " └" + "─" * width)
    left, mid, right = fmt_number(x0), fmt_number((x0 + x1) / 2), fmt_number(x1)
    axis = [" "] * width
    for text, start in ((left, 0), (mid, (width - len(mid)) // 2), (right, width - len(right))):
        for i, ch in enumerate(text):
            if 0 <= start + i < width:
                axis[start + i] = ch
    lines.append(" " * (margin + 2) + "".join(axis))
    lines.append(" " * (margin + 2) + pad(xlabel, width, "^").rstrip())
    legend = "   ".join(
        f"{MARKERS[i % len(MARKERS)]} {s.get('name', f'series {i + 1}')}" for i, s in enumerate(series)
    )
    lines.append(" " * (margin + 2) + legend)
    return lines


def _sample(n: int, limit: int) -> list[int]:
    if n <= limit:
        return list(range(n))
    return sorted({min(n - 1, int(i * n / limit)) for i in range(limit)})


def heatmap(z: Sequence[Sequence[Any]], *, width: int = 60, height: int = 20, xlabel: str = "x", ylabel: str = "y") -> list[str]:
    """Lines of a shaded-block heatmap of the rows ``z`` (first row on top), with a value legend."""
    rows = [list(r) if isinstance(r, list | tuple) else [r] for r in z]
    values = [v for r in rows for v in (_finite(x) for x in r) if v is not None]
    if not rows or not values:
        return ["(no finite values to draw)"]
    lo, hi = min(values), max(values)
    n_cols = max(len(r) for r in rows)
    cols = _sample(n_cols, max(1, width))
    cell_w = 2 if len(cols) * 2 <= width else 1
    lines = [f"{ylabel} ↓  {xlabel} →"]
    for ri in _sample(len(rows), max(1, height)):
        row = rows[ri]
        out = []
        for ci in cols:
            v = _finite(row[ci]) if ci < len(row) else None
            if v is None:
                out.append("?" * cell_w)
                continue
            level = 0 if hi == lo else round((v - lo) / (hi - lo) * (len(SHADES) - 1))
            out.append(SHADES[level] * cell_w)
        lines.append("│" + "".join(out) + "│")
    legend = "  ".join(f"{SHADES[i] * 2} {fmt_number(lo + (hi - lo) * i / (len(SHADES) - 1))}" for i in range(len(SHADES)))
    lines.append(f"{len(rows)}×{n_cols} values   {legend}")
    return lines
