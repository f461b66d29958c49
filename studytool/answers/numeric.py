"""Numeric answers: integers, decimals, fractions, scientific notation, percentages, tolerance."""

from __future__ import annotations

import math
import re
from typing import Any

from studytool.answers.evaluate import ratio_hint
from studytool.answers.expr import ParseError, constant_value, normalise, parse
from studytool.answers.verdict import SpecError, Verdict

DEFAULT_REL = 1e-6


def format_number(value: float) -> str:
    """Short display of a number (``0.25``, ``1e-06``, ``3``)."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".10g")


def expected_text(spec: dict[str, Any]) -> str:
    value = float(spec["value"])
    text = format_number(value)
    if spec.get("percent"):
        text += f" ({format_number(value * 100)}%)"
    if spec.get("unit"):
        text += f" {spec['unit']}"
    return text


def read_number(text: str, spec: dict[str, Any]) -> float:
    """The number the learner typed (raises :class:`ParseError` with a reason)."""
    s = normalise(text).strip()  # full-width → ASCII, but 2⁻² stays a power (NFKC alone gives "2-2")
    unit = str(spec.get("unit") or "").strip()
    if unit and s.endswith(unit):
        s = s[: -len(unit)].strip()
    scale = 1.0
    if s.endswith("%"):
        if not spec.get("percent"):
            raise ParseError("this card wants a plain number, not a percentage (e.g. 0.25, not 25%)")
        s, scale = s[:-1].strip(), 0.01
    if re.fullmatch(r"[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?", s):  # 98,816: thousands separators (not 0,250)
        s = s.replace(",", "")
    elif re.fullmatch(r"[+-]?[1-9]\d{0,2}(?:[ _\u00a0\u2009\u202f]\d{3})+(?:\.\d+)?", s):  # 67 840, 1_050_624
        s = re.sub(r"[ _\u00a0\u2009\u202f]", "", s)
    elif re.fullmatch(r"[+-]?\d+,\d+", s):
        raise ParseError(f"write decimals with a dot: {s.replace(',', '.')}, not {s}")
    try:
        node = parse(s)
    except ParseError as exc:
        if exc.reason.startswith("unknown name"):
            word = exc.reason.split("`")[1]
            if word in ("lg", "lb", "ld"):  # log₁₀ or log₂, by convention: say which
                raise ParseError(f"`{word}` can mean log₁₀ or log₂: write log10(…) or log2(…)", exc.pos) from None
            raise ParseError(f"`{word}` is not a number; type a number like 0.25, 1/4 or 1e-3", exc.pos) from None
        raise
    value = constant_value(node)
    if value is None:
        from studytool.answers.evaluate import EvalError, evaluate

        try:
            evaluate(node, {})
        except EvalError:
            raise ParseError("that number is undefined or too large to check (beyond 1e200)") from None
        raise ParseError("that is not a real number")
    return value * scale


def check_numeric(spec: dict[str, Any], text: str) -> Verdict:
    try:
        value = float(spec["value"])
    except (KeyError, TypeError, ValueError):
        raise SpecError("numeric answer spec needs 'value': a number") from None
    expected = expected_text(spec)
    try:
        given = read_number(text, spec)
    except ParseError as exc:
        return Verdict("invalid", expected, exc.reason)
    tol = float(spec.get("tol") or 0.0)
    rel = spec.get("rel")
    rel = float(rel) if rel is not None else (0.0 if "tol" in spec else DEFAULT_REL)
    allowed = max(tol, rel * abs(value))
    if abs(given - value) <= allowed or math.isclose(given, value, rel_tol=1e-12, abs_tol=1e-15):
        return Verdict("correct", expected)
    hint = None
    if value != 0:
        ratio = given / value
        close = 0.95 < ratio < 1.05 and not float(value).is_integer()  # a rounding miss, not a wrong count
        hint = "close, but not within the card's tolerance: check the rounding or give more digits" if close else ratio_hint(ratio)
    if spec.get("percent") and hint and hint.startswith("you gave a percentage"):
        hint = f"looks like a percentage: write {format_number(given)}% or {format_number(value)}"
    reason = f"{format_number(given)} is not within {format_number(allowed)} of {format_number(value)}" if allowed else None
    return Verdict("incorrect", expected, reason, hint)
