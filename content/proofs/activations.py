"""Proofs for the activation-function deck (机器学习基础 › 二、激活函数)."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from studytool.proofs.api import Param, proof


@proof(
    "activations.sigmoid_derivative_max",
    title={"zh": "σ'(x) = σ(1−σ)，最大值 1/4 在 x = 0", "en": "σ'(x) = σ(1−σ), maximum 1/4 at x = 0"},
    params=[
        Param("x_range", 8.0, min=1.0, max=50.0,
              help={"zh": "数值网格与绘图区间的半宽",
                    "en": "half-width of the numeric grid and plot"}),
        Param("points", 2001, min=101, max=200001,
              help={"zh": "数值检验的网格点数", "en": "grid points for the numeric check"}),
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
    ctx.check({"zh": "σ'(x) − σ(x)(1−σ(x)) 化简为 0",
               "en": "σ'(x) − σ(x)(1−σ(x)) simplifies to 0"}, claimed=0, computed=residual)
    # maximum: solve σ''(x) = 0, substitute
    crit = sp.solve(sp.Eq(sp.diff(sigma, x, 2), 0), x)
    ctx.check({"zh": "σ''(x) = 0 仅在 x = 0 处成立",
               "en": "σ''(x) = 0 only at x = 0"}, claimed=[0], computed=[float(c) for c in crit])
    ctx.check({"zh": "σ'(0) = 1/4 (sympy)",
               "en": "σ'(0) = 1/4 (sympy)"}, claimed=0.25, computed=d1.subs(x, 0))
    grid = np.linspace(-x_range, x_range, points)
    s = 1 / (1 + np.exp(-grid))
    ds = s * (1 - s)
    ctx.check({"zh": "网格上 σ' 的最大值 ≤ 1/4",
               "en": "max of σ' over the grid ≤ 1/4"}, claimed=0.25, computed=float(ds.max()), op="<=", tol=1e-15)
    ctx.check({"zh": "网格上的最大值点为 x = 0",
               "en": "grid arg-max is x = 0"}, claimed=0.0, computed=float(grid[ds.argmax()]), tol=2 * x_range / (points - 1))
    ctx.plot(
        {"zh": "σ 与 σ'", "en": "σ and σ'"},
        [ctx.series("σ(x)", grid[::20], s[::20]), ctx.series("σ'(x)", grid[::20], ds[::20])],
        xlabel="x",
        ylabel="y",
    )


# --------------------------------------------------------------------------- helpers


def _sig(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def _sym_sigma(x: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-x))


# --------------------------------------------------------------------------- general properties


@proof(
    "activations.linear_collapse",
    title={
        "zh": "没有非线性，多层网络退化为一个仿射映射（解不了 XOR）；加 ReLU 就能",
        "en": "Without a non-linearity stacked layers collapse to one affine map (no XOR); with ReLU they do not",
    },
    params=[Param("depth", 5, min=2, max=20,
                  help={"zh": "堆叠的线性层数", "en": "number of stacked linear layers"})],
    seed=20,
)
def linear_collapse(ctx, depth: int) -> None:
    rng = ctx.rng
    Ws = [rng.normal(size=(4, 4)) for _ in range(depth)]
    bs = [rng.normal(size=4) for _ in range(depth)]
    W, b = np.eye(4), np.zeros(4)
    for Wi, bi in zip(Ws, bs, strict=True):
        W, b = Wi @ W, Wi @ b + bi
    x = rng.normal(size=(50, 4))
    h = x
    for Wi, bi in zip(Ws, bs, strict=True):
        h = h @ Wi.T + bi
    gap = float(np.abs(h - (x @ W.T + b)).max() / np.abs(h).max())
    ctx.check(
        {"zh": f"{depth} 层线性网络 = 单个仿射映射 Wx + b（相对误差）", "en": f"{depth} linear layers = one affine map Wx + b (relative error)"},
        claimed=0.0,
        computed=gap,
        tol=1e-10,
    )
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0], dtype=float)
    A = np.column_stack([X, np.ones(4)])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    mse_lin = float(((A @ coef - y) ** 2).mean())
    ctx.check(
        {"zh": "最优仿射拟合 XOR 的 MSE = 0.25（只能全预测 0.5）", "en": "best affine fit of XOR has MSE 0.25 (it predicts 0.5 everywhere)"},
        claimed=0.25,
        computed=mse_lin,
    )
    hidden = np.maximum(0, np.column_stack([X.sum(1), X.sum(1) - 1]))
    out = hidden @ np.array([1.0, -2.0])
    ctx.check(
        {"zh": "两个 ReLU 隐单元精确表示 XOR（MSE）", "en": "two ReLU hidden units represent XOR exactly (MSE)"},
        claimed=0.0,
        computed=float(((out - y) ** 2).mean()),
    )
    # "strictly: non-polynomial": with the activation z², a net of depth 2 (any width) is a polynomial of
    # degree ≤ 4 in its input, so it cannot approach a non-polynomial target such as ReLU arbitrarily well
    xs = sp.symbols("x", real=True)
    width = 3
    # non-zero first-layer weights and positive second-layer weights: the x⁴ coefficient Σᵢ(Σⱼ w2ᵢⱼ w1ⱼ²)² > 0
    w1 = [sp.Rational(int(v), 4) for v in rng.choice([-1, 1], size=width) * rng.integers(1, 9, size=width)]
    b1 = [sp.Rational(int(v), 4) for v in rng.integers(-8, 9, size=width)]
    w2 = sp.Matrix(width, width, [sp.Rational(int(v), 4) for v in rng.integers(1, 9, size=width * width)])
    h1 = sp.Matrix([(wi * xs + bi) ** 2 for wi, bi in zip(w1, b1, strict=True)])
    h2 = (w2 * h1).applyfunc(lambda e: e**2)
    out_poly = sp.expand(sum(h2))
    ctx.check(
        {"zh": "激活 z²、2 层：网络输出是 x 的 4 次多项式（次数 = 2²）",
         "en": "activation z², 2 layers: the output is a polynomial in x of degree 4 (= 2²)"},
        claimed=4,
        computed=sp.degree(out_poly, xs),
    )
    # a lower bound valid for EVERY polynomial p of degree ≤ 4 (not just one fitted p): the weights
    # λ_i = 1/∏_{j≠i}(x_i − x_j) on 6 points form the 5th divided difference, which is 0 on every
    # polynomial of degree ≤ 4, so |Σ λ_i f(x_i)| = |Σ λ_i (f − p)(x_i)| ≤ max_i |f − p|(x_i) · Σ|λ_i|
    # (de la Vallée Poussin). Symmetric points give 0 (ReLU − x/2 is even); these give ≈ the minimax error.
    pts = np.array([-0.8, -0.3, 0.0, 0.3, 0.8, 1.0])
    lam = np.array([1 / np.prod([xi - xj for xj in pts if xj != xi]) for xi in pts])
    ctx.check(
        {"zh": "这组权重 λ 消去 1, x, …, x⁴（因此消去任何 4 次多项式）：max_k |Σ λ_i x_i^k| / Σ|λ_i| = 0",
         "en": "the weights λ annihilate 1, x, …, x⁴ (hence every degree-4 polynomial): max_k |Σ λ_i x_i^k| / Σ|λ_i| = 0"},
        claimed=0.0,
        computed=float(max(abs(lam @ pts**k) for k in range(5)) / np.abs(lam).sum()),
        tol=1e-12,
    )
    lower = float(abs(lam @ np.maximum(0, pts)) / np.abs(lam).sum())
    ctx.check(
        {"zh": f"任何 4 次多项式逼近 [−1, 1] 上的 ReLU：最大误差 ≥ {lower:.4f} > 0.01（de la Vallée Poussin 下界，6 个点）",
         "en": f"every degree-4 polynomial misses ReLU on [−1, 1] by > 0.01 somewhere (de la Vallée Poussin lower bound "
               f"on 6 points: ≥ {lower:.4f})"},
        claimed=0.01,
        computed=lower,
        op=">",
        tol=0.0,
    )
    grid = np.linspace(-1, 1, 401)
    vander = np.vander(grid, 5)
    fit = np.linalg.lstsq(vander, np.maximum(0, grid), rcond=None)[0]
    ctx.check(
        {"zh": "对照：最小二乘 4 次拟合的最大误差不低于这个下界（任何多项式都做不到更好）",
         "en": "consistency: the least-squares degree-4 fit's largest error is not below that bound (no polynomial does better)"},
        claimed=lower,
        computed=float(np.abs(vander @ fit - np.maximum(0, grid)).max()),
        op=">=",
        tol=0.0,
    )
    ctx.formula(r"W_n(\cdots(W_1x+b_1)\cdots)+b_n=Wx+b;\quad \mathrm{XOR}(x)=\mathrm{ReLU}(x_1+x_2)-2\,\mathrm{ReLU}(x_1+x_2-1)")


@proof(
    "activations.swish_non_monotonic",
    title={
        "zh": "Swish/SiLU x·σ(x) 不单调（在 x≈−1.28 有最小值），却是常用激活函数",
        "en": "Swish/SiLU x·σ(x) is not monotonic (minimum near x ≈ −1.28), yet widely used",
    },
    seed=0,
)
def swish_non_monotonic(ctx) -> None:
    x = sp.symbols("x", real=True)
    f = x * _sym_sigma(x)
    df = sp.diff(f, x)
    xmin = sp.nsolve(df, x, -1.3)
    ctx.formula(sp.Eq(sp.Symbol("swish'(x)"), df))
    ctx.check({"zh": "swish'(−3) < 0（递减）",
               "en": "swish'(−3) < 0 (decreasing)"}, claimed=0.0, computed=float(df.subs(x, -3)), op="<")
    ctx.check({"zh": "swish'(0) = 1/2 > 0（递增）",
               "en": "swish'(0) = 1/2 > 0 (increasing)"}, claimed=0.5, computed=df.subs(x, 0))
    ctx.check({"zh": "最小值点 x*", "en": "minimiser x*"}, claimed=-1.2785, computed=float(xmin), tol=1e-3)
    ctx.check({"zh": "最小值 f(x*) < 0", "en": "minimum value f(x*) < 0"}, claimed=0.0, computed=float(f.subs(x, xmin)), op="<")
    ctx.check({"zh": "最小值 f(x*) ≈ −0.278", "en": "minimum value f(x*) ≈ −0.278"}, claimed=-0.2785,
              computed=float(f.subs(x, xmin)), tol=1e-3)
    gelu = x * (1 + sp.erf(x / sp.sqrt(2))) / 2  # x·Φ(x)
    dgelu = sp.diff(gelu, x)
    ctx.check({"zh": "GELU 也不单调：GELU'(−2) < 0", "en": "GELU is non-monotonic too: GELU'(−2) < 0"}, claimed=0.0,
              computed=float(dgelu.subs(x, -2)), op="<")
    ctx.check({"zh": "GELU'(0) = 1/2 > 0", "en": "GELU'(0) = 1/2 > 0"}, claimed=0.5, computed=dgelu.subs(x, 0))
    grid = np.linspace(-6, 4, 101)
    ctx.plot(
        "swish(x) = x·σ(x)",
        [ctx.series("swish", grid, grid * _sig(grid)), ctx.series("ReLU", grid, np.maximum(0, grid))],
        xlabel="x",
        ylabel="y",
    )


# --------------------------------------------------------------------------- sigmoid


@proof(
    "activations.sigmoid_not_zero_centred",
    title={
        "zh": "Sigmoid 输出恒正：下一层权重梯度各分量同号（之字形更新）",
        "en": "Sigmoid outputs are all positive: the next layer's weight gradients share one sign (zig-zag)",
    },
    params=[
        Param("fan_in", 8, min=2, max=64,
              help={"zh": "下一层神经元的输入个数", "en": "inputs of the next-layer neuron"}),
        Param("trials", 2000, min=100, max=20000,
              help={"zh": "随机样本数", "en": "random samples"}),
    ],
    seed=21,
)
def sigmoid_not_zero_centred(ctx, fan_in: int, trials: int) -> None:
    x = sp.symbols("x", real=True)
    ctx.check({"zh": "σ(−x) + σ(x) = 1 (sympy)",
               "en": "σ(−x) + σ(x) = 1 (sympy)"}, claimed=1, computed=sp.simplify(_sym_sigma(-x) + _sym_sigma(x)))
    z = ctx.rng.standard_normal((trials, fan_in))
    delta = ctx.rng.standard_normal((trials, 1))  # upstream gradient ∂L/∂(w·h)
    same = {}
    for name, act in (("sigmoid", _sig), ("tanh", np.tanh)):
        grad = delta * act(z)  # ∂L/∂w_i = δ · h_i
        same[name] = float(np.mean(np.all(grad > 0, 1) | np.all(grad < 0, 1)))
    ctx.check(
        {"zh": "sigmoid 输入时梯度各分量同号的比例", "en": "share of gradients with all components of one sign (sigmoid inputs)"},
        claimed=1.0,
        computed=same["sigmoid"],
    )
    share = 2.0 ** (1 - fan_in)
    ctx.check(
        {"zh": "tanh 输入时该比例 ≈ 2^(1−n)（±4 个标准误 + 4 个样本）",
         "en": "the same share with tanh inputs ≈ 2^(1−n) (±4 standard errors + 4 samples)"},
        claimed=share,
        computed=same["tanh"],
        # the count is binomial; for a large fan_in it is only a fraction of one sample, where the
        # normal ±4 SE band is narrower than a single count (Poisson tail): 4 extra counts cover that
        tol=4 * math.sqrt(share * (1 - share) / trials) + 4 / trials,
    )
    mean_out = float(_sig(z).mean())
    ctx.check({"zh": "z~N(0,1) 时 sigmoid 输出均值 = 0.5（±4 个标准误）", "en": "mean sigmoid output for z ~ N(0,1) = 0.5 (±4 standard errors)"},
              claimed=0.5, computed=mean_out, tol=4 * float(_sig(z).std()) / math.sqrt(z.size))
    ctx.formula(r"\frac{\partial L}{\partial w_i}=\delta\,h_i,\ h_i=\sigma(z_i)>0\Rightarrow \operatorname{sign}=\operatorname{sign}(\delta)")
    ctx.table([{"zh": "输入激活", "en": "input activation"}, {"zh": "全同号比例", "en": "all same sign"}],
              [[k, round(v, 4)] for k, v in same.items()])


@proof(
    "activations.sigmoid_depth_bound",
    title={
        "zh": "经过 n 层 sigmoid 的梯度 ≤ 0.25ⁿ（|w| ≤ 1 时）；偏置使 z = 0、|w| = 1 时恰好取到",
        "en": "The gradient through n sigmoid layers is ≤ 0.25ⁿ (when |w| ≤ 1); attained with |w| = 1 and biases keeping z = 0",
    },
    params=[
        Param("depth", 10, min=1, max=40,
              help={"zh": "sigmoid 层数", "en": "number of sigmoid layers"}),
        Param("trials", 2000, min=100, max=20000,
              help={"zh": "随机生成的链数", "en": "random chains"}),
    ],
    seed=22,
)
def sigmoid_depth_bound(ctx, depth: int, trials: int) -> None:
    # h_l = σ(w_l h_{l−1} + b_l) with |w_l| ≤ 1 and arbitrary biases
    w = ctx.rng.uniform(-1, 1, size=(trials, depth))
    b = ctx.rng.normal(0, 2, size=(trials, depth))
    h = ctx.rng.normal(size=trials)
    grad = np.ones(trials)
    worst = []
    for layer in range(depth):
        s = _sig(w[:, layer] * h + b[:, layer])
        grad *= w[:, layer] * s * (1 - s)
        h = s
        worst.append(float(np.abs(grad).max()))
    ctx.check(
        {"zh": f"{trials} 条随机链（随机偏置）：{depth} 层后最大 |梯度| ≤ 0.25^{depth}",
         "en": f"{trials} random chains (random biases): largest |gradient| after {depth} layers ≤ 0.25^{depth}"},
        claimed=0.25**depth,
        computed=worst[-1],
        op="<=",
        tol=0.0,
    )
    # the bound is attained: |w_l| = 1 and biases b_l = −w_l h_{l−1} keep every z_l = 0
    signs = ctx.rng.choice([-1.0, 1.0], size=depth)
    a, g = float(ctx.rng.normal()), 1.0
    for wl in signs:
        zl = wl * a + (-wl * a)
        sl = 1 / (1 + math.exp(-zl))
        g *= wl * sl * (1 - sl)
        a = sl
    ctx.check(
        {"zh": f"|w_l| = 1、偏置使每个 z_l = 0：|梯度| 恰为 0.25^{depth}（上界可以取到）",
         "en": f"|w_l| = 1 and biases keeping every z_l = 0: |gradient| is exactly 0.25^{depth} (the bound is attained)"},
        claimed=0.25**depth,
        computed=abs(g),
        rel=1e-12,
        tol=0.0,
    )
    ctx.check({"zh": "0.25^10",
               "en": "0.25^10"}, claimed=9.5367431640625e-07, computed=sp.Rational(1, 4) ** 10)
    ns = list(range(1, depth + 1))
    ctx.plot(
        {"zh": "梯度上界与实测最大值 vs 深度", "en": "bound and observed maximum vs depth"},
        [ctx.series("0.25^n", ns, [0.25**n for n in ns]), ctx.series("max |grad|", ns, worst)],
        xlabel="depth n",
        ylabel="|dy/dx|",
        logy=True,
    )
    ctx.formula(r"h_l=\sigma(w_lh_{l-1}+b_l):\ \Big|\frac{\partial h_n}{\partial h_0}\Big|=\prod_{l=1}^n|w_l|\,\sigma'(z_l)\le\Big(\frac14\Big)^n")


@proof(
    "activations.multilabel_sigmoid_vs_softmax",
    title={
        "zh": "多标签用逐类 sigmoid，互斥类别用 softmax",
        "en": "Per-class sigmoids for multi-label, softmax for mutually exclusive classes",
    },
    params=[Param("steps", 400, min=50, max=5000,
                  help={"zh": "在 logits 上的梯度下降步数", "en": "gradient steps on the logits"})],
    seed=0,
)
def multilabel_sigmoid_vs_softmax(ctx, steps: int) -> None:
    y = np.array([1.0, 1.0, 0.0])  # the sample has labels 0 AND 1
    z_sig = np.zeros(3)
    z_soft = np.zeros(3)
    target_soft = y / y.sum()
    for _ in range(steps):
        z_sig -= 1.0 * (_sig(z_sig) - y)  # BCE gradient
        p = np.exp(z_soft - z_soft.max())
        p /= p.sum()
        z_soft -= 1.0 * (p - target_soft)  # softmax cross-entropy gradient
    p_sig = _sig(z_sig)
    p_soft = np.exp(z_soft - z_soft.max())
    p_soft /= p_soft.sum()
    ctx.check({"zh": "sigmoid：两个真标签的概率都 > 0.95", "en": "sigmoid: both true labels get probability > 0.95"},
              claimed=0.95, computed=float(p_sig[:2].min()), op=">")
    ctx.check({"zh": "softmax：两个标签的概率之和 ≤ 1，故不可能都 > 0.5", "en": "softmax: the two probabilities sum to ≤ 1, so both cannot exceed 0.5"},
              claimed=1.0, computed=float(p_soft[:2].sum()), op="<=", tol=1e-12)
    ctx.check({"zh": "softmax 的 min(p₀, p₁)", "en": "softmax min(p₀, p₁)"}, claimed=0.5,
              computed=float(p_soft[:2].min()), op="<=", tol=1e-12)
    ctx.check({"zh": "sigmoid 的输出之和可以超过 1", "en": "sigmoid outputs may sum above 1"}, claimed=1.0,
              computed=float(p_sig.sum()), op=">")
    ctx.table([{"zh": "输出", "en": "output"}, "p0", "p1", "p2", "Σp"],
              [["sigmoid", *np.round(p_sig, 3), round(float(p_sig.sum()), 3)],
               ["softmax", *np.round(p_soft, 3), round(float(p_soft.sum()), 3)]])


# --------------------------------------------------------------------------- softmax


def _sym_softmax(zs: list[sp.Symbol]) -> list[sp.Expr]:
    total = sum(sp.exp(z) for z in zs)
    return [sp.exp(z) / total for z in zs]


def _softmax(z: np.ndarray, T: float = 1.0) -> np.ndarray:
    e = np.exp((z - z.max(-1, keepdims=True)) / T)
    return e / e.sum(-1, keepdims=True)


@proof(
    "activations.softmax_basic_properties",
    title={
        "zh": "Softmax：正、和为 1、保序；温度 T→0 趋于 one-hot，T→∞ 趋于均匀",
        "en": "Softmax: positive, sums to 1, order-preserving; T→0 gives one-hot, T→∞ uniform",
    },
    params=[Param("n", 6, min=2, max=50, help={"zh": "类别数", "en": "number of classes"})],
    seed=23,
)
def softmax_basic_properties(ctx, n: int) -> None:
    z = ctx.rng.normal(size=(200, n)) * 3
    p = _softmax(z)
    ctx.check({"zh": "最小概率 > 0", "en": "smallest probability > 0"}, claimed=0.0, computed=float(p.min()), op=">")
    ctx.check({"zh": "|Σp − 1| 的最大值", "en": "largest |Σp − 1|"}, claimed=0.0, computed=float(np.abs(p.sum(1) - 1).max()), tol=1e-12)
    ctx.check({"zh": "每一行的完整排序不变（保序）", "en": "the full ordering of every row is unchanged (order preserved)"},
              claimed=True, computed=bool(np.array_equal(np.argsort(p, 1), np.argsort(z, 1))))
    cold = _softmax(z, T=0.01)
    hot = _softmax(z, T=1e4)
    ctx.check({"zh": "T = 0.01：最大概率 ≈ 1（中位数）", "en": "T = 0.01: top probability ≈ 1 (median)"},
              claimed=1.0, computed=float(np.median(cold.max(1))), tol=1e-6)
    ctx.check({"zh": "T = 10⁴：与均匀 1/n 的最大偏差", "en": "T = 10⁴: largest deviation from uniform 1/n"},
              claimed=0.0, computed=float(np.abs(hot - 1 / n).max()), tol=1e-3)
    ctx.formula(r"\mathrm{softmax}(z)_i=\frac{e^{z_i/T}}{\sum_j e^{z_j/T}}")


@proof(
    "activations.softmax_shift_invariance",
    title={"zh": "Softmax 平移不变：softmax(z + c) = softmax(z)", "en": "Softmax is shift invariant: softmax(z + c) = softmax(z)"},
    params=[Param("n", 3, min=2, max=6,
                  help={"zh": "符号验证中的类别数",
                        "en": "number of classes in the symbolic check"})],
    seed=24,
)
def softmax_shift_invariance(ctx, n: int) -> None:
    zs = list(sp.symbols(f"z1:{n + 1}", real=True))
    c = sp.symbols("c", real=True)
    p = _sym_softmax(zs)
    shifted = _sym_softmax([z + c for z in zs])
    residual = [sp.simplify(sp.expand(a - b)) for a, b in zip(shifted, p, strict=True)]
    ctx.check({"zh": "softmax(z + c) − softmax(z) 各分量化简为 0", "en": "every component of softmax(z + c) − softmax(z) simplifies to 0"},
              claimed=[0] * n, computed=residual)
    z = ctx.rng.normal(size=(100, 5))
    cs = ctx.rng.uniform(-50, 50, size=(100, 1))
    ctx.check({"zh": "数值：随机平移后的最大差", "en": "numeric: largest difference after a random shift"},
              claimed=0.0, computed=float(np.abs(_softmax(z + cs) - _softmax(z)).max()), tol=1e-12)
    ctx.formula(r"\frac{e^{z_i+c}}{\sum_j e^{z_j+c}}=\frac{e^c e^{z_i}}{e^c\sum_j e^{z_j}}")


@proof(
    "activations.softmax_jacobian",
    title={"zh": "Softmax 的雅可比矩阵 J = diag(p) − p pᵀ", "en": "The softmax Jacobian J = diag(p) − p pᵀ"},
    params=[Param("n", 3, min=2, max=5,
                  help={"zh": "符号验证中的类别数",
                        "en": "number of classes in the symbolic check"})],
    seed=25,
)
def softmax_jacobian(ctx, n: int) -> None:
    zs = list(sp.symbols(f"z1:{n + 1}", real=True))
    p = sp.Matrix(_sym_softmax(zs))
    J = p.jacobian(zs)
    target = sp.diag(*p) - p * p.T
    diff = (J - target).applyfunc(lambda e: sp.simplify(e))
    ctx.check({"zh": "∂pᵢ/∂zⱼ − (δᵢⱼpᵢ − pᵢpⱼ) 全部为 0（sympy）", "en": "∂pᵢ/∂zⱼ − (δᵢⱼpᵢ − pᵢpⱼ) is 0 for all i, j (sympy)"},
              claimed=True, computed=bool(diff.is_zero_matrix))
    z = ctx.rng.normal(size=5)
    pn = _softmax(z)
    Jn = np.diag(pn) - np.outer(pn, pn)
    h = 1e-6
    fd = np.column_stack([(_softmax(z + h * e) - _softmax(z - h * e)) / (2 * h) for e in np.eye(5)])
    ctx.check({"zh": "有限差分与公式的最大差", "en": "largest gap between finite differences and the formula"},
              claimed=0.0, computed=float(np.abs(fd - Jn).max()), tol=1e-8)
    ctx.check({"zh": "每行之和 = 0（J·1 = 0，对应平移不变）", "en": "every row sums to 0 (J·1 = 0, the shift invariance)"},
              claimed=0.0, computed=float(np.abs(Jn.sum(1)).max()), tol=1e-15)
    ctx.check({"zh": "J 对称半正定（最小特征值 ≥ 0）", "en": "J is symmetric PSD (smallest eigenvalue ≥ 0)"},
              claimed=0.0, computed=float(np.linalg.eigvalsh(Jn).min()), op=">=", tol=1e-12)
    ctx.formula(sp.Eq(sp.Symbol("∂p_1/∂z_1"), sp.factor(sp.simplify(J[0, 0]))))
    ctx.formula(r"J=\mathrm{diag}(p)-pp^\top,\quad J_{ii}=p_i(1-p_i),\ J_{ij}=-p_ip_j")


@proof(
    "activations.softmax_two_class",
    title={"zh": "二分类 softmax = logit 之差的 sigmoid", "en": "Two-class softmax = sigmoid of the logit difference"},
    seed=0,
)
def softmax_two_class(ctx) -> None:
    z1, z2 = sp.symbols("z1 z2", real=True)
    p1 = _sym_softmax([z1, z2])[0]
    residual = sp.simplify(p1 - _sym_sigma(z1 - z2))
    ctx.check({"zh": "softmax([z1, z2])₁ − σ(z1 − z2) = 0 (sympy)",
               "en": "softmax([z1, z2])₁ − σ(z1 − z2) = 0 (sympy)"}, claimed=0, computed=residual)
    ctx.check({"zh": "数值：z = (2, −1) 时两者", "en": "numeric at z = (2, −1)"}, claimed=float(_sig(np.array(3.0))),
              computed=float(_softmax(np.array([2.0, -1.0]))[0]), tol=1e-15)
    ctx.formula(r"\frac{e^{z_1}}{e^{z_1}+e^{z_2}}=\frac{1}{1+e^{-(z_1-z_2)}}=\sigma(z_1-z_2)")


@proof(
    "activations.logsumexp_stability",
    title={"zh": "log-sum-exp 技巧：减去最大值避免上溢/下溢", "en": "The log-sum-exp trick: subtract the max to avoid overflow/underflow"},
    params=[Param("big", 1000.0, min=750.0, max=1e6,
                  help={"zh": "logits 的量级（float64 的 exp 在 ~709.8 以上上溢，在 ~−745 以下下溢为 0）",
                        "en": "size of the logits (float64 exp overflows above ~709.8 and underflows to 0 below ~−745)"})],
    seed=0,
)
def logsumexp_stability(ctx, big: float) -> None:
    z = np.array([big, big - 1.0])
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        naive = np.exp(z) / np.exp(z).sum()
        naive_lse = float(np.log(np.exp(z).sum()))
        naive_small = np.exp(-z) / np.exp(-z).sum()
    stable = _softmax(z)
    m = z.max()
    stable_lse = float(m + np.log(np.exp(z - m).sum()))
    ctx.check({"zh": "朴素 softmax 上溢得到 nan", "en": "naive softmax overflows to nan"}, claimed=True, computed=bool(np.isnan(naive).all()))
    ctx.check({"zh": "朴素 softmax 在很负的 logit 下溢得到 nan (0/0)", "en": "naive softmax underflows to nan (0/0) for very negative logits"},
              claimed=True, computed=bool(np.isnan(naive_small).all()))
    ctx.check({"zh": "朴素 log Σ exp = inf", "en": "naive log Σ exp = inf"}, claimed=True, computed=bool(np.isinf(naive_lse)))
    ctx.check({"zh": "稳定版 p₁ = σ(1)", "en": "stable p₁ = σ(1)"}, claimed=1 / (1 + math.exp(-1)), computed=float(stable[0]), tol=1e-15)
    ctx.check({"zh": "稳定版 LSE = big + log(1 + e⁻¹)", "en": "stable LSE = big + log(1 + e⁻¹)"},
              claimed=big + math.log1p(math.exp(-1)), computed=stable_lse, rel=1e-15)
    ctx.formula(r"\log\sum_j e^{z_j}=m+\log\sum_j e^{z_j-m},\quad m=\max_j z_j")
    ctx.table(["", "p", "log Σ exp"], [["naive", str(naive.tolist()), str(naive_lse)],
                                      ["stable", str(np.round(stable, 4).tolist()), round(stable_lse, 4)]])


@proof(
    "activations.softmax_ce_gradient",
    title={"zh": "Softmax + 交叉熵对 logit 的梯度 = p − y", "en": "Gradient of softmax + cross-entropy w.r.t. the logits = p − y"},
    seed=26,
)
def softmax_ce_gradient(ctx) -> None:
    zs = list(sp.symbols("z1:4", real=True))
    y1, y2 = sp.symbols("y1 y2", real=True)
    ys = [y1, y2, 1 - y1 - y2]  # a probability vector (Σy = 1)
    p = _sym_softmax(zs)
    L = -sum(y * sp.log(pi) for y, pi in zip(ys, p, strict=True))
    residual = [sp.simplify(sp.diff(L, z) - (pi - y)) for z, pi, y in zip(zs, p, ys, strict=True)]
    ctx.check({"zh": "∂L/∂zⱼ − (pⱼ − yⱼ) = 0（sympy，j = 1..3）", "en": "∂L/∂zⱼ − (pⱼ − yⱼ) = 0 (sympy, j = 1..3)"},
              claimed=[0, 0, 0], computed=residual)
    z = ctx.rng.normal(size=4)
    y = np.eye(4)[2]
    h = 1e-6

    def loss(v: np.ndarray) -> float:
        return float(-np.log(_softmax(v)[2]))

    fd = np.array([(loss(z + h * e) - loss(z - h * e)) / (2 * h) for e in np.eye(4)])
    ctx.check({"zh": "数值梯度与 p − y 的最大差", "en": "largest gap between the numeric gradient and p − y"},
              claimed=0.0, computed=float(np.abs(fd - (_softmax(z) - y)).max()), tol=1e-8)
    ctx.formula(r"L=-\sum_i y_i\log p_i,\ \sum_i y_i=1\ \Rightarrow\ \frac{\partial L}{\partial z_j}=p_j-y_j")


# --------------------------------------------------------------------------- ReLU


@proof(
    "activations.relu_at_zero",
    title={
        "zh": "ReLU 在 0 处连续但不可导：左导数 0、右导数 1，次梯度 [0, 1]，框架约定取 0",
        "en": "ReLU at 0: continuous but not differentiable; one-sided derivatives 0 and 1, subgradient [0, 1], frameworks use 0",
    },
    params=[Param("grid", 401, min=51, max=5001,
                  help={"zh": "次梯度扫描的网格点数",
                        "en": "grid points for the subgradient scan"})],
    seed=0,
)
def relu_at_zero(ctx, grid: int) -> None:
    x, h = sp.symbols("x h", real=True)
    relu = sp.Max(0, x)
    left = sp.limit((relu.subs(x, h) - relu.subs(x, 0)) / h, h, 0, "-")
    right = sp.limit((relu.subs(x, h) - relu.subs(x, 0)) / h, h, 0, "+")
    ctx.check({"zh": "左导数", "en": "left derivative"}, claimed=0, computed=left)
    ctx.check({"zh": "右导数", "en": "right derivative"}, claimed=1, computed=right)
    ctx.check({"zh": "左右导数不等 → 0 处不可导", "en": "they differ → not differentiable at 0"}, claimed=True, computed=bool(left != right))
    lim_l = sp.limit(relu, x, 0, "-")
    lim_r = sp.limit(relu, x, 0, "+")
    ctx.check({"zh": "连续：左极限 = 右极限 = ReLU(0) = 0", "en": "continuous: left limit = right limit = ReLU(0) = 0"},
              claimed=[0, 0], computed=[lim_l - relu.subs(x, 0), lim_r - relu.subs(x, 0)])
    ys = np.linspace(-2, 2, grid)
    gs = np.linspace(-0.5, 1.5, 201)
    valid = [g for g in gs if np.all(np.maximum(0, ys) >= g * ys - 1e-12)]
    ctx.check({"zh": "满足 ReLU(y) ≥ g·y 的 g 构成 [0, 1]（最小、最大）", "en": "the g with ReLU(y) ≥ g·y for all y form [0, 1] (min, max)"},
              claimed=[0.0, 1.0], computed=[float(min(valid)), float(max(valid))], tol=1e-9)
    # the usual backward rule: pass the gradient where x > 0 (PyTorch threshold_backward, TF ReluGrad; not
    # verified here — neither framework is installed): evaluate that rule at 0
    backward_at_zero = float(np.where(np.array([0.0]) > 0, 1.0, 0.0)[0])
    ctx.check({"zh": "规则“只在 x > 0 处通过梯度”在 0 处给出 0", "en": "the rule 'pass where x > 0' gives 0 at 0"},
              claimed=0.0, computed=backward_at_zero, tol=0.0)
    ctx.check({"zh": "这个值位于次微分 [0, 1] 内", "en": "that value lies inside the subdifferential [0, 1]"},
              claimed=True, computed=bool(min(valid) <= backward_at_zero <= max(valid)))
    xs = np.linspace(-2, 2, 81)
    ctx.plot("ReLU", [ctx.series("ReLU", xs, np.maximum(0, xs)), ctx.series("ReLU' (0 at 0)", xs, (xs > 0).astype(float))],
             xlabel="x", ylabel="y")


def _revive_second_layer_unit(rng, steps: int = 200) -> dict:
    """Net x → h = ReLU(a·x + c) → u = ReLU(w·h + b) (2 units) → v·u, fitting y = 40x; unit 2 starts with
    b = −3 while h ≤ 1, so it is inactive on every input. All parameters train by gradient descent."""
    x = rng.uniform(0, 1, 200)
    y = 40 * x
    a, c = 1.0, 0.0
    w, b, v = np.array([1.0, 1.0]), np.array([0.0, -3.0]), np.array([1.0, 1.0])
    lr = 0.002
    out = {"revived_at": None}
    for t in range(steps):
        h = np.maximum(a * x + c, 0)
        z = np.outer(h, w) + b
        u = np.maximum(z, 0)
        r = u @ v - y
        g_z = 2 * r[:, None] * v / len(x) * (z > 0)
        gw, gb = (g_z * h[:, None]).sum(0), g_z.sum(0)
        gv = (2 * r[:, None] * u / len(x)).sum(0)
        g_h = (g_z * w).sum(1) * (a * x + c > 0)
        ga, gc = (g_h * x).sum(), g_h.sum()
        if t == 0:
            out["start_share"] = float((z[:, 1] > 0).mean())
            out["start_grad"] = float(abs(gw[1]) + abs(gb[1]))
        if out["revived_at"] is None and (z[:, 1] > 0).any():
            out["revived_at"] = t
        w, b, v, a, c = w - lr * gw, b - lr * gb, v - lr * gv, a - lr * ga, c - lr * gc
    out["end_share"] = float(((np.maximum(a * x + c, 0) * w[1] + b[1]) > 0).mean())
    return out


@proof(
    "activations.dying_relu",
    title={
        "zh": "Dying ReLU：预激活恒为负时自身梯度恒为 0（第一层单元在固定数据上永不恢复）；Leaky ReLU 能恢复；"
              "上游层在训练时，深层的死单元也可能复活",
        "en": "Dying ReLU: if pre-activations are always negative its own gradient is exactly 0 (a first-layer unit on "
              "fixed data never recovers); Leaky ReLU recovers; a dead unit in a later layer can revive as upstream layers train",
    },
    params=[
        Param("bias", -5.0, min=-20.0, max=-3.0,
              help={"zh": "神经元的初始偏置（不良初值）",
                    "en": "initial (bad) bias of the neuron"}),
        Param("steps", 1500, min=1500, max=10000,
              help={"zh": "梯度下降步数（≥ 1500：Leaky ReLU 的斜率只有 0.01，从偏置 −20 爬出负区要约 1100 步）",
                    "en": "gradient-descent steps (≥ 1500: with slope 0.01 Leaky ReLU needs about 1100 steps "
                          "to climb out from bias −20)"}),
    ],
    seed=27,
)
def dying_relu(ctx, bias: float, steps: int) -> None:
    X = ctx.rng.normal(size=(256, 2))
    t = np.maximum(0, X @ np.array([1.0, -1.0]) + 0.5)  # target: a live ReLU unit
    results = {}
    for name, slope in (("ReLU", 0.0), ("Leaky ReLU", 0.01)):
        w, b = np.array([0.3, 0.3]), bias
        w0, b0 = w.copy(), b
        losses = []
        for _ in range(steps):
            z = X @ w + b
            out = np.where(z > 0, z, slope * z)
            err = out - t
            dz = err * np.where(z > 0, 1.0, slope) / len(X)
            w, b = w - 1.0 * (X.T @ dz), b - 1.0 * dz.sum()
            losses.append(float((err**2).mean()))
        results[name] = (float(np.abs(w - w0).max() + abs(b - b0)), losses)
    ctx.check({"zh": "ReLU：所有预激活 < 0", "en": "ReLU: every pre-activation < 0"}, claimed=0.0,
              computed=float((X @ np.array([0.3, 0.3]) + bias).max()), op="<")
    ctx.check({"zh": "ReLU：训练后参数的总变化", "en": "ReLU: total change of the parameters after training"},
              claimed=0.0, computed=results["ReLU"][0])
    ctx.check({"zh": f"Leaky ReLU（偏置 {bias:g}，{steps} 步）：损失下降到初值的一半以下",
               "en": f"Leaky ReLU (bias {bias:g}, {steps} steps): loss falls below half its start"},
              claimed=results["Leaky ReLU"][1][0] / 2, computed=results["Leaky ReLU"][1][-1], op="<")
    # a dead unit in layer 2 is not dead for good: layer 1 keeps training and shifts the unit's inputs
    revive = _revive_second_layer_unit(ctx.rng)
    ctx.check({"zh": "第 2 层单元（偏置 −3）在第 0 步：激活比例 0，自身权重和偏置的梯度恰为 0",
               "en": "layer-2 unit (bias −3) at step 0: active on 0 of the inputs, its own weight and bias gradients exactly 0"},
              claimed=[0.0, 0.0], computed=[revive["start_share"], revive["start_grad"]], tol=0.0)
    ctx.check({"zh": "第 1 层继续训练 200 步后：该单元在 > 10% 的输入上重新激活（恢复）",
               "en": "after 200 steps in which layer 1 keeps training: the unit is active again on > 10% of the inputs (recovered)"},
              claimed=0.1, computed=revive["end_share"], op=">", tol=0.0)
    ctx.note({"zh": f"第 2 层的死单元在第 {revive['revived_at']} 步重新激活：只有第一层单元（固定数据）或对所有上游状态都为负的单元才会永久死亡。",
              "en": f"The dead layer-2 unit came back at step {revive['revived_at']}: only first-layer units on fixed data "
                    "(or units negative for every upstream state) stay dead for good."})
    idx = list(range(0, steps, max(1, steps // 100)))
    ctx.plot({"zh": "训练损失", "en": "training loss"},
             [ctx.series(n, idx, [r[1][i] for i in idx]) for n, r in results.items()], xlabel="step", ylabel="MSE")


@proof(
    "activations.relu_partly_negative_learns",
    title={
        "zh": "ReLU 单元只要对部分样本为正就仍在学习；只有对全部样本为负才“死亡”",
        "en": "A ReLU unit still learns while some samples are positive; only all-negative units are dead",
    },
    params=[
        Param("bias", -1.0, min=-2.0, max=0.5,
              help={"zh": "初始偏置（决定负输入所占的比例）",
                    "en": "initial bias (sets the share of negative inputs)"}),
        Param("steps", 300, min=150, max=5000,
              help={"zh": "梯度下降步数", "en": "gradient-descent steps"}),
    ],
    seed=28,
)
def relu_partly_negative_learns(ctx, bias: float, steps: int) -> None:
    X = ctx.rng.normal(size=(256, 2))
    t = np.maximum(0, X @ np.array([1.0, -1.0]) + 0.5)  # target: a live ReLU unit

    def train(b0: float) -> tuple[float, float, list[float]]:
        w, b = np.array([1.0, 1.0]), b0
        first_grad, losses = None, []
        for _ in range(steps):
            z = X @ w + b
            err = np.maximum(z, 0) - t
            dz = err * (z > 0) / len(X)
            gw, gb = X.T @ dz, dz.sum()
            if first_grad is None:
                first_grad = float(np.sqrt(gw @ gw + gb * gb))
            w, b = w - 0.5 * gw, b - 0.5 * gb
            losses.append(float((err**2).mean()))
        return float(((X @ np.array([1.0, 1.0]) + b0) <= 0).mean()), first_grad, losses

    share, grad, losses = train(bias)
    ctx.check(
        {"zh": "初始时有相当一部分样本的预激活 ≤ 0（≥ 30%）", "en": "initially a good share of samples has pre-activation ≤ 0 (≥ 30%)"},
        claimed=0.3,
        computed=share,
        op=">=",
    )
    ctx.check(
        {"zh": "但梯度不为 0：其余样本仍在回传梯度", "en": "yet the gradient is not 0: the other samples still back-propagate"},
        claimed=0.0,
        computed=grad,
        op=">",
    )
    ctx.check(
        {"zh": "训练后损失降到初值的一半以下：神经元在学习", "en": "the loss falls below half its start: the unit is learning"},
        claimed=losses[0] / 2,
        computed=losses[-1],
        op="<",
    )
    dead_share, dead_grad, _ = train(-8.0)
    ctx.check(
        {"zh": "对照：偏置 −8 时全部样本为负，梯度恰为 0（真正的死亡）",
         "en": "control: with bias −8 every sample is negative and the gradient is exactly 0 (truly dead)"},
        claimed=[1.0, 0.0],
        computed=[dead_share, dead_grad],
    )
    idx = list(range(0, steps, max(1, steps // 100)))
    ctx.plot(
        {"zh": "部分输入为负的 ReLU 单元的训练损失", "en": "training loss of a ReLU unit with partly negative inputs"},
        [ctx.series("MSE", idx, [losses[i] for i in idx])],
        xlabel="step",
        ylabel="MSE",
    )


@proof(
    "activations.negative_input_gradients",
    title={
        "zh": "负输入：ReLU 梯度恰为 0，sigmoid/tanh 的梯度小但严格为正",
        "en": "Negative inputs: ReLU's gradient is exactly 0, sigmoid's/tanh's are small but strictly positive",
    },
    seed=0,
)
def negative_input_gradients(ctx) -> None:
    x = sp.symbols("x", real=True)
    ds = sp.diff(_sym_sigma(x), x)
    dt = sp.diff(sp.tanh(x), x)
    ctx.check({"zh": "σ'(−1)",
               "en": "σ'(−1)"}, claimed=0.19661193, computed=float(ds.subs(x, -1)), tol=1e-8)
    ctx.check({"zh": "tanh'(−1)",
               "en": "tanh'(−1)"}, claimed=0.41997434, computed=float(dt.subs(x, -1)), tol=1e-8)
    ctx.check({"zh": "ReLU'(−1)",
               "en": "ReLU'(−1)"}, claimed=0, computed=sp.diff(sp.Max(0, x), x).subs(x, -1))
    grid = np.linspace(-8, -0.01, 200)
    s = _sig(grid)
    ctx.check({"zh": "区间 [−8, 0) 上 σ' 的最小值 > 0", "en": "smallest σ' on [−8, 0) > 0"}, claimed=0.0,
              computed=float((s * (1 - s)).min()), op=">")
    ctx.check({"zh": "区间 [−8, 0) 上 tanh' 的最小值 > 0", "en": "smallest tanh' on [−8, 0) > 0"}, claimed=0.0,
              computed=float((1 - np.tanh(grid) ** 2).min()), op=">")
    ctx.check({"zh": "区间 [−8, 0) 上 ReLU' 的最大值 = 0", "en": "largest ReLU' on [−8, 0) = 0"}, claimed=0.0,
              computed=float((grid > 0).astype(float).max()))
    ctx.table(["x", "σ'", "tanh'", "ReLU'"],
              [[v, round(float(ds.subs(x, v)), 6), round(float(dt.subs(x, v)), 6), 0] for v in (-0.5, -1, -2, -5)])


@proof(
    "activations.relu_gaussian_mean",
    title={"zh": "z ~ N(0,1) 时 E[ReLU(z)] = 1/√(2π) ≈ 0.399：ReLU 输出不以 0 为中心", "en": "For z ~ N(0,1), E[ReLU(z)] = 1/√(2π) ≈ 0.399: ReLU is not zero-centred"},
    params=[Param("samples", 200000, min=1000, max=2000000,
                  help={"zh": "蒙特卡洛样本数", "en": "Monte Carlo samples"})],
    seed=28,
)
def relu_gaussian_mean(ctx, samples: int) -> None:
    x = sp.symbols("x", real=True)
    phi = sp.exp(-x**2 / 2) / sp.sqrt(2 * sp.pi)
    mean = sp.integrate(x * phi, (x, 0, sp.oo))
    ctx.check({"zh": "∫₀^∞ x φ(x) dx − 1/√(2π) = 0",
               "en": "∫₀^∞ x φ(x) dx − 1/√(2π) = 0"}, claimed=0, computed=sp.simplify(mean - 1 / sp.sqrt(2 * sp.pi)))
    ctx.check({"zh": "1/√(2π)", "en": "1/√(2π)"}, claimed=0.3989, computed=float(mean), tol=1e-4)
    z = ctx.rng.standard_normal(samples)
    se = float(np.maximum(0, z).std() / math.sqrt(samples))
    ctx.check({"zh": "蒙特卡洛均值（±4 个标准误）", "en": "Monte Carlo mean (±4 standard errors)"}, claimed=float(mean),
              computed=float(np.maximum(0, z).mean()), tol=4 * se)
    ctx.check({"zh": "tanh 是奇函数 ⇒ E[tanh(z)] = 0（sympy）", "en": "tanh is odd ⇒ E[tanh(z)] = 0 (sympy)"}, claimed=0,
              computed=sp.simplify(sp.tanh(-x) + sp.tanh(x)))
    ctx.formula(sp.Eq(sp.Symbol("E[ReLU(z)]"), mean))


@proof(
    "activations.saturation_table",
    title={"zh": "饱和：sigmoid/tanh 的导数在 |x| 大时趋于 0，ReLU 在正区间恒为 1", "en": "Saturation: sigmoid/tanh derivatives vanish for large |x|, ReLU's stays 1 for x > 0"},
    seed=0,
)
def saturation_table(ctx) -> None:
    xs = np.array([0.0, 1.0, 2.0, 5.0, 10.0])
    s = _sig(xs)
    rows = [[float(v), float(a), float(b), float(c)] for v, a, b, c in zip(xs, s * (1 - s), 1 - np.tanh(xs) ** 2, (xs > 0).astype(float), strict=True)]
    ctx.check({"zh": "σ'(5) < 0.01",
               "en": "σ'(5) < 0.01"}, claimed=0.01, computed=rows[3][1], op="<")
    ctx.check({"zh": "tanh'(5) < 0.001",
               "en": "tanh'(5) < 0.001"}, claimed=0.001, computed=rows[3][2], op="<")
    ctx.check({"zh": "σ'(10) < 5e-5",
               "en": "σ'(10) < 5e-5"}, claimed=5e-5, computed=rows[4][1], op="<")
    ctx.check({"zh": "x > 0 时 ReLU' = 1（x = 1, 2, 5, 10）", "en": "ReLU' = 1 for x > 0 (x = 1, 2, 5, 10)"},
              claimed=[1.0] * 4, computed=[r[3] for r in rows[1:]])
    ctx.table(["x", "σ'", "tanh'", "ReLU'"], [[r[0], f"{r[1]:.3g}", f"{r[2]:.3g}", r[3]] for r in rows])
    g = np.linspace(-8, 8, 161)
    sg = _sig(g)
    ctx.plot({"zh": "三种激活函数的导数", "en": "derivatives of three activations"},
             [ctx.series("σ'", g, sg * (1 - sg)), ctx.series("tanh'", g, 1 - np.tanh(g) ** 2),
              ctx.series("ReLU'", g, (g > 0).astype(float))], xlabel="x", ylabel="derivative")


# --------------------------------------------------------------------------- Leaky ReLU


@proof(
    "activations.leaky_relu_derivative",
    title={"zh": "Leaky ReLU：x < 0 时导数为 α（0.01），x > 0 时为 1", "en": "Leaky ReLU: derivative α (0.01) for x < 0 and 1 for x > 0"},
    params=[Param("alpha", 0.01, min=0.0001, max=0.5,
                  help={"zh": "负半轴斜率 α", "en": "negative slope α"})],
    seed=0,
)
def leaky_relu_derivative(ctx, alpha: float) -> None:
    x = sp.symbols("x", real=True)
    a = sp.nsimplify(alpha)
    f = sp.Piecewise((a * x, x < 0), (x, True))
    d = sp.diff(f, x)
    ctx.check({"zh": "f'(−3) = α",
               "en": "f'(−3) = α"}, claimed=alpha, computed=float(d.subs(x, -3)), tol=1e-12)
    ctx.check({"zh": "f'(2) = 1", "en": "f'(2) = 1"}, claimed=1, computed=d.subs(x, 2))
    t = sp.symbols("t", positive=True)
    left = sp.limit((f.subs(x, -t) - f.subs(x, 0)) / (-t), t, 0, "+")
    right = sp.limit((f.subs(x, t) - f.subs(x, 0)) / t, t, 0, "+")
    ctx.check({"zh": "0 处左/右导数 = (α, 1)", "en": "one-sided derivatives at 0 = (α, 1)"}, claimed=[alpha, 1.0],
              computed=[float(left), float(right)], tol=1e-12)
    ctx.formula(sp.Eq(sp.Symbol("LeakyReLU'(x)"), d))
    g = np.linspace(-3, 3, 121)
    ctx.plot("Leaky ReLU", [ctx.series("f", g, np.where(g > 0, g, alpha * g)),
                            ctx.series("f'", g, np.where(g > 0, 1.0, alpha))], xlabel="x", ylabel="y")


@proof(
    "activations.leaky_relu_expressive",
    title={
        "zh": "Leaky ReLU 与 ReLU 一样非线性：ReLU 可由两个 Leaky 单元线性组合出来",
        "en": "Leaky ReLU is as non-linear as ReLU: ReLU is a linear combination of two leaky units",
    },
    params=[Param("alpha", 0.01, min=0.0001, max=0.9,
                  help={"zh": "负半轴斜率 α", "en": "negative slope α"})],
    seed=0,
)
def leaky_relu_expressive(ctx, alpha: float) -> None:
    def lrelu(v: np.ndarray) -> np.ndarray:
        return np.where(v > 0, v, alpha * v)

    def relu_from_leaky(v: np.ndarray) -> np.ndarray:
        identity = (lrelu(v) - lrelu(-v)) / (1 + alpha)
        return (lrelu(v) - alpha * identity) / (1 - alpha)

    g = np.linspace(-5, 5, 1001)
    ctx.check({"zh": "ReLU(x) 与 Leaky 组合的最大差", "en": "largest gap between ReLU(x) and the leaky combination"},
              claimed=0.0, computed=float(np.abs(relu_from_leaky(g) - np.maximum(0, g)).max()), tol=1e-12)
    ctx.check({"zh": "非线性：f(1) + f(−1) ≠ f(0)（差值 1 − α）", "en": "non-linear: f(1) + f(−1) ≠ f(0) (gap 1 − α)"},
              claimed=1 - alpha, computed=float(lrelu(np.array(1.0)) + lrelu(np.array(-1.0)) - lrelu(np.array(0.0))), tol=1e-12)
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    s = X.sum(1)
    xor = relu_from_leaky(s) - 2 * relu_from_leaky(s - 1)
    ctx.check({"zh": "4 个 Leaky 单元精确表示 XOR（MSE）", "en": "four leaky units represent XOR exactly (MSE)"},
              claimed=0.0, computed=float(((xor - np.array([0, 1, 1, 0])) ** 2).mean()), tol=1e-20)
    ctx.formula(r"x=\frac{f(x)-f(-x)}{1+\alpha},\qquad \mathrm{ReLU}(x)=\frac{f(x)-\alpha x}{1-\alpha}")


# --------------------------------------------------------------------------- tanh


@proof(
    "activations.tanh_sigmoid_relation",
    title={"zh": "tanh(x) = 2σ(2x) − 1，tanh'(0) = 1 = 4·σ'(0)", "en": "tanh(x) = 2σ(2x) − 1, tanh'(0) = 1 = 4·σ'(0)"},
    seed=0,
)
def tanh_sigmoid_relation(ctx) -> None:
    x = sp.symbols("x", real=True)
    ident = sp.simplify((sp.tanh(x) - (2 * _sym_sigma(2 * x) - 1)).rewrite(sp.exp))
    ctx.check({"zh": "tanh(x) − (2σ(2x) − 1) = 0 (sympy)",
               "en": "tanh(x) − (2σ(2x) − 1) = 0 (sympy)"}, claimed=0, computed=ident)
    dt = sp.diff(sp.tanh(x), x)
    ctx.check({"zh": "tanh'(x) − (1 − tanh²x) = 0",
               "en": "tanh'(x) − (1 − tanh²x) = 0"}, claimed=0, computed=sp.simplify(dt - (1 - sp.tanh(x) ** 2)))
    ctx.check({"zh": "tanh'(0)", "en": "tanh'(0)"}, claimed=1, computed=dt.subs(x, 0))
    ds = sp.diff(_sym_sigma(x), x)
    ctx.check({"zh": "tanh'(0) / σ'(0)",
               "en": "tanh'(0) / σ'(0)"}, claimed=4, computed=sp.simplify(dt.subs(x, 0) / ds.subs(x, 0)))
    crit = sp.solve(sp.diff(dt, x), x)
    ctx.check({"zh": "tanh'' = 0 只在 x = 0 ⇒ 最大值 tanh'(0) = 1", "en": "tanh'' = 0 only at x = 0 ⇒ max tanh' = tanh'(0) = 1"},
              claimed=[0], computed=[float(c) for c in crit])
    g = np.linspace(-4, 4, 161)
    ctx.plot({"zh": "tanh 对比 σ",
              "en": "tanh vs σ"}, [ctx.series("tanh", g, np.tanh(g)), ctx.series("2σ(2x)−1", g[::8], 2 * _sig(2 * g[::8]) - 1, kind="scatter"),
                           ctx.series("σ", g, _sig(g))], xlabel="x", ylabel="y")


@proof(
    "activations.tanh_sigmoid_gradient_crossover",
    title={
        "zh": "tanh' 只在 |x| < 1.66 左右大于 σ'；更远处 tanh 饱和得更快",
        "en": "tanh' exceeds σ' only for |x| ≲ 1.66; further out tanh saturates faster",
    },
    seed=0,
)
def tanh_sigmoid_gradient_crossover(ctx) -> None:
    x = sp.symbols("x", real=True)
    ds = sp.diff(_sym_sigma(x), x)
    dt = 1 - sp.tanh(x) ** 2
    xc = sp.nsolve(dt - ds, x, 1.5)
    ctx.check({"zh": "交点 x*", "en": "crossover x*"}, claimed=1.66, computed=float(xc), tol=0.01)
    ctx.check({"zh": "tanh'(0) > σ'(0)",
               "en": "tanh'(0) > σ'(0)"}, claimed=float(ds.subs(x, 0)), computed=float(dt.subs(x, 0)), op=">")
    ctx.check({"zh": "tanh'(3) < σ'(3)",
               "en": "tanh'(3) < σ'(3)"}, claimed=float(ds.subs(x, 3)), computed=float(dt.subs(x, 3)), op="<")
    ctx.check({"zh": "tanh'(x) = 4σ'(2x)（sympy）", "en": "tanh'(x) = 4σ'(2x) (sympy)"}, claimed=0,
              computed=sp.simplify((dt - 4 * ds.subs(x, 2 * x)).rewrite(sp.exp)))
    g = np.linspace(-5, 5, 201)
    s = _sig(g)
    ctx.plot({"zh": "导数对比", "en": "derivatives compared"},
             [ctx.series("tanh'", g, 1 - np.tanh(g) ** 2), ctx.series("σ'", g, s * (1 - s))], xlabel="x", ylabel="derivative")


@proof(
    "activations.tanh_range",
    title={"zh": "tanh 的值域是开区间 (−1, 1)：有限 x 取不到 ±1", "en": "tanh's range is the open interval (−1, 1): ±1 is never reached for finite x"},
    seed=0,
)
def tanh_range(ctx) -> None:
    x = sp.symbols("x", real=True)
    ctx.check({"zh": "tanh(x) = 1 的实数解个数", "en": "number of real solutions of tanh(x) = 1"}, claimed=0,
              computed=len(sp.solve(sp.Eq(sp.tanh(x), 1), x)))
    ctx.check({"zh": "1 − tanh(x) − 2/(e^{2x} + 1) = 0",
               "en": "1 − tanh(x) − 2/(e^{2x} + 1) = 0"}, claimed=0,
              computed=sp.simplify((1 - sp.tanh(x) - 2 / (sp.exp(2 * x) + 1)).rewrite(sp.exp)))
    ctx.check({"zh": "lim_{x→∞} tanh(x)",
               "en": "lim_{x→∞} tanh(x)"}, claimed=1, computed=sp.limit(sp.tanh(x), x, sp.oo))
    ctx.check({"zh": "lim_{x→−∞} tanh(x)",
               "en": "lim_{x→−∞} tanh(x)"}, claimed=-1, computed=sp.limit(sp.tanh(x), x, -sp.oo))
    ctx.check({"zh": "float64 舍入：np.tanh(20) 显示为 1.0（只是舍入）", "en": "float64 rounding: np.tanh(20) prints 1.0 (rounding only)"},
              claimed=1.0, computed=float(np.tanh(20.0)), tol=0.0)
    ctx.formula(r"1-\tanh x=\frac{2}{e^{2x}+1}>0")
