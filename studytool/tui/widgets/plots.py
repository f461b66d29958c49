"""Plots of proof results and stats with textual-plot's PlotWidget (it draws CJK labels correctly).

``textual_plot`` needs numpy, so it is imported only when a plot is drawn — never at start-up.
"""

from __future__ import annotations

import math
from typing import Any

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from studytool.tui.services import text_of
from studytool.tui.widgets.heatmap import Heatmap

COLOURS = ("#4ec9b0", "#f0a35e", "#c586c0", "#569cd6", "#d7ba7d", "#f44747")


def _finite_log(values: list[float]) -> list[float]:
    return [math.log10(v) if isinstance(v, int | float) and v > 0 else float("nan") for v in values]


class XYPlot(Vertical):
    """A titled line/scatter plot."""

    def __init__(self, spec: dict[str, Any], lang: str, **kwargs: Any) -> None:
        super().__init__(classes="plot-box", **kwargs)
        self.spec = spec
        self.lang = lang

    def compose(self):  # noqa: ANN201
        from textual_plot import PlotWidget

        yield Static(text_of(self.spec.get("title"), self.lang), classes="plot-title")
        yield PlotWidget(allow_pan_and_zoom=True)

    def on_mount(self) -> None:
        from textual_hires_canvas import HiResMode
        from textual_plot import PlotWidget

        plot = self.query_one(PlotWidget)
        logy = bool(self.spec.get("logy"))
        for i, series in enumerate(self.spec.get("series", [])):
            colour = COLOURS[i % len(COLOURS)]
            ys = _finite_log(series["y"]) if logy else series["y"]
            name = text_of(series.get("name"), self.lang)
            if series.get("kind") == "scatter":
                plot.scatter(series["x"], ys, marker="•", marker_style=colour, label=name)
            else:
                plot.plot(series["x"], ys, line_style=colour, hires_mode=HiResMode.BRAILLE, label=name)
        plot.set_xlabel(text_of(self.spec.get("xlabel"), self.lang))
        ylabel = text_of(self.spec.get("ylabel"), self.lang)
        plot.set_ylabel(f"log₁₀ {ylabel}" if logy else ylabel)
        if len(self.spec.get("series", [])) > 1:
            plot.show_legend()


class BarPlot(Vertical):
    """A titled bar plot of counts (stats: reviews per day, forecast); ``empty`` is shown instead of
    an empty chart when there is nothing to plot."""

    def __init__(
        self, title: str, xs: list[float], ys: list[float], xlabel: str, ylabel: str,
        xlim: tuple[float, float] | None = None, empty: str = "", **kwargs: Any,
    ) -> None:  # fmt: skip
        super().__init__(classes="plot-box", **kwargs)
        self.title, self.xs, self.ys, self.xlabel, self.ylabel = title, xs, ys, xlabel, ylabel
        self.xlim = xlim
        self.empty = empty

    def compose(self):  # noqa: ANN201
        yield Static(self.title, classes="plot-title")
        if not self.xs:  # no chart (and no numpy import for one)
            yield Static(self.empty, classes="plot-empty")
            return
        from textual_plot import PlotWidget

        yield PlotWidget(allow_pan_and_zoom=False)

    def on_mount(self) -> None:
        if not self.xs:
            return
        from textual_plot import PlotWidget

        plot = self.query_one(PlotWidget)
        plot.bar(self.xs, self.ys, width=0.8, bar_style=COLOURS[0])
        ticks = count_ticks(max(self.ys, default=0))
        plot.set_ylimits(ymin=0, ymax=ticks[-1])
        plot.set_yticks(ticks)
        if self.xlim is not None:
            plot.set_xlimits(*self.xlim)
        plot.set_xlabel(self.xlabel)
        plot.set_ylabel(self.ylabel)


def count_ticks(top: float, most: int = 5) -> list[float]:
    """Whole-number ticks from 0 up to at least ``top`` for a count axis: the smallest step of
    1, 2, 5, 10, 20, 50, … that needs no more than ``most`` ticks."""
    step = 1
    while math.ceil(top / step) + 1 > most:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return [float(i * step) for i in range(max(1, math.ceil(top / step)) + 1)]


def plot_widget(spec: dict[str, Any], lang: str) -> Widget:
    """The widget for one plot of a proof result."""
    if spec.get("kind") == "heatmap":
        box = Vertical(
            Static(text_of(spec.get("title"), lang), classes="plot-title"),
            Heatmap(spec.get("z") or []),
            classes="heatmap-box",
        )
        return box
    return XYPlot(spec, lang)
