"""Helpers for the TUI tests: an app wired to a tmp database, fake or real kernels, tiny decks."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from studytool.decks.validate import load_library
from studytool.srs.study import Study
from studytool.tui.app import StudyApp
from studytool.tui.services import ProofRunner, Services

FIXED_NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


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
    ctx.check("a uniform draw is below 1", claimed=1.0, computed=float(ctx.rng.random()), op="<")
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


def run_async(fn):
    """Run an ``async def`` test with asyncio (no pytest async plugin needed)."""
    import asyncio
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return wrapper


SNAP_DECKS = {
    "gradients.yaml": '''
deck: gradients
order: 10
title: {zh: 梯度消失与爆炸, en: Vanishing and exploding gradients}
source: "深度学习基础 › 5. 梯度消失与梯度爆炸"
tags: [gradient]
cards:
  - id: sigmoid-chain
    type: basic
    source: "深度学习基础 › 5. 梯度消失与梯度爆炸"
    q:
      zh: "为什么深层 sigmoid 网络容易梯度消失？"
      en: "Why do deep sigmoid networks suffer from vanishing gradients?"
    a:
      zh: "反向传播把每层的导数相乘，而 $\\\\sigma'(x) \\\\le 1/4$，所以 $L$ 层后梯度最多缩小到 $(1/4)^L$。Adam 的偏差修正 $\\\\hat{m}_t = \\\\frac{m_t}{1-\\\\beta_1^t}$ 不解决这个问题。"
      en: "Backprop multiplies one derivative per layer and $\\\\sigma'(x) \\\\le 1/4$, so after $L$ layers the gradient shrinks by up to $(1/4)^L$. Adam's bias correction $\\\\hat{m}_t = \\\\frac{m_t}{1-\\\\beta_1^t}$ does not fix this."
    points:
      zh: ["链式法则逐层相乘", "σ' 最大 1/4", "用 ReLU、残差连接、归一化缓解"]
      en: ["the chain rule multiplies per layer", "σ' is at most 1/4", "ReLU, residual connections and normalisation help"]
    erratum:
      claim: {zh: "笔记说 sigmoid 导数最大为 1/2", en: "The notes say the sigmoid's derivative peaks at 1/2"}
      correction: {zh: "最大值是 1/4（在 x = 0）", en: "It peaks at 1/4 (at x = 0)"}
    proof: tuiproofs.passing
    tags: [sigmoid]
  - id: clip
    type: basic
    source: "深度学习基础 › 5. 梯度消失与梯度爆炸"
    q: {zh: "梯度裁剪解决什么问题？", en: "What does gradient clipping fix?"}
    a: {zh: "梯度爆炸：把范数限制在阈值内。", en: "Exploding gradients: it caps the norm at a threshold."}
''',
    "kmeans.yaml": '''
deck: kmeans
order: 1
title: {zh: K-means 聚类, en: K-means clustering}
source: "机器学习基础 › 一、Kmeans"
cards:
  - id: objective
    type: basic
    source: "机器学习基础 › 一、Kmeans"
    q: {zh: "k-means 优化的目标函数是什么？", en: "What objective does k-means minimise?"}
    a: {zh: "簇内平方和 $J=\\\\sum_i \\\\|x_i-\\\\mu_{c_i}\\\\|^2$。", en: "The within-cluster sum of squares $J=\\\\sum_i \\\\|x_i-\\\\mu_{c_i}\\\\|^2$."}
  - id: k-choice
    type: basic
    source: "机器学习基础 › 一、Kmeans"
    q: {zh: "怎么选 k？", en: "How do you choose k?"}
    a: {zh: "肘部法、轮廓系数、业务需求。", en: "Elbow method, silhouette score, the use case."}
''',
}


def snapshot_decks(folder: Path) -> Path:
    """Fixed decks (and the throwaway proofs) for deterministic snapshots."""
    proof_deck(folder)
    (folder / "tuitest.yaml").unlink()
    for name, text in SNAP_DECKS.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return folder
