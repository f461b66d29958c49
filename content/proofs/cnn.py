"""Proofs for the convolution / pooling deck (深度学习基础 › 2. 卷积)."""

from __future__ import annotations

import numpy as np

from studytool.proofs.api import Param, ParamError, proof


def conv2d(x: np.ndarray, k: np.ndarray, stride: int = 1, pad: int = 0) -> np.ndarray:
    """Plain 2-D cross-correlation (what DL frameworks call convolution), single channel."""
    if pad:
        x = np.pad(x, pad)
    kh, kw = k.shape
    # enumerate the window positions that fit (no size formula here, so that
    # cnn.conv_output_size really compares the formula with a count)
    rows = [r for r in range(0, x.shape[0], stride) if r + kh <= x.shape[0]]
    cols = [c for c in range(0, x.shape[1], stride) if c + kw <= x.shape[1]]
    out = np.empty((len(rows), len(cols)))
    for i, r in enumerate(rows):
        for j, c in enumerate(cols):
            out[i, j] = float((x[r : r + kh, c : c + kw] * k).sum())
    return out


def max_pool(x: np.ndarray, size: int = 2, stride: int | None = None) -> np.ndarray:
    """Max pooling with a square window."""
    stride = stride or size
    out_h = (x.shape[0] - size) // stride + 1
    out_w = (x.shape[1] - size) // stride + 1
    out = np.empty((out_h, out_w))
    for i in range(out_h):
        for j in range(out_w):
            out[i, j] = x[i * stride : i * stride + size, j * stride : j * stride + size].max()
    return out


