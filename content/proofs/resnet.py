"""Proofs for the ResNet deck (深度学习基础 › 4. Resnet)."""

from __future__ import annotations

import itertools

import numpy as np
import sympy as sp

from studytool.proofs.api import Param, ParamError, proof


@proof(
    "resnet.residual_gradient",
    title={
        "zh": "残差块的梯度 = F'(x) + 1；深层普通链的梯度是 ∏F'，会消失",
        "en": "A residual block's gradient is F'(x) + 1; a plain deep chain's is ∏F' and vanishes",
    },
    params=[
        Param("depth", 30, min=1, max=200,
              help={"zh": "层数 / 块数", "en": "number of layers / blocks"}),
        Param("scale", 0.5, min=0.01, max=2.0,
              help={"zh": "F(x) = a·tanh(x) 中的层权重 a",
                    "en": "layer weight a in F(x) = a·tanh(x)"}),
    ],
    seed=0,
)
def residual_gradient(ctx, depth: int, scale: float) -> None:
    x, a = sp.symbols("x a", real=True)
    f = a * sp.tanh(x)
    h = x + f
    ctx.check(
        {"zh": "sympy：d/dx [x + F(x)] − (F'(x) + 1) = 0",
         "en": "sympy: d/dx [x + F(x)] − (F'(x) + 1) = 0"},
        claimed=0,
        computed=sp.simplify(sp.diff(h, x) - (sp.diff(f, x) + 1)),
    )
    ctx.check(
        {"zh": "d/dx [x + a·tanh(x)] 在 x = 0 处等于 1 + a",
         "en": "d/dx [x + a·tanh(x)] at x = 0 equals 1 + a"},
        claimed=0,
        computed=sp.expand(sp.diff(h, x).subs(x, 0) - (1 + a)),
    )
    ctx.formula(sp.Eq(sp.Symbol("dH/dx"), sp.diff(h, x)), label="H(x) = x + a·tanh(x)")
    rng = ctx.rng
    weights = scale * rng.uniform(0.5, 1.0, depth)

    def run(x0: float, residual: bool) -> tuple[float, list[float]]:
        v, grads, g = x0, [], 1.0
        for w in weights:
            d = w * (1 - np.tanh(v) ** 2)  # F'(v)
            g *= (1 + d) if residual else d
            v = v + w * np.tanh(v) if residual else w * np.tanh(v)
            grads.append(g)
        return v, grads

    def output(x0: complex, residual: bool) -> complex:
        v = x0
        for w in weights:
            v = v + w * np.tanh(v) if residual else w * np.tanh(v)
        return v

    x0 = 0.3
    for residual in (False, True):
        _, grads = run(x0, residual)
        # complex-step derivative Im f(x0 + ih)/h: no subtraction, so no cancellation — it stays
        # accurate to ~h² relative even when the gradient (1e-10 … 1e-80) is far below
        # round-off of f itself, where a central difference would only return noise
        h = 1e-8
        numeric = float(output(complex(x0, h), residual).imag / h)
        label = "residual" if residual else "plain"
        ctx.check(
            {"zh": f"{label}：链式法则乘积与数值导数（复步长 Im f(x₀+ih)/h）一致",
             "en": f"{label}: chain-rule product matches the numerical derivative "
                   "(complex step Im f(x₀+ih)/h)"},
            claimed=numeric,
            computed=grads[-1],
            rel=1e-9,
            tol=1e-300,
        )
    _, plain = run(x0, False)
    _, res = run(x0, True)
    ctx.check(
        {"zh": f"{depth} 层普通链且 |F'| ≤ {scale}：梯度 ≤ {scale}^{depth}",
         "en": f"plain chain of {depth} layers with |F'| ≤ {scale}: gradient ≤ {scale}^{depth}"},
        claimed=scale**depth,
        computed=abs(plain[-1]),
        op="<=",
        tol=1e-300,
    )
    ctx.check(
        {"zh": "残差链：这里每个因子 1 + F' ≥ 1，因此梯度不会低于 1",
         "en": "residual chain: every factor 1 + F' ≥ 1 here, so the gradient never drops below 1"},
        claimed=1.0,
        computed=min(res),
        op=">=",
        tol=1e-12,
    )
    # not a guarantee either way: the same residual chain with other branches
    def residual_grad(ws: np.ndarray) -> float:
        v, g = x0, 1.0
        for w in ws:
            g *= 1 + w * (1 - np.tanh(v) ** 2)
            v = v + w * np.tanh(v)
        return g

    small = residual_grad(ctx.rng.uniform(-1e-3, 1e-3, depth))
    ctx.check(
        {"zh": f"{depth} 个块、分支很小（|F'| ≤ 1e-3，接近置零）：残差链梯度接近 1（在 [0.8, 1.25] 内）",
         "en": f"{depth} blocks with tiny branches (|F'| ≤ 1e-3, near zero-init): residual gradient stays "
               "close to 1 (within [0.8, 1.25])"},
        claimed=True,
        computed=bool(0.8 <= small <= 1.25),
    )
    cancel = residual_grad(np.full(depth, -0.9))
    ctx.check(
        {"zh": f"{depth} 个块、分支抵消捷径（F = −0.9·tanh，F' ≈ −0.9）：残差链梯度 < 0.5^{depth}",
         "en": f"{depth} blocks whose branches cancel the shortcut (F = −0.9·tanh, F' ≈ −0.9): "
               f"residual gradient < 0.5^{depth}"},
        claimed=0.5**depth,
        computed=abs(cancel),
        op="<",
        tol=0.0,
    )
    layers = np.arange(1, depth + 1)
    ctx.plot(
        {"zh": "log10 |∂x_L/∂x_0| 随深度", "en": "log10 |∂x_L/∂x_0| vs depth"},
        [
            ctx.series("plain", layers, np.log10(np.abs(plain) + 1e-300)),
            ctx.series("residual", layers, np.log10(res)),
        ],
        xlabel="depth",
        ylabel="log10 gradient",
    )


