"""The proof-author API: ``@proof``, ``Param`` and the ``ProofContext`` a proof writes into.

A proof is a function in a proof module (``content/proofs/<topic>.py`` for the shipped decks,
``<deck dir>/proofs/<topic>.py`` for user decks)::

    from studytool.proofs.api import Param, proof

    @proof(
        "activations.sigmoid_derivative_max",
        title={"zh": "σ' 的最大值是 1/4", "en": "max σ' = 1/4"},
        params=[Param("x_range", 10.0, min=1, max=50, help="half-width of the plotted grid")],
        seed=0,
    )
    def sigmoid_derivative_max(ctx, x_range):
        ...
        ctx.check("max σ'(x) = 1/4 (sympy)", claimed=0.25, computed=float(value))

Rules (checked by ``studytool check``):

* the id is ``<module stem>.<name>``; decorator arguments are literals (the UI reads them with
  :mod:`ast`, without running the module);
* a proof *computes* each quantity and compares it with the claim through ``ctx.check``;
  a proof that makes no check is an error, never a pass.

This module imports neither numpy nor sympy: it is loaded by the UI process too (for metadata).
Values from numpy/sympy passed to the context are converted to plain JSON types here, duck-typed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Text = str | dict[str, str]

#: Registry filled by the ``@proof`` decorator when a proof module is imported (kernel side).
REGISTRY: dict[str, ProofFunction] = {}

_TYPES: dict[str, type] = {"float": float, "int": int, "bool": bool, "str": str}


class ParamError(ValueError):
    """A parameter value is unknown, of the wrong type, or out of its declared range."""


@dataclass(frozen=True)
class Param:
    """A declared proof parameter: name, default, type, allowed range and one-line meaning."""

    name: str
    default: Any
    type: str = ""
    min: float | None = None
    max: float | None = None
    help: Any = field(default="", compare=False)  # one line: a string, or {"zh": …, "en": …}
    choices: tuple[Any, ...] | None = None

    def __post_init__(self) -> None:
        if not self.type:
            kind = type(self.default).__name__
            object.__setattr__(self, "type", kind if kind in _TYPES else "str")
        if self.type not in _TYPES:
            raise ValueError(f"param {self.name}: unknown type {self.type!r}")
        if self.choices is not None:
            object.__setattr__(self, "choices", tuple(self.choices))

    def coerce(self, value: Any) -> Any:
        """Convert ``value`` (possibly a command-line string) and check it against the range."""
        kind = _TYPES[self.type]
        try:
            if isinstance(value, str) and kind is bool:
                low = value.strip().lower()
                if low not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                    raise ValueError
                value = low in {"1", "true", "yes", "on"}
            elif isinstance(value, str) and kind is int:
                value = int(value.strip())
            elif isinstance(value, str) and kind is float:
                value = float(value.strip())
            elif kind is float and isinstance(value, int | float) and not isinstance(value, bool):
                value = float(value)
            elif not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise ValueError
        except ValueError:
            raise ParamError(
                f"parameter {self.name!r} must be {self.type}, got {value!r}"
            ) from None
        if kind is float and not math.isfinite(value):
            raise ParamError(f"parameter {self.name!r} must be a finite number, got {value!r}")
        if self.min is not None and value < self.min:
            raise ParamError(f"parameter {self.name!r} = {value!r} is below its minimum {self.min}")
        if self.max is not None and value > self.max:
            raise ParamError(f"parameter {self.name!r} = {value!r} is above its maximum {self.max}")
        if self.choices is not None and value not in self.choices:
            allowed = ", ".join(map(str, self.choices))
            raise ParamError(f"parameter {self.name!r} = {value!r} is not one of: {allowed}")
        return value

    def help_in(self, lang: str) -> str:
        """The one-line meaning in ``lang`` (``zh`` / ``en`` / ``both``), falling back to the other."""
        from studytool.proofs.render import text_of

        return text_of(self.help or "", lang)

    def describe(self) -> dict[str, Any]:
        """JSON description of the parameter (``help`` stays one English string; ``help_text`` has
        both languages)."""
        return {
            "name": self.name,
            "default": self.default,
            "type": self.type,
            "min": self.min,
            "max": self.max,
            "choices": list(self.choices) if self.choices is not None else None,
            "help": self.help_in("en"),
            "help_text": {"zh": self.help_in("zh"), "en": self.help_in("en")},
        }


def resolve_params(declared: Sequence[Param], *overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Defaults of ``declared``, updated by each mapping in ``overrides`` in turn, validated."""
    by_name = {p.name: p for p in declared}
    values = {p.name: p.default for p in declared}
    for mapping in overrides:
        for name, raw in (mapping or {}).items():
            if name not in by_name:
                known = ", ".join(by_name) or "none"
                raise ParamError(f"unknown parameter {name!r} (this proof takes: {known})")
            values[name] = by_name[name].coerce(raw)
    return values


@dataclass(frozen=True)
class ProofFunction:
    """A registered proof (kernel side: holds the callable)."""

    id: str
    title: Text
    params: tuple[Param, ...]
    seed: int
    func: Callable[..., None]
    timeout: float | None = None