@proof(
    "cnn.conv_output_size",
    title={
        "zh": "卷积输出尺寸 ⌊(n+2p−k)/s⌋+1：实际卷一遍来数",
        "en": "Conv output size ⌊(n+2p−k)/s⌋+1, counted by actually convolving",
    },
    params=[
        Param("n", 32, min=1, max=512, help={"zh": "输入宽度/高度", "en": "input width/height"}),
        Param("k", 5, min=1, max=15, help={"zh": "卷积核大小", "en": "kernel size"}),
        Param("p", 2, min=0, max=10, help={"zh": "填充", "en": "padding"}),
        Param("s", 2, min=1, max=8, help={"zh": "步幅", "en": "stride"}),
    ],
    seed=0,
)
def conv_output_size(ctx, n: int, k: int, p: int, s: int) -> None:
    rng = ctx.rng
    rows = []
    cases = [(n, k, p, s), (7, 3, 0, 2), (224, 7, 3, 2), (28, 3, 1, 1), (10, 4, 0, 3)]
    for cn, ck, cp, cs in cases:
        if cn + 2 * cp < ck:
            continue
        out = conv2d(rng.normal(size=(cn, cn)), rng.normal(size=(ck, ck)), stride=cs, pad=cp)
        formula = (cn + 2 * cp - ck) // cs + 1
        ctx.check(
            {"zh": f"n={cn}，k={ck}，p={cp}，s={cs}：⌊(n+2p−k)/s⌋+1 = {formula}",
             "en": f"n={cn}, k={ck}, p={cp}, s={cs}: ⌊(n+2p−k)/s⌋+1 = {formula}"},
            claimed=formula,
            computed=out.shape[0],
            tol=0,
        )
        rows.append([cn, ck, cp, cs, out.shape[0]])
    odd_k = (1, 3, 5, 7)
    same = [conv2d(rng.normal(size=(9, 9)), rng.normal(size=(ck, ck)), stride=1, pad=(ck - 1) // 2)
            for ck in odd_k]
    ctx.check(
        {"zh": "s = 1、奇数 k = 1, 3, 5, 7 时 'same' 填充 p = (k−1)/2 保持尺寸 9 不变",
         "en": "'same' padding p = (k−1)/2 with s = 1 and odd k = 1, 3, 5, 7 keeps the size 9"},
        claimed=[9] * len(odd_k),
        computed=[o.shape[0] for o in same],
        tol=0,
    )
    even = [conv2d(rng.normal(size=(9, 9)), rng.normal(size=(4, 4)), stride=1, pad=cp)
            for cp in (1, 2)]
    ctx.check(
        {"zh": "偶数 k = 4：对称填充无法保持尺寸 9（p = 1 得 8，p = 2 得 10）",
         "en": "even k = 4: symmetric padding cannot keep the size 9 (p = 1 gives 8, p = 2 gives 10)"},
        claimed=[8, 10],
        computed=[o.shape[0] for o in even],
        tol=0,
    )
    ctx.formula(r"n_{\mathrm{out}}=\left\lfloor\frac{n+2p-k}{s}\right\rfloor+1")
    ctx.table(["n", "k", "p", "s", {"zh": "输出尺寸（实际计数）", "en": "output size (counted)"}], rows)


@proof(
    "cnn.translation_equivariance",
    title={
        "zh": "卷积平移等变（不是尺度不变）",
        "en": "Convolution is translation-equivariant (not scale-invariant)",
    },
    params=[Param("shift", 3, min=1, max=8,
                  help={"zh": "平移量（像素）", "en": "shift in pixels"})],
    seed=1,
)
def translation_equivariance(ctx, shift: int) -> None:
    rng = ctx.rng
    x = np.zeros((24, 24))
    x[6:12, 5:9] = rng.normal(size=(6, 4))  # an object away from the border
    k = rng.normal(size=(3, 3))
    shifted = np.roll(x, (shift, shift), axis=(0, 1))
    lhs = conv2d(shifted, k)
    rhs = np.roll(conv2d(x, k), (shift, shift), axis=(0, 1))
    ctx.check(
        {"zh": "conv(shift(x)) = shift(conv(x))（平移等变性）",
         "en": "conv(shift(x)) = shift(conv(x))  (equivariance)"},
        claimed=0.0,
        computed=float(np.abs(lhs - rhs).max()),
        tol=1e-12,
    )
    ctx.check(
        {"zh": "但 conv(shift(x)) ≠ conv(x)：特征图随之移动，并非平移不变",
         "en": "but conv(shift(x)) ≠ conv(x): the feature map moves, it is not invariant"},
        claimed=1e-3,
        computed=float(np.abs(lhs - conv2d(x, k)).max()),
        op=">",
    )
    # scale: upsample the input by 2 (nearest), compare with upsampling the output
    up = np.kron(x, np.ones((2, 2)))
    conv_up = conv2d(up, k)
    up_conv = np.kron(conv2d(x, k), np.ones((2, 2)))
    m = min(conv_up.shape[0], up_conv.shape[0])
    err = float(np.abs(conv_up[:m, :m] - up_conv[:m, :m]).max())
    ctx.check(
        {"zh": "conv(scale(x)) ≠ scale(conv(x))：固定的 3×3 卷积核不具备尺度等变性",
         "en": "conv(scale(x)) ≠ scale(conv(x)): a fixed 3×3 kernel is not scale-equivariant"},
        claimed=1e-3,
        computed=err,
        op=">",
    )
    # rotation: a generic (non-symmetric) kernel does not commute with a 90° rotation
    conv_rot = conv2d(np.rot90(x), k)
    ctx.check(
        {"zh": "conv(rot90(x)) ≠ rot90(conv(x))：一般的卷积核不具备旋转等变性",
         "en": "conv(rot90(x)) ≠ rot90(conv(x)): a generic kernel is not rotation-equivariant"},
        claimed=1e-3,
        computed=float(np.abs(conv_rot - np.rot90(conv2d(x, k))).max()),
        op=">",
    )
    ctx.check(
        {"zh": "……也不具备旋转不变性：conv(rot90(x)) ≠ conv(x)",
         "en": "…nor rotation-invariant: conv(rot90(x)) ≠ conv(x)"},
        claimed=1e-3,
        computed=float(np.abs(conv_rot - conv2d(x, k)).max()),
        op=">",
    )
    # stride s: only shifts that are multiples of s carry over (as a shift by δ/s of the output)
    strided = conv2d(x, k, stride=2)
    ctx.check(
        {"zh": "stride 2：输入平移 2 像素 ⇒ 输出恰好平移 1 格",
         "en": "stride 2: a 2-pixel input shift ⇒ the output shifts by exactly 1 cell"},
        claimed=0.0,
        computed=float(np.abs(conv2d(np.roll(x, (2, 2), axis=(0, 1)), k, stride=2)
                              - np.roll(strided, (1, 1), axis=(0, 1))).max()),
        tol=1e-12,
    )
    odd = conv2d(np.roll(x, (1, 1), axis=(0, 1)), k, stride=2)
    ctx.check(
        {"zh": "stride 2：输入平移 1 像素后的输出不是原输出的任何平移（|δ| ≤ 3 格内的最小差 > 1e-3）",
         "en": "stride 2: after a 1-pixel input shift the output is no shift of the original one (smallest "
               "difference over output shifts |δ| ≤ 3 > 1e-3)"},
        claimed=1e-3,
        computed=min(float(np.abs(odd - np.roll(strided, (di, dj), axis=(0, 1))).max())
                     for di in range(-3, 4) for dj in range(-3, 4)),
        op=">",
    )
    ctx.formula(r"(T_\delta x) * k = T_\delta (x * k)")


@proof(
    "cnn.maxpool_small_shift",
    title={
        "zh": "最大池化：最大值留在窗口内时输出不变，平移 1 像素跨过窗口边界就变",
        "en": "Max-pool: unchanged while the maximum stays in its window; a 1-pixel shift across a boundary changes it",
    },
    params=[Param("window", 2, min=2, max=4,
                  help={"zh": "池化窗口大小（= 步幅）", "en": "pooling window (= stride)"})],
    seed=2,
)
def maxpool_small_shift(ctx, window: int) -> None:
    size = 4 * window
    x = np.zeros((size, size))
    x[window, window] = 5.0  # a strong activation at the top-left corner of window (1, 1)
    base = max_pool(x, window)
    inside = np.roll(x, (window - 1, window - 1), axis=(0, 1))  # still in the same window
    across = np.roll(x, (-1, 0), axis=(0, 1))  # one pixel up: into window (0, 1)
    ctx.check(
        {"zh": f"在 {window}×{window} 窗口内平移 {window - 1} 像素：池化输出完全相同",
         "en": f"shift by {window - 1} px inside the {window}×{window} window: pooled output identical"},
        claimed=0.0,
        computed=float(np.abs(max_pool(inside, window) - base).max()),
        tol=0,
    )
    ctx.check(
        {"zh": "只平移 1 像素、但跨过窗口边界：最大值落入另一个池化单元，输出改变",
         "en": "a shift of only 1 px across a window boundary: the maximum lands in another pooling cell, "
               "output changes"},
        claimed=1.0,
        computed=float(np.abs(max_pool(across, window) - base).max()),
        op=">",
    )
    # a generic feature map: a 1-px shift changes a cell unless the maximum of the 'union' of its
    # old and new windows lies in their overlap, so a fraction 2/(w+1) of the cells change
    rng = ctx.rng
    cells = 64
    fmap = rng.normal(size=(cells * window, cells * window + 1))
    old = fmap[:, 1:].reshape(cells, window, cells, window).max(axis=(1, 3))
    new = fmap[:, :-1].reshape(cells, window, cells, window).max(axis=(1, 3))
    ctx.check(
        {"zh": f"随机特征图平移 1 像素：约 2/(w+1) = {2 / (window + 1):.3f} 的池化单元改变（容差 0.05）",
         "en": f"random feature map shifted by 1 px: about 2/(w+1) = {2 / (window + 1):.3f} of the pooled "
               "cells change (tol 0.05)"},
        claimed=2 / (window + 1),
        computed=float((old != new).mean()),
        tol=0.05,
    )
    ctx.heatmap({"zh": "池化前的特征图", "en": "feature map before pooling"}, x)


@proof(
    "cnn.pool_not_rotation_scale_invariant",
    title={
        "zh": "卷积+池化对旋转、缩放并不不变",
        "en": "Conv + pooling is not rotation- or scale-invariant",
    },
    params=[Param("size", 16, min=8, max=40, help={"zh": "图像尺寸", "en": "image size"})],
    seed=3,
)
def pool_not_rotation_scale_invariant(ctx, size: int) -> None:
    if size % 2:
        raise ParamError(
            f"size={size} is odd: 2×2 pooling would drop the last row/column, which a 90° rotation "
            f"moves; pick an even size (e.g. {size + 1})"
        )
    img = np.zeros((size, size))
    c = size // 2
    img[c - 4 : c + 4, c - 1 : c + 1] = 1.0  # a vertical bar
    vertical_edge = np.array([[1.0, 0.0, -1.0]] * 3)  # responds to vertical edges
    feat = max_pool(np.maximum(conv2d(img, vertical_edge), 0), 2)
    rotated = np.rot90(img)
    feat_rot = max_pool(np.maximum(conv2d(rotated, vertical_edge), 0), 2)
    ctx.check(
        {"zh": "将条纹旋转 90°：池化特征的全局最大值下降（不具有不变性）",
         "en": "rotating the bar by 90°: global max of pooled features drops (not invariant)"},
        claimed=float(feat.max()),
        computed=float(feat_rot.max()),
        op="<",
    )
    rnd = np.random.default_rng(0).normal(size=(size, size))
    pooled = max_pool(rnd, 2)
    pooled_of_rot = max_pool(np.rot90(rnd), 2)
    ctx.check(
        {"zh": "随机特征图：pool(rot90(x)) ≠ pool(x)（输出不具有不变性）",
         "en": "random feature map: pool(rot90(x)) ≠ pool(x) (the output is not invariant)"},
        claimed=1e-6,
        computed=float(np.abs(pooled_of_rot - pooled).max()),
        op=">",
    )
    ctx.check(
        {"zh": "在偶数尺寸网格上旋转 90° 只是等变的：pool(rot90(x)) = rot90(pool(x))",
         "en": "for 90° on an even grid it is only equivariant: pool(rot90(x)) = rot90(pool(x))"},
        claimed=0.0,
        computed=float(np.abs(pooled_of_rot - np.rot90(pooled)).max()),
        tol=0,
    )
    # scale: the same image enlarged ×2 (nearest neighbour); compare a global descriptor
    big = np.kron(img, np.ones((2, 2)))
    feat_big = max_pool(np.maximum(conv2d(big, vertical_edge), 0), 2)
    avg, avg_big = float(feat.mean()), float(feat_big.mean())
    ctx.check(
        {"zh": "把图像放大 2 倍后，连池化图的全局平均值都变化超过 10 %",
         "en": "scaling the image ×2 changes even the global average of the pooled map by > 10 %"},
        claimed=0.1,
        computed=abs(avg_big - avg) / avg,
        op=">",
    )
    ctx.table(
        [{"zh": "输入", "en": "input"}, {"zh": "池化后的最大响应",
                   "en": "max pooled response"}, {"zh": "被激活的池化单元数", "en": "active pooled cells"}],
        [
            ["vertical bar", feat.max(), int((feat > 0).sum())],
            ["rotated 90°", feat_rot.max(), int((feat_rot > 0).sum())],
            ["image ×2", feat_big.max(), int((feat_big > 0).sum())],
        ],
    )


@proof(
    "cnn.pool_params_compute",
    title={
        "zh": "池化层 0 参数；它减少的是后续层的计算量（以及全连接层的参数）",
        "en": "Pooling has 0 parameters; it cuts the next layers' compute (and FC parameters)",
    },
    params=[
        Param("channels", 32, min=1, max=256, help={"zh": "通道数 C", "en": "channels C"}),
        Param("spatial", 32, min=4, max=256,
              help={"zh": "池化前特征图的边长", "en": "feature-map side before pooling"}),
    ],
)
def pool_params_compute(ctx, channels: int, spatial: int) -> None:
    c, n = channels, spatial
    if n % 2:
        raise ParamError(
            f"spatial={n} is odd: a 2×2 pooling window must tile the map exactly; "
            f"pick an even spatial (e.g. {n + 1})"
        )
    rng = ctx.rng
    x = rng.normal(size=(c, n, n))
    # max-pool is a fixed function: it equals a block-wise max, nothing in it is learned
    blocks = x[:, : n // 2 * 2, : n // 2 * 2].reshape(c, n // 2, 2, n // 2, 2).max(axis=(2, 4))
    shown = min(c, 4)  # the loop-based max_pool on a few channels (it is slow on big maps)
    pooled_loop = np.stack([max_pool(ch, 2) for ch in x[:shown]])
    pooled = blocks
    ctx.check(
        {"zh": "2×2 最大池化 = 分块取最大值（两种实现一致：一个只依赖输入的固定规则）",
         "en": "2×2 max-pool = block-wise max (two implementations agree: a fixed rule of the input alone)"},
        claimed=0.0,
        computed=float(np.abs(pooled_loop - blocks[:shown]).max()),
        tol=0,
    )
    in_window = np.zeros(pooled.shape, dtype=bool)
    for a in range(2):
        for b in range(2):
            in_window |= x[:, a::2, b::2] == pooled  # the window's four inputs, as strided views
    ctx.check(
        {"zh": "每个输出都原样等于其窗口中的某个输入（没有权重缩放、没有偏置平移：无可学习的量）",
         "en": "every output is exactly one of its window's inputs (no weight scales it, no bias shifts it: "
               "nothing to learn)"},
        claimed=True,
        computed=bool(np.all(in_window)),
    )
    weight = rng.normal(size=(c, c, 3, 3))
    bias = np.zeros(c)

    def conv_layer(t: np.ndarray) -> tuple[np.ndarray, int]:
        padded = np.pad(t, ((0, 0), (1, 1), (1, 1)))  # "same" padding: output size = input size
        side = t.shape[1]
        # one matrix product per kernel offset (an im2col copy would need 9× the map: > 1 GiB at C = 256, 256²)
        out = np.zeros((c, side, side))
        for a in range(3):
            for b in range(3):
                out += np.tensordot(weight[:, :, a, b], padded[:, a:a + side, b:b + side], axes=(1, 0))
        out += bias[:, None, None]
        macs = (
            out.shape[1] * out.shape[2] * weight.size
        )  # one multiply-add per weight per output pixel
        return out, macs

    out_full, macs_full = conv_layer(x)
    out_pool, macs_pool = conv_layer(pooled)
    n_params = weight.size + bias.size
    ctx.check(
        {"zh": "两张特征图上运行同一组 3×3 卷积权重：参数量 C·C·9 + C，与尺寸无关",
         "en": "the same 3×3 conv weights run on both maps: parameters C·C·9 + C, independent of size"},
        claimed=c * c * 9 + c,
        computed=n_params,
        tol=0,
    )
    ctx.check(
        {"zh": "……但 2×2 池化后乘加次数恰好少 4 倍", "en": "…but exactly 4× fewer multiply-adds after 2×2 pooling"},
        claimed=4.0,
        computed=macs_full / macs_pool,
        tol=1e-12,
    )
    fc_full = out_full.size * 10  # a dense layer to 10 outputs needs one weight per input value
    fc_pool = out_pool.size * 10
    ctx.check(
        {"zh": "后续的全连接层（→10）权重恰好少 4 倍",
         "en": "a following fully connected layer (→10) has exactly 4× fewer weights"},
        claimed=4.0,
        computed=fc_full / fc_pool,
        tol=1e-12,
    )
    ctx.table(
        [{"zh": "层",
          "en": "layer"}, {"zh": "参数量", "en": "params"}, {"zh": "乘加次数", "en": "multiply-adds"}],
        [
            ["2×2 max-pool", 0, 0],
            ["3×3 conv, no pooling before", n_params, macs_full],
            ["3×3 conv, after pooling", n_params, macs_pool],
            ["FC→10, no pooling", fc_full, ""],
            ["FC→10, after pooling", fc_pool, ""],
        ],
    )


@proof(
    "cnn.depthwise_separable",
    title={
        "zh": "卷积层参数 k²·C_in·C_out；深度可分离卷积（逐通道 k×k + 1×1）只需 k²·C_in + C_in·C_out",
        "en": "A conv layer has k²·C_in·C_out weights; a depthwise-separable one (per-channel k×k + 1×1) only "
        "k²·C_in + C_in·C_out",
    },
    params=[
        Param("c_in", 256, min=1, max=256, help={"zh": "输入通道数 C_in", "en": "input channels C_in"}),
        Param("c_out", 256, min=2, max=256,
              help={"zh": "输出通道数 C_out（≥ 2：只有 1 个输出通道时可分离卷积并不省参数）",
                    "en": "output channels C_out (≥ 2: with a single output channel the separable form saves nothing)"}),
        Param("k", 3, min=2, max=5,
              help={"zh": "卷积核边长 k（≥ 2：1×1 的“逐通道”步骤只是逐通道缩放，没有可省的）",
                    "en": "kernel side k (≥ 2: a 1×1 'depthwise' step is a per-channel scale, nothing to save)"}),
    ],
    seed=5,
)
def depthwise_separable(ctx, c_in: int, c_out: int, k: int) -> None:
    rng = ctx.rng
    side = k + 5  # a valid convolution gives a 6×6 output
    x = rng.normal(size=(c_in, side, side))
    win = np.lib.stride_tricks.sliding_window_view(x, (k, k), axis=(1, 2))  # (C_in, 6, 6, k, k)
    up = rng.normal(size=(c_out, 6, 6))  # ∂L/∂output for a random linear loss L = Σ up ⊙ output

    # standard convolution: W (C_out, C_in, k, k)
    w = rng.normal(size=(c_out, c_in, k, k))
    grad_w = np.einsum("ohw,ihwab->oiab", up, win, optimize=True)
    # depthwise-separable: D (C_in, k, k) per channel, then P (C_out, C_in) mixes the channels (1×1)
    d = rng.normal(size=(c_in, k, k))
    p = rng.normal(size=(c_out, c_in))

    def separable(dd: np.ndarray, pp: np.ndarray) -> np.ndarray:
        return np.einsum("oi,ihw->ohw", pp, np.einsum("ihwab,iab->ihw", win, dd, optimize=True), optimize=True)

    depthwise_out = np.einsum("ihwab,iab->ihw", win, d, optimize=True)
    grad_p = np.einsum("ohw,ihw->oi", up, depthwise_out, optimize=True)
    grad_d = np.einsum("ihw,ihwab->iab", np.einsum("oi,ohw->ihw", p, up, optimize=True), win, optimize=True)
    h = 1e-6
    e_d, e_p = np.zeros_like(d), np.zeros_like(p)
    e_d[0, 0, 0], e_p[0, 0] = h, h
    fd = [float(((separable(d + e_d, p) - separable(d - e_d, p)) * up).sum() / (2 * h)),
          float(((separable(d, p + e_p) - separable(d, p - e_p)) * up).sum() / (2 * h))]
    ctx.check({"zh": "梯度公式与有限差分一致（深度卷积核、逐点卷积各取一个分量）",
               "en": "the gradient formulas match finite differences (one depthwise and one pointwise entry)"},
              claimed=fd, computed=[float(grad_d[0, 0, 0]), float(grad_p[0, 0])], rel=1e-5, tol=1e-6)
    # the parameters are the entries that receive a gradient: counted from the gradients
    n_std = int(np.count_nonzero(grad_w))
    n_sep = int(np.count_nonzero(grad_d) + np.count_nonzero(grad_p))
    ctx.check({"zh": f"标准卷积：收到梯度的权重数 = k²·C_in·C_out = {k * k * c_in * c_out}",
               "en": f"standard conv: weights that receive a gradient = k²·C_in·C_out = {k * k * c_in * c_out}"},
              claimed=k * k * c_in * c_out, computed=n_std)
    ctx.check({"zh": f"深度可分离：收到梯度的权重数 = k²·C_in + C_in·C_out = {k * k * c_in + c_in * c_out}",
               "en": f"depthwise-separable: weights that receive a gradient = k²·C_in + C_in·C_out = "
                     f"{k * k * c_in + c_in * c_out}"},
              claimed=k * k * c_in + c_in * c_out, computed=n_sep)
    ctx.check({"zh": "参数之比 = 1/C_out + 1/k²（由上面两个计数得到）",
               "en": "parameter ratio = 1/C_out + 1/k² (from the two counts above)"},
              claimed=1 / c_out + 1 / k**2, computed=n_sep / n_std, tol=1e-12)
    # multiply-adds: one per weight per output pixel in both forms (a depthwise weight touches one channel), so
    # the compute shrinks by the same ratio
    pixels = 6 * 6
    # it is a standard convolution whose kernel is factorised: W[o, i] = P[o, i] · D[i]
    w_fact = p[:, :, None, None] * d[None]
    standard_fact = np.einsum("ihwab,oiab->ohw", win, w_fact, optimize=True)
    sep = separable(d, p)
    ctx.check({"zh": "可分离卷积 = 核为 W[o,i] = P[o,i]·D[i] 的标准卷积（输出的最大相对差）",
               "en": "the separable conv = a standard conv with kernel W[o,i] = P[o,i]·D[i] (largest relative "
                     "output difference)"},
              claimed=0.0, computed=float(np.abs(sep - standard_fact).max() / np.abs(sep).max()), tol=1e-10)

    def rank1_residual(kernel: np.ndarray) -> float:
        """Mean over input channels of the relative residual of the best rank-1 fit of W[:, i] (C_out × k²)."""
        out = []
        for i in range(kernel.shape[1]):
            s = np.linalg.svd(kernel[:, i].reshape(kernel.shape[0], -1), compute_uv=False)
            out.append(float(np.sum(s[1:] ** 2) / np.sum(s**2)))
        return float(np.mean(out))

    ctx.check({"zh": "代价是表达能力：可分离的核对每个输入通道都是秩 1 的（最佳秩 1 拟合的残差 ≈ 0）",
               "en": "the price is expressiveness: a separable kernel has rank 1 for every input channel (residual "
                     "of the best rank-1 fit ≈ 0)"},
              claimed=0.0, computed=rank1_residual(w_fact), tol=1e-12)
    ctx.check({"zh": "……而一般（随机）的标准卷积核不是：秩 1 拟合的相对残差 > 1e-6（可分离核只有舍入误差 ~1e-30）",
               "en": "…while a generic (random) standard kernel is not: relative residual of the rank-1 fit > 1e-6 "
                     "(a separable kernel leaves only ~1e-30 round-off)"},
              claimed=1e-6, computed=rank1_residual(w), op=">")
    ctx.formula(r"N_{\mathrm{conv}}=k^2C_{in}C_{out},\quad N_{\mathrm{dw\text{-}sep}}=k^2C_{in}+C_{in}C_{out},\quad"
                r"\frac{N_{\mathrm{dw\text{-}sep}}}{N_{\mathrm{conv}}}=\frac1{C_{out}}+\frac1{k^2}")
    ctx.table([{"zh": "层", "en": "layer"}, {"zh": "参数量", "en": "parameters"},
               {"zh": "乘加次数（6×6 输出）", "en": "multiply-adds (6×6 output)"}],
              [[f"{k}×{k} conv", n_std, pixels * n_std],
               [f"depthwise {k}×{k} + pointwise 1×1", n_sep, pixels * n_sep]])