def _relative_correction(rng: np.random.Generator, x: np.ndarray, scale: float) -> float:
    """‖F(x)‖ / ‖x‖ for a ReLU branch whose weights are ``scale`` × the N(0, 1/dim) init."""
    dim = x.shape[1]
    w1 = rng.normal(0, 1 / np.sqrt(dim), (dim, dim))
    w2 = scale * rng.normal(0, 1 / np.sqrt(dim), (dim, dim))
    branch = np.maximum(x @ w1, 0) @ w2
    return float(np.linalg.norm(branch) / np.linalg.norm(x))


@proof(
    "resnet.zero_block_identity",
    title={
        "zh": "残差分支权重为 0 时，残差块恰好是恒等映射",
        "en": "With zero weights in the residual branch the block is exactly the identity",
    },
    params=[
        Param("dim", 8, min=1, max=256, help={"zh": "特征维度", "en": "feature dimension"}),
        Param("blocks", 50, min=1, max=500,
              help={"zh": "堆叠的块数", "en": "number of stacked blocks"}),
    ],
    seed=1,
)
def zero_block_identity(ctx, dim: int, blocks: int) -> None:
    rng = ctx.rng
    x = rng.normal(size=(16, dim))
    w1 = rng.normal(size=(dim, dim))
    b1 = rng.normal(size=dim)
    w2, b2 = np.zeros((dim, dim)), np.zeros(dim)

    def branch(v: np.ndarray) -> np.ndarray:
        return np.maximum(v @ w1 + b1, 0) @ w2 + b2

    y = x
    for _ in range(blocks):
        y = y + branch(y)
    ctx.check(
        {"zh": f"{blocks} 个残差块且 W₂ = 0、b₂ = 0：输出恰好等于输入",
         "en": f"{blocks} residual blocks with W₂ = 0, b₂ = 0: output = input exactly"},
        claimed=0.0,
        computed=float(np.abs(y - x).max()),
        tol=0,
    )
    plain = branch(x)
    ctx.check(
        {"zh": "权重同样为零的普通块输出 0，而不是 x",
         "en": "a plain block with the same zero weights outputs 0, not x"},
        claimed=float(np.abs(x).max()),
        computed=float(np.abs(plain - x).max()),
        tol=1e-12,
    )
    # a tiny non-zero residual only perturbs the identity slightly
    ctx.check(
        {"zh": "残差权重为初始化尺度 1/√dim 的 1/1000 → ‖y − x‖ < 1 % · ‖x‖（只做小幅修正）",
         "en": "residual weights 1/1000 of the 1/√dim init scale → ‖y − x‖ < 1 % of ‖x‖ "
               "(a small correction)"},
        claimed=0.01,
        computed=_relative_correction(rng, x, 1e-3),
        op="<",
    )


