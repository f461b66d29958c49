"""Expression answers are checked by meaning: numeric pre-check, then sympy built node by node."""

from __future__ import annotations

import sys

import pytest

from studytool.answers.check import check_answer
from studytool.answers.expr import parse
from studytool.answers.symbolic import equivalent, to_sympy
from studytool.decks.model import Card, Text


def card(expr: str, symbols: list[str], functions: list[str] | None = None, **extra) -> Card:
    answer = {"expr": expr, "symbols": symbols, **({"functions": functions} if functions else {}), **extra}
    return Card(deck="t", id="e", type="expression", q=Text("q", "q"), a=Text("a", "a"), source="s", answer=answer)


@pytest.mark.parametrize(
    ("expected", "given", "symbols", "functions"),
    [
        ("1/4", "0.25", [], []),
        ("1/4", "25e-2", [], []),
        ("s*(1-s)", "s - s**2", ["s"], []),
        ("s*(1-s)", "s(1-s)", ["s"], []),
        ("s*(1-s)", "-s^2 + s", ["s"], []),
        ("sigma(x)*(1-sigma(x))", "σ(x)(1−σ(x))", ["x"], ["sigma"]),
        ("sigma(x)*(1-sigma(x))", "exp(-x)/(1+exp(-x))^2", ["x"], ["sigma"]),
        ("sigma(x)*(1-sigma(x))", "sigmoid(x) - sigmoid(x)^2", ["x"], ["sigma"]),
        ("2*x", "2x", ["x"], []),
        ("x**2", "x^2", ["x"], []),
        ("x**2", "x²", ["x"], []),
        ("1 - tanh(x)^2", "4/(exp(x)+exp(-x))^2", ["x"], []),
        ("tanh(x)", "(e^x - e^-x)/(e^x + e^-x)", ["x"], []),
        ("log(x^2)", "2 ln(x)", ["x"], []),
        ("f(x)*(1-f(x))", "f(x) - f(x)^2", ["x"], ["f"]),
        ("3*(h*(h+x)+h)", "3h² + 3hx + 3h", ["h", "x"], []),
        ("1/sqrt(d)", "d^(-1/2)", ["d"], []),
        ("η*g", "eta·g", ["eta", "g"], []),
    ],
)
def test_equivalent_answers_are_correct(expected: str, given: str, symbols: list[str], functions: list[str]) -> None:
    verdict = check_answer(card(expected, symbols, functions), given)
    assert verdict.status == "correct", verdict


@pytest.mark.parametrize(
    ("expected", "given", "symbols", "hint"),
    [
        ("s*(1-s)", "2s(1-s)", ["s"], "off by a factor of 2"),
        ("s*(1-s)", "s^2 - s", ["s"], "sign is wrong"),
        ("s*(1-s)", "s*(1-s) + 1", ["s"], "off by a constant (+1)"),
        ("x", "sqrt(x^2)", ["x"], None),
        ("s*(1-s)", "s", ["s"], None),
    ],
)
def test_wrong_answers_are_incorrect_with_hints(expected: str, given: str, symbols: list[str], hint: str | None) -> None:
    verdict = check_answer(card(expected, symbols), given)
    assert verdict.status == "incorrect"
    assert verdict.hint == hint
    assert verdict.expected == str(verdict.expected) and verdict.expected


def test_author_hint_is_shown_when_no_cheap_diagnosis() -> None:
    verdict = check_answer(card("s*(1-s)", ["s"], hint="write it in terms of s = σ(x)"), "s^3")
    assert verdict.status == "incorrect" and verdict.hint == "write it in terms of s = σ(x)"


def test_undeclared_names_are_invalid() -> None:
    verdict = check_answer(card("s*(1-s)", ["s"]), "y*(1-y)")
    assert verdict.status == "invalid" and "unknown name `y`" in (verdict.reason or "")


def test_injected_equivalence_is_used_and_failures_fall_back_to_numeric_evidence() -> None:
    calls = []

    def fake(expected, given, symbols, functions, timeout, positive=()):
        calls.append((expected, given, tuple(symbols), tuple(functions), timeout, tuple(positive)))
        return {"equivalent": True, "reason": "kernel says so"}

    verdict = check_answer(card("s*(1-s)", ["s"]), "s - s^2", equivalence=fake)
    assert verdict.status == "correct" and verdict.reason == "kernel says so"
    assert calls == [("s*(1-s)", "s - s^2", ("s",), (), 3.0, ())]

    def broken(*args):
        raise TimeoutError("kernel busy")

    verdict = check_answer(card("s*(1-s)", ["s"]), "s - s^2", equivalence=broken)
    assert verdict.status == "correct" and "numerically equal" in (verdict.reason or "")
    # a numerically different answer never reaches the equivalence function
    calls.clear()
    assert check_answer(card("s*(1-s)", ["s"]), "s", equivalence=fake).status == "incorrect"
    assert calls == []


def test_sympy_never_parses_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import sympy.parsing.sympy_parser as sp_parser

    def refuse(*args, **kwargs):
        raise AssertionError("sympy was asked to parse text")

    monkeypatch.setattr(sp_parser, "parse_expr", refuse)
    for expected, given in (("s*(1-s)", "s - s**2"), ("sigma(s)", "1/(1+e^-s)"), ("s", "__import__('os')")):
        equivalent(expected, given, ["s"], ["sigma"], 2.0)
    assert str(to_sympy(parse("2x^2 + σ(x)", ["x"], ["sigma"]))) == "2*x**2 + 1/(1 + exp(-x))"


def test_core_modules_do_not_import_sympy_or_numpy() -> None:
    import subprocess

    code = (
        "import sys, studytool.answers.check, studytool.answers.session, studytool.answers.symbolic, "
        "studytool.commands.quiz\n"
        "bad = [m for m in ('sympy', 'numpy', 'textual') if m in sys.modules]\n"
        "print(bad); raise SystemExit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_symbolic_timeout_falls_back_to_numeric_evidence() -> None:
    result = equivalent("tanh(x)", "(exp(2x) - 1)/(exp(2x) + 1)", ["x"], [], 0.0001)
    assert result["equivalent"] in (True, None)
    if result["equivalent"] is None:
        assert "random points" in result["reason"]


@pytest.mark.parametrize("text", ["1/0", "s/0", "exp(exp(exp(exp(100))))", "log(0)*0 + s - s^2"])
def test_answers_undefined_everywhere_are_invalid(text: str) -> None:
    verdict = check_answer(card("s*(1-s)", ["s"]), text)
    assert verdict.status == "invalid" and "undefined" in (verdict.reason or "")
