"""Proofs for the overfitting deck (深度学习基础 › 6. 过拟合 and 解决方案)."""

from __future__ import annotations

import numpy as np
import sympy as sp

from studytool.proofs.api import Param, proof


def _target(x: np.ndarray) -> np.ndarray:
    return np.sin(2 * np.pi * x)


def _sample(rng, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    x = rng.uniform(0, 1, size=n)
    return x, _target(x) + rng.normal(scale=noise, size=n)


def _poly_errors(rng, degree: int, n_train: int, noise: float, n_test: int = 500) -> tuple[float, float]:
    """Train / test MSE of a least-squares polynomial of ``degree`` on fresh data."""
    x, y = _sample(rng, n_train, noise)
    xt, yt = _sample(rng, n_test, noise)
    poly = np.polynomial.Polynomial.fit(x, y, degree)
    return float(np.mean((poly(x) - y) ** 2)), float(np.mean((poly(xt) - yt) ** 2))


@proof(
    "overfitting.poly_degree_gap",
    title={"zh": "模型越复杂训练误差越小，测试误差却呈 U 形", "en": "More complex models: training error falls, test error is U-shaped"},
    params=[Param("n_train", 12, min=8, max=14,
                  help={"zh": "训练样本数（8–14：样本多了高次多项式就不再过拟合）",
                        "en": "training points (8–14: with more the high degree stops overfitting)"}),
            Param("noise", 0.25, min=0.01, max=1.0,
                  help={"zh": "标签噪声的标准差（≤ 1，信号幅度 1：噪声更大时常数模型就最好）",
                        "en": "label noise std (≤ 1, signal amplitude 1: with more noise a constant fits best)"}),
            Param("max_degree", 11, min=8, max=15,
                  help={"zh": "最高多项式次数（≥ 8：要高到能过拟合）", "en": "largest polynomial degree (≥ 8: high enough to overfit)"})],
)
def poly_degree_gap(ctx, n_train: int, noise: float, max_degree: int) -> None:
    max_degree = min(max_degree, n_train - 1)
    repeats = 20  # one training set's curve is erratic: the claims are about the median over data sets
    xt, yt = _sample(ctx.rng, 1000, noise)
    degrees = list(range(max_degree + 1))
    train_runs, test_runs = [], []
    for _ in range(repeats):
        x, y = _sample(ctx.rng, n_train, noise)
        fits = [np.polynomial.Polynomial.fit(x, y, d) for d in degrees]
        train_runs.append([float(np.mean((poly(x) - y) ** 2)) for poly in fits])
        test_runs.append([float(np.mean((poly(xt) - yt) ** 2)) for poly in fits])
    rise = float(np.max(np.diff(train_runs, axis=1)))
    train = [float(v) for v in np.median(train_runs, axis=0)]
    test = [float(v) for v in np.median(test_runs, axis=0)]
    ctx.check({"zh": f"每个训练集上训练误差都随阶数单调不增（嵌套模型，{repeats} 个训练集）",
               "en": f"training error never increases with degree (nested models; each of {repeats} training sets)"},
              claimed=0.0, computed=rise, op="<=", tol=1e-9)
    best = int(np.argmin(test))
    regime = {"zh": f"{n_train} 个训练点、噪声 {noise:g}、阶数 0–{max_degree}、{repeats} 个训练集的中位数",
              "en": f"{n_train} training points, noise {noise:g}, degrees 0–{max_degree}, median of {repeats} training sets"}
    ctx.check({"zh": f"{regime['zh']}：最佳测试误差出现在中间阶数（不是最简单也不是最复杂）",
               "en": f"{regime['en']}: the best test error is at an intermediate degree (neither simplest nor most complex)"},
              claimed=True, computed=0 < best < max_degree)
    ctx.check({"zh": f"{regime['zh']}：最高阶的训练误差很小而测试误差 > 3× 最佳",
               "en": f"{regime['en']}: the highest degree has tiny training error but test error > 3× the best"},
              claimed=3 * test[best], computed=test[-1], op=">")
    ctx.table([{"zh": "阶数", "en": "degree"}, {"zh": "训练 MSE", "en": "train MSE"}, {"zh": "测试 MSE",
                                       "en": "test MSE"}], [[d, a, b] for d, a, b in zip(degrees, train, test, strict=True)])
    ctx.plot({"zh": "误差 vs 多项式阶数", "en": "error vs polynomial degree"},
             [ctx.series("train", degrees, train), ctx.series("test", degrees, test)], xlabel="degree", ylabel="MSE", logy=True)


@proof(
    "overfitting.more_data",
    title={"zh": "增加数据：同一复杂模型的泛化差距随样本数缩小", "en": "More data: the generalisation gap of the same model shrinks with n"},
    params=[Param("degree", 9, min=1, max=12,
                  help={"zh": "多项式次数（模型固定）", "en": "polynomial degree (fixed model)"}),
            Param("repeats", 30, min=5, max=300,
                  help={"zh": "每个 n 下取平均的随机数据集个数",
                        "en": "random datasets averaged per n"})],
)
def more_data(ctx, degree: int, repeats: int) -> None:
    sizes = [degree + 3, 2 * degree + 5, 50, 100, 400]
    gaps, tests = [], []
    for n in sizes:
        runs = [_poly_errors(ctx.rng, degree, n, 0.25) for _ in range(repeats)]
        tr = float(np.median([r[0] for r in runs]))
        te = float(np.median([r[1] for r in runs]))
        gaps.append(te - tr)
        tests.append(te)
    ctx.check({"zh": "最大 n 的差距 < 最小 n 的 1/10", "en": "gap at the largest n < 1/10 of the gap at the smallest n"},
              claimed=gaps[0] / 10, computed=gaps[-1], op="<")
    ctx.check({"zh": "测试误差随 n 下降", "en": "test error decreases as n grows"}, claimed=tests[0], computed=tests[-1], op="<")
    ctx.table(["n", {"zh": "测试 − 训练的中位数", "en": "median test − train"}, {"zh": "测试 MSE 中位数",
                                            "en": "median test MSE"}], [[n, g, t] for n, g, t in zip(sizes, gaps, tests, strict=True)])
    ctx.plot({"zh": "泛化差距 vs 样本数", "en": "generalisation gap vs n"}, [ctx.series("gap", sizes, gaps)],
             xlabel="n", ylabel="test − train MSE", logy=True)


@proof(
    "overfitting.dataset_shift",
    title={"zh": "分布偏移不是过拟合：训练≈验证，但偏移后的测试集很差",
           "en": "Dataset shift is not overfitting: train ≈ validation, yet a shifted test set is bad"},
    params=[Param("shift", 2.0, min=1.5, max=5.0,
                  help={"zh": "测试输入的偏移量（≥ 1.5：偏移小时误差没有明显变大）",
                        "en": "how far the test inputs move (≥ 1.5: a smaller shift barely raises the error)"})],
)
def dataset_shift(ctx, shift: float) -> None:
    repeats, n = 100, 300  # one cubic fit extrapolates erratically, so average over many training sets

    def draw(lo):
        x = ctx.rng.uniform(lo, lo + 2, size=(repeats, n))
        return x, np.sin(x) + ctx.rng.normal(scale=0.1, size=(repeats, n))

    (x, y), (xv, yv), (xs, ys) = draw(-1.0), draw(-1.0), draw(-1.0 + shift)
    errs = np.empty((repeats, 3))
    for i in range(repeats):
        poly = np.polynomial.Polynomial.fit(x[i], y[i], 3)
        errs[i] = [np.mean((poly(a[i]) - b[i]) ** 2) for a, b in ((x, y), (xv, yv), (xs, ys))]
    tr, va, te = (float(v) for v in errs.mean(axis=0))
    ctx.check({"zh": f"{repeats} 个训练集平均：同分布验证误差 ≈ 训练误差（< 1.2×），即没有过拟合",
               "en": f"averaged over {repeats} training sets: same-distribution validation error ≈ training error "
                     "(< 1.2×), i.e. no overfitting"},
              claimed=1.2 * tr, computed=va, op="<")
    ctx.check({"zh": f"{repeats} 个训练集平均：偏移后的测试误差 > 5× 验证误差",
               "en": f"averaged over {repeats} training sets: error on the shifted test set > 5× validation error"},
              claimed=5 * va, computed=te, op=">")
    ratio = errs[:, 2] / errs[:, 1]
    ctx.note({"zh": f"单个训练集的 测试/验证 比值从 {ratio.min():.1f} 到 {ratio.max():.1f} 不等（中位数 {np.median(ratio):.1f}）：外推很不稳定",
              "en": f"for single training sets the test/validation ratio ranges from {ratio.min():.1f} to "
                    f"{ratio.max():.1f} (median {np.median(ratio):.1f}): extrapolation is erratic"})
    ctx.table([{"zh": "划分", "en": "split"}, {"zh": "平均 MSE", "en": "mean MSE"}],
              [["train", tr], ["validation (same distribution)", va], [f"test (x shifted by {shift})", te]])


@proof(
    "overfitting.augmentation",
    title={"zh": "数据增强：用已知的不变性（镜像对称）扩充样本，降低测试误差",
           "en": "Augmentation: using a known invariance (mirror symmetry) to add samples lowers test error"},
    params=[Param("n_train", 10, min=5, max=100,
                  help={"zh": "原始训练样本数", "en": "original training points"}),
            Param("degree", 8, min=2, max=12, help={"zh": "多项式次数", "en": "polynomial degree"}),
            Param("repeats", 100, min=10, max=1000,
                  help={"zh": "取平均的随机数据集个数", "en": "random datasets averaged"})],
)
def augmentation(ctx, n_train: int, degree: int, repeats: int) -> None:
    def f(x):
        return np.cos(3 * x)  # even: f(−x) = f(x)

    xt = np.linspace(-1, 1, 401)
    plain, aug = [], []
    for _ in range(repeats):
        x = ctx.rng.uniform(-1, 1, size=n_train)
        y = f(x) + ctx.rng.normal(scale=0.2, size=n_train)
        deg = min(degree, n_train - 1)
        p1 = np.polynomial.Polynomial.fit(x, y, deg)
        p2 = np.polynomial.Polynomial.fit(np.concatenate([x, -x]), np.concatenate([y, y]), deg)
        plain.append(np.mean((p1(xt) - f(xt)) ** 2))
        aug.append(np.mean((p2(xt) - f(xt)) ** 2))
    m1, m2 = float(np.median(plain)), float(np.median(aug))
    ctx.check({"zh": "增强后测试误差（中位数）更低", "en": "median test error is lower with augmentation"}, claimed=m1, computed=m2, op="<")
    ctx.check({"zh": "在多数数据集上增强更好（> 60%）", "en": "augmentation wins on most datasets (> 60%)"},
              claimed=0.6, computed=float(np.mean(np.array(aug) < np.array(plain))), op=">")
    ctx.table(["", {"zh": "测试 MSE 中位数",
                    "en": "median test MSE"}], [["original", m1], ["+ mirrored copies", m2]])


@proof(
    "overfitting.early_stopping",
    title={"zh": "早停：梯度下降过程中验证误差先降后升", "en": "Early stopping: validation error falls then rises during gradient descent"},
    params=[Param("degree", 15, min=12, max=20,
                  help={"zh": "多项式特征的次数（Legendre 基；12–20：特征数与样本数相当，训练到底会过拟合）",
                        "en": "polynomial features (Legendre basis; 12–20: about as many features as "
                              "points, so training to the end overfits)"}),
            Param("n_train", 20, min=12, max=20,
                  help={"zh": "训练样本数（12–20：约等于特征数；样本多了就不再过拟合）",
                        "en": "training points (12–20, about the number of features; with more it no "
                              "longer overfits)"}),
            Param("noise", 0.3, min=0.05, max=1.0,
                  help={"zh": "标签噪声的标准差（0.05–1：几乎无噪声时插值也不太差；噪声更大时最早的迭代就最好）",
                        "en": "label noise std (0.05–1: nearly noiseless data interpolate harmlessly; with more "
                              "noise the earliest iterate is best)"})],
)
def early_stopping(ctx, degree: int, n_train: int, noise: float) -> None:
    leg = np.polynomial.legendre.legvander

    def draw(n):
        x = ctx.rng.uniform(-1, 1, size=n)
        return leg(x, degree), np.sin(np.pi * x) + ctx.rng.normal(scale=noise, size=n)

    Xv, yv = draw(500)
    ts = np.unique(np.logspace(0, 9, 160).astype(np.int64))
    repeats = 20  # one training set's curve is erratic: the claims are about the median over data sets
    train_runs, val_runs = [], []
    for _ in range(repeats):
        X, y = draw(n_train)
        # gradient descent on ½‖Xw − y‖²/n from w = 0 has the closed form w_t = V diag(1 − (1 − ηs²)^t)/s Uᵀy
        U, s, Vt = np.linalg.svd(X / np.sqrt(n_train), full_matrices=False)
        eta = 1.0 / s[0] ** 2
        keep = s > 1e-10 * s[0]
        coef = (U.T @ (y / np.sqrt(n_train)))[keep] / s[keep]
        shrink = 1 - (1 - eta * s[keep] ** 2) ** ts[:, None]  # one row per iteration count
        W = (shrink * coef) @ Vt[keep]
        train_runs.append(np.mean((W @ X.T - y) ** 2, axis=1))
        val_runs.append(np.mean((W @ Xv.T - yv) ** 2, axis=1))
    rise = float(np.max(np.diff(train_runs, axis=1)))
    train = [float(v) for v in np.median(train_runs, axis=0)]
    val = [float(v) for v in np.median(val_runs, axis=0)]
    best = int(np.argmin(val))
    ctx.check({"zh": f"每个训练集上训练误差都单调下降（{repeats} 个训练集）",
               "en": f"training error decreases monotonically (each of {repeats} training sets)"},
              claimed=0.0, computed=rise, op="<=", tol=1e-12)
    regime = {"zh": f"{degree} 阶、{n_train} 个训练点、噪声 {noise:g}、{repeats} 个训练集的中位数",
              "en": f"degree {degree}, {n_train} training points, noise {noise:g}, median of {repeats} training sets"}
    ctx.check({"zh": f"{regime['zh']}：验证误差的最小值在训练中途", "en": f"{regime['en']}: validation error is minimal midway"},
              claimed=True, computed=0 < best < len(ts) - 1)
    ctx.check({"zh": f"{regime['zh']}：训练到最后的验证误差 > 1.5× 早停点",
               "en": f"{regime['en']}: validation error at the end > 1.5× the early-stopping point"},
              claimed=1.5 * val[best], computed=val[-1], op=">")
    ctx.note({"zh": f"早停迭代次数 ≈ {int(ts[best])}", "en": f"early-stopping iteration ≈ {int(ts[best])}"})
    ctx.plot({"zh": "误差 vs 迭代次数（对数轴）", "en": "error vs iteration (log axis)"},
             [ctx.series("train", np.log10(ts), train), ctx.series("validation", np.log10(ts), val)],
             xlabel="log10(iteration)", ylabel="MSE", logy=True)


@proof(
    "overfitting.ridge_shrinkage",
    title={"zh": "L2 正则（岭回归）：λ 越大 ‖w‖ 越小", "en": "L2 regularisation (ridge): ‖w‖ shrinks as λ grows"},
    params=[Param("n", 15, min=5, max=500, help={"zh": "样本数", "en": "samples"}),
            Param("d", 10, min=1, max=50, help={"zh": "特征数", "en": "features"}),
            Param("noise", 1.0, min=0.1, max=5.0,
                  help={"zh": "标签噪声的标准差（> 0：没有噪声时不正则化就是最好的）",
                        "en": "label noise std (> 0: without noise no penalty is best)"})],
)
def ridge_shrinkage(ctx, n: int, d: int, noise: float) -> None:
    X = ctx.rng.normal(size=(n, d))
    w_true = ctx.rng.normal(size=d)
    y = X @ w_true + ctx.rng.normal(scale=noise, size=n)
    Xt = ctx.rng.normal(size=(2000, d))
    yt = Xt @ w_true + ctx.rng.normal(scale=noise, size=2000)
    # SVD X = U S Vᵀ: ridge multiplies the least-squares coefficient of each right-singular direction by
    # s²/(s² + λ); λ = 0 is the (min-norm) least-squares fit
    U, s, Vt = np.linalg.svd(X, full_matrices=True)
    r = int(np.sum(s > 1e-10 * s[0]))
    s2, uy, alpha = s[:r] ** 2, U[:, :r].T @ y, Vt @ w_true  # alpha[r:] lies in the null space of X
    lams = np.logspace(-4, 4, 81) * s2[0]  # relative to the data scale, so the largest λ really is large
    if noise > 0:  # Hoerl–Kennard: every direction's expected error decreases on 0 < λ < σ²/max αᵢ²
        lams = np.sort(np.append(lams, noise**2 / np.max(alpha[:r] ** 2)))
    lams = np.concatenate([[0.0], lams])
    coef = np.sqrt(s2) / (s2 + lams[:, None]) * uy  # one row of direction coefficients per λ
    W = coef @ Vt[:r]
    norms = np.linalg.norm(coef, axis=1)
    tests = np.mean((Xt @ W.T - yt[:, None]) ** 2, axis=0)
    # expected test MSE over the label noise for this X and w_true (test inputs x ~ N(0, I)): σ² + ‖bias‖² + tr Cov
    keep = s2 / (s2 + lams[:, None])
    expected = (noise**2 + np.sum(((keep - 1) * alpha[:r]) ** 2, axis=1) + np.sum(alpha[r:] ** 2)
                + noise**2 * np.sum(s2 / (s2 + lams[:, None]) ** 2, axis=1))
    best = int(np.argmin(expected[1:])) + 1
    ctx.formula(r"\hat w_\lambda=(X^\top X+\lambda I)^{-1}X^\top y", label={"zh": "闭式解", "en": "closed form"})
    ctx.formula(r"\mathbb E\,\mathrm{MSE}(\lambda)=\sigma^2+\sum_i\Big(\frac{\lambda\,\alpha_i}{s_i^2+\lambda}\Big)^2"
                r"+\sigma^2\sum_i\frac{s_i^2}{(s_i^2+\lambda)^2}",
                label={"zh": "对标签噪声取期望（α = Vᵀw*，s 为 X 的奇异值）",
                       "en": "expected over label noise (α = Vᵀw*, s the singular values of X)"})
    ctx.check({"zh": "‖w_λ‖ 随 λ 单调递减", "en": "‖w_λ‖ decreases monotonically in λ"},
              claimed=0.0, computed=float(np.max(np.diff(norms))), op="<=", tol=1e-12)
    ctx.check({"zh": "λ 很大时 ‖w‖ → 0", "en": "‖w‖ → 0 for very large λ"},
              claimed=0.05 * norms[0], computed=float(norms[-1]), op="<")
    ctx.check({"zh": "某个 λ > 0 的期望测试误差（对标签噪声取期望）低于不加正则",
               "en": "some λ > 0 has lower expected test error (over label noise) than no regularisation"},
              claimed=float(expected[0]), computed=float(expected[best]), op="<")
    ctx.note({"zh": f"期望误差最小的 λ ≈ {lams[best]:.3g}。这一次抽样的测试 MSE：λ = 0 为 {tests[0]:.3f}，"
                    f"该 λ 为 {tests[best]:.3f}（单次抽样不一定有利于正则）",
              "en": f"best λ for the expected error ≈ {lams[best]:.3g}. Test MSE on this one sample: {tests[0]:.3f} "
                    f"at λ = 0, {tests[best]:.3f} at that λ (a single noisy sample need not favour ridge)"})
    ctx.plot({"zh": "‖w‖ 与测试误差 vs log10 λ", "en": "‖w‖ and test error vs log10 λ"},
             [ctx.series("‖w‖", np.log10(lams[1:]), norms[1:]), ctx.series("test MSE", np.log10(lams[1:]), tests[1:]),
              ctx.series("expected test MSE", np.log10(lams[1:]), expected[1:])],
             xlabel="log10 λ", ylabel="value")


@proof(
    "overfitting.l1_sparsity",
    title={"zh": "L1 正则得到精确为 0 的权重（稀疏），L2 只是缩小", "en": "L1 gives exactly-zero weights (sparse); L2 only shrinks"},
    params=[Param("lam", 0.3, min=0.2, max=0.6,
                  help={"zh": "正则化强度（0.2–0.6：太小不稀疏，太大连真特征（最小 1.5）也压成 0）",
                        "en": "penalty strength (0.2–0.6: weaker is not sparse, stronger zeroes the true features "
                              "(the smallest is 1.5) too)"}),
            Param("d", 20, min=8, max=100, help={"zh": "特征数（其中 3 个有用）", "en": "features (3 of them useful)"})],
)
def l1_sparsity(ctx, lam: float, d: int) -> None:
    n = 60
    X = ctx.rng.normal(size=(n, d))
    w_true = np.zeros(d)
    w_true[:3] = [3.0, -2.0, 1.5]
    y = X @ w_true + ctx.rng.normal(scale=0.5, size=n)
    # lasso by proximal gradient (ISTA) on ½‖Xw−y‖²/n + λ‖w‖₁
    L = np.linalg.norm(X, 2) ** 2 / n
    w = np.zeros(d)
    for _ in range(3000):
        z = w - X.T @ (X @ w - y) / n / L
        w = np.sign(z) * np.maximum(np.abs(z) - lam / L, 0.0)
    ridge = np.linalg.solve(X.T @ X / n + lam * np.eye(d), X.T @ y / n)
    regime = {"zh": f"λ = {lam:g}、{d} 个特征（3 个有用）", "en": f"λ = {lam:g}, {d} features (3 useful)"}
    ctx.check({"zh": f"{regime['zh']}：L1 解中恰好为 0 的权重 ≥ 一半",
               "en": f"{regime['en']}: at least half of the L1 weights are exactly 0"},
              claimed=d / 2, computed=int(np.sum(w == 0.0)), op=">=")
    ctx.check({"zh": "L2 解没有恰好为 0 的权重", "en": "the L2 solution has no exactly-zero weight"}, claimed=0, computed=int(np.sum(ridge == 0.0)))
    ctx.check({"zh": f"{regime['zh']}：L1 保留了 3 个真实特征", "en": f"{regime['en']}: L1 keeps the 3 true features"},
              claimed=True, computed=bool(np.all(w[:3] != 0)))
    ctx.formula(r"\mathrm{prox}_{\eta\lambda|\cdot|}(z)=\mathrm{sign}(z)\max(|z|-\eta\lambda,0)",
                label={"zh": "软阈值（步长 η = 1/L）", "en": "soft threshold (step η = 1/L)"})
    ctx.table(["i", "w_true", "L1", "L2"], [[i, w_true[i], w[i], ridge[i]] for i in range(min(d, 8))])


@proof(
    "overfitting.inverted_dropout",
    title={"zh": "Inverted dropout：保留的单元乘 1/(1−p)，期望不变", "en": "Inverted dropout: scale kept units by 1/(1−p) to keep the expectation"},
    params=[Param("p", 0.2, min=0.0, max=0.95, help={"zh": "丢弃概率", "en": "drop probability"}),
            Param("samples", 20000, min=1000, max=200000,
                  help={"zh": "蒙特卡洛采样的掩码数", "en": "Monte-Carlo masks"})],
)
def inverted_dropout(ctx, p: float, samples: int) -> None:
    P, s = sp.symbols("p s", positive=True)
    # E[mask · s] with mask ~ Bernoulli(1 − p) must be 1
    scale = sp.solve(sp.Eq((1 - P) * s, 1), s)[0]
    ctx.formula(sp.Eq(sp.Symbol("s"), scale), label={"zh": "缩放因子", "en": "scale factor"})
    ctx.check({"zh": "sympy：解出的缩放因子 s 与 1/(1−p) 之差化简为 0", "en": "sympy: the solved scale s minus 1/(1−p) simplifies to 0"},
              claimed=0, computed=sp.simplify(scale - 1 / (1 - P)))
    ctx.check({"zh": f"p = {p:g} → s = 1/(1−p) = {1 / (1 - p):.4g}", "en": f"p = {p:g} → s = 1/(1−p) = {1 / (1 - p):.4g}"},
              claimed=1 / (1 - p), computed=float(scale.subs(P, sp.nsimplify(p))), rel=1e-12)
    a = ctx.rng.uniform(0.5, 2.0, size=16)
    mask = ctx.rng.random((samples, a.size)) >= p
    out = mask * a / (1 - p)
    rel = np.abs(out.mean(axis=0) / a - 1)
    # one unit's output / input is mask/(1−p): mean 1, std √(p/(1−p)); its sample mean has this SE
    se = float(np.sqrt(p / ((1 - p) * samples)))
    bound = 5 * se + 1e-9  # 5 SE for the worst of 16 units: a false ✗ has probability ~1e-5
    ctx.check({"zh": f"蒙特卡洛：E[输出] ≈ 输入（16 个单元的最大相对误差 < 5 个标准误 = {bound:.3g}）",
               "en": f"Monte Carlo: E[output] ≈ input (largest relative error of 16 units < 5 SE = {bound:.3g})"},
              claimed=bound, computed=float(rel.max()), op="<")
    no_scale = (mask * a).mean(axis=0) / a
    if p > 0.05:
        ctx.check({"zh": "不缩放时期望缩小为 (1−p) 倍", "en": "without scaling the expectation shrinks to (1−p)×"},
                  claimed=1 - p, computed=float(no_scale.mean()), tol=0.02)
    ctx.note({"zh": "测试时不丢弃、不缩放：训练时已经补偿过了", "en": "at test time: no dropping, no scaling — training already compensated"})


@proof(
    "overfitting.multitask",
    title={"zh": "多任务学习：相关任务共享参数，每个任务的估计误差更小；任务不相关时反而更差",
           "en": "Multi-task learning: sharing parameters across related tasks lowers each task's error; unrelated tasks make it worse"},
    params=[Param("tasks", 6, min=2, max=30,
                  help={"zh": "相关任务的个数", "en": "number of related tasks"}),
            Param("n", 12, min=4, max=100,
                  help={"zh": "每个任务的样本数（≤ 100：数据更多时共享的收益小于随机波动）",
                        "en": "samples per task (≤ 100: with more data the gain from sharing is below the "
                              "random spread)"}),
            Param("spread", 0.2, min=0.0, max=0.5,
                  help={"zh": "任务之间的差异程度（≤ 0.5：任务相关时共享才有帮助）",
                        "en": "how much the tasks differ (≤ 0.5: sharing helps only related tasks)"})],
    timeout=60,
)
def multitask(ctx, tasks: int, n: int, spread: float) -> None:
    d = 8
    n = max(n, d + 1)
    mu = 1.0  # penalty on task-specific offsets

    def compare(spread_: float, n: int) -> tuple[float, float]:
        errs_single, errs_multi = [], []
        for _ in range(20):
            w0 = ctx.rng.normal(size=d)
            W = w0 + spread_ * ctx.rng.normal(size=(tasks, d))
            Xs = [ctx.rng.normal(size=(n, d)) for _ in range(tasks)]
            ys = [X @ w + ctx.rng.normal(scale=1.0, size=n) for X, w in zip(Xs, W, strict=True)]
            single = np.array([np.linalg.lstsq(X, y, rcond=None)[0] for X, y in zip(Xs, ys, strict=True)])
            # hard sharing: w_t = shared + u_t, penalise ‖u_t‖² — one stacked least-squares problem
            A = np.zeros((tasks * n + tasks * d, d * (tasks + 1)))
            b = np.zeros(tasks * n + tasks * d)
            for t, (X, y) in enumerate(zip(Xs, ys, strict=True)):
                A[t * n:(t + 1) * n, :d] = X
                A[t * n:(t + 1) * n, d * (t + 1):d * (t + 2)] = X
                b[t * n:(t + 1) * n] = y
                r = tasks * n + t * d
                A[r:r + d, d * (t + 1):d * (t + 2)] = np.sqrt(mu) * np.eye(d)
            sol = np.linalg.solve(A.T @ A, A.T @ b)  # full column rank (the √μ·I rows): normal equations
            multi = sol[:d] + sol[d:].reshape(tasks, d)
            errs_single.append(np.mean(np.sum((single - W) ** 2, axis=1)))
            errs_multi.append(np.mean(np.sum((multi - W) ** 2, axis=1)))
        return float(np.mean(errs_single)), float(np.mean(errs_multi))

    s, m = compare(spread, n)
    ctx.check({"zh": f"相关任务（差异 {spread:g}）：共享参数的平均估计误差更低",
               "en": f"related tasks (spread {spread:g}): shared parameters give a lower mean estimation error"},
              claimed=s, computed=m, op="<")
    n_far = 30  # with almost no data per task any shrinkage helps; give each task enough to stand alone
    s_far, m_far = compare(3.0, n_far)
    ctx.check({"zh": f"对照：任务差异 3（不相关），{n_far} 个样本/任务：共享参数反而更差（负迁移）",
               "en": f"control: unrelated tasks (spread 3), {n_far} samples per task: sharing is worse (negative transfer)"},
              claimed=s_far, computed=m_far, op=">")
    ctx.table(["", "mean ‖ŵ_t − w_t‖²"], [["single-task least squares", s], ["multi-task (shared + offsets)", m],
                                         ["single-task, spread 3", s_far], ["multi-task, spread 3", m_far]])


@proof(
    "overfitting.bias_variance",
    title={"zh": "偏差–方差分解：期望测试误差 = 偏差² + 方差 + 噪声；简单模型偏差大，复杂模型方差大",
           "en": "Bias–variance decomposition: expected test error = bias² + variance + noise; simple models have "
                 "high bias, complex ones high variance"},
    params=[Param("n_train", 20, min=15, max=25,
                  help={"zh": "每个训练集的样本数（15–25：样本再多，7 次多项式的方差就不再明显大于 3 次）",
                        "en": "points per training set (15–25: with many more, degree 7's variance is no longer "
                              "clearly above degree 3's)"}),
            Param("noise", 0.3, min=0.1, max=0.6,
                  help={"zh": "标签噪声的标准差 σ（0.1–0.6，信号幅度 1）",
                        "en": "label noise std σ (0.1–0.6; signal amplitude 1)"})],
    seed=11,
)
def bias_variance(ctx, n_train: int, noise: float) -> None:
    rng = ctx.rng
    sets, top = 300, 7  # training sets drawn; polynomial degrees 0 … top
    grid = np.linspace(0.05, 0.95, 46)  # test inputs (inside the data range)
    truth = _target(grid)
    preds = np.empty((top + 1, sets, grid.size))
    for s in range(sets):
        x, y = _sample(rng, n_train, noise)
        for d in range(top + 1):
            preds[d, s] = np.polynomial.Polynomial.fit(x, y, d)(grid)
    mean_fit = preds.mean(axis=1)  # E_D f̂(x)
    bias2 = np.mean((mean_fit - truth) ** 2, axis=1)
    var = np.mean(preds.var(axis=1), axis=1)
    # the test error measured directly: a fresh noisy label at every test input, for every training set
    eps = rng.normal(scale=noise, size=preds.shape)
    sq = (truth + eps - preds) ** 2
    mse = sq.mean(axis=(1, 2))
    # mse − (bias² + var + σ²) = mean(ε² − σ²) + 2·mean(ε(f − f̂)): noise only, with a standard error from
    # the per-training-set means (independent across sets)
    per_set = (eps**2 - noise**2 + 2 * eps * (truth - preds)).mean(axis=2)
    se = per_set.std(axis=1, ddof=1) / np.sqrt(sets)
    for d in (1, 3, top):
        ctx.check({"zh": f"{d} 次多项式：直接测得的测试 MSE = 偏差² + 方差 + σ²（± 4 个标准误 = {4 * se[d]:.3g}）",
                   "en": f"degree {d}: measured test MSE = bias² + variance + σ² (± 4 SE = {4 * se[d]:.3g})"},
                  claimed=float(bias2[d] + var[d] + noise**2), computed=float(mse[d]), tol=float(4 * se[d]))
    regime = {"zh": f"{n_train} 个训练点、σ = {noise:g}、{sets} 个训练集", "en": f"{n_train} points, σ = {noise:g}, {sets} training sets"}
    ctx.check({"zh": f"{regime['zh']}：1 次（欠拟合）的误差以偏差为主：偏差² > 方差",
               "en": f"{regime['en']}: degree 1 (underfitting) is dominated by bias: bias² > variance"},
              claimed=float(var[1]), computed=float(bias2[1]), op=">")
    ctx.check({"zh": f"{regime['zh']}：3 次多项式的偏差² 不到 1 次的 1/10",
               "en": f"{regime['en']}: degree 3's bias² is below 1/10 of degree 1's"},
              claimed=float(bias2[1] / 10), computed=float(bias2[3]), op="<")
    ctx.check({"zh": f"{regime['zh']}：{top} 次（过拟合）的误差以方差为主：方差 > 偏差²，且 > 3 次方差的 5 倍",
               "en": f"{regime['en']}: degree {top} (overfitting) is dominated by variance: variance > bias² and "
                     "> 5× degree 3's variance"},
              claimed=float(max(bias2[top], 5 * var[3])), computed=float(var[top]), op=">")
    best = int(np.argmin(mse))
    ctx.check({"zh": f"{regime['zh']}：测试误差最小的阶数在中间（0 < 最佳阶数 < {top}）",
               "en": f"{regime['en']}: the lowest test error is at an intermediate degree (0 < best < {top})"},
              claimed=True, computed=bool(0 < best < top))
    ctx.formula(r"\mathbb E_{D,\varepsilon}\big[(y-\hat f_D(x))^2\big]=\big(\mathbb E_D\hat f_D(x)-f(x)\big)^2"
                r"+\mathbb E_D\big[(\hat f_D(x)-\mathbb E_D\hat f_D(x))^2\big]+\sigma^2")
    ctx.table([{"zh": "阶数", "en": "degree"}, {"zh": "偏差²", "en": "bias²"}, {"zh": "方差", "en": "variance"},
               "σ²", {"zh": "测得的测试 MSE", "en": "measured test MSE"}],
              [[d, float(bias2[d]), float(var[d]), noise**2, float(mse[d])] for d in range(top + 1)])
    degrees = np.arange(top + 1)
    ctx.plot({"zh": "偏差² 与方差 vs 多项式阶数", "en": "bias² and variance vs polynomial degree"},
             [ctx.series("bias²", degrees, np.log10(bias2)), ctx.series("variance", degrees, np.log10(var)),
              ctx.series("test MSE", degrees, np.log10(mse))], xlabel="degree", ylabel="log10")
