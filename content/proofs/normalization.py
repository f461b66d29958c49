"""Proofs for the normalization deck (深度学习基础 › 8. 归一化).

BN / LN / IN / GN / SN are implemented here in numpy on NCHW tensors; every statistic is checked over
the axes the card claims (and shown to be non-zero over the axes it does not normalise).
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from studytool.proofs.api import Param, ParamError, proof

EPS = 1e-5
#: axes each method reduces over, for an (N, C, H, W) tensor; GN works on (N, G, C/G, H, W)
AXES = {"BN": (0, 2, 3), "LN": (1, 2, 3), "IN": (2, 3)}


def _norm(x, axes, eps: float = EPS):
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)
    return (x - mu) / np.sqrt(var + eps), mu, var


def _gn(x, groups: int, eps: float = EPS):
    n, c, h, w = x.shape
    xg = x.reshape(n, groups, c // groups, h, w)
    y, mu, var = _norm(xg, (2, 3, 4), eps)
    return y.reshape(n, c, h, w), mu, var


def _tensor(rng, n: int, c: int, h: int, w: int):
    """Random NCHW data with per-sample and per-channel offsets/scales (so axes matter)."""
    x = rng.standard_normal((n, c, h, w))
    x = x * rng.uniform(0.5, 3.0, (1, c, 1, 1)) + rng.normal(0, 3, (1, c, 1, 1))
    return x * rng.uniform(0.5, 2.0, (n, 1, 1, 1)) + rng.normal(0, 2, (n, 1, 1, 1))


@proof(
    "normalization.four_steps",
    title={
        "zh": "归一化四步：均值、方差、标准化、γ/β 仿射（可还原原始分布）",
        "en": "The four steps: mean, variance, standardise, γ/β affine (which can undo the normalisation)",
    },
    params=[Param("n", 256, min=8, max=4096,
                  help={"zh": "归一化组内的数值个数", "en": "values in the normalised group"})],
    seed=30,
)
def four_steps(ctx, n: int) -> None:
    rng = ctx.rng
    x = rng.normal(5.0, 3.0, n)
    mu = x.sum() / n  # step 1
    var = ((x - mu) ** 2).sum() / n  # step 2
    xhat = (x - mu) / np.sqrt(var + EPS)  # step 3
    ctx.check({"zh": "第 3 步：x̂ 的均值 = 0",
               "en": "step 3: mean of x̂ = 0"}, claimed=0.0, computed=float(xhat.mean()), tol=1e-12)
    ctx.check(
        {"zh": "第 3 步：x̂ 的方差 = var/(var+ε) ≈ 1", "en": "step 3: variance of x̂ = var/(var+ε) ≈ 1"},
        claimed=float(var / (var + EPS)),
        computed=float(xhat.var()),
        tol=1e-12,
    )
    gamma, beta = 1.7, -0.4
    y = gamma * xhat + beta  # step 4
    ctx.check(
        {"zh": "第 4 步：y = γx̂ + β 的均值为 β，标准差 ≈ |γ|",
         "en": "step 4: y = γx̂ + β has mean β and std ≈ |γ|"},
        claimed=[beta, gamma],
        computed=[float(y.mean()), float(y.std())],
        tol=1e-5,
    )
    back = np.sqrt(var + EPS) * xhat + mu
    ctx.check(
        {"zh": "γ = √(var+ε)、β = μ 时恰好还原输入（能表示恒等映射）",
         "en": "γ = √(var+ε), β = μ gives back the input exactly (identity is representable)"},
        claimed=0.0,
        computed=float(np.abs(back - x).max()),
        tol=1e-12,
    )
    v, e, g = sp.symbols("v epsilon gamma", positive=True)
    xs, m = sp.symbols("x mu", real=True)
    restored = sp.simplify(sp.sqrt(v + e) * (xs - m) / sp.sqrt(v + e) + m)
    ctx.check({"zh": "sympy：√(v+ε)·(x−μ)/√(v+ε) + μ = x",
               "en": "sympy: √(v+ε)·(x−μ)/√(v+ε) + μ = x"}, claimed=str(xs), computed=str(restored))
    ctx.formula(r"\hat x=\frac{x-\mu}{\sqrt{\sigma^2+\epsilon}},\qquad y=\gamma\hat x+\beta")


@proof(
    "normalization.axes_all",
    title={
        "zh": "BN/LN/IN/GN 的统计量分别在哪些轴上计算（NCHW，numpy 实现）",
        "en": "Which axes BN/LN/IN/GN compute their statistics over (NCHW, numpy implementation)",
    },
    params=[
        Param("n", 8, min=2, max=32, help={"zh": "批大小 N", "en": "batch size N"}),
        Param("c", 32, min=4, max=64, help={"zh": "通道数 C", "en": "channels C"}),
        Param("groups", 4, min=1, max=32,
              help={"zh": "GN 分组数 G（须整除 C）", "en": "GN groups G (must divide C)"}),
        Param("hw", 5, min=2, max=16, help={"zh": "空间尺寸 H = W", "en": "spatial size H = W"}),
    ],
    seed=31,
)
def axes_all(ctx, n: int, c: int, groups: int, hw: int) -> None:
    if c % groups:
        divisors = ", ".join(str(g) for g in range(1, c + 1) if c % g == 0)
        raise ParamError(
            f"groups={groups} must divide c={c} (GN splits the channels into equal groups): "
            f"pick groups from {divisors}, or a c that is a multiple of {groups}"
        )
    x = _tensor(ctx.rng, n, c, hw, hw)
    outs = {k: _norm(x, ax) for k, ax in AXES.items()}
    outs["GN"] = _gn(x, groups)
    rows = []
    for name, (y, mu, var) in outs.items():
        if name == "GN":
            yg = y.reshape(n, groups, c // groups, hw, hw)
            m, v = yg.mean(axis=(2, 3, 4)), yg.var(axis=(2, 3, 4))
        else:
            m, v = y.mean(axis=AXES[name]), y.var(axis=AXES[name])
        # ε keeps the variance just below 1: exactly var/(var+ε) (a group with var 0.01 gives 0.999)
        expected_v = (var / (var + EPS)).reshape(v.shape)
        ctx.check(
            {"zh": f"{name}：每个统计组的均值为 0", "en": f"{name}: every statistic group has mean 0"},
            claimed=0.0,
            computed=float(np.abs(m).max()),
            tol=1e-10,
        )
        ctx.check(
            {"zh": f"{name}：每个统计组的方差 = var/(var+ε) ≈ 1（最大偏差）",
             "en": f"{name}: every statistic group has variance var/(var+ε) ≈ 1 (largest deviation)"},
            claimed=0.0,
            computed=float(np.abs(v - expected_v).max()),
            tol=1e-10,
        )
        rows.append([name, list(mu.shape), int(mu.size), round(float(expected_v.min()), 6)])
    counts = {r[0]: r[2] for r in rows}
    ctx.check(
        {"zh": "均值个数：BN 为 C，LN 为 N，IN 为 N·C，GN 为 N·G",
         "en": "number of means: BN C, LN N, IN N·C, GN N·G"},
        claimed=[c, n, n * c, n * groups],
        computed=[counts["BN"], counts["LN"], counts["IN"], counts["GN"]],
    )
    # the axes matter: each output is NOT normalised over another method's axes
    # the claim is only "≠ (0, 1)" (normalised statistics are 0 / 1 to ~1e-15). The mean alone can come
    # close to 0 by chance for N = 2 and large C (≈ 0.004 seen); mean and variance together stay ≥ 0.03
    ybn = outs["BN"][0]
    per_sample = max(np.abs(ybn.mean(axis=(1, 2, 3))).max(), np.abs(ybn.var(axis=(1, 2, 3)) - 1).max())
    ctx.check(
        {"zh": "BN 之后，每个样本的统计量（LN 的轴）不是均值 0、方差 1：max(|均值|, |方差 − 1|) > 1e-3",
         "en": "after BN, per-sample statistics (LN axes) are not mean 0 / var 1: max(|mean|, |var − 1|) > 1e-3"},
        claimed=1e-3,
        computed=float(per_sample),
        op=">",
        tol=0.0,
    )
    yln = outs["LN"][0]
    per_channel = np.abs(yln.mean(axis=(0, 2, 3))).max()
    ctx.check(
        {"zh": "LN 之后，每个通道在 (N,H,W) 上的均值（BN 的轴）不为 0",
         "en": "after LN, per-channel means over (N,H,W) (BN axes) are not 0"},
        claimed=0.1,
        computed=float(per_channel),
        op=">",
        tol=0.0,
    )
    yin_ch = np.abs(outs["LN"][0].mean(axis=(2, 3))).max()
    ctx.check(
        {"zh": "LN 之后，每个（样本, 通道）的均值（IN 的轴）不为 0",
         "en": "after LN, per-(sample, channel) means (IN axes) are not 0"},
        claimed=0.1,
        computed=float(yin_ch),
        op=">",
        tol=0.0,
    )
    ctx.table(
        [{"zh": "方法", "en": "method"}, {"zh": "统计量形状",
                    "en": "statistic shape"}, {"zh": "均值个数", "en": "number of means"},
         {"zh": "最小的输出方差 var/(var+ε)", "en": "smallest output variance var/(var+ε)"}],
        rows,
        title={
            "zh": f"x 形状 (N,C,H,W) = ({n},{c},{hw},{hw})",
            "en": f"x shape (N,C,H,W) = ({n},{c},{hw},{hw})",
        },
    )
    ctx.formula(
        r"\text{BN}:(N,H,W)\ \text{per }c;\ \text{LN}:(C,H,W)\ \text{per }n;\ "
        r"\text{IN}:(H,W)\ \text{per }(n,c);\ \text{GN}:(C/G,H,W)\ \text{per }(n,g)"
    )


@proof(
    "normalization.gn_special_cases",
    title={"zh": "GN：G = 1 等于 LN，G = C 等于 IN", "en": "GN: G = 1 equals LN, G = C equals IN"},
    params=[
        Param("n", 4, min=1, max=32, help={"zh": "批大小", "en": "batch size"}),
        Param("c", 12, min=2, max=64, help={"zh": "通道数", "en": "channels"}),
        Param("hw", 6, min=2, max=16, help={"zh": "空间尺寸 H = W", "en": "H = W"}),
    ],
    seed=32,
)
def gn_special_cases(ctx, n: int, c: int, hw: int) -> None:
    x = _tensor(ctx.rng, n, c, hw, hw)
    ln = _norm(x, AXES["LN"])[0]
    inn = _norm(x, AXES["IN"])[0]
    ctx.check(
        {"zh": "max |GN(G=1) − LN| = 0", "en": "max |GN(G=1) − LN| = 0"},
        claimed=0.0,
        computed=float(np.abs(_gn(x, 1)[0] - ln).max()),
        tol=1e-12,
    )
    ctx.check(
        {"zh": "max |GN(G=C) − IN| = 0", "en": "max |GN(G=C) − IN| = 0"},
        claimed=0.0,
        computed=float(np.abs(_gn(x, c)[0] - inn).max()),
        tol=1e-12,
    )
    rows = []
    for g in [d for d in range(1, c + 1) if c % d == 0]:
        y = _gn(x, g)[0]
        rows.append([g, float(np.abs(y - ln).max()), float(np.abs(y - inn).max())])
    mid = [r for r in rows if 1 < r[0] < c]
    if mid:
        ctx.check(
            {"zh": "中间的 G 与 LN 和 IN 都不同", "en": "an intermediate G differs from both LN and IN"},
            claimed=1e-3,
            computed=min(min(r[1], r[2]) for r in mid),
            op=">",
            tol=0.0,
        )
    ctx.table(["G", "max|GN − LN|", "max|GN − IN|"], rows)


@proof(
    "normalization.bn_params",
    title={
        "zh": "BN 可学习参数 2C（每通道 γ、β）；滑动均值/方差是不可学习的缓冲区",
        "en": "BN has 2C learnable parameters (γ, β per channel); running mean/var are non-learnable buffers",
    },
    params=[Param("c", 64, min=1, max=1024, help={"zh": "通道数 C", "en": "channels C"})],
    seed=33,
)
def bn_params(ctx, c: int) -> None:
    rng = ctx.rng
    x = rng.standard_normal((4, c, 3, 3))
    gamma, beta = rng.uniform(0.5, 1.5, c), rng.normal(0, 1, c)

    def forward(gm, bt):
        xh = _norm(x, AXES["BN"])[0]
        return gm.reshape(1, c, 1, 1) * xh + bt.reshape(1, c, 1, 1)

    up = rng.standard_normal(x.shape)
    xh = _norm(x, AXES["BN"])[0]
    dgamma = (up * xh).sum(axis=(0, 2, 3))
    dbeta = up.sum(axis=(0, 2, 3))
    # the training-mode output reads γ and β (and the batch), never the running buffers: the entries that
    # receive a gradient are the learnable ones — counted from the gradients (checked against finite
    # differences below)
    ctx.check(
        {"zh": f"收到非零梯度的参数个数（γ、β 的每个分量）= 2C = {2 * c}",
         "en": f"entries that receive a non-zero gradient (every component of γ and β) = 2C = {2 * c}"},
        claimed=2 * c,
        computed=int(np.count_nonzero(np.abs(dgamma) > 1e-12) + np.count_nonzero(np.abs(dbeta) > 1e-12)),
    )
    h, k = 1e-6, min(3, c)
    fd = []
    for j in range(k):
        e = np.zeros(c)
        e[j] = h
        fd.append(
            float(((forward(gamma + e, beta) - forward(gamma - e, beta)) * up).sum() / (2 * h))
        )
    ctx.check(
        {"zh": "∂L/∂γ_c = Σ_(N,H,W) (∂L/∂y)·x̂ 与有限差分一致（γ 参与训练）",
         "en": "∂L/∂γ_c = Σ_(N,H,W) (∂L/∂y)·x̂ matches finite differences (γ is trained)"},
        claimed=fd,
        computed=dgamma[:k].tolist(),
        tol=1e-5,
    )
    ctx.check(
        {"zh": "∂L/∂β_c = Σ_(N,H,W) ∂L/∂y（β 参与训练）",
         "en": "∂L/∂β_c = Σ_(N,H,W) ∂L/∂y (β is trained)"},
        claimed=float(dbeta[0]),
        computed=float(
            ((forward(gamma, beta + np.eye(c)[0] * h) - forward(gamma, beta)) * up).sum() / h
        ),
        tol=1e-4,
    )
    ctx.table(
        [{"zh": "张量",
          "en": "tensor"}, {"zh": "形状", "en": "shape"}, {"zh": "可学习", "en": "learnable"}],
        [
            ["γ", [c], True],
            ["β", [c], True],
            ["running_mean", [c], False],
            ["running_var", [c], False],
        ],
    )


@proof(
    "normalization.batch_noise",
    title={
        "zh": "批统计量的噪声：批均值的标准差 ∝ 1/√B",
        "en": "Batch-statistics noise: the std of the batch mean ∝ 1/√B",
    },
    params=[
        Param("sigma", 2.0, min=0.1, max=10.0, help={"zh": "总体标准差", "en": "population std"}),
        Param("trials", 2000, min=200, max=20000,
              help={"zh": "每种批大小的批次数", "en": "batches per size"}),
    ],
    seed=34,
)
def batch_noise(ctx, sigma: float, trials: int) -> None:
    rng = ctx.rng
    sizes = np.array([2, 4, 8, 16, 32, 64, 128, 256])
    stds, var_stds = [], []
    for b in sizes:
        batches = rng.normal(3.0, sigma, (trials, b))
        stds.append(batches.mean(axis=1).std())
        v = batches.var(axis=1, ddof=1)
        var_stds.append(v.std() / v.mean())
    stds = np.array(stds)
    ratio = stds / (sigma / np.sqrt(sizes))
    # the std of `trials` normal batch means has relative SE 1/√(2(trials − 1)); 4 SE for the worst of
    # 8 sizes (a false ✗ has probability ~5e-4), and 4 SE of the least-squares slope of log std
    rel_se = 1 / np.sqrt(2 * (trials - 1))
    tol_ratio = 4 * rel_se
    logb = np.log(sizes)
    tol_slope = 4 * rel_se / float(np.sqrt(np.sum((logb - logb.mean()) ** 2)))
    ctx.check(
        {"zh": f"对每个 B，std(批均值) / (σ/√B) 与 1 的偏差在 4 个标准误（{tol_ratio:.3g}）以内",
         "en": f"std(batch mean) / (σ/√B) within 4 SE ({tol_ratio:.3g}) of 1 for every B"},
        claimed=1.0,
        computed=float(np.abs(ratio - 1).max() + 1),
        tol=tol_ratio,
    )
    slope = np.polyfit(logb, np.log(stds), 1)[0]
    ctx.check({"zh": f"std 对 B 的双对数斜率 ≈ −1/2（± 4 个标准误 = {tol_slope:.3g}）",
               "en": f"log-log slope of std vs B ≈ −1/2 (± 4 SE = {tol_slope:.3g})"},
              claimed=-0.5, computed=float(slope), tol=tol_slope)
    ctx.check(
        {"zh": "方差估计的相对噪声在 B=2 时比 B=256 时大 10 倍以上",
         "en": "relative noise of the variance estimate is > 10× larger at B=2 than at B=256"},
        claimed=10.0,
        computed=float(var_stds[0] / var_stds[-1]),
        op=">",
        tol=0.0,
    )
    ctx.table(
        ["B", {"zh": "std(批均值)", "en": "std(batch mean)"}, "σ/√B", "std(var)/mean(var)"],
        [[int(b), s, sigma / np.sqrt(b), v] for b, s, v in zip(sizes, stds, var_stds, strict=True)],
    )
    ctx.plot(
        {"zh": "批均值噪声 vs 批大小", "en": "batch-mean noise vs batch size"},
        [
            ctx.series("simulated", np.log2(sizes), np.log10(stds), kind="scatter"),
            ctx.series("σ/√B", np.log2(sizes), np.log10(sigma / np.sqrt(sizes))),
        ],
        xlabel="log2 B",
        ylabel="log10 std",
    )
    ctx.formula(r"\operatorname{std}(\bar x_B)=\sigma/\sqrt{B}")


def _bn_train(x, gamma=1.0, beta=0.0):
    return gamma * _norm(x, (0,))[0] + beta


@proof(
    "normalization.bn_train_vs_inference",
    title={
        "zh": "BN 训练用当前批统计量，推理用训练中累积的滑动平均",
        "en": "BN uses the batch statistics in training and the running averages at inference",
    },
    params=[
        Param("momentum", 0.1, min=0.02, max=0.2,
              help={"zh": "滑动平均的动量（0.02–0.2：更小时 200 批还没收敛；更大时滑动平均只记得最近几批，"
                          "方差估计太抖）",
                    "en": "running-average momentum (0.02–0.2: smaller has not converged in 200 batches; "
                          "larger averages only the last few batches, too noisy a variance)"}),
        Param("steps", 300, min=200, max=5000,
              help={"zh": "训练批次数（≥ 200：让初值 0 / 1 的影响消失）",
                    "en": "training batches (≥ 200: long enough to forget the initial 0 / 1)"}),
        Param("batch", 32, min=16, max=512,
              help={"zh": "批大小（≥ 16：更小时批统计量本身太抖）", "en": "batch size (≥ 16: smaller batches' statistics are too noisy)"}),
    ],
    seed=35,
)
def bn_train_vs_inference(ctx, momentum: float, steps: int, batch: int) -> None:
    rng = ctx.rng
    mu_pop, sd_pop = 3.0, 2.0
    rm, rv = 0.0, 1.0
    trace = []
    for _ in range(steps):
        xb = rng.normal(mu_pop, sd_pop, batch)
        rm = (1 - momentum) * rm + momentum * xb.mean()
        rv = (1 - momentum) * rv + momentum * xb.var(ddof=1)
        trace.append(rm)
    # an EMA with weight m of i.i.d. batch statistics has variance m/(2 − m) × theirs (Var x̄_B = σ²/B,
    # Var s²_B = 2σ⁴/(B − 1)); the start values 0 / 1 are forgotten by (1 − m)^steps. Tolerance: 4 SE
    # plus that remaining transient
    keep = momentum / (2 - momentum)
    forget = (1 - momentum) ** steps
    tol_mean = 4 * sd_pop * np.sqrt(keep / batch) + forget * mu_pop
    tol_var = 4 * sd_pop**2 * np.sqrt(keep * 2 / (batch - 1)) + forget * abs(sd_pop**2 - 1)
    ctx.check({"zh": f"滑动均值 → 总体均值 3（± {tol_mean:.3g}，4 个标准误）",
               "en": f"running mean → population mean 3 (± {tol_mean:.3g}, 4 SE)"},
              claimed=mu_pop, computed=rm, tol=tol_mean)
    ctx.check({"zh": f"滑动方差 → 总体方差 4（± {tol_var:.3g}，4 个标准误）",
               "en": f"running var → population var 4 (± {tol_var:.3g}, 4 SE)"},
              claimed=sd_pop**2, computed=rv, tol=tol_var)
    x0 = 5.0

    def infer(v):
        return (v - rm) / np.sqrt(rv + EPS)

    b1 = np.append(rng.normal(mu_pop, sd_pop, batch - 1), x0)
    b2 = np.append(rng.normal(mu_pop + 2, sd_pop, batch - 1), x0)
    ctx.check(
        {"zh": "推理：x0 的输出与批内其他样本无关",
         "en": "inference: output for x0 does not depend on the rest of the batch"},
        claimed=float(infer(b1)[-1]),
        computed=float(infer(b2)[-1]),
        tol=0.0,
    )
    ctx.check(
        {"zh": "训练模式：x0 的输出随同批样本而变",
         "en": "training mode: output for x0 changes with its batch-mates"},
        claimed=0.1,
        computed=float(abs(_bn_train(b1)[-1] - _bn_train(b2)[-1])),
        op=">",
        tol=0.0,
    )
    ctx.check(
        {"zh": "推理对单个样本（B = 1）也能工作", "en": "inference works for a single sample (B = 1)"},
        claimed=float(infer(np.array([x0]))[0]),
        computed=float((x0 - rm) / np.sqrt(rv + EPS)),
        tol=1e-12,
    )
    ctx.formula(
        r"\hat\mu\leftarrow(1-m)\hat\mu+m\,\mu_B,\quad \hat\sigma^2\leftarrow(1-m)\hat\sigma^2+m\,\sigma_B^2"
    )
    idx = np.linspace(0, steps - 1, min(steps, 150)).astype(int)
    ctx.plot(
        {"zh": "滑动均值", "en": "running mean"},
        [ctx.series("running mean", idx, np.array(trace)[idx])],
        xlabel="step",
        ylabel="value",
    )


def _std_rel_se(samples: np.ndarray) -> float:
    """Relative standard error of the sample std: √((κ − 1) / (4n)), κ the sample kurtosis."""
    centred = samples - samples.mean()
    var = float(np.mean(centred**2))
    kurtosis = float(np.mean(centred**4)) / var**2
    return float(np.sqrt((kurtosis - 1) / (4 * samples.size)))


@proof(
    "normalization.bn_sample_jitter",
    title={
        "zh": "BN 的正则化效果来自批噪声：同一样本的输出随批次抖动，B 越大越小，推理时为 0",
        "en": "BN's regularising effect is batch noise: one sample's output jitters with its batch, shrinking "
        "with B and absent at inference",
    },
    params=[Param("trials", 10000, min=5000, max=20000,
                  help={"zh": "每种批大小的随机批次数（更少则估计噪声太大，不足以展示结论）",
                        "en": "random batches per size (fewer: a noisier estimate, too imprecise to show the claim)"})],
    seed=36,
)
def bn_sample_jitter(ctx, trials: int) -> None:
    rng = ctx.rng
    x0 = 1.0
    sizes = [2, 4, 8, 16, 32, 64, 128]
    jitter, rel_se = [], []
    for b in sizes:
        # `trials` batches of size b, each holding x0 and b − 1 random batch-mates; BN over each batch.
        batches = np.column_stack([rng.standard_normal((trials, b - 1)), np.full(trials, x0)])
        outs = _norm(batches, (1,))[0][:, -1]
        jitter.append(float(np.std(outs)))
        rel_se.append(_std_rel_se(outs))
    # the true ratio is ≈ 3.28; its estimate has this standard error (≈ 1 % at 10 000 batches). The
    # claim is shown only when the estimate minus 3 SE still exceeds 3 (a one-sided lower bound).
    ratio = jitter[1] / jitter[5]
    ratio_se = ratio * float(np.hypot(rel_se[1], rel_se[5]))
    ctx.check(
        {"zh": f"B=4 时的抖动是 B=64 时的 3 倍以上：比值的下界（估计 − 3 个标准误，各 {trials} 个批次）> 3",
         "en": f"jitter at B=4 is > 3× the jitter at B=64: the ratio's lower bound (estimate − 3 SE, "
               f"{trials} batches each) > 3"},
        claimed=3.0,
        computed=ratio - 3 * ratio_se,
        op=">",
        tol=0.0,
    )
    ctx.note({"zh": f"比值估计 {ratio:.3f} ± {ratio_se:.3f}（标准误）", "en": f"ratio estimate {ratio:.3f} ± {ratio_se:.3f} (SE)"})
    ctx.check(
        {"zh": "抖动随 B 单调减小", "en": "jitter decreases monotonically with B"},
        claimed=True,
        computed=bool(all(a > b for a, b in zip(jitter, jitter[1:], strict=False))),
    )
    rm, rv = 0.03, 0.98  # running statistics frozen after training

    def bn_infer(batch):
        return (batch - rm) / np.sqrt(rv + EPS)

    inf = [bn_infer(np.append(rng.standard_normal(7), x0))[-1] for _ in range(trials)]
    ctx.check(
        {"zh": "推理（滑动统计量）：BN(x0) 在不同批次间的 max − min = 0",
         "en": "inference (running stats): max − min of BN(x0) across batches = 0"},
        claimed=0.0,
        computed=float(max(inf) - min(inf)),
        tol=0.0,
    )
    ctx.table(
        ["B", {"zh": "BN(x0) 在不同批次间的标准差",
               "en": "std of BN(x0) across batches"}], [[b, j] for b, j in zip(sizes, jitter, strict=True)]
    )
    ctx.plot(
        {"zh": "样本输出抖动 vs 批大小", "en": "per-sample output jitter vs batch size"},
        [ctx.series("jitter", np.log2(sizes), jitter)],
        xlabel="log2 B",
        ylabel="std",
    )
    ctx.note(
        {
            "zh": "这是一种依赖批大小的噪声正则（x0 = +1σ，同批样本 ~ N(0,1)；比值随 x0 而变）：BN 原论文在 BN-Inception "
            "中去掉了 dropout，但批越大效果越弱，推理时没有，不是专门的正则手段。",
            "en": "A batch-size-dependent noise regulariser (x0 = +1σ, batch-mates ~ N(0,1); the ratio depends on x0): "
            "the BN paper dropped dropout in BN-Inception, but the effect weakens with larger batches, is absent at "
            "inference and is no dedicated regulariser.",
        }
    )


@proof(
    "normalization.ln_batch_independent",
    title={
        "zh": "LN 与批大小无关：同一样本在不同批次中结果相同（BN 则不同）",
        "en": "LN is independent of the batch: the same sample gives the same output in any batch (BN does not)",
    },
    params=[
        Param("c", 8, min=2, max=64, help={"zh": "通道数", "en": "channels"}),
        Param("hw", 4, min=1, max=16, help={"zh": "空间尺寸 H = W", "en": "H = W"}),
    ],
    seed=37,
)
def ln_batch_independent(ctx, c: int, hw: int) -> None:
    rng = ctx.rng
    sample = _tensor(rng, 1, c, hw, hw)
    batches = {
        b: np.concatenate([sample, _tensor(rng, b - 1, c, hw, hw)]) if b > 1 else sample
        for b in (1, 2, 8, 32)
    }
    ln = {b: _norm(x, AXES["LN"])[0][0] for b, x in batches.items()}
    ref = ln[1]
    ctx.check(
        {"zh": "批大小为 1、2、8、32 时 LN(样本) 完全相同",
         "en": "LN(sample) identical for batch sizes 1, 2, 8, 32"},
        claimed=0.0,
        computed=float(max(np.abs(v - ref).max() for v in ln.values())),
        tol=1e-12,
    )
    bn = {b: _norm(x, AXES["BN"])[0][0] for b, x in batches.items() if b > 1}
    ctx.check(
        {"zh": "BN(样本) 随批次而变（最大差 > 0.1）",
         "en": "BN(sample) changes with the batch (max difference > 0.1)"},
        claimed=0.1,
        computed=float(np.abs(bn[2] - bn[32]).max()),
        op=">",
        tol=0.0,
    )
    ctx.check(
        {"zh": "B = 1 且 H = W = 1 的 BN 会用 0 除以 √ε：输出全为 0（没有信息）",
         "en": "BN with B = 1 and H = W = 1 would divide 0 by √ε: all outputs 0 (no information)"},
        claimed=0.0,
        computed=float(np.abs(_norm(sample[:, :, :1, :1], AXES["BN"])[0]).max()),
        tol=0.0,
    )


@proof(
    "normalization.in_style_invariance",
    title={
        "zh": "IN 消除每张图每个通道的均值/方差（对比度、亮度等风格信息）",
        "en": "IN removes each image's per-channel mean/variance (contrast, brightness — style statistics)",
    },
    params=[
        Param("c", 3, min=2, max=64,
              help={"zh": "通道数（≥ 2：只有一个通道时 LN 与 IN 相同）", "en": "channels (≥ 2: with one channel LN is IN)"}),
        Param("hw", 8, min=2, max=32, help={"zh": "空间尺寸 H = W", "en": "H = W"}),
    ],
    seed=38,
)
def in_style_invariance(ctx, c: int, hw: int) -> None:
    rng = ctx.rng
    x = _tensor(rng, 4, c, hw, hw)
    a = rng.uniform(0.3, 3.0, (4, c, 1, 1))
    b = rng.normal(0, 5, (4, c, 1, 1))
    xs = a * x + b  # per-image, per-channel contrast/brightness change ("style")
    eps = 1e-12
    ctx.check(
        {"zh": "对每个（图像, 通道）的 a > 0 和 b，IN(a·x + b) = IN(x)",
         "en": "IN(a·x + b) = IN(x) for per-(image, channel) a > 0, b"},
        claimed=0.0,
        computed=float(np.abs(_norm(xs, AXES["IN"], eps)[0] - _norm(x, AXES["IN"], eps)[0]).max()),
        tol=1e-8,
    )
    ctx.check(
        {"zh": "LN 对这种变化不具有不变性（各通道缩放不同）",
         "en": "LN is not invariant to this change (channels rescaled differently)"},
        claimed=0.01,
        computed=float(np.abs(_norm(xs, AXES["LN"], eps)[0] - _norm(x, AXES["LN"], eps)[0]).max()),
        op=">",
        tol=0.0,
    )
    ctx.check(
        {"zh": "BN 也不具有不变性（统计量在图像间共享）",
         "en": "BN is not invariant either (statistics shared across images)"},
        claimed=0.01,
        computed=float(np.abs(_norm(xs, AXES["BN"], eps)[0] - _norm(x, AXES["BN"], eps)[0]).max()),
        op=">",
        tol=0.0,
    )
    ctx.note(
        {
            "zh": "风格迁移想去掉这些实例统计量，所以用 IN；识别任务若需要通道间/实例间的强度信息，IN 会把它丢掉。",
            "en": "Style transfer wants these instance statistics gone, hence IN; tasks that need the intensity "
            "information lose it.",
        }
    )


@proof(
    "normalization.switchable_norm",
    title={
        "zh": "Switchable Norm：IN/LN/BN 均值与方差的 softmax 加权组合",
        "en": "Switchable Norm: a softmax-weighted mix of the IN/LN/BN means and variances",
    },
    params=[
        Param("n", 4, min=1, max=32,
              help={"zh": "批大小（n = c = 1 时三种统计量相同，会被拒绝）",
                    "en": "batch size (n = c = 1 is refused: the three statistics coincide)"}),
        Param("c", 6, min=1, max=64,
              help={"zh": "通道数（n = c = 1 时三种统计量相同，会被拒绝）",
                    "en": "channels (n = c = 1 is refused: the three statistics coincide)"}),
        Param("hw", 5, min=1, max=16, help={"zh": "空间尺寸 H = W", "en": "H = W"}),
    ],
    seed=39,
)
def switchable_norm(ctx, n: int, c: int, hw: int) -> None:
    if n == 1 and c == 1:
        raise ParamError(
            "n = 1 with c = 1 makes IN, LN and BN take the same statistics (one sample, one channel), so there "
            "is nothing to mix: pick n ≥ 2 or c ≥ 2"
        )
    rng = ctx.rng
    x = _tensor(rng, n, c, hw, hw)
    mu_in, var_in = x.mean(axis=(2, 3), keepdims=True), x.var(axis=(2, 3), keepdims=True)
    # LN and BN statistics from the IN statistics (how SN computes them cheaply)
    mu_ln = mu_in.mean(axis=1, keepdims=True)
    var_ln = (var_in + mu_in**2).mean(axis=1, keepdims=True) - mu_ln**2
    mu_bn = mu_in.mean(axis=0, keepdims=True)
    var_bn = (var_in + mu_in**2).mean(axis=0, keepdims=True) - mu_bn**2
    ctx.check(
        {"zh": "由 IN 统计量推出的 LN 统计量 = 直接计算的 LN 统计量",
         "en": "LN statistics derived from IN statistics = direct LN statistics"},
        claimed=0.0,
        computed=float(
            np.abs(mu_ln - x.mean(axis=(1, 2, 3), keepdims=True)).max()
            + np.abs(var_ln - x.var(axis=(1, 2, 3), keepdims=True)).max()
        ),
        tol=1e-9,
    )
    ctx.check(
        {"zh": "由 IN 统计量推出的 BN 统计量 = 直接计算的 BN 统计量",
         "en": "BN statistics derived from IN statistics = direct BN statistics"},
        claimed=0.0,
        computed=float(
            np.abs(mu_bn - x.mean(axis=(0, 2, 3), keepdims=True)).max()
            + np.abs(var_bn - x.var(axis=(0, 2, 3), keepdims=True)).max()
        ),
        tol=1e-9,
    )
    mus, vars_ = (mu_in, mu_ln, mu_bn), (var_in, var_ln, var_bn)

    def softmax(z):
        e = np.exp(z - np.max(z))
        return e / e.sum()

    def sn(wm, wv):
        mu = sum(w * m for w, m in zip(wm, mus, strict=True))
        var = sum(w * v for w, v in zip(wv, vars_, strict=True))
        return (x - mu) / np.sqrt(var + EPS)

    logits_m, logits_v = rng.normal(0, 1, 3), rng.normal(0, 1, 3)
    wm, wv = softmax(logits_m), softmax(logits_v)
    ctx.check(
        {"zh": "重要性权重（softmax）为正且和为 1",
         "en": "importance weights (softmax) are positive and sum to 1"},
        claimed=[1.0, 1.0],
        computed=[float(wm.sum()), float(wv.sum())],
        tol=1e-12,
    )
    refs = {
        "IN": _norm(x, AXES["IN"])[0],
        "LN": _norm(x, AXES["LN"])[0],
        "BN": _norm(x, AXES["BN"])[0],
    }
    rows = []
    for k, name in enumerate(("IN", "LN", "BN")):
        one = np.eye(3)[k]
        diff = float(np.abs(sn(one, one) - refs[name]).max())
        ctx.check({"zh": f"权重 one-hot 地放在 {name} 上：SN = {name}",
                   "en": f"one-hot weights on {name}: SN = {name}"}, claimed=0.0, computed=diff, tol=1e-10)
        big = np.full(3, -30.0)
        big[k] = 30.0
        rows.append([name, diff, float(np.abs(sn(softmax(big), softmax(big)) - refs[name]).max())])
    mixed = sn(wm, wv)
    ctx.check(
        {"zh": "真正的混合与每种单一方法都不同", "en": "a genuine mix differs from each pure method"},
        claimed=1e-3,
        computed=min(float(np.abs(mixed - r).max()) for r in refs.values()),
        op=">",
        tol=0.0,
    )
    ctx.table([{"zh": "目标", "en": "target"}, {"zh": "最大差（one-hot）",
                          "en": "max diff (one-hot)"}, {"zh": "最大差（±30 logits 的 softmax）",
                                                "en": "max diff (softmax of ±30 logits)"}], rows)
    ctx.formula(
        r"\hat x=\frac{x-\sum_k w_k\mu_k}{\sqrt{\sum_k w'_k\sigma_k^2+\epsilon}},\quad "
        r"w_k=\frac{e^{\lambda_k}}{\sum_{j\in\{in,ln,bn\}}e^{\lambda_j}}"
    )


@proof(
    "normalization.conditioning_gd",
    title={
        "zh": "特征标准化改善条件数：梯度下降迭代次数大幅减少",
        "en": "Standardising features improves conditioning: far fewer gradient-descent iterations",
    },
    params=[
        Param("scale", 20.0, min=20.0, max=200.0,
              help={"zh": "第二个特征的尺度（≥ 20：尺度相近时没有病态可治；scale 15 时 κ≈400，"
                          "“少 500 倍”在部分随机抽样下不成立）",
                    "en": "scale of the second feature (≥ 20: similar scales leave no ill-conditioning to fix; at "
                          "scale 15, κ ≈ 400 and the 500× gap fails on some random draws)"}),
        Param(
            "tol", 1e-6, min=1e-9, max=1e-3,
            help={"zh": "相对误差低于此值时停止（≤ 1e-3：迭代比随 ln(1/tol) 增大，容差更松时低于 500 倍；"
                        "≥ 1e-9：更小时 κ·2⁻⁵² 的舍入误差让梯度下降在 scale 200 时到不了目标）",
                  "en": "stop when the relative error falls below this (≤ 1e-3: the iteration ratio grows with "
                        "ln(1/tol) and falls below 500× for looser targets; ≥ 1e-9: below that, κ·2⁻⁵² round-off "
                        "keeps GD from reaching the target at scale 200)"}
        ),
    ],
    seed=40,
)
def conditioning_gd(ctx, scale: float, tol: float) -> None:
    rng = ctx.rng
    n = 500
    X = np.column_stack([rng.normal(0, 1, n), rng.normal(0, scale, n) + scale])
    w_true = np.array([2.0, -0.5 / scale])
    y = X @ w_true + rng.normal(0, 0.1, n)
    # κ reaches ≈ 1e5 at scale 200, and GD then needs ≈ κ/2·ln(1/tol) ≈ 1e6 steps at tol 1e-9: the 2×2
    # iteration runs on Python floats (≈ 1 µs a step) with a budget well above that
    budget = 3_000_000

    def gd(A, b):
        H = A.T @ A / n
        g = A.T @ b / n
        eig = np.linalg.eigvalsh(H)
        lr = float(2 / (eig[0] + eig[-1]))
        w_star = np.linalg.solve(H, g)
        h00, h01, h11 = float(H[0, 0]), float(H[0, 1]), float(H[1, 1])
        g0, g1 = float(g[0]), float(g[1])
        s0, s1 = float(w_star[0]), float(w_star[1])
        norm_star = math.hypot(s0, s1)
        w0 = w1 = 0.0
        errs = []
        for _ in range(budget):
            d0, d1 = h00 * w0 + h01 * w1 - g0, h01 * w0 + h11 * w1 - g1
            w0, w1 = w0 - lr * d0, w1 - lr * d1
            errs.append(math.hypot(w0 - s0, w1 - s1) / norm_star)
            if errs[-1] < tol:
                break
        return len(errs), float(eig[-1] / eig[0]), errs

    Xs = (X - X.mean(0)) / X.std(0)
    ys = y - y.mean()
    it_raw, k_raw, e_raw = gd(X, y)
    it_std, k_std, e_std = gd(Xs, ys)
    ctx.check(
        {"zh": "标准化后：条件数 < 2",
         "en": "standardised: condition number < 2"}, claimed=2.0, computed=float(k_std), op="<", tol=0.0
    )
    ctx.check({"zh": f"原始数据（scale {scale:g}）：条件数 > 100",
               "en": f"raw (scale {scale:g}): condition number > 100"},
              claimed=100.0, computed=float(k_raw), op=">", tol=0.0)
    # E[x₂²] = scale² (variance) + scale² (mean²) against E[x₁²] = 1: κ ≈ 2·scale², up to sampling
    ctx.check(
        {"zh": f"原始特征的 κ ≈ 2·scale² = {2 * scale**2:g}（±25%，无截距；未中心化的均值与方差各贡献 scale²）",
         "en": f"κ of the raw features ≈ 2·scale² = {2 * scale**2:g} (±25%; no intercept: the uncentred mean "
               "and the variance each add scale²)"},
        claimed=2 * scale**2,
        computed=float(k_raw),
        rel=0.25,
    )
    ctx.check(
        {"zh": f"scale {scale:g}、容差 {tol:g}：标准化后梯度下降所需迭代次数少 ≥ 500 倍",
         "en": f"scale {scale:g}, tol {tol:g}: standardised GD needs ≥ 500× fewer iterations"},
        claimed=500.0,
        computed=it_raw / it_std,
        op=">=",
        tol=0.0,
    )
    rate = (k_raw - 1) / (k_raw + 1)
    # GD starts at w = 0 (relative error 1), and with this step both eigen-directions contract by exactly
    # the same factor, so the error is rate^t: the mean contraction over the whole run measures the rate
    # to ~1e-7 relative. 1 − rate ≈ 2/κ is compared relatively, so 1 − 1/κ (the rate for step 1/λmax,
    # a common wrong answer: 1 − rate off by 2×) fails at every scale
    observed = (e_raw[-1] / e_raw[0]) ** (1 / (len(e_raw) - 1))
    ctx.check(
        {"zh": "原始数据上观测到的每步误差收缩率 = (κ−1)/(κ+1)：比较 1 − 收缩率 = 2/(κ+1)（相对误差 1e-5）",
         "en": "observed error contraction per step on raw data = (κ−1)/(κ+1): 1 − rate compared with "
               "2/(κ+1) (relative 1e-5)"},
        claimed=float(1 - rate),
        computed=float(1 - observed),
        rel=1e-5,
        tol=0.0,
    )
    ctx.check(
        {"zh": "原始数据上的迭代次数 = ⌈ln(tol)/ln((κ−1)/(κ+1))⌉（± 1）",
         "en": "iterations on raw data = ⌈ln(tol)/ln((κ−1)/(κ+1))⌉ (± 1)"},
        claimed=float(np.ceil(np.log(tol) / np.log(rate))),
        computed=it_raw,
        tol=1.0,
    )
    k = sp.symbols("kappa", positive=True)
    ctx.formula(sp.Eq(sp.Symbol("rate"), (k - 1) / (k + 1)), label="GD, step 2/(λmax+λmin)")
    ctx.table(
        [{"zh": "特征", "en": "features"}, "κ", {"zh": "迭代次数",
                           "en": "iterations"}], [["raw", k_raw, it_raw], ["standardised", k_std, it_std]]
    )
    idx = np.unique(np.geomspace(1, len(e_raw), 120).astype(int)) - 1
    ctx.plot(
        {"zh": "相对误差 vs 迭代", "en": "relative error vs iteration"},
        [
            ctx.series("raw", np.log10(idx + 1), np.log10(np.array(e_raw)[idx])),
            ctx.series("standardised", np.log10(np.arange(1, len(e_std) + 1)), np.log10(e_std)),
        ],
        xlabel="log10 iteration",
        ylabel="log10 error",
    )


@proof(
    "normalization.hidden_shift",
    title={
        "zh": "只归一化输入不够：隐藏层输入的分布随权重更新而漂移，层内归一化把它固定住",
        "en": "Normalising the input is not enough: hidden inputs drift as weights update; in-layer "
        "normalisation pins them",
    },
    params=[Param("step", 0.5, min=0.0, max=5.0,
                  help={"zh": "模拟权重更新的幅度", "en": "size of the simulated weight update"})],
    seed=41,
)
def hidden_shift(ctx, step: float) -> None:
    rng = ctx.rng
    x = rng.standard_normal((1000, 10))
    x = (x - x.mean(0)) / x.std(0)  # input normalised
    W1 = rng.normal(0, 1, (10, 20))
    W2 = rng.normal(0, 1 / np.sqrt(20), (20, 8))

    def layer2_input(w1):
        return np.maximum(x @ w1, 0) @ W2

    z0 = layer2_input(W1)
    z1 = layer2_input(W1 + step * rng.normal(0, 1, W1.shape))
    ctx.check(
        {"zh": "输入特征：均值 0，方差 1", "en": "input features: mean 0, var 1"},
        claimed=[0.0, 1.0],
        computed=[float(np.abs(x.mean(0)).max()), float(x.var(0).mean())],
        tol=1e-9,
    )
    ctx.check(
        {"zh": "第 2 层的输入没有被标准化（max |均值| > 0.3）",
         "en": "layer-2 inputs are not standardised (max |mean| > 0.3)"},
        claimed=0.3,
        computed=float(np.abs(z0.mean(0)).max()),
        op=">",
        tol=0.0,
    )
    shift = float(np.abs(z1.mean(0) - z0.mean(0)).max())
    if step > 0:
        ctx.check(
            {"zh": "一次权重更新后第 2 层输入的均值发生移动（> 0.1）",
             "en": "after a weight update the layer-2 input means move (> 0.1)"},
            claimed=0.1,
            computed=shift,
            op=">",
            tol=0.0,
        )
    n0, n1 = _norm(z0, (0,))[0], _norm(z1, (0,))[0]
    ctx.check(
        {"zh": "第 2 层加 BN 后，更新前后其输入的均值都为 0、方差 ≈ 1",
         "en": "with BN on layer 2, its inputs have mean 0 / var ≈ 1 before and after the update"},
        claimed=0.0,
        computed=float(
            max(
                np.abs(n0.mean(0)).max(),
                np.abs(n1.mean(0)).max(),
                np.abs(n0.var(0) - 1).max(),
                np.abs(n1.var(0) - 1).max(),
            )
        ),
        tol=1e-3,
    )
    ctx.table(
        ["", {"zh": "单元 1 的均值", "en": "mean of unit 1"}, {"zh": "单元 1 的方差", "en": "var of unit 1"}],
        [
            ["before update", z0[:, 0].mean(), z0[:, 0].var()],
            ["after update", z1[:, 0].mean(), z1[:, 0].var()],
        ],
    )
