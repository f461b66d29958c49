"""Proofs for the vanishing/exploding-gradient deck (深度学习基础 › 5. 梯度消失与梯度爆炸).

Every proof computes the quantity a card claims: gradients are obtained by explicit backprop in
numpy (checked against finite differences or sympy where that matters), never copied from a formula.
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from studytool.proofs.api import Param, proof


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _orthogonal(rng, d: int):
    q, r = np.linalg.qr(rng.standard_normal((d, d)))
    return q * np.sign(np.diag(r))


def _log10(v: float) -> float:
    return float(np.log10(max(abs(v), 1e-300)))


# --------------------------------------------------------------------------- cause: the product


@proof(
    "gradients.chain_rule_product",
    title={
        "zh": "链式法则：深层复合函数的导数是各层导数的连乘",
        "en": "Chain rule: the derivative of a deep composition is a product of layer derivatives",
    },
    params=[
        Param("depth", 6, min=2, max=10,
              help={"zh": "sympy 复合函数中的 tanh 层数",
                    "en": "number of tanh layers in the sympy composition"})
    ],
    seed=1,
)
def chain_rule_product(ctx, depth: int) -> None:
    x = sp.symbols("x", real=True)
    ws = [sp.Rational(int(v), 10) for v in ctx.rng.integers(5, 25, size=depth)]
    bs = [sp.Rational(int(v), 10) for v in ctx.rng.integers(-10, 10, size=depth)]
    expr = x
    for w, b in zip(ws, bs, strict=True):
        expr = sp.tanh(w * expr + b)
    full = sp.diff(expr, x)
    # both sides are evaluated with 30-digit mpmath numbers (evaluating the nested symbolic tanh
    # with sympy's evalf takes seconds at depth 10; lambdify keeps the run fast at every depth)
    import mpmath

    with mpmath.workdps(30):
        x0 = mpmath.mpf(3) / 10
        # product of per-layer derivatives w_l * (1 - tanh(z_l)^2) along the forward pass
        a = x0
        product = mpmath.mpf(1)
        factors = []
        for w, b in zip(ws, bs, strict=True):
            wm, bm = mpmath.mpf(w.p) / w.q, mpmath.mpf(b.p) / b.q
            z = wm * a + bm
            factor = wm * (1 - mpmath.tanh(z) ** 2)
            factors.append(float(factor))
            product *= factor
            a = mpmath.tanh(z)
        d_full = float(sp.lambdify(x, full, "mpmath")(x0))
        product = float(product)
    ctx.check(
        {"zh": "sympy 对整个复合函数求 d/dx = 各层因子 w_l·tanh'(z_l) 的乘积",
         "en": "sympy d/dx of the whole composition = product of the per-layer factors w_l·tanh'(z_l)"},
        claimed=product,
        computed=d_full,
        rel=1e-12,
        tol=0.0,
    )
    # the same product for a vector MLP, in the order the card writes it:
    # ∇_x L = W_1ᵀ D_1 W_2ᵀ D_2 ⋯ W_Lᵀ D_L ∇_{a_L} L, with z_l = W_l a_{l−1}, D_l = diag(tanh'(z_l))
    width = 4
    mats = [ctx.rng.normal(0, 1.0, (width, width)) for _ in range(depth)]
    xv = ctx.rng.normal(0, 1.0, width)
    cv = ctx.rng.normal(0, 1.0, width)  # L = c · a_L, so ∇_{a_L} L = c

    def mlp_loss(inp):
        act = inp
        for m in mats:
            act = np.tanh(m @ act)
        return float(cv @ act)

    act, ds = xv, []
    for m in mats:
        z = m @ act
        ds.append(np.diag(1 - np.tanh(z) ** 2))
        act = np.tanh(z)
    grad = cv.copy()
    for m, dl in zip(reversed(mats), reversed(ds), strict=True):
        grad = m.T @ (dl @ grad)  # builds W_1ᵀD_1(W_2ᵀD_2(⋯(W_LᵀD_L c)))
    hstep = 1e-6
    fd = np.array([(mlp_loss(xv + hstep * e) - mlp_loss(xv - hstep * e)) / (2 * hstep) for e in np.eye(width)])
    ctx.check(
        {"zh": f"{depth} 层 tanh MLP：W₁ᵀD₁W₂ᵀD₂⋯W_LᵀD_L∇_(a_L)L = 有限差分 ∇ₓL",
         "en": f"{depth}-layer tanh MLP: W₁ᵀD₁W₂ᵀD₂⋯W_LᵀD_L∇_(a_L)L = finite-difference ∇ₓL"},
        claimed=fd.tolist(),
        computed=grad.tolist(),
        tol=1e-6 * max(1.0, float(np.abs(fd).max())),
        rel=1e-5,
    )
    # identical factors c give c^n: exponential in depth
    c, u = sp.symbols("c u", positive=True)
    chain = u
    for _ in range(depth):
        chain = c * chain
    ctx.check(
        {"zh": f"{depth} 层、每层因子为 c：导数为 c^{depth}",
         "en": f"{depth} layers each with factor c: derivative is c^{depth}"},
        claimed=c**depth,
        computed=sp.diff(chain, u),
    )
    ctx.formula(
        r"\frac{\partial a_n}{\partial x}=\prod_{l=1}^{n} w_l\,\varphi'(z_l)", label="chain rule"
    )
    ctx.table(
        [{"zh": "层", "en": "layer"}, "w_l·tanh'(z_l)"],
        [[i + 1, round(f, 6)] for i, f in enumerate(factors)],
        title={"zh": "每层的导数因子", "en": "per-layer factors"},
    )
    rows = [[cv, n, cv**n] for cv in (0.5, 0.9, 1.1, 2.0) for n in (10, 50)]
    ctx.table(["c", "n", "c^n"], rows, title={"zh": "指数级变化", "en": "exponential in depth"})


@proof(
    "gradients.factor_sweep",
    title={
        "zh": "每层因子 c：梯度范数 = c^深度（随机正交层上的反向传播）",
        "en": "Per-layer factor c: gradient norm = c^depth (backprop through random orthogonal layers)",
    },
    params=[
        Param(
            "factor", 0.9, min=0.1, max=2.0,
            help={"zh": "每层增益 c（层 = c·Q，Q 为正交矩阵）",
                  "en": "per-layer gain c (layer = c·Q with Q orthogonal)"}
        ),
        Param("depth", 50, min=1, max=200, help={"zh": "层数", "en": "number of layers"}),
        Param("width", 16, min=2, max=64, help={"zh": "层宽度", "en": "layer width"}),
    ],
    seed=2,
)
def factor_sweep(ctx, factor: float, depth: int, width: int) -> None:
    rng = ctx.rng
    qs = [_orthogonal(rng, width) for _ in range(depth)]
    v = rng.standard_normal(width)
    v /= np.linalg.norm(v)
    # backprop: g_{l-1} = (c Q_l)^T g_l ; record the norm after each layer. g is renormalised each
    # layer and its log-norm accumulated, so 0.1^200 neither underflows nor squares to 0 in ‖·‖
    g = v.copy()
    log_norm, norms = 0.0, []
    for q in reversed(qs):
        g = factor * q.T @ g
        n = np.linalg.norm(g)
        log_norm += np.log(n)
        g /= n
        norms.append(np.exp(log_norm))
    ctx.check(
        {"zh": f"经过 {depth} 层后 ‖∂(v·a_L)/∂x‖ = {factor}^{depth}",
         "en": f"‖∂(v·a_L)/∂x‖ after {depth} layers = {factor}^{depth}"},
        claimed=factor**depth,
        computed=norms[-1],
        rel=1e-9,
        tol=0.0,
    )
    depths = np.arange(1, depth + 1)
    # fit through depth 0 too (‖v‖ = 1), so that even depth 1 gives two points for the slope
    slope = np.polyfit(np.arange(depth + 1), np.log([1.0, *norms]), 1)[0]
    ctx.check(
        {"zh": "log‖g‖ 随深度线性变化，斜率为 log c（指数规律）",
         "en": "log‖g‖ is linear in depth with slope log c (exponential law)"},
        claimed=float(np.log(factor)),
        computed=float(slope),
        tol=1e-9,
    )
    if factor < 1:
        ctx.note(
            {"zh": "c < 1：梯度指数级消失", "en": "c < 1: the gradient vanishes exponentially"}
        )
    elif factor > 1:
        ctx.note(
            {"zh": "c > 1：梯度指数级爆炸", "en": "c > 1: the gradient explodes exponentially"}
        )
    ctx.formula(r"\|g_0\| = c^{L}\,\|g_L\|", label="norm after L layers")
    step = max(1, depth // 100)
    ctx.plot(
        {"zh": "log10 梯度范数 vs 深度", "en": "log10 gradient norm vs depth"},
        [ctx.series(f"c={factor}", depths[::step], np.log10(norms)[::step])],
        xlabel="depth",
        ylabel="log10 ‖g‖",
    )


@proof(
    "gradients.backprop_matches_finite_diff",
    title={
        "zh": "反向传播给出的就是精确梯度：小梯度来自网络本身，不是算法缺陷",
        "en": "Backprop is exact: the tiny gradient belongs to the network, not to the algorithm",
    },
    params=[Param("depth", 8, min=2, max=10,
                  help={"zh": "标量 sigmoid 链的深度", "en": "depth of the scalar sigmoid chain"})],
    seed=3,
)
def backprop_matches_finite_diff(ctx, depth: int) -> None:
    rng = ctx.rng
    w = rng.uniform(0.5, 1.5, size=depth)
    b = rng.uniform(-0.5, 0.5, size=depth)
    x0 = 0.3

    def forward(x):
        a = x
        for wl, bl in zip(w, b, strict=True):
            a = _sigmoid(wl * a + bl)
        return a

    # backprop
    a, zs = x0, []
    for wl, bl in zip(w, b, strict=True):
        zs.append(wl * a + bl)
        a = _sigmoid(zs[-1])
    grad = 1.0
    for wl, z in zip(reversed(w), reversed(zs), strict=True):
        s = _sigmoid(z)
        grad *= wl * s * (1 - s)
    h = 1e-3
    fd = (forward(x0 + h) - forward(x0 - h)) / (2 * h)
    ctx.check(
        {"zh": "反向传播梯度 = 中心有限差分（不经过反向传播）",
         "en": "backprop gradient = central finite difference (no backprop involved)"},
        claimed=fd,
        computed=grad,
        rel=1e-5,
    )
    xs = sp.symbols("x")
    expr = xs
    for wl, bl in zip(w, b, strict=True):
        expr = 1 / (1 + sp.exp(-(sp.Float(wl, 30) * expr + sp.Float(bl, 30))))
    exact = float(sp.diff(expr, xs).subs(xs, sp.Float(x0, 30)).evalf(30))
    ctx.check(
        {"zh": "反向传播梯度 = sympy 的精确导数",
         "en": "backprop gradient = sympy's exact derivative"}, claimed=exact, computed=grad, rel=1e-10
    )
    ctx.check(
        {"zh": f"精确梯度本身就极小（≤ 0.25^{depth}·∏w）",
         "en": f"the exact gradient itself is tiny (≤ 0.25^{depth}·∏w)"},
        claimed=0.25**depth * float(np.prod(w)),
        computed=abs(exact),
        op="<=",
        tol=0.0,
    )
    ctx.table(
        [{"zh": "方法", "en": "method"}, "∂a_L/∂x"],
        [["backprop", grad], ["finite difference", fd], ["sympy exact", exact]],
    )
    ctx.note(
        {
            "zh": "三种方法结果一致：梯度小是深层复合函数本身的性质（导数连乘），换算法也不会变大。",
            "en": "All three agree: the small gradient is a property of the deep composition (a product of "
            "derivatives); no other way of computing it makes it larger.",
        }
    )


# --------------------------------------------------------------------------- vanishing


@proof(
    "gradients.sigmoid_depth_bound",
    title={
        "zh": "n 层 sigmoid（单位权重）的梯度 ≤ 0.25ⁿ：数值反向传播",
        "en": "Gradient through n sigmoid layers (unit weights) ≤ 0.25ⁿ: numeric backprop",
    },
    params=[
        Param("max_depth", 30, min=2, max=100, help={"zh": "链的最大深度", "en": "deepest chain"}),
        Param("x0", 0.0, min=-5.0, max=5.0, help={"zh": "输入值", "en": "input value"}),
        Param("width", 8, min=1, max=32,
              help={"zh": "MLP 的宽度（所有权重均为 1/width，每行之和为 1）",
                    "en": "width of the MLP (all weights 1/width: row sums 1)"}),
    ],
    seed=4,
)
def sigmoid_depth_bound(ctx, max_depth: int, x0: float, width: int) -> None:
    # scalar chain with unit weight
    a, grads, zs = x0, [], []
    for _ in range(max_depth):
        zs.append(a)
        a = _sigmoid(a)
    for n in range(1, max_depth + 1):
        g = 1.0
        for z in reversed(zs[:n]):
            s = _sigmoid(z)
            g *= 1.0 * s * (1 - s)
        grads.append(g)
    depths = np.arange(1, max_depth + 1)
    worst = max(grads[i] / 0.25 ** (i + 1) for i in range(max_depth))
    ctx.check(
        {"zh": "对所有 n 取 (梯度 / 0.25ⁿ) 的最大值 ≤ 1",
         "en": "max over n of (gradient / 0.25ⁿ) ≤ 1"}, claimed=1.0, computed=worst, op="<=", tol=1e-12
    )
    ctx.check(
        {"zh": "10 层：梯度 ≤ 0.25^10 ≈ 9.54e-7", "en": "10 layers: gradient ≤ 0.25^10 ≈ 9.54e-7"},
        claimed=0.25**10,
        computed=grads[9] if max_depth >= 10 else 0.0,
        op="<=",
        tol=0.0,
    )
    if max_depth >= 10 and x0 == 0.0:
        ctx.check(
            {"zh": "从 x0 = 0 出发的 10 层：数值梯度 ≈ 3.9e-7（低于上界）",
             "en": "10 layers from x0 = 0: the numeric gradient is ≈ 3.9e-7 (below the bound)"},
            claimed=3.9e-7,
            computed=grads[9],
            rel=0.01,
        )
    # MLP of width `width` with every weight 1/width (each unit sees the mean of the layer below)
    d = width
    wmat = np.full((d, d), 1.0 / d)
    h = np.full(d, x0) + ctx.rng.normal(0, 0.1, d)
    pre = []
    for _ in range(max_depth):
        z = wmat @ h
        pre.append(z)
        h = _sigmoid(z)
    mlp = []
    # per-depth input-gradient norms (recompute for each depth prefix)
    for n in range(1, max_depth + 1):
        g = np.ones(d) / np.sqrt(d)
        for z in reversed(pre[:n]):
            s = _sigmoid(z)
            g = wmat.T @ (g * s * (1 - s))
        mlp.append(np.linalg.norm(g))
    ctx.check(
        {"zh": "MLP（行随机的单位权重）：每个深度下 ‖∂/∂x‖ ≤ 0.25ⁿ",
         "en": "MLP (row-stochastic unit weights): ‖∂/∂x‖ ≤ 0.25ⁿ at every depth"},
        claimed=1.0,
        computed=max(m / 0.25 ** (i + 1) for i, m in enumerate(mlp)),
        op="<=",
        tol=1e-12,
    )
    per_layer = (
        float(np.exp(np.polyfit(depths[5:], np.log(grads[5:]), 1)[0])) if max_depth > 7 else 0.25
    )
    ctx.check(
        {"zh": "拟合出的标量链每层因子 ≤ 1/4", "en": "fitted per-layer factor of the scalar chain ≤ 1/4"},
        claimed=0.25,
        computed=per_layer,
        op="<=",
        tol=1e-12,
    )
    ctx.formula(
        r"\Big|\frac{\partial a_n}{\partial x}\Big| = \prod_{l=1}^{n}\sigma'(z_l) \le 0.25^{n}"
    )
    ctx.plot(
        {"zh": "log10 梯度 vs 深度", "en": "log10 gradient vs depth"},
        [
            ctx.series("scalar chain", depths, [_log10(g) for g in grads]),
            ctx.series(f"MLP width {d}", depths, [_log10(m) for m in mlp]),
            ctx.series("bound 0.25^n", depths, depths * np.log10(0.25)),
        ],
        xlabel="depth n",
        ylabel="log10 |gradient|",
    )


@proof(
    "gradients.sigmoid_is_activation",
    title={
        "zh": "消失来自 sigmoid 激活（每层一次），与损失函数的选择无关",
        "en": "Vanishing comes from the sigmoid activation (once per layer), not from the loss",
    },
    params=[
        Param("depth", 10, min=3, max=30, help={"zh": "隐藏层数", "en": "number of hidden layers"}),
        Param("width", 16, min=4, max=64, help={"zh": "层宽度", "en": "layer width"}),
    ],
    seed=5,
)
def sigmoid_is_activation(ctx, depth: int, width: int) -> None:
    rng = ctx.rng
    ws = [_orthogonal(rng, width) for _ in range(depth)]
    x = rng.standard_normal(width)
    y = rng.standard_normal(width)

    def input_grad(act: str, loss: str) -> float:
        h, zs = x, []
        for w in ws:
            z = w @ h
            zs.append(z)
            h = _sigmoid(z) if act == "sigmoid" else z
        g = (h - y) if loss == "mse" else np.sign(h - y)
        g = g / np.linalg.norm(g)  # unit output gradient: compare only the depth factor
        for w, z in zip(reversed(ws), reversed(zs), strict=True):
            if act == "sigmoid":
                s = _sigmoid(z)
                g = g * s * (1 - s)
            g = w.T @ g
        return float(np.linalg.norm(g))

    rows = [
        [act, loss, input_grad(act, loss)]
        for act in ("sigmoid", "identity")
        for loss in ("mse", "mae")
    ]
    table = {(r[0], r[1]): r[2] for r in rows}
    bound = 0.25**depth
    ctx.check(
        {"zh": "sigmoid 激活 + MSE 损失：‖∂L/∂x‖ ≤ 0.25^depth",
         "en": "sigmoid activation + MSE loss: ‖∂L/∂x‖ ≤ 0.25^depth"},
        claimed=bound,
        computed=table[("sigmoid", "mse")],
        op="<=",
        tol=0.0,
    )
    ctx.check(
        {"zh": "sigmoid 激活 + MAE 损失：仍然 ≤ 0.25^depth（换损失函数无济于事）",
         "en": "sigmoid activation + MAE loss: still ≤ 0.25^depth (changing the loss does not help)"},
        claimed=bound,
        computed=table[("sigmoid", "mae")],
        op="<=",
        tol=0.0,
    )
    ctx.check(
        {"zh": "恒等激活（相同权重，MSE）：不消失，‖∂L/∂x‖ = 1",
         "en": "identity activation (same weights, MSE): no vanishing, ‖∂L/∂x‖ = 1"},
        claimed=1.0,
        computed=table[("identity", "mse")],
        rel=1e-9,
    )
    ctx.table([{"zh": "激活函数",
                "en": "activation"}, {"zh": "损失", "en": "loss"}, {"zh": "‖∂L/∂x‖（输出梯度为单位值）",
                                      "en": "‖∂L/∂x‖ (unit output grad)"}], rows)
    ctx.formula(
        r"\delta_{l}=W_{l+1}^{\top}\big(\delta_{l+1}\odot\sigma'(z_{l+1})\big),\quad \sigma'\le \tfrac14"
    )
    ctx.note(
        {
            "zh": "σ' 因子在每个隐藏层出现一次（激活函数），损失函数的导数只在输出端出现一次。",
            "en": "The σ' factor appears once per hidden layer (an activation); the loss derivative appears once, "
            "at the output.",
        }
    )


@proof(
    "gradients.layerwise_grad_norms",
    title={
        "zh": "深层 sigmoid 网络：靠近输入的层权重梯度最小",
        "en": "Deep sigmoid MLP: the layers nearest the input get the smallest weight gradients",
    },
    params=[
        Param("depth", 8, min=5, max=20,
              help={"zh": "层数（≥ 5：每层约衰减 5 倍，第一层才会慢 100 倍以上）",
                    "en": "number of layers (≥ 5: about 5× decay per layer makes the first layer ≥ 100× slower)"}),
        Param("width", 32, min=4, max=128, help={"zh": "层宽度", "en": "layer width"}),
    ],
    seed=6,
)
def layerwise_grad_norms(ctx, depth: int, width: int) -> None:
    rng = ctx.rng
    n = 64
    ws = [rng.normal(0, 1 / np.sqrt(width), (width, width)) for _ in range(depth)]
    x = rng.standard_normal((n, width))
    y = rng.uniform(0, 1, (n, width))
    hs, zs = [x], []
    for w in ws:
        zs.append(hs[-1] @ w)
        hs.append(_sigmoid(zs[-1]))
    delta = (hs[-1] - y) / n
    norms = [0.0] * depth
    for i in reversed(range(depth)):
        s = _sigmoid(zs[i])
        delta = delta * s * (1 - s)
        norms[i] = float(np.linalg.norm(hs[i].T @ delta))
        delta = delta @ ws[i].T
    ratio = norms[0] / norms[-1]
    ctx.check(
        {"zh": "‖∂L/∂W_1‖ / ‖∂L/∂W_L‖ < 0.01（第一层学习慢 ≥ 100 倍）",
         "en": "‖∂L/∂W_1‖ / ‖∂L/∂W_L‖ < 0.01 (first layer learns ≥ 100× slower)"},
        claimed=0.01,
        computed=ratio,
        op="<",
        tol=0.0,
    )
    ctx.check(
        {"zh": "第一层的梯度是所有层中最小的", "en": "the first layer has the smallest gradient of all layers"},
        claimed=0,
        computed=int(np.argmin(norms)),
    )
    ctx.table([{"zh": "层", "en": "layer"}, "‖∂L/∂W‖"], [[i + 1, v] for i, v in enumerate(norms)])
    ctx.plot(
        {"zh": "各层权重梯度范数", "en": "weight-gradient norm per layer"},
        [ctx.series("log10 ‖∂L/∂W_l‖", np.arange(1, depth + 1), np.log10(norms))],
        xlabel="layer (1 = input side)",
        ylabel="log10 norm",
    )


# --------------------------------------------------------------------------- exploding


@proof(
    "gradients.exploding_training",
    title={
        "zh": "初始权重过大：梯度巨大、损失剧烈跳动直至 NaN/inf",
        "en": "Large initial weights: huge gradients, loss spikes, then NaN/inf",
    },
    params=[
        Param("depth", 20, min=12, max=30,
              help={"zh": "标量线性网络的层数（12–30：够深才会爆炸；更深时 w = 1 的对照在该学习率下也会发散）",
                    "en": "layers of the scalar linear net (12–30: deep enough to explode; deeper, the w = 1 "
                          "control diverges at these learning rates too)"}),
        Param("w0", 1.5, min=1.5, max=3.0,
              help={"zh": "每个权重的初始值（≥ 1.5：“过大”的初始化）",
                    "en": "initial value of every weight (≥ 1.5: a “too large” init)"}),
        Param("lr", 0.01, min=1e-3, max=0.01,
              help={"zh": "学习率（1e-3–0.01：w = 1 的对照能稳定训练）",
                    "en": "learning rate (1e-3–0.01: the w = 1 control trains stably)"}),
    ],
    seed=7,
)
def exploding_training(ctx, depth: int, w0: float, lr: float) -> None:
    rng = ctx.rng
    x = rng.standard_normal(128)
    y = 2.0 * x

    def run(w_init: float, steps: int = 30):
        w = np.full(depth, w_init)
        losses, gnorms, first_grads, wmax = [], [], [], []
        with np.errstate(all="ignore"):
            for _ in range(steps):
                p = np.prod(w)
                r = p * x - y
                losses.append(float(np.mean(r**2)))
                dp = 2 * np.mean(r * x)
                grad = dp * np.array([np.prod(np.delete(w, i)) for i in range(depth)])
                gnorms.append(float(np.linalg.norm(grad)))
                first_grads.append(float(abs(grad[0])))
                w = w - lr * grad
                wmax.append(float(np.max(np.abs(w))) if np.isfinite(w).all() else float("inf"))
        return losses, gnorms, first_grads, wmax

    big, gbig, g1big, wbig = run(w0)
    ok, _, _, _ = run(1.0)
    ctx.check(
        {"zh": f"初始化 w={w0} 时的梯度范数 > 1e3",
         "en": f"gradient norm at init with w={w0}: > 1e3"}, claimed=1e3, computed=gbig[0], op=">", tol=0.0
    )
    if (depth, w0) == (20, 1.5):
        ctx.check(
            {"zh": "20 层、w = 1.5：初始化时单个权重的梯度为 1e7 量级（1e6 到 1e8 之间）",
             "en": "20 layers, w = 1.5: a single weight's gradient at init is of order 1e7 (between 1e6 and 1e8)"},
            claimed=True,
            computed=bool(1e6 < g1big[0] < 1e8),
        )
    blown = [i for i, v in enumerate(big) if not np.isfinite(v) or v > 1e100]
    ctx.check(
        {"zh": "5 步内损失变为 NaN/inf（或 > 1e100）",
         "en": "loss becomes NaN/inf (or > 1e100) within 5 steps"},
        claimed=True,
        computed=bool(blown) and blown[0] < 5,
    )
    ctx.check(
        {"zh": "权重变得巨大：某一步后 max |w| > 1e6（或溢出为 inf/NaN）",
         "en": "the weights blow up: after some step max |w| > 1e6 (or overflow to inf/NaN)"},
        claimed=True,
        computed=bool(max(wbig) > 1e6),
    )
    # loss ratio of consecutive steps; a step that overflows the loss to inf/NaN is the largest
    # spike of all and counts as ×1e300 (the check compares finite numbers)
    jumps = [
        min(big[i + 1] / big[i], 1e300) if np.isfinite(big[i + 1]) else 1e300
        for i in range(len(big) - 1)
        if np.isfinite(big[i]) and big[i] > 0
    ]
    ctx.check(
        {"zh": "至少有一步让损失放大 > 1000 倍（损失尖峰，或直接溢出为 inf/NaN）",
         "en": "at least one step multiplies the loss by > 1000 (a loss spike, or an overflow to inf/NaN)"},
        claimed=1e3,
        computed=float(max(jumps)) if jumps else 0.0,
        op=">",
        tol=0.0,
    )
    ctx.check(
        {"zh": "同一网络以 w = 1 初始化：损失保持有限，且最终低于初始值",
         "en": "same net with w = 1 at init: loss stays finite and ends lower than it started"},
        claimed=True,
        computed=bool(all(np.isfinite(ok)) and ok[-1] < ok[0]),
    )
    ctx.table(
        [{"zh": "步数", "en": "step"}, {"zh": f"损失（w0={w0}）",
                  "en": f"loss (w0={w0})"}, {"zh": "损失（w0=1）", "en": "loss (w0=1)"}],
        [[i, big[i] if np.isfinite(big[i]) else str(big[i]), ok[i]] for i in range(0, 30, 3)],
    )
    ctx.formula(
        r"\frac{\partial L}{\partial w_l}= \frac{\partial L}{\partial \hat y}\,x\prod_{k\ne l} w_k"
    )


# --------------------------------------------------------------------------- diagnosing which one


def _train_mlp(x, y, ws, act: str, bias: float, lr: float, steps: int):
    """Plain MLP h_l = act(h_{l-1} W_l + bias), loss ½·mean‖h_L − y‖², SGD with learning rate lr.

    Returns per step: loss, per-layer ‖∂L/∂W_l‖, per-layer ‖ΔW_l‖/‖W_l‖ of the step actually taken,
    the pre-activations, and the fraction of ReLU units that are 0 on every input of the batch.
    """
    ws = [w.copy() for w in ws]
    n = x.shape[0]
    hist = []
    with np.errstate(all="ignore"):
        for _ in range(steps):
            hs, zs = [x], []
            for w in ws:
                zs.append(hs[-1] @ w + bias)
                z = zs[-1]
                hs.append(_sigmoid(z) if act == "sigmoid" else np.maximum(z, 0.0) if act == "relu" else z)
            loss = float(0.5 * np.mean(np.sum((hs[-1] - y) ** 2, axis=1)))
            delta = (hs[-1] - y) / n
            grads = [None] * len(ws)
            for i in reversed(range(len(ws))):
                if act == "sigmoid":
                    s = _sigmoid(zs[i])
                    delta = delta * s * (1 - s)
                elif act == "relu":
                    delta = delta * (zs[i] > 0)
                grads[i] = hs[i].T @ delta
                delta = delta @ ws[i].T
            new = [w - lr * g for w, g in zip(ws, grads, strict=True)]
            hist.append({
                "loss": loss,
                "gnorm": [float(np.linalg.norm(g)) for g in grads],
                "ratio": [float(np.linalg.norm(a - b) / np.linalg.norm(b)) for a, b in zip(new, ws, strict=True)],
                "z": zs,
                "dead": float(np.mean(np.concatenate([(z <= 0).all(axis=0) for z in zs]))),
            })
            ws = new
    return hist


@proof(
    "gradients.diagnose_vanish_explode",
    title={
        "zh": "诊断：逐层梯度范数、更新/权重比 ‖Δw‖/‖w‖、激活统计区分梯度消失与爆炸",
        "en": "Diagnosis: per-layer gradient norms, the update-to-weight ratio ‖Δw‖/‖w‖ and activation "
              "statistics tell vanishing from exploding",
    },
    params=[
        Param("depth", 10, min=8, max=20,
              help={"zh": "层数（≥ 8：sigmoid 网络的第一层才会比最后一层小 4 个数量级以上，1.5 倍 He 初始化才会爆炸）",
                    "en": "number of layers (≥ 8: the sigmoid net's first layer is then > 4 orders of magnitude "
                          "below its last, and 1.5× He init explodes)"}),
        Param("width", 32, min=16, max=64,
              help={"zh": "层宽度（16–64：最后一层的更新/权重比在学习率 0.01 下约为 1e-3）",
                    "en": "layer width (16–64: the last layer's update-to-weight ratio at learning rate 0.01 "
                          "is about 1e-3)"}),
    ],
    seed=23,
)
def diagnose_vanish_explode(ctx, depth: int, width: int) -> None:
    rng = ctx.rng
    lr, n = 0.01, 64
    x = rng.standard_normal((n, width))
    y = rng.uniform(0.0, 1.0, (n, width))
    base = [rng.standard_normal((width, width)) / np.sqrt(width) for _ in range(depth)]
    vanish = _train_mlp(x, y, base, "sigmoid", 0.0, lr, 20)
    saturated = _train_mlp(x, y, base, "sigmoid", 4.0, lr, 1)[0]
    healthy = _train_mlp(x, y, [np.sqrt(2.0) * w for w in base], "relu", 0.0, lr, 1)
    explode = _train_mlp(x, y, [1.5 * w for w in base], "linear", 0.0, lr, 5)
    killed = _train_mlp(x, y, [2.0 * np.sqrt(2.0) * w for w in base], "relu", 0.0, lr, 2)
    v0, h0, e0 = vanish[0], healthy[0], explode[0]

    # 1. per-layer gradient norms: geometric decay toward the input (sigmoid), level (ReLU + He)
    layers = np.arange(1, depth + 1)
    v_slope = float(np.polyfit(layers, np.log10(v0["gnorm"]), 1)[0])
    h_slope = float(np.polyfit(layers, np.log10(h0["gnorm"]), 1)[0])
    ctx.check(
        {"zh": "sigmoid（方差 1/d）：逐层梯度范数每往输入走一层至少缩小 2 倍（log10 斜率 ≥ 0.3/层）",
         "en": "sigmoid (variance 1/d): the weight-gradient norm shrinks by at least 2× per layer toward the "
               "input (log10 slope ≥ 0.3 per layer)"},
        claimed=0.3, computed=v_slope, op=">=", tol=0.0,
    )
    ctx.check(
        {"zh": "sigmoid：第一层与最后一层的梯度范数之比 < 1e-4",
         "en": "sigmoid: first-layer / last-layer gradient norm < 1e-4"},
        claimed=-4.0, computed=_log10(v0["gnorm"][0] / v0["gnorm"][-1]), op="<", tol=0.0,
    )
    ctx.check(
        {"zh": "ReLU + He：逐层梯度范数基本持平（|log10 斜率| < 0.15/层）",
         "en": "ReLU + He: the per-layer gradient norms stay level (|log10 slope| < 0.15 per layer)"},
        claimed=0.15, computed=abs(h_slope), op="<", tol=0.0,
    )
    # 2. update-to-weight ratio ‖ΔW‖/‖W‖ of one SGD step with lr 0.01
    ctx.check(
        {"zh": "sigmoid，学习率 0.01：最后一层的 ‖ΔW‖/‖W‖ ≈ 1e-3（log10 在 −3 ± 0.5 内）",
         "en": "sigmoid, learning rate 0.01: the last layer's ‖ΔW‖/‖W‖ ≈ 1e-3 (log10 within −3 ± 0.5)"},
        claimed=-3.0, computed=_log10(v0["ratio"][-1]), tol=0.5,
    )
    ctx.check(
        {"zh": "同一步中第一层的 ‖ΔW‖/‖W‖ < 1e-7：第一层几乎不动",
         "en": "in the same step the first layer's ‖ΔW‖/‖W‖ < 1e-7: it barely moves"},
        claimed=-7.0, computed=_log10(v0["ratio"][0]), op="<", tol=0.0,
    )
    ctx.check(
        {"zh": "线性网络、每层增益 1.5（权重标准差 1.5/√d），同一学习率：每一层的 ‖ΔW‖/‖W‖ 都 > 1（一步比权重本身还大）",
         "en": "linear net with gain 1.5 per layer (weight std 1.5/√d), same learning rate: every layer's "
               "‖ΔW‖/‖W‖ > 1 (a step larger than the weights themselves)"},
        claimed=0.0, computed=_log10(min(e0["ratio"])), op=">", tol=0.0,
    )
    # 3. what training looks like: smooth for the vanishing net, broken within a few steps when exploding
    v_losses = [s["loss"] for s in vanish]
    ctx.check(
        {"zh": "sigmoid 网络训练 20 步：损失从不上升（平稳、缓慢地下降）",
         "en": "sigmoid net, 20 steps: the loss never goes up (smooth, slow decrease)"},
        claimed=True, computed=bool(all(b <= a for a, b in zip(v_losses, v_losses[1:], strict=False))),
    )
    e_losses = [s["loss"] for s in explode]
    e_jump = max(
        ((b / a if np.isfinite(b) else 1e300) for a, b in zip(e_losses, e_losses[1:], strict=False) if np.isfinite(a) and a > 0),
        default=0.0,
    )
    ctx.check(
        {"zh": "增益 1.5 的网络：5 步内损失跳升 > 1000 倍或变成 NaN/inf",
         "en": "the gain-1.5 net: within 5 steps the loss jumps > 1000× or becomes NaN/inf"},
        claimed=3.0, computed=_log10(min(e_jump, 1e300)), op=">", tol=0.0,
    )
    e_gnorm = [float(np.sqrt(np.sum(np.square(st["gnorm"])))) for st in explode]
    ctx.check(
        {"zh": "增益 1.5 的网络：第二步的总梯度范数 > 第一步的 10 倍（或已溢出为 inf/NaN）",
         "en": "the gain-1.5 net: the total gradient norm at step 2 is > 10× step 1's (or has overflowed to inf/NaN)"},
        claimed=1.0,
        computed=_log10(e_gnorm[1] / e_gnorm[0]) if np.isfinite(e_gnorm[1]) else 300.0,
        op=">", tol=0.0,
    )
    # 4. activation statistics
    sat_frac = float(np.mean([np.mean(_sigmoid(z) * (1 - _sigmoid(z)) < 0.05) for z in saturated["z"]]))
    ctx.check(
        {"zh": "预激活偏移 +4 的 sigmoid 网络：超过一半的单元饱和（σ' < 0.05）",
         "en": "sigmoid net with pre-activations shifted by +4: more than half of the units are saturated (σ' < 0.05)"},
        claimed=0.5, computed=sat_frac, op=">", tol=0.0,
    )
    ctx.check(
        {"zh": "饱和网络的 第一层/最后一层 梯度比比未饱和的 sigmoid 网络还小 100 倍以上",
         "en": "the saturated net's first/last gradient ratio is > 100× smaller than the unsaturated sigmoid net's"},
        claimed=-2.0,
        computed=_log10(saturated["gnorm"][0] / saturated["gnorm"][-1]) - _log10(v0["gnorm"][0] / v0["gnorm"][-1]),
        op="<", tol=0.0,
    )
    dead0, dead1 = killed[0]["dead"], killed[1]["dead"]
    ctx.check(
        {"zh": "ReLU 网络、2 倍 He 标准差（一步 ‖ΔW‖/‖W‖ ≫ 1）：第一步之后死亡 ReLU（对整个批次都输出 0）的比例 > 40%",
         "en": "ReLU net at 2× the He std (a step with ‖ΔW‖/‖W‖ ≫ 1): after the first step more than 40% of the "
               "ReLUs are dead (0 on the whole batch)"},
        claimed=0.4, computed=dead1, op=">", tol=0.0,
    )
    ctx.check(
        {"zh": "这一步让死亡比例上升了 20 个百分点以上",
         "en": "that one step raises the dead fraction by more than 20 percentage points"},
        claimed=0.2, computed=dead1 - dead0, op=">", tol=0.0,
    )
    ctx.table(
        [{"zh": "层", "en": "layer"}, "sigmoid ‖∂L/∂W‖", "sigmoid ‖ΔW‖/‖W‖", "ReLU+He ‖∂L/∂W‖",
         {"zh": "线性×1.5 ‖ΔW‖/‖W‖", "en": "linear ×1.5 ‖ΔW‖/‖W‖"}],
        [[i + 1, v0["gnorm"][i], v0["ratio"][i], h0["gnorm"][i], e0["ratio"][i]] for i in range(depth)],
        title={"zh": f"学习率 {lr} 的第一步", "en": f"first step at learning rate {lr}"},
    )
    ctx.table(
        [{"zh": "步", "en": "step"}, {"zh": "sigmoid 损失", "en": "sigmoid loss"},
         {"zh": "线性×1.5 损失", "en": "linear ×1.5 loss"}],
        [[i, v_losses[i], e_losses[i] if np.isfinite(e_losses[i]) else str(e_losses[i])] for i in range(len(explode))],
    )
    ctx.note(
        {"zh": f"2×He 的 ReLU 网络：死亡 ReLU 比例 {dead0:.2f} → 一步之后 {dead1:.2f}",
         "en": f"ReLU net at 2× He: dead-ReLU fraction {dead0:.2f} → {dead1:.2f} after one step"},
    )
    ctx.plot(
        {"zh": "各层权重梯度范数（log10）", "en": "per-layer weight-gradient norm (log10)"},
        [ctx.series("sigmoid", layers, np.log10(v0["gnorm"])),
         ctx.series("ReLU + He", layers, np.log10(h0["gnorm"])),
         ctx.series({"zh": "sigmoid，饱和", "en": "sigmoid, saturated"}, layers, np.log10(saturated["gnorm"]))],
        xlabel="layer (1 = input side)",
        ylabel="log10 ‖∂L/∂W_l‖",
    )


@proof(
    "gradients.init_scale_depth",
    title={
        "zh": "初始化尺度（增益）决定梯度随深度指数变大或变小",
        "en": "The init scale (gain) decides whether gradients grow or shrink exponentially with depth",
    },
    params=[
        Param("depth", 40, min=30, max=100,
              help={"zh": "线性层数（≥ 30：2^L 与 0.5^L 才越过 1e±6）",
                    "en": "number of linear layers (≥ 30: only then 2^L and 0.5^L pass 1e±6)"}),
        Param("width", 64, min=48, max=256,
              help={"zh": "层宽度（≥ 48：有限宽度的随机涨落在 100 层内不会把增益 1 的 ‖g‖ 推出 [1e-2, 1e2]）",
                    "en": "layer width (≥ 48: finite-width fluctuations over ≤ 100 layers keep gain 1's ‖g‖ "
                          "within [1e-2, 1e2])"}),
    ],
    seed=8,
)
def init_scale_depth(ctx, depth: int, width: int) -> None:
    rng = ctx.rng
    v = rng.standard_normal(width)
    v /= np.linalg.norm(v)
    curves = {}
    for gain in (0.5, 1.0, 2.0):
        ws = [rng.normal(0, gain / np.sqrt(width), (width, width)) for _ in range(depth)]
        g, norms = v.copy(), []
        for w in reversed(ws):
            g = w.T @ g
            norms.append(np.linalg.norm(g))
        curves[gain] = np.array(norms)
    L = depth
    ctx.check(
        {"zh": f"增益 2：经过 {L} 层后 ‖g‖ > 1e6", "en": f"gain 2: ‖g‖ after {L} layers > 1e6"},
        claimed=1e6,
        computed=curves[2.0][-1],
        op=">",
        tol=0.0,
    )
    ctx.check(
        {"zh": f"增益 0.5：经过 {L} 层后 ‖g‖ < 1e-6", "en": f"gain 0.5: ‖g‖ after {L} layers < 1e-6"},
        claimed=1e-6,
        computed=curves[0.5][-1],
        op="<",
        tol=0.0,
    )
    ctx.check(
        {"zh": "增益 1（方差 1/fan_in）：‖g‖ 保持在 [1e-2, 1e2] 内",
         "en": "gain 1 (variance 1/fan_in): ‖g‖ stays within [1e-2, 1e2]"},
        claimed=True,
        computed=bool(1e-2 < curves[1.0][-1] < 1e2),
    )
    slope = np.polyfit(np.arange(1, L + 1), np.log(curves[2.0]), 1)[0]
    ctx.check(
        {"zh": "增益 2：拟合出的每层增长因子 ≈ 2（±15%）",
         "en": "gain 2: fitted per-layer growth factor ≈ 2 (±15%)"},
        claimed=2.0,
        computed=float(np.exp(slope)),
        rel=0.15,
    )
    ctx.formula(r"W_l\sim\mathcal N(0,\,g^2/d)\;\Rightarrow\;\|g_0\|\approx g^{L}\,\|g_L\|")
    x = np.arange(1, L + 1)
    ctx.plot(
        {"zh": "log10 梯度范数 vs 深度", "en": "log10 gradient norm vs depth"},
        [ctx.series(f"gain {k}", x, np.log10(c)) for k, c in curves.items()],
        xlabel="depth",
        ylabel="log10 ‖g‖",
    )


@proof(
    "gradients.init_variance_derivation",
    title={
        "zh": "Xavier/He 初始化的推导：Var(z) = n·Var(w)·E[x²]；前向 1/n_in、反向 1/n_out、折中 2/(n_in+n_out)；ReLU 减半 ⇒ 2/n_in",
        "en": "Deriving Xavier/He init: Var(z) = n·Var(w)·E[x²]; forward 1/n_in, backward 1/n_out, compromise "
              "2/(n_in+n_out); ReLU halves ⇒ 2/n_in",
    },
    params=[
        Param("n_in", 400, min=100, max=1000,
              help={"zh": "层的输入个数 fan_in（≥ 100：单层蒙特卡洛估计的相对误差才远小于 8%）",
                    "en": "fan-in of the layer (≥ 100: only then the one-layer Monte Carlo estimate is well within 8%)"}),
        Param("n_out", 100, min=100, max=1000,
              help={"zh": "层的输出个数 fan_out（≥ 100，理由同上）",
                    "en": "fan-out of the layer (≥ 100, same reason)"}),
    ],
    seed=24,
    timeout=30,
)
def init_variance_derivation(ctx, n_in: int, n_out: int) -> None:
    # 1) one pre-activation z = Σ_i w_i x_i with independent zero-mean w and x: Var(z) = n·Var(w)·Var(x).
    #    E of a polynomial in independent Gaussians = Σ over its terms of the product of each variable's
    #    moment, each moment integrated from the N(0, σ²) density (sympy.stats' variance() reaches the
    #    same result through Meijer-G integrals in ≈ 2.7 s; this takes ≈ 0.3 s)
    sw, sx = sp.symbols("sigma_w sigma_x", positive=True)
    n_sym = 3
    ws, xs = sp.symbols(f"w0:{n_sym}", real=True), sp.symbols(f"x0:{n_sym}", real=True)
    sigma_of = {**dict.fromkeys(ws, sw), **dict.fromkeys(xs, sx)}
    v = sp.symbols("v", real=True)
    moments: dict = {}

    def moment(symbol, k: int):
        key = (sigma_of[symbol], k)
        if key not in moments:
            sd = sigma_of[symbol]
            moments[key] = sp.integrate(v**k * sp.exp(-(v**2) / (2 * sd**2)) / (sp.sqrt(2 * sp.pi) * sd), (v, -sp.oo, sp.oo))
        return moments[key]

    def expectation(poly):
        total = sp.Integer(0)
        for term in sp.Add.make_args(sp.expand(poly)):
            coeff, factors = term.as_coeff_mul()
            value = coeff
            for factor in factors:
                base, k = factor.as_base_exp()
                value *= moment(base, int(k))
            total += value
        return total

    z_sum = sum(w * x for w, x in zip(ws, xs, strict=True))
    var_z = sp.simplify(expectation(z_sum**2) - expectation(z_sum) ** 2)
    ctx.check(
        {"zh": "sympy：Var(w₁x₁ + w₂x₂ + w₃x₃) = 3·σ_w²·σ_x²（独立、零均值）",
         "en": "sympy: Var(w₁x₁ + w₂x₂ + w₃x₃) = 3·σ_w²·σ_x² (independent, zero mean)"},
        claimed=n_sym * sw**2 * sx**2,
        computed=var_z,
    )
    # 2) ReLU keeps half of the second moment of a symmetric pre-activation: E[ReLU(z)²] = Var(z)/2
    z, s = sp.symbols("z", real=True), sp.symbols("sigma", positive=True)
    pdf = sp.exp(-(z**2) / (2 * s**2)) / (sp.sqrt(2 * sp.pi) * s)
    ctx.check(
        {"zh": "sympy：z ~ N(0, σ²) 时 E[ReLU(z)²] = σ²/2", "en": "sympy: E[ReLU(z)²] = σ²/2 for z ~ N(0, σ²)"},
        claimed=s**2 / 2,
        computed=sp.simplify(sp.integrate(z**2 * pdf, (z, 0, sp.oo))),
    )
    # 3) one linear layer, Monte Carlo: forward ratio Var(z)/Var(x) = n_in·Var(w),
    #    backward ratio Var(δx)/Var(δz) = n_out·Var(w) (δx = Wᵀ δz)
    rng = ctx.rng
    batch = 2000
    x = rng.standard_normal((batch, n_in))
    dz = rng.standard_normal((batch, n_out))

    def ratios(var_w: float) -> tuple[float, float]:
        w = rng.normal(0, math.sqrt(var_w), (n_out, n_in))
        fwd = float((x @ w.T).var() / x.var())
        bwd = float((dz @ w).var() / dz.var())
        return fwd, bwd

    schemes = {
        "1/n_in (LeCun)": 1 / n_in,
        "1/n_out": 1 / n_out,
        "2/(n_in+n_out) (Glorot)": 2 / (n_in + n_out),
    }
    table = {name: ratios(v) for name, v in schemes.items()}
    ctx.check(
        {"zh": "Var(w) = 1/n_in：前向方差比 ≈ 1（±8%）", "en": "Var(w) = 1/n_in: forward variance ratio ≈ 1 (±8%)"},
        claimed=1.0,
        computed=table["1/n_in (LeCun)"][0],
        rel=0.08,
    )
    ctx.check(
        {"zh": f"Var(w) = 1/n_in：反向方差比 ≈ n_out/n_in = {n_out / n_in:.3g}（±8%）",
         "en": f"Var(w) = 1/n_in: backward variance ratio ≈ n_out/n_in = {n_out / n_in:.3g} (±8%)"},
        claimed=n_out / n_in,
        computed=table["1/n_in (LeCun)"][1],
        rel=0.08,
    )
    ctx.check(
        {"zh": "Var(w) = 1/n_out：反向方差比 ≈ 1（±8%）", "en": "Var(w) = 1/n_out: backward variance ratio ≈ 1 (±8%)"},
        claimed=1.0,
        computed=table["1/n_out"][1],
        rel=0.08,
    )
    ctx.check(
        {"zh": "Glorot 2/(n_in+n_out)：前向、反向方差比 ≈ 2n_in/(n_in+n_out)、2n_out/(n_in+n_out)（±8%）",
         "en": "Glorot 2/(n_in+n_out): forward, backward ratios ≈ 2n_in/(n_in+n_out), 2n_out/(n_in+n_out) (±8%)"},
        claimed=[2 * n_in / (n_in + n_out), 2 * n_out / (n_in + n_out)],
        computed=list(table["2/(n_in+n_out) (Glorot)"]),
        rel=0.08,
    )
    # 4) 30 ReLU layers of width 256: per-layer factor of the second moment E[h²]
    depth, width = 30, 256
    h0 = rng.standard_normal((256, width))

    def per_layer(gain2: float) -> float:
        h = h0
        for _ in range(depth):
            h = np.maximum(h @ rng.normal(0, math.sqrt(gain2 / width), (width, width)), 0)
        return float(((h**2).mean() / (h0**2).mean()) ** (1 / depth))

    he, lecun = per_layer(2.0), per_layer(1.0)
    ctx.check(
        {"zh": f"{depth} 层 ReLU，Var(w) = 2/n（He）：E[h²] 每层平均因子 ≈ 1（±0.1）",
         "en": f"{depth} ReLU layers, Var(w) = 2/n (He): average per-layer factor of E[h²] ≈ 1 (±0.1)"},
        claimed=1.0,
        computed=he,
        tol=0.1,
    )
    ctx.check(
        {"zh": f"{depth} 层 ReLU，Var(w) = 1/n：E[h²] 每层平均因子 ≈ 1/2（±10%），{depth} 层后约 2^−{depth}",
         "en": f"{depth} ReLU layers, Var(w) = 1/n: average per-layer factor of E[h²] ≈ 1/2 (±10%), "
               f"about 2^−{depth} after {depth} layers"},
        claimed=0.5,
        computed=lecun,
        rel=0.1,
    )
    ctx.table(
        [{"zh": "Var(w)", "en": "Var(w)"}, {"zh": "前向 Var(z)/Var(x)", "en": "forward Var(z)/Var(x)"},
         {"zh": "反向 Var(δx)/Var(δz)", "en": "backward Var(δx)/Var(δz)"}],
        [[name, f, b] for name, (f, b) in table.items()],
        title={"zh": f"单个线性层（n_in = {n_in}，n_out = {n_out}）", "en": f"one linear layer (n_in = {n_in}, n_out = {n_out})"},
    )
    ctx.table(
        ["Var(w)", {"zh": "E[h²] 每层因子", "en": "per-layer factor of E[h²]"}],
        [["2/n (He)", he], ["1/n", lecun]],
        title={"zh": f"{depth} 层 ReLU（宽 {width}）", "en": f"{depth} ReLU layers (width {width})"},
    )
    ctx.formula(
        r"\mathrm{Var}(z)=n_{in}\mathrm{Var}(w)\,\mathbb E[x^2],\quad \mathrm{Var}(\delta_x)=n_{out}\mathrm{Var}(w)\,"
        r"\mathrm{Var}(\delta_z)\;\Rightarrow\;\mathrm{Var}(w)=\frac{2}{n_{in}+n_{out}}\ \text{(Glorot)},\ "
        r"\frac{2}{n_{in}}\ \text{(He, ReLU)}"
    )


@proof(
    "gradients.sigmoid_factor_bound",
    title={
        "zh": "sigmoid 层的因子 |w|·σ'(z) ≤ |w|/4：要爆炸必须 |w| > 4",
        "en": "A sigmoid layer's factor |w|·σ'(z) ≤ |w|/4: explosion needs |w| > 4",
    },
    params=[
        Param("w", 5.0, min=0.1, max=20.0,
              help={"zh": "每层的权重", "en": "weight of every layer"}),
        Param("depth", 10, min=1, max=60, help={"zh": "层数", "en": "number of layers"}),
    ],
    seed=9,
)
def sigmoid_factor_bound(ctx, w: float, depth: int) -> None:
    z, ws = sp.symbols("z w", real=True)
    sig = 1 / (1 + sp.exp(-z))
    dsig = sp.diff(sig, z)
    crit = sp.solve(sp.diff(dsig, z), z)
    peak = sp.nsimplify(max(dsig.subs(z, c) for c in crit))
    ctx.check({"zh": "max_z σ'(z) = 1/4 (sympy)",
               "en": "max_z σ'(z) = 1/4 (sympy)"}, claimed=sp.Rational(1, 4), computed=peak)
    threshold = sp.solve(sp.Eq(ws * peak, 1), ws)
    ctx.check(
        {"zh": "使 max_z w·σ'(z) = 1 的最小 w 为 w = 4",
         "en": "smallest w with max_z w·σ'(z) = 1 is w = 4"},
        claimed=[4],
        computed=[float(t) for t in threshold],
    )
    grid = np.linspace(-10, 10, 4001)
    ds = _sigmoid(grid) * (1 - _sigmoid(grid))
    ctx.check(
        {"zh": "w = 4：网格上该因子从不超过 1", "en": "w = 4: factor never exceeds 1 on a grid"},
        claimed=1.0,
        computed=float((4 * ds).max()),
        op="<=",
        tol=1e-12,
    )
    ctx.check(
        {"zh": "w = 5：因子达到 1.25 > 1",
         "en": "w = 5: factor reaches 1.25 > 1"}, claimed=1.25, computed=float((5 * ds).max()), tol=1e-6
    )
    # chain whose biases keep every pre-activation at 0: the bound (|w|/4)^n is attained exactly
    a, g = 0.3, 1.0
    for _ in range(depth):
        b = -w * a  # z = w·a + b = 0
        zl = w * a + b
        s = _sigmoid(zl)
        g *= w * s * (1 - s)
        a = s
    ctx.check(
        {"zh": f"{depth} 层、预激活固定为 0：梯度 = (w/4)^{depth}",
         "en": f"{depth} layers, pre-activations held at 0: gradient = (w/4)^{depth}"},
        claimed=(w / 4) ** depth,
        computed=g,
        rel=1e-12,
    )
    # any biases: every factor w·σ'(z_l) ≤ w/4, so the product never exceeds (w/4)^n
    rng = ctx.rng
    worst = 0.0
    for _ in range(200):
        a, g = rng.normal(), 1.0
        for b in rng.normal(0, 3, depth):
            s = _sigmoid(w * a + b)
            g *= w * s * (1 - s)
            a = s
        worst = max(worst, g / (w / 4) ** depth)
    ctx.check(
        {"zh": f"200 组随机偏置：{depth} 层的梯度 / (w/4)^{depth} 的最大值 ≤ 1",
         "en": f"200 random bias draws: max of the {depth}-layer gradient / (w/4)^{depth} ≤ 1"},
        claimed=1.0,
        computed=worst,
        op="<=",
        tol=1e-12,
    )
    # the erratum's comparison: other activations' derivative peaks (numeric, fine grid)
    zz = np.linspace(-10, 10, 200001)
    erf = np.vectorize(math.erf)
    gelu_d = 0.5 * (1 + erf(zz / np.sqrt(2))) + zz * np.exp(-(zz**2) / 2) / np.sqrt(2 * np.pi)
    silu_d = _sigmoid(zz) * (1 + zz * (1 - _sigmoid(zz)))
    relu_d = np.unique((zz[zz != 0] > 0).astype(float))
    ctx.check(
        {"zh": "导数峰值：tanh 1，GELU ≈ 1.13，SiLU ≈ 1.10；ReLU 的导数只取 {0, 1}",
         "en": "derivative peaks: tanh 1, GELU ≈ 1.13, SiLU ≈ 1.10; ReLU's derivative takes only {0, 1}"},
        claimed=[1.0, 1.13, 1.10, 0.0, 1.0],
        computed=[float((1 - np.tanh(zz) ** 2).max()), float(gelu_d.max()), float(silu_d.max()), *relu_d.tolist()],
        tol=5e-3,
    )
    ctx.formula(
        sp.Eq(sp.Symbol("bound_n"), (sp.Abs(ws) / 4) ** sp.Symbol("n")), label="n-layer bound"
    )
    ctx.plot(
        {"zh": "w·σ'(z)", "en": "w·σ'(z)"},
        [ctx.series(f"w={k}", grid[::25], (k * ds)[::25]) for k in (1, 4, w)],
        xlabel="z",
        ylabel="factor",
    )


# --------------------------------------------------------------------------- remedies


@proof(
    "gradients.remedies_compare",
    title={
        "zh": "30 层网络输入端梯度：sigmoid vs ReLU+He 初始化 vs 残差（小分支 / He 分支）",
        "en": "Input gradient of a 30-layer net: sigmoid vs ReLU + He init vs residual (small branch / He branch)",
    },
    params=[
        Param("depth", 30, min=20, max=40,
              help={"zh": "层数（20–40：sigmoid 已低于 1e-10，而有限宽度的 ReLU 网络还不会随机漂出 [1e-2, 1e2]）",
                    "en": "number of layers (20–40: sigmoid is already below 1e-10, while the finite-width ReLU "
                          "net does not yet drift out of [1e-2, 1e2] by chance)"}),
        Param("width", 64, min=64, max=256,
              help={"zh": "层宽度（≥ 64：更窄时 ReLU 网络梯度的随机涨落太大）",
                    "en": "layer width (≥ 64: narrower, the ReLU net's gradient fluctuates too much)"}),
    ],
    seed=10,
)
def remedies_compare(ctx, depth: int, width: int) -> None:
    rng = ctx.rng
    x = rng.standard_normal(width)
    v = rng.standard_normal(width)
    v /= np.linalg.norm(v)

    def grad_norm(kind: str) -> float:
        std = {"sigmoid": 1.0, "relu_he": np.sqrt(2.0), "residual": 0.1, "residual_he": np.sqrt(2.0)}[kind]
        std /= np.sqrt(width)
        ws = [rng.normal(0, std, (width, width)) for _ in range(depth)]
        h, zs = x, []
        for w in ws:
            z = w @ h
            zs.append(z)
            if kind == "sigmoid":
                h = _sigmoid(z)
            elif kind == "relu_he":
                h = np.maximum(z, 0)
            else:
                h = h + np.maximum(z, 0)
        g = v.copy()
        for w, z in zip(reversed(ws), reversed(zs), strict=True):
            if kind == "sigmoid":
                s = _sigmoid(z)
                g = w.T @ (g * s * (1 - s))
            elif kind == "relu_he":
                g = w.T @ (g * (z > 0))
            else:
                g = g + w.T @ (g * (z > 0))
        return float(np.linalg.norm(g))

    res = {k: grad_norm(k) for k in ("sigmoid", "relu_he", "residual", "residual_he")}
    ctx.check(
        {"zh": "sigmoid（方差 1/d）：输入梯度 < 1e-10",
         "en": "sigmoid (variance 1/d): input gradient < 1e-10"},
        claimed=1e-10,
        computed=res["sigmoid"],
        op="<",
        tol=0.0,
    )
    ctx.check(
        {"zh": "ReLU + He 初始化（方差 2/d）：输入梯度在 [1e-2, 1e2] 内",
         "en": "ReLU + He init (variance 2/d): input gradient within [1e-2, 1e2]"},
        claimed=True,
        computed=bool(1e-2 < res["relu_he"] < 1e2),
    )
    ctx.check(
        {"zh": "残差块 x + ReLU(Wx)，分支初始化很小（std 0.1/√d）：输入梯度在 [0.1, 1e2] 内",
         "en": "residual blocks x + ReLU(Wx), small branch init (std 0.1/√d): input gradient within [0.1, 1e2]"},
        claimed=True,
        computed=bool(0.1 < res["residual"] < 1e2),
    )
    # the same residual net with He-initialised branches and no normalisation: each block multiplies the
    # second moment by about 1 + gain²/2 = 2, so the gradient grows like 2^(depth/2) (10^(depth/10) is far
    # below that at every depth in the range: the check states only that it explodes)
    ctx.check(
        {"zh": f"同一残差网络、分支用 He 初始化（std √2/√d）且无归一化：输入梯度 > 10^(depth/10) = {10 ** (depth / 10):.3g}（爆炸）",
         "en": f"the same residual net with He-initialised branches (std √2/√d), no normalisation: input gradient "
               f"> 10^(depth/10) = {10 ** (depth / 10):.3g} (explodes)"},
        claimed=10 ** (depth / 10),
        computed=res["residual_he"],
        op=">",
        tol=0.0,
    )
    if depth == 30:  # the card's range: over 31 seeds and widths 64–256 it spans 10^4.4–10^6.7
        ctx.check({"zh": "深度 30：He 分支的残差网络输入梯度 > 10^4（卡片：约 10^4–10^7）",
                   "en": "depth 30: the He-branch residual net's input gradient > 10^4 (card: ~10^4–10^7)"},
                  claimed=1e4, computed=res["residual_he"], op=">", tol=0.0)
        ctx.check({"zh": "深度 30：He 分支的残差网络输入梯度 < 10^7（卡片：约 10^4–10^7）",
                   "en": "depth 30: the He-branch residual net's input gradient < 10^7 (card: ~10^4–10^7)"},
                  claimed=1e7, computed=res["residual_he"], op="<", tol=0.0)
    ctx.table([{"zh": "网络", "en": "network"}, "‖∂(v·y)/∂x‖"], [[k, val] for k, val in res.items()])
    ctx.note(
        {
            "zh": "无需逐层预训练：合适的激活函数 + 初始化（或残差连接）就能让梯度传到底层。"
                  "但残差连接本身不防爆炸：分支需要小初始化（Fixup/SkipInit/γ 置 0）或归一化。",
            "en": "No layer-wise pre-training needed: a suitable activation + init (or residual connections) "
            "already carries the gradient to the bottom layers. Skip connections alone do not prevent explosion: "
            "the branches need a small init (Fixup/SkipInit/zero γ) or normalisation.",
        }
    )


@proof(
    "gradients.finetune_local",
    title={
        "zh": "微调就是从初始点出发的梯度下降：收敛到附近的局部极小，不保证全局最优",
        "en": "Fine-tuning is gradient descent from the initial point: it reaches a nearby local minimum, "
        "not necessarily the global one",
    },
    params=[
        Param("w_init", 1.5, min=0.3, max=2.0,
              help={"zh": "初始（“预训练”）权重（0.3–2.0：位于 w≈0.075 处局部极大值右侧、非全局极小值的盆地内）",
                    "en": 'initial ("pre-trained") weight (0.3–2.0: in the basin of the non-global minimum, '
                          "right of the local maximum at w ≈ 0.075)"}),
        Param("lr", 0.02, min=0.001, max=0.05,
              help={"zh": "学习率（≤ 0.05：第一步不会越过局部极大值跳进另一个盆地）",
                    "en": "learning rate (≤ 0.05: the first step does not jump over the local maximum "
                          "into the other basin)"}),
    ],
    seed=11,
)
def finetune_local(ctx, w_init: float, lr: float) -> None:
    w = sp.symbols("w", real=True)
    loss = (w**2 - 1) ** 2 + sp.Rational(3, 10) * w
    ctx.formula(sp.Eq(sp.Symbol("L(w)"), loss))
    crit = [float(c) for c in sp.Poly(sp.diff(loss, w), w).nroots() if abs(sp.im(c)) < 1e-12]
    fl = sp.lambdify(w, loss, "math")
    fd = sp.lambdify(w, sp.diff(loss, w), "math")
    curv = sp.lambdify(w, sp.diff(loss, w, 2), "math")
    minima = sorted((c for c in crit if curv(c) > 0), key=fl)
    ctx.check({"zh": "损失函数有两个局部极小值",
               "en": "the loss has two local minima"}, claimed=2, computed=len(minima))
    glob = minima[0]
    # contraction per step near the minimum is |1 − η·L''| ≈ 1 − 7η: 40/η steps shrink the error
    # by e^-280, so |L'| < 1e-8 holds for every learning rate in the range
    cur = w_init
    for _ in range(max(2000, math.ceil(40 / lr))):
        cur -= lr * fd(cur)
    reached = min(minima, key=lambda m: abs(m - cur))
    ctx.table([{"zh": "极小值点 w", "en": "minimum w"}, "L(w)"], [[m, fl(m)] for m in minima])
    ctx.check(
        {"zh": "梯度下降收敛到驻点（|L'| < 1e-8）",
         "en": "gradient descent converged to a stationary point (|L'| < 1e-8)"},
        claimed=1e-8,
        computed=abs(fd(cur)),
        op="<",
        tol=0.0,
    )
    ctx.check(
        {"zh": f"从 w={w_init} 出发：到达的是离起点最近的局部极小值，而不是全局最小值",
         "en": f"from w={w_init}: the reached minimum is the local one nearest the start, not the global one"},
        claimed=True,
        computed=bool(abs(reached - glob) > 0.5 and abs(cur - reached) < 1e-6),
    )
    ctx.check(
        {"zh": "其损失比全局最小值高出 > 0.3", "en": "its loss is higher than the global minimum by > 0.3"},
        claimed=0.3,
        computed=fl(cur) - fl(glob),
        op=">",
        tol=0.0,
    )
    grid = np.linspace(-1.8, 1.8, 121)
    ctx.plot(
        {"zh": "非凸损失", "en": "non-convex loss"},
        [ctx.series("L(w)", grid, [fl(g) for g in grid])],
        xlabel="w",
        ylabel="L",
    )


@proof(
    "gradients.clip_by_norm",
    title={
        "zh": "按范数裁剪：方向不变，范数 ≤ 阈值；小梯度原样保留",
        "en": "Clipping by norm: direction kept, norm ≤ threshold; small gradients untouched",
    },
    params=[
        Param("threshold", 1.0, min=0.01, max=100.0,
              help={"zh": "裁剪阈值 c", "en": "clip threshold c"}),
        Param("dim", 10, min=2, max=1000, help={"zh": "梯度维度", "en": "gradient dimension"}),
        Param("trials", 200, min=10, max=2000,
              help={"zh": "随机生成的梯度个数", "en": "random gradients"}),
    ],
    seed=12,
)
def clip_by_norm(ctx, threshold: float, dim: int, trials: int) -> None:
    def clip(g, c):
        n = np.linalg.norm(g)
        return g * min(1.0, c / n) if n > 0 else g

    ex = clip(np.array([3.0, 4.0]), 1.0)
    ctx.check({"zh": "g = (3, 4)，c = 1 → (0.6, 0.8)",
               "en": "g = (3, 4), c = 1 → (0.6, 0.8)"}, claimed=[0.6, 0.8], computed=ex.tolist(), tol=1e-12)
    rng = ctx.rng
    scales = 10 ** rng.uniform(-8, 4, trials)
    max_norm, min_cos, unchanged_err, scale_err = 0.0, 1.0, 0.0, 0.0
    orig, clipped = [], []
    for s in scales:
        g = rng.standard_normal(dim) * s / np.sqrt(dim)
        cg = clip(g, threshold)
        n = np.linalg.norm(g)
        max_norm = max(max_norm, np.linalg.norm(cg) / threshold)
        min_cos = min(min_cos, float(cg @ g / (np.linalg.norm(cg) * n)))
        if n <= threshold:
            unchanged_err = max(unchanged_err, float(np.abs(cg - g).max()))
        else:
            scale_err = max(scale_err, abs(float(np.linalg.norm(cg) / n) - threshold / n))
        orig.append(n)
        clipped.append(np.linalg.norm(cg))
    ctx.check(
        {"zh": "每次试验都有 ‖clip(g)‖ / c ≤ 1",
         "en": "‖clip(g)‖ / c ≤ 1 for every trial"}, claimed=1.0, computed=max_norm, op="<=", tol=1e-12
    )
    ctx.check({"zh": "cosine(clip(g), g) = 1（方向不变）",
               "en": "cosine(clip(g), g) = 1 (direction kept)"}, claimed=1.0, computed=min_cos, tol=1e-12)
    ctx.check({"zh": "当 ‖g‖ > c 时缩放因子为 c/‖g‖",
               "en": "when ‖g‖ > c the scale factor is c/‖g‖"}, claimed=0.0, computed=scale_err, tol=1e-12)
    ctx.check(
        {"zh": "当 ‖g‖ ≤ c（例如梯度消失）时 g 保持不变：裁剪无法把梯度放大",
         "en": "when ‖g‖ ≤ c (e.g. a vanishing gradient) g is unchanged: clipping cannot enlarge it"},
        claimed=0.0,
        computed=unchanged_err,
        tol=0.0,
    )
    ctx.formula(r"\operatorname{clip}(g)=g\cdot\min\!\Big(1,\frac{c}{\|g\|}\Big)")
    order = np.argsort(orig)
    ctx.plot(
        {"zh": "裁剪后范数 vs 原范数", "en": "clipped norm vs original norm"},
        [
            ctx.series(
                "‖clip(g)‖", np.log10(np.array(orig)[order]), np.log10(np.array(clipped)[order])
            )
        ],
        xlabel="log10 ‖g‖",
        ylabel="log10 ‖clip(g)‖",
    )


@proof(
    "gradients.clip_by_value_direction",
    title={
        "zh": "按值裁剪逐元素截断：会改变梯度方向，范数可达 c·√d",
        "en": "Clipping by value truncates each entry: it changes the direction; the norm can reach c·√d",
    },
    params=[
        Param("threshold", 1.0, min=0.01, max=100.0, help={"zh": "裁剪值 c", "en": "clip value c"}),
        Param("dim", 10, min=2, max=1000, help={"zh": "梯度维度", "en": "gradient dimension"}),
    ],
    seed=13,
)
def clip_by_value_direction(ctx, threshold: float, dim: int) -> None:
    c = threshold
    g = np.array([3.0, 0.5]) * c
    cv = np.clip(g, -c, c)
    cos = float(cv @ g / (np.linalg.norm(cv) * np.linalg.norm(g)))
    ctx.check(
        {"zh": "g = (3c, 0.5c) → (c, 0.5c)：与 g 的余弦 < 0.99（方向改变）",
         "en": "g = (3c, 0.5c) → (c, 0.5c): cosine with g < 0.99 (direction changed)"},
        claimed=0.99,
        computed=cos,
        op="<",
        tol=0.0,
    )
    cn = g * min(1.0, c / np.linalg.norm(g))
    ctx.check(
        {"zh": "对同一个 g 按范数裁剪，余弦保持为 1", "en": "clip by norm of the same g keeps cosine = 1"},
        claimed=1.0,
        computed=float(cn @ g / (np.linalg.norm(cn) * np.linalg.norm(g))),
        tol=1e-12,
    )
    rng = ctx.rng
    cosines, norms = [], []
    for _ in range(300):
        h = rng.standard_normal(dim) * 3 * c
        hv = np.clip(h, -c, c)
        cosines.append(hv @ h / (np.linalg.norm(hv) * np.linalg.norm(h)))
        norms.append(np.linalg.norm(hv))
    ctx.check(
        {"zh": "随机大梯度：按值裁剪后的平均余弦 < 0.99",
         "en": "random large gradients: mean cosine after value clipping < 0.99"},
        claimed=0.99,
        computed=float(np.mean(cosines)),
        op="<",
        tol=0.0,
    )
    ctx.check(
        {"zh": "‖clip_value(g)‖ ≤ c·√d，且可以超过 c", "en": "‖clip_value(g)‖ ≤ c·√d, and can exceed c"},
        claimed=c * np.sqrt(dim),
        computed=float(max(norms)),
        op="<=",
        tol=1e-12,
    )
    ctx.check(
        {"zh": "按值裁剪后的最大范数 > c（不是范数上界）",
         "en": "largest value-clipped norm is > c (not a norm bound)"},
        claimed=c,
        computed=float(max(norms)),
        op=">",
        tol=0.0,
    )
    ctx.table(
        [{"zh": "方法", "en": "method"}, {"zh": "g=(3c, 0.5c) 的裁剪结果",
                    "en": "result for g=(3c, 0.5c)"}, {"zh": "与 g 的余弦", "en": "cos with g"}],
        [["by value", cv.tolist(), cos], ["by norm", cn.tolist(), 1.0]],
    )


@proof(
    "gradients.clip_global_norm",
    title={
        "zh": "全局范数裁剪：把所有参数的梯度当作一个向量裁剪（backward 之后、step 之前；AMP 下先 unscale）",
        "en": "Global-norm clipping: clip all parameters' gradients as one vector (after backward, before step; "
              "unscale first under AMP)",
    },
    params=[
        Param("threshold", 1.0, min=0.01, max=100.0, help={"zh": "裁剪阈值 c", "en": "clip threshold c"}),
        Param("tensors", 8, min=2, max=50,
              help={"zh": "随机试验中参数张量的个数", "en": "number of parameter tensors in the random trials"}),
    ],
    seed=25,
)
def clip_global_norm(ctx, threshold: float, tensors: int) -> None:
    def clip_global(grads, c):
        total = math.sqrt(sum(float(g @ g) for g in grads))
        scale = min(1.0, c / total) if total > 0 else 1.0
        return [g * scale for g in grads], total

    def clip_each(grads, c):
        return [g * min(1.0, c / np.linalg.norm(g)) if np.linalg.norm(g) > 0 else g for g in grads]

    def cosine(a, b):
        va, vb = np.concatenate(a), np.concatenate(b)
        return float(va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb)))

    # the card's example: two tensors with gradients (3, 4) and (12), c = 1
    ex = [np.array([3.0, 4.0]), np.array([12.0])]
    clipped, total = clip_global(ex, 1.0)
    ctx.check({"zh": "例：全局范数 √(3² + 4² + 12²) = 13", "en": "example: global norm √(3² + 4² + 12²) = 13"},
              claimed=13.0, computed=total, tol=1e-12)
    ctx.check({"zh": "例：c = 1 时裁剪后第一个分量 = 3/13 ≈ 0.2308", "en": "example: with c = 1 the clipped first component = 3/13 ≈ 0.2308"},
              claimed=3 / 13, computed=float(clipped[0][0]), rel=1e-12)
    each = clip_each(ex, 1.0)
    ctx.check({"zh": "例：逐张量裁剪得到 (0.6, 0.8) 和 (1)", "en": "example: per-tensor clipping gives (0.6, 0.8) and (1)"},
              claimed=[0.6, 0.8, 1.0], computed=np.concatenate(each).tolist(), tol=1e-12)
    ctx.check({"zh": "例：逐张量裁剪后与原梯度的余弦 = 17/(13√2) ≈ 0.9247（方向改变）",
               "en": "example: the cosine of the per-tensor clipped gradient with g = 17/(13√2) ≈ 0.9247 (direction changed)"},
              claimed=17 / (13 * math.sqrt(2)), computed=cosine(each, ex), rel=1e-12)
    # random models: tensors whose gradient norms span six orders of magnitude
    rng = ctx.rng
    cos_global, cos_each, worst_norm = [], [], 0.0
    for _ in range(200):
        # norms relative to c, so the regime is the same at every threshold
        grads = [rng.standard_normal(int(rng.integers(1, 20))) * threshold * 10 ** rng.uniform(-3, 3) for _ in range(tensors)]
        cg, _ = clip_global(grads, threshold)
        worst_norm = max(worst_norm, float(np.linalg.norm(np.concatenate(cg))) / threshold)
        cos_global.append(cosine(cg, grads))
        cos_each.append(cosine(clip_each(grads, threshold), grads))
    ctx.check({"zh": "全局裁剪：200 次试验中余弦的最小值 = 1（方向不变）",
               "en": "global clipping: smallest cosine over 200 trials = 1 (direction kept)"},
              claimed=1.0, computed=min(cos_global), tol=1e-12)
    ctx.check({"zh": "全局裁剪：所有参数合起来的范数 ≤ c", "en": "global clipping: the norm over all parameters ≤ c"},
              claimed=1.0, computed=worst_norm, op="<=", tol=1e-12)
    ctx.check({"zh": "逐张量裁剪：平均余弦 < 0.99（方向改变）", "en": "per-tensor clipping: mean cosine < 0.99 (direction changed)"},
              claimed=0.99, computed=float(np.mean(cos_each)), op="<", tol=0.0)
    # where in the loop: backward → (unscale) → clip → step. A step taken before clipping used the raw gradient.
    lr = 0.1
    g = rng.standard_normal(50) * 100 * threshold  # an exploding gradient, ‖g‖ ≫ c
    p0 = rng.standard_normal(50)
    step_after_clip = p0 - lr * clip_global([g], threshold)[0][0]
    step_before_clip = p0 - lr * g  # clip_grad_norm_ called after optimizer.step(): too late
    ctx.check({"zh": "先裁剪再 step：更新量 ‖Δp‖ = lr·c", "en": "clip, then step: the update ‖Δp‖ = lr·c"},
              claimed=lr * threshold, computed=float(np.linalg.norm(step_after_clip - p0)), rel=1e-12)
    ctx.check({"zh": "先 step 再裁剪：更新量仍是 lr·‖g‖ > 10·lr·c（裁剪没起作用）",
               "en": "step, then clip: the update is still lr·‖g‖ > 10·lr·c (the clip did nothing)"},
              claimed=10 * lr * threshold, computed=float(np.linalg.norm(step_before_clip - p0)), op=">", tol=0.0)
    # mixed precision: gradients arrive multiplied by the loss scale S
    S = 2.0**16
    unscale_then_clip = clip_global([S * g / S], threshold)[0][0]
    clip_then_unscale = clip_global([S * g], threshold)[0][0] / S
    ctx.check({"zh": "AMP：先 unscale 再裁剪，范数 = c", "en": "AMP: unscale, then clip — norm = c"},
              claimed=threshold, computed=float(np.linalg.norm(unscale_then_clip)), rel=1e-12)
    ctx.check({"zh": "AMP：对放大 S = 2¹⁶ 倍的梯度裁剪后再 unscale，范数只有 c/S（阈值实际缩小了 S 倍）",
               "en": "AMP: clipping the gradients scaled by S = 2¹⁶, then unscaling, leaves norm c/S (the threshold "
                     "shrank S-fold)"},
              claimed=threshold / S, computed=float(np.linalg.norm(clip_then_unscale)), rel=1e-12)
    ctx.formula(r"\|g\|_{\mathrm{global}}=\sqrt{\sum_k\|g_k\|^2},\qquad g_k\leftarrow g_k\cdot\min\!\Big(1,\frac{c}{\|g\|_{\mathrm{global}}}\Big)")
    ctx.table(
        [{"zh": "方法", "en": "method"}, {"zh": "平均余弦", "en": "mean cosine"}],
        [["global norm", float(np.mean(cos_global))], ["per tensor", float(np.mean(cos_each))]],
    )


@proof(
    "gradients.l2_weight_decay",
    title={
        "zh": "L2 正则：梯度多一项 λw，每步把权重乘以 (1 − ηλ)",
        "en": "L2 regularisation: the gradient gains λw; each step multiplies the weights by (1 − ηλ)",
    },
    params=[
        Param("lam", 0.1, min=0.0, max=1.0,
              help={"zh": "L2 正则化系数 λ（≤ 1：与 η ≤ 1 一起保证 ηλ ≤ 1，权重是“衰减”而不是振荡发散）",
                    "en": "λ (≤ 1: with η ≤ 1 this keeps ηλ ≤ 1, so the weights decay instead of "
                          "oscillating or blowing up)"}),
        Param("lr", 0.1, min=0.001, max=1.0, help={"zh": "学习率 η", "en": "η"}),
        Param("steps", 50, min=1, max=1000,
              help={"zh": "数据梯度为 0 时的更新步数", "en": "steps with zero data gradient"}),
    ],
    seed=14,
)
def l2_weight_decay(ctx, lam: float, lr: float, steps: int) -> None:
    n = 4
    w = sp.symbols(f"w0:{n}", real=True)
    lsym = sp.Symbol("lambda", positive=True)
    penalty = lsym / 2 * sum(wi**2 for wi in w)
    grad = [sp.diff(penalty, wi) for wi in w]
    ctx.check(
        {"zh": "∇(λ/2·‖w‖²) = λ·w（sympy，逐分量）", "en": "∇(λ/2·‖w‖²) = λ·w (sympy, component-wise)"},
        claimed=[str(lsym * wi) for wi in w],
        computed=[str(g) for g in grad],
    )
    ctx.formula(sp.Eq(sp.Symbol("∇_w(λ/2‖w‖²)"), sp.Matrix(grad), evaluate=False))
    rng = ctx.rng
    w0 = rng.standard_normal(n)
    cur = w0.copy()
    norms = [np.linalg.norm(cur)]
    for _ in range(steps):
        cur = cur - lr * (0.0 + lam * cur)
        norms.append(np.linalg.norm(cur))
    ctx.check(
        {"zh": f"数据梯度为零时经过 {steps} 步：‖w‖ = (1−ηλ)^{steps}·‖w₀‖",
         "en": f"after {steps} steps with zero data gradient: ‖w‖ = (1−ηλ)^{steps}·‖w₀‖"},
        claimed=(1 - lr * lam) ** steps * np.linalg.norm(w0),
        computed=norms[-1],
        rel=1e-10,
    )
    ctx.plot(
        {"zh": "权重衰减", "en": "weight decay"},
        [ctx.series("‖w_t‖", np.arange(steps + 1), norms)],
        xlabel="step",
        ylabel="‖w‖",
    )


@proof(
    "gradients.l2_not_clip",
    title={
        "zh": "L2 项不能阻止一步之内的梯度爆炸（它只改变梯度的一个微小部分）",
        "en": "The L2 term cannot stop an explosion within a step (it changes only a tiny part of the gradient)",
    },
    params=[
        Param("depth", 20, min=20, max=60,
              help={"zh": "标量线性网络的层数（≥ 20：配合 w0 ≥ 1.5，增益 w0^depth > 3000，确为爆炸点）",
                    "en": "layers of the scalar linear net (≥ 20: with w0 ≥ 1.5 the gain w0^depth > 3000, "
                          "a real exploding point)"}),
        Param("w0", 1.5, min=1.5, max=3.0,
              help={"zh": "所有权重的初始值（≥ 1.5：过大的初始化）",
                    "en": "every initial weight (≥ 1.5: a too-large init)"}),
        Param("lam", 1e-3, min=0.0, max=1.0, help={"zh": "L2 正则化系数 λ", "en": "λ"}),
    ],
    seed=15,
)
def l2_not_clip(ctx, depth: int, w0: float, lam: float) -> None:
    rng = ctx.rng
    x = rng.standard_normal(64)
    y = x.copy()
    w = np.full(depth, w0)
    r = np.prod(w) * x - y
    data_grad = 2 * np.mean(r * x) * np.array([np.prod(np.delete(w, i)) for i in range(depth)])
    l2_grad = lam * w
    total = data_grad + l2_grad
    # the claims are about an exploding point: the gain w0^depth says whether this is one
    # (w0 = 1 is the identity net: it fits y = x exactly, the data gradient is 0 — no explosion)
    at = f"gain w0^depth = {w0 ** depth:.3g}"
    norm_data, norm_total = float(np.linalg.norm(data_grad)), float(np.linalg.norm(total))
    ctx.check(  # ‖λw‖ < 1e-6·‖data gradient‖, written without a division by a possibly-zero norm
        {"zh": f"{at}：‖λw‖ < 1e-6·‖数据梯度‖", "en": f"{at}: ‖λw‖ < 1e-6·‖data gradient‖"},
        claimed=1e-6 * norm_data,
        computed=float(np.linalg.norm(l2_grad)),
        op="<",
        tol=0.0,
    )
    ctx.check(
        {"zh": f"{at}：加正则后的梯度范数仍 > 1e4",
         "en": f"{at}: the regularised gradient still has norm > 1e4"},
        claimed=1e4,
        computed=norm_total,
        op=">",
        tol=0.0,
    )
    # a zero gradient has no direction: then the cosine is reported as 0 (not "unchanged")
    cos = float(total @ data_grad / (norm_total * norm_data)) if norm_total * norm_data > 0 else 0.0
    ctx.check(
        {"zh": f"{at}：方向几乎不变（余弦 > 0.999999）",
         "en": f"{at}: direction practically unchanged (cosine > 0.999999)"},
        claimed=0.999999,
        computed=cos,
        op=">",
        tol=0.0,
    )
    ctx.table(
        [{"zh": "项", "en": "term"}, {"zh": "范数", "en": "norm"}],
        [["data gradient", np.linalg.norm(data_grad)], ["λw", np.linalg.norm(l2_grad)]],
    )
    ctx.note(
        {
            "zh": "L2 只在多步训练中慢慢把权重拉小（间接降低爆炸风险）；真正截断单步梯度的是梯度裁剪。"
            "这些结论针对爆炸点（增益 w0^depth ≫ 1）；w0 = 1 时网络恰为恒等映射，数据梯度为 0，没有爆炸。",
            "en": "L2 only pulls weights down slowly over many steps (an indirect effect); bounding a single step "
            "is what gradient clipping does. The checks are about an exploding point (gain w0^depth ≫ 1); "
            "at w0 = 1 the net is the identity, the data gradient is 0 and nothing explodes.",
        }
    )


@proof(
    "gradients.relu_chain",
    title={
        "zh": "ReLU 也会梯度爆炸/消失：梯度 = 权重的连乘；死单元梯度为 0",
        "en": "ReLU nets still explode/vanish: the gradient is a product of weights; dead units give 0",
    },
    params=[
        Param("depth", 30, min=30, max=100,
              help={"zh": "层数（≥ 30：向量网络的梯度才越过 1e-3 / 1e6）",
                    "en": "layers (≥ 30: only then the vector nets' gradients pass 1e-3 / 1e6)"}),
        Param("width", 64, min=16, max=256,
              help={"zh": "层宽度（≥ 16：窄层的随机涨落太大）",
                    "en": "width (≥ 16: narrower layers fluctuate too much)"}),
    ],
    seed=16,
)
def relu_chain(ctx, depth: int, width: int) -> None:
    def scalar_grad(wv: float, x0: float) -> float:
        a, zs = x0, []
        for _ in range(depth):
            zs.append(wv * a)
            a = max(zs[-1], 0.0)
        g = 1.0
        for z in reversed(zs):
            g *= wv * (1.0 if z > 0 else 0.0)
        return g

    ctx.check(
        {"zh": f"标量链，w = 1.5，所有单元激活：梯度 = 1.5^{depth}（爆炸）",
         "en": f"scalar chain, w = 1.5, all units active: gradient = 1.5^{depth} (explodes)"},
        claimed=1.5**depth,
        computed=scalar_grad(1.5, 1.0),
        rel=1e-12,
    )
    ctx.check(
        {"zh": f"标量链，w = 0.5：梯度 = 0.5^{depth}（消失）",
         "en": f"scalar chain, w = 0.5: gradient = 0.5^{depth} (vanishes)"},
        claimed=0.5**depth,
        computed=scalar_grad(0.5, 1.0),
        rel=1e-12,
    )
    ctx.check(
        {"zh": "负输入（死亡单元）：梯度恰好为 0", "en": "negative input (dead unit): gradient exactly 0"},
        claimed=0.0,
        computed=scalar_grad(1.5, -1.0),
        tol=0.0,
    )
    rng = ctx.rng
    x = rng.standard_normal(width)
    v = rng.standard_normal(width)
    v /= np.linalg.norm(v)
    res = {}
    for gain in (1.0, np.sqrt(2.0), 3.0):
        ws = [rng.normal(0, gain / np.sqrt(width), (width, width)) for _ in range(depth)]
        h, zs = x, []
        for w in ws:
            zs.append(w @ h)
            h = np.maximum(zs[-1], 0)
        g = v.copy()
        for w, z in zip(reversed(ws), reversed(zs), strict=True):
            g = w.T @ (g * (z > 0))
        res[round(gain, 3)] = float(np.linalg.norm(g))
    ctx.check(
        {"zh": "向量 ReLU 网络，std 1/√d：输入梯度 < 1e-3（消失）",
         "en": "vector ReLU net, std 1/√d: input gradient < 1e-3 (vanishes)"},
        claimed=1e-3,
        computed=res[1.0],
        op="<",
        tol=0.0,
    )
    ctx.check(
        {"zh": "向量 ReLU 网络，std 3/√d：输入梯度 > 1e6（爆炸）",
         "en": "vector ReLU net, std 3/√d: input gradient > 1e6 (explodes)"},
        claimed=1e6,
        computed=res[3.0],
        op=">",
        tol=0.0,
    )
    ctx.table([{"zh": "权重 std × √d",
                "en": "weight std × √d"}, "‖∂(v·y)/∂x‖"], [[k, val] for k, val in res.items()])
    ctx.formula(r"\frac{\partial a_L}{\partial x}=\prod_{l}w_l\,\mathbb 1[z_l>0]")


@proof(
    "gradients.dead_relu",
    title={
        "zh": "死亡 ReLU：预激活恒为负的单元，自身权重和偏置的梯度恒为 0、不再更新",
        "en": "Dying ReLU: a unit whose pre-activation is always negative gets zero gradient for its own weights and bias, which stop updating",
    },
    params=[
        Param("units", 100, min=10, max=1000, help={"zh": "隐藏单元数", "en": "hidden units"}),
        Param("dead_bias", -10.0, min=-100.0, max=-10.0,
              help={"zh": "被推向负区的单元的偏置（≤ −10：x·w 的标准差约为 1，1000 个输入中最大也只到 7 左右）",
                    "en": "bias of the units pushed negative (≤ −10: x·w has std ≈ 1 and its maximum over "
                          "1000 inputs is only about 7)"}),
    ],
    seed=17,
)
def dead_relu(ctx, units: int, dead_bias: float) -> None:
    rng = ctx.rng
    d, n = 8, 1000
    x = rng.standard_normal((n, d))
    w = rng.normal(0, 1 / np.sqrt(d), (d, units))
    b = np.zeros(units)
    dead = rng.choice(units, size=units // 4, replace=False)
    b[dead] = dead_bias
    z = x @ w + b
    upstream = rng.standard_normal((n, units))
    gw = x.T @ (upstream * (z > 0))
    gb = (upstream * (z > 0)).sum(0)
    never_active = np.where((z <= 0).all(axis=0))[0]
    ctx.check(
        {"zh": "在 1000 个输入上从未激活的单元恰好就是被压低的那些",
         "en": "the units that never activate on 1000 inputs are exactly the pushed-down ones"},
        claimed=sorted(dead.tolist()),
        computed=never_active.tolist(),
    )
    ctx.check(
        {"zh": "它们的权重和偏置梯度恰好为 0", "en": "their weight and bias gradients are exactly 0"},
        claimed=0.0,
        computed=float(np.abs(gw[:, dead]).max() + np.abs(gb[dead]).max()),
        tol=0.0,
    )
    alive = np.setdiff1d(np.arange(units), dead)
    ctx.check(
        {"zh": "存活单元确实得到非零梯度", "en": "live units do get non-zero gradients"},
        claimed=0.0,
        computed=float(np.abs(gw[:, alive]).min(axis=0).max()),
        op=">",
        tol=0.0,
    )
    leaky = x.T @ (upstream * np.where(z > 0, 1.0, 0.01))
    ctx.check(
        {"zh": "Leaky ReLU（斜率 0.01）：同样这些单元得到非零梯度",
         "en": "Leaky ReLU (slope 0.01): the same units get non-zero gradients"},
        claimed=0.0,
        computed=float(np.abs(leaky[:, dead]).max()),
        op=">",
        tol=0.0,
    )


@proof(
    "gradients.bn_desaturate",
    title={
        "zh": "BN 把预激活拉回非饱和区：sigmoid 导数的平均值变大",
        "en": "BN pulls pre-activations back to the non-saturated range: the mean sigmoid derivative grows",
    },
    params=[
        Param("shift", 4.0, min=4.0, max=20.0,
              help={"zh": "原始预激活的均值（≥ 4：无论标准差多小，原始预激活都处于饱和区）",
                    "en": "mean of the raw pre-activations (≥ 4: the raw pre-activations are saturated "
                          "whatever their std)"}),
        Param("scale", 3.0, min=0.1, max=20.0,
              help={"zh": "原始预激活的标准差", "en": "std of the raw pre-activations"}),
    ],
    seed=18,
)
def bn_desaturate(ctx, shift: float, scale: float) -> None:
    rng = ctx.rng
    z = rng.normal(shift, scale, 20000)
    zn = (z - z.mean()) / np.sqrt(z.var() + 1e-5)

    def dsig(v):
        s = _sigmoid(v)
        return s * (1 - s)

    before, after = float(dsig(z).mean()), float(dsig(zn).mean())
    ctx.check(
        {"zh": "归一化后 σ'(ẑ) 的均值 ≈ E[σ'(N(0,1))] ≈ 0.2066",
         "en": "after normalisation mean σ'(ẑ) ≈ E[σ'(N(0,1))] ≈ 0.2066"},
        claimed=0.2066,
        computed=after,
        tol=3e-3,
    )
    ctx.check(
        {"zh": "BN 之后 σ' 的均值比之前大",
         "en": "mean σ' after BN is larger than before"}, claimed=before, computed=after, op=">", tol=0.0
    )
    sat_b = float(np.mean(np.abs(z) > 4))
    sat_a = float(np.mean(np.abs(zn) > 4))
    if (shift, scale) == (4.0, 3.0):
        ctx.check({"zh": "原始 N(4, 3²)：σ'(z) 的均值 ≈ 0.06",
                   "en": "raw N(4, 3²): mean σ'(z) ≈ 0.06"}, claimed=0.06, computed=before, tol=5e-3)
        ctx.check({"zh": "原始 N(4, 3²)：约一半单元饱和（|z| > 4）",
                   "en": "raw N(4, 3²): about half saturated (|z| > 4)"}, claimed=0.5, computed=sat_b,
                  tol=0.03)
    ctx.check(
        {"zh": "饱和单元（|z| > 4，σ' < 0.018）的比例下降",
         "en": "fraction of saturated units (|z| > 4, σ' < 0.018) drops"},
        claimed=sat_b,
        computed=sat_a,
        op="<",
        tol=0.0,
    )
    ctx.table(
        ["", {"zh": "σ'(z) 的均值", "en": "mean σ'(z)"}, {"zh": "|z|>4 的比例",
                            "en": "fraction |z|>4"}], [["raw", before, sat_b], ["normalised", after, sat_a]]
    )
    grid = np.linspace(-12, 12, 121)
    ctx.plot(
        {"zh": "σ'(z) 与两组预激活", "en": "σ'(z) and the two pre-activation sets"},
        [
            ctx.series("σ'(z)", grid, dsig(grid)),
            ctx.series(
                "raw z (density)",
                grid,
                np.histogram(z, bins=np.append(grid, 12.2))[0] / (z.size * 0.2),  # 0 (not NaN) off-grid
            ),
            ctx.series(
                "BN z (density)",
                grid,
                np.histogram(zn, bins=np.append(grid, 12.2))[0] / (zn.size * 0.2),  # 0 (not NaN) off-grid
            ),
        ],
        xlabel="z",
        ylabel="value",
    )


@proof(
    "gradients.bn_scale_invariance",
    title={
        "zh": "BN 对权重尺度不变：BN(a·Wx) = BN(Wx)，梯度按 1/a 缩放",
        "en": "BN is invariant to the weight scale: BN(a·Wx) = BN(Wx), the gradient scales as 1/a",
    },
    params=[Param("a", 10.0, min=0.01, max=1000.0,
                  help={"zh": "作用于 W 的缩放因子", "en": "scale applied to W"})],
    seed=19,
)
def bn_scale_invariance(ctx, a: float) -> None:
    rng = ctx.rng
    x = rng.standard_normal((64, 6))
    w = rng.standard_normal((6, 5))
    c = rng.standard_normal((64, 5))
    eps = 1e-12

    def bn(z):
        return (z - z.mean(0)) / np.sqrt(z.var(0) + eps)

    def loss(wm):
        return float(np.sum(c * np.tanh(bn(x @ wm))))

    diff = float(np.abs(bn(x @ (a * w)) - bn(x @ w)).max())
    # the only difference is eps: 1/√(a²v + eps) vs 1/√(v + eps) differ relatively by about
    # eps·|1/a² − 1|/(2v); the tolerance allows twice that (plus rounding), so it scales with a
    z = x @ w
    eps_effect = float(np.abs(bn(z)).max()) * eps * abs(1 / a**2 - 1) / float(z.var(0).min())
    ctx.check({"zh": f"max |BN(x·{a}W) − BN(x·W)| ≈ 0",
               "en": f"max |BN(x·{a}W) − BN(x·W)| ≈ 0"}, claimed=0.0, computed=diff,
              tol=1e-12 + eps_effect)

    def grad_entry(wm, i, j):
        h = 1e-5 * max(1.0, abs(wm[i, j]))
        e = np.zeros_like(wm)
        e[i, j] = h
        return (loss(wm + e) - loss(wm - e)) / (2 * h)

    g1 = np.array([grad_entry(w, i, j) for i in range(2) for j in range(2)])
    ga = np.array([grad_entry(a * w, i, j) for i in range(2) for j in range(2)])
    ctx.check(
        {"zh": "a·W 处的 ∂L/∂W = (1/a)·(W 处的 ∂L/∂W)（有限差分）",
         "en": "∂L/∂W at a·W = (1/a)·∂L/∂W at W (finite differences)"},
        claimed=(g1 / a).tolist(),
        computed=ga.tolist(),
        tol=1e-6 * max(1.0, float(np.abs(g1).max())),
        rel=1e-4,
    )


def _mlp_grads(rng, depth: int, width: int, batch: int, use_bn: bool, fd_check: bool = False):
    """Plain ReLU MLP (He init), optionally with BN (no affine) before each ReLU.

    Returns per-layer ‖∂L/∂W_l‖, the per-layer pre-activation statistics and, if asked, the
    backprop value and a central finite difference of one first-layer weight.
    """
    x = rng.standard_normal((batch, width))
    ws = [rng.normal(0.0, np.sqrt(2.0 / width), (width, width)) for _ in range(depth)]
    c = rng.standard_normal((batch, width))  # L = Σ c ⊙ h_L: a fixed random upstream gradient
    eps = 1e-5

    def forward(weights):
        h, cache, stats = x, [], []
        for w in weights:
            z = h @ w
            if use_bn:
                var = z.var(0)
                zh = (z - z.mean(0)) / np.sqrt(var + eps)
            else:
                var, zh = None, z
            stats.append((float(np.abs(zh.mean(0)).max()), float(zh.var(0).mean())))
            cache.append((h, w, zh, var))
            h = np.maximum(zh, 0.0)
        return float(np.sum(c * h)), cache, stats

    loss, cache, stats = forward(ws)
    g = c
    norms = []
    for h_in, w, zh, var in reversed(cache):
        g = g * (zh > 0)
        if use_bn:
            g = (g - g.mean(0) - zh * (g * zh).mean(0)) / np.sqrt(var + eps)
        gw = h_in.T @ g
        norms.append(float(np.linalg.norm(gw)))
        first_gw = gw
        g = g @ w.T
    norms.reverse()
    fd = None
    if fd_check:
        # a central difference is only valid if neither side crosses a ReLU kink: shrink the step
        # until every unit of every layer has the same on/off pattern at W ± step
        for step in (1e-6, 1e-7, 1e-8, 1e-9):
            plus = [w.copy() for w in ws]
            minus = [w.copy() for w in ws]
            plus[0][0, 0] += step
            minus[0][0, 0] -= step
            (lp, cp, _), (lm, cm, _) = forward(plus), forward(minus)
            if all(np.array_equal(a[2] > 0, b[2] > 0) for a, b in zip(cp, cm, strict=True)):
                break
        fd = (float(first_gw[0, 0]), (lp - lm) / (2 * step))
    return norms, stats, fd


@proof(
    "gradients.bn_deep_explosion",
    title={
        "zh": "BN 不能“解决”梯度爆炸：无残差的深层 BN+ReLU 网络在初始化时梯度向输入层指数增长",
        "en": "BN does not “solve” exploding gradients: a deep BN+ReLU net without skips explodes toward the input at init",
    },
    params=[
        Param("depth", 50, min=20, max=100,
              help={"zh": "层数（≥ 20：无 BN 对照的“每层平均变化”要在足够多层上平均才稳定在 10% 以内）",
                    "en": "number of layers (≥ 20: the no-BN control's average per-layer change needs enough "
                          "layers to stay within 10%)"}),
        Param("width", 64, min=32, max=256,
              help={"zh": "每层单元数（≥ 32：更窄时随机涨落太大）",
                    "en": "units per layer (≥ 32: narrower layers fluctuate too much)"}),
        Param("batch", 64, min=8, max=512,
              help={"zh": "BN 使用的批大小", "en": "batch size used by BN"}),
    ],
    seed=23,
)
def bn_deep_explosion(ctx, depth: int, width: int, batch: int) -> None:
    rng = ctx.rng
    # the hand-written backprop (BN backward included) is first checked on a 10-layer copy; in the
    # deep net the first layer is so sensitive that a finite-difference step crosses ReLU kinks
    _, _, fd = _mlp_grads(rng, 10, width, batch, use_bn=True, fd_check=True)
    bn_norms, bn_stats, _ = _mlp_grads(rng, depth, width, batch, use_bn=True)
    he_norms, _, _ = _mlp_grads(rng, depth, width, batch, use_bn=False)
    ctx.check(
        {"zh": "10 层 BN 网络：反向传播的 ∂L/∂W₁[0,0] 与有限差分一致",
         "en": "10-layer BN net: backprop ∂L/∂W₁[0,0] matches finite differences"},
        claimed=fd[1],
        computed=fd[0],
        rel=1e-4,
        tol=1e-6,
    )
    worst_mean = max(m for m, _ in bn_stats)
    mean_var = float(np.mean([v for _, v in bn_stats]))
    ctx.check(
        {"zh": "前向：BN 后每层预激活的均值 ≈ 0、方差 ≈ 1", "en": "forward: after BN every layer's pre-activation has mean ≈ 0, variance ≈ 1"},
        claimed=[0.0, 1.0],
        computed=[worst_mean, mean_var],
        tol=1e-3,
    )
    bn_rate = (bn_norms[0] / bn_norms[-1]) ** (1.0 / (depth - 1))
    he_rate = (he_norms[0] / he_norms[-1]) ** (1.0 / (depth - 1))
    ctx.check(
        {"zh": "有 BN：越靠近输入梯度越大，每层平均放大 ≥ 1.1 倍（指数爆炸）",
         "en": "with BN: gradients grow toward the input by ≥ 1.1× per layer on average (exponential)"},
        claimed=1.1,
        computed=bn_rate,
        op=">=",
    )
    if depth >= 50:
        ctx.check(
            {"zh": f"深度 {depth}：有 BN 时第一层的梯度 > 最后一层的 10³ 倍（约 10⁴ 倍）",
             "en": f"depth {depth}: with BN the first layer's gradient is > 10³× the last layer's (about 10⁴×)"},
            claimed=1e3,
            computed=bn_norms[0] / bn_norms[-1],
            op=">",
            tol=0.0,
        )
    ctx.check(
        {"zh": "对照：无 BN、He 初始化的同一网络每层平均变化不超过 10%",
         "en": "control: the same net without BN, He init, changes by at most 10% per layer on average"},
        claimed=0.1,
        computed=abs(he_rate - 1.0),
        op="<=",
    )
    layers = np.arange(1, depth + 1)
    ctx.plot(
        {"zh": "log10 ‖∂L/∂W_l‖ 随层号（1 = 输入端）", "en": "log10 ‖∂L/∂W_l‖ by layer (1 = input side)"},
        [
            ctx.series("BN + ReLU", layers, np.log10(bn_norms)),
            ctx.series("He init, no BN", layers, np.log10(he_norms)),
        ],
        xlabel="layer",
        ylabel="log10 grad norm",
    )
    ctx.table(
        ["", "‖∂L/∂W₁‖", f"‖∂L/∂W_{depth}‖", {"zh": "比值",
                                              "en": "ratio"}, {"zh": "每层", "en": "per layer"}],
        [
            ["BN + ReLU", bn_norms[0], bn_norms[-1], bn_norms[0] / bn_norms[-1], bn_rate],
            ["He, no BN", he_norms[0], he_norms[-1], he_norms[0] / he_norms[-1], he_rate],
        ],
    )
    ctx.note({
        "zh": "BN 把前向信号标准化了，但反向时每层的 BN 雅可比（∝ 1/σ 并减去均值方向）会放大梯度；"
              "Yang 等（ICLR 2019）证明了无残差深层 BN 网络在初始化时的梯度爆炸。实践中 BN 要与残差连接、合适的初始化一起用。",
        "en": "BN standardises the forward signal, but each BN layer's backward Jacobian (∝ 1/σ, minus the mean direction) "
              "amplifies the gradient; Yang et al. (ICLR 2019) proved this explosion at init for deep BN nets without "
              "skip connections. In practice BN is combined with residual connections and proper initialisation.",
    })


@proof(
    "gradients.residual_gradient",
    title={
        "zh": "残差块 y = x + F(x)：dy/dx = 1 + F'(x)，深层时梯度不消失",
        "en": "Residual block y = x + F(x): dy/dx = 1 + F'(x); the gradient survives depth",
    },
    params=[
        Param("depth", 30, min=2, max=100, help={"zh": "残差块数", "en": "number of blocks"}),
        Param("branch_scale", 0.1, min=0.0, max=0.2,
              help={"zh": "每个残差块 |F'| 的尺度（≤ 0.2：小的残差分支，1 + F' 不会接近 0）",
                    "en": "|F'| scale of each block (≤ 0.2: small residual branches, 1 + F' stays away from 0)"}),
    ],
    seed=20,
)
def residual_gradient(ctx, depth: int, branch_scale: float) -> None:
    x = sp.symbols("x")
    F = sp.Function("F")
    dy = sp.diff(x + F(x), x)
    ctx.check(
        {"zh": "sympy：d/dx [x + F(x)] − (1 + F'(x)) = 0",
         "en": "sympy: d/dx [x + F(x)] − (1 + F'(x)) = 0"},
        claimed=0,
        computed=sp.simplify(dy - 1 - sp.diff(F(x), x)),
    )
    ctx.formula(sp.Eq(sp.Derivative(x + F(x), x), dy))
    rng = ctx.rng
    a = rng.uniform(-branch_scale, branch_scale, depth)
    x0 = 0.2

    def run(residual: bool):
        h, hs = x0, []
        for al in a:
            hs.append(h)
            f = al * np.tanh(h)
            h = h + f if residual else f
        g, gs = 1.0, []
        for al, hl in zip(reversed(a), reversed(hs), strict=True):
            fp = al * (1 - np.tanh(hl) ** 2)
            g *= (1 + fp) if residual else fp
            gs.append(g)
        return g, gs, h

    g_plain, gs_plain, _ = run(False)
    g_res, gs_res, h_end = run(True)
    eps = 1e-6

    def end(x_in):
        h = x_in
        for al in a:
            h = h + al * np.tanh(h)
        return h

    fd = (end(x0 + eps) - end(x0 - eps)) / (2 * eps)
    ctx.check(
        {"zh": "残差链：反向传播乘积 ∏(1+F'_l) = 有限差分",
         "en": "residual chain: backprop product ∏(1+F'_l) = finite difference"},
        claimed=fd,
        computed=g_res,
        rel=1e-6,
    )
    ctx.check(
        {"zh": f"普通链 ∏F'_l ≤ {branch_scale}^{depth}",
         "en": f"plain chain ∏F'_l ≤ {branch_scale}^{depth}"},
        claimed=branch_scale**depth,
        computed=abs(g_plain),
        op="<=",
        tol=1e-300,
    )
    ctx.check(
        {"zh": "残差链的梯度保持在 [0.01, 100] 内", "en": "residual chain gradient stays within [0.01, 100]"},
        claimed=True,
        computed=bool(0.01 < abs(g_res) < 100),
    )
    ds = np.arange(1, depth + 1)
    ctx.plot(
        {"zh": "log10 |梯度| vs 深度", "en": "log10 |gradient| vs depth"},
        [
            ctx.series("plain ∏F'", ds, [_log10(v) for v in gs_plain]),
            ctx.series("residual ∏(1+F')", ds, [_log10(v) for v in gs_res]),
        ],
        xlabel="depth",
        ylabel="log10 |∂y/∂x|",
    )


@proof(
    "gradients.lstm_cell_path",
    title={
        "zh": "LSTM 细胞状态路径：∂c_t/∂c_{t−1} = diag(f_t)；记忆跨时间步而非跨训练迭代",
        "en": "LSTM cell path: ∂c_t/∂c_{t−1} = diag(f_t); memory spans time steps, not training iterations",
    },
    params=[
        Param("steps", 50, min=5, max=60,
              help={"zh": "序列长度（≤ 60：细胞路径梯度约为 σ(b)^T，更长时阈值 1e-3 / 1e-2 不再成立）",
                    "en": "sequence length (≤ 60: the cell-path gradient is about σ(b)^T; longer, the 1e-3 / "
                          "1e-2 thresholds no longer hold)"}),
        Param("forget_bias", 3.0, min=-3.0, max=10.0,
              help={"zh": "遗忘门偏置（≥ 2.5 时检查 > 1e-3，≥ 3 时检查 > 1e-2）",
                    "en": "forget-gate bias (≥ 2.5 checks > 1e-3, ≥ 3 checks > 1e-2)"}),
        Param("rnn_weight_std", 0.3, min=0.05, max=0.4,
              help={"zh": "tanh RNN 循环权重的标准差（≤ 0.4：小权重，梯度每步至少减半）",
                    "en": "std of the tanh RNN's recurrent weights (≤ 0.4: small weights, the gradient at "
                          "least halves every step)"}),
    ],
    seed=21,
)
def lstm_cell_path(ctx, steps: int, forget_bias: float, rnn_weight_std: float) -> None:
    rng = ctx.rng
    nh, nx = 4, 3
    W = rng.normal(0, 0.3, (4 * nh, nx + nh))
    b = np.zeros(4 * nh)
    b[nh : 2 * nh] = forget_bias

    def cell(x, h, c):
        z = W @ np.concatenate([x, h]) + b
        i, f, o = _sigmoid(z[:nh]), _sigmoid(z[nh : 2 * nh]), _sigmoid(z[3 * nh :])
        g = np.tanh(z[2 * nh : 3 * nh])
        c2 = f * c + i * g
        return o * np.tanh(c2), c2, f

    xs = rng.standard_normal((steps, nx))
    h, c = rng.standard_normal(nh), rng.standard_normal(nh)
    _, c1, f1 = cell(xs[0], h, c)
    eps = 1e-6
    jac = np.zeros((nh, nh))
    for k in range(nh):
        e = np.zeros(nh)
        e[k] = eps
        jac[:, k] = (cell(xs[0], h, c + e)[1] - cell(xs[0], h, c - e)[1]) / (2 * eps)
    ctx.check(
        {"zh": "有限差分 ∂c_t/∂c_{t−1}（固定 h_{t−1}、x_t）= diag(f_t)",
         "en": "finite-difference ∂c_t/∂c_{t−1} (h_{t−1}, x_t fixed) = diag(f_t)"},
        claimed=np.diag(f1).tolist(),
        computed=jac.tolist(),
        tol=1e-8,
    )
    c_prev, fs, is_, gs = sp.symbols("c_prev f i g")
    ctx.check(
        {"zh": "sympy：∂(f·c_prev + i·g)/∂c_prev = f", "en": "sympy: ∂(f·c_prev + i·g)/∂c_prev = f"},
        claimed=str(fs),
        computed=str(sp.diff(fs * c_prev + is_ * gs, c_prev)),
    )
    # along a sequence: product of forget gates vs a vanilla tanh RNN
    h, c = np.zeros(nh), np.zeros(nh)
    prod_f, lstm_curve = np.ones(nh), []
    for t in range(steps):
        h, c, f = cell(xs[t], h, c)
        prod_f = prod_f * f
        lstm_curve.append(float(np.log10(prod_f.mean())))
    # one random tanh RNN can be lucky or unlucky: use the median over n_rnn independent draws
    n_rnn = 32
    us = rng.normal(0, rnn_weight_std, (n_rnn, nh, nh))
    xr = rng.standard_normal((n_rnn, steps, nh))
    hr, jr, log_norm = np.zeros((n_rnn, nh)), np.tile(np.eye(nh), (n_rnn, 1, 1)), np.zeros(n_rnn)
    rnn_curve = []
    for t in range(steps):
        hr = np.tanh(np.einsum("kij,kj->ki", us, hr) + xr[:, t])
        jr = (1 - hr**2)[:, :, None] * (us @ jr)
        norm = np.linalg.norm(jr, 2, axis=(1, 2))
        jr /= norm[:, None, None]  # renormalise: log10 ‖∂h_t/∂h_0‖ accumulates in log_norm
        log_norm += np.log10(norm)
        rnn_curve.append(float(np.median(log_norm)))
    if forget_bias >= 2.5:  # ∏f ≈ σ(b)^T: σ(2.5)^60 ≈ 6e-3; σ(2)^50 ≈ 1.7e-3 would be too close
        ctx.check(
            {"zh": f"遗忘门偏置 {forget_bias}：{steps} 步后细胞路径梯度 > 1e-3",
             "en": f"forget bias {forget_bias}: cell-path gradient after {steps} steps > 1e-3"},
            claimed=1e-3,
            computed=float(prod_f.mean()),
            op=">",
            tol=0.0,
        )
    if forget_bias >= 2:
        ctx.check(
            {"zh": f"遗忘门偏置 {forget_bias}：{steps} 步后 LSTM 细胞路径保留的梯度比 tanh RNN（中位数）多",
             "en": f"forget bias {forget_bias}: LSTM cell path keeps more gradient than the tanh RNN "
                   f"(median) after {steps} steps"},
            claimed=float(10 ** rnn_curve[-1]),
            computed=float(prod_f.mean()),
            op=">",
            tol=0.0,
        )
    if steps >= 50 and forget_bias >= 3:
        ctx.check(
            {"zh": f"遗忘门偏置 {forget_bias}：{steps} 步后细胞路径梯度仍约为 1e-1（> 1e-2）",
             "en": f"forget bias {forget_bias}: cell-path gradient after {steps} steps is still ~1e-1 (> 1e-2)"},
            claimed=1e-2,
            computed=float(prod_f.mean()),
            op=">",
            tol=0.0,
        )
    if steps >= 50:
        ctx.check(
            {"zh": f"普通 tanh RNN（权重 std {rnn_weight_std:g}，{n_rnn} 次随机抽取的中位数）："
                   f"{steps} 步后 ‖∂h_T/∂h_0‖ < 0.5^{steps}（指数衰减）",
             "en": f"vanilla tanh RNN (weights std {rnn_weight_std:g}, median of {n_rnn} random draws): "
                   f"‖∂h_T/∂h_0‖ after {steps} steps < 0.5^{steps} (exponential decay)"},
            claimed=0.5**steps,
            computed=float(10 ** rnn_curve[-1]),
            op="<",
            tol=0.0,
        )

    # memory lives in the state of one sequence: after a state reset nothing of the last one remains
    def run_seq(seq, h0, c0):
        hh, cc = h0, c0
        for xt in seq:
            hh, cc, _ = cell(xt, hh, cc)
        return hh

    seq_a, seq_b = xs[:10], xs[10:20]
    fresh = run_seq(seq_b, np.zeros(nh), np.zeros(nh))
    hh, cc = np.zeros(nh), np.zeros(nh)
    for xt in seq_a:
        hh, cc, _ = cell(xt, hh, cc)
    carried = run_seq(seq_b, hh, cc)
    ctx.check(
        {"zh": "状态跨时间步传递：输出依赖于更早的时间步",
         "en": "state carried across time steps: output depends on the earlier steps"},
        claimed=0.0,
        computed=float(np.abs(carried - fresh).max()),
        op=">",
        tol=0.0,
    )
    ts = np.arange(1, steps + 1)
    ctx.plot(
        {"zh": "log10 梯度 vs 时间步", "en": "log10 gradient vs time steps"},
        [
            ctx.series("LSTM cell path ∏f", ts, lstm_curve),
            ctx.series("tanh RNN ‖∂h_T/∂h_0‖ (median)", ts, rnn_curve),
        ],
        xlabel="steps back",
        ylabel="log10",
    )
    ctx.formula(
        r"c_t=f_t\odot c_{t-1}+i_t\odot g_t\;\Rightarrow\;\frac{\partial c_t}{\partial c_{t-1}}=\operatorname{diag}(f_t)"
    )
