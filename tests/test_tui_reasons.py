"""The answer checker's reasons, produced by the real checker, read in Chinese in the zh interface."""

from __future__ import annotations

import pytest

from studytool.answers.expression import check_expression
from studytool.answers.numeric import check_numeric
from studytool.tui.reasons import reason_text

EXPR = {"expr": "s*(1-s)", "symbols": ["s"]}


def _reason(verdict) -> str:  # noqa: ANN001
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
    ],
)
def test_checker_reasons_have_chinese_wording(produce, zh: str) -> None:
    reason = _reason(produce())
    assert reason and zh in reason_text(reason, "zh"), reason
    assert reason_text(reason, "en") == reason


def test_unknown_reasons_pass_through() -> None:
    assert reason_text("something new", "zh") == "something new"
    assert reason_text(None, "zh") is None
