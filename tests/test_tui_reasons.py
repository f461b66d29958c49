"""The answer checker's reasons, produced by the real checker, read in Chinese in the zh interface."""

from __future__ import annotations

import pytest

from studytool.answers.choice import check_choice
from studytool.answers.expression import check_expression
from studytool.answers.numeric import check_numeric
from studytool.reasons import reason_text

EXPR = {"expr": "s*(1-s)", "symbols": ["s"]}


def _dont_know():
    from studytool.answers.check import dont_know
    from studytool.decks.model import Card, Text

    card = Card(deck="t", id="c", type="numeric", q=Text("问", "q"), a=Text("答", "a"), source="s", answer={"value": 1})
    return dont_know(card)


def _reason(verdict) -> str:
    return verdict.reason if verdict.status == "invalid" else (verdict.hint or verdict.reason)


@pytest.mark.parametrize(
    ("produce", "zh"),
    [
        (lambda: check_expression(EXPR, "foo*s"), "未知名称 `foo`"),
        (lambda: check_expression(EXPR, "s*(1-s"), "括号不匹配"),
        (lambda: check_expression(EXPR, "-s*(1-s)"), "符号反了"),
        (lambda: check_expression(EXPR, "2*s*(1-s)"), "差了一个因子"),
        (lambda: check_expression(EXPR, "s*(1-s) ="), "只输入表达式"),
        (lambda: check_expression({**EXPR, "forbid": ["exp"]}, "exp(s)"), "本题要求不使用"),
        (lambda: check_numeric({"value": 0.25}, "lots"), "不是数字"),
        (lambda: check_expression({**EXPR, "forbid": ["exp"]}, "e^s"), "e 的幂也算 exp"),
        (lambda: check_numeric({"value": 0.25}, "0,25"), "小数请用点号：0.25"),
        (lambda: check_numeric({"value": 0.25}, "25%"), "不是百分数"),
        (lambda: _dont_know(), "你选择了“不知道”"),
        (lambda: check_numeric({"value": 3}, "lg(1000)"), "`lg` 可能指 log₁₀ 也可能指 log₂：请写 log10(…) 或 log2(…)"),
        (lambda: check_numeric({"value": 0.25}, "1e300"), "太大"),
        (lambda: check_numeric({"value": 0.3989, "tol": 0.001}, "0.4"), "很接近"),
        (lambda: check_choice({"options": ["0.1", "0.5"], "correct": 1}, "0.3"), "0.3 不是任何一个选项"),
        (lambda: check_expression(EXPR, "|s"), "没有配对"),
        (lambda: check_choice({"options": ["ReLU", "tanh"], "correct": 0}, "e"), "没有选项 e（请选 a–b）"),
        (lambda: check_choice({"options": ["ReLU", "tanh"], "correct": 0}, "9"), "没有选项 9（请选 1–2）"),
        (lambda: check_choice({"options": ["ReLU", "tanh"], "correct": 0}, "gelu"), "`gelu` 不是选项字母、序号或选项内容"),
        (lambda: check_expression({"expr": "3*(h*(h+x)+h)", "symbols": ["h", "x"]}, "3(h(h+x)+h)+abs(h-2)+h-2"), "远离 ±1"),
    ],
)
def test_checker_reasons_have_chinese_wording(produce, zh: str) -> None:
    reason = _reason(produce())
    assert reason and zh in reason_text(reason, "zh"), reason
    assert reason_text(reason, "en") == reason


def test_unknown_reasons_pass_through() -> None:
    assert reason_text("something new", "zh") == "something new"
    assert reason_text(None, "zh") is None


def _param_error(raw: dict) -> str:
    from studytool.proofs.api import Param, ParamError, resolve_params

    declared = [Param("n", 3, min=1, max=10), Param("lr", 0.1, min=0.0), Param("mode", "a", choices=["a", "b"]),
                Param("flag", True)]  # fmt: skip
    with pytest.raises(ParamError) as info:
        resolve_params(declared, raw)
    return str(info.value)


@pytest.mark.parametrize(
    ("raw", "zh"),
    [
        ({"n": "x"}, "参数 n 应为整数"),
        ({"lr": "fast"}, "参数 lr 应为数字"),
        ({"lr": "inf"}, "必须是有限的数"),
        ({"n": "0"}, "参数 n = 0 小于最小值 1"),
        ({"n": "99"}, "参数 n = 99 大于最大值 10"),
        ({"mode": "c"}, "不在可选值中：a, b"),
        ({"flag": "maybe"}, "应为 true 或 false"),
        ({"m": 1}, "未知参数 m（此证明的参数：n, lr, mode, flag）"),
    ],
)
def test_proof_parameter_errors_have_chinese_wording(raw: dict, zh: str) -> None:
    message = _param_error(raw)
    assert zh in reason_text(message, "zh"), message
    assert reason_text(message, "en") == message


def test_params_editor_shows_the_error_in_chinese(tmp_path) -> None:
    from textual.widgets import Static
    from tui_support import make_app, run_async

    @run_async
    async def scenario() -> None:
        app = make_app(tmp_path, lang="zh")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.open_proof("activations.sigmoid_derivative_max", edit=True)
            await pilot.pause()
            app.screen.query_one("#param-x_range").value = "500"
            await pilot.press("enter")
            await pilot.pause()
            text = str(app.screen.query_one("#params-error", Static).content)
            assert "参数 x_range = 500.0 大于最大值 50" in text, text

    scenario()
