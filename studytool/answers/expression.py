"""Expression answers: parsed safely, compared numerically, confirmed symbolically."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from studytool.answers.evaluate import compare
from studytool.answers.expr import (
    ParseError,
    canonical_name,
    display_name,
    functions_of,
    functions_of_calls,
    parse,
    to_text,
)
from studytool.answers.verdict import SpecError, Verdict

#: ``equivalent(expected, given, symbols, functions, timeout, positive) -> {"equivalent": bool | None, "reason": str}``
Equivalence = Callable[..., dict[str, Any]]
DEFAULT_TIMEOUT = 3.0


def names_of(spec: dict[str, Any]) -> tuple[list[str], list[str]]:
    return [str(s) for s in spec.get("symbols") or []], [str(f) for f in spec.get("functions") or []]


def expected_text(spec: dict[str, Any]) -> str:
    symbols, functions = names_of(spec)
    try:
        return to_text(parse(str(spec.get("expr", "")), symbols, functions))
    except ParseError as exc:
        raise SpecError(f"the card's expression {spec.get('expr')!r} is invalid: {exc.reason}") from None


def usage_line(spec: dict[str, Any], lang: str = "en") -> str:
    """"symbols: s, x · functions: σ" — what the learner may type."""
    symbols, functions = names_of(spec)
    parts = []
    if symbols:
        label = "符号" if lang == "zh" else "symbols"
        parts.append(f"{label}: {', '.join(display_name(s) for s in symbols)}")
    if functions:
        label = "函数" if lang == "zh" else "functions"
        parts.append(f"{label}: {', '.join(display_name(f) + '(…)' for f in functions)}")
    forbid = [str(f) for f in spec.get("forbid") or []]
    if forbid:
        label = "不要用" if lang == "zh" else "without"
        parts.append(f"{label}: {', '.join(display_name(f) for f in forbid)}")
    return " · ".join(parts)


def _names(node: Any) -> set[str]:
    from studytool.answers.expr import symbols_of

    return symbols_of(node)


def _default_equivalence(
    expected: str, given: str, symbols: list[str], functions: list[str], timeout: float, positive: Sequence[str] = ()
) -> dict[str, Any]:  # fmt: skip
    from studytool.answers.symbolic import equivalent

    return equivalent(expected, given, symbols, functions, timeout, list(positive))


def check_expression(spec: dict[str, Any], text: str, equivalence: Equivalence | None = None) -> Verdict:
    symbols, functions = names_of(spec)
    expected_src = str(spec.get("expr", ""))
    expected = expected_text(spec)
    a = parse(expected_src, symbols, functions)
    try:
        b = parse(text, symbols, functions)
    except ParseError as exc:
        return Verdict("invalid", expected, exc.reason)
    forbidden = {canonical_name(str(f)) for f in spec.get("forbid") or []}
    used = sorted(forbidden & (functions_of(b) | {canonical_name(n) for n in _names(b)}))
    if used:
        names = ", ".join(f"`{display_name(n)}`" for n in used)
        also = " (a power of e is exp too)" if "exp" in used and "exp" not in functions_of_calls(b) else ""
        return Verdict("invalid", expected, f"this card asks you to answer without {names}{also}")
    author_hint = spec.get("hint")
    author_hint = str(author_hint) if author_hint else None
    positive = [str(p) for p in spec.get("positive") or []]
    numeric = compare(a, b, positive=frozenset(canonical_name(p) for p in positive))
    if numeric.given_undefined:
        return Verdict("invalid", expected, "that expression is undefined or too large at every test point")
    if numeric.status == "different":
        return Verdict("incorrect", expected, f"differs from the expected value at {numeric.points} test point(s)",
                       numeric.hint or author_hint)  # fmt: skip
    check = equivalence or _default_equivalence
    try:
        result = check(expected_src, text, symbols, functions, DEFAULT_TIMEOUT, positive)
        verdict, reason = result.get("equivalent"), str(result.get("reason") or "")
    except Exception as exc:  # noqa: BLE001 - the kernel may be down; fall back to numeric evidence
        verdict, reason = None, f"symbolic check unavailable ({type(exc).__name__})"
    if verdict is True:
        return Verdict("correct", expected, reason)
    if verdict is None and numeric.status == "equal" and numeric.points >= 3:
        why = reason if "random points" in reason else f"numerically equal at {numeric.points} random points ({reason})"
        return Verdict("correct", expected, why)
    if verdict is None:
        return Verdict("incorrect", expected, f"could not confirm the answer: {reason}", author_hint)
    return Verdict("incorrect", expected, reason or None, result.get("hint") or author_hint)
