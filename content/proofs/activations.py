"""Proofs for the activation-function deck (机器学习基础 › 二、激活函数)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from studytool.proofs.api import Param, proof


@proof(
    "activations.sigmoid_derivative_max",
    title={"zh": "σ'(x) = σ(1−σ)，最大值 1/4 在 x = 0", "en": "σ'(x) = σ(1−σ), maximum 1/4 at x = 0"},
    params=[
        Param("x_range", 8.0, min=1.0, max=50.0, help="half-width of the numeric grid and plot"),
        Param("points", 2001, min=101, max=200001, help="grid points for the numeric check"),
    ],
    seed=0,
)
def sigmoid_derivative_max(ctx, x_range: float, points: int) -> None:
    x = sp.symbols("x", real=True)
    sigma = 1 / (1 + sp.exp(-x))
    d1 = sp.diff(sigma, x)
    ctx.formula(sp.Eq(sp.Symbol("σ'(x)"), sp.simplify(d1)), label="derivative")
    # identity σ' = σ(1-σ), checked symbolically and at random points
    residual = sp.simplify(d1 - sigma * (1 - sigma))
    ctx.check("σ'(x) − σ(x)(1−σ(x)) simplifies to 0", claimed=0, computed=residual)
    # maximum: solve σ''(x) = 0, substitute
    crit = sp.solve(sp.Eq(sp.diff(sigma, x, 2), 0), x)
    ctx.check("σ''(x) = 0 only at x = 0", claimed=[0], computed=[float(c) for c in crit])
    ctx.check("σ'(0) = 1/4 (sympy)", claimed=0.25, computed=d1.subs(x, 0))
    grid = np.linspace(-x_range, x_range, points)
    s = 1 / (1 + np.exp(-grid))
    ds = s * (1 - s)
    ctx.check("max of σ' over the grid ≤ 1/4", claimed=0.25, computed=float(ds.max()), op="<=", tol=1e-15)
    ctx.check("grid arg-max is x = 0", claimed=0.0, computed=float(grid[ds.argmax()]), tol=2 * x_range / (points - 1))
    ctx.plot(
        {"zh": "σ 与 σ'", "en": "σ and σ'"},
        [ctx.series("σ(x)", grid[::20], s[::20]), ctx.series("σ'(x)", grid[::20], ds[::20])],
        xlabel="x",
        ylabel="y",
    )
