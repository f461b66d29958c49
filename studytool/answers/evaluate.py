"""Numeric evaluation of expression trees in pure Python (``cmath``), and randomised comparison.

Used as the fast pre-check before any symbolic work: two expressions that differ at a random point
are not equivalent; agreement at every sampled point is strong evidence (confirmed by sympy).
"""

from __future__ import annotations

import cmath
import math
import random
import zlib
from dataclasses import dataclass, field

from studytool.answers.expr import Call, Const, Neg, Node, Num, Sym, symbols_of


class EvalError(ArithmeticError):
    """The expression is undefined or overflows at this point."""


_LIMIT = 1e200


def _sigma(z: complex) -> complex:
    if z.real < -700:
        return cmath.exp(z)
    return 1 / (1 + cmath.exp(-z))


def _relu(z: complex) -> complex:
    return complex(max(0.0, z.real), 0.0) if abs(z.imag) < 1e-12 else z if z.real > 0 else 0j


def _softplus(z: complex) -> complex:
    if z.real > 700:
        return z
    return cmath.log(1 + cmath.exp(z))


_FUNCS = {
    "exp": cmath.exp,
    "log": cmath.log,
    "log2": lambda z: cmath.log(z) / math.log(2),
    "log10": cmath.log10,
    "sqrt": cmath.sqrt,
    "tanh": cmath.tanh,
    "sin": cmath.sin,
    "cos": cmath.cos,
    "abs": lambda z: complex(abs(z)),
    "sigma": _sigma,
    "relu": _relu,
    "softplus": _softplus,
}


def _opaque(name: str):  # noqa: ANN202
    """A fixed smooth stand-in for an undefined declared function ``f`` (same name, same function)."""
    h = zlib.crc32(name.encode("utf-8"))
    a, b, c = 1 + (h % 7) / 7, 0.5 + (h >> 3) % 5 / 5, (h >> 7) % 11 / 11
    return lambda z: a * cmath.sin(b * z + c) + cmath.exp(z / 3) / 2


def evaluate(node: Node, env: dict[str, complex]) -> complex:
    """Value of ``node`` with symbols from ``env``. Raises :class:`EvalError` when undefined."""
    try:
        value = _eval(node, env)
    except (ArithmeticError, ValueError, OverflowError) as exc:
        raise EvalError(str(exc) or type(exc).__name__) from None
    if not (math.isfinite(value.real) and math.isfinite(value.imag)) or abs(value) > _LIMIT:
        raise EvalError("not finite")
    return value


def _eval(node: Node, env: dict[str, complex]) -> complex:
    if isinstance(node, Num):
        return complex(float(node.value))
    if isinstance(node, Sym):
        if node.name not in env:
            raise EvalError(f"no value for {node.name}")
        return complex(env[node.name])
    if isinstance(node, Const):
        return complex(math.pi if node.name == "pi" else math.e)
    if isinstance(node, Neg):
        return -_eval(node.arg, env)
    if isinstance(node, Call):
        arg = _eval(node.arg, env)
        fn = _FUNCS.get(node.func) or _opaque(node.func)
        return _finite(complex(fn(arg)))
    left = _eval(node.left, env)
    right = _eval(node.right, env)
    if node.op == "+":
        return _finite(left + right)
    if node.op == "-":
        return _finite(left - right)
    if node.op == "*":
        return _finite(left * right)
    if node.op == "/":
        if right == 0:
            raise ZeroDivisionError("division by zero")
        return _finite(left / right)
    return _power(left, right)


def _power(base: complex, exp: complex) -> complex:
    if base == 0:
        if exp.real > 0:
            return 0j
        raise ZeroDivisionError("0 to a non-positive power")
    if abs(exp) > 1e4 or (abs(base) > 1 and math.log(abs(base)) * exp.real > 460):
        raise OverflowError("power too large")
    if exp.imag == 0 and exp.real == int(exp.real) and base.imag == 0:
        return _finite(complex(base.real ** int(exp.real)))
    if exp.imag == 0 and base.imag == 0 and base.real > 0:
        return _finite(complex(base.real**exp.real))
    return _finite(complex(base**exp))


def _finite(z: complex) -> complex:
    if not (math.isfinite(z.real) and math.isfinite(z.imag)) or abs(z) > _LIMIT:
        raise OverflowError("not finite")
    return z


def _is_real(z: complex) -> bool:
    return abs(z.imag) <= 1e-9 * max(1.0, abs(z.real))


