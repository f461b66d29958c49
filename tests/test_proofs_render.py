"""Plain-text rendering of proof results and the character plotter."""

from __future__ import annotations

from studytool.proofs.render import (
    fmt_value,
    render_check,
    render_formula,
    render_result,
    render_table,
    text_of,
)
from studytool.proofs.textplot import display_width, heatmap, plot_xy


def test_text_of_languages() -> None:
    title = {"zh": "最大值", "en": "maximum"}
    assert text_of(title, "zh") == "最大值"
    assert text_of(title, "en") == "maximum"
    assert text_of(title, "both") == "最大值 / maximum"
    assert text_of({"zh": "", "en": "only"}, "zh") == "only"
    assert text_of("plain", "zh") == "plain"


def test_check_lines() -> None:
    ok = {"name": "max", "claimed": 0.25, "computed": 0.2500000001, "tolerance": 1e-9, "op": "==", "ok": True}
    assert render_check(ok) == "✓ max — claimed 0.25, computed 0.25 (±1e-09)"
    bad = {"name": {"zh": "界", "en": "bound"}, "claimed": 1, "computed": 2.5, "tolerance": 0, "op": "<=", "ok": False}
    assert render_check(bad, "zh") == "✗ 界 — 计算 2.5 ≤ 声称 1"
    assert render_check(bad, "en") == "✗ bound — computed 2.5 ≤ claimed 1"
    rel = {"name": "r", "claimed": 1.0, "computed": 1.01, "tolerance": {"abs": 0, "rel": 0.05}, "op": "==", "ok": True}
    assert "±0.05 relative" in render_check(rel)


def test_formula_pretty_or_latex() -> None:
    assert render_formula({"label": "d", "pretty": "a\nb", "latex": "x"}) == ["d:", "    a", "    b"]
    assert render_formula({"label": None, "pretty": None, "latex": r"\alpha^2 + \beta"}) == ["α² + β"]


def test_table_aligns_cjk_by_display_width() -> None:
    lines = render_table({"title": None, "headers": ["名称", "v"], "rows": [["激活函数", 0.25], ["relu", 10]]})
    assert len({display_width(line) for line in lines}) == 1, lines
    assert lines[2].endswith("0.25") and lines[3].endswith("  10")
    assert display_width("激活") == 4


def test_fmt_value() -> None:
    assert fmt_value(1 / 3) == "0.333333"
    assert fmt_value(list(range(10))) == "[0, 1, 2, 3, 4, 5, 6, 7, …]"
    assert fmt_value(True) == "true"


def test_plot_xy_places_points_and_legend() -> None:
    series = [
        {"name": "up", "kind": "line", "x": [0, 1, 2], "y": [0, 1, 2]},
        {"name": "dots", "kind": "scatter", "x": [0, 2], "y": [2, 0]},
    ]
    lines = plot_xy(series, width=21, height=5, xlabel="t", ylabel="v")
    grid = [ln.split("┤", 1)[-1].split("│", 1)[-1] for ln in lines[1:6]]
    assert grid[4][0] == "*" and grid[0][20] == "*"  # the line runs bottom-left to top-right
    assert grid[0][0] == "+" and grid[4][20] == "+"  # scatter points at the other corners
    assert grid[2][10] == "*"  # the line passes through the middle
    assert grid[1][0] == " "  # scatter is not joined
    assert lines[-1].strip() == "* up   + dots"
    assert "0" in lines[-3] and "2" in lines[-3]  # x range under the axis
    assert lines[1].strip().startswith("2") and lines[5].strip().startswith("0")


def test_plot_skips_non_finite_and_handles_flat() -> None:
    lines = plot_xy([{"name": "s", "kind": "line", "x": [0, 1, 2], "y": [1, "nan", 1]}], width=10, height=3)
    assert sum(ln.count("*") for ln in lines[1:4]) == 2  # the NaN breaks the line
    assert plot_xy([{"name": "e", "x": [], "y": []}]) == ["(no finite points to plot)"]


