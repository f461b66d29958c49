"""Proofs for the Transformer deck (深度学习基础 › 3. Transformer)."""

from __future__ import annotations

import numpy as np

from studytool.proofs.api import Param, ParamError, proof


def sinusoidal_pe(positions: np.ndarray, d_model: int) -> np.ndarray:
    """PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d))."""
    i = np.arange(d_model // 2)
    omega = 10000.0 ** (-2 * i / d_model)
    angles = np.outer(positions, omega)
    pe = np.empty((len(positions), d_model))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe


def self_attention(x: np.ndarray, wq: np.ndarray, wk: np.ndarray, wv: np.ndarray) -> tuple:
    """Single-head scaled dot-product self-attention; returns output and attention matrix."""
    q, k, v = x @ wq, x @ wk, x @ wv
    scores = q @ k.T / np.sqrt(k.shape[1])
    scores -= scores.max(axis=1, keepdims=True)
    a = np.exp(scores)
    a /= a.sum(axis=1, keepdims=True)
    return a @ v, a


@proof(
    "transformer.attention_permutation_equivariant",
    title={
        "zh": "没有位置编码的自注意力是置换等变的",
        "en": "Self-attention without position encoding is permutation-equivariant",
    },
    params=[
        Param("tokens", 6, min=2, max=64, help={"zh": "序列长度 n", "en": "sequence length n"}),
        Param("dim", 8, min=2, max=64, help={"zh": "模型维度 d", "en": "model dimension d"}),
    ],
    seed=0,
)
def attention_permutation_equivariant(ctx, tokens: int, dim: int) -> None:
    rng = ctx.rng
    x = rng.normal(size=(tokens, dim))
    wq, wk, wv = (rng.normal(size=(dim, dim)) / np.sqrt(dim) for _ in range(3))
    perm = rng.permutation(tokens)
    while np.all(perm == np.arange(tokens)):
        perm = rng.permutation(tokens)
    out, _ = self_attention(x, wq, wk, wv)
    out_perm, _ = self_attention(x[perm], wq, wk, wv)
    ctx.check(
        {"zh": "Attn(PX) = P·Attn(X)：打乱 token 顺序只会同样打乱输出的顺序",
         "en": "Attn(PX) = P·Attn(X): reordering tokens only reorders the outputs"},
        claimed=0.0,
        computed=float(np.abs(out_perm - out[perm]).max()),
        tol=1e-12,
    )
    pe = sinusoidal_pe(np.arange(tokens), dim)
    out_pe, _ = self_attention(x + pe, wq, wk, wv)
    out_pe_perm, _ = self_attention(x[perm] + pe, wq, wk, wv)
    ctx.check(
        {"zh": "加上位置编码后顺序就有影响：Attn(PX + PE) ≠ P·Attn(X + PE)",
         "en": "with position encoding added, the order matters: Attn(PX + PE) ≠ P·Attn(X + PE)"},
        claimed=1e-3,
        computed=float(np.abs(out_pe_perm - out_pe[perm]).max()),
        op=">",
    )
    ctx.formula(
        r"\mathrm{softmax}\Big(\frac{PXW_Q (PXW_K)^\top}{\sqrt d}\Big)PXW_V"
        r"=P\,\mathrm{softmax}\Big(\frac{XW_QW_K^\top X^\top}{\sqrt d}\Big)XW_V"
    )


@proof(
    "transformer.dynamic_weights",
    title={
        "zh": "注意力权重随输入变化（动态），卷积核固定（静态）",
        "en": "Attention weights depend on the input (dynamic); a conv kernel is fixed (static)",
    },
    params=[Param("tokens", 8, min=3, max=64, help={"zh": "序列长度", "en": "sequence length"})],
    seed=1,
)
def dynamic_weights(ctx, tokens: int) -> None:
    rng = ctx.rng
    dim = 4
    wq, wk, wv = (rng.normal(size=(dim, dim)) for _ in range(3))
    kernel = rng.normal(size=3)

    def conv(seq: np.ndarray) -> np.ndarray:
        # 1-D 'same' convolution over positions, applied per channel
        return np.stack(
            [np.convolve(seq[:, c], kernel, mode="same") for c in range(seq.shape[1])], axis=1
        )

    def position_jacobian(fn, x: np.ndarray) -> np.ndarray:
        # d out[t, 0] / d x[j, 0]: how strongly position j feeds output t (finite differences)
        jac = np.zeros((tokens, tokens))
        for j in range(tokens):
            e = np.zeros_like(x)
            e[j, 0] = 1e-6
            jac[:, j] = (fn(x + e)[:, 0] - fn(x - e)[:, 0]) / 2e-6
        return jac

    x1, x2 = rng.normal(size=(tokens, dim)), rng.normal(size=(tokens, dim))
    j1, j2 = position_jacobian(conv, x1), position_jacobian(conv, x2)
    ctx.check(
        {"zh": "卷积：对两个不同输入，位置混合权重相同",
         "en": "conv: the position-mixing weights are the same for two different inputs"},
        claimed=0.0,
        computed=float(np.abs(j1 - j2).max()),
        tol=1e-8,
    )
    _, a1 = self_attention(x1, wq, wk, wv)
    _, a2 = self_attention(x2, wq, wk, wv)
    ctx.check(
        {"zh": "注意力：混合矩阵 A(X) 随输入而变",
         "en": "attention: the mixing matrix A(X) changes with the input"},
        claimed=1e-3,
        computed=float(np.abs(a1 - a2).max()),
        op=">",
    )
    ctx.check(
        {"zh": "A(X) 的每一行都是覆盖所有位置的分布（全局，和为 1）",
         "en": "each row of A(X) is a distribution over ALL positions (global, sums to 1)"},
        claimed=[1.0] * tokens,
        computed=a1.sum(axis=1),
        tol=1e-12,
    )
    ctx.check(
        {"zh": "token 也会关注自身：对角线权重的最小值 > 0",
         "en": "a token also attends to itself: min diagonal weight > 0"},
        claimed=0.0,
        computed=float(np.diag(a1).min()),
        op=">",
    )
    ctx.heatmap(
        {"zh": "注意力矩阵 A(X₁)", "en": "attention matrix A(X₁)"}, a1, xlabel="key", ylabel="query"
    )


@proof(
    "transformer.receptive_field",
    title={
        "zh": "感受野：L 层 k 宽卷积为 L(k−1)+1，一层自注意力即全局",
        "en": "Receptive field: L conv layers of width k see L(k−1)+1 positions; one attention layer sees all",
    },
    params=[
        Param("layers", 4, min=1, max=20,
              help={"zh": "堆叠的卷积层数 L", "en": "number of stacked conv layers L"}),
        Param("kernel", 3, min=1, max=9,
              help={"zh": "卷积核宽度 k（奇数）", "en": "kernel width k (odd)"}),
    ],
    seed=2,
)
def receptive_field(ctx, layers: int, kernel: int) -> None:
    rng = ctx.rng
    n = 2 * layers * kernel + 11
    # gradient of the centre output w.r.t. the input through L stacked linear convolutions
    grad = np.zeros(n)
    grad[n // 2] = 1.0
    for _ in range(layers):
        k = rng.uniform(0.5, 1.5, kernel)  # positive weights: no accidental cancellation
        grad = np.convolve(grad, k[::-1], mode="same")
    field = int((np.abs(grad) > 1e-12).sum())
    ctx.check(
        {"zh": f"{layers} 层宽度为 {kernel} 的卷积：感受野 = L(k−1)+1",
         "en": f"{layers} conv layers of width {kernel}: receptive field = L(k−1)+1"},
        claimed=layers * (kernel - 1) + 1,
        computed=field,
        tol=0,
    )
    # one self-attention layer: every output depends on every input position
    dim, tokens = 4, 9
    wq, wk, wv = (rng.normal(size=(dim, dim)) for _ in range(3))
    x = rng.normal(size=(tokens, dim))
    base, _ = self_attention(x, wq, wk, wv)
    dep = []
    for j in range(tokens):
        xp = x.copy()
        xp[j] += 1e-4
        out, _ = self_attention(xp, wq, wk, wv)
        dep.append(float(np.abs(out[0] - base[0]).max()))
    ctx.check(
        {"zh": "自注意力：任一输入位置改变，输出 0 都会改变",
         "en": "self-attention: output 0 changes when ANY input position changes"},
        claimed=0.0,
        computed=min(dep),
        op=">",
    )
    ctx.plot(
        {"zh": "中心输出对输入的梯度", "en": "gradient of the centre output w.r.t. the input"},
        [ctx.series("|∂y_c/∂x_j|", np.arange(n) - n // 2, np.abs(grad))],
        xlabel="offset j",
        ylabel="|grad|",
    )


@proof(
    "transformer.pe_bounded_wavelengths",
    title={
        "zh": "正弦位置编码：值在 [−1,1]，波长从 2π 到约 10000·2π",
        "en": "Sinusoidal PE: values in [−1, 1], wavelengths from 2π to about 10000·2π",
    },
    params=[
        Param("d_model", 64, min=4, max=1024,
              help={"zh": "模型维度（偶数）", "en": "model dimension (even)"}),
        Param("positions", 100, min=2, max=2000,
              help={"zh": "展示的位置个数", "en": "number of positions shown"}),
    ],
)
def pe_bounded_wavelengths(ctx, d_model: int, positions: int) -> None:
    d = d_model - d_model % 2
    pe = sinusoidal_pe(np.arange(positions), d)
    ctx.check(
        {"zh": "所有取值都在 [−1, 1] 内", "en": "all values lie in [−1, 1]"},
        claimed=1.0,
        computed=float(np.abs(pe).max()),
        op="<=",
        tol=1e-12,
    )
    ctx.check(
        {"zh": "对每个 pos 都有 ‖PE(pos)‖² = d/2（每对满足 sin² + cos² = 1）",
         "en": "‖PE(pos)‖² = d/2 for every pos (sin² + cos² = 1 per pair)"},
        claimed=[d / 2] * positions,
        computed=(pe**2).sum(axis=1),
        tol=1e-9,
    )
    # wavelength of dimension pair i, measured as the period of the sampled signal
    i = np.arange(d // 2)
    omega = 10000.0 ** (-2 * i / d)
    wavelengths = 2 * np.pi / omega
    ctx.check(
        {"zh": "最短波长（i = 0）为 2π", "en": "shortest wavelength (i = 0) is 2π"},
        claimed=2 * np.pi,
        computed=float(wavelengths.min()),
        tol=1e-12,
    )
    ctx.check(
        {"zh": "最长波长（i = d/2−1）为 2π·10000^((d−2)/d)，略小于 10000·2π",
         "en": "longest (i = d/2−1) is 2π·10000^((d−2)/d) — just below 10000·2π"},
        claimed=2 * np.pi * 10000 ** ((d - 2) / d),
        computed=float(wavelengths.max()),
        rel=1e-12,
    )
    ctx.check(
        {"zh": "各波长构成等比数列（公比恒定）", "en": "wavelengths form a geometric sequence (constant ratio)"},
        claimed=10000 ** (2 / d),
        computed=float(np.mean(wavelengths[1:] / wavelengths[:-1])),
        rel=1e-12,
    )
    # the encoding itself repeats after these wavelengths: PE(pos + λ_i, 2i) = PE(pos, 2i) and the
    # same for 2i + 1, for every pair i — and not after half of it (so λ_i is the period)
    t = np.linspace(0, 20, 50)
    base = sinusoidal_pe(t, d)
    gap_full = max(
        float(np.abs(sinusoidal_pe(t + lam, d)[:, 2 * j : 2 * j + 2] - base[:, 2 * j : 2 * j + 2]).max())
        for j, lam in enumerate(wavelengths)
    )
    gap_half = min(
        float(np.abs(sinusoidal_pe(t + lam / 2, d)[:, 2 * j : 2 * j + 2] - base[:, 2 * j : 2 * j + 2]).max())
        for j, lam in enumerate(wavelengths)
    )
    ctx.check(
        {"zh": "每一对维度 (2i, 2i+1) 在平移 2π·10000^(2i/d) 后完全重复",
         "en": "every pair of dimensions (2i, 2i+1) repeats exactly after a shift of 2π·10000^(2i/d)"},
        claimed=0.0,
        computed=gap_full,
        tol=1e-9,
    )
    ctx.check(
        {"zh": "……而平移半个波长时不重复（sin、cos 变号）",
         "en": "…and not after half a wavelength (sin and cos flip sign)"},
        claimed=1.0,
        computed=gap_half,
        op=">",
    )
    ctx.heatmap(
        {"zh": "位置编码 PE(pos, dim)", "en": "position encoding PE(pos, dim)"},
        pe[: min(positions, 100), : min(d, 64)],
        xlabel="dimension",
        ylabel="position",
    )
    ctx.formula(
        r"PE_{(pos,2i)}=\sin\frac{pos}{10000^{2i/d}},\quad PE_{(pos,2i+1)}=\cos\frac{pos}{10000^{2i/d}}"
    )


@proof(
    "transformer.pe_relative_rotation",
    title={
        "zh": "PE(pos+k) = M_k·PE(pos)（与 pos 无关的旋转），点积只依赖 k",
        "en": "PE(pos+k) = M_k·PE(pos) (a rotation independent of pos); the dot product depends only on k",
    },
    params=[
        Param("d_model", 16, min=4, max=256,
              help={"zh": "模型维度（偶数）", "en": "model dimension (even)"}),
        Param("k", 5, min=1, max=200, help={"zh": "偏移量 k", "en": "offset k"}),
    ],
    seed=3,
)
def pe_relative_rotation(ctx, d_model: int, k: int) -> None:
    rng = ctx.rng
    d = d_model - d_model % 2
    omega = 10000.0 ** (-2 * np.arange(d // 2) / d)
    m = np.zeros((d, d))
    for idx, w in enumerate(omega):
        c, s = np.cos(w * k), np.sin(w * k)
        # [sin(a+b), cos(a+b)] = [[cos b, sin b], [-sin b, cos b]] @ [sin a, cos a]
        m[2 * idx : 2 * idx + 2, 2 * idx : 2 * idx + 2] = [[c, s], [-s, c]]
    pos = rng.integers(0, 1000, size=40).astype(float)
    pe, pe_k = sinusoidal_pe(pos, d), sinusoidal_pe(pos + k, d)
    ctx.check(
        {"zh": "对 40 个随机位置都有 PE(pos + k) = M_k PE(pos)",
         "en": "PE(pos + k) = M_k PE(pos) for 40 random positions"},
        claimed=0.0,
        computed=float(np.abs(pe_k - pe @ m.T).max()),
        tol=1e-9,
    )
    # learn the map from data in two disjoint position ranges: the same matrix comes out.
    # Fitted per frequency (2×2 blocks): a full d×d fit is ill-posed for d ≳ 100, because the
    # densely spaced low frequencies make the PE columns numerically collinear (cond ~ 1e16).
    lo, hi = np.arange(0, 30000.0, 7), np.arange(50000, 80000.0, 7)

    def fit_blocks(p: np.ndarray) -> np.ndarray:
        src, dst = sinusoidal_pe(p, d), sinusoidal_pe(p + k, d)
        return np.array([
            np.linalg.lstsq(src[:, 2 * i : 2 * i + 2], dst[:, 2 * i : 2 * i + 2], rcond=None)[0].T
            for i in range(d // 2)
        ])

    fit_lo, fit_hi = fit_blocks(lo), fit_blocks(hi)
    ctx.check(
        {"zh": "每个频率的 2×2 映射：在 pos ∈ [0, 30000) 上拟合的与在 [50000, 80000) 上拟合的相同",
         "en": "per-frequency 2×2 maps fitted on pos ∈ [0, 30000) equal those fitted on [50000, 80000)"},
        claimed=0.0,
        computed=float(np.abs(fit_lo - fit_hi).max()),
        tol=1e-8,
    )
    ctx.check(
        {"zh": "M_k 是正交矩阵（旋转）：M_kᵀM_k = I", "en": "M_k is orthogonal (a rotation): M_kᵀM_k = I"},
        claimed=np.eye(d).ravel(),
        computed=(m.T @ m).ravel(),
        tol=1e-12,
    )
    dots = (pe * pe_k).sum(axis=1)
    ctx.check(
        {"zh": "PE(pos)·PE(pos+k) = Σ cos(ω_i k)，对每个 pos 都相同",
         "en": "PE(pos)·PE(pos+k) = Σ cos(ω_i k), the same for every pos"},
        claimed=[float(np.cos(omega * k).sum())] * len(pos),
        computed=dots,
        tol=1e-9,
    )
    dots_back = (pe * sinusoidal_pe(pos - k, d)).sum(axis=1)
    ctx.check(
        {"zh": "对称：PE(pos)·PE(pos−k) = PE(pos)·PE(pos+k)（k 的符号信息丢失）",
         "en": "symmetric: PE(pos)·PE(pos−k) = PE(pos)·PE(pos+k) (the sign of k is lost)"},
        claimed=dots,
        computed=dots_back,
        tol=1e-9,
    )
    ks = np.arange(0, 100)
    ctx.plot(
        {"zh": "PE(pos)·PE(pos+k) 随 k 变化", "en": "PE(pos)·PE(pos+k) vs k"},
        [ctx.series("Σcos(ω_i k)", ks, np.cos(np.outer(ks, omega)).sum(axis=1))],
        xlabel="k",
        ylabel="dot",
    )
    ctx.formula(
        r"PE(pos)\cdot PE(pos+k)=\sum_{i=0}^{d/2-1}\cos(\omega_i k),\quad \omega_i=10000^{-2i/d}"
    )


@proof(
    "transformer.naive_position_encodings",
    title={
        "zh": "朴素位置编码的问题：计数无界，按长度归一化则步长依赖长度",
        "en": "Naive position codes: counting is unbounded; dividing by length makes the step length-dependent",
    },
    params=[
        Param("d_model", 16, min=4, max=256,
              help={"zh": "用于正弦编码对比的模型维度",
                    "en": "model dimension for the sinusoidal comparison"})
    ],
)
def naive_position_encodings(ctx, d_model: int) -> None:
    rows = []
    steps_sin = []
    for length in (10, 100, 1000):
        pos = np.arange(length, dtype=float)
        counting = pos
        normalised = pos / length
        sin = sinusoidal_pe(pos, d_model)
        step_sin = np.linalg.norm(np.diff(sin, axis=0), axis=1)
        steps_sin.append(step_sin)
        rows.append([length, counting.max(), float(np.diff(normalised)[0]), float(step_sin[0])])
    ctx.check(
        {"zh": "计数编码：最大编码值随长度增长（1000 → 999）",
         "en": "counting: the largest code grows with the length (1000 → 999)"},
        claimed=999.0,
        computed=rows[-1][1],
        tol=0,
    )
    ctx.check(
        {"zh": "归一化 pos/L：相邻位置的步长 1/L 依赖于 L（1/10 对 1/1000）",
         "en": "normalised pos/L: the adjacent step 1/L depends on L (1/10 vs 1/1000)"},
        claimed=[1 / 10, 1 / 1000],
        computed=[rows[0][2], rows[-1][2]],
        tol=1e-12,
    )
    ctx.check(
        {"zh": "正弦编码：相邻位置的步长对每个 pos、每个 L 都相同",
         "en": "sinusoidal: the adjacent-step size is identical for every pos and every L"},
        claimed=0.0,
        computed=float(
            max(s.max() - s.min() for s in steps_sin) + abs(steps_sin[0][0] - steps_sin[-1][0])
        ),
        tol=1e-9,
    )
    ctx.table([{"zh": "长度 L",
                "en": "length L"}, {"zh": "计数编码最大值", "en": "max counting code"}, {"zh": "归一化步长",
                                                 "en": "normalised step"}, {"zh": "正弦编码步长 ‖ΔPE‖",
                                                                    "en": "sinusoidal step ‖ΔPE‖"}], rows)


_MAX_DRAWS = 20_480_000  # samples × d for transformer.scaling_sqrt_d


def _variance_rel_tol(d: int, samples: int) -> float:
    """5 relative standard errors of the sample variance of q·k (q, k ~ N(0, I_d)).

    q·k is a sum of d products with variance 1 and fourth moment 9, so E[(q·k)⁴] = 3d² + 6d and
    Var(s²) ≈ (2d² + 6d) / samples, i.e. a relative standard error √((2 + 6/d) / samples).
    """
    return 5.0 * float(np.sqrt((2.0 + 6.0 / d) / samples))


@proof(
    "transformer.scaling_sqrt_d",
    title={
        "zh": "为什么除以 √d：q·k 的方差为 d，缩放后为 1，softmax 不再饱和",
        "en": "Why divide by √d: Var(q·k) = d, scaled it is 1 and the softmax stops saturating",
    },
    params=[
        Param("d", 64, min=2, max=1024,
              help={"zh": "键/查询维度 d_k", "en": "key/query dimension d_k"}),
        Param("samples", 20000, min=1000, max=200000,
              help={"zh": "随机 (q, k) 对的个数", "en": "random (q, k) pairs"}),
    ],
    seed=4,
)
def scaling_sqrt_d(ctx, d: int, samples: int) -> None:
    if samples * d > _MAX_DRAWS:
        raise ParamError(
            f"samples × d must be ≤ {_MAX_DRAWS:,} to stay fast (e.g. samples ≤ 20000 at d = 1024)"
        )
    rng = ctx.rng
    rows = max(1, 2**20 // d)  # draw in chunks: bounded memory
    dots = np.concatenate([
        np.einsum("ij,ij->i", rng.normal(size=(n, d)), rng.normal(size=(n, d)))
        for n in np.diff(np.r_[np.arange(0, samples, rows), samples])
    ])
    rel = _variance_rel_tol(d, samples)
    ctx.check(
        {"zh": f"各元素方差为 1 时 Var(q·k) ≈ d = {d}（容差 5 个标准误）",
         "en": f"Var(q·k) ≈ d = {d} for unit-variance entries (within 5 standard errors)"},
        claimed=float(d),
        computed=float(dots.var()),
        rel=rel,
    )
    ctx.check({"zh": "Var(q·k / √d) ≈ 1（容差 5 个标准误）",
               "en": "Var(q·k / √d) ≈ 1 (within 5 standard errors)"},
              claimed=1.0, computed=float((dots / np.sqrt(d)).var()), rel=rel)
    # softmax over 16 keys: average largest weight without / with scaling
    keys = rng.normal(size=(500, 16, d))
    query = rng.normal(size=(500, 1, d))
    raw = np.einsum("nkd,nqd->nk", keys, query)

    def max_weight(scores: np.ndarray) -> float:
        e = np.exp(scores - scores.max(axis=1, keepdims=True))
        return float((e / e.sum(axis=1, keepdims=True)).max(axis=1).mean())

    unscaled, scaled = max_weight(raw), max_weight(raw / np.sqrt(d))
    ctx.check(
        {"zh": "不缩放时 softmax 更尖锐（更接近 one-hot → 梯度极小）",
         "en": "without scaling the softmax is more peaked (closer to one-hot → tiny gradients)"},
        claimed=scaled,
        computed=unscaled,
        op=">",
    )
    ctx.table(
        [{"zh": "分数", "en": "scores"}, {"zh": "softmax 最大权重的均值（16 个 key）",
                    "en": "mean largest softmax weight (16 keys)"}], [["q·k", unscaled], ["q·k/√d", scaled]]
    )
    ctx.formula(r"\mathrm{Attention}(Q,K,V)=\mathrm{softmax}\Big(\frac{QK^\top}{\sqrt{d_k}}\Big)V")


def _outlier_effect(x: np.ndarray, w: np.ndarray, scale: float) -> np.ndarray:
    """Scale token 0 in a batch of draws (x: D×n×d, w: D×3×d×d). Rows per draw: (max, mean)
    attention the other queries give token 0, and the other outputs' mean shift relative to
    their norm."""

    def attend(xb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        q, k, v = (xb @ w[:, j] for j in range(3))
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(k.shape[-1])
        a = np.exp(scores - scores.max(axis=-1, keepdims=True))
        a /= a.sum(axis=-1, keepdims=True)
        return a @ v, a

    out, _ = attend(x)
    x2 = x.copy()
    x2[:, 0] *= scale
    out2, a2 = attend(x2)
    base_norm = np.linalg.norm(out[:, 1:], axis=-1).mean(axis=1)
    shift = np.linalg.norm(out2[:, 1:] - out[:, 1:], axis=-1).mean(axis=1) / base_norm
    return np.stack([a2[:, 1:, 0].max(axis=1), a2[:, 1:, 0].mean(axis=1), shift], axis=1)


@proof(
    "transformer.attention_outlier",
    title={
        "zh": "一个离群 token 就能吸走其他位置的大部分注意力",
        "en": "A single outlier token can capture most of the other positions' attention",
    },
    params=[
        Param("outlier_scale", 10.0, min=10.0, max=100.0,
              help={"zh": "施加在某一个 token 嵌入上的放大倍数",
                    "en": "factor applied to one token's embedding"}),
        Param("tokens", 8, min=8, max=64, help={"zh": "序列长度 n", "en": "sequence length n"}),
        Param("dim", 16, min=8, max=64, help={"zh": "模型维度 d", "en": "model dimension d"}),
    ],
    seed=0,
)
def attention_outlier(ctx, outlier_scale: float, tokens: int, dim: int) -> None:
    rng = ctx.rng
    draws = 32  # random (x, W_q, W_k, W_v) draws: the claims are about what typically happens
    xs = rng.normal(size=(draws, tokens, dim))
    ws = rng.normal(size=(draws, 3, dim, dim)) / np.sqrt(dim)

    def over_draws(scale: float) -> np.ndarray:
        """Rows (max weight on token 0, mean weight on token 0, relative shift), one per draw."""
        return _outlier_effect(xs, ws, scale)

    self_weight = min(float(np.diag(self_attention(x, *w)[1]).min()) for x, w in zip(xs, ws, strict=True))
    ctx.check(
        {"zh": "每个 token 自身的 value 也计入它自己的输出：min_i A_ii > 0（softmax 给每一对正权重；"
               "残差路径还会再加上 x_i）",
         "en": "each token's own value enters its own output: min_i A_ii > 0 (softmax gives every pair a positive "
               "weight; the residual path adds x_i as well)"},
        claimed=0.0,
        computed=self_weight,
        op=">",
    )

    def layer_norm(t: np.ndarray) -> np.ndarray:  # per token, no affine, ε = 1e-5
        return (t - t.mean(axis=-1, keepdims=True)) / np.sqrt(t.var(axis=-1, keepdims=True) + 1e-5)

    scaled = xs.copy()
    scaled[:, 0] *= outlier_scale
    pre_ln = max(float(np.abs(self_attention(layer_norm(a), *w)[1] - self_attention(layer_norm(b), *w)[1]).max())
                 for a, b, w in zip(scaled, xs, ws, strict=True))
    ctx.check(
        {"zh": f"这里的放大发生在任何归一化之前：Pre-LN（注意力前先做 LayerNorm）会抵消单纯的 ×{outlier_scale:g}，"
               "注意力权重几乎不变（max 差 < 1e-3，只剩 ε 的影响）",
         "en": f"the scaling here comes before any normalisation: Pre-LN (LayerNorm before attention) cancels a "
               f"pure ×{outlier_scale:g}, leaving the attention weights almost unchanged (max difference < 1e-3, "
               "only ε's effect remains)"},
        claimed=0.0,
        computed=pre_ln,
        tol=1e-3,
    )
    base, hit = over_draws(1.0), over_draws(outlier_scale)
    captured, captured_base = float((hit[:, 0] > 0.5).mean()), float((base[:, 0] > 0.5).mean())
    ctx.check(
        {"zh": f"把 1 个 token 放大 {outlier_scale:g} 倍：{draws} 次随机抽样中至少 3/4 "
               "有某个其他位置把一半以上的注意力给它",
         "en": f"one token scaled by {outlier_scale:g}: in at least 3/4 of {draws} random draws some "
               "other position gives it more than half of its attention"},
        claimed=0.75,
        computed=captured,
        op=">=",
    )
    ctx.check(
        {"zh": f"对照：不放大（×1）时，同样的 {draws} 次抽样中不到一半出现这种位置",
         "en": f"contrast: without scaling (×1) fewer than half of the same {draws} draws have "
               "such a position"},
        claimed=0.5,
        computed=captured_base,
        op="<",
    )
    ctx.check(
        {"zh": f"{draws} 次随机抽样中至少 3/4：其他位置的输出平均移动超过其原有范数（相对变化 ≥ 1）",
         "en": f"in at least 3/4 of {draws} random draws the other positions' outputs move by more "
               "than their own norm on average (relative shift ≥ 1)"},
        claimed=0.75,
        computed=float((hit[:, 2] >= 1.0).mean()),
        op=">=",
    )
    scales = np.linspace(1.0, outlier_scale, 20)
    rows = [over_draws(float(s)) for s in scales]
    ctx.plot(
        {"zh": f"离群程度 vs 注意力与输出偏移（{draws} 次抽样）",
         "en": f"outlier scale vs attention and output shift ({draws} draws)"},
        [
            ctx.series("share of draws with a weight > 1/2 on the outlier", scales,
                       [float((r[:, 0] > 0.5).mean()) for r in rows]),
            ctx.series("median max weight on outlier", scales, [float(np.median(r[:, 0])) for r in rows]),
            ctx.series("median relative output shift", scales, [float(np.median(r[:, 2])) for r in rows]),
        ],
        xlabel="outlier scale",
        ylabel="value",
    )
    ctx.table(
        ["", {"zh": "基线", "en": "baseline"}, f"×{outlier_scale:g}"],
        [
            ["share of draws: some query gives token 0 > 1/2", captured_base, captured],
            ["median max weight on token 0 (other queries)", float(np.median(base[:, 0])),
             float(np.median(hit[:, 0]))],
            ["median mean weight on token 0 (other queries)", float(np.median(base[:, 1])),
             float(np.median(hit[:, 1]))],
            ["median relative output shift", 0.0, float(np.median(hit[:, 2]))],
        ],
    )
    ctx.formula(r"A_{ij}=\frac{\exp(q_i\cdot k_j/\sqrt d)}{\sum_l \exp(q_i\cdot k_l/\sqrt d)},\quad k_j\to s\,k_j")
    ctx.note({
        "zh": "softmax 对分数是指数敏感的：离群 token 的 key 范数变大后，与它点积明显为正的查询几乎把全部权重给它，"
              "输出被它的（同样放大的）value 主导。实践中要靠 LayerNorm、裁剪或鲁棒注意力来抑制。",
        "en": "softmax is exponentially sensitive to scores: once the outlier's key grows, every query with a clearly "
              "positive dot product gives it almost all its weight, and the output is dominated by its (also enlarged) value. "
              "LayerNorm, clipping or robust attention variants are needed to contain it.",
    })


@proof(
    "transformer.multi_head_cost",
    title={
        "zh": "多头注意力：参数 4(d²+d)，与头数 h 无关；h 个头是同一组 d×d 投影的分块",
        "en": "Multi-head attention: 4(d²+d) parameters whatever the number of heads h; the h heads are blocks of "
        "the same d×d projections",
    },
    params=[
        Param("d_model", 512, min=8, max=1024, help={"zh": "模型维度 d", "en": "model dimension d"}),
        Param("heads", 8, min=1, max=64, help={"zh": "头数 h（须整除 d）", "en": "number of heads h (must divide d)"}),
        Param("tokens", 10, min=2, max=64, help={"zh": "序列长度 n", "en": "sequence length n"}),
    ],
    seed=7,
)
def multi_head_cost(ctx, d_model: int, heads: int, tokens: int) -> None:
    d, h, n = d_model, heads, tokens
    if d % h:
        divisors = ", ".join(str(v) for v in range(1, min(d, 64) + 1) if d % v == 0)
        raise ParamError(f"heads={h} must divide d_model={d} (each head gets d/h dimensions): pick heads from {divisors}")
    rng = ctx.rng
    dk = d // h
    x = rng.normal(size=(n, d))
    wq, wk, wv, wo = (rng.normal(size=(d, d)) / np.sqrt(d) for _ in range(4))
    bq, bk, bv, bo = (rng.normal(size=d) * 0.1 for _ in range(4))

    def softmax(s: np.ndarray) -> np.ndarray:
        e = np.exp(s - s.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    # per head: its own d×d_k matrices (column blocks), attention, then concatenate and project with W_O
    outs, attn, blocks = [], [], []
    for i in range(h):
        cols = slice(i * dk, (i + 1) * dk)
        q, k, v = x @ wq[:, cols] + bq[cols], x @ wk[:, cols] + bk[cols], x @ wv[:, cols] + bv[cols]
        a = softmax(q @ k.T / np.sqrt(dk))
        outs.append(a @ v)
        attn.append(a)
        blocks += [wq[:, cols], wk[:, cols], wv[:, cols], bq[cols], bk[cols], bv[cols]]
    per_head = np.concatenate(outs, axis=1) @ wo + bo
    # fused: one d×d product each, then reshape to (h, n, d_k)
    q, k, v = ((x @ w + b).reshape(n, h, dk).transpose(1, 0, 2) for w, b in ((wq, bq), (wk, bk), (wv, bv)))
    fused = (softmax(q @ k.transpose(0, 2, 1) / np.sqrt(dk)) @ v).transpose(1, 0, 2).reshape(n, d) @ wo + bo
    ctx.check({"zh": f"h = {h} 个头逐个计算 = 一次 d×d 投影后切成 {h} 块（输出最大相对差）",
               "en": f"h = {h} heads computed one by one = one d×d projection split into {h} blocks (largest "
                     "relative output difference)"},
              claimed=0.0, computed=float(np.abs(per_head - fused).max() / np.abs(fused).max()), tol=1e-10)
    # every entry of W_Q (likewise W_K, W_V) belongs to exactly one head
    cover = np.zeros((d, d), dtype=int)
    for i in range(h):
        cover[:, i * dk:(i + 1) * dk] += 1
    ctx.check({"zh": "W_Q 的每个元素恰好属于一个头（覆盖次数的最小值、最大值）",
               "en": "every entry of W_Q belongs to exactly one head (smallest, largest coverage count)"},
              claimed=[1, 1], computed=[int(cover.min()), int(cover.max())])
    counted = sum(int(b.size) for b in blocks) + wo.size + bo.size
    ctx.check({"zh": f"参数（由各头实际使用的张量加上 W_O、b_O 计数）= 4(d² + d) = {4 * (d * d + d)}",
               "en": f"parameters (counted from the tensors each head uses, plus W_O, b_O) = 4(d² + d) = "
                     f"{4 * (d * d + d)}"},
              claimed=4 * (d * d + d), computed=counted)
    score_macs = sum(a.size * dk for a in attn)  # each head: n×n scores, d_k multiply-adds each
    ctx.check({"zh": f"注意力分数的乘加次数 = h·n²·(d/h) = n²·d = {n * n * d}：与头数无关",
               "en": f"multiply-adds of the attention scores = h·n²·(d/h) = n²·d = {n * n * d}: independent of h"},
              claimed=n * n * d, computed=score_macs)
    if h > 1:
        spread = float(np.mean([np.abs(attn[i] - attn[j]).max() for i in range(h) for j in range(i + 1, h)]))
        ctx.check({"zh": "不同的头给出不同的注意力分布（两头注意力矩阵的最大差，对所有头对取平均）> 1e-3",
                   "en": "different heads attend differently (largest difference between two heads' attention "
                         "matrices, averaged over all pairs of heads) > 1e-3"},
                  claimed=1e-3, computed=spread, op=">")
    ctx.formula(r"\mathrm{MHA}(X)=\mathrm{Concat}(\mathrm{head}_1,\dots,\mathrm{head}_h)W_O,\quad"
                r"\mathrm{head}_i=\mathrm{softmax}\Big(\frac{XW_Q^{(i)}(XW_K^{(i)})^\top}{\sqrt{d/h}}\Big)XW_V^{(i)}")
    ctx.table([{"zh": "张量", "en": "tensor"}, {"zh": "形状", "en": "shape"}, {"zh": "个数", "en": "count"}],
              [["W_Q, W_K, W_V (per head)", [d, dk], 3 * h], ["b_Q, b_K, b_V (per head)", [dk], 3 * h],
               ["W_O", [d, d], 1], ["b_O", [d], 1], ["total", "", counted]])
