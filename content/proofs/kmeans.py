"""Proofs for the k-means deck (机器学习基础 › 一、Kmeans).

Everything is implemented here in numpy (Lloyd's algorithm, k-means++, bisecting k-means, exact
k-medoids for k = 2, a small full-covariance GMM, ARI and silhouette) — no scikit-learn.
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from studytool.proofs.api import Param, ParamError, proof

# --------------------------------------------------------------------------- helpers


def _sq_dists(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances, shape (n points, k centres)."""
    return ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1)


def _inertia(X: np.ndarray, C: np.ndarray, labels: np.ndarray) -> float:
    """Within-cluster sum of squared distances of each point to its own centre."""
    return float(((X - C[labels]) ** 2).sum())


def _assign(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    return _sq_dists(X, C).argmin(1)


def _update(X: np.ndarray, C: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """New centres = cluster means (an empty cluster keeps its old centre)."""
    new = C.copy()
    for j in range(len(C)):
        members = X[labels == j]
        if len(members):
            new[j] = members.mean(0)
    return new


def _lloyd(
    X: np.ndarray, C0: np.ndarray, max_iter: int = 100
) -> tuple[np.ndarray, np.ndarray, list[float], bool]:
    """Lloyd's algorithm. Returns centres, labels, inertia after every half-step, converged."""
    C = np.array(C0, dtype=float)
    labels = _assign(X, C)
    history = [_inertia(X, C, labels)]
    for _ in range(max_iter):
        new_c = _update(X, C, labels)
        history.append(_inertia(X, new_c, labels))
        new_labels = _assign(X, new_c)
        history.append(_inertia(X, new_c, new_labels))
        done = np.array_equal(new_labels, labels) and np.allclose(new_c, C, atol=0, rtol=0)
        C, labels = new_c, new_labels
        if done:
            return C, labels, history, True
    return C, labels, history, False


def _random_init(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    return X[rng.choice(len(X), size=k, replace=False)].copy()


def _kmeanspp_init(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ seeding: first centre uniform, each next one with probability ∝ D(x)²."""
    centres = [X[rng.integers(len(X))]]
    for _ in range(1, k):
        d2 = _sq_dists(X, np.array(centres)).min(1)
        centres.append(X[rng.choice(len(X), p=d2 / d2.sum())])
    return np.array(centres, dtype=float)


def _kmeans(
    X: np.ndarray, k: int, rng: np.random.Generator, n_init: int = 5, init: str = "++"
) -> tuple[np.ndarray, np.ndarray, float]:
    """Best of ``n_init`` Lloyd runs: centres, labels, inertia."""
    best: tuple[np.ndarray, np.ndarray, float] | None = None
    for _ in range(n_init):
        c0 = _kmeanspp_init(X, k, rng) if init == "++" else _random_init(X, k, rng)
        C, labels, hist, _ = _lloyd(X, c0)
        if best is None or hist[-1] < best[2]:
            best = (C, labels, hist[-1])
    assert best is not None
    return best


def _blobs(
    rng: np.random.Generator, centres: np.ndarray, n_per: int, std: float
) -> tuple[np.ndarray, np.ndarray]:
    X = np.concatenate([c + std * rng.standard_normal((n_per, len(c))) for c in centres])
    y = np.repeat(np.arange(len(centres)), n_per)
    return X, y


def _ari(a: np.ndarray, b: np.ndarray) -> float:
    """Adjusted Rand index of two labelings (1 = identical partitions, ≈ 0 = chance)."""
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    table = np.zeros((ai.max() + 1, bi.max() + 1))
    np.add.at(table, (ai, bi), 1)

    def comb2(v: np.ndarray) -> float:
        return float((v * (v - 1) / 2).sum())

    index = comb2(table)
    sa, sb = comb2(table.sum(1)), comb2(table.sum(0))
    total = len(a) * (len(a) - 1) / 2
    expected = sa * sb / total
    max_index = (sa + sb) / 2
    return (index - expected) / (max_index - expected)


def _silhouette(X: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Silhouette s(i) = (b − a) / max(a, b) for every point (Euclidean distances)."""
    D = np.sqrt(_sq_dists(X, X))
    out = np.zeros(len(X))
    ks = np.unique(labels)
    for i in range(len(X)):
        own = labels == labels[i]
        if own.sum() <= 1:
            continue
        a = D[i, own].sum() / (own.sum() - 1)
        b = min(D[i, labels == j].mean() for j in ks if j != labels[i])
        out[i] = (b - a) / max(a, b)
    return out


def _grid_centres(k: int, spacing: float) -> np.ndarray:
    cols = math.ceil(math.sqrt(k))
    return np.array([[spacing * (i % cols), spacing * (i // cols)] for i in range(k)], dtype=float)


def _scatter(ctx, X: np.ndarray, labels: np.ndarray, prefix: str = "cluster") -> list:
    return [
        ctx.series(f"{prefix} {j}", X[labels == j, 0][:200], X[labels == j, 1][:200], kind="scatter")
        for j in np.unique(labels)
    ]


# --------------------------------------------------------------------------- algorithm


@proof(
    "kmeans.lloyd_fixed_point",
    title={
        "zh": "Lloyd 算法：每点到全部 k 个质心求距离，收敛到不动点",
        "en": "Lloyd's algorithm: distances to all k centroids, converges to a fixed point",
    },
    params=[
        Param("k", 3, min=2, max=8,
              help={"zh": "簇数（也是真实高斯团的个数）",
                    "en": "number of clusters (and of true blobs)"}),
        Param("n_per", 60, min=10, max=300,
              help={"zh": "每个高斯团的点数", "en": "points per blob"}),
        Param("std", 0.8, min=0.1, max=3.0,
              help={"zh": "高斯团的标准差", "en": "blob standard deviation"}),
    ],
    seed=1,
)
def lloyd_fixed_point(ctx, k: int, n_per: int, std: float) -> None:
    X, _ = _blobs(ctx.rng, _grid_centres(k, 5.0), n_per, std)
    C0 = _kmeanspp_init(X, k, ctx.rng)
    C, labels, hist, converged = _lloyd(X, C0, max_iter=200)
    D = _sq_dists(X, C)
    ctx.check({"zh": "因没有任何变化而停止（已收敛）",
               "en": "stopped because nothing changed (converged)"}, claimed=True, computed=converged)
    # the notes' "distance to these two centroids": the assignment step compares each point with
    # centroids 0 and 1 only, so the other k − 2 centroids never receive points — it is 2-means
    C2 = np.array(C0, dtype=float)
    for _ in range(200):
        lab2 = _sq_dists(X, C2[:2]).argmin(1)
        new2 = _update(X, C2, lab2)
        if np.array_equal(new2, C2):
            break
        C2 = new2
    J_two, J_all = _inertia(X, C2, lab2), hist[-1]
    if k >= 3:
        ctx.check(
            {"zh": f"只和“这两个质心”比较（笔记的写法）：只用上 2 个簇，惯性 {J_two:.1f} > 比较全部 k 个时的 {J_all:.1f}",
             "en": f"comparing with only “these two centroids” (the notes): only 2 clusters get used, inertia {J_two:.1f} > "
                   f"{J_all:.1f} when all k are compared"},
            claimed=J_all,
            computed=J_two,
            op=">",
        )
    else:
        ctx.note({"zh": "k = 2 时“两个质心”恰好就是全部质心；k ≥ 3 时只比较两个就退化成 2-means",
                  "en": "with k = 2 “two centroids” happen to be all of them; for k ≥ 3 comparing only two degrades to 2-means"})
    ctx.check(
        {"zh": "每个点都属于离它最近的质心", "en": "every point belongs to its nearest centroid"},
        claimed=True,
        computed=bool(np.array_equal(D.argmin(1), labels)),
    )
    gap = max(float(np.abs(C[j] - X[labels == j].mean(0)).max()) for j in np.unique(labels))
    ctx.check(
        {"zh": "每个质心都等于其簇内点的均值", "en": "every centroid is the mean of its cluster"},
        claimed=0.0,
        computed=gap,
        tol=1e-12,
    )
    ctx.formula(
        r"c^{(t)}_i=\arg\min_j\|x_i-\mu_j\|^2,\qquad \mu_j=\frac{1}{|S_j|}\sum_{i\in S_j}x_i",
        label={"zh": "分配步 / 更新步", "en": "assignment step / update step"},
    )
    ctx.table(
        [{"zh": "半步", "en": "half-step"}, {"zh": "惯性（SSE）", "en": "inertia (SSE)"}],
        [[i, round(v, 4)] for i, v in enumerate(hist)],
    )
    series = _scatter(ctx, X, labels)
    series.append(ctx.series("centroids", C[:, 0], C[:, 1], kind="scatter"))
    ctx.plot({"zh": "最终簇划分", "en": "final clustering"}, series, xlabel="x1", ylabel="x2")


@proof(
    "kmeans.inertia_monotone",
    title={
        "zh": "Lloyd 迭代中目标函数（惯性）从不增加",
        "en": "The k-means objective (inertia) never increases across Lloyd iterations",
    },
    params=[
        Param("k", 6, min=2, max=10, help={"zh": "簇数", "en": "number of clusters"}),
        Param("runs", 8, min=1, max=40,
              help={"zh": "测试的随机初始化次数", "en": "random initialisations to test"}),
        Param("std", 1.5, min=0.1, max=5.0,
              help={"zh": "高斯团的标准差（决定重叠程度）",
                    "en": "blob standard deviation (overlap)"}),
    ],
    seed=2,
)
def inertia_monotone(ctx, k: int, runs: int, std: float) -> None:
    X, _ = _blobs(ctx.rng, _grid_centres(k, 4.0), 40, std)
    worst_increase = -math.inf
    first: list[float] = []
    rows = []
    for r in range(runs):
        _, _, hist, converged = _lloyd(X, _random_init(X, k, ctx.rng), max_iter=300)
        steps = np.diff(hist)
        worst_increase = max(worst_increase, float(steps.max()))
        rows.append([r, len(hist) // 2, round(hist[0], 2), round(hist[-1], 2), converged])
        if r == 0:
            first = hist
    ctx.check(
        {"zh": "所有半步里惯性的最大增量 ≤ 0", "en": "largest change of inertia over all half-steps ≤ 0"},
        claimed=0.0,
        computed=worst_increase,
        op="<=",
        tol=1e-9,
    )
    ctx.formula(
        r"J(c,\mu)=\sum_i\|x_i-\mu_{c_i}\|^2;\ J(c^{t+1},\mu^{t})\le J(c^{t},\mu^{t}),"
        r"\ J(c^{t+1},\mu^{t+1})\le J(c^{t+1},\mu^{t})"
    )
    ctx.table(
        [{"zh": "运行",
          "en": "run"}, {"zh": "迭代数", "en": "iterations"}, {"zh": "J 初值", "en": "J start"}, {"zh": "J 终值",
                                                               "en": "J end"}, {"zh": "已收敛",
                                                                        "en": "converged"}], rows
    )
    ctx.plot(
        {"zh": "第一次运行的惯性（每个半步）", "en": "inertia of the first run (per half-step)"},
        [ctx.series("J", list(range(len(first)))[:200], first[:200])],
        xlabel="half-step",
        ylabel="inertia",
    )
    ctx.note(
        {
            "zh": "分配步只会让每个点换到更近的质心；更新步用均值，而均值使簇内平方和最小。两步都不增大 J，且划分有限，所以必然收敛。",
            "en": "The assignment step only moves points to closer centroids; the update step uses the "
            "mean, which minimises the within-cluster SSE. Neither step increases J and there are "
            "finitely many partitions, so Lloyd's algorithm terminates.",
        }
    )


@proof(
    "kmeans.mean_minimises_sse",
    title={
        "zh": "均值使平方误差和最小：SSE(c) = SSE(均值) + n‖c − 均值‖²",
        "en": "The mean minimises the squared error: SSE(c) = SSE(mean) + n‖c − mean‖²",
    },
    params=[Param("n", 25, min=2, max=500, help={"zh": "簇内点数", "en": "points in the cluster"})],
    seed=3,
)
def mean_minimises_sse(ctx, n: int) -> None:
    xs = sp.symbols("x1:5", real=True)
    c = sp.symbols("c", real=True)
    sse = sum((x - c) ** 2 for x in xs)
    sol = sp.solve(sp.diff(sse, c), c)
    ctx.formula(sp.Eq(sp.Symbol("c*"), sol[0]), label={"zh": "令导数为 0", "en": "stationary point"})
    ctx.check(
        {"zh": "dSSE/dc = 0 的唯一解是均值（n = 4，符号计算）", "en": "dSSE/dc = 0 only at the mean (n = 4, sympy)"},
        claimed=0,
        computed=sp.simplify(sol[0] - sum(xs) / 4) if len(sol) == 1 else "no unique root",
    )
    ctx.check({"zh": "d²SSE/dc² = 2n > 0",
               "en": "d²SSE/dc² = 2n > 0"}, claimed=8, computed=sp.diff(sse, c, 2))
    X = ctx.rng.normal(size=(n, 2)) * [3.0, 1.0]
    mu = X.mean(0)
    base = float(((X - mu) ** 2).sum())
    worst = math.inf
    identity_gap = 0.0
    for _ in range(200):
        cand = mu + ctx.rng.normal(size=2)
        sse_c = float(((X - cand) ** 2).sum())
        worst = min(worst, sse_c - base)
        identity_gap = max(identity_gap, abs(sse_c - (base + n * float(((cand - mu) ** 2).sum()))))
    ctx.check(
        {"zh": "200 个随机候选中心的 SSE 都不小于均值的 SSE", "en": "no random candidate beats the mean"},
        claimed=0.0,
        computed=worst,
        op=">=",
        tol=0.0,
    )
    ctx.check(
        {"zh": "分解恒等式的最大偏差", "en": "largest deviation from the decomposition identity"},
        claimed=0.0,
        computed=identity_gap,
        tol=1e-8 * max(1.0, base),
    )


@proof(
    "kmeans.nonconvex_witness",
    title={
        "zh": "k-means 目标函数非凸：两个不同的局部最优与凸性反例",
        "en": "The k-means objective is non-convex: two different local optima and a convexity witness",
    },
    params=[
        Param("width", 4.0, min=1.5, max=20.0,
              help={"zh": "矩形宽度（高为 1）", "en": "rectangle width (height is 1)"}),
    ],
    seed=0,
)
def nonconvex_witness(ctx, width: float) -> None:
    X = np.array([[0, 0], [0, 1], [width, 0], [width, 1]], dtype=float)

    def J(C: np.ndarray) -> float:
        return float(_sq_dists(X, C).min(1).sum())

    left_right = np.array([[0, 0.5], [width, 0.5]])
    top_bottom = np.array([[width / 2, 0], [width / 2, 1]])
    for name, C, claimed in (
        ({"zh": "左右划分", "en": "left/right split"}, left_right, 1.0),
        ({"zh": "上下划分", "en": "top/bottom split"}, top_bottom, width**2),
    ):
        C_end, _, hist, converged = _lloyd(X, C)
        ctx.check(
            {"zh": f"{name['zh']} 是 Lloyd 不动点", "en": f"{name['en']} is a Lloyd fixed point"},
            claimed=True,
            computed=bool(converged and np.allclose(C_end, C)),
        )
        ctx.check(
            {"zh": f"{name['zh']} 的惯性", "en": f"inertia of the {name['en']}"},
            claimed=claimed,
            computed=hist[-1],
        )
    # convexity witness: (a, b) and its swap (b, a) are both optimal; their midpoint is much worse
    swapped = left_right[::-1]
    mid = (left_right + swapped) / 2
    ctx.check(
        {"zh": "J(中点) > (J(a,b) + J(b,a))/2，违反凸性", "en": "J(midpoint) > (J(a,b) + J(b,a))/2 violates convexity"},
        claimed=(J(left_right) + J(swapped)) / 2,
        computed=J(mid),
        op=">",
    )
    ts = np.linspace(0, 1, 101)
    values = [J((1 - t) * left_right + t * swapped) for t in ts]
    ctx.plot(
        {"zh": "从 (a,b) 到 (b,a) 的线段上的 J", "en": "J along the segment from (a,b) to (b,a)"},
        [
            ctx.series("J", ts, values),
            ctx.series("chord", [0, 1], [values[0], values[-1]]),
        ],
        xlabel="t",
        ylabel="J",
    )
    ctx.formula(r"J(\mu_1,\dots,\mu_k)=\sum_i\min_j\|x_i-\mu_j\|^2")
    ctx.note(
        {
            "zh": "交换两个质心得到同样好的解，中点处却差得多：凸函数不可能这样（弦必须在函数之上）。",
            "en": "Swapping the centroids gives an equally good solution but their midpoint is far worse; "
            "a convex function cannot do that (the chord must lie above the graph).",
        }
    )


# --------------------------------------------------------------------------- initialisation


@proof(
    "kmeans.plusplus_vs_random",
    title={
        "zh": "k-means++ 与随机初始化：多个种子下的最终惯性",
        "en": "k-means++ vs random initialisation: final inertia over many seeds",
    },
    params=[
        Param("k", 9, min=3, max=12,
              help={"zh": "簇数 / 高斯团数", "en": "number of clusters / blobs"}),
        Param("runs", 30, min=15, max=200,
              help={"zh": "每种方法的随机种子数", "en": "seeds per method"}),
    ],
    seed=4,
)
def plusplus_vs_random(ctx, k: int, runs: int) -> None:
    X, _ = _blobs(ctx.rng, _grid_centres(k, 6.0), 25, 0.6)
    results: dict[str, list[float]] = {"random": [], "k-means++": []}
    for _ in range(runs):
        for name, init in (("random", _random_init), ("k-means++", _kmeanspp_init)):
            _, _, hist, _ = _lloyd(X, init(X, k, ctx.rng))
            results[name].append(hist[-1])
    best = min(min(v) for v in results.values())
    hit = {name: float(np.mean(np.array(v) <= best * 1.01)) for name, v in results.items()}
    mean = {name: float(np.mean(v)) for name, v in results.items()}
    ctx.check(
        {"zh": "平均最终惯性：k-means++ ≤ 随机", "en": "mean final inertia: k-means++ ≤ random"},
        claimed=mean["random"],
        computed=mean["k-means++"],
        op="<=",
    )
    ctx.check(
        {"zh": "达到最好解的比例：k-means++ > 随机", "en": "share of runs reaching the best: k-means++ > random"},
        claimed=hit["random"],
        computed=hit["k-means++"],
        op=">",
    )
    ctx.table(
        [{"zh": "初始化", "en": "init"}, {"zh": "J 均值", "en": "mean J"}, {"zh": "J 最差值",
                                                 "en": "worst J"}, {"zh": "达到最优比例", "en": "share at best"}],
        [[n, round(mean[n], 1), round(max(v), 1), hit[n]] for n, v in results.items()],
    )
    ctx.plot(
        {"zh": "各种子的最终惯性（排序）", "en": "final inertia per seed (sorted)"},
        [ctx.series(n, list(range(runs)), sorted(v)) for n, v in results.items()],
        xlabel="run (sorted)",
        ylabel="final inertia",
    )


@proof(
    "kmeans.plusplus_coverage",
    title={
        "zh": "k-means++ 按 D(x)² 抽样，初始中心几乎总能覆盖每个簇",
        "en": "k-means++ samples ∝ D(x)², so its seeds almost always hit every cluster",
    },
    params=[
        Param("k", 5, min=2, max=8,
              help={"zh": "彼此分离良好的高斯团个数", "en": "number of well-separated blobs"}),
        Param("trials", 1000, min=200, max=20000,
              help={"zh": "每种方法的初始中心选取次数", "en": "seedings per method"}),
    ],
    seed=5,
    timeout=30,
)
def plusplus_coverage(ctx, k: int, trials: int) -> None:
    # exact first step on 1-D points {0, 1, 10} with the first centre at 0
    pts = np.array([[0.0], [1.0], [10.0]])
    d2 = _sq_dists(pts, pts[:1]).min(1)
    ctx.check(
        {"zh": "首中心在 0 时，选中 10 的概率 = 100/101", "en": "P(pick 10 | first centre 0) = 100/101"},
        claimed=100 / 101,
        computed=float(d2[2] / d2.sum()),
    )
    X, y = _blobs(ctx.rng, _grid_centres(k, 20.0), 40, 0.5)
    # all trials at once: uniform = k distinct random points; D² = the k-means++ rule of
    # _kmeanspp_init, vectorised (inverse-CDF draw ∝ D(x)² for every trial)
    idx = ctx.rng.random((trials, len(X))).argpartition(k, axis=1)[:, :k]
    blob = _assign(X, _grid_centres(k, 20.0))
    D2 = _sq_dists(X, X)
    pick = ctx.rng.integers(len(X), size=trials)
    chosen = [pick]
    d2 = D2[pick]
    for _ in range(1, k):
        cdf = np.cumsum(d2, axis=1)
        u = ctx.rng.random(trials) * cdf[:, -1]
        pick = np.minimum((cdf < u[:, None]).sum(1), len(X) - 1)
        chosen.append(pick)
        d2 = np.minimum(d2, D2[pick])
    seeds = np.stack(chosen, axis=1)

    def n_covering(labels: np.ndarray) -> int:
        return int((np.sort(labels, axis=1)[:, 1:] != np.sort(labels, axis=1)[:, :-1]).all(1).sum())

    share = {"uniform": n_covering(y[idx]) / trials, "D²": n_covering(blob[seeds]) / trials}
    theory = math.factorial(k) / k**k
    sd = math.sqrt(theory * (1 - theory) / trials)
    ctx.check(
        {"zh": "均匀抽样覆盖所有簇的比例 ≈ k!/kᵏ", "en": "uniform seeding covers every blob ≈ k!/k^k of the time"},
        claimed=theory,
        computed=share["uniform"],
        tol=4 * sd + 0.02,
    )
    ctx.check(
        {"zh": "D² 抽样覆盖所有簇的比例 ≥ 0.9", "en": "D² seeding covers every blob ≥ 90% of the time"},
        claimed=0.9,
        computed=share["D²"],
        op=">=",
    )
    ctx.formula(r"P(x)=\frac{D(x)^2}{\sum_{x'}D(x')^2}")
    ctx.table(
        [{"zh": "方法", "en": "method"}, {"zh": "覆盖全部簇", "en": "covers all blobs"}],
        [["uniform", share["uniform"]], ["D² (k-means++)", share["D²"]], ["k!/k^k", round(theory, 4)]],
    )


# --------------------------------------------------------------------------- choosing k


def _inertia_curve(X: np.ndarray, ks: range, rng: np.random.Generator) -> list[float]:
    """Best inertia per k: k-means++ restarts plus a warm start from the k − 1 solution."""
    out: list[float] = []
    prev: np.ndarray | None = None
    for k in ks:
        C, _, J = _kmeans(X, k, rng, n_init=6)
        if prev is not None:  # previous centres + the farthest point: starts at J ≤ J(k − 1)
            far = X[_sq_dists(X, prev).min(1).argmax()]
            C2, _, hist, _ = _lloyd(X, np.vstack([prev, far]))
            if hist[-1] < J:
                C, J = C2, hist[-1]
        out.append(J)
        prev = C
    return out


@proof(
    "kmeans.elbow",
    title={"zh": "肘部法：惯性随 k 单调下降，拐点在真实 k", "en": "Elbow method: inertia falls with k, the bend is at the true k"},
    params=[
        Param("true_k", 4, min=2, max=7,
              help={"zh": "生成的高斯团个数", "en": "number of blobs generated"}),
        Param("k_max", 9, min=8, max=12,
              help={"zh": "尝试的最大 k（须大于真实 k，真实 k 最大为 7）",
                    "en": "largest k tried (must exceed the true k, which is at most 7)"}),
    ],
    seed=6,
)
def elbow(ctx, true_k: int, k_max: int) -> None:
    X, _ = _blobs(ctx.rng, _grid_centres(true_k, 6.0), 40, 0.8)
    ks = range(1, k_max + 1)
    J = _inertia_curve(X, ks, ctx.rng)
    ctx.check(
        {"zh": "k 增大时最好惯性的最大增量 ≤ 0", "en": "largest increase of best inertia as k grows ≤ 0"},
        claimed=0.0,
        computed=float(np.diff(J).max()),
        op="<=",
        tol=1e-6,
    )
    # elbow: where the gain of adding a cluster drops the most (ratio of successive gains)
    ratios = {k: (J[k - 2] - J[k - 1]) / max(J[k - 1] - J[k], 1e-12) for k in range(2, k_max)}
    ctx.check(
        {"zh": f"在 k = 2…{k_max - 1} 中，肘部（相邻收益比最大处）位于真实 k（需要 k_max > 真实 k）",
         "en": f"among k = 2…{k_max - 1}, the elbow (largest ratio of successive gains) is the true k (needs k_max > true k)"},
        claimed=true_k,
        computed=max(ratios, key=ratios.get),
    )
    ctx.table(
        ["k", "J(k)", {"zh": "收益比", "en": "gain ratio"}],
        [[k, round(J[k - 1], 1), round(ratios.get(k, float("nan")), 2)] for k in ks],
    )
    ctx.plot(
        {"zh": "肘部曲线", "en": "elbow curve"},
        [ctx.series("inertia", list(ks), J)],
        xlabel="k",
        ylabel="inertia",
    )


def _prediction_strength(train: np.ndarray, test: np.ndarray, k: int, rng: np.random.Generator) -> float:
    """Tibshirani & Walther (2005): cluster both folds; for each test cluster, the share of its pairs
    that the *training* centres also put together; the worst test cluster's share."""
    C_train, _, _ = _kmeans(train, k, rng, n_init=4)
    _, test_labels, _ = _kmeans(test, k, rng, n_init=4)
    by_train = _assign(test, C_train)
    worst = 1.0
    for j in np.unique(test_labels):
        members = by_train[test_labels == j]
        if len(members) < 2:
            continue
        counts = np.bincount(members).astype(float)
        worst = min(worst, float((counts * (counts - 1)).sum() / (len(members) * (len(members) - 1))))
    return worst


@proof(
    "kmeans.heldout_inertia",
    title={
        "zh": "留出集上的惯性也随 k 下降：交叉验证惯性选不出 k；换成预测强度这样会变差的准则就可以",
        "en": "Held-out inertia also keeps falling with k, so cross-validating inertia cannot pick k; a criterion that can get worse (prediction strength) can",
    },
    params=[
        Param("true_k", 4, min=2, max=6,
              help={"zh": "生成的高斯团个数", "en": "number of blobs generated"}),
        Param("k_max", 12, min=6, max=16,
              help={"zh": "尝试的最大 k（须大于真实 k）", "en": "largest k tried (must exceed the true k)"}),
    ],
    seed=7,
)
def heldout_inertia(ctx, true_k: int, k_max: int) -> None:
    if k_max <= true_k:
        raise ParamError(f"k_max={k_max} must exceed true_k={true_k}: otherwise no larger k is tried — pick k_max > true_k")
    X, _ = _blobs(ctx.rng, _grid_centres(true_k, 6.0), 80, 0.8)
    perm = ctx.rng.permutation(len(X))
    train, test = X[perm[: len(X) // 2]], X[perm[len(X) // 2 :]]
    ks = list(range(1, k_max + 1))
    test_J = []
    for k in ks:
        C, _, _ = _kmeans(train, k, ctx.rng, n_init=4)
        test_J.append(float(_sq_dists(test, C).min(1).sum()))
    ctx.check(
        {"zh": "留出惯性：k_max 处 < 真实 k 处", "en": "held-out inertia at k_max < at the true k"},
        claimed=test_J[true_k - 1],
        computed=test_J[-1],
        op="<",
    )
    ctx.check(
        {"zh": "留出惯性的最小值不在真实 k", "en": "held-out inertia is not minimised at the true k"},
        claimed=True,
        computed=int(np.argmin(test_J)) + 1 > true_k,
    )
    # a cross-validated criterion that CAN get worse as k grows: prediction strength
    # averaged over 3 random half/half splits, each fold predicting the other
    splits = [ctx.rng.permutation(len(X)) for _ in range(3)]
    folds = [(X[q[: len(X) // 2]], X[q[len(X) // 2 :]]) for q in splits]
    ps = [1.0] + [float(np.mean([_prediction_strength(a, b, k, ctx.rng) for f in folds for a, b in (f, f[::-1])]))
                  for k in ks[1:]]
    chosen = max(k for k, v in zip(ks, ps, strict=True) if v >= 0.8)
    ctx.check(
        {"zh": "交叉验证的预测强度（两折各自聚类，看一折的质心是否把另一折同簇的点放在一起；3 次划分取平均）：PS ≥ 0.8 的最大 k = 真实 k",
         "en": "cross-validated prediction strength (cluster both folds; do one fold's centres keep each cluster of the "
               "other together? mean of 3 splits): the largest k with PS ≥ 0.8 is the true k"},
        claimed=true_k,
        computed=chosen,
    )
    ctx.table(
        ["k", {"zh": "留出惯性", "en": "held-out inertia"}, {"zh": "预测强度", "en": "prediction strength"}],
        [[k, round(J, 1), round(v, 3)] for k, J, v in zip(ks, test_J, ps, strict=True)],
    )
    ctx.plot(
        {"zh": "测试集惯性 vs k", "en": "test-set inertia vs k"},
        [ctx.series("held-out J", ks, test_J)],
        xlabel="k",
        ylabel="held-out inertia",
    )
    ctx.note(
        {
            "zh": "质心越多，新样本离最近质心通常越近，所以交叉验证惯性会一直选更大的 k。交叉验证要配合一个会随 k 变差的准则："
                  "预测强度/稳定性、留出集上 GMM 的对数似然或下游任务的指标；也可用肘部法、轮廓系数、Gap 统计量。",
            "en": "More centroids generally bring new points closer to their nearest centroid, so cross-validated "
            "inertia keeps preferring larger k. Cross-validation needs a criterion that can get worse as k grows: "
            "prediction strength / stability, held-out GMM log-likelihood, or a downstream metric; or use the "
            "elbow, silhouette or gap statistic.",
        }
    )


@proof(
    "kmeans.silhouette",
    title={"zh": "轮廓系数 s = (b − a)/max(a, b) 在真实 k 处最大", "en": "Silhouette s = (b − a)/max(a, b) peaks at the true k"},
    params=[Param("true_k", 4, min=2, max=6,
                  help={"zh": "生成的高斯团个数", "en": "number of blobs generated"})],
    seed=8,
)
def silhouette(ctx, true_k: int) -> None:
    # a point at 0; its own cluster {0, 2} (a = 2); the other cluster {4, 6} (b = 5)
    toy = np.array([[0.0], [2.0], [4.0], [6.0]])
    s0 = _silhouette(toy, np.array([0, 0, 1, 1]))[0]
    ctx.check(
        {"zh": "a = 2, b = 5 时 s = 0.6", "en": "with a = 2, b = 5: s = 0.6"}, claimed=0.6, computed=s0
    )
    X, _ = _blobs(ctx.rng, _grid_centres(true_k, 6.0), 30, 0.8)
    ks = list(range(2, 8))
    scores = [float(_silhouette(X, _kmeans(X, k, ctx.rng, n_init=4)[1]).mean()) for k in ks]
    ctx.check(
        {"zh": "平均轮廓系数最大的 k", "en": "k with the largest mean silhouette"},
        claimed=true_k,
        computed=ks[int(np.argmax(scores))],
    )
    ctx.formula(r"s(i)=\frac{b(i)-a(i)}{\max(a(i),b(i))}\in[-1,1]")
    ctx.plot(
        {"zh": "平均轮廓系数 vs k", "en": "mean silhouette vs k"},
        [ctx.series("silhouette", ks, scores)],
        xlabel="k",
        ylabel="mean silhouette",
    )


# --------------------------------------------------------------------------- weaknesses


def _gmm_em(
    X: np.ndarray, k: int, rng: np.random.Generator, n_init: int = 10, iters: int = 100
) -> np.ndarray:
    """Full-covariance Gaussian mixture fitted by EM; returns hard labels of the best start."""
    n, d = X.shape
    best_ll, best_labels = -math.inf, np.zeros(n, dtype=int)
    for _ in range(n_init):
        # start: k random points as means, the global covariance for every component
        mu = X[rng.choice(n, size=k, replace=False)]
        covs = [np.cov(X.T) + 1e-6 * np.eye(d)] * k
        Nk = np.full(k, n / k)
        R = np.full((n, k), 1.0 / k)
        ll = -math.inf
        for it in range(iters):
            if it:  # M-step from the responsibilities of the previous E-step
                Nk = R.sum(0) + 1e-12
                mu = (R.T @ X) / Nk[:, None]
                covs = [
                    (R[:, j, None] * (X - mu[j])).T @ (X - mu[j]) / Nk[j] + 1e-6 * np.eye(d)
                    for j in range(k)
                ]
            logp = np.empty((n, k))
            for j in range(k):
                diff = X - mu[j]
                cov = covs[j]
                inv = np.linalg.inv(cov)
                _, logdet = np.linalg.slogdet(cov)
                maha = np.einsum("ni,ij,nj->n", diff, inv, diff)
                logp[:, j] = math.log(Nk[j] / n) - 0.5 * (maha + logdet + d * math.log(2 * math.pi))
            top = logp.max(1, keepdims=True)
            norm = top + np.log(np.exp(logp - top).sum(1, keepdims=True))
            R = np.exp(logp - norm)
            ll = float(norm.sum())
        if ll > best_ll:
            best_ll, best_labels = ll, R.argmax(1)
    return best_labels


@proof(
    "kmeans.elongated_vs_gmm",
    title={
        "zh": "长条状簇：k-means 切错方向，全协方差 GMM 能分开",
        "en": "Elongated clusters: k-means cuts the wrong way, a full-covariance GMM separates them",
    },
    params=[
        Param("gap", 2.0, min=1.25, max=6.0,
              help={"zh": "两条平行长条之间的距离",
                    "en": "distance between the two parallel strips"}),
        Param("length", 6.0, min=2.0, max=20.0,
              help={"zh": "沿长条方向的标准差（结论要求长条足够长：length ≥ 0.7·gap）",
                    "en": "standard deviation along the strips (the claim needs long strips: length ≥ 0.7·gap)"}),
    ],
    seed=9,
)
def elongated_vs_gmm(ctx, gap: float, length: float) -> None:
    if length < 0.7 * gap:
        raise ParamError(f"length={length:g} < 0.7·gap={0.7 * gap:g}: the strips are not elongated, so k-means "
                         "is not fooled — pick length ≥ 0.7·gap")
    n = 150
    A = np.column_stack([length * ctx.rng.standard_normal(n), 0.25 * ctx.rng.standard_normal(n)])
    B = A.copy()
    B[:, 0] = length * ctx.rng.standard_normal(n)
    B[:, 1] = gap + 0.25 * ctx.rng.standard_normal(n)
    X, y = np.concatenate([A, B]), np.repeat([0, 1], n)
    C, km_labels, km_J = _kmeans(X, 2, ctx.rng, n_init=8)
    true_C = np.array([X[y == j].mean(0) for j in (0, 1)])
    true_J = _inertia(X, true_C, y)
    gmm_labels = _gmm_em(X, 2, ctx.rng)
    ari_km, ari_gmm = _ari(y, km_labels), _ari(y, gmm_labels)
    ctx.check(
        {"zh": "真实划分的惯性 > k-means 解的惯性（目标本身偏爱错误划分）", "en": "inertia of the true split > k-means' (the objective itself prefers the wrong split)"},
        claimed=km_J,
        computed=true_J,
        op=">",
    )
    ctx.check({"zh": "k-means 的 ARI < 0.2", "en": "k-means ARI < 0.2"}, claimed=0.2, computed=ari_km, op="<")
    ctx.check({"zh": "GMM 的 ARI > 0.9", "en": "GMM ARI > 0.9"}, claimed=0.9, computed=ari_gmm, op=">")
    ctx.table(
        [{"zh": "方法", "en": "method"}, "ARI", {"zh": "惯性（簇内平方和）", "en": "inertia"}],
        [["k-means", round(ari_km, 3), round(km_J, 1)], ["GMM (full cov.)", round(ari_gmm, 3), "-"],
         ["true labels", 1.0, round(true_J, 1)]],
    )
    ctx.plot({"zh": "k-means 的划分", "en": "k-means clustering"}, _scatter(ctx, X, km_labels), xlabel="x1", ylabel="x2")


def _unequal_split(rng: np.random.Generator, n_big: int, sep: float) -> tuple[float, float, float]:
    """Wide cluster N(0, 2²I) with n_big points, tight cluster N((2·sep, 0), 0.3²I) with 40 points: k-means
    (k = 2). Returns the share of the wide cluster given to the small one, k-means' and the true inertia."""
    big = 2.0 * rng.standard_normal((n_big, 2))
    centre = np.array([2.0 * sep, 0.0])
    small = centre + 0.3 * rng.standard_normal((40, 2))
    X, y = np.concatenate([big, small]), np.repeat([0, 1], [n_big, 40])
    C, labels, km_J = _kmeans(X, 2, rng, n_init=6)
    small_id = int(np.argmin(np.linalg.norm(C - centre, axis=1)))
    stolen = float(np.mean(labels[y == 0] == small_id))
    return stolen, km_J, _inertia(X, np.array([big.mean(0), small.mean(0)]), y)


@proof(
    "kmeans.unequal_clusters",
    title={
        "zh": "大小/方差悬殊且相邻的簇：k-means 把宽簇的点分给小簇",
        "en": "Nearby clusters of very different size/variance: k-means hands wide-cluster points to the small one",
    },
    params=[Param("n_big", 400, min=100, max=2000,
                  help={"zh": "宽簇（方差大的簇）中的点数", "en": "points in the wide cluster"}),
            Param("sep", 2.5, min=2.0, max=2.5,
                  help={"zh": "小簇中心到宽簇中心的距离，以宽簇标准差为单位（≤ 2.5：足够近才一定会“抢”到 > 5% 的点）",
                        "en": "distance from the wide cluster's centre to the small one's, in the wide cluster's standard "
                              "deviations (≤ 2.5: close enough to be sure to take > 5% of the points)"})],
    seed=10,
)
def unequal_clusters(ctx, n_big: int, sep: float) -> None:
    stolen, km_J, true_J = _unequal_split(ctx.rng, n_big, sep)
    ctx.check(
        {"zh": f"小簇在 {sep:g}σ 处：宽簇中被分给小簇的比例 > 5%",
         "en": f"small cluster at {sep:g}σ: share of the wide cluster assigned to the small one > 5%"},
        claimed=0.05,
        computed=stolen,
        op=">",
    )
    ctx.check(
        {"zh": "真实划分的惯性更大（k-means 的目标偏爱错误划分）", "en": "the true split has larger inertia (the objective prefers the wrong one)"},
        claimed=km_J,
        computed=true_J,
        op=">",
    )
    far, _, _ = _unequal_split(ctx.rng, 400, 6.0)
    ctx.check(
        {"zh": "对照（400 对 40 个点）：小簇远在 6σ 处时，被分走的比例 < 2%（效应要求两簇相邻）",
         "en": "contrast (400 vs 40 points): with the small cluster far away at 6σ, the share taken is < 2% (the effect needs nearby clusters)"},
        claimed=0.02,
        computed=far,
        op="<",
    )
    ctx.table([{"zh": "小簇距离", "en": "distance of the small cluster"}, {"zh": "被分走的比例", "en": "share taken"}],
              [[f"{sep:g}σ", round(stolen, 3)], ["6σ (n_big = 400)", round(far, 4)]])
    ctx.note({"zh": "若宽簇的点数远多于小簇（例如 2000 对 40），k = 2 的最优解干脆把宽簇劈成两半，小簇即使很远也会分到大量宽簇的点。",
              "en": "If the wide cluster has far more points than the small one (say 2000 vs 40), the best k = 2 solution "
                    "splits the wide cluster itself, and the small cluster's centroid gets many wide-cluster points even when far away."})


@proof(
    "kmeans.outlier_mean_median",
    title={
        "zh": "离群点：均值被拉走、中位数不动；一个离群点可独占一个 k-means 质心",
        "en": "Outliers: the mean is dragged, the median is not; one outlier can take a whole k-means centroid",
    },
    params=[
        Param("outlier", 100.0, min=60.0, max=10000.0,
              help={"zh": "离群点的位置 (o, o)；要独占一个簇，它须远于 k-means 的盈亏距离（300 点时 ≈ 50）",
                    "en": "position (o, o) of the outlier; to take a cluster it must lie beyond k-means' break-even distance (≈ 50 for 300 points)"}),
        Param("n_per", 50, min=10, max=300,
              help={"zh": "二维演示中每个高斯团的点数", "en": "points per blob in the 2-D demo"}),
    ],
    seed=11,
)
def outlier_mean_median(ctx, outlier: float, n_per: int) -> None:
    v = np.array([0.0] * 9 + [outlier])
    ctx.check({"zh": "9 个 0 加一个离群点的均值 = 离群点/10", "en": "mean of nine 0s and the outlier = outlier/10"},
              claimed=outlier / 10, computed=float(v.mean()))
    ctx.check({"zh": "中位数仍是 0", "en": "the median is still 0"}, claimed=0.0, computed=float(np.median(v)))
    base = ctx.rng.standard_normal(99)
    dists = np.linspace(0, 1000, 41)
    mean_shift = [float(np.append(base, base.mean() + d).mean() - base.mean()) for d in dists]
    med_shift = [float(np.median(np.append(base, base.mean() + d)) - np.median(base)) for d in dists]
    slope = float(np.polyfit(dists, mean_shift, 1)[0])
    ctx.check({"zh": "均值偏移随离群距离线性增长，斜率 1/n", "en": "mean shift grows linearly, slope 1/n"},
              claimed=1 / 100, computed=slope, tol=1e-9)
    ctx.check({"zh": "中位数偏移有界（≤ 相邻样本间距）", "en": "median shift stays bounded"},
              claimed=float(np.abs(np.diff(np.sort(base))).max()), computed=max(abs(m) for m in med_shift), op="<=")
    X, _ = _blobs(ctx.rng, np.array([[0.0, 0.0], [4.0, 0.0]]), n_per, 0.5)
    X = np.vstack([X, [[outlier, outlier]]])
    _, labels, _ = _kmeans(X, 2, ctx.rng, n_init=6)
    sizes = np.bincount(labels, minlength=2)
    ctx.check(
        {"zh": "k = 2 的 k-means：离群点独占一个簇（最小簇大小）", "en": "k-means with k = 2: the outlier gets a cluster of its own (smallest size)"},
        claimed=1,
        computed=int(sizes.min()),
    )
    ctx.plot(
        {"zh": "离群点距离 vs 中心偏移", "en": "outlier distance vs shift of the centre"},
        [ctx.series("mean", dists, mean_shift), ctx.series("median", dists, med_shift)],
        xlabel="outlier distance",
        ylabel="shift",
    )


def _lof(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Local outlier factor (Breunig et al. 2000) and the k-distance of every point (brute force).

    reach-dist(a, b) = max(k-dist(b), d(a, b)); lrd(a) = 1 / mean reach-dist(a, ·) over a's k nearest
    neighbours; LOF(a) = mean lrd of those neighbours / lrd(a) (≈ 1 inside a cluster, ≫ 1 for an outlier).
    """
    D = np.sqrt(_sq_dists(X, X))
    np.fill_diagonal(D, np.inf)
    nn = np.argsort(D, axis=1)[:, :k]
    k_dist = D[np.arange(len(X)), nn[:, -1]]
    reach = np.maximum(k_dist[nn], D[np.arange(len(X))[:, None], nn])
    lrd = 1.0 / reach.mean(1)
    return lrd[nn].mean(1) / lrd, k_dist


@proof(
    "kmeans.lof_then_kmeans",
    title={
        "zh": "先用 LOF 去掉离群点再做 k-means：离群点不再独占质心；LOF 比较的是局部密度",
        "en": "Remove outliers with LOF, then run k-means: no centroid is wasted on them; LOF compares local densities",
    },
    params=[
        Param("n_out", 4, min=1, max=10,
              help={"zh": "远处零散离群点的个数（彼此相距很远，不成簇）", "en": "number of scattered far-away outliers (far apart, not a cluster)"}),
        Param("k_nn", 10, min=10, max=20,
              help={"zh": "LOF 的近邻数 k（≥ 10：更少时簇边缘点的 LOF 噪声大）",
                    "en": "number of neighbours k of LOF (≥ 10: with fewer, LOF is noisy at the blobs' edges)"}),
    ],
    seed=14,
)
def lof_then_kmeans(ctx, n_out: int, k_nn: int) -> None:
    X, y = _blobs(ctx.rng, np.array([[0.0, 0.0], [5.0, 0.0]]), 60, 0.6)
    angles = 2 * np.pi * (np.arange(n_out) + ctx.rng.uniform(0, 1, n_out)) / n_out  # spread around a circle
    radius = ctx.rng.uniform(40.0, 60.0, n_out)
    out = np.column_stack([2.5 + radius * np.cos(angles), radius * np.sin(angles)])
    Xa = np.vstack([X, out])
    is_out = np.r_[np.zeros(len(X), bool), np.ones(n_out, bool)]
    _, labels_raw, _ = _kmeans(Xa, 2, ctx.rng, n_init=8)
    ari_raw = _ari(y, labels_raw[~is_out])
    lof, _ = _lof(Xa, k_nn)
    flagged = lof > 4.0  # ≈ 1 inside a blob; a clear outlier is many times less dense than its neighbours
    _, labels_clean, _ = _kmeans(Xa[~flagged], 2, ctx.rng, n_init=8)
    kept_inliers = ~flagged[~is_out]
    ari_clean = _ari(y[kept_inliers], labels_clean[~is_out[~flagged]])
    ctx.check({"zh": "直接做 k-means（k = 2）：离群点占走一个质心，两个真实簇被并成一个（ARI < 0.2）",
               "en": "k-means (k = 2) on everything: the outliers take a centroid and the two real blobs merge (ARI < 0.2)"},
              claimed=0.2, computed=ari_raw, op="<")
    ctx.check({"zh": "LOF > 4 找出了全部离群点", "en": "LOF > 4 flags every outlier"},
              claimed=n_out, computed=int(flagged[is_out].sum()))
    ctx.check({"zh": "被误判为离群的正常点 < 5%", "en": "fewer than 5% of the normal points are flagged"},
              claimed=0.05, computed=float(flagged[~is_out].mean()), op="<")
    ctx.check({"zh": "去掉 LOF 标出的点后再做 k-means：ARI > 0.9", "en": "k-means after removing the LOF-flagged points: ARI > 0.9"},
              claimed=0.9, computed=ari_clean, op=">")
    # "local": a point just outside a dense blob vs the points of a sparse blob
    dense = 0.1 * ctx.rng.standard_normal((60, 2))
    sparse = np.array([11.0, 0.0]) + ctx.rng.uniform(-5.0, 5.0, (60, 2))  # ≈ 0.6 points per unit area
    probe = np.array([[1.0, 0.0]])
    Z = np.vstack([dense, sparse, probe])
    lof_z, kd_z = _lof(Z, k_nn)
    ctx.check({"zh": f"局部性：紧挨着稠密簇（相距 1）的点，LOF 排第 1（值 {lof_z[-1]:.1f}）",
               "en": f"locality: the point at distance 1 from a dense blob has the largest LOF ({lof_z[-1]:.1f})"},
              claimed=len(Z) - 1, computed=int(np.argmax(lof_z)))
    ctx.check({"zh": "……而按全局的 k 近邻距离，稀疏簇里有点比它更“离群”", "en": "… while by the global k-NN distance some points of the sparse blob look more outlying"},
              claimed=kd_z[-1], computed=float(kd_z[:-1].max()), op=">")
    ctx.table([{"zh": "", "en": ""}, "ARI"], [["k-means, all points", round(ari_raw, 3)], ["LOF > 4 removed, then k-means", round(ari_clean, 3)]])
    ctx.table([{"zh": "点", "en": "point"}, "LOF"],
              [[f"outlier {i + 1}", round(float(v), 2)] for i, v in enumerate(lof[is_out])]
              + [["median normal point", round(float(np.median(lof[~is_out])), 3)]])


@proof(
    "kmeans.feature_scaling",
    title={
        "zh": "k-means 依赖特征的尺度：换单位会改变结果，先标准化",
        "en": "k-means depends on feature scales: changing a unit changes the clustering; standardise first",
    },
    params=[
        Param("scale", 1000.0, min=10.0, max=10000.0,
              help={"zh": "无信息特征换单位的倍数（如米 → 毫米为 1000；≥ 10：它的方差才压过有信息的特征）",
                    "en": "unit change of the uninformative feature (metres → millimetres is 1000; ≥ 10: its variance then swamps the informative one)"}),
    ],
    seed=15,
)
def feature_scaling(ctx, scale: float) -> None:
    n = 100
    f1 = np.r_[-3.0 + ctx.rng.standard_normal(n), 3.0 + ctx.rng.standard_normal(n)]  # informative
    f2 = ctx.rng.standard_normal(2 * n)  # pure noise, in metres
    y = np.repeat([0, 1], n)
    X = np.column_stack([f1, f2])
    Xs = np.column_stack([f1, scale * f2])  # the same data, noise feature in smaller units

    def z(A: np.ndarray) -> np.ndarray:
        return (A - A.mean(0)) / A.std(0)

    ari = {name: _ari(y, _kmeans(A, 2, ctx.rng, n_init=6)[1]) for name, A in
           (("original", X), ("rescaled", Xs), ("standardised", z(Xs)))}
    ctx.check({"zh": "原单位：k-means 找到真实的两簇（ARI > 0.9）", "en": "original units: k-means finds the two real groups (ARI > 0.9)"},
              claimed=0.9, computed=ari["original"], op=">")
    ctx.check({"zh": f"噪声特征 ×{scale:g}（只是换了单位）：k-means 改沿噪声特征切分（ARI < 0.2）",
               "en": f"noise feature ×{scale:g} (just another unit): k-means now cuts along the noise (ARI < 0.2)"},
              claimed=0.2, computed=ari["rescaled"], op="<")
    ctx.check({"zh": "z-score 标准化与单位无关：两种单位标准化后数据相同", "en": "z-scores do not depend on the unit: both versions standardise to the same data"},
              claimed=0.0, computed=float(np.abs(z(X) - z(Xs)).max()), tol=1e-9)
    ctx.check({"zh": "标准化后再做 k-means：ARI > 0.9", "en": "k-means after standardising: ARI > 0.9"},
              claimed=0.9, computed=ari["standardised"], op=">")
    ctx.table([{"zh": "数据", "en": "data"}, "ARI"], [[k, round(v, 3)] for k, v in ari.items()])


def _medoid_pair_costs(D: np.ndarray) -> np.ndarray:
    """k-medoids (k = 2) cost Σ_p min(D[p, i], D[p, j]) of every medoid pair; diagonal = inf."""
    cost = np.array([np.minimum(D[:, i : i + 1], D).sum(0) for i in range(len(D))])
    np.fill_diagonal(cost, np.inf)
    return cost


def _outlier_break_even(
    X: np.ndarray, y: np.ndarray, D: np.ndarray, pair_cost: np.ndarray | None = None
) -> tuple[float, float]:
    """Outlier distances beyond which k = 2 prefers "outlier alone + blobs merged" to the blobs.

    ``X`` holds two blobs (labels ``y``), ``D`` their distances, ``pair_cost`` (optional) the
    already computed ``_medoid_pair_costs(D)``. Returns (k-medoids, k-means):
    the extra distance cost of merging the blobs, and √ of the extra SSE of merging them.
    """
    pair_cost = _medoid_pair_costs(D) if pair_cost is None else pair_cost
    medoid = float(D.sum(0).min() - pair_cost.min())
    sse_true = sum(float(((X[y == c] - X[y == c].mean(0)) ** 2).sum()) for c in (0, 1))
    sse_merged = float(((X - X.mean(0)) ** 2).sum())
    n_blob = len(X) / 2  # the outlier joins a blob of n_blob points: SSE grows by d²·n/(n+1)
    return medoid, math.sqrt((sse_merged - sse_true) * (n_blob + 1) / n_blob)


@proof(
    "kmeans.medoid_vs_median",
    title={
        "zh": "k-medoids 的中心是数据点；k-medians 用逐坐标中位数（不一定是数据点）",
        "en": "k-medoids centres are data points; k-medians uses coordinate-wise medians (need not be)",
    },
    params=[Param("outlier", 100.0, min=40.0, max=150.0,
                  help={"zh": "离群点的位置 (o, o)；结论要求它在两个盈亏距离之间（≈ 28 与 ≈ 280）",
                        "en": "position (o, o) of the outlier; the claim needs it between the two break-even distances (≈ 28 and ≈ 280)"})],
    seed=12,
)
def medoid_vs_median(ctx, outlier: float) -> None:
    P = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]])
    med = np.median(P, axis=0)
    D = np.sqrt(_sq_dists(P, P))
    medoid = P[D.sum(1).argmin()]
    ctx.check({"zh": "逐坐标中位数 = (1, 1)", "en": "coordinate-wise median = (1, 1)"}, claimed=[1.0, 1.0], computed=med)
    ctx.check({"zh": "中位数 (1,1) 不是数据点", "en": "the median (1, 1) is not a data point"},
              claimed=False, computed=bool((np.abs(P - med).sum(1) == 0).any()))
    ctx.check({"zh": "medoid 是数据点", "en": "the medoid is a data point"},
              claimed=True, computed=bool((np.abs(P - medoid).sum(1) == 0).any()))
    # exact k-medoids (k = 2, Euclidean, all pairs) vs k-means on two blobs + one outlier.
    # Any k = 2 method isolates a far enough outlier: k-medoids once its distance exceeds the
    # extra cost of merging the blobs (≈ n·Δ, linear in n), k-means already at ≈ √n·Δ/2. With
    # n = 200 the outlier at (100, 100) (≈ 139 from the nearer blob) sits well between the two.
    n_per = 100
    X, y = _blobs(ctx.rng, np.array([[0.0, 0.0], [4.0, 0.0]]), n_per, 0.5)
    Db = np.sqrt(_sq_dists(X, X))
    pair_blobs = _medoid_pair_costs(Db)
    o = np.array([outlier, outlier])
    do = np.sqrt(((X - o) ** 2).sum(1))
    # cost of medoids {i, j} for blob points i, j (outlier goes to the nearer one) and of {i, outlier}
    cost = np.full((len(X) + 1, len(X) + 1), np.inf)
    cost[:-1, :-1] = pair_blobs + np.minimum(do[:, None], do[None, :])
    cost[:-1, -1] = np.minimum(Db, do[None, :]).sum(1)
    i, j = np.unravel_index(np.argmin(cost), cost.shape)
    Xo = np.vstack([X, o])
    Do = np.sqrt(_sq_dists(Xo, Xo[[i, j]]))
    med_labels = Do.argmin(1)
    _, km_labels, _ = _kmeans(Xo, 2, ctx.rng, n_init=6)
    ari_med = _ari(y, med_labels[:-1])
    ari_km = _ari(y, km_labels[:-1])
    medoid_break, kmeans_break = _outlier_break_even(X, y, Db, pair_blobs)
    ctx.check({"zh": "k-medoids 容忍的离群距离是 k-means 的 5 倍以上（盈亏距离之比）",
               "en": "k-medoids tolerates an outlier over 5× farther than k-means (ratio of break-even distances)"},
              claimed=5.0, computed=medoid_break / kmeans_break, op=">")
    half = np.r_[0 : n_per // 2, n_per : n_per + n_per // 2]
    sub = np.ix_(half, half)
    m_half, k_half = _outlier_break_even(X[half], y[half], Db[sub])
    ctx.check({"zh": "样本数加倍：k-medoids 的盈亏距离约 ×2（线性），k-means 的约 ×√2",
               "en": "doubling the points: break-even distance ≈ ×2 for k-medoids (linear), ≈ ×√2 for k-means"},
              claimed=[2.0, math.sqrt(2)], computed=[medoid_break / m_half, kmeans_break / k_half], rel=0.15)
    ctx.check({"zh": "k-medoids 仍分开两个真实簇（ARI > 0.9）", "en": "k-medoids still separates the two real blobs (ARI > 0.9)"},
              claimed=0.9, computed=ari_med, op=">")
    ctx.check({"zh": "k-means 被离群点劫持（ARI < 0.1）", "en": "k-means is hijacked by the outlier (ARI < 0.1)"},
              claimed=0.1, computed=ari_km, op="<")
    dist = float(do.min())
    ctx.note({"zh": f"离群点到最近样本的距离 {dist:.0f}；盈亏距离：k-medoids ≈ {medoid_break:.0f}，k-means ≈ {kmeans_break:.0f}",
              "en": f"outlier's distance to the nearest sample {dist:.0f}; break-even: k-medoids ≈ {medoid_break:.0f}, "
                    f"k-means ≈ {kmeans_break:.0f}"})
    ctx.table(
        [{"zh": "方法", "en": "method"}, {"zh": "中心", "en": "centre"}, {"zh": "损失", "en": "cost"}],
        [["k-medoids", {"zh": "数据点", "en": "a data point"}, "Σ d(x, m)"],
         ["k-medians", {"zh": "逐坐标中位数", "en": "coordinate-wise median"}, "Σ ‖x − m‖₁"],
         ["k-means", {"zh": "均值", "en": "mean"}, "Σ ‖x − μ‖²"]],
    )


def _bisecting(X: np.ndarray, k: int, rng: np.random.Generator) -> tuple[np.ndarray, list[float]]:
    """Bisecting k-means: split the largest-SSE cluster with 2-means (best of 3) until k clusters.

    Returns the labels and the total SSE after each split (starting with one cluster).
    """
    labels = np.zeros(len(X), dtype=int)
    sse_hist = [float(((X - X.mean(0)) ** 2).sum())]
    for new in range(1, k):
        sse = [float(((X[labels == j] - X[labels == j].mean(0)) ** 2).sum()) for j in range(new)]
        idx = np.flatnonzero(labels == int(np.argmax(sse)))
        _, sub, _ = _kmeans(X[idx], 2, rng, n_init=3)
        labels[idx[sub == 1]] = new
        C = np.array([X[labels == j].mean(0) for j in range(new + 1)])
        sse_hist.append(_inertia(X, C, labels))
    return labels, sse_hist


@proof(
    "kmeans.bisecting",
    title={"zh": "二分 k-means：反复把 SSE 最大的簇一分为二", "en": "Bisecting k-means: repeatedly split the cluster with the largest SSE"},
    params=[
        Param("k", 6, min=2, max=10, help={"zh": "最终簇数", "en": "final number of clusters"}),
        Param("std", 0.7, min=0.1, max=0.75,
              help={"zh": "高斯团的标准差（团间距为 5；结论要求团分离良好：std ≤ 0.75）",
                    "en": "blob standard deviation (blobs are 5 apart; the claim needs well-separated blobs: std ≤ 0.75)"}),
    ],
    seed=13,
)
def bisecting(ctx, k: int, std: float) -> None:
    # Bisecting is greedy: on an unlucky draw its first split can cut a blob in two, so the
    # "typical" claims (SSE, ARI) are averaged over several data sets; data set 0 is shown.
    n_sets, n_random = 8, 10
    bis_J, rand_J, aris = [], [], []
    for _ in range(n_sets):
        Xs, ys = _blobs(ctx.rng, _grid_centres(k, 5.0), 40, std)
        lab, hist = _bisecting(Xs, k, ctx.rng)
        bis_J.append(hist[-1])
        aris.append(_ari(ys, lab))
        rand_J.append(float(np.mean([_lloyd(Xs, _random_init(Xs, k, ctx.rng))[2][-1] for _ in range(n_random)])))
        if len(bis_J) == 1:
            X, y, labels, sse_hist = Xs, ys, lab, hist
    ctx.check({"zh": "得到 k 个非空簇", "en": "k non-empty clusters"}, claimed=k, computed=len(np.unique(labels)))
    ctx.check({"zh": "每次二分后 SSE 的最大增量 ≤ 0", "en": "largest SSE increase after a split ≤ 0"},
              claimed=0.0, computed=float(np.diff(sse_hist).max()), op="<=", tol=1e-9)
    ctx.check(
        {"zh": f"{n_sets} 组数据平均：二分 k-means 的 SSE ≤ 随机初始化 Lloyd 的平均 SSE（每组 {n_random} 次）",
         "en": f"averaged over {n_sets} data sets: bisecting SSE ≤ mean SSE of random-init Lloyd ({n_random} runs each)"},
        claimed=float(np.mean(rand_J)), computed=float(np.mean(bis_J)), op="<=")
    ctx.check({"zh": f"{n_sets} 组数据平均：与真实簇的 ARI > 0.8",
               "en": f"averaged over {n_sets} data sets: ARI with the true blobs > 0.8"},
              claimed=0.8, computed=float(np.mean(aris)), op=">")
    _, refined, refined_hist, _ = _lloyd(X, np.array([X[labels == j].mean(0) for j in range(k)]))
    ctx.check({"zh": "从二分结果出发再做整体 Lloyd 微调：ARI > 0.9",
               "en": "after global Lloyd refinement from the bisecting centres: ARI > 0.9"},
              claimed=0.9, computed=_ari(y, refined), op=">")
    ctx.table(
        [{"zh": "数据组", "en": "data set"}, {"zh": "二分 SSE", "en": "bisecting SSE"},
         {"zh": "随机初始化 Lloyd 的平均 SSE", "en": "random-init Lloyd mean SSE"}, "ARI"],
        [[i, round(b, 1), round(r, 1), round(a, 3)] for i, (b, r, a) in enumerate(zip(bis_J, rand_J, aris, strict=True))],
    )
    ctx.note({"zh": f"数据组 0：二分后 SSE = {sse_hist[-1]:.1f}，整体 Lloyd 微调后 = {refined_hist[-1]:.1f}",
              "en": f"data set 0: SSE {sse_hist[-1]:.1f} after bisecting, {refined_hist[-1]:.1f} after global Lloyd refinement"})
    ctx.plot({"zh": "每次二分后的总 SSE（数据组 0）", "en": "total SSE after each split (data set 0)"},
             [ctx.series("SSE", list(range(1, k + 1)), sse_hist)], xlabel="clusters", ylabel="SSE")


# --------------------------------------------------------------------------- high dimensions


@proof(
    "kmeans.distance_concentration",
    title={
        "zh": "高维距离集中：(最远 − 最近)/最近 随维数缩小",
        "en": "Distance concentration: (max − min)/min of distances shrinks with the dimension",
    },
    params=[Param("n", 200, min=20, max=2000,
                  help={"zh": "每个维度下的随机点数", "en": "random points per dimension"})],
    seed=14,
)
def distance_concentration(ctx, n: int) -> None:
    dims = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
    contrast = []
    for d in dims:
        X = ctx.rng.random((n, d))
        q = ctx.rng.random(d)
        dist = np.sqrt(((X - q) ** 2).sum(1))
        contrast.append(float((dist.max() - dist.min()) / dist.min()))
    ctx.check({"zh": "d = 1000 时相对对比度 < d = 2 时的 1/10", "en": "relative contrast at d = 1000 < 1/10 of d = 2"},
              claimed=contrast[1] / 10, computed=contrast[-1], op="<")
    ctx.check({"zh": "d = 1000 时 (max − min)/min < 0.5", "en": "(max − min)/min at d = 1000 < 0.5"},
              claimed=0.5, computed=contrast[-1], op="<")
    ctx.table(["d", "(max − min)/min"], [[d, round(c, 3)] for d, c in zip(dims, contrast, strict=True)])
    ctx.plot({"zh": "相对对比度 vs 维数", "en": "relative contrast vs dimension"},
             [ctx.series("(max−min)/min", [math.log10(d) for d in dims], contrast)],
             xlabel="log10 d", ylabel="contrast", logy=True)


@proof(
    "kmeans.pca_then_kmeans",
    title={"zh": "先 PCA 降维再聚类：高维噪声下效果更好", "en": "PCA before k-means helps when most dimensions are noise"},
    params=[
        Param("noise_dims", 300, min=300, max=500,
              help={"zh": "纯噪声维度数（结论的适用区间：噪声多到原始空间的 k-means 失效，又未淹没信号）",
                    "en": "pure-noise dimensions (the claim's regime: enough noise to break raw k-means, not enough to drown the signal)"}),
        Param("sep", 4.5, min=4.0, max=5.0,
              help={"zh": "两个簇均值之间的距离（4–5：信号高于噪声阈值，但原始空间仍会聚错）",
                    "en": "distance between the two cluster means (4–5: signal above the noise threshold, yet raw k-means still errs)"}),
    ],
    seed=15,
)
def pca_then_kmeans(ctx, noise_dims: int, sep: float) -> None:
    # one draw of 120 points is noisy (ARI of one run swings by ±0.3), so the claims are averaged
    # over several data sets; data set 0 is shown
    n, n_sets = 60, 6
    d = noise_dims + 1
    y = np.repeat([0, 1], n)
    cos, raw, pca = [], [], []
    for _ in range(n_sets):
        X = ctx.rng.standard_normal((2 * n, d))
        X[y == 1, 0] += sep
        Xc = X - X.mean(0)
        _, sv, Vt = np.linalg.svd(Xc, full_matrices=False)
        Z = Xc @ Vt[:1].T
        cos.append(abs(float(Vt[0, 0])))
        raw.append(_ari(y, _kmeans(X, 2, ctx.rng, n_init=5)[1]))
        pca.append(_ari(y, _kmeans(Z, 2, ctx.rng, n_init=5)[1]))
        if len(cos) == 1:
            svals = sv
    ari_raw, ari_pca = float(np.mean(raw)), float(np.mean(pca))
    regime = {"zh": f"{noise_dims} 个噪声维、间距 {sep:g}，{n_sets} 组数据平均",
              "en": f"{noise_dims} noise dims, separation {sep:g}, mean of {n_sets} data sets"}
    ctx.check({"zh": f"{regime['zh']}：第一主成分与簇间方向的 |cos| > 0.5（随机方向约 {1 / math.sqrt(d):.2f}）",
               "en": f"{regime['en']}: |cos| between PC1 and the cluster direction > 0.5 (a random direction: ≈ {1 / math.sqrt(d):.2f})"},
              claimed=0.5, computed=float(np.mean(cos)), op=">")
    ctx.check({"zh": f"{regime['zh']}：PCA 后 k-means 的 ARI > 原始空间的 ARI",
               "en": f"{regime['en']}: ARI after PCA > ARI in the raw space"},
              claimed=ari_raw, computed=ari_pca, op=">")
    ctx.table([{"zh": "空间",
                "en": "space"}, {"zh": "平均 ARI", "en": "mean ARI"}],
              [[f"raw ({d} dims)", round(ari_raw, 3)], ["PCA (1 dim)", round(ari_pca, 3)]])
    ev = (svals**2 / (svals**2).sum())[:10]
    ctx.plot({"zh": "前 10 个主成分的解释方差比例", "en": "explained variance ratio of the first 10 PCs"},
             [ctx.series("EVR", list(range(1, len(ev) + 1)), ev)], xlabel="component", ylabel="ratio")


@proof(
    "kmeans.cosine_normalised",
    title={
        "zh": "单位向量上 ‖a − b‖² = 2 − 2cos：离单位长度中心最近 = 余弦相似度最大",
        "en": "For unit vectors ‖a − b‖² = 2 − 2cos: the nearest unit-length centre is the most cosine-similar",
    },
    params=[
        Param("dim", 500, min=10, max=5000,
              help={"zh": "稀疏向量的维度", "en": "dimension of the sparse vectors"}),
        Param("density", 0.02, min=0.001, max=0.5,
              help={"zh": "非零元素的比例", "en": "share of non-zero entries"}),
    ],
    seed=16,
)
def cosine_normalised(ctx, dim: int, density: float) -> None:
    def sparse(rows: int) -> np.ndarray:
        M = ctx.rng.random((rows, dim)) * (ctx.rng.random((rows, dim)) < density)
        M[:, 0] += 1e-3  # no all-zero rows
        return M / np.linalg.norm(M, axis=1, keepdims=True)

    A, B = sparse(100), sparse(5)
    cos = A @ B.T
    gap = float(np.abs(_sq_dists(A, B) - (2 - 2 * cos)).max())
    ctx.check({"zh": "‖a−b‖² 与 2 − 2cos 的最大偏差", "en": "largest deviation of ‖a−b‖² from 2 − 2cos"},
              claimed=0.0, computed=gap, tol=1e-12)
    ctx.check({"zh": "单位长度中心：最近（欧氏）中心 = 余弦最大中心",
               "en": "unit-length centres: nearest (Euclidean) centre = most similar (cosine) centre"},
              claimed=True, computed=bool(np.array_equal(_sq_dists(A, B).argmin(1), cos.argmax(1))))
    a = sp.Matrix(sp.symbols("a1:4", real=True))
    b = sp.Matrix(sp.symbols("b1:4", real=True))
    lhs = (a - b).dot(a - b)
    rhs = a.dot(a) + b.dot(b) - 2 * a.dot(b)
    ctx.check({"zh": "‖a−b‖² − (‖a‖² + ‖b‖² − 2a·b) = 0 (sympy)",
               "en": "‖a−b‖² − (‖a‖² + ‖b‖² − 2a·b) = 0 (sympy)"}, claimed=0, computed=sp.expand(lhs - rhs))
    ctx.formula(r"\|a\|=\|b\|=1\ \Rightarrow\ \|a-b\|^2=2-2\cos(a,b)")


@proof(
    "kmeans.gmm_limit",
    title={
        "zh": "k-means 是共享方差 σ²I 的 GMM 在 σ → 0 时的极限（软分配 → 硬分配）",
        "en": "k-means is the σ → 0 limit of a GMM with shared covariance σ²I (soft → hard assignment)",
    },
    params=[Param("sigma", 0.05, min=0.01, max=0.5,
                  help={"zh": "共享标准差（越小，软分配越接近硬分配）",
                        "en": "shared standard deviation (the smaller, the closer soft is to hard)"})],
    seed=17,
)
def gmm_limit(ctx, sigma: float) -> None:
    X = ctx.rng.normal(size=(50, 2)) * 2
    mu = np.array([[-1.0, 0.0], [1.0, 0.5], [0.0, 2.0]])
    d2 = _sq_dists(X, mu)
    hard = np.eye(3)[d2.argmin(1)]
    # drop points lying (almost) on a boundary, where the limit is a tie
    srt = np.sort(d2, axis=1)
    keep = (srt[:, 1] - srt[:, 0]) > 0.5

    def resp(s: float) -> np.ndarray:
        logits = -d2 / (2 * s * s)
        logits -= logits.max(1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(1, keepdims=True)

    rows = []
    for s in (5.0, 1.0, 0.3, sigma):
        rows.append([s, round(float(np.abs(resp(s)[keep] - hard[keep]).max()), 8)])
    # 1 − r(nearest) = Σ_{j≠near} r_j ≤ Σ_{j≠near} exp(−(d_j² − d_near²)/(2σ²)) ≤ (k − 1)·exp(−Δ/(2σ²)),
    # Δ = the smallest margin d² (second nearest) − d² (nearest) of the kept points: → 0 as σ → 0
    margin = float((srt[:, 1] - srt[:, 0])[keep].min())
    bound = (len(mu) - 1) * math.exp(-margin / (2 * sigma * sigma))
    ctx.check({"zh": f"σ = {sigma:g}：软分配与最近质心硬分配之差 ≤ (k−1)·exp(−Δ/(2σ²)) = {bound:.3g}（σ → 0 时 → 0）",
               "en": f"σ = {sigma:g}: gap between soft responsibilities and the nearest-centroid assignment "
                     f"≤ (k−1)·exp(−Δ/(2σ²)) = {bound:.3g} (→ 0 as σ → 0)"},
              claimed=bound, computed=float(np.abs(resp(sigma)[keep] - hard[keep]).max()), op="<=", tol=1e-12)
    ctx.check({"zh": "σ = 0.01 时软分配与硬分配之差 = 0（极限）",
               "en": "at σ = 0.01 the soft and the hard assignment coincide (the limit)"},
              claimed=0.0, computed=float(np.abs(resp(0.01)[keep] - hard[keep]).max()), tol=1e-9)
    ctx.check({"zh": "σ 很大时责任接近均匀 1/3", "en": "at large σ responsibilities are close to uniform 1/3"},
              claimed=1 / 3, computed=float(np.abs(resp(1000.0) - 1 / 3).max() + 1 / 3), tol=1e-3)
    ctx.formula(r"r_{ik}=\frac{\exp(-\|x_i-\mu_k\|^2/(2\sigma^2))}{\sum_j\exp(-\|x_i-\mu_j\|^2/(2\sigma^2))}"
                r"\ \xrightarrow{\sigma\to0}\ \mathbb{1}[k=\arg\min_j\|x_i-\mu_j\|]")
    ctx.table(["σ", {"zh": "与硬分配的最大差", "en": "max gap to hard assignment"}], rows)
