"""Symbolic equivalence with sympy, built node by node from the safe AST (never from user text).

sympy is imported lazily, inside the functions: importing this module is cheap. The CLI calls
:func:`equivalent` in-process; the TUI calls it through the proof kernel
(``kernel.call("studytool.answers.symbolic:equivalent", ...)``) so the UI never imports sympy.
"""

from __future__ import annotations

import threading
from typing import Any

from studytool.answers.evaluate import compare
from studytool.answers.expr import (
    Bin,
    Call,
    Const,
    Neg,
    Node,
    Num,
    ParseError,
    Sym,
    canonical_name,
    degree,
    parse,
)

#: Beyond these, sympy's expand/simplify could run for minutes: rely on numeric evidence instead.
SYMBOLIC_MAX_DEGREE = 24
SYMBOLIC_MAX_NODES = 200


def _size(node: Node) -> int:
    stack, count = [node], 0
    while stack:
        n = stack.pop()
        count += 1
        if isinstance(n, Neg | Call):
            stack.append(n.arg)
        elif isinstance(n, Bin):
            stack += [n.left, n.right]
    return count


def to_sympy(node: Node, assumptions: dict[str, bool] | None = None, positive: frozenset[str] = frozenset()) -> Any:
    """Build the sympy expression for ``node`` (symbols get ``assumptions``, default real; names in
    ``positive`` are positive)."""
    import sympy as sp

    assume = assumptions if assumptions is not None else {"real": True}
    cache: dict[str, Any] = {}

    def sym(name: str) -> Any:
        if name not in cache:
            cache[name] = sp.Symbol(name, **({"positive": True} if name in positive else assume))
        return cache[name]

    funcs = {
        "exp": sp.exp,
        "log": sp.log,
        "log2": lambda a: sp.log(a) / sp.log(2),
        "log10": lambda a: sp.log(a) / sp.log(10),
        "sqrt": sp.sqrt,
        "tanh": sp.tanh,
        "sin": sp.sin,
        "cos": sp.cos,
        "abs": sp.Abs,
        "sigma": lambda a: 1 / (1 + sp.exp(-a)),
        "relu": lambda a: sp.Max(0, a),
        "softplus": lambda a: sp.log(1 + sp.exp(a)),
    }

    def flat(n: Node, op: str) -> list[Node]:
        """Operands of a left-deep chain of ``op`` (avoids deep recursion, builds n-ary nodes)."""
        out: list[Node] = []
        while isinstance(n, Bin) and n.op == op:
            out.append(n.right)
            n = n.left
        out.append(n)
        return out[::-1]

    def go(n: Node) -> Any:
        if isinstance(n, Num):
            return sp.Rational(n.value.numerator, n.value.denominator)
        if isinstance(n, Sym):
            return sym(n.name)
        if isinstance(n, Const):
            return sp.pi if n.name == "pi" else sp.E
        if isinstance(n, Neg):
            return sp.Mul(sp.Integer(-1), go(n.arg))
        if isinstance(n, Call):
            fn = funcs.get(n.func) or sp.Function(n.func)
            return fn(go(n.arg))
        if n.op == "+":
            return sp.Add(*[go(c) for c in flat(n, "+")])
        if n.op == "-":
            return sp.Add(go(n.left), sp.Mul(sp.Integer(-1), go(n.right)))
        if n.op == "*":
            return sp.Mul(*[go(c) for c in flat(n, "*")])
        if n.op == "/":
            return sp.Mul(go(n.left), sp.Pow(go(n.right), sp.Integer(-1)))
        return sp.Pow(go(n.left), go(n.right))

    return go(node)


def _with_deadline(fn, timeout: float) -> tuple[bool, Any]:  # noqa: ANN001
    """Run ``fn()`` in a daemon thread; ``(finished, result)``. A late thread is abandoned."""
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except Exception as exc:  # noqa: BLE001 - sympy can raise many things on odd input
            box["error"] = exc

    thread = threading.Thread(target=work, daemon=True, name="studytool-simplify")
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return False, None
    if "error" in box:
        return True, box["error"]
    return True, box.get("value")


def _is_zero(diff: Any, timeout: float) -> bool | None:
    """``True`` when the difference simplifies to 0, ``False`` if to something else, ``None`` on timeout."""
    import sympy as sp

    if diff == 0:
        return True

    def work() -> Any:
        d = diff
        for step in (sp.expand, sp.cancel, sp.simplify, lambda e: sp.simplify(diff.rewrite(sp.exp))):
            d = step(diff)
            if d == 0:
                return d
        return d

    done, value = _with_deadline(work, timeout)
    if not done or isinstance(value, Exception):
        return None
    return bool(value == 0)


def equivalent(
    expected: str, given: str, symbols: list[str], functions: list[str] | None = None, timeout: float = 3.0,
    positive: list[str] | None = None,
) -> dict[str, Any]:
    """Whether ``given`` means the same as ``expected``: ``{"equivalent": bool | None, "reason": str}``.

    Both strings go through the safe parser first. A numeric check at random points rules out
    most wrong answers; then sympy tries to simplify the difference to 0 (real symbols, then
    positive symbols for identities such as ``log(x^2) = 2 log(x)`` that hold where both are real).
    ``None`` means "equal at every sampled point, but sympy could not prove it in time".
    Symbols named in ``positive`` (the card's ``positive:``) only take positive values.
    """
    functions = list(functions or [])
    positive_names = frozenset(canonical_name(str(p)) for p in positive or ())
    try:
        a = parse(expected, symbols, functions)
    except ParseError as exc:
        return {"equivalent": None, "reason": f"the card's expression is invalid: {exc.reason}"}
    try:
        b = parse(given, symbols, functions)
    except ParseError as exc:
        return {"equivalent": False, "reason": f"invalid: {exc.reason}"}
    numeric = compare(a, b, positive=positive_names)
    if numeric.status == "different":
        return {"equivalent": False, "reason": "differs numerically", "hint": numeric.hint}
    if degree(a) > SYMBOLIC_MAX_DEGREE or degree(b) > SYMBOLIC_MAX_DEGREE or _size(b) > SYMBOLIC_MAX_NODES:
        if numeric.status == "equal":
            return {"equivalent": None, "reason": f"equal at {numeric.points} random points; too large for a symbolic check"}
        return {"equivalent": False, "reason": "too large to check"}
    budget = max(0.1, float(timeout))
    real = _is_zero(to_sympy(a, positive=positive_names) - to_sympy(b, positive=positive_names), budget / 2)
    if real:
        return {"equivalent": True, "reason": "simplify(expected − given) = 0"}
    all_positive = _is_zero(to_sympy(a, {"positive": True}) - to_sympy(b, {"positive": True}), budget / 2)
    if all_positive and numeric.status == "equal":
        return {"equivalent": True, "reason": "equal for positive values, and wherever both are real"}
    if numeric.status == "equal" and real is False and all_positive is False:
        # sympy finished and left a difference: before trusting points near 1, look far from 1 too
        wide = compare(a, b, points=40, seed=7, positive=positive_names, wide=True)
        if wide.status == "different":
            return {"equivalent": False, "reason": "differs from the expected value away from ±1", "hint": wide.hint}
    if numeric.status == "equal" and numeric.points >= 6:
        why = "timed out" if real is None else "could not reduce the difference to 0"
        return {"equivalent": None, "reason": f"equal at {numeric.points} random points; sympy {why}"}
    if real is False and all_positive is False:
        return {"equivalent": False, "reason": "the difference does not simplify to 0"}
    return {"equivalent": None, "reason": "could not decide in time"}
