"""Helpers for the TUI tests: an app wired to a tmp database, fake or real kernels, tiny decks."""

from __future__ import annotations

import textwrap
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from studytool.decks.validate import load_library
from studytool.srs.study import Study
from studytool.tui.app import StudyApp
from studytool.tui.services import ProofRunner, Services

FIXED_NOW = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)


def fixed_clock() -> datetime:
    return FIXED_NOW


class FakeKernel:
    """Same interface as :class:`studytool.proofs.kernel.Kernel`; returns a fixed, rich result."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, dict[str, Any]]] = []
        self.cancelled = 0

    def run(self, meta: Any, params: dict[str, Any] | None = None, timeout: float | None = None) -> dict[str, Any]:
        self.runs.append((meta.id, dict(params or {})))
        xs = [i / 4 for i in range(-24, 25)]
        return {
            "id": meta.id,
            "title": meta.title,
            "status": "passed",
            "checks": [
                {"name": {"zh": "σ'(0) = 1/4", "en": "σ'(0) = 1/4"}, "claimed": 0.25, "computed": 0.25,
                 "tolerance": 1e-9, "op": "==", "ok": True},
                {"name": "max over the grid ≤ 1/4", "claimed": 0.25, "computed": 0.2499999, "tolerance": 1e-9,
                 "op": "<=", "ok": True},
            ],
            "formulas": [{"label": "derivative", "latex": "\\sigma(x)(1-\\sigma(x))",
                          "pretty": "σ(x)⋅(1 - σ(x))", "text": "s*(1-s)"}],
            "tables": [{"title": "values", "headers": ["x", "σ'(x)"], "rows": [[0, 0.25], [1, 0.196612], [2, 0.104994]]}],
            "plots": [
                {"title": {"zh": "σ 与 σ'", "en": "σ and σ'"}, "kind": "xy", "xlabel": "x", "ylabel": "y", "logy": False,
                 "series": [{"name": "σ'(x)", "kind": "line", "x": xs, "y": [_ds(x) for x in xs]}]},
                {"title": "grid", "kind": "heatmap", "z": [[i * j for i in range(8)] for j in range(3)]},
            ],
            "notes": [{"zh": "最大值在 $x=0$", "en": "the maximum is at $x=0$"}],
            "params": dict(params or {}),
            "elapsed_ms": 42,
            "error": None,
        }  # fmt: skip

    def cancel(self) -> None:
        self.cancelled += 1

    def call(self, func: str, *args: Any, timeout: float = 5.0) -> Any:
        raise RuntimeError("no symbolic checks in the fake kernel")


def _ds(x: float) -> float:
    import math

    s = 1 / (1 + math.exp(-x))
    return s * (1 - s)


def make_app(
    tmp_path: Path,
    *,
    screen: str | None = None,
    kernel: Any | None = None,
    paths: list[str] | None = None,
    lang: str = "zh",
    **options: Any,
) -> StudyApp:
    """An app over the shipped decks (or ``paths``) and a fresh database in ``tmp_path``."""
    library = load_library(paths)
    study = Study.open(tmp_path / "study.db", library.collection, now=fixed_clock)
    kernel = kernel if kernel is not None else FakeKernel()
    services = Services(
        library=library,
        study=study,
        proofs=ProofRunner(library.catalog, kernel),
        clock=fixed_clock,
        lang=lang,
        animate=False,
        seed=7,
        db_path=tmp_path / "study.db",
    )
    for key, value in options.items():
        setattr(services, key, value)
    return StudyApp(services, screen=screen)


PROOFS = '''
import time

from studytool.proofs.api import Param, proof


@proof("tuiproofs.passing", title={"zh": "一加一等于二", "en": "one plus one is two"},
       params=[Param("n", 2, min=0, max=10, help="the sum")])
def passing(ctx, n):
    ctx.check("1 + 1 = n", claimed=n, computed=1 + 1)
    ctx.table(["a", "b"], [[1, 1]], title="inputs")


@proof("tuiproofs.failing", title="a false claim")
def failing(ctx):
    ctx.check("2 + 2 = 5", claimed=5, computed=2 + 2)


@proof("tuiproofs.looping", title="never finishes")
def looping(ctx):
    while True:
        time.sleep(0.01)
'''

DECK = '''
deck: tuitest
title: {zh: 测试, en: Test}
source: "机器学习基础 › 二、激活函数"
cards:
  - id: pass
    type: basic
    source: "机器学习基础 › 二、激活函数"
    q: {zh: "一加一？", en: "One plus one?"}
    a: {zh: "二", en: "two"}
    proof: tuiproofs.passing
  - id: fail
    type: basic
    source: "机器学习基础 › 二、激活函数"
    q: {zh: "二加二？", en: "Two plus two?"}
    a: {zh: "四", en: "four"}
    proof: tuiproofs.failing
  - id: loop
    type: basic
    source: "机器学习基础 › 二、激活函数"
    q: {zh: "死循环？", en: "Loop?"}
    a: {zh: "是", en: "yes"}
    proof: tuiproofs.looping
'''


def proof_deck(folder: Path) -> Path:
    """A deck folder with three throwaway proofs: passing, failing and looping."""
    (folder / "proofs").mkdir(parents=True, exist_ok=True)
    (folder / "tuitest.yaml").write_text(textwrap.dedent(DECK).lstrip(), encoding="utf-8")
    (folder / "proofs" / "tuiproofs.py").write_text(textwrap.dedent(PROOFS).lstrip(), encoding="utf-8")
    return folder


def run_async(fn):  # noqa: ANN001, ANN201
    """Run an ``async def`` test with asyncio (no pytest async plugin needed)."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return wrapper