def proof(
    id: str,  # noqa: A002 - the decorator's public keyword: the proof id
    *,
    title: Text,
    params: Iterable[Param] = (),
    seed: int = 0,
    timeout: float | None = None,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register the decorated function as the proof ``id``."""

    def register(func: Callable[..., None]) -> Callable[..., None]:
        REGISTRY[id] = ProofFunction(id, title, tuple(params), seed, func, timeout)
        return func

    return register


# --------------------------------------------------------------------------- JSON conversion


def to_jsonable(value: Any) -> Any:
    """Convert numpy / sympy / tuples into plain JSON values (duck-typed, no heavy imports)."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return to_jsonable(value.tolist())
    if hasattr(value, "free_symbols"):  # sympy
        if not value.free_symbols:
            if getattr(value, "is_Boolean", False):
                return bool(value)
            try:
                if value.is_integer:
                    return int(value)
                if value.is_real:
                    return float(value)
            except (TypeError, ValueError):
                pass
        return str(value)
    if isinstance(value, complex):
        return str(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def _values_close(claimed: Any, computed: Any, tol: float, rel: float) -> bool:
    if isinstance(claimed, list) or isinstance(computed, list):
        if not (isinstance(claimed, list) and isinstance(computed, list)):
            return False
        if len(claimed) != len(computed):
            return False
        return all(_values_close(a, b, tol, rel) for a, b in zip(claimed, computed, strict=True))
    if isinstance(claimed, bool) or isinstance(computed, bool):
        return isinstance(claimed, bool) and isinstance(computed, bool) and claimed == computed
    if isinstance(claimed, int | float) and isinstance(computed, int | float):
        return abs(claimed - computed) <= max(tol, rel * abs(claimed))
    return claimed == computed


_OPS: dict[str, Callable[[float, float, float], bool]] = {
    "<=": lambda c, v, t: v <= c + t,
    "<": lambda c, v, t: v < c,
    ">=": lambda c, v, t: v >= c - t,
    ">": lambda c, v, t: v > c,
}


@dataclass
class ProofContext:
    """What a proof writes its findings into; becomes the JSON result."""

    id: str
    seed: int = 0
    params: dict[str, Any] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    formulas: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    plots: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    _rng: Any = None

    @property
    def rng(self) -> Any:
        """A ``numpy.random.Generator`` seeded with the proof's seed (created on first use)."""
        if self._rng is None:
            import numpy as np  # the kernel has it loaded already

            self._rng = np.random.default_rng(self.seed)
        return self._rng

    def check(
        self,
        name: Text,
        *,
        claimed: Any,
        computed: Any,
        tol: float = 1e-9,
        rel: float = 0.0,
        op: str = "==",
    ) -> bool:
        """Compare a computed value with the claim; record and return whether it holds.

        ``op`` is ``==`` (within ``tol`` absolute or ``rel`` relative; lists element-wise) or one of
        ``<= < >= >``, read as "computed OP claimed" (e.g. ``computed <= claimed`` for a bound).
        """
        claimed_j, computed_j = to_jsonable(claimed), to_jsonable(computed)
        if op == "==":
            ok = _values_close(claimed_j, computed_j, tol, rel)
        elif op in _OPS:
            if not all(isinstance(v, int | float) for v in (claimed_j, computed_j)):
                raise TypeError(f"check {name!r}: {op} compares numbers only")
            ok = _OPS[op](float(claimed_j), float(computed_j), tol)
        else:
            raise ValueError(f"check {name!r}: unknown op {op!r}")
        self.checks.append(
            {
                "name": name,
                "claimed": claimed_j,
                "computed": computed_j,
                "tolerance": tol if rel == 0 else {"abs": tol, "rel": rel},
                "op": op,
                "ok": bool(ok),
            }
        )
        return bool(ok)

    def formula(self, expr: Any, label: Text | None = None) -> None:
        """Record a formula: a sympy expression (pretty-printed) or a LaTeX string."""
        if isinstance(expr, str):
            self.formulas.append({"label": label, "latex": expr, "pretty": None, "text": expr})
            return
        import sympy as sp

        self.formulas.append(
            {
                "label": label,
                "latex": sp.latex(expr),
                "pretty": sp.pretty(expr, use_unicode=True),
                "text": str(expr),
            }
        )

    def table(self, headers: Sequence[Text], rows: Iterable[Sequence[Any]], title: Text | None = None) -> None:
        """Record a table (headers + rows of values)."""
        self.tables.append(
            {"title": title, "headers": list(headers), "rows": [to_jsonable(list(r)) for r in rows]}
        )

    def note(self, text: Text) -> None:
        """Record a short explanatory note (string or ``{zh, en}``)."""
        self.notes.append(text)

    def plot(
        self,
        title: Text,
        series: Iterable[dict[str, Any]],
        *,
        xlabel: str = "x",
        ylabel: str = "y",
        logy: bool = False,
    ) -> None:
        """Record a plot made of :meth:`series` entries."""
        self.plots.append(
            {
                "title": title,
                "kind": "xy",
                "xlabel": xlabel,
                "ylabel": ylabel,
                "logy": logy,
                "series": list(series),
            }
        )

    @staticmethod
    def series(name: str, x: Any, y: Any, kind: str = "line") -> dict[str, Any]:
        """One named x/y series (``kind`` is ``line`` or ``scatter``)."""
        if kind not in {"line", "scatter"}:
            raise ValueError(f"series kind must be line or scatter, got {kind!r}")
        xs, ys = to_jsonable(x), to_jsonable(y)
        if len(xs) != len(ys):
            raise ValueError(f"series {name!r}: x has {len(xs)} points, y has {len(ys)}")
        return {"name": name, "kind": kind, "x": xs, "y": ys}

    def heatmap(self, title: Text, z: Any, *, xlabel: str = "x", ylabel: str = "y") -> None:
        """Record a heatmap (rows of values)."""
        self.plots.append(
            {"title": title, "kind": "heatmap", "xlabel": xlabel, "ylabel": ylabel, "z": to_jsonable(z)}
        )

    def result(self) -> dict[str, Any]:
        """The JSON-ready findings (status is decided by the runner)."""
        return {
            "checks": self.checks,
            "formulas": self.formulas,
            "tables": self.tables,
            "plots": self.plots,
            "notes": self.notes,
        }