@proof(
    "resnet.degradation",
    title={
        "zh": "退化：同一函数类，深的普通网络训练误差反而更高（优化问题，不是过拟合）",
        "en": "Degradation: same function class, yet the deep plain net has HIGHER training error",
    },
    params=[
        Param("deep", 20, min=8, max=40,
              help={"zh": "深层网络的深度（≥ 8：浅了退化不明显）", "en": "depth of the deep networks (≥ 8: shallower ones barely degrade)"}),
        Param("steps", 200, min=200, max=1000,
              help={"zh": "梯度下降步数（≥ 200：太少时谁都没训练好）", "en": "gradient-descent steps (≥ 200: with fewer no network is trained yet)"}),
    ],
    seed=2,
)
def degradation(ctx, deep: int, steps: int) -> None:
    rng = ctx.rng
    n, d = 100, 8
    x = rng.normal(size=(n, d))
    target = np.eye(d) + 0.5 * rng.normal(size=(d, d)) / np.sqrt(d)
    y = x @ target.T
    # deep LINEAR networks: every depth represents exactly the same functions (all linear maps),
    # so any gap in training loss is an optimisation effect, not capacity or overfitting
    inits = {
        depth: [rng.normal(0, 1 / np.sqrt(d), (d, d)) for _ in range(depth)] for depth in (1, deep)
    }

    def train(depth: int, residual: bool, lr: float) -> float:
        ws = [np.zeros((d, d)) if residual else w.copy() for w in inits[depth]]

        def forward() -> list[np.ndarray]:
            acts = [x]
            for w in ws:
                acts.append(acts[-1] + acts[-1] @ w.T if residual else acts[-1] @ w.T)
            return acts

        for _ in range(steps):
            acts = forward()
            g = (acts[-1] - y) * (2 / (n * d))
            for li in range(depth - 1, -1, -1):
                gw = g.T @ acts[li]
                g = g + g @ ws[li] if residual else g @ ws[li]
                ws[li] -= lr * gw
        loss = float(np.mean((forward()[-1] - y) ** 2))
        return loss if np.isfinite(loss) else float("inf")

    def best(depth: int, residual: bool) -> float:
        # best training loss over a learning-rate sweep: every model gets its best shot
        with np.errstate(all="ignore"):
            return min(train(depth, residual, lr) for lr in (0.003, 0.01, 0.03, 0.1))

    shallow = best(1, False)
    plain_deep = best(deep, False)
    res_deep = best(deep, True)
    ctx.check(
        {"zh": f"训练 {steps} 步后（适用范围：≥ 200 步、深度 ≥ 8）：深度 {deep} 的普通网络的训练 MSE "
               "比深度 1 差 100 倍以上（函数类相同）",
         "en": f"after {steps} steps (regime: ≥ 200 steps, depth ≥ 8): training MSE of plain depth "
               f"{deep} is > 100× worse than depth 1 (same function class)"},
        claimed=100 * shallow,
        computed=plain_deep,
        op=">",
    )
    ctx.check(
        {"zh": f"深度 {deep} 的残差网络（各块从恒等映射开始）训练效果至少与深度 1 一样好",
         "en": f"residual depth {deep} (blocks start at the identity) trains at least as well as depth 1"},
        claimed=shallow,
        computed=res_deep,
        op="<=",
        tol=1e-12,
    )
    ctx.note(
        {
            "zh": "过拟合表现为训练误差低、测试误差高；退化是训练误差本身就更高，是优化问题。",
            "en": "Overfitting means low training but high test error; degradation is a higher "
            "TRAINING error — an optimisation problem.",
        }
    )
    ctx.table(
        [{"zh": "网络（线性）", "en": "network (linear)"}, {"zh": "最佳训练 MSE", "en": "best training MSE"}],
        [
            ["plain, depth 1", shallow],
            [f"plain, depth {deep}", plain_deep],
            [f"residual, depth {deep}", res_deep],
        ],
    )