def _close(a: complex, b: complex, rel: float = 1e-8) -> bool:
    return abs(a - b) <= rel * max(1.0, abs(a), abs(b))


@dataclass
class Comparison:
    """Outcome of :func:`compare`: ``equal``, ``different`` or ``unknown`` (too few usable points)."""

    status: str
    points: int = 0
    hint: str | None = None
    values: list[tuple[complex, complex]] = field(default_factory=list)
    given_undefined: bool = False  # the answer failed at every point where the expected value exists


def sample_points(
    names: list[str], n: int, seed: int, positive: frozenset[str] = frozenset(), wide: bool = False
) -> list[dict[str, complex]]:
    """``n`` random points: values in ±[0.3, 1.7] with mixed signs (the first two positive), and
    every third point from ±[2, 6]; with ``wide``, magnitudes spread log-uniformly over [0.05, 1000].
    Names in ``positive`` are never negative (a standard deviation, a count)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        point = {}
        for name in names:
            if wide:
                v = math.exp(rng.uniform(math.log(0.05), math.log(1000.0)))
            else:
                v = rng.uniform(2.0, 6.0) if i % 3 == 2 else rng.uniform(0.3, 1.7)
            if i >= 2 and rng.random() < (0.25 if wide else 0.5) and name not in positive:
                v = -v
            point[name] = complex(v)
        out.append(point)
    return out


def compare(
    expected: Node, given: Node, *, points: int = 8, seed: int = 20240607, positive: frozenset[str] = frozenset(),
    wide: bool = False,
) -> Comparison:
    """Compare two trees at random real points (both must be real there to count); ``wide`` samples
    far from 1 as well (see :func:`sample_points`)."""
    names = sorted(symbols_of(expected) | symbols_of(given))
    if not names:
        points = 1
    pairs: list[tuple[complex, complex]] = []
    differs = False
    expected_ok = given_ok = 0
    for env in sample_points(names, points * 3, seed, positive, wide):
        try:
            a = evaluate(expected, env)
        except EvalError:
            continue
        expected_ok += 1
        try:
            b = evaluate(given, env)
        except EvalError:
            continue
        given_ok += 1
        if not (_is_real(a) and _is_real(b)):
            continue  # outside the shared real domain
        pairs.append((a, b))
        if not _close(a, b):
            differs = True
        if len(pairs) >= points:
            break
    if differs:
        return Comparison("different", len(pairs), near_miss_hint(pairs), pairs)
    if not pairs:
        return Comparison("unknown", 0, None, pairs, given_undefined=expected_ok > 0 and given_ok == 0)
    return Comparison("equal", len(pairs), None, pairs)


def near_miss_hint(pairs: list[tuple[complex, complex]]) -> str | None:
    """A cheap diagnosis from (expected, given) value pairs: sign, factor, constant offset."""
    real = [(a.real, b.real) for a, b in pairs]
    if not real:
        return None
    ratios = [b / a for a, b in real if abs(a) > 1e-12]
    if ratios and len(ratios) == len(real) and all(math.isclose(r, ratios[0], rel_tol=1e-7) for r in ratios):
        return ratio_hint(ratios[0])
    diffs = [b - a for a, b in real]
    if len(real) > 1 and all(math.isclose(d, diffs[0], rel_tol=1e-7, abs_tol=1e-12) for d in diffs):
        return f"off by a constant ({_short(diffs[0]):s})"
    return None


def ratio_hint(r: float) -> str | None:
    """Describe ``given / expected = r`` when it is a telling factor."""
    if math.isclose(r, -1, rel_tol=1e-7):
        return "sign is wrong"
    if math.isclose(r, 100, rel_tol=1e-7):
        return "you gave a percentage; give the value as a fraction (e.g. 0.25, not 25)"
    if math.isclose(r, 0.01, rel_tol=1e-7):
        return "off by a factor of 100 (was a percentage expected?)"
    for k in (2, 3, 4, 10):
        if math.isclose(abs(r), k, rel_tol=1e-7) or math.isclose(abs(r), 1 / k, rel_tol=1e-7):
            sign = "; the sign is wrong too" if r < 0 else ""
            return f"off by a factor of {k}{sign}"
    if r > 0 and abs(math.log10(r) - round(math.log10(r))) < 1e-9 and r != 1:
        return f"off by a factor of 10^{round(math.log10(r))} (check the decimal point)"
    if r != 1 and r != 0:
        return f"off by a constant factor (×{r:.4g})"
    return None


def _short(x: float) -> str:
    return f"{x:+.4g}" if not float(x).is_integer() else f"{int(x):+d}"
