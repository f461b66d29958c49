"""Proofs for the optimizer deck (深度学习基础 › 7. 优化器)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from studytool.proofs.api import Param, ParamError, proof


def _linreg(rng, n: int, d: int, noise: float = 0.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    X = rng.normal(size=(n, d))
    w = rng.normal(size=d)
    return X, X @ w + rng.normal(scale=noise, size=n), w


def _every(n: int, k: int = 150) -> np.ndarray:
    return np.arange(0, n, max(1, n // k))


# --------------------------------------------------------------------------- BGD


@proof(
    "optimizers.gd_step",
    title={"zh": "全梯度下降 θ ← θ − η∇J：一步的计算与稳定条件 η < 2/L",
           "en": "Gradient descent θ ← θ − η∇J: one step, and the stability condition η < 2/L"},
    params=[Param("theta0", 3.0, min=-100.0, max=100.0,
                  help={"zh": "初始点", "en": "starting point"}),
            Param("eta", 0.1, min=0.0, max=2.0,
                  help={"zh": "J = θ² 上的学习率", "en": "learning rate for J = θ²"})],
)
def gd_step(ctx, theta0: float, eta: float) -> None:
    th, et, L = sp.symbols("theta eta L", positive=True)
    J = th**2
    step = th - et * sp.diff(J, th)
    ctx.formula(sp.Eq(sp.Symbol("θ₁"), step), label="J(θ) = θ²")
    ctx.check({"zh": "θ₀ = 3, η = 0.1 → θ₁ = 2.4", "en": "θ₀ = 3, η = 0.1 → θ₁ = 2.4"},
              claimed=2.4, computed=step.subs({th: 3, et: sp.Rational(1, 10)}), tol=1e-12)
    # J = (L/2)θ²: θ_{t+1} = (1 − ηL) θ_t, converges iff |1 − ηL| < 1
    region = sp.solve_univariate_inequality(sp.Abs(1 - et * L) < 1, et, relational=False)
    ctx.formula(sp.Contains(sp.Symbol("η"), region, evaluate=False), label="J = (L/2)θ²")
    ctx.check({"zh": "收敛区间是 0 < η < 2/L", "en": "the convergence region is 0 < η < 2/L"},
              claimed=str(sp.Interval.open(0, 2 / L)), computed=str(region))
    rows = []
    for lr in (0.1, 0.9, 1.1, eta):
        t = theta0
        for _ in range(50):
            t = t - lr * 2 * t
        rows.append([lr, t])
    ctx.check({"zh": "J = θ² (L = 2)：η = 1.1 > 2/L 时发散", "en": "J = θ² (L = 2): η = 1.1 > 2/L diverges"},
              claimed=abs(theta0), computed=abs(rows[2][1]), op=">=")
    ctx.check({"zh": "η = 0.9 < 2/L 时收敛（尽管来回振荡）", "en": "η = 0.9 < 2/L converges (while oscillating)"},
              claimed=1e-3 * max(abs(theta0), 1e-300), computed=abs(rows[1][1]), op="<=", tol=1e-12)
    # the learner's η: 50 steps shrink |θ| exactly when |1 − 2η| < 1 (η < 2/L = 1 for J = θ²)
    start = theta0 if theta0 != 0 else 1.0  # from θ₀ = 0 nothing can shrink: use 1 for this check
    t = start
    for _ in range(50):
        t = t - eta * 2 * t
    ctx.check({"zh": f"η = {eta:g}：50 步后 |θ| 变小 ⇔ |1 − 2η| < 1（即 η < 2/L = 1）",
               "en": f"η = {eta:g}: 50 steps shrink |θ| ⇔ |1 − 2η| < 1 (i.e. η < 2/L = 1)"},
              claimed=bool(abs(1 - 2 * eta) < 1), computed=bool(abs(t) < abs(start)))
    ctx.table(["η", {"zh": "50 步后的 θ", "en": "θ after 50 steps"}], rows)


@proof(
    "optimizers.bgd_vs_sgd_cost",
    title={"zh": "BGD 每步遍历全部数据；达到同样的粗精度，SGD 用的样本梯度少得多",
           "en": "BGD touches every sample per step; SGD reaches a coarse accuracy with far fewer sample gradients"},
    params=[Param("n", 5000, min=2000, max=50000,
                  help={"zh": "数据集大小（≥ 2000：BGD 每步的代价要远大于 SGD 的总代价）",
                        "en": "dataset size (≥ 2000: one BGD step must cost far more than SGD's whole run)"}),
            Param("tol", 0.05, min=0.005, max=0.2,
                  help={"zh": "目标超额损失（“粗精度”：高于 SGD 的噪声地板，低于起点的损失）",
                        "en": "target excess loss (a coarse accuracy: above SGD's noise floor, below the starting loss)"})],
)
def bgd_vs_sgd_cost(ctx, n: int, tol: float) -> None:
    d = 5
    X, y, _ = _linreg(ctx.rng, n, d)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]

    def loss(w):
        return float(np.mean((X @ w - y) ** 2) / 2)

    best = loss(w_star)
    w, evals_bgd = np.zeros(d), 0
    while loss(w) - best > tol and evals_bgd < 1000 * n:
        w -= 0.5 * X.T @ (X @ w - y) / n
        evals_bgd += n
    w, evals_sgd = np.zeros(d), 0
    while loss(w) - best > tol and evals_sgd < 1000 * n:
        for i in ctx.rng.integers(0, n, size=20):
            w -= 0.02 * X[i] * (X[i] @ w - y[i])
        evals_sgd += 20
    ctx.check({"zh": "两者都达到目标精度", "en": "both reach the target"}, claimed=tol,
              computed=max(loss(w) - best, 0.0), op="<=")
    ctx.check({"zh": "SGD 所需的样本梯度次数 < BGD 的 1/10", "en": "SGD needs < 1/10 of BGD's sample-gradient evaluations"},
              claimed=evals_bgd / 10, computed=evals_sgd, op="<")
    ctx.table([{"zh": "方法", "en": "method"}, {"zh": "达到容差所需的样本梯度数",
                          "en": "sample gradients to reach tol"}], [["BGD", evals_bgd], ["SGD", evals_sgd]])


@proof(
    "optimizers.saddle_point",
    title={"zh": "梯度为 0 不代表极小值：f = x² − y² 在原点是鞍点",
           "en": "A zero gradient does not mean a minimum: f = x² − y² has a saddle at the origin"},
    params=[Param("eps", 1e-6, min=0.0, max=0.1,
                  help={"zh": "y 相对 x 轴的初始偏移",
                        "en": "initial offset of y from the x-axis"}),
            Param("eta", 0.1, min=0.001, max=0.45, help={"zh": "学习率", "en": "learning rate"})],
)
def saddle_point(ctx, eps: float, eta: float) -> None:
    x, y = sp.symbols("x y", real=True)
    f = x**2 - y**2
    grad = [sp.diff(f, v) for v in (x, y)]
    H = sp.hessian(f, (x, y))
    eig = sorted(H.eigenvals().keys())
    ctx.check({"zh": "原点梯度 = 0（驻点）", "en": "gradient at the origin = 0 (a stationary point)"},
              claimed=[0, 0], computed=[g.subs({x: 0, y: 0}) for g in grad])
    ctx.check({"zh": "Hessian 特征值异号：−2 与 2", "en": "Hessian eigenvalues have mixed signs: −2 and 2"}, claimed=[-2, 2], computed=eig)
    ctx.check({"zh": "沿 y 方向 f 更小，所以原点不是极小值", "en": "f is lower along y, so the origin is not a minimum"},
              claimed=0.0, computed=float(f.subs({x: 0, y: sp.Rational(1, 10)})), op="<")
    eig_min = sorted(sp.hessian(x**2 + y**2, (x, y)).eigenvals().keys())
    ctx.check({"zh": "对比 x² + y²：特征值全正 → 极小值", "en": "compare x² + y²: all eigenvalues positive → a minimum"},
              claimed=[2, 2], computed=[e for e in eig_min for _ in range(sp.hessian(x**2 + y**2, (x, y)).eigenvals()[e])])

    # enough steps for both effects: x shrinks by (1 − 2η) per step (to < 1e-8), y grows by (1 + 2η)
    # (from eps to > 2)
    n_steps = max(150, int(np.ceil(np.log(1e8) / -np.log1p(-2 * eta))))
    if eps > 0:
        n_steps = max(n_steps, int(np.ceil(np.log(2 / eps) / np.log1p(2 * eta))))

    def run(p):
        pts = [p]
        for _ in range(n_steps):
            px, py = pts[-1]
            pts.append((px - eta * 2 * px, py + eta * 2 * py))
        return np.array(pts)

    stuck, escape = run((1.0, 0.0)), run((1.0, eps))
    ctx.check({"zh": f"从 y = 0 出发的 GD（{n_steps} 步）收敛到鞍点",
               "en": f"GD started on y = 0 converges to the saddle ({n_steps} steps)"},
              claimed=0.0, computed=float(np.linalg.norm(stuck[-1])), tol=1e-6)
    if eps > 0:
        ctx.check({"zh": "y 稍有扰动时 GD 逃离鞍点（|y| > 1）", "en": "with a tiny y offset GD escapes (|y| > 1)"},
                  claimed=1.0, computed=float(abs(escape[-1, 1])), op=">")
    ctx.plot({"zh": "GD 轨迹", "en": "GD trajectories"},
             [ctx.series("start y=0", stuck[_every(len(stuck)), 0], stuck[_every(len(stuck)), 1]),
              ctx.series(f"start y={eps:g}", escape[_every(len(escape)), 0],
                         np.clip(escape[_every(len(escape)), 1], -3, 3))], xlabel="x", ylabel="y")


# --------------------------------------------------------------------------- SGD


@proof(
    "optimizers.sgd_unbiased",
    title={"zh": "SGD 的单样本梯度是全梯度的无偏估计（但有方差）",
           "en": "The single-sample SGD gradient is an unbiased estimate of the full gradient (with variance)"},
    params=[Param("n", 50, min=2, max=5000, help={"zh": "数据集大小", "en": "dataset size"}),
            Param("draws", 20000, min=100, max=200000,
                  help={"zh": "蒙特卡洛抽样次数", "en": "Monte-Carlo draws"})],
)
def sgd_unbiased(ctx, n: int, draws: int) -> None:
    d = 3
    X, y, _ = _linreg(ctx.rng, n, d)
    w = ctx.rng.normal(size=d)
    per_sample = X * (X @ w - y)[:, None]  # ∇ of ½(xᵢᵀw − yᵢ)²
    full = X.T @ (X @ w - y) / n
    ctx.check({"zh": "逐样本梯度的平均 = 全梯度（精确）", "en": "mean of per-sample gradients = full gradient (exactly)"},
              claimed=0.0, computed=float(np.abs(per_sample.mean(axis=0) - full).max()), tol=1e-12)
    idx = ctx.rng.integers(0, n, size=draws)
    est = per_sample[idx].mean(axis=0)
    se = per_sample.std(axis=0) / np.sqrt(draws)
    ctx.check({"zh": "随机抽样平均值与全梯度相差 < 4 个标准误", "en": "Monte-Carlo mean is within 4 standard errors of the full gradient"},
              claimed=4.0, computed=float(np.max(np.abs(est - full) / se)), op="<")
    ctx.check({"zh": "单样本梯度有非零方差（噪声）", "en": "single-sample gradients have non-zero variance (noise)"},
              claimed=0.0, computed=float(per_sample.var(axis=0).sum()), op=">")
    ctx.formula(r"\mathbb{E}_i[\nabla\ell_i(\theta)]=\frac1n\sum_i\nabla\ell_i(\theta)=\nabla J(\theta)")
    ctx.table(["", "g₁", "g₂", "g₃"], [["full", *full], ["MC mean", *est]])


@proof(
    "optimizers.minibatch_variance",
    title={"zh": "小批量梯度的方差 ∝ 1/B", "en": "Mini-batch gradient variance ∝ 1/B"},
    params=[Param("draws", 4000, min=500, max=50000,
                  help={"zh": "每种批大小采样的小批量个数", "en": "mini-batches sampled per size"}),
            Param("independent", True,
                  help={"zh": "批内样本独立抽取（False：同一个样本重复 B 次）",
                        "en": "batch members drawn independently (False: one example repeated B times)"})],
)
def minibatch_variance(ctx, draws: int, independent: bool) -> None:
    n, d = 500, 3
    X, y, _ = _linreg(ctx.rng, n, d)
    w = ctx.rng.normal(size=d)
    per_sample = X * (X @ w - y)[:, None]
    # exact moments of ONE uniformly drawn per-sample gradient (over the n examples): total variance
    # Var(1) = E‖g − μ‖², plus E‖g − μ‖⁴ and tr Σ² for the standard error of the sampled variances
    c = per_sample - per_sample.mean(axis=0)
    var1 = float((c**2).sum(axis=1).mean())
    m4 = float(((c**2).sum(axis=1) ** 2).mean())
    tr_s2 = float(np.sum((c.T @ c / n) ** 2))
    sizes = [1, 2, 4, 8, 16, 32, 64]
    var, z = [], []
    for B in sizes:
        if independent:
            idx = ctx.rng.integers(0, n, size=(draws, B))
        else:
            idx = np.repeat(ctx.rng.integers(0, n, size=(draws, 1)), B, axis=1)
        g = per_sample[idx].mean(axis=1)
        sq = ((g - g.mean(axis=0)) ** 2).sum(axis=1)  # Var̂(B) = mean of sq over the draws
        # independent: Var(B) = Var(1)/B and E‖ḡ_B − μ‖⁴ = (m4 + (B−1)(Var(1)² + 2 tr Σ²))/B³ gives
        # Var̂(B)'s standard error; one example repeated B times: ḡ_B = g₁, so Var(B) = Var(1)
        expected = var1 / B if independent else var1
        fourth = (m4 + (B - 1) * (var1**2 + 2 * tr_s2)) / B**3 if independent else m4
        se = np.sqrt((fourth - expected**2) / draws)
        var.append(float(sq.mean()))
        z.append(float(abs(sq.mean() - expected) / se))
    ratio = [v * B / var1 for v, B in zip(var, sizes, strict=True)]
    slope = float(np.polyfit(np.log(sizes), np.log(var), 1)[0])
    law = ({"zh": "Var(1)/B", "en": "Var(1)/B"} if independent else
           {"zh": "Var(1)（同一样本重复 B 次，方差不降）", "en": "Var(1) (one example repeated B times: no reduction)"})
    ctx.check({"zh": f"每个 B 的抽样方差都与 {law['zh']} 相差 < 5 个标准误（Var(1) 为精确的单样本方差）",
               "en": f"for every B the sampled variance is within 5 standard errors of {law['en']} (Var(1) exact)"},
              claimed=5.0, computed=max(z), op="<")
    slope_claim = -1.0 if independent else 0.0
    ctx.check({"zh": f"log Var 对 log B 的斜率 = {slope_claim:g}（± 0.15）",
               "en": f"slope of log Var vs log B is {slope_claim:g} (± 0.15)"},
              claimed=slope_claim, computed=slope, tol=0.15)
    ctx.table(["B", {"zh": "总方差", "en": "total variance"}, "B·Var/Var(1)", {"zh": "标准误个数", "en": "std errors off"}],
              [[B, v, r, zz] for B, v, r, zz in zip(sizes, var, ratio, z, strict=True)])
    ctx.plot({"zh": "方差 vs 批大小", "en": "variance vs batch size"},
             [ctx.series("measured", sizes, var), ctx.series("Var(1)/B", sizes, [var1 / B for B in sizes])],
             xlabel="B", ylabel="variance", logy=True)


@proof(
    "optimizers.sgd_noise_floor",
    title={"zh": "固定学习率的 SGD 停在噪声地板（∝ η）；学习率衰减才能继续下降",
           "en": "Constant-rate SGD stalls at a noise floor (∝ η); a decaying rate keeps improving"},
    params=[Param("eta", 0.02, min=0.01, max=0.05,
                  help={"zh": "恒定学习率（≥ 0.01：η/4 的运行要在预算的前一半内落到它的地板上）",
                        "en": "constant learning rate (≥ 0.01: the η/4 run must settle on its floor within the first half of the budget)"}),
            Param("steps", 20000, min=6000, max=100000,
                  help={"zh": "SGD 步数（≥ 6000：地板取后一半步数的平均，此前须已稳定）",
                        "en": "SGD steps (≥ 6000: the floor is the mean over the second half, which must come after settling)"})],
)
def sgd_noise_floor(ctx, eta: float, steps: int) -> None:
    n, d, chains = 1000, 5, 32
    X, y, _ = _linreg(ctx.rng, n, d, noise=1.0)
    w_star = np.linalg.lstsq(X, y, rcond=None)[0]
    H = X.T @ X / n  # excess loss of w: ½ (w − w*)ᵀ H (w − w*)
    idx = ctx.rng.integers(0, n, size=(steps, chains))  # 32 independent chains, same samples for every schedule

    def run(schedule):
        W = np.zeros((chains, d))
        S = np.zeros((d, d))  # Σ over the second half of (W − w*)ᵀ(W − w*)
        hist = []
        for t in range(steps):
            xi = X[idx[t]]
            W = W - schedule(t) * xi * (np.einsum("cd,cd->c", xi, W) - y[idx[t]])[:, None]
            if t >= steps // 2:
                D = W - w_star
                S += D.T @ D
            if t % max(1, steps // 150) == 0:
                D = W - w_star
                hist.append(float(np.einsum("cd,de,ce->", D, H, D) / (2 * chains)))
        return float(np.sum(H * S) / (2 * chains * (steps - steps // 2))), hist

    const, h1 = run(lambda t: eta)
    quarter, _ = run(lambda t: eta / 4)
    decay, h2 = run(lambda t: eta / (1 + t / 500))
    # finite-budget claims: the η/4 run needs ≫ 1/(η/4) steps to settle on its floor
    budget = {"zh": f"η = {eta:g}，{steps} 步", "en": f"η = {eta:g}, {steps} steps"}
    ratio = const / quarter
    ctx.check({"zh": f"{budget['zh']}：学习率 ÷4，地板至少下降 3 倍（√η 律只有 2 倍）",
               "en": f"{budget['en']}: rate ÷4 → the floor drops at least 3× (a √η law would give only 2×)"},
              claimed=3.0, computed=ratio, op=">=")
    ctx.check({"zh": "……且至多 6 倍（∝ η 给出约 4 倍；η² 律会是 16 倍）",
               "en": "… and at most 6× (∝ η gives about 4×; an η² law would give 16×)"},
              claimed=6.0, computed=ratio, op="<=")
    ctx.check({"zh": f"{budget['zh']}：η/(1+t/500) 衰减后的误差 < 固定学习率地板的一半",
               "en": f"{budget['en']}: with the decay η/(1+t/500) the excess loss < half the constant-rate floor"},
              claimed=const / 2, computed=decay, op="<")
    ts = list(range(0, steps, max(1, steps // 150)))
    ctx.plot({"zh": "超额损失 vs 步数（32 条链的平均）", "en": "excess loss vs step (mean of 32 chains)"},
             [ctx.series("constant η", ts, h1), ctx.series("decaying η", ts, h2)], xlabel="step", ylabel="excess loss", logy=True)
    ctx.note({"zh": "这些是有限预算下的结论：地板是 32 条独立 SGD 链在后一半步数上的平均超额损失；η 很小时 η/4 的运行"
                    "还没稳定；η/(1+t/500) 也会在远离最优点之前就衰减得太小。",
              "en": "These are finite-budget claims: each floor is the excess loss averaged over 32 independent SGD chains "
                    "and the second half of the steps; with a small η the η/4 run has not settled, and η/(1+t/500) "
                    "decays before the run gets near the optimum."})
    ctx.table([{"zh": "学习率调度", "en": "schedule"}, {"zh": "平均超额损失（后一半步数）",
                            "en": "mean excess loss (second half)"}], [["η", const], ["η/4", quarter], ["η/(1+t/500)", decay]])


# --------------------------------------------------------------------------- momentum


@proof(
    "optimizers.momentum_terminal_velocity",
    title={"zh": "动量在恒定梯度下把步长放大到 η g/(1−γ)", "en": "Under a constant gradient, momentum grows the step to η g/(1−γ)"},
    params=[Param("gamma", 0.9, min=0.0, max=0.99, help={"zh": "动量系数 γ", "en": "momentum γ"})],
)
def momentum_terminal_velocity(ctx, gamma: float) -> None:
    G, eta, g, t, k = sp.symbols("gamma eta g t k", positive=True)
    v_t = sp.summation(eta * g * G**k, (k, 0, t - 1))  # v_t = γ v_{t−1} + η g, v_0 = 0
    limit = sp.limit(sp.simplify(v_t).subs(G, sp.Rational(9, 10)), t, sp.oo)
    ctx.formula(sp.Eq(sp.Symbol("v_t"), sp.simplify(v_t)))
    ctx.check({"zh": "γ = 0.9：v_∞ = 10·η g", "en": "γ = 0.9: v_∞ = 10·η g"}, claimed=0, computed=sp.simplify(limit - 10 * eta * g))
    # the gap to v_∞ is γᵗ/(1−γ): iterate until γᵗ < 1e-9 (≈ 2000 steps at γ = 0.99)
    steps = max(400, int(np.ceil(np.log(1e-9) / np.log(gamma)))) if gamma > 0 else 400
    v, hist = 0.0, []
    for _ in range(steps):
        v = gamma * v + 1.0 * 1.0
        hist.append(v)
    ctx.check({"zh": f"迭代 {steps} 步得到的稳态步长 = 1/(1−γ) 倍",
               "en": f"iterated steady-state step ({steps} steps) = 1/(1−γ) times η g"},
              claimed=1 / (1 - gamma), computed=hist[-1], rel=1e-6)
    ctx.note({"zh": "v 是过去梯度的指数加权“和”（权重和为 1/(1−γ)），不是权重和为 1 的平均",
              "en": "v is an exponentially weighted *sum* of past gradients (weights sum to 1/(1−γ)), not an average"})
    ctx.plot({"zh": "v_t / (η g)", "en": "v_t / (η g)"}, [ctx.series("v_t", _every(steps) + 1, np.array(hist)[_every(steps)])], xlabel="t", ylabel="v")


@proof(
    "optimizers.momentum_vs_gd",
    title={"zh": "病态二次函数上，动量所需迭代远少于 GD（≈√κ vs κ）",
           "en": "On an ill-conditioned quadratic momentum needs far fewer iterations than GD (≈√κ vs κ)"},
    params=[Param("kappa", 100.0, min=20.0, max=10000.0,
                  help={"zh": "条件数 κ（≥ 20：病态问题，√κ 与 κ 的差距才明显）",
                        "en": "condition number κ (≥ 20: an ill-conditioned problem, where √κ vs κ shows)"}),
            Param("tol", 1e-6, min=1e-12, max=1e-2,
                  help={"zh": "到极小点的目标距离", "en": "target distance to the minimum"})],
)
def momentum_vs_gd(ctx, kappa: float, tol: float) -> None:
    def run(k: float, eta: float, gamma: float, record: bool = False) -> tuple[int, int, list[float]]:
        """Iterations until ‖θ‖ < tol on f = ½(x² + k·y²) from (1, 1); plain floats (GD at 4κ = 40000
        takes ≈ 1.1 M steps). Returns (iterations, cap, distances if ``record``)."""
        # GD contracts the flat direction by (1 − 1/k) per step: ≈ k·ln(√2/tol) steps; allow 2× that
        limit = int(2 * k * np.log(np.sqrt(2) / tol)) + 1000
        x, y, vx, vy, tol2, dist = 1.0, 1.0, 0.0, 0.0, tol * tol, []
        for it in range(limit):
            r2 = x * x + y * y
            if record:
                dist.append(r2**0.5)
            if r2 < tol2:
                return it, limit, dist
            vx = gamma * vx + eta * x  # the notes' form: v = γv + η∇J, θ = θ − v
            vy = gamma * vy + eta * k * y
            x, y = x - vx, y - vy
        return limit, limit, dist

    def tuned(k: float) -> tuple[float, float]:
        sq = np.sqrt(k)
        return 4 / (sq + 1) ** 2, ((sq - 1) / (sq + 1)) ** 2

    gd_it, limit, gd_d = run(kappa, 1 / kappa, 0.0, record=True)
    mo_it, _, mo_d = run(kappa, *tuned(kappa), record=True)
    gd4, limit4, _ = run(4 * kappa, 1 / (4 * kappa), 0.0)
    mo4, _, _ = run(4 * kappa, *tuned(4 * kappa))
    ctx.check({"zh": "两者都收敛（κ 与 4κ）", "en": "both converge (at κ and 4κ)"},
              claimed=1.0, computed=max(gd_it / limit, mo_it / limit, gd4 / limit4, mo4 / limit4), op="<")
    # the √κ-vs-κ gap needs an ill-conditioned problem: at κ ≲ 10 both take a handful of steps
    ctx.check({"zh": f"病态问题（κ ≥ 20，此处 κ = {kappa:g}）：动量迭代次数 < GD 的 1/3",
               "en": f"ill-conditioned (κ ≥ 20, here κ = {kappa:g}): momentum needs < 1/3 of GD's iterations"},
              claimed=gd_it / 3, computed=mo_it, op="<")
    ctx.check({"zh": "κ ×4：GD 的迭代次数 ×4（∝ κ）", "en": "κ ×4: GD's iterations ×4 (∝ κ)"},
              claimed=4.0, computed=gd4 / gd_it, rel=0.15)
    ctx.check({"zh": "κ ×4：动量的迭代次数只 ×2（∝ √κ，而不是常数倍的加速）",
               "en": "κ ×4: momentum's iterations only ×2 (∝ √κ, not a constant-factor speed-up)"},
              claimed=2.0, computed=mo4 / mo_it, rel=0.2)
    ctx.table([{"zh": "方法", "en": "method"}, {"zh": f"κ = {kappa:g} 时的迭代次数", "en": f"iterations at κ = {kappa:g}"},
               {"zh": f"κ = {4 * kappa:g} 时", "en": f"at κ = {4 * kappa:g}"}],
              [["GD (η = 1/L)", gd_it, gd4], ["heavy-ball momentum (tuned)", mo_it, mo4]])
    ctx.plot({"zh": "到最优点的距离", "en": "distance to the optimum"},
             [ctx.series("GD", _every(len(gd_d)), np.array(gd_d)[_every(len(gd_d))]),
              ctx.series("momentum", _every(len(mo_d)), np.array(mo_d)[_every(len(mo_d))])],
             xlabel="iteration", ylabel="‖θ − θ*‖", logy=True)


# --------------------------------------------------------------------------- Adagrad


@proof(
    "optimizers.adagrad_decay",
    title={"zh": "Adagrad 的有效学习率 η/√(G+ε) 单调不增（常数梯度下 ∝ 1/√t）",
           "en": "Adagrad's effective rate η/√(G+ε) never increases (∝ 1/√t for a constant gradient)"},
    params=[Param("eta", 0.01, min=1e-4, max=1.0,
                  help={"zh": "全局学习率 η", "en": "global rate η"}),
            Param("steps", 1000, min=10, max=100000, help={"zh": "步数", "en": "steps"})],
)
def adagrad_decay(ctx, eta: float, steps: int) -> None:
    g = ctx.rng.normal(size=steps)
    G = np.cumsum(g**2)
    eff = eta / np.sqrt(G + 1e-8)
    ctx.check({"zh": "随机梯度下有效学习率的最大增量 ≤ 0", "en": "largest step-to-step change of the effective rate ≤ 0"},
              claimed=0.0, computed=float(np.max(np.diff(eff))), op="<=", tol=0.0)
    t = np.arange(1, steps + 1)
    G_const = np.cumsum(np.ones(steps))  # Adagrad's accumulator under a constant gradient g = 1
    const = eta / np.sqrt(G_const + 1e-8) * np.sqrt(t)
    ctx.check({"zh": "常数梯度 g = 1：累加得到的有效学习率·√t = η（即 ∝ 1/√t）",
               "en": "constant gradient g = 1: the accumulated effective rate·√t = η (i.e. ∝ 1/√t)"},
              claimed=[eta] * 3, computed=[float(const[0]), float(const[steps // 2]), float(const[-1])], rel=1e-6)
    ctx.formula(r"\theta_{t+1,i}=\theta_{t,i}-\frac{\eta}{\sqrt{G_{t,ii}+\epsilon}}\,g_{t,i},\quad G_{t,ii}=\sum_{\tau\le t}g_{\tau,i}^2")
    ctx.plot({"zh": "有效学习率", "en": "effective learning rate"}, [ctx.series("η/√(G+ε)", t[_every(steps)], eff[_every(steps)])],
             xlabel="t", ylabel="rate", logy=True)


@proof(
    "optimizers.adagrad_sparse",
    title={"zh": "Adagrad 给不常出现梯度的（稀疏）参数更大的有效学习率",
           "en": "Adagrad gives rarely-updated (sparse) parameters a larger effective rate"},
    params=[Param("period", 10, min=2, max=1000,
                  help={"zh": "稀疏参数每隔 `period` 步获得一次梯度",
                        "en": "the sparse parameter gets a gradient every `period` steps"}),
            Param("steps", 1000, min=10, max=100000, help={"zh": "步数", "en": "steps"})],
)
def adagrad_sparse(ctx, period: int, steps: int) -> None:
    if steps < period:
        raise ParamError(f"steps={steps} < period={period}: the sparse parameter would never get a gradient — pick steps ≥ period")
    steps = steps - steps % period
    t = np.arange(1, steps + 1)
    g_dense = np.ones(steps)
    g_sparse = (t % period == 0).astype(float)
    eta = 0.01
    eff_dense = eta / np.sqrt(np.cumsum(g_dense**2) + 1e-8)
    eff_sparse = eta / np.sqrt(np.cumsum(g_sparse**2) + 1e-8)
    ratio = float(eff_sparse[-1] / eff_dense[-1])
    ctx.check({"zh": "有效学习率之比 = √period", "en": "ratio of effective rates = √period"}, claimed=float(np.sqrt(period)), computed=ratio, rel=1e-6)
    t10 = np.arange(1, 1001)
    g10 = (t10 % 10 == 0).astype(float)
    ctx.check({"zh": "1000 步、每 10 步一次梯度：比值 ≈ 3.162", "en": "1000 steps, gradient every 10th step: ratio ≈ 3.162"},
              claimed=3.162, computed=float(np.sqrt(np.sum(np.ones(1000) ** 2) / np.sum(g10**2))), tol=1e-3)
    ctx.plot({"zh": "有效学习率", "en": "effective rates"},
             [ctx.series("dense", t[_every(steps)], eff_dense[_every(steps)]), ctx.series("sparse", t[_every(steps)], eff_sparse[_every(steps)])],
             xlabel="t", ylabel="η/√(G+ε)", logy=True)


@proof(
    "optimizers.adagrad_vs_rmsprop",
    title={"zh": "Adagrad 的分母只增不减；RMSprop/Adam 用指数平均，学习率能恢复",
           "en": "Adagrad's denominator only grows; RMSprop/Adam use an EMA so the rate can recover"},
    params=[Param("beta", 0.99, min=0.5, max=0.999,
                  help={"zh": "RMSprop 的 EMA 衰减率（≤ 0.999：更接近 1 时 100 步大梯度还没被 EMA 记住，谈不上回升 10×）",
                        "en": "EMA decay of RMSprop (≤ 0.999: closer to 1 the EMA has not absorbed the 100 large gradients, so no 10× recovery)"})],
)
def adagrad_vs_rmsprop(ctx, beta: float) -> None:
    # large gradients first, then small ones for long enough that the EMA (memory ≈ 1/(1 − β) steps)
    # can forget them: β^n < e⁻⁸ needs n ≈ 8/(1 − β)
    n_small = max(900, int(np.ceil(8 / (1 - beta))))
    g = np.concatenate([np.full(100, 10.0), np.full(n_small, 0.1)])
    G = np.cumsum(g**2)
    ada = 0.01 / np.sqrt(G + 1e-8)
    v, rms = 0.0, []
    for gi in g:
        v = beta * v + (1 - beta) * gi**2
        rms.append(0.01 / np.sqrt(v + 1e-8))
    rms = np.array(rms)
    ctx.check({"zh": "Adagrad：末尾有效学习率 ≤ 第 100 步", "en": "Adagrad: the final effective rate ≤ its value at step 100"},
              claimed=float(ada[99]), computed=float(ada[-1]), op="<=", tol=0.0)
    ctx.check({"zh": f"RMSprop：梯度变小 {n_small} 步后有效学习率回升 > 10×",
               "en": f"RMSprop: {n_small} steps after gradients shrink the rate has recovered > 10×"},
              claimed=10 * float(rms[99]), computed=float(rms[-1]), op=">")
    t = np.arange(1, len(g) + 1)
    ctx.plot({"zh": "有效学习率", "en": "effective rates"},
             [ctx.series("Adagrad", t[_every(len(g))], ada[_every(len(g))]), ctx.series("RMSprop", t[_every(len(g))], rms[_every(len(g))])],
             xlabel="t", ylabel="rate", logy=True)


# --------------------------------------------------------------------------- Adam


def _adam(grad, theta0: np.ndarray, eta: float, steps: int, b1: float = 0.9, b2: float = 0.999,
          correct: bool = True) -> np.ndarray:
    th, m, v, path = theta0.astype(float).copy(), np.zeros_like(theta0, dtype=float), np.zeros_like(theta0, dtype=float), []
    for t in range(1, steps + 1):
        g = grad(th)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        mh, vh = (m / (1 - b1**t), v / (1 - b2**t)) if correct else (m, v)
        th = th - eta * mh / (np.sqrt(vh) + 1e-8)
        path.append(th.copy())
    return np.array(path)


@proof(
    "optimizers.adam_bias_correction",
    title={"zh": "Adam 偏差校正：m̂₁ = g₁、v̂₁ = g₁²，常数梯度下 m̂_t = g",
           "en": "Adam bias correction: m̂₁ = g₁, v̂₁ = g₁², and m̂_t = g for a constant gradient"},
    params=[Param("beta1", 0.9, min=0.0, max=0.999, help={"zh": "一阶矩衰减率 β₁", "en": "β₁"}),
            Param("beta2", 0.999, min=0.5, max=0.99999,
                  help={"zh": "二阶矩衰减率 β₂", "en": "β₂"})],
)
def adam_bias_correction(ctx, beta1: float, beta2: float) -> None:
    g, b1, b2, t, k = sp.symbols("g beta1 beta2 t k", positive=True)
    m1 = (1 - b1) * g  # m₀ = 0
    v1 = (1 - b2) * g**2
    ctx.check({"zh": "sympy：m̂₁ = m₁/(1−β₁) = g₁", "en": "sympy: m̂₁ = m₁/(1−β₁) = g₁"}, claimed=0, computed=sp.simplify(m1 / (1 - b1) - g))
    ctx.check({"zh": "sympy：v̂₁ = g₁²", "en": "sympy: v̂₁ = g₁²"}, claimed=0, computed=sp.simplify(v1 / (1 - b2) - g**2))
    m_t = sp.summation((1 - b1) * b1**k * g, (k, 0, t - 1))  # constant gradient g
    ctx.formula(sp.Eq(sp.Symbol("m_t"), sp.simplify(m_t)), label={"zh": "常数梯度", "en": "constant gradient"})
    ctx.check({"zh": "常数梯度：m_t = (1−β₁ᵗ)g，所以 m̂_t = g", "en": "constant gradient: m_t = (1−β₁ᵗ)g, so m̂_t = g"},
              claimed=0, computed=sp.simplify(m_t / (1 - b1**t) - g))
    first_raw = abs(_adam(lambda th: np.array([2.0]), np.zeros(1), 1.0, 1, beta1, beta2, correct=False)[0, 0])
    # exact with Adam's ε = 1e-8 in the denominator: (1−β₁)g / (√(1−β₂)·g + ε), here g = 2
    ctx.check({"zh": "不校正时首步 / η = (1−β₁)g/(√(1−β₂)·g + ε) ≈ (1−β₁)/√(1−β₂)",
               "en": "uncorrected first step / η = (1−β₁)g/(√(1−β₂)·g + ε) ≈ (1−β₁)/√(1−β₂)"},
              claimed=(1 - beta1) * 2.0 / (np.sqrt(1 - beta2) * 2.0 + 1e-8), computed=float(first_raw),
              rel=1e-9)
    default_raw = abs(_adam(lambda th: np.array([2.0]), np.zeros(1), 1.0, 1, correct=False)[0, 0])
    ctx.check({"zh": "默认 β：不校正首步 ≈ 3.16η（过大）", "en": "default betas: uncorrected first step ≈ 3.16η (too large)"},
              claimed=3.16, computed=float(default_raw), tol=0.01)
    ts = np.arange(1, 201)
    uncorrected = (1 - beta1**ts) / np.sqrt(1 - beta2**ts)  # |step| / η with g constant, no correction
    raw_path = _adam(lambda th: np.array([2.0]), np.zeros(1), 1.0, 1000, correct=False)[:, 0]
    raw_steps = np.abs(np.diff(np.concatenate([[0.0], raw_path])))  # default betas, |Δθ_t| / η
    ctx.check({"zh": "默认 β、不校正：最大步长 ≈ 6.6η，约在第 12 步", "en": "default betas, uncorrected: the largest step ≈ 6.6η, near step 12"},
              claimed=[6.6, 12], computed=[round(float(raw_steps.max()), 1), int(raw_steps.argmax()) + 1], tol=0.05)
    ctx.check({"zh": "默认 β、不校正：第 1000 步仍比 η 大 20% 以上", "en": "default betas, uncorrected: step 1000 is still > 1.2η"},
              claimed=1.2, computed=float(raw_steps[-1]), op=">")
    ctx.check({"zh": "校正后首步 |Δθ| = η（与梯度尺度无关）", "en": "corrected first step |Δθ| = η (independent of the gradient's scale)"},
              claimed=1.0, computed=float(abs(_adam(lambda th: np.array([1234.5]), np.zeros(1), 1.0, 1)[0, 0])), tol=1e-6)
    ctx.table(["t", {"zh": "未校正步长 / η", "en": "uncorrected step / η"}, {"zh": "校正后步长 / η",
                                             "en": "corrected step / η"}], [[int(i), float(uncorrected[i - 1]), 1.0] for i in (1, 2, 5, 10, 50, 200)])
    ctx.note({"zh": "不校正时 v 比 m 更偏向 0（β₂ 更接近 1），默认参数下前几步反而过大（t=1 时约 3.16η）",
              "en": "without correction v is biased toward 0 even more than m (β₂ is closer to 1), so with default betas "
                    "the first steps are too large (≈3.16η at t = 1)"})
    ctx.plot({"zh": "常数梯度下的步长 / η", "en": "step / η under a constant gradient"},
             [ctx.series("uncorrected", ts, uncorrected), ctx.series("corrected", ts, np.ones_like(ts, dtype=float))], xlabel="t", ylabel="|Δθ|/η")


@proof(
    "optimizers.adam_lr_sensitivity",
    title={"zh": "Adam 仍然需要调学习率：η 太小走不动，太大先把损失冲高",
           "en": "Adam still needs a tuned learning rate: too small crawls, too large first blows the loss up"},
    params=[Param("steps", 2000, min=600, max=20000,
                  help={"zh": "Adam 步数（≥ 600：η = 0.05 最多约 300 步到达目标）",
                        "en": "Adam steps (≥ 600: η = 0.05 needs up to ≈ 300 steps to reach the target)"}),
            Param("tol", 1e-6, min=1e-12, max=1.0, help={"zh": "目标损失", "en": "target loss"})],
)
def adam_lr_sensitivity(ctx, steps: int, tol: float) -> None:
    h = np.array([1.0, 10.0])  # f = ½(x² + 10y²), start (3, 3)

    def f(th):
        return float(0.5 * np.sum(h * th**2))

    start = np.array([3.0, 3.0])
    etas = (1e-4, 1e-3, 1e-2, 0.05, 0.2, 1.0, 10.0, 50.0)
    rows, hits, peaks, curves = [], {}, {}, {}
    # all rates in one vectorised run (Adam is element-wise): path[t, j] is θ_t for etas[j]
    path = _adam(lambda th: h * th, np.tile(start, (len(etas), 1)), np.array(etas)[:, None], steps)
    all_losses = 0.5 * np.sum(h * path**2, axis=-1)
    for j, eta in enumerate(etas):
        losses = all_losses[:, j]
        reached = losses < tol
        hits[eta] = int(np.argmax(reached)) + 1 if reached.any() else None
        peaks[eta] = float(losses.max())
        curves[eta] = losses
        rows.append([eta, hits[eta] if hits[eta] else f"> {steps}", peaks[eta] / f(start)])
    ctx.check({"zh": f"η = 1e-4：{steps} 步内达不到目标", "en": f"η = 1e-4: the target is not reached within {steps} steps"},
              claimed=True, computed=hits[1e-4] is None)
    ctx.check({"zh": f"η = 0.05：{steps} 步内达到目标", "en": f"η = 0.05: the target is reached within {steps} steps"},
              claimed=True, computed=hits[0.05] is not None)
    ctx.check({"zh": "η = 50：损失先冲到初始值的 > 100 倍", "en": "η = 50: the loss first shoots to > 100× its start"},
              claimed=100 * f(start), computed=peaks[50.0], op=">")
    first = abs(_adam(lambda th: h * th, start, 0.3, 1)[0, 0] - start[0])
    ctx.check({"zh": "第一步每个坐标移动的距离 = η（η 直接决定步长）", "en": "the first step moves each coordinate by η (η sets the step size)"},
              claimed=0.3, computed=float(first), tol=1e-6)
    ctx.table(["η", {"zh": f"损失 < {tol:g} 所需步数",
                     "en": f"steps to loss < {tol:g}"}, {"zh": "峰值损失 / 初始损失",
                                                 "en": "peak loss / start"}], rows)
    idx = _every(steps)
    ctx.plot({"zh": "不同 η 下的损失", "en": "loss for different η"},
             [ctx.series(f"η={eta:g}", idx + 1, np.maximum(curves[eta][idx], 1e-30)) for eta in (1e-4, 0.05, 50.0)],
             xlabel="step", ylabel="f", logy=True)


@proof(
    "optimizers.adamw_vs_l2",
    title={"zh": "Adam + L2 ≠ AdamW：L2 项被 √v̂ 缩放，梯度大的参数几乎不衰减；AdamW 按 ηλ 统一衰减",
           "en": "Adam + L2 ≠ AdamW: the L2 term is divided by √v̂, so parameters with large gradients barely decay; AdamW decays all by ηλ"},
    params=[Param("lam", 0.1, min=0.01, max=0.5,
                  help={"zh": "L2 / 权重衰减系数 λ（η = 1e-3，5000 步）", "en": "L2 / weight-decay strength λ (η = 1e-3, 5000 steps)"})],
)
def adamw_vs_l2(ctx, lam: float) -> None:
    eta, steps, chains = 1e-3, 5000, 200
    sig = np.array([10.0, 1e-3])  # zero-mean gradient noise: coordinate A is noisy, B is quiet; no signal
    noise = sig * ctx.rng.standard_normal((steps, chains, 2))

    def adam(decoupled: bool) -> tuple[np.ndarray, int]:
        th, m, v = np.ones((chains, 2)), np.zeros((chains, 2)), np.zeros((chains, 2))
        t_small = steps + 1  # first step at which the mean of B is below 0.01
        for t in range(1, steps + 1):
            g = noise[t - 1] if decoupled else noise[t - 1] + lam * th  # L2: λθ joins the gradient
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g**2
            th = th - eta * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
            if decoupled:
                th = th - eta * lam * th  # AdamW: decay outside the adaptive scaling
            if t_small > steps and th[:, 1].mean() < 0.01:
                t_small = t
        return th.mean(0), t_small

    (l2, t_b), (w, _) = adam(False), adam(True)
    pure = (1 - eta * lam) ** steps
    ctx.check({"zh": f"Adam + L2：嘈杂参数 A 几乎不衰减，安静参数 B 被拉到 0（A − B = {l2[0] - l2[1]:.2f} > 0.5）",
               "en": f"Adam + L2: the noisy parameter A barely decays while the quiet B is pulled to 0 (A − B = {l2[0] - l2[1]:.2f} > 0.5)"},
              claimed=0.5, computed=float(l2[0] - l2[1]), op=">")
    # A: its gradient is dominated by noise of rms σ_A, so the λθ term is divided by ≈ σ_A: a weight decay of ηλ/σ_A
    pred_a = (1 - eta * lam / sig[0]) ** steps
    ctx.check({"zh": f"Adam + L2：A ≈ (1 − ηλ/σ_A)^{steps} = {pred_a:.3f}（衰减被梯度尺度 σ_A = 10 除掉，±0.03）",
               "en": f"Adam + L2: A ≈ (1 − ηλ/σ_A)^{steps} = {pred_a:.3f} (the decay is divided by the gradient scale σ_A = 10; ±0.03)"},
              claimed=pred_a, computed=float(l2[0]), tol=0.03)
    ctx.check({"zh": "Adam + L2：A 的衰减量不到 AdamW 的 35%（1 − A < 0.35·(1 − (1 − ηλ)^T)）",
               "en": "Adam + L2: A loses less than 35% of what AdamW takes off (1 − A < 0.35·(1 − (1 − ηλ)^T))"},
              claimed=0.35 * (1 - pure), computed=float(1 - l2[0]), op="<", tol=0.0)
    ctx.check({"zh": "Adam + L2：安静参数 B 最终 < 0.01（被拉到约 0）", "en": "Adam + L2: the quiet parameter B ends below 0.01 (driven to ≈ 0)"},
              claimed=0.01, computed=float(abs(l2[1])), op="<", tol=0.0)
    # B: λθ ≫ its gradient noise, so m̂/√v̂ ≈ ±1 whatever λ is: B moves by up to about η per step
    rate = (1 - 0.01) / t_b / eta
    ctx.check({"zh": f"Adam + L2：B 用 {t_b} 步从 1 降到 0.01，平均每步 {rate:.2f}·η ≤ η（每步至多约 η）",
               "en": f"Adam + L2: B takes {t_b} steps to fall from 1 to 0.01, on average {rate:.2f}·η per step ≤ η (at most about η a step)"},
              claimed=1.0, computed=rate, op="<=", tol=0.0)
    ctx.check({"zh": "…且不慢于 η/3（是 η 的量级）", "en": "…and at least η/3 (of the order of η)"},
              claimed=1 / 3, computed=rate, op=">=", tol=0.0)
    ctx.check({"zh": "卡片的例子：B 约 2200 步降到 0.01 以下（±10%）", "en": "the card's example: B falls below 0.01 after about 2200 steps (±10%)"},
              claimed=2200, computed=t_b, rel=0.1)
    ctx.check({"zh": "AdamW：两个参数衰减相同（|A − B| < 0.05）", "en": "AdamW: both parameters decay alike (|A − B| < 0.05)"},
              claimed=0.05, computed=float(abs(w[0] - w[1])), op="<")
    ctx.check({"zh": f"AdamW：平均值 = (1 − ηλ)^{steps} = {pure:.3f}（与梯度尺度无关）",
               "en": f"AdamW: the mean is (1 − ηλ)^{steps} = {pure:.3f} (whatever the gradient scale)"},
              claimed=[pure, pure], computed=[float(w[0]), float(w[1])], tol=0.02)
    # SGD: L2 and decoupled decay are the same update
    th1, th2 = np.ones((chains, 2)), np.ones((chains, 2))
    for t in range(200):
        th1 = th1 - 0.01 * (noise[t] + lam * th1)
        th2 = th2 - 0.01 * noise[t] - 0.01 * lam * th2
    ctx.check({"zh": "对照：SGD 中 L2 与解耦权重衰减是同一个更新（轨迹相同）",
               "en": "contrast: for SGD, L2 and decoupled weight decay are the same update (identical trajectories)"},
              claimed=0.0, computed=float(np.abs(th1 - th2).max()), tol=1e-12)
    ctx.table([{"zh": "方法", "en": "method"}, {"zh": "A（噪声 σ = 10）", "en": "A (noise σ = 10)"},
               {"zh": "B（噪声 σ = 0.001）", "en": "B (noise σ = 0.001)"}],
              [["Adam + L2", float(l2[0]), float(l2[1])], ["AdamW", float(w[0]), float(w[1])], ["(1 − ηλ)^T", pure, pure]])
    ctx.formula(r"\text{Adam+L2: }\theta\leftarrow\theta-\eta\frac{\hat m(g+\lambda\theta)}{\sqrt{\hat v(g+\lambda\theta)}+\epsilon}"
                r"\qquad\text{AdamW: }\theta\leftarrow\theta-\eta\Big(\frac{\hat m}{\sqrt{\hat v}+\epsilon}+\lambda\theta\Big)")


@proof(
    "optimizers.rmsprop_update",
    title={"zh": "RMSprop：平方梯度的指数滑动平均 v，更新 η g/(√v + ε)；即 β₁ = 0、不做偏差校正的 Adam",
           "en": "RMSprop: an EMA v of squared gradients, update η g/(√v + ε); Adam with β₁ = 0 and no bias correction"},
    params=[Param("beta", 0.9, min=0.5, max=0.999, help={"zh": "衰减率 β", "en": "decay rate β"})],
)
def rmsprop_update(ctx, beta: float) -> None:
    g, b, t, k = sp.symbols("g beta t k", positive=True)
    v_t = sp.summation((1 - b) * b**k * g**2, (k, 0, t - 1))  # v₀ = 0, constant gradient g
    ctx.formula(r"v_t=\beta v_{t-1}+(1-\beta)g_t^2,\qquad \theta_{t+1}=\theta_t-\frac{\eta\,g_t}{\sqrt{v_t}+\epsilon}")
    ctx.check({"zh": "sympy：常数梯度下 v_t = (1 − βᵗ)g²（权重之和 1 − βᵗ → 1：是平均，不是 Adagrad 的累加和）",
               "en": "sympy: for a constant gradient v_t = (1 − βᵗ)g² (weights sum to 1 − βᵗ → 1: an average, not Adagrad's sum)"},
              claimed=0, computed=sp.simplify(v_t - (1 - b**t) * g**2))
    eta, g0 = 0.01, 2.0
    steps = max(200, int(np.ceil(30 / (1 - beta))))  # β^steps < e⁻³⁰
    v, step_sizes = 0.0, []
    for _ in range(steps):
        v = beta * v + (1 - beta) * g0**2
        step_sizes.append(eta * g0 / (np.sqrt(v) + 1e-8))
    ctx.check({"zh": "第一步（v 从 0 开始，无偏差校正）= η/√(1 − β)，偏大", "en": "the first step (v starts at 0, no bias correction) = η/√(1 − β), too large"},
              claimed=eta / np.sqrt(1 - beta), computed=step_sizes[0], rel=1e-6)
    ctx.check({"zh": f"{steps} 步后步长 → η（每步约移动 η，与梯度大小无关）",
               "en": f"after {steps} steps the step → η (about η per step, whatever the gradient's size)"},
              claimed=eta, computed=step_sizes[-1], rel=1e-6)
    # the same thing as Adam with β₁ = 0 and no bias correction, on a quadratic
    h = np.array([1.0, 30.0])
    th, v2, path = np.array([3.0, -2.0]), np.zeros(2), []
    for _ in range(300):
        gr = h * th
        v2 = beta * v2 + (1 - beta) * gr**2
        th = th - eta * gr / (np.sqrt(v2) + 1e-8)
        path.append(th.copy())
    adam_path = _adam(lambda x: h * x, np.array([3.0, -2.0]), eta, 300, b1=0.0, b2=beta, correct=False)
    ctx.check({"zh": "= Adam（β₁ = 0、不做偏差校正）的轨迹", "en": "= the trajectory of Adam with β₁ = 0 and no bias correction"},
              claimed=0.0, computed=float(np.abs(np.array(path) - adam_path).max()), tol=1e-12)
    idx = _every(steps)
    ctx.plot({"zh": "常数梯度下的步长 / η", "en": "step / η under a constant gradient"},
             [ctx.series("RMSprop", idx + 1, np.array(step_sizes)[idx] / eta)], xlabel="t", ylabel="|Δθ|/η")


@proof(
    "optimizers.adam_scale_invariance",
    title={"zh": "Adam 的更新对损失的整体缩放（几乎）不变，GD 的步长随之缩放",
           "en": "Adam's updates are (almost) invariant to rescaling the loss; GD's steps scale with it"},
    params=[Param("scale", 1000.0, min=1e-3, max=1e6,
                  help={"zh": "乘在损失上的缩放因子 c", "en": "factor c multiplying the loss"})],
)
def adam_scale_invariance(ctx, scale: float) -> None:
    h = np.array([1.0, 10.0])
    start = np.array([3.0, 3.0])
    a = _adam(lambda th: h * th, start, 0.05, 200)
    b = _adam(lambda th: scale * h * th, start, 0.05, 200)
    ctx.check({"zh": "损失 ×c 后 Adam 轨迹几乎不变", "en": "Adam's trajectory is nearly unchanged when the loss is ×c"},
              claimed=0.0, computed=float(np.abs(a - b).max()), tol=1e-4)
    gd1 = start - 0.01 * h * start
    gd2 = start - 0.01 * scale * h * start
    ctx.check({"zh": "GD 第一步的位移放大 c 倍", "en": "GD's first displacement is c times larger"},
              claimed=scale, computed=float(np.linalg.norm(gd2 - start) / np.linalg.norm(gd1 - start)), rel=1e-9)


@proof(
    "optimizers.compare_optimizers",
    title={"zh": "同一病态问题上比较 GD、动量、Adagrad、Adam", "en": "GD, momentum, Adagrad and Adam on the same ill-conditioned problem"},
    params=[Param("steps", 300, min=200, max=5000,
                  help={"zh": "每种方法的迭代次数（≥ 200：GD 在平坦方向每步只缩小 2%，约 90 步才降 100×）",
                        "en": "iterations per method (≥ 200: GD shrinks the flat direction by only 2% a step, ≈ 90 steps for 100×)"})],
)
def compare_optimizers(ctx, steps: int) -> None:
    h = np.array([1.0, 50.0])  # f = ½(x² + 50 y²)

    def f(th):
        return float(0.5 * np.sum(h * th**2))

    start = np.array([5.0, 1.0])
    curves = {}
    th = start.copy()
    curves["GD"] = []
    for _ in range(steps):
        th = th - (1 / 50) * h * th
        curves["GD"].append(f(th))
    th, v = start.copy(), np.zeros(2)
    curves["momentum"] = []
    for _ in range(steps):
        v = 0.9 * v + (1 / 50) * h * th
        th = th - v
        curves["momentum"].append(f(th))
    th, G = start.copy(), np.zeros(2)
    curves["Adagrad"] = []
    for _ in range(steps):
        g = h * th
        G += g**2
        th = th - 1.0 * g / np.sqrt(G + 1e-8)
        curves["Adagrad"].append(f(th))
    curves["Adam"] = [f(p) for p in _adam(lambda t: h * t, start, 0.1, steps)]
    final = {k: float(np.mean(c[-10:])) for k, c in curves.items()}
    # the state each method keeps, under a constant gradient g = 2 for 20000 steps
    g0, n0 = 2.0, 20000
    m = v = G = vel = 0.0
    for _ in range(n0):
        m, v = 0.9 * m + 0.1 * g0, 0.999 * v + 0.001 * g0**2  # Adam
        G += g0**2  # Adagrad
        vel = 0.9 * vel + g0  # momentum (η = 1)
    ctx.check({"zh": "Adam 的两个状态是滑动平均：m → g，v → g²", "en": "Adam's two states are moving averages: m → g, v → g²"},
              claimed=[g0, g0**2], computed=[m, v], rel=1e-3)
    ctx.check({"zh": "Adagrad 的 G 是累加和：G = t·g²（无界增长）", "en": "Adagrad's G is a sum: G = t·g² (grows without bound)"},
              claimed=n0 * g0**2, computed=G, rel=1e-12)
    ctx.check({"zh": "动量的 v 只有一个状态，是加权和：v → g/(1−γ) = 10g", "en": "momentum keeps one state, a weighted sum: v → g/(1−γ) = 10g"},
              claimed=10 * g0, computed=vel, rel=1e-9)
    ctx.check({"zh": f"{steps} 步后：动量的损失 < GD", "en": f"after {steps} steps: momentum ends lower than GD"},
              claimed=final["GD"], computed=final["momentum"], op="<")
    ctx.check({"zh": f"{steps} 步后：所有方法都使损失下降 > 100×", "en": f"after {steps} steps: every method lowers the loss > 100×"},
              claimed=f(start) / 100, computed=max(final.values()), op="<")
    ctx.table([{"zh": "方法", "en": "method"}, {"zh": "保存的状态",
                          "en": "state kept"}, {"zh": f"{steps} 步后的损失", "en": f"loss after {steps} steps"}],
              [["GD", "—", final["GD"]], ["momentum", "v", final["momentum"]],
               ["Adagrad", "G = Σg²", final["Adagrad"]], ["Adam", "m, v (EMA)", final["Adam"]]])
    idx = _every(steps)
    ctx.plot({"zh": "损失曲线", "en": "loss curves"}, [ctx.series(k, idx + 1, np.array(c)[idx]) for k, c in curves.items()],
             xlabel="step", ylabel="f", logy=True)