def test_plot_logy_labels() -> None:
    lines = plot_xy([{"name": "s", "kind": "line", "x": [0, 1, 2], "y": [1, 10, 100]}], width=10, height=3, logy=True)
    assert lines[0] == "y (log)"
    assert lines[1].strip().startswith("100") and lines[3].strip().startswith("1 ")
    assert lines[2].strip().startswith("10 ")


def test_heatmap_shades() -> None:
    lines = heatmap([[0, 1], [2, 4]], width=10)
    assert lines[1] == "│  ░░│"
    assert lines[2] == "│▒▒██│"
    assert lines[-1].startswith("2×2 values")


def test_render_result_sections() -> None:
    result = {
        "id": "t.x",
        "title": {"zh": "标题", "en": "Title"},
        "status": "failed",
        "checks": [
            {"name": "a", "claimed": 1, "computed": 1, "tolerance": 0, "op": "==", "ok": True},
            {"name": "b", "claimed": 1, "computed": 2, "tolerance": 0, "op": "==", "ok": False},
        ],
        "formulas": [{"label": "f", "pretty": "x²", "latex": "x^2"}],
        "tables": [{"title": "T", "headers": ["k"], "rows": [[1]]}],
        "plots": [{"title": "P", "kind": "xy", "xlabel": "x", "ylabel": "y", "series": [{"name": "s", "kind": "line", "x": [0, 1], "y": [0, 1]}]}],
        "notes": ["a note"],
        "params": {"n": 2},
        "elapsed_ms": 12,
        "error": None,
    }
    text = render_result(result, lang="both")
    assert text.startswith("标题 / Title\nFAILED — 1/2 checks hold\nproof t.x · n=2 · 12 ms\n")
    for section in ("Checks", "Formulas", "Tables", "Notes", "Plots"):
        assert f"\n{section}\n" in text
    assert "✗ b — claimed 1, computed 2" in text
    assert "Plots" not in render_result(result, plots=False)
    err = render_result({**result, "status": "timeout", "checks": [], "error": "stopped after 1 s"})
    assert "TIMEOUT" in err and "\nError\n  stopped after 1 s" in err


def test_cli_formulas_and_check_names_use_the_tui_math_rendering() -> None:
    """``demo`` once printed ``płog\\frac{q}{p}``: raw unicodeit turns ``\\l`` of ``\\log`` into ł."""
    from studytool.proofs.render import render_check, render_formula

    lines = render_formula({"label": "Jensen", "latex": r"-\mathrm{KL}(P\Vert Q)=\sum_x p\log\frac{q}{p}\le 0"})
    assert lines == ["Jensen:", "    −KL(P‖Q)=∑ₓ p log(q/p)≤0"]
    check = {"name": r"$\sigma'(0)=\frac14$", "ok": True, "op": "==", "claimed": 0.25, "computed": 0.25,
             "tolerance": 1e-9}
    assert "σ'(0)=1/4" in render_check(check) and "$" not in render_check(check)


def test_param_help_may_be_bilingual_and_json_keeps_one_english_string() -> None:
    from studytool.proofs.api import Param

    p = Param("n", 3, min=1, max=5, help={"zh": "层数", "en": "number of layers"})
    assert (p.help_in("zh"), p.help_in("en"), p.help_in("both")) == ("层数", "number of layers", "层数 / number of layers")
    assert p.describe()["help"] == "number of layers" and p.describe()["help_text"] == {"zh": "层数", "en": "number of layers"}
    assert Param("m", 1, help="plain").help_in("zh") == "plain" and hash(p) == hash(Param("n", 3, min=1, max=5))


def test_a_failed_check_on_long_lists_shows_where_they_differ() -> None:
    """Two 40-item lists that differ from item 9 on printed as the same 8 items (first-use review)."""
    from studytool.proofs.render import render_check, where_lists_differ

    claimed = list(range(40))
    computed = [*range(9), 99, *range(10, 40)]
    line = render_check({"name": "units", "claimed": claimed, "computed": computed, "ok": False, "tolerance": 0, "op": "=="})
    assert "99" in line and line.count("…") >= 2
    assert where_lists_differ([1, 2], [1, 3]) == ([1, 2], [1, 3])  # short or early differences: as they are
    assert where_lists_differ(claimed, claimed[:20]) == (["…", *claimed[19:]], ["…", 19])  # a shorter list
