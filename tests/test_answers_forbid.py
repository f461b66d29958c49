"""`forbid:` in an expression spec: answers that use a forbidden function are sent back."""

from __future__ import annotations

from studytool.answers.expression import check_expression, usage_line

SPEC = {"expr": "2*sigma(2*x) - 1", "symbols": ["x"], "functions": ["sigma"], "forbid": ["tanh", "exp"]}


def test_forbidden_function_is_invalid_with_reason() -> None:
    verdict = check_expression(SPEC, "tanh(x)")
    assert verdict.status == "invalid" and "`tanh`" in (verdict.reason or "")
    assert check_expression(SPEC, "(1 - exp(-2x))/(1 + exp(-2x))").status == "invalid"


def test_allowed_rewrite_still_correct() -> None:
    assert check_expression(SPEC, "2σ(2x) − 1").status == "correct"
    assert check_expression(SPEC, "sigma(2x) - (1 - sigma(2x))").status == "correct"
    assert check_expression(SPEC, "sigma(2x)").status == "incorrect"


def test_usage_line_mentions_forbidden() -> None:
    assert "without: tanh, exp" in usage_line(SPEC)
