"""Proofs for the loss-function deck (机器学习基础 › 三、损失函数)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from studytool.proofs.api import Param, proof


def _entropy(p: np.ndarray) -> np.ndarray:
    """Shannon entropy in nats along the last axis (0·log 0 = 0)."""
    safe = np.where(p > 0, p, 1.0)
    return -np.sum(np.where(p > 0, p * np.log(safe), 0.0), axis=-1)


def _cross_entropy(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    safe = np.where(p > 0, q, 1.0)
    return -np.sum(np.where(p > 0, p * np.log(safe), 0.0), axis=-1)


def _kl(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    ratio = np.where(p > 0, p / np.where(p > 0, q, 1.0), 1.0)
    return np.sum(np.where(p > 0, p * np.log(ratio), 0.0), axis=-1)


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# --------------------------------------------------------------------------- overview


@proof(
    "losses.not_all_squared",
    title={"zh": "常用损失并非都是平方形式：只有 MSE 的曲率是正常数",
           "en": "Common losses are not all squared: only MSE has constant positive curvature"},
    params=[Param("scale", 2.0, min=1.1, max=10.0,
                  help={"zh": "误差的缩放倍数", "en": "factor by which the error is scaled"})],
)
def not_all_squared(ctx, scale: float) -> None:
    e, m = sp.symbols("e m", real=True)
    losses = {
        "squared (MSE)": (e**2, e),
        "absolute (MAE)": (sp.Abs(e), e),
        "logistic / cross-entropy": (sp.log(1 + sp.exp(-m)), m),
        "hinge": (sp.Max(0, 1 - m), m),
    }
    points = [-2.3, -0.7, 0.4, 2.6]  # away from the kinks at e = 0 and m = 1
    rows = []
    constant_positive = []
    for name, (expr, var) in losses.items():
        d2 = sp.diff(expr, var, 2)
        vals = [float(d2.subs(var, v)) for v in points]
        const = max(vals) - min(vals) < 1e-12 and min(vals) > 0
        if const:
            constant_positive.append(name)
        ratio = float(expr.subs(var, scale * 1.7) / expr.subs(var, 1.7)) if var is e else None
        rows.append([name, str(expr), ", ".join(f"{v:.3g}" for v in vals), ratio])
    ctx.table([{"zh": "损失", "en": "loss"}, "L", {"zh": "采样点处的 L''",
                             "en": "L'' at sample points"}, f"L({scale}e)/L(e)"], rows)
    ctx.check({"zh": "二阶导为正常数（真正的平方形式）的损失只有 MSE",
               "en": "only MSE has a constant positive second derivative (is truly quadratic)"},
              claimed=["squared (MSE)"], computed=constant_positive)
    mae_ratio = float(sp.Abs(e).subs(e, scale * 1.7) / sp.Abs(e).subs(e, 1.7))
    ctx.check({"zh": "误差放大 s 倍：MAE 放大 s 倍（线性）", "en": "scaling the error by s scales MAE by s (linear)"},
              claimed=scale, computed=mae_ratio, tol=1e-12)
    ctx.check({"zh": "误差放大 s 倍：MSE 放大 s² 倍", "en": "scaling the error by s scales MSE by s²"},
              claimed=scale**2, computed=float((e**2).subs(e, scale * 1.7) / (e**2).subs(e, 1.7)), tol=1e-9)
    ctx.formula(r"\text{MAE}=|e|,\quad \text{CE}=\log(1+e^{-m}),\quad \text{hinge}=\max(0,1-m)",
                label={"zh": "非平方损失", "en": "non-squared losses"})


@proof(
    "losses.outlier_share",
    title={"zh": "平方损失让大误差占主导", "en": "Squared loss lets large errors dominate"},
    params=[Param("outlier", 10.0, min=2.0, max=1000.0,
                  help={"zh": "唯一那个大残差的大小", "en": "size of the one large residual"})],
)
def outlier_share(ctx, outlier: float) -> None:
    r = np.array([1.0, 1.0, 1.0, 1.0, outlier])
    sq_share = r[-1] ** 2 / np.sum(r**2)
    abs_share = abs(r[-1]) / np.sum(np.abs(r))
    ctx.table([{"zh": "损失", "en": "loss"}, {"zh": "离群项", "en": "outlier term"}, {"zh": "总和",
                                        "en": "total"}, {"zh": "离群占比", "en": "outlier share"}],
              [["squared", r[-1] ** 2, np.sum(r**2), sq_share], ["absolute", r[-1], np.sum(np.abs(r)), abs_share]])
    exact = sp.Rational(1) * sp.nsimplify(outlier) ** 2 / (4 + sp.nsimplify(outlier) ** 2)
    ctx.check({"zh": "平方误差中离群项的占比 = o²/(4+o²)", "en": "outlier share of squared error = o²/(4+o²)"},
              claimed=float(exact), computed=float(sq_share), tol=1e-12)
    ctx.check({"zh": "平方损失中离群点占比大于绝对值损失", "en": "the outlier's share is larger under squared loss"},
              claimed=float(abs_share), computed=float(sq_share), op=">")
    r10 = np.array([1.0, 1.0, 1.0, 1.0, 10.0])
    ctx.check({"zh": "残差 [1,1,1,1,10]：占比 ≈ 0.9615", "en": "residuals [1,1,1,1,10]: share ≈ 0.9615"},
              claimed=0.9615, computed=float(r10[-1] ** 2 / np.sum(r10**2)), tol=1e-4)
    grid = np.linspace(-4, 4, 161)
    ctx.plot({"zh": "惩罚随误差增长", "en": "penalty vs error"},
             [ctx.series("e²", grid, grid**2), ctx.series("|e|", grid, np.abs(grid))], xlabel="error e", ylabel="loss")


# --------------------------------------------------------------------------- entropy / KL / CE


@proof(
    "losses.entropy_uniform_max",
    title={"zh": "熵 ≥ 0，且均匀分布取最大值 log K", "en": "Entropy is ≥ 0 and maximal (log K) for the uniform distribution"},
    params=[Param("k", 8, min=2, max=64, help={"zh": "取值个数 K", "en": "number of outcomes K"}),
            Param("trials", 500, min=10, max=5000,
                  help={"zh": "尝试的随机分布个数", "en": "random distributions tried"})],
)
def entropy_uniform_max(ctx, k: int, trials: int) -> None:
    K = sp.symbols("K", positive=True, integer=True)
    h_uniform = sp.simplify(-K * (1 / K) * sp.log(1 / K))
    ctx.formula(sp.Eq(sp.Symbol("H(uniform_K)"), h_uniform), label={"zh": "均匀分布的熵", "en": "entropy of uniform"})
    ctx.check({"zh": "均匀分布的熵 = log K（sympy）", "en": "entropy of the uniform distribution = log K (sympy)"},
              claimed=0, computed=sp.simplify(h_uniform - sp.log(K)))
    ctx.check({"zh": f"K = {k} 的均匀分布熵（比特）= log₂K", "en": f"uniform over K = {k}: entropy in bits = log₂K"},
              claimed=float(np.log2(k)), computed=float(_entropy(np.full(k, 1.0 / k)) / np.log(2)), tol=1e-12)
    ctx.check({"zh": "8 个等可能结果的熵 = 3 比特", "en": "8 equally likely outcomes carry 3 bits"},
              claimed=3.0, computed=float(_entropy(np.full(8, 1 / 8)) / np.log(2)), tol=1e-12)
    p = ctx.rng.dirichlet(np.full(k, 0.5), size=trials)
    h = _entropy(p)
    ctx.check({"zh": "随机分布的熵 ≤ log K", "en": "entropy of random distributions ≤ log K"},
              claimed=float(np.log(k)), computed=float(h.max()), op="<=", tol=1e-12)
    ctx.check({"zh": "随机分布的熵 ≥ 0", "en": "entropy of random distributions ≥ 0"},
              claimed=0.0, computed=float(h.min()), op=">=", tol=1e-12)
    onehot = np.zeros(k)
    onehot[0] = 1.0
    ctx.check({"zh": "确定性分布（one-hot）的熵 = 0", "en": "a deterministic (one-hot) distribution has entropy 0"},
              claimed=0.0, computed=float(_entropy(onehot)), tol=1e-15)
    q = np.linspace(0.001, 0.999, 199)
    hb = -(q * np.log2(q) + (1 - q) * np.log2(1 - q))
    ctx.plot({"zh": "伯努利分布的熵（比特）", "en": "Bernoulli entropy (bits)"}, [ctx.series("H(q)", q, hb)],
             xlabel="q", ylabel="bits")


@proof(
    "losses.kl_gibbs",
    title={"zh": "KL(P‖Q) ≥ 0，当且仅当 P = Q 时为 0（Gibbs 不等式）",
           "en": "KL(P‖Q) ≥ 0, zero iff P = Q (Gibbs' inequality)"},
    params=[Param("k", 5, min=2, max=50, help={"zh": "取值个数", "en": "number of outcomes"}),
            Param("trials", 2000, min=10, max=20000,
                  help={"zh": "随机分布对 (P, Q) 的个数", "en": "random pairs (P, Q)"})],
)
def kl_gibbs(ctx, k: int, trials: int) -> None:
    p = ctx.rng.dirichlet(np.ones(k), size=trials)
    q = ctx.rng.dirichlet(np.ones(k), size=trials)
    kl = _kl(p, q)
    ctx.check({"zh": "随机 (P, Q) 的最小 KL ≥ 0", "en": "minimum KL over random (P, Q) ≥ 0"},
              claimed=0.0, computed=float(kl.min()), op=">=", tol=0.0)
    ctx.check({"zh": "KL(P‖P) = 0", "en": "KL(P‖P) = 0"}, claimed=0.0, computed=float(np.abs(_kl(p, p)).max()), tol=1e-12)
    # equality only at P = Q: every random pair has P ≠ Q, so every KL must be strictly positive — and
    # Pinsker's inequality KL ≥ ½‖P − Q‖₁² bounds it away from 0 by how far apart P and Q are
    ctx.check({"zh": "P ≠ Q（随机分布对）时最小 KL > 0（等号只在 P = Q 时成立）",
               "en": "for P ≠ Q (the random pairs) the smallest KL is > 0 (equality only at P = Q)"},
              claimed=0.0, computed=float(kl.min()), op=">")
    l1 = np.abs(p - q).sum(axis=1)
    ctx.check({"zh": "Pinsker：KL − ½‖P − Q‖₁² 的最小值 ≥ 0（P 离 Q 越远，KL 越大）",
               "en": "Pinsker: the smallest KL − ½‖P − Q‖₁² is ≥ 0 (the farther P is from Q, the larger KL)"},
              claimed=0.0, computed=float((kl - 0.5 * l1**2).min()), op=">=", tol=1e-12)
    # Jensen: -KL = Σ p log(q/p) ≤ log Σ p (q/p) = log Σ q = 0
    jensen_bound = np.log(np.sum(p * (q / p), axis=1))
    ctx.check({"zh": "Jensen：−KL ≤ log Σq = 0", "en": "Jensen: −KL ≤ log Σq = 0"},
              claimed=0.0, computed=float(np.max(-kl - jensen_bound)), op="<=", tol=1e-12)
    ctx.formula(r"-\mathrm{KL}(P\Vert Q)=\sum_x p\log\frac{q}{p}\le\log\sum_x p\frac{q}{p}=\log 1=0",
                label={"zh": "Jensen 不等式证明", "en": "proof by Jensen"})
    grid = np.linspace(0.01, 0.99, 99)
    curve = 0.3 * np.log(0.3 / grid) + 0.7 * np.log(0.7 / (1 - grid))
    ctx.check({"zh": "P = Bern(0.3) 时 KL(P‖Bern(q)) 在 q = 0.3 取最小", "en": "KL(Bern(0.3)‖Bern(q)) is minimal at q = 0.3"},
              claimed=0.3, computed=float(grid[curve.argmin()]), tol=1e-9)
    ctx.plot({"zh": "KL(Bern(0.3)‖Bern(q))", "en": "KL(Bern(0.3)‖Bern(q))"}, [ctx.series("KL", grid, curve)],
             xlabel="q", ylabel="nats")


@proof(
    "losses.kl_asymmetric",
    title={"zh": "KL 散度不对称：KL(P‖Q) ≠ KL(Q‖P)", "en": "KL divergence is asymmetric: KL(P‖Q) ≠ KL(Q‖P)"},
    params=[Param("trials", 1000, min=10, max=20000,
                  help={"zh": "检验的随机分布对个数", "en": "random pairs checked"})],
)
def kl_asymmetric(ctx, trials: int) -> None:
    half, quarter = sp.Rational(1, 2), sp.Rational(1, 4)
    P = [half, half]
    Q = [quarter, 1 - quarter]
    kl_pq = sum(pi * sp.log(pi / qi) for pi, qi in zip(P, Q, strict=True))
    kl_qp = sum(qi * sp.log(qi / pi) for pi, qi in zip(P, Q, strict=True))
    ctx.formula(sp.Eq(sp.Symbol("KL(P‖Q)"), sp.nsimplify(sp.expand_log(kl_pq, force=True))),
                label="P=(1/2,1/2), Q=(1/4,3/4)")
    ctx.check({"zh": "KL(P‖Q) = ½·ln(4/3) ≈ 0.1438 nats", "en": "KL(P‖Q) = ½·ln(4/3) ≈ 0.1438 nats"},
              claimed=0.1438, computed=float(kl_pq), tol=1e-4)
    ctx.check({"zh": "KL(Q‖P) ≈ 0.1308 ≠ KL(P‖Q)", "en": "KL(Q‖P) ≈ 0.1308 ≠ KL(P‖Q)"},
              claimed=0.1308, computed=float(kl_qp), tol=1e-4)
    ctx.check({"zh": "两者之差不为 0", "en": "the two directions differ"},
              claimed=0.0, computed=abs(float(kl_pq - kl_qp)), op=">")
    p = ctx.rng.dirichlet(np.ones(4), size=trials)
    q = ctx.rng.dirichlet(np.ones(4), size=trials)
    differ = float(np.mean(np.abs(_kl(p, q) - _kl(q, p)) > 1e-6))
    ctx.check({"zh": "随机分布对中 >99% 两个方向不相等", "en": ">99% of random pairs give different values"},
              claimed=0.99, computed=differ, op=">")
    ctx.table(["", "KL(P‖Q)", "KL(Q‖P)"], [["P=(½,½), Q=(¼,¾)", float(kl_pq), float(kl_qp)]])


@proof(
    "losses.ce_decomposition",
    title={"zh": "H(P,Q) = H(P) + KL(P‖Q)", "en": "H(P,Q) = H(P) + KL(P‖Q)"},
    params=[Param("k", 6, min=2, max=100, help={"zh": "取值个数", "en": "number of outcomes"}),
            Param("trials", 1000, min=10, max=20000,
                  help={"zh": "随机分布对个数", "en": "random pairs"})],
)
def ce_decomposition(ctx, k: int, trials: int) -> None:
    p1, p2, q1, q2 = sp.symbols("p1 p2 q1 q2", positive=True)
    P, Q = [p1, p2, 1 - p1 - p2], [q1, q2, 1 - q1 - q2]
    H = -sum(p * sp.log(p) for p in P)
    CE = -sum(p * sp.log(q) for p, q in zip(P, Q, strict=True))
    KL = sum(p * (sp.log(p) - sp.log(q)) for p, q in zip(P, Q, strict=True))
    ctx.check({"zh": "sympy：H(P,Q) − H(P) − KL(P‖Q) 化简为 0（3 类）",
               "en": "sympy: H(P,Q) − H(P) − KL(P‖Q) simplifies to 0 (3 classes)"},
              claimed=0, computed=sp.expand(CE - H - KL))
    p = ctx.rng.dirichlet(np.ones(k), size=trials)
    q = ctx.rng.dirichlet(np.ones(k), size=trials)
    residual = np.abs(_cross_entropy(p, q) - _entropy(p) - _kl(p, q)).max()
    ctx.check({"zh": "随机分布上最大残差 ≈ 0", "en": "largest residual over random distributions ≈ 0"},
              claimed=0.0, computed=float(residual), tol=1e-12)
    ctx.check({"zh": "因此 H(P,Q) ≥ H(P)", "en": "hence H(P,Q) ≥ H(P)"},
              claimed=0.0, computed=float((_cross_entropy(p, q) - _entropy(p)).min()), op=">=", tol=1e-12)
    ctx.formula(r"H(P,Q)=-\sum p\log q=-\sum p\log p+\sum p\log\frac{p}{q}=H(P)+\mathrm{KL}(P\Vert Q)")


def _newton_min_ce(p: np.ndarray, z0: np.ndarray, iters: int = 200) -> np.ndarray:
    """Logits minimising CE(p, softmax(z)): damped Newton with the last logit pinned at 0."""

    def ce_of(u: np.ndarray) -> float:
        with np.errstate(divide="ignore"):  # a too-long trial step may underflow q to 0: CE = inf
            return float(_cross_entropy(p, _softmax(np.append(u, 0.0))))

    u = z0[:-1] - z0[-1]
    for _ in range(iters):
        q = _softmax(np.append(u, 0.0))
        grad = (q - p)[:-1]  # ∂CE/∂z = q − p
        if np.abs(grad).max() < 1e-14:
            break
        qa = q[:-1]
        step = np.linalg.solve(np.diag(qa) - np.outer(qa, qa), -grad)  # Hessian of the free logits
        t, f0 = 1.0, ce_of(u)
        while ce_of(u + t * step) > f0 + 1e-4 * t * float(grad @ step) and t > 1e-12:
            t /= 2
        u = u + t * step
    return np.append(u, 0.0)


@proof(
    "losses.ce_vs_kl_minimisation",
    title={"zh": "P 固定时，对 Q 最小化交叉熵 ≡ 最小化 KL", "en": "With P fixed, minimising CE over Q ≡ minimising KL"},
    params=[Param("k", 4, min=2, max=20, help={"zh": "类别数", "en": "number of classes"}),
            Param("steps", 3000, min=100, max=20000,
                  help={"zh": "在 logits 上的梯度下降步数", "en": "gradient steps on the logits"}),
            Param("lr", 1.0, min=0.01, max=2.0,
                  help={"zh": "学习率（≤ 1/L = 2：logits 上 CE 的 Hessian 特征值 ≤ 1/2）",
                        "en": "learning rate (≤ 1/L = 2: the Hessian of CE in the logits has eigenvalues ≤ 1/2)"})],
)
def ce_vs_kl_minimisation(ctx, k: int, steps: int, lr: float) -> None:
    p = ctx.rng.dirichlet(np.ones(k))
    z = ctx.rng.normal(size=k)

    def num_grad(f, z0):
        g = np.zeros_like(z0)
        for i in range(len(z0)):
            d = np.zeros_like(z0)
            d[i] = 1e-6
            g[i] = (f(z0 + d) - f(z0 - d)) / 2e-6
        return g

    def ce(zz):
        return float(_cross_entropy(p, _softmax(zz)))

    def kl(zz):
        return float(_kl(p, _softmax(zz)))

    diff = np.abs(num_grad(ce, z) - num_grad(kl, z)).max()
    ctx.check({"zh": "∇_z CE 与 ∇_z KL 相同（差值 = ∇H(P) = 0）", "en": "∇_z CE equals ∇_z KL (their difference ∇H(P) is 0)"},
              claimed=0.0, computed=float(diff), tol=1e-7)
    # the optimum, found by damped Newton on CE alone (independent of the GD budget below)
    z_min = _newton_min_ce(p, z)
    ctx.check({"zh": "最优 Q 等于 P（对 CE 做牛顿法求最小值）",
               "en": "the minimising Q equals P (Newton's method on CE)"},
              claimed=0.0, computed=float(np.abs(_softmax(z_min) - p).max()), tol=1e-5)
    ctx.check({"zh": "最小交叉熵 = H(P)（而不是 0）", "en": "minimum cross-entropy = H(P) (not 0)"},
              claimed=float(_entropy(p)), computed=ce(z_min), tol=1e-6)
    ctx.check({"zh": "此时 KL ≈ 0", "en": "KL ≈ 0 there"}, claimed=0.0, computed=kl(z_min), tol=1e-6)
    random_q = _softmax(2.0 * ctx.rng.normal(size=(2000, k)))
    ctx.check({"zh": "2000 个随机 Q 都不低于 H(P)（Gibbs 不等式）",
               "en": "no Q among 2000 random ones goes below H(P) (Gibbs' inequality)"},
              claimed=float(_entropy(p)), computed=float(_cross_entropy(p, random_q).min()), op=">=",
              tol=1e-12)
    # nearest optimum z* = log P + c (GD keeps Σz, softmax ignores c): the convex-GD rate bound
    z0 = z.copy()
    z_star = np.log(p) - np.log(p).mean() + z0.mean()
    rate_bound = float(((z0 - z_star) ** 2).sum()) / (2 * lr * steps)
    curve_ce, curve_kl, gap = [], [], 0.0
    for t in range(steps):
        q = _softmax(z)
        z = z - lr * (q - p)
        if t % max(1, steps // 150) == 0:
            curve_ce.append((t, ce(z)))
            curve_kl.append((t, kl(z)))
            gap = max(gap, abs(curve_ce[-1][1] - curve_kl[-1][1] - float(_entropy(p))))
    ctx.check({"zh": f"梯度下降的每个记录点：CE − KL = H(P)（{len(curve_ce)} 个点）",
               "en": f"at every recorded gradient-descent step: CE − KL = H(P) ({len(curve_ce)} points)"},
              claimed=0.0, computed=gap, tol=1e-9)
    ctx.check({"zh": f"学习率 {lr:g}、{steps} 步的梯度下降逼近该最优点：KL(P‖Q) ≤ ‖z₀ − z*‖²/(2·lr·步数)"
                     "（L-光滑凸函数的 O(1/t) 收敛率，lr ≤ 1/L）",
               "en": f"gradient descent, lr = {lr:g}, {steps} steps, approaches that optimum: KL(P‖Q) ≤ "
                     "‖z₀ − z*‖²/(2·lr·steps) (the O(1/t) rate of an L-smooth convex function, lr ≤ 1/L)"},
              claimed=rate_bound, computed=kl(z), op="<=", tol=1e-12)
    ctx.note({"zh": f"梯度下降之后 max |Q − P| = {float(np.abs(_softmax(z) - p).max()):.2e}",
              "en": f"after gradient descent max |Q − P| = {float(np.abs(_softmax(z) - p).max()):.2e}"})
    ts = [c[0] for c in curve_ce]
    ctx.plot({"zh": "训练曲线：CE 与 KL 相差常数 H(P)", "en": "CE and KL differ by the constant H(P)"},
             [ctx.series("CE", ts, [c[1] for c in curve_ce]), ctx.series("KL", ts, [c[1] for c in curve_kl])],
             xlabel="step", ylabel="nats")


@proof(
    "losses.ce_onehot",
    title={"zh": "one-hot 标签下交叉熵 = −log q_真实类", "en": "With a one-hot label, cross-entropy = −log q_true"},
    params=[Param("q_true", 0.25, min=1e-6, max=1.0,
                  help={"zh": "真实类别的预测概率",
                        "en": "predicted probability of the true class"})],
)
def ce_onehot(ctx, q_true: float) -> None:
    q1, q2 = sp.symbols("q1 q2", positive=True)
    Q = [q1, q2, 1 - q1 - q2]
    P = [1, 0, 0]
    CE = -sum(p * sp.log(q) for p, q in zip(P, Q, strict=True))
    ctx.formula(sp.Eq(sp.Symbol("H(P,Q)"), CE), label="P = (1, 0, 0)")
    ctx.check({"zh": "sympy：CE = −log q₁", "en": "sympy: CE = −log q₁"}, claimed=0, computed=sp.simplify(CE + sp.log(q1)))
    rest = (1 - q_true) / 2
    ce_val = float(_cross_entropy(np.array([1.0, 0, 0]), np.array([q_true, rest, rest])))
    ctx.check({"zh": "数值：CE = −log q_true", "en": "numeric: CE = −log q_true"},
              claimed=float(-np.log(q_true)), computed=ce_val, tol=1e-12)
    ctx.check({"zh": "q_true = 1/4 时 CE = ln 4 ≈ 1.386", "en": "q_true = 1/4 gives CE = ln 4 ≈ 1.386"},
              claimed=1.386, computed=float(_cross_entropy(np.array([1.0, 0, 0]), np.array([0.25, 0.375, 0.375]))), tol=1e-3)
    ctx.check({"zh": "one-hot 的 H(P) = 0，所以 CE = KL", "en": "H(one-hot) = 0, so CE = KL"},
              claimed=ce_val, computed=float(_kl(np.array([1.0, 0, 0]), np.array([q_true, rest, rest]))), tol=1e-12)


@proof(
    "losses.softmax_ce_gradient",
    title={"zh": "softmax + 交叉熵对 logits 的梯度 = p − y", "en": "Gradient of softmax + cross-entropy w.r.t. logits = p − y"},
    params=[Param("k", 5, min=2, max=50,
                  help={"zh": "数值有限差分检验中的类别数",
                        "en": "classes for the numeric finite-difference check"})],
)
def softmax_ce_gradient(ctx, k: int) -> None:
    z = sp.symbols("z1:4", real=True)
    y1, y2 = sp.symbols("y1 y2", real=True)
    y = [y1, y2, 1 - y1 - y2]  # any label distribution summing to 1
    denom = sum(sp.exp(zi) for zi in z)
    p = [sp.exp(zi) / denom for zi in z]
    L = -sum(yi * sp.log(pi) for yi, pi in zip(y, p, strict=True))
    residuals = [sp.simplify(sp.diff(L, z[j]) - (p[j] - y[j])) for j in range(3)]
    ctx.check({"zh": "sympy：∂L/∂z_j − (p_j − y_j) = 0（j = 1,2,3）", "en": "sympy: ∂L/∂z_j − (p_j − y_j) = 0 for j = 1,2,3"},
              claimed=[0, 0, 0], computed=residuals)
    ctx.formula(r"\frac{\partial}{\partial z_j}\Big(-\sum_i y_i\log\mathrm{softmax}(z)_i\Big)=p_j-y_j")
    zz = ctx.rng.normal(size=k)
    yy = np.zeros(k)
    yy[ctx.rng.integers(k)] = 1.0

    def loss(v):
        return float(-np.sum(yy * np.log(_softmax(v))))

    fd = np.array([(loss(zz + h) - loss(zz - h)) / 2e-6 for h in np.eye(k) * 1e-6])
    ctx.check({"zh": "有限差分梯度 = p − y", "en": "finite-difference gradient = p − y"},
              claimed=0.0, computed=float(np.abs(fd - (_softmax(zz) - yy)).max()), tol=1e-6)
    ctx.table(["j", "p_j", "y_j", "p_j − y_j", {"zh": "有限差分", "en": "finite diff"}],
              [[j, _softmax(zz)[j], yy[j], _softmax(zz)[j] - yy[j], fd[j]] for j in range(k)])


@proof(
    "losses.sigmoid_bce_gradient",
    title={"zh": "sigmoid + 二元交叉熵对 logit 的梯度 = σ(z) − y", "en": "Sigmoid + binary CE gradient w.r.t. the logit = σ(z) − y"},
)
def sigmoid_bce_gradient(ctx) -> None:
    z, y = sp.symbols("z y", real=True)
    s = 1 / (1 + sp.exp(-z))
    L = -(y * sp.log(s) + (1 - y) * sp.log(1 - s))
    grad = sp.diff(L, z)
    ctx.check({"zh": "sympy：dL/dz − (σ(z) − y) = 0", "en": "sympy: dL/dz − (σ(z) − y) = 0"},
              claimed=0, computed=sp.simplify(grad - (s - y)))
    f = sp.lambdify((z, y), grad, "numpy")
    zs = ctx.rng.normal(scale=3, size=50)
    ys = ctx.rng.integers(0, 2, size=50).astype(float)
    ctx.check({"zh": "在 50 个随机点上数值一致", "en": "agrees at 50 random points"},
              claimed=0.0, computed=float(np.abs(f(zs, ys) - (1 / (1 + np.exp(-zs)) - ys)).max()), tol=1e-10)
    ctx.formula(sp.Eq(sp.Symbol("dL/dz"), s - y))


@proof(
    "losses.bce_vs_mse_saturation",
    title={"zh": "分类用交叉熵而不是 MSE：sigmoid + MSE 在自信的错误上梯度消失，且非凸",
           "en": "Cross-entropy, not MSE, for classification: sigmoid + MSE has a vanishing gradient on confident mistakes and is non-convex"},
    params=[Param("z", -5.0, min=-10.0, max=-3.0,
                  help={"zh": "真实标签 y = 1 时的 logit（≤ −3：自信地错了，σ(z) ≤ 0.047）",
                        "en": "logit when the true label is y = 1 (≤ −3: a confident mistake, σ(z) ≤ 0.047)"})],
)
def bce_vs_mse_saturation(ctx, z: float) -> None:
    zz, y = sp.symbols("z y", real=True)
    s = 1 / (1 + sp.exp(-zz))
    bce = -(y * sp.log(s) + (1 - y) * sp.log(1 - s))
    mse = (s - y) ** 2 / 2
    d_bce, d_mse = sp.diff(bce, zz), sp.diff(mse, zz)
    ctx.formula(sp.Eq(sp.Symbol("dMSE/dz"), sp.Symbol("(σ−y)·σ(1−σ)")), label="½(σ(z) − y)²")
    ctx.check({"zh": "sympy：d[½(σ−y)²]/dz = (σ − y)·σ(1 − σ)", "en": "sympy: d[½(σ−y)²]/dz = (σ − y)·σ(1 − σ)"},
              claimed=0, computed=sp.simplify(d_mse - (s - y) * s * (1 - s)))
    g_bce = float(d_bce.subs({zz: -5, y: 1}))
    g_mse = float(d_mse.subs({zz: -5, y: 1}))
    ctx.check({"zh": "z = −5, y = 1：交叉熵的 dL/dz ≈ −0.9933", "en": "z = −5, y = 1: cross-entropy dL/dz ≈ −0.9933"},
              claimed=-0.9933, computed=g_bce, tol=5e-5)
    ctx.check({"zh": "z = −5, y = 1：MSE 的 dL/dz ≈ −0.0066", "en": "z = −5, y = 1: MSE dL/dz ≈ −0.0066"},
              claimed=-0.0066, computed=g_mse, tol=5e-5)
    gb, gm = float(d_bce.subs({zz: z, y: 1})), float(d_mse.subs({zz: z, y: 1}))
    ctx.check({"zh": f"z = {z:g}：交叉熵的梯度大小仍 > 0.95（错得越离谱，推得越用力）",
               "en": f"z = {z:g}: the cross-entropy gradient still has size > 0.95 (the worse the mistake, the harder the push)"},
              claimed=0.95, computed=abs(gb), op=">")
    ctx.check({"zh": f"z = {z:g}：MSE 的梯度不到交叉熵的 5%（被 σ′ = σ(1−σ) 压扁）",
               "en": f"z = {z:g}: the MSE gradient is < 5% of the cross-entropy one (squashed by σ′ = σ(1−σ))"},
              claimed=0.05, computed=abs(gm) / abs(gb), op="<")
    # convexity in the weight w of a 1-D model z = w·x with x = 1, label y = 1
    grid = np.linspace(-8, 8, 321)
    d2_mse = sp.lambdify(zz, sp.diff(mse, zz, 2).subs(y, 1), "numpy")(grid)
    d2_bce = sp.lambdify(zz, sp.diff(bce, zz, 2).subs(y, 1), "numpy")(grid)
    ctx.check({"zh": "MSE∘sigmoid 的二阶导在 z < −ln 2 处为负：非凸", "en": "MSE∘sigmoid has a negative second derivative (for z < −ln 2): non-convex"},
              claimed=0.0, computed=float(d2_mse.min()), op="<")
    d2_sym = sp.simplify(sp.diff(mse, zz, 2).subs(y, 1))  # = (2eᶻ − 1)eᶻ/(eᶻ + 1)⁴
    roots = sorted(float(r) for r in sp.solveset(d2_sym, zz, sp.S.Reals))
    ctx.check({"zh": "sympy：y = 1 时 MSE∘sigmoid 的二阶导唯一的实零点是 z = −ln 2",
               "en": "sympy: for y = 1 the only real zero of MSE∘sigmoid's second derivative is z = −ln 2"},
              claimed=[-float(np.log(2))], computed=roots, tol=1e-12)
    ctx.check({"zh": "网格 [−8, 8] 上二阶导为负的点恰好是 z < −ln 2 的那些（不符的点数 = 0）",
               "en": "on the grid over [−8, 8] the second derivative is negative exactly where z < −ln 2 (mismatches = 0)"},
              claimed=0, computed=int(((d2_mse < 0) != (grid < -np.log(2))).sum()), tol=0)
    ctx.check({"zh": "交叉熵∘sigmoid 的二阶导 σ(1−σ) 处处为正：凸", "en": "cross-entropy∘sigmoid has second derivative σ(1−σ) > 0 everywhere: convex"},
              claimed=0.0, computed=float(d2_bce.min()), op=">")
    ctx.table(["z", "σ(z)", "dBCE/dz", "dMSE/dz"],
              [[v, float(s.subs(zz, v)), float(d_bce.subs({zz: v, y: 1})), float(d_mse.subs({zz: v, y: 1}))]
               for v in (-8, -5, z, -2, 0, 2)])
    g1 = sp.lambdify(zz, d_bce.subs(y, 1), "numpy")(grid)
    g2 = sp.lambdify(zz, d_mse.subs(y, 1), "numpy")(grid)
    ctx.plot({"zh": "y = 1 时 dL/dz", "en": "dL/dz for y = 1"},
             [ctx.series("cross-entropy", grid[::2], g1[::2]), ctx.series("MSE", grid[::2], g2[::2])], xlabel="z", ylabel="dL/dz")


@proof(
    "losses.stable_softmax_ce",
    title={"zh": "数值稳定的 softmax 交叉熵：log-sum-exp 先减去最大 logit；框架因此直接接收 logits",
           "en": "Numerically stable softmax cross-entropy: log-sum-exp subtracts the largest logit; hence frameworks take logits"},
    params=[Param("offset", 1000.0, min=710.0, max=1e6,
                  help={"zh": "logits 为 (offset, offset − 2)（≥ 710：exp 超过 float64 上限 ≈ e^709.8）",
                        "en": "the logits are (offset, offset − 2) (≥ 710: exp overflows float64 above ≈ e^709.8)"})],
)
def stable_softmax_ce(ctx, offset: float) -> None:
    z = np.array([offset, offset - 2.0])
    y = 1  # the true class is the second one
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        e = np.exp(z)
        naive = float(-np.log(e[y] / e.sum()))
    m = z.max()
    lse = m + np.log(np.exp(z - m).sum())
    stable = float(lse - z[y])
    z1, z2, c = sp.symbols("z1 z2 c", real=True)
    o = sp.nsimplify(offset)
    exact = sp.log(sp.exp(o) + sp.exp(o - 2)) - (o - 2)
    ctx.check({"zh": "sympy：softmax(z − c) = softmax(z)（减去任意常数不变）",
               "en": "sympy: softmax(z − c) = softmax(z) (shifting every logit changes nothing)"},
              claimed=0, computed=sp.simplify(sp.exp(z1 - c) / (sp.exp(z1 - c) + sp.exp(z2 - c)) - sp.exp(z1) / (sp.exp(z1) + sp.exp(z2))))
    ctx.check({"zh": f"logits = ({offset:g}, {offset - 2:g})：朴素的 exp → softmax → log 得到非有限值（溢出）",
               "en": f"logits = ({offset:g}, {offset - 2:g}): the naive exp → softmax → log gives a non-finite value (overflow)"},
              claimed=False, computed=bool(np.isfinite(naive)))
    ctx.check({"zh": "先减最大值（log-sum-exp）的结果 = 高精度精确值", "en": "subtracting the max first (log-sum-exp) matches the exact value (high precision)"},
              claimed=float(sp.N(exact, 30)), computed=stable, rel=1e-12)
    z1000 = np.array([1000.0, 998.0])
    ce1000 = float(z1000.max() + np.log(np.exp(z1000 - z1000.max()).sum()) - z1000[1])
    ctx.check({"zh": "logits (1000, 998)、真实类为第二类：CE = 2 + ln(1 + e⁻²) ≈ 2.127",
               "en": "logits (1000, 998), true class the second: CE = 2 + ln(1 + e⁻²) ≈ 2.127"},
              claimed=2.127, computed=ce1000, tol=5e-4)
    # binary case: log σ(−offset) for a confident wrong logit, as BCEWithLogits computes it
    with np.errstate(over="ignore", divide="ignore"):
        naive_log_sigmoid = float(np.log(1 / (1 + np.exp(offset))))
    stable_log_sigmoid = float(-(np.maximum(offset, 0) + np.log1p(np.exp(-abs(offset)))))  # −softplus(offset)
    ctx.check({"zh": f"二分类：先算概率 σ(−{offset:g}) 再取 log 得到 −∞（概率下溢为 0）",
               "en": f"binary: taking the probability σ(−{offset:g}) first and then its log gives −∞ (it underflows to 0)"},
              claimed=False, computed=bool(np.isfinite(naive_log_sigmoid)))
    ctx.check({"zh": "由 logit 直接算 log σ(z) = −softplus(−z)：有限且正确（≈ −offset）",
               "en": "from the logit, log σ(z) = −softplus(−z) is finite and right (≈ −offset)"},
              claimed=-offset, computed=stable_log_sigmoid, rel=1e-12)
    ctx.formula(r"\log\sum_j e^{z_j}=m+\log\sum_j e^{z_j-m},\quad m=\max_j z_j")
    ctx.table([{"zh": "计算方式", "en": "method"}, "CE"],
              [["naive exp/softmax/log", naive], ["log-sum-exp", stable], ["exact", float(sp.N(exact, 20))]])


# --------------------------------------------------------------------------- MSE / MAE


@proof(
    "losses.mse_mae_properties",
    title={"zh": "MSE 与 MAE 的定义与基本性质", "en": "MSE and MAE: definitions and basic properties"},
    params=[Param("n", 50, min=2, max=10000, help={"zh": "样本数", "en": "number of samples"})],
)
def mse_mae_properties(ctx, n: int) -> None:
    y = ctx.rng.normal(size=n)
    yhat = y + ctx.rng.normal(loc=0.3, scale=0.8, size=n)
    e = yhat - y
    mse = float(np.sum(e**2) / n)
    mae = float(np.sum(np.abs(e)) / n)
    ctx.formula(r"\mathrm{MSE}=\frac1n\sum_{i=1}^n(y_i-\hat y_i)^2,\qquad \mathrm{MAE}=\frac1n\sum_{i=1}^n|y_i-\hat y_i|")
    ctx.check({"zh": "MSE = 偏差² + 误差方差", "en": "MSE = bias² + variance of the errors"},
              claimed=mse, computed=float(e.mean() ** 2 + e.var()), tol=1e-12)
    ctx.check({"zh": "RMSE ≥ MAE（Jensen）", "en": "RMSE ≥ MAE (Jensen)"}, claimed=mae, computed=float(np.sqrt(mse)), op=">=")
    c = 3.0
    ctx.check({"zh": "误差 ×3 → MSE ×9", "en": "errors ×3 → MSE ×9"}, claimed=9 * mse, computed=float(np.mean((c * e) ** 2)), tol=1e-9)
    ctx.check({"zh": "误差 ×3 → MAE ×3", "en": "errors ×3 → MAE ×3"}, claimed=3 * mae, computed=float(np.mean(np.abs(c * e))), tol=1e-9)
    ctx.table(["MSE", "MAE", "RMSE"], [[mse, mae, np.sqrt(mse)]])


@proof(
    "losses.mse_gradient",
    title={"zh": "MSE 的梯度 ∝ 误差：∂/∂ŷᵢ = 2(ŷᵢ − yᵢ)/n，不是 −yᵢ",
           "en": "MSE's gradient is proportional to the error: ∂/∂ŷᵢ = 2(ŷᵢ − yᵢ)/n, not −yᵢ"},
    params=[Param("n", 4, min=1, max=12,
                  help={"zh": "符号求和中的样本数",
                        "en": "number of samples in the symbolic sum"})],
)
def mse_gradient(ctx, n: int) -> None:
    ys = sp.symbols(f"y1:{n + 1}", real=True)
    hs = sp.symbols(f"yhat1:{n + 1}", real=True)
    L = sum((h - y) ** 2 for h, y in zip(hs, ys, strict=True)) / n
    g = sp.diff(L, hs[0])
    ctx.formula(sp.Eq(sp.Symbol("∂MSE/∂ŷ₁"), sp.factor(g)))
    ctx.check({"zh": "∂MSE/∂ŷ₁ − 2(ŷ₁ − y₁)/n = 0", "en": "∂MSE/∂ŷ₁ − 2(ŷ₁ − y₁)/n = 0"},
              claimed=0, computed=sp.simplify(g - 2 * (hs[0] - ys[0]) / n))
    ctx.check({"zh": "笔记中的 “−y₁” 不成立（差不为 0）", "en": "the notes' “−y₁” does not hold (difference is not 0)"},
              claimed=False, computed=bool(sp.simplify(g + ys[0]) == 0))
    ctx.check({"zh": "误差为 0 时梯度为 0", "en": "zero error gives zero gradient"},
              claimed=0, computed=g.subs(hs[0], ys[0]))
    errs = np.linspace(-3, 3, 121)
    f = sp.lambdify((hs[0], ys[0]), g, "numpy")
    grads = f(errs + 1.5, np.full_like(errs, 1.5))
    ratio = grads[errs != 0] / errs[errs != 0]
    ctx.check({"zh": "梯度 / 误差 在所有误差上相同", "en": "gradient / error is the same for every error"},
              claimed=0.0, computed=float(ratio.max() - ratio.min()), tol=1e-12)
    ctx.check({"zh": "该比例 = 2/n", "en": "that ratio = 2/n"}, claimed=2 / n, computed=float(ratio.mean()), tol=1e-12)
    ctx.plot({"zh": "单样本梯度 vs 误差", "en": "per-sample gradient vs error"},
             [ctx.series("MSE: 2e/n", errs, grads), ctx.series("MAE: sign(e)/n", errs, np.sign(errs) / n)],
             xlabel="error ŷ − y", ylabel="gradient")


@proof(
    "losses.mae_gradient",
    title={"zh": "MAE 的梯度 = sign(ŷ − y)/n：大小恒定、符号随误差变化",
           "en": "MAE's gradient = sign(ŷ − y)/n: constant magnitude, sign follows the error"},
    params=[Param("n", 20, min=2, max=10000, help={"zh": "样本数", "en": "number of samples"})],
)
def mae_gradient(ctx, n: int) -> None:
    e = sp.symbols("e", real=True)
    d = sp.diff(sp.Abs(e), e)
    ctx.check({"zh": "sympy：d|e|/de = sign(e)", "en": "sympy: d|e|/de = sign(e)"}, claimed=0, computed=sp.simplify(d - sp.sign(e)))
    y = ctx.rng.normal(size=n)
    signs = ctx.rng.permutation(np.where(np.arange(n) % 2 == 0, 1.0, -1.0))  # both over- and under-predictions
    yhat = y + signs * (0.1 + np.abs(ctx.rng.normal(size=n)))

    def mae(v):
        return float(np.mean(np.abs(v - y)))

    # central differences, one coordinate at a time, moving ŷᵢ in place (O(n) memory even at n = 10 000)
    h, v, fd = 1e-7, yhat.copy(), np.empty(n)
    for i in range(n):
        v[i] = yhat[i] + h
        up = mae(v)
        v[i] = yhat[i] - h
        fd[i] = (up - mae(v)) / (2 * h)
        v[i] = yhat[i]
    ctx.check({"zh": "有限差分：|∂MAE/∂ŷᵢ| = 1/n 对所有 i", "en": "finite differences: |∂MAE/∂ŷᵢ| = 1/n for every i"},
              claimed=[1.0 / n] * n, computed=list(np.abs(fd)), tol=1e-6)
    ctx.check({"zh": "梯度符号 = 误差符号", "en": "gradient sign = error sign"},
              claimed=list(np.sign(yhat - y)), computed=list(np.sign(fd)))
    ctx.check({"zh": "两种符号都会出现（并非恒为 −1）", "en": "both signs occur (it is not always −1)"},
              claimed=[-1.0, 1.0], computed=sorted(set(np.sign(fd).tolist())))


@proof(
    "losses.mse_mae_gd",
    title={"zh": "固定学习率下：MSE 的步长随误差缩小并收敛，MAE 的步长不变而来回振荡",
           "en": "With a fixed learning rate MSE's steps shrink and converge; MAE's stay constant and oscillate"},
    params=[Param("lr", 0.5, min=0.1, max=0.9,
                  help={"zh": "固定学习率（≥ 0.1：MSE 在 300 步内收敛到 1e-8）",
                        "en": "fixed learning rate (≥ 0.1: MSE converges to 1e-8 within 300 steps)"}),
            Param("steps", 400, min=300, max=5000,
                  help={"zh": "梯度下降步数（≥ 300：足够收敛，且 MAE 已进入振荡）",
                        "en": "gradient steps (≥ 300: enough to converge, and for MAE to reach its oscillation)"})],
)
def mse_mae_gd(ctx, lr: float, steps: int) -> None:
    y = np.array([0.0, 1.0, 2.0, 4.0, 8.0])
    c_start = 10.0
    c_mse, c_mae = c_start, c_start
    hist_mse, hist_mae = [], []
    for _ in range(steps):
        c_mse -= lr * np.mean(2 * (c_mse - y)) / 2  # gradient of MSE/2 keeps the step < 1
        c_mae -= lr * np.mean(np.sign(c_mae - y))
        hist_mse.append(c_mse)
        hist_mae.append(c_mae)
    hm, ha = np.array(hist_mse), np.array(hist_mae)
    # any lr in (0, 1): the MSE error shrinks by exactly (1 − lr) per step (read while it is resolvable)
    err = np.concatenate([[c_start - y.mean()], hm - y.mean()])
    live = np.abs(err[:-1]) > 1e-6
    factors = err[1:][live] / err[:-1][live]
    ctx.check({"zh": "MSE：每一步误差恰好乘以 (1 − lr)（几何收敛，任何 0 < lr < 1 都收敛）",
               "en": "MSE: each step multiplies the error by exactly (1 − lr) (geometric: converges for any 0 < lr < 1)"},
              claimed=1 - lr, computed=float(factors[np.argmax(np.abs(factors - (1 - lr)))]), tol=1e-6)
    budget = {"zh": f"lr = {lr:g}，{steps} 步", "en": f"lr = {lr:g}, {steps} steps"}
    ctx.check({"zh": f"MSE（{budget['zh']}）：已收敛到均值（±1e-8）",
               "en": f"MSE ({budget['en']}): has converged to the mean (±1e-8)"},
              claimed=float(y.mean()), computed=float(hm[-1]), tol=1e-8)
    ctx.check({"zh": f"MSE（{budget['zh']}）：最后的步长 < 1e-10", "en": f"MSE ({budget['en']}): the last step size < 1e-10"},
              claimed=0.0, computed=float(abs(hm[-1] - hm[-2])), tol=1e-10)
    last_steps = np.abs(np.diff(ha[-50:]))
    ctx.check({"zh": "MAE：最后 50 步的步长仍 ≥ lr/n（不会自行缩小）", "en": "MAE: the last 50 steps are still ≥ lr/n (they never shrink)"},
              claimed=lr / len(y), computed=float(last_steps.min()), op=">=", tol=1e-12)
    ctx.check({"zh": f"MAE（{budget['zh']}）：最后 50 步在中位数附近振荡（均值与中位数相差 < lr）",
               "en": f"MAE ({budget['en']}): the last 50 steps oscillate around the median (mean within lr)"},
              claimed=float(np.median(y)), computed=float(ha[-50:].mean()), tol=lr)
    idx = np.arange(0, steps, max(1, steps // 150))
    ctx.plot({"zh": "c 的轨迹", "en": "trajectory of c"},
             [ctx.series("MSE", idx, hm[idx]), ctx.series("MAE", idx, ha[idx])], xlabel="step", ylabel="c")


@proof(
    "losses.mean_median_outlier",
    title={"zh": "MSE 的最优常数是均值，MAE 的是中位数；离群点只拖动均值",
           "en": "The best constant under MSE is the mean, under MAE the median; an outlier only drags the mean"},
    params=[Param("outlier", 100.0, min=5.0, max=10000.0,
                  help={"zh": "离群点的取值", "en": "value of the outlying point"})],
)
def mean_median_outlier(ctx, outlier: float) -> None:
    y = np.array([1.0, 2.0, 3.0, 4.0, outlier])
    step = 0.01
    grid = np.arange(0.0, outlier + 10.0, step)
    mse = ((grid[:, None] - y) ** 2).mean(axis=1)
    mae = np.abs(grid[:, None] - y).mean(axis=1)
    ctx.check({"zh": "argmin MSE = 均值", "en": "argmin MSE = mean"}, claimed=float(y.mean()), computed=float(grid[mse.argmin()]), tol=step)
    ctx.check({"zh": "argmin MAE = 中位数 = 3", "en": "argmin MAE = median = 3"}, claimed=3.0, computed=float(grid[mae.argmin()]), tol=step)
    y0 = np.array([1.0, 2.0, 3.0, 4.0, 100.0])
    g0 = np.arange(0.0, 110.0, step)
    ctx.check({"zh": "数据 [1,2,3,4,100]：argmin MSE = 22", "en": "data [1,2,3,4,100]: argmin MSE = 22"},
              claimed=22.0, computed=float(g0[((g0[:, None] - y0) ** 2).mean(axis=1).argmin()]), tol=step)
    ctx.check({"zh": "数据 [1,2,3,4,100]：argmin MAE = 3", "en": "data [1,2,3,4,100]: argmin MAE = 3"},
              claimed=3.0, computed=float(g0[np.abs(g0[:, None] - y0).mean(axis=1).argmin()]), tol=step)
    y2 = y.copy()
    y2[-1] = outlier * 10
    ctx.check({"zh": "离群点 ×10：中位数不变", "en": "outlier ×10: median unchanged"},
              claimed=float(np.median(y)), computed=float(np.median(y2)), tol=0.0)
    ctx.check({"zh": "离群点 ×10：均值增大", "en": "outlier ×10: mean grows"},
              claimed=float(y.mean()), computed=float(y2.mean()), op=">")
    sel = slice(0, len(grid), max(1, len(grid) // 180))
    ctx.plot({"zh": "以常数 c 预测时的损失（归一化）", "en": "loss of predicting the constant c (normalised)"},
             [ctx.series("MSE", grid[sel], mse[sel] / mse.max()), ctx.series("MAE", grid[sel], mae[sel] / mae.max())],
             xlabel="c", ylabel="loss / max")


@proof(
    "losses.gaussian_laplace_nll",
    title={"zh": "MSE = 高斯负对数似然，MAE = 拉普拉斯负对数似然（差常数）",
           "en": "MSE = Gaussian negative log-likelihood, MAE = Laplace NLL (up to constants)"},
    params=[Param("k", 5.0, min=2.0, max=10.0,
                  help={"zh": "尾部阈值，以标准差为单位（两条尾部曲线在 1.68σ 附近相交）",
                        "en": "tail threshold in standard deviations (the tails cross near 1.68σ)"})],
)
def gaussian_laplace_nll(ctx, k: float) -> None:
    y, yh = sp.symbols("y yhat", real=True)
    s, b = sp.symbols("sigma b", positive=True)
    gauss = sp.exp(-((y - yh) ** 2) / (2 * s**2)) / sp.sqrt(2 * sp.pi * s**2)
    lap = sp.exp(-sp.Abs(y - yh) / b) / (2 * b)
    nll_g = sp.expand_log(-sp.log(gauss), force=True)
    nll_l = sp.expand_log(-sp.log(lap), force=True)
    rest_g = sp.simplify(nll_g - (y - yh) ** 2 / (2 * s**2))
    rest_l = sp.simplify(nll_l - sp.Abs(y - yh) / b)
    ctx.formula(sp.Eq(sp.Symbol("-log N"), nll_g), label="Gaussian")
    ctx.formula(sp.Eq(sp.Symbol("-log Laplace"), nll_l), label="Laplace")
    ctx.check({"zh": "高斯 NLL − (y−ŷ)²/(2σ²) 与 ŷ 无关", "en": "Gaussian NLL − (y−ŷ)²/(2σ²) does not depend on ŷ"},
              claimed=False, computed=yh in rest_g.free_symbols)
    ctx.check({"zh": "拉普拉斯 NLL − |y−ŷ|/b 与 ŷ 无关", "en": "Laplace NLL − |y−ŷ|/b does not depend on ŷ"},
              claimed=False, computed=yh in rest_l.free_symbols)
    ctx.check({"zh": "高斯剩余项 = ½log(2πσ²)", "en": "Gaussian remainder = ½log(2πσ²)"},
              claimed=0, computed=sp.simplify(rest_g - sp.log(2 * sp.pi * s**2) / 2))
    # tails at equal variance: Laplace(b = 1/√2) vs N(0, 1)
    tail_g = float(sp.erfc(k / sp.sqrt(2)))
    tail_l = float(sp.exp(-k * sp.sqrt(2)))
    ctx.check({"zh": f"同方差下拉普拉斯尾部 P(|x|>{k}σ) 更重", "en": f"at equal variance the Laplace tail P(|x|>{k}σ) is heavier"},
              claimed=tail_g, computed=tail_l, op=">")
    ctx.table(["", "P(|x| > kσ)"], [["Gaussian", tail_g], ["Laplace", tail_l]])


@proof(
    "losses.huber",
    title={"zh": "Huber 损失：小误差像 MSE，大误差像 MAE，梯度被限制在 ±δ",
           "en": "Huber loss: MSE-like for small errors, MAE-like for large, gradient clipped to ±δ"},
    params=[Param("delta", 1.0, min=0.1, max=10.0, help={"zh": "阈值 δ", "en": "threshold δ"})],
)
def huber(ctx, delta: float) -> None:
    e = sp.symbols("e", real=True)
    d = sp.nsimplify(delta)
    quad = e**2 / 2
    lin = d * (sp.Abs(e) - d / 2)
    ctx.formula(sp.Piecewise((quad, sp.Abs(e) <= d), (lin, True)), label="Huber")
    ctx.check({"zh": "在 e = δ 处函数值连续", "en": "value is continuous at e = δ"}, claimed=0, computed=sp.simplify((quad - lin).subs(e, d)))
    ctx.check({"zh": "在 e = δ 处导数连续", "en": "derivative is continuous at e = δ"},
              claimed=0, computed=sp.simplify((sp.diff(quad, e) - sp.diff(lin, e)).subs(e, d)))
    grid = np.linspace(-4 * delta, 4 * delta, 161)

    def hub(v: np.ndarray) -> np.ndarray:
        return np.where(np.abs(v) <= delta, v**2 / 2, delta * (np.abs(v) - delta / 2))

    step = 1e-6 * delta
    grad = (hub(grid + step) - hub(grid - step)) / (2 * step)  # finite differences of the loss
    ctx.check({"zh": "有限差分：|梯度| ≤ δ", "en": "finite differences: |gradient| ≤ δ"},
              claimed=delta, computed=float(np.abs(grad).max()), op="<=", tol=1e-6 * delta)
    small = np.abs(grid) < delta / 2
    ctx.check({"zh": "小误差：梯度 = e（同 ½e²，即 MSE 型）", "en": "small errors: gradient = e (as for ½e², MSE-like)"},
              claimed=0.0, computed=float(np.abs(grad[small] - grid[small]).max()), tol=1e-6 * delta)
    large = np.abs(grid) > 2 * delta
    ctx.check({"zh": "大误差：梯度 = δ·sign(e)（MAE 型）", "en": "large errors: gradient = δ·sign(e) (MAE-like)"},
              claimed=0.0, computed=float(np.abs(grad[large] - delta * np.sign(grid[large])).max()), tol=1e-6 * delta)
    h = hub(grid)
    ctx.check({"zh": "Huber ≤ ½e²（对大误差惩罚更轻）", "en": "Huber ≤ ½e² (milder on large errors)"},
              claimed=0.0, computed=float(np.max(h - grid**2 / 2)), op="<=", tol=1e-12)
    ctx.plot({"zh": "Huber vs ½e² vs δ|e|", "en": "Huber vs ½e² vs δ|e|"},
             [ctx.series("Huber", grid, h), ctx.series("½e²", grid, grid**2 / 2), ctx.series("δ|e|", grid, delta * np.abs(grid))],
             xlabel="e", ylabel="loss")


# --------------------------------------------------------------------------- hinge


def _hinge(y: np.ndarray | float, f: np.ndarray | float) -> np.ndarray:
    return np.maximum(0.0, 1.0 - np.asarray(y) * np.asarray(f))


@proof(
    "losses.hinge_loss",
    title={"zh": "合页损失 max(0, 1 − y·f(x))：间隔 ≥ 1 时为 0，且是 0-1 损失的凸上界",
           "en": "Hinge loss max(0, 1 − y·f(x)): zero once the margin is ≥ 1, a convex upper bound of the 0-1 loss"},
    params=[Param("y", 1, choices=[-1, 1], help={"zh": "标签，只能是 −1 或 +1", "en": "label, either −1 or +1"}),
            Param("f", 0.3, min=-10.0, max=10.0, help={"zh": "得分 f(x)", "en": "score f(x)"})],
)
def hinge_loss(ctx, y: int, f: float) -> None:
    ctx.formula(r"\ell(y,f)=\max(0,\,1-y\,f(x))")
    ctx.check({"zh": f"y={y}, f={f}：合页损失 ≥ 0-1 损失", "en": f"y={y}, f={f}: hinge loss ≥ 0-1 loss"},
              claimed=float(y * f <= 0), computed=float(_hinge(y, f)), op=">=", tol=0.0)
    ctx.check({"zh": "y=+1, f=0.3 → 0.7", "en": "y=+1, f=0.3 → 0.7"}, claimed=0.7, computed=float(_hinge(1, 0.3)), tol=1e-12)
    ctx.check({"zh": "y=+1, f=0.5：分类正确但间隔 < 1，loss = 0.5 > 0", "en": "y=+1, f=0.5: correct but margin < 1, loss = 0.5 > 0"},
              claimed=0.5, computed=float(_hinge(1, 0.5)), tol=1e-12)
    m = np.linspace(-3, 3, 121)
    h = _hinge(1.0, m)
    ctx.check({"zh": "间隔 y·f ≥ 1 时损失全为 0", "en": "loss is 0 for every margin y·f ≥ 1"}, claimed=0.0, computed=float(h[m >= 1].max()), tol=0.0)
    zero_one = (m <= 0).astype(float)
    ctx.check({"zh": "hinge ≥ 0-1 损失", "en": "hinge ≥ 0-1 loss"}, claimed=0.0, computed=float((h - zero_one).min()), op=">=", tol=0.0)
    ctx.check({"zh": "凸：二阶差分 ≥ 0", "en": "convex: second differences ≥ 0"},
              claimed=0.0, computed=float(np.diff(h, 2).min()), op=">=", tol=1e-12)
    ctx.plot({"zh": "损失 vs 间隔 y·f", "en": "loss vs margin y·f"},
             [ctx.series("hinge", m, h), ctx.series("0-1", m, zero_one), ctx.series("logistic/ln2", m, np.log1p(np.exp(-m)) / np.log(2))],
             xlabel="margin y·f(x)", ylabel="loss")


@proof(
    "losses.hinge_subgradient",
    title={"zh": "合页损失的次梯度：y·f < 1 时为 −y，> 1 时为 0", "en": "Hinge subgradient: −y when y·f < 1, 0 when y·f > 1"},
    params=[Param("samples", 200, min=10, max=5000,
                  help={"zh": "随机 (y, f) 对的个数", "en": "random (y, f) pairs"})],
)
def hinge_subgradient(ctx, samples: int) -> None:
    y = ctx.rng.choice([-1.0, 1.0], size=samples)
    f = ctx.rng.uniform(-3, 3, size=samples)
    keep = np.abs(y * f - 1) > 1e-3
    y, f = y[keep], f[keep]
    h = 1e-6
    fd = (_hinge(y, f + h) - _hinge(y, f - h)) / (2 * h)
    rule = np.where(y * f < 1, -y, 0.0)
    ctx.check({"zh": "有限差分 = 次梯度规则（远离拐点）", "en": "finite differences = the subgradient rule (away from the kink)"},
              claimed=0.0, computed=float(np.abs(fd - rule).max()), tol=1e-6)
    left = float((_hinge(1.0, 1.0) - _hinge(1.0, 1.0 - h)) / h)
    right = float((_hinge(1.0, 1.0 + h) - _hinge(1.0, 1.0)) / h)
    ctx.check({"zh": "拐点 y·f = 1（y=+1）：左导数 = −1", "en": "at the kink y·f = 1 (y=+1): left derivative = −1"}, claimed=-1.0, computed=left, tol=1e-6)
    ctx.check({"zh": "拐点处右导数 = 0，次微分为 [−1, 0]", "en": "right derivative = 0, subdifferential [−1, 0]"}, claimed=0.0, computed=right, tol=1e-6)
    ctx.formula(r"\partial_f \ell=\begin{cases}-y & yf<1\\ [-y,0]\text{ (conv.)} & yf=1\\ 0 & yf>1\end{cases}")


def _svm_smo(X: np.ndarray, y: np.ndarray, C: float, eps: float = 1e-12,
             max_iter: int = 200_000) -> tuple[np.ndarray, float, np.ndarray]:
    """Exact soft-margin linear SVM: SMO on the dual (maximal violating pair), run to a KKT gap < eps.

    Solves min ½‖w‖² + C Σ max(0, 1 − yᵢ(w·xᵢ + b)); returns w, b and the dual variables α.
    """
    K = X @ X.T
    Q = (y[:, None] * y[None, :]) * K
    a, G = np.zeros(len(y)), -np.ones(len(y))  # G = ∇ of the dual ½αᵀQα − Σα

    def sets() -> tuple[np.ndarray, np.ndarray]:
        up = ((y > 0) & (a < C)) | ((y < 0) & (a > 0))
        low = ((y > 0) & (a > 0)) | ((y < 0) & (a < C))
        return up, low

    for _ in range(max_iter):
        score = -y * G
        up, low = sets()
        i = np.flatnonzero(up)[np.argmax(score[up])]
        j = np.flatnonzero(low)[np.argmin(score[low])]
        if score[i] - score[j] < eps:
            break
        # move along αᵢ += yᵢ s, αⱼ −= yⱼ s (keeps Σ yα = 0); curvature ‖xᵢ − xⱼ‖²
        s = (score[i] - score[j]) / max(K[i, i] + K[j, j] - 2 * K[i, j], 1e-12)
        s = min(s, C - a[i] if y[i] > 0 else a[i], a[j] if y[j] > 0 else C - a[j])
        a[i] += y[i] * s
        a[j] -= y[j] * s
        G += Q[:, i] * (y[i] * s) - Q[:, j] * (y[j] * s)
    score = -y * G
    free = (a > 1e-12) & (a < C - 1e-12)
    if free.any():  # yᵢ f(xᵢ) = 1 on free support vectors
        b = float(score[free].mean())
    else:  # b is only pinned to an interval: take its midpoint
        up, low = sets()
        b = float((score[up].max() + score[low].min()) / 2)
    return (a * y) @ X, b, a


@proof(
    "losses.hinge_svm",
    title={"zh": "线性 SVM = L2 正则 + 合页损失；解只由支持向量（间隔 ≤ 1 的点）决定",
           "en": "Linear SVM = L2 penalty + hinge loss; the solution depends only on the support vectors (margin ≤ 1)"},
    params=[Param("n", 80, min=20, max=1000, help={"zh": "训练样本数", "en": "training points"}),
            Param("lam", 0.01, min=1e-4, max=1.0,
                  help={"zh": "L2 正则化系数 λ", "en": "L2 strength λ"})],
)
def hinge_svm(ctx, n: int, lam: float) -> None:
    half = n // 2
    X = np.vstack([ctx.rng.normal(loc=(2, 2), size=(half, 2)), ctx.rng.normal(loc=(-2, -2), size=(n - half, 2))])
    y = np.concatenate([np.ones(half), -np.ones(n - half)])
    C = 1.0 / (lam * n)  # λ/2‖w‖² + (1/n)Σ hinge  ≡  ½‖w‖² + C Σ hinge, C = 1/(λn)

    def objective(w: np.ndarray, b: float) -> float:
        return float(lam / 2 * w @ w + _hinge(y, X @ w + b).mean())

    w, b, alpha = _svm_smo(X, y, C)
    margin = y * (X @ w + b)
    dual = float(alpha.sum() - 0.5 * w @ w) * lam  # the dual value, on the scale of the λ-objective
    ctx.check({"zh": "SMO 解是最优的：对偶间隙 (原始 − 对偶)/原始 < 1e-6",
               "en": "the SMO solution is optimal: duality gap (primal − dual)/primal < 1e-6"},
              claimed=1e-6, computed=(objective(w, b) - dual) / objective(w, b), op="<")
    acc = float(np.mean(margin > 0))
    sv = margin <= 1 + 1e-6  # inside or on the margin
    ctx.check({"zh": "训练准确率 ≥ 95%", "en": "training accuracy ≥ 95%"}, claimed=0.95, computed=acc, op=">=")
    ctx.check({"zh": "间隔 > 1 的点对偶变量 α = 0（不贡献）", "en": "points with margin > 1 have dual weight α = 0 (no contribution)"},
              claimed=0.0, computed=float(np.abs(alpha[~sv]).max(initial=0.0)), tol=1e-9)
    # refit on the support vectors only, with the same C (the 1/n keeps the full n)
    w_sv, _, _ = _svm_smo(X[sv], y[sv], C)  # (b may only be pinned to an interval; w is unique)
    ctx.check({"zh": "只用支持向量重新训练：‖w_sv − w‖/‖w‖ ≈ 0（解只由支持向量决定）",
               "en": "refit on the support vectors only: ‖w_sv − w‖/‖w‖ ≈ 0 (the solution depends only on them)"},
              claimed=0.0, computed=float(np.linalg.norm(w_sv - w) / np.linalg.norm(w)), tol=1e-6)
    w_rest, _, _ = _svm_smo(X[~sv], y[~sv], C)
    ctx.check({"zh": "对照：去掉支持向量、只用其余点训练，w 改变 > 5%",
               "en": "contrast: dropping the support vectors and fitting the rest changes w by > 5%"},
              claimed=0.05, computed=float(np.linalg.norm(w_rest - w) / np.linalg.norm(w)), op=">")
    ctx.check({"zh": "支持向量只占少数（< 50%）", "en": "support vectors are a minority (< 50%)"},
              claimed=0.5, computed=float(sv.mean()), op="<")
    ctx.table(["w", "b", {"zh": "准确率", "en": "accuracy"}, {"zh": "支持向量", "en": "support vectors"}, "w_sv"],
              [[list(np.round(w, 4)), round(b, 4), acc, int(sv.sum()), list(np.round(w_sv, 4))]])
    ctx.plot({"zh": "数据与支持向量", "en": "data and support vectors"},
             [ctx.series("+1", X[y > 0, 0], X[y > 0, 1], kind="scatter"), ctx.series("−1", X[y < 0, 0], X[y < 0, 1], kind="scatter"),
              ctx.series("SV", X[sv, 0], X[sv, 1], kind="scatter")], xlabel="x₁", ylabel="x₂")