@proof(
    "resnet.projection_params",
    title={
        "zh": "维度变化时的捷径：1×1 卷积投影 C_in·C_out 个参数，零填充 0 个",
        "en": "Shortcut when dimensions change: 1×1 projection has C_in·C_out params, zero-padding has 0",
    },
    params=[
        Param("c_in", 64, min=1, max=2048, help={"zh": "输入通道数", "en": "input channels"}),
        Param("c_out", 128, min=1, max=4096,
              help={"zh": "输出通道数（零填充时需 ≥ c_in）",
                    "en": "output channels (≥ c_in for zero-padding)"}),
    ],
    seed=3,
)
def projection_params(ctx, c_in: int, c_out: int) -> None:
    rng = ctx.rng
    size = 8
    x = rng.normal(size=(c_in, size, size))
    w_s = rng.normal(size=(c_out, c_in, 1, 1))  # projection W_s, stride 2, no bias
    proj = np.einsum("oi,ihw->ohw", w_s[:, :, 0, 0], x[:, ::2, ::2])
    ctx.check(
        {"zh": "1×1 卷积，步幅 2：输出形状 (C_out, H/2, W/2)",
         "en": "1×1 conv, stride 2: output shape (C_out, H/2, W/2)"},
        claimed=[c_out, size // 2, size // 2],
        computed=list(proj.shape),
        tol=0,
    )
    ctx.check(
        {"zh": f"投影参数量 = C_in·C_out = {c_in * c_out}",
         "en": f"projection parameters = C_in·C_out = {c_in * c_out}"},
        claimed=c_in * c_out,
        computed=w_s.size,
        tol=0,
    )
    extra = max(c_out - c_in, 0)
    padded = np.concatenate([x[:, ::2, ::2], np.zeros((extra, size // 2, size // 2))])[:c_out]
    ctx.check(
        {"zh": "零填充捷径（步幅 2 下采样 + 补零通道）使形状匹配",
         "en": "zero-padding shortcut (stride-2 subsampling + zero channels) matches the shape"},
        claimed=list(proj.shape),
        computed=list(padded.shape),
        tol=0,
    )
    ctx.check(
        {"zh": "……且新增通道全为零，因此没有需要学习的东西（0 个参数）",
         "en": "…and the new channels are all zero, so there is nothing to learn (0 parameters)"},
        claimed=0.0,
        computed=float(np.abs(padded[c_in:]).sum()),
        tol=0,
    )
    macs = proj.shape[1] * proj.shape[2] * w_s.size
    ctx.table(
        [{"zh": "捷径",
          "en": "shortcut"}, {"zh": "参数量", "en": "parameters"}, {"zh": "乘加次数", "en": "multiply-adds"}],
        [
            ["identity (same shape)", 0, 0],
            ["zero-padding", 0, 0],
            ["1×1 projection", w_s.size, macs],
        ],
    )
    ctx.formula(r"y = F(x,\{W_i\}) + W_s x,\quad |W_s| = C_{in}\,C_{out}")


@proof(
    "resnet.path_expansion",
    title={
        "zh": "n 个残差块展开成 2ⁿ 条路径（自适应深度的一种解释）",
        "en": "n residual blocks unroll into 2ⁿ paths (one view of 'adaptive depth')",
    },
    params=[
        Param("blocks", 3, min=1, max=10,
              help={"zh": "残差块数 n", "en": "number of residual blocks n"}),
        Param("dim", 4, min=1, max=16, help={"zh": "特征维度", "en": "feature dimension"}),
    ],
    seed=4,
)
def path_expansion(ctx, blocks: int, dim: int) -> None:
    rng = ctx.rng
    mats = [rng.normal(0, 0.5, (dim, dim)) for _ in range(blocks)]
    x = rng.normal(size=dim)
    y = x.copy()
    for a in mats:
        y = y + a @ y  # linear residual block: (I + A) y
    total = np.zeros(dim)
    lengths = []
    for subset in itertools.product((0, 1), repeat=blocks):
        v = x.copy()
        for use, a in zip(subset, mats, strict=True):
            if use:
                v = a @ v
        total += v
        lengths.append(sum(subset))
    ctx.check(
        {"zh": "∏(I + A_l)·x = 对所有路径求和（每个块要么跳过、要么使用）",
         "en": "∏(I + A_l)·x = sum over all paths (each block skipped or used)"},
        claimed=0.0,
        computed=float(np.abs(y - total).max()),
        tol=1e-9,
    )
    ctx.check(
        {"zh": f"经过 {blocks} 个块的路径数 = 2^{blocks}",
         "en": f"number of paths through {blocks} blocks = 2^{blocks}"},
        claimed=2**blocks,
        computed=len(lengths),
        tol=0,
    )
    counts = np.bincount(lengths, minlength=blocks + 1)
    ctx.table(
        [{"zh": "路径长度（使用的块数）",
          "en": "path length (blocks used)"}, {"zh": "路径数", "en": "number of paths"}],
        [[k, int(c)] for k, c in enumerate(counts)],
    )


@proof(
    "resnet.residual_sensitivity",
    title={
        "zh": "“差分放大”：同样的输出变化，对残差 F 是大得多的相对变化",
        "en": "'Difference amplifier': the same output change is a far larger relative change of F",
    },
    params=[
        Param("x", 5.0, min=0.1, max=5.9,
              help={"zh": "输入值 x（结论针对 H 接近 x：|H − x| < |H|，即 0 < x < 2H；上限 5.9 < 2 × h_old 的下限 3，"
                          "所以范围内任意组合都满足）",
                    "en": "input value x (the claim is about H near x: |H − x| < |H|, i.e. 0 < x < 2H; the cap 5.9 is "
                          "below 2 × h_old's minimum 3, so every combination in range satisfies it)"}),
        Param("h_old", 5.1, min=3.0, max=200.0,
              help={"zh": "变化前的目标输出（≥ 3 > x/2：与 x 足够接近）", "en": "target output before (≥ 3 > x/2: near enough to x)"}),
        Param("h_new", 5.2, min=0.1, max=200.0,
              help={"zh": "变化后的目标输出", "en": "target output after"}),
    ],
)
def residual_sensitivity(ctx, x: float, h_old: float, h_new: float) -> None:
    if h_old == x:
        raise ParamError("h_old must differ from x: F = h_old − x = 0 has no relative change")
    if h_new == h_old:
        raise ParamError("h_new must differ from h_old: there is no change to compare")
    rel_h = abs(h_new - h_old) / abs(h_old)
    f_old, f_new = h_old - x, h_new - x
    rel_f = abs(f_new - f_old) / abs(f_old)
    # same numerator |Δ|, so rel_f > rel_h ⟺ |F| < |H|: true only near the identity (0 < x < 2H)
    ctx.check(
        {"zh": f"接近恒等映射时（|F| = |H − x| < |H|，此处 {abs(f_old):g} 对 {abs(h_old):g}）："
               "F 的相对变化大于 H 的相对变化",
         "en": f"near the identity (|F| = |H − x| < |H|, here {abs(f_old):g} vs {abs(h_old):g}): "
               "relative change of F is larger than that of H"},
        claimed=rel_h,
        computed=rel_f,
        op=">",
    )
    ctx.table(
        [{"zh": "量", "en": "quantity"}, {"zh": "之前", "en": "before"}, {"zh": "之后",
                                "en": "after"}, {"zh": "相对变化", "en": "relative change"}],
        [["H(x)", h_old, h_new, rel_h], ["F(x) = H(x) − x", f_old, f_new, rel_f]],
    )
    if (x, h_old, h_new) == (5.0, 5.1, 5.2):
        ctx.check(
            {"zh": "默认示例：F 从 0.1 变到 0.2，变化 100 %",
             "en": "default example: F goes 0.1 → 0.2, a 100 % change"},
            claimed=1.0,
            computed=rel_f,
            tol=1e-9,
        )
        ctx.check({"zh": "而 H 只变化 1/51 ≈ 1.96 %",
                   "en": "while H changes by 1/51 ≈ 1.96 %"}, claimed=1 / 51, computed=rel_h, tol=1e-9)
