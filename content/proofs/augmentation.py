"""Proofs for the data augmentation / class imbalance deck (深度学习基础 › 3. 数据增强)."""

from __future__ import annotations

import math

import numpy as np

from studytool.proofs.api import Param, proof


def _upper_tails(x: np.ndarray) -> list:
    """Q(x) = P(N(0, 1) > x) as 40-digit mpmath numbers: the optima below can sit far in a tail,
    where 1 − Φ(x) in floating point would round to 0 or 1 and flatten the objectives."""
    import mpmath

    mpmath.mp.dps = 40
    return [mpmath.erfc(mpmath.mpf(float(v)) / mpmath.sqrt(2)) / 2 for v in x]


def _argmax(values: list) -> int:
    return max(range(len(values)), key=values.__getitem__)


def _cross_entropy(p: np.ndarray, y: np.ndarray) -> float:
    return float(-(y * np.log(p)).sum())


@proof(
    "augmentation.mixup_labels",
    title={
        "zh": "mixup：输入与标签按同一 λ 线性混合，损失也随之线性混合",
        "en": "mixup: inputs and labels mixed with the same λ; the loss mixes linearly too",
    },
    params=[
        Param("lam", 0.7, min=0.0, max=1.0, help={"zh": "混合权重 λ", "en": "mixing weight λ"}),
        Param("alpha", 0.4, min=0.05, max=10.0,
              help={"zh": "采样 λ 所用 Beta(α, α) 分布的参数",
                    "en": "Beta(α, α) parameter for sampling λ"}),
    ],
    seed=0,
)
def mixup_labels(ctx, lam: float, alpha: float) -> None:
    rng = ctx.rng
    classes = 3
    x_i, x_j = rng.normal(size=(8, 8)), rng.normal(size=(8, 8))
    y_i, y_j = np.eye(classes)[0], np.eye(classes)[1]  # class 0 ("cat") and class 1 ("dog")
    x_mix = lam * x_i + (1 - lam) * x_j
    y_mix = lam * y_i + (1 - lam) * y_j
    ctx.check(
        {"zh": f"λ = {lam} 时的混合标签：[λ, 1−λ, 0]", "en": f"mixed label for λ = {lam}: [λ, 1−λ, 0]"},
        claimed=[lam, 1 - lam, 0.0],
        computed=y_mix,
        tol=1e-12,
    )
    ctx.check(
        {"zh": "混合标签仍是一个概率分布（和为 1）", "en": "mixed label is still a distribution (sums to 1)"},
        claimed=1.0,
        computed=y_mix.sum(),
        tol=1e-12,
    )
    ctx.check(
        {"zh": "混合输入是同样的凸组合（逐像素）", "en": "mixed input is the same convex combination (pixel-wise)"},
        claimed=0.0,
        computed=float(np.abs(x_mix - (x_j + lam * (x_i - x_j))).max()),
        tol=1e-12,
    )
    logits = rng.normal(size=classes)
    p = np.exp(logits - logits.max())
    p /= p.sum()
    lhs = _cross_entropy(p, y_mix)
    rhs = lam * _cross_entropy(p, y_i) + (1 - lam) * _cross_entropy(p, y_j)
    ctx.check({"zh": "CE(p, ỹ) = λ·CE(p, y_i) + (1−λ)·CE(p, y_j)",
               "en": "CE(p, ỹ) = λ·CE(p, y_i) + (1−λ)·CE(p, y_j)"}, claimed=rhs, computed=lhs, tol=1e-12)
    lams = rng.beta(alpha, alpha, size=20000)
    ctx.check(
        {"zh": f"λ ~ Beta({alpha}, {alpha}) 是对称的：均值 ≈ 0.5",
         "en": f"λ ~ Beta({alpha}, {alpha}) is symmetric: mean ≈ 0.5"},
        claimed=0.5,
        computed=float(lams.mean()),
        tol=0.02,
    )
    ctx.formula(
        r"\tilde x=\lambda x_i+(1-\lambda)x_j,\quad \tilde y=\lambda y_i+(1-\lambda)y_j,"
        r"\quad \lambda\sim\mathrm{Beta}(\alpha,\alpha)"
    )
    hist, edges = np.histogram(lams, bins=20, range=(0, 1), density=True)
    ctx.plot(
        {"zh": "λ 的分布", "en": "distribution of λ"},
        [ctx.series(f"Beta({alpha},{alpha})", (edges[:-1] + edges[1:]) / 2, hist)],
        xlabel="λ",
        ylabel="density",
    )


@proof(
    "augmentation.cutmix_area_label",
    title={
        "zh": "CutMix：标签权重 = 贴入区域所占面积比例",
        "en": "CutMix: the label weight equals the pasted area fraction",
    },
    params=[Param("size", 32, min=8, max=128, help={"zh": "图像边长", "en": "image side"})],
    seed=1,
)
def cutmix_area_label(ctx, size: int) -> None:
    rng = ctx.rng
    a = np.zeros((size, size))  # image of class A, all pixels tagged 0
    b = np.ones((size, size))  # image of class B, all pixels tagged 1
    rows = []
    for trial in range(5):
        lam = float(rng.beta(1.0, 1.0))
        cut = math.sqrt(1 - lam)
        h = w = int(size * cut)
        cy, cx = rng.integers(size), rng.integers(size)
        y0, y1 = max(cy - h // 2, 0), min(cy + h // 2, size)
        x0, x1 = max(cx - w // 2, 0), min(cx + w // 2, size)
        mixed = a.copy()
        mixed[y0:y1, x0:x1] = b[y0:y1, x0:x1]
        lam_adj = 1 - (y1 - y0) * (x1 - x0) / size**2  # recomputed after clipping the box
        frac_b = float(mixed.mean())
        ok = ctx.check(
            {"zh": f"试验 {trial}：B 的标签权重 = 1 − λ_adj = 粘贴区域的面积占比",
             "en": f"trial {trial}: label weight of B = 1 − λ_adj = pasted area fraction"},
            claimed=1 - lam_adj,
            computed=frac_b,
            tol=1e-12,
        )
        rows.append([round(lam, 4), round(lam_adj, 4), frac_b, ok])
    # the card's case: a (size/2)×(size/2) patch fully inside the image
    half = size // 2
    mixed = a.copy()
    y0 = x0 = size // 4
    mixed[y0 : y0 + half, x0 : x0 + half] = b[y0 : y0 + half, x0 : x0 + half]
    ctx.check(
        {"zh": f"{half}×{half} 的贴片完整落在 {size}×{size} 图像内：B 的权重 = {half * half}/{size * size}",
         "en": f"a {half}×{half} patch fully inside a {size}×{size} image: weight of B = "
               f"{half * half}/{size * size}"},
        claimed=half * half / size**2,
        computed=float(mixed.mean()),
        tol=1e-12,
    )
    ctx.formula(r"\tilde y=\lambda y_A+(1-\lambda)y_B,\quad \lambda=1-\frac{|\text{box}|}{WH}")
    ctx.table([{"zh": "采样的 λ",
                "en": "sampled λ"}, {"zh": "裁剪后的 λ", "en": "λ after clipping"}, {"zh": "B 的像素占比",
                                                 "en": "fraction of B pixels"}, {"zh": "一致",
                                                                         "en": "match"}], rows)


@proof(
    "augmentation.threshold_moving",
    title={
        "zh": "阈值移动：校准概率下平衡准确率的最优阈值 = 少数类先验",
        "en": "Threshold moving: for calibrated probabilities the balanced-accuracy optimum is the minority prior",
    },
    params=[
        Param("minority", 100, min=1, max=500,
              help={"zh": "少数类（正类）样本数（≤ 500 < 多数类的下限 600：正类确为少数类）",
                    "en": "number of minority (positive) samples (≤ 500, below the majority's minimum 600: "
                          "the positives really are the minority)"}),
        Param("majority", 900, min=600, max=100000,
              help={"zh": "多数类（负类）样本数（≥ 600 > 少数类的上限 500）",
                    "en": "number of majority (negative) samples (≥ 600, above the minority's maximum 500)"}),
        Param("separation", 1.5, min=0.2, max=5.0,
              help={"zh": "两类均值之间的距离", "en": "distance between the class means"}),
    ],
    seed=2,
)
def threshold_moving(ctx, minority: int, majority: int, separation: float) -> None:
    pi = minority / (minority + majority)
    mu1 = separation  # x | y=1 ~ N(mu1, 1), x | y=0 ~ N(0, 1)
    # the grid must reach the points where the posterior crosses π, 0.5 and 1/6 (the cost threshold
    # below); the crossing of t lies at x = mu1/2 + (logit t − logit π)/mu1, far out for small π or a
    # small separation
    logit_pi = math.log(pi / (1 - pi))
    reach = max(abs(math.log(t / (1 - t)) - logit_pi) for t in (0.5, 1 / 6)) / mu1
    xs = np.linspace(-6 - reach, 6 + mu1 + reach, 2001)
    log_lr = mu1 * xs - mu1**2 / 2  # log p(x|1)/p(x|0)
    posterior = 1 / (1 + np.exp(-(log_lr + math.log(pi / (1 - pi)))))  # calibrated under prior pi
    # predict positive when x > threshold: TPR = Q(x − mu1), FPR = Q(x)
    q_pos, q_neg = _upper_tails(xs - mu1), _upper_tails(xs)

    def best(gain_pos: float, cost_neg: float) -> int:
        """Grid index maximising gain_pos·TPR − cost_neg·FPR (every metric below is of this form)."""
        return _argmax([gain_pos * tp - cost_neg * fp for tp, fp in zip(q_pos, q_neg, strict=True)])

    tpr, fpr = np.array(q_pos, dtype=float), np.array(q_neg, dtype=float)
    bal = (tpr + 1 - fpr) / 2
    acc = pi * tpr + (1 - pi) * (1 - fpr)
    i_bal = best(1.0, 1.0)  # balanced accuracy = (TPR + 1 − FPR)/2
    i_acc = best(pi, 1 - pi)  # accuracy = π·TPR + (1 − π)(1 − FPR)
    t_bal = float(posterior[i_bal])
    t_acc = float(posterior[i_acc])
    step = float(np.max(np.diff(posterior)))
    ctx.check(
        {"zh": "平衡准确率在后验阈值 = π = 少数类/(少数类+多数类) 处最大",
         "en": "balanced accuracy is maximal at posterior threshold = π = minority/(minority+majority)"},
        claimed=pi,
        computed=t_bal,
        tol=step + 1e-4,
    )
    ctx.check(
        {"zh": "普通准确率在阈值 0.5 处最大",
         "en": "plain accuracy is maximal at threshold 0.5"}, claimed=0.5, computed=t_acc, tol=step + 1e-4
    )
    i_half = int(np.argmin(np.abs(posterior - 0.5)))
    i_pi = int(np.argmin(np.abs(posterior - pi)))
    ctx.check(
        {"zh": "把阈值从 0.5 移到 π 会提高少数类的召回率（需 π < 0.5，即正类确为少数类）",
         "en": "moving the threshold from 0.5 to π raises recall of the minority class (needs π < 0.5: "
               "the positives really are the minority)"},
        claimed=float(tpr[i_half]),
        computed=float(tpr[i_pi]),
        op=">",
    )
    # cost view: minimise c_FN·P(miss) + c_FP·P(false alarm); the optimum is c_FP / (c_FP + c_FN)
    for c_fn, c_fp in ((5.0, 1.0), ((1 - pi) / pi, 1.0)):
        # expected cost c_FN·π·(1 − TPR) + c_FP·(1 − π)·FPR is minimal where c_FN·π·TPR − c_FP·(1 − π)·FPR
        # is maximal
        i_cost = best(c_fn * pi, c_fp * (1 - pi))
        ctx.check(
            {"zh": f"c_FN/c_FP = {c_fn / c_fp:.3g} 时的最小期望代价：阈值 c_FP/(c_FP+c_FN)",
             "en": f"min expected cost with c_FN/c_FP = {c_fn / c_fp:.3g}: threshold c_FP/(c_FP+c_FN)"},
            claimed=c_fp / (c_fp + c_fn),
            computed=float(posterior[i_cost]),
            tol=step + 1e-4,
        )
    # a model trained on balanced (resampled) data outputs s = LR / (1 + LR)
    s_bal = 1 / (1 + np.exp(-log_lr))
    ctx.check(
        {"zh": "在平衡数据上训练的模型：要在真实先验下获得最高准确率，其分数阈值需取 1 − π",
         "en": "model trained on balanced data: best accuracy on the real prior needs threshold 1 − π on its score"},
        claimed=1 - pi,
        computed=float(s_bal[i_acc]),
        tol=float(np.max(np.diff(s_bal))) + 1e-4,
    )
    ctx.check(
        {"zh": "……而它的平衡准确率最优阈值为 0.5", "en": "…and its balanced-accuracy optimum is 0.5"},
        claimed=0.5,
        computed=float(s_bal[i_bal]),
        tol=float(np.max(np.diff(s_bal))) + 1e-4,
    )
    # the same on simulated scores, 20000 per class (balanced accuracy does not depend on the class
    # mix of the sample, and this keeps both classes well populated for any π). The empirical
    # optimum of x is noisy by about ±0.1–0.4; on the log-odds (= mu1·x + const) that is mu1 times
    # larger, hence the tolerance 0.2·max(1, mu1)
    rng = ctx.rng
    n_sim = 20000
    s_pos = mu1 * rng.normal(mu1, 1, n_sim) - mu1**2 / 2 + logit_pi  # log-odds of the calibrated model
    s_neg = mu1 * rng.normal(0, 1, n_sim) - mu1**2 / 2 + logit_pi
    grid = logit_pi + np.linspace(-3, 3, 241)  # thresholds on the log-odds, around logit(π)
    s_pos.sort()
    s_neg.sort()
    emp = (1 - np.searchsorted(s_pos, grid, side="right") / n_sim
           + np.searchsorted(s_neg, grid, side="right") / n_sim) / 2  # (TPR + TNR) / 2
    tol_sim = 0.2 * max(1.0, mu1)
    ctx.check(
        {"zh": f"模拟分数（每类 {n_sim} 个）：经验平衡准确率最优阈值的对数几率与 logit(π) 相差 ≤ {tol_sim:.2g}",
         "en": f"simulated scores ({n_sim} per class): the empirical balanced-accuracy optimum is within "
               f"{tol_sim:.2g} of logit(π) in log-odds"},
        claimed=logit_pi,
        computed=float(grid[int(np.argmax(emp))]),
        tol=tol_sim,
    )
    ctx.formula(
        r"\hat y=1\iff p(y{=}1\mid x)>\pi\iff\frac{p(x\mid 1)}{p(x\mid 0)}>1,\quad \pi=\frac{n_{\min}}{n_{\min}+n_{\max}}"
    )
    sel = slice(None, None, 40)
    ctx.plot(
        {"zh": "阈值与指标", "en": "threshold vs metric"},
        [
            ctx.series("balanced acc", posterior[sel], bal[sel]),
            ctx.series("accuracy", posterior[sel], acc[sel]),
            ctx.series("recall", posterior[sel], tpr[sel]),
        ],
        xlabel="threshold on p(y=1|x)",
        ylabel="metric",
    )


def _fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, iters: int = 30) -> np.ndarray:
    """Weighted logistic regression (intercept, slope) by Newton's method."""
    design = np.column_stack([np.ones_like(x), x])
    beta = np.zeros(2)
    for _ in range(iters):
        p = 1 / (1 + np.exp(-design @ beta))
        grad = design.T @ (w * (y - p))
        hess = (design * (w * p * (1 - p))[:, None]).T @ design
        beta += np.linalg.solve(hess, grad)
    return beta


@proof(
    "augmentation.resampling",
    title={
        "zh": "欠采样丢数据、过采样复制数据；重采样让模型的截距偏移 log((1−π)/π)",
        "en": "Undersampling drops data, oversampling duplicates it; resampling shifts the intercept by log((1−π)/π)",
    },
    params=[Param("ratio", 9, min=2, max=50,
                  help={"zh": "多数类 : 少数类的样本比例（整数）",
                        "en": "majority : minority ratio (integer)"})],
    seed=3,
)
def resampling(ctx, ratio: int) -> None:
    rng = ctx.rng
    n_min = 400
    n_maj = n_min * ratio
    x = np.concatenate([rng.normal(1.5, 1, n_min), rng.normal(0, 1, n_maj)])
    y = np.concatenate([np.ones(n_min), np.zeros(n_maj)])
    base = _fit_logistic(x, y, np.ones_like(x))
    # random oversampling: duplicate each minority sample (ratio − 1) more times
    x_over = np.concatenate([np.repeat(x[:n_min], ratio), x[n_min:]])
    y_over = np.concatenate([np.ones(n_min * ratio), np.zeros(n_maj)])
    over = _fit_logistic(x_over, y_over, np.ones_like(x_over))
    weighted = _fit_logistic(x, y, np.where(y == 1, float(ratio), 1.0))
    ctx.check(
        {"zh": "通过复制做过采样 = 按比例给少数类加权（拟合结果相同）",
         "en": "oversampling by duplication = weighting the minority by the ratio (same fit)"},
        claimed=weighted,
        computed=over,
        tol=1e-8,
    )
    ctx.check(
        {"zh": "过采样不增加新信息：少数类的不重复样本点不变",
         "en": "oversampling adds no new information: unique minority points unchanged"},
        claimed=n_min,
        computed=len(np.unique(x_over[: n_min * ratio])),
        tol=0,
    )
    keep = rng.choice(n_maj, size=n_min, replace=False)
    x_under = np.concatenate([x[:n_min], x[n_min:][keep]])
    y_under = np.concatenate([np.ones(n_min), np.zeros(n_min)])
    under = _fit_logistic(x_under, y_under, np.ones_like(x_under))
    ctx.check(
        {"zh": "随机欠采样只在 2·n_min 个点上训练，丢弃了多数类的 1 − 1/ratio",
         "en": "random undersampling trains on 2·n_min points, discarding 1 − 1/ratio of the majority"},
        claimed=1 - 1 / ratio,
        computed=1 - (x_under.size - n_min) / n_maj,
        tol=1e-12,
    )
    ctx.check(
        {"zh": "欠采样以同样的方式移动截距（噪声更大：样本更少）",
         "en": "undersampling shifts the intercept the same way (noisier: fewer points)"},
        claimed=math.log(ratio),
        computed=float(under[0] - base[0]),
        # over 200 seeds the gap to log(ratio) has sd 0.03–0.06 (ratio 2–50), largest 0.19; 0.25 still fails a
        # claim 50 % off (0.35 at ratio 2)
        tol=0.25,
    )
    shift = math.log(ratio)
    ctx.check(
        {"zh": "类别平衡使拟合截距移动 ≈ log((1−π)/π) = log(ratio)",
         "en": "balancing shifts the fitted intercept by ≈ log((1−π)/π) = log(ratio)"},
        claimed=shift,
        computed=float(over[0] - base[0]),
        tol=0.25,
    )
    ctx.check(
        {"zh": "……而斜率 ≈ 不变",
         "en": "…while the slope is ≈ unchanged"}, claimed=float(base[1]), computed=float(over[1]), tol=0.25
    )
    ctx.table(
        [{"zh": "拟合", "en": "fit"}, {"zh": "截距", "en": "intercept"}, {"zh": "斜率", "en": "slope"}],
        [
            ["original", *base],
            ["oversampled", *over],
            ["weighted", *weighted],
            ["undersampled", *under],
        ],
    )
    ctx.formula(
        r"\mathrm{logit}\,p_{\text{balanced}}(x)=\mathrm{logit}\,p(x)+\log\frac{1-\pi}{\pi}"
    )


@proof(
    "augmentation.easy_ensemble",
    title={
        "zh": "EasyEnsemble（平衡子集集成）：每个子集平衡，合起来覆盖更多多数类样本",
        "en": "EasyEnsemble (balanced bagging): each subset is balanced, together they cover more majority data",
    },
    params=[
        Param("subsets", 10, min=1, max=100,
              help={"zh": "平衡子集个数 K", "en": "number of balanced subsets K"}),
        Param("minority", 100, min=1, max=2000, help={"zh": "少数类样本数", "en": "minority size"}),
        Param("majority", 900, min=2, max=20000,
              help={"zh": "多数类样本数", "en": "majority size"}),
    ],
    seed=4,
)
def easy_ensemble(ctx, subsets: int, minority: int, majority: int) -> None:
    rng = ctx.rng
    m = min(minority, majority)
    coverage = []
    for _ in range(200):
        used = np.zeros(majority, dtype=bool)
        for _ in range(subsets):
            pick = rng.choice(majority, size=m, replace=False)
            used[pick] = True
        coverage.append(used.mean())
    # one subset built from labelled indices (minority first, label 1), and its labels counted
    labels = np.concatenate([np.ones(minority, dtype=int), np.zeros(majority, dtype=int)])
    minority_idx, majority_idx = np.flatnonzero(labels == 1), np.flatnonzero(labels == 0)
    subset = rng.choice(majority, size=m, replace=False)
    # all of the minority (when it is the smaller class; otherwise m of it, so the subset stays balanced)
    taken = minority_idx if minority <= majority else rng.choice(minority_idx, size=m, replace=False)
    members = np.concatenate([taken, majority_idx[subset]])
    counts = np.bincount(labels[members], minlength=2)
    ctx.check(
        {"zh": f"每个子集都是平衡的：全部少数类 + 同样数量的多数类样本（数一个子集里的标签：1 类、0 类各 {m} 个）",
         "en": f"each subset is balanced: all minority + the same number of majority samples (labels counted in one "
               f"subset: {m} of class 1, {m} of class 0)"},
        claimed=[m, m],
        computed=[int(counts[1]), int(counts[0])],
    )
    expected = 1 - (1 - m / majority) ** subsets
    ctx.check(
        {"zh": f"K = {subsets} 个子集共用到多数类的 1 − (1 − m/M)^K",
         "en": f"K = {subsets} subsets use a fraction 1 − (1 − m/M)^K of the majority"},
        claimed=expected,
        computed=float(np.mean(coverage)),
        tol=0.01,
    )
    ctx.check(
        {"zh": "单个欠采样集合只用到其中的 m/M", "en": "one undersampled set uses only m/M of it"},
        claimed=m / majority,
        computed=float(np.unique(subset).size / majority),
        tol=1e-12,
    )
    ks = np.arange(1, 31)
    ctx.plot(
        {"zh": "被用到的多数类比例", "en": "fraction of the majority used"},
        [ctx.series("1-(1-m/M)^K", ks, 1 - (1 - m / majority) ** ks)],
        xlabel="K",
        ylabel="fraction",
    )
