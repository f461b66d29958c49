"""Proofs for the RNN / LSTM / GRU deck (深度学习基础 › 1. RNN)."""

from __future__ import annotations

import numpy as np

from studytool.proofs.api import Param, proof


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _lstm_step(params: dict, x: np.ndarray, h: np.ndarray, c: np.ndarray) -> tuple:
    """One LSTM step (no peepholes). Returns h', c' and the gates."""
    z = params["W"] @ x + params["U"] @ h + params["b"]
    n = h.size
    i, f, g, o = (
        _sigmoid(z[:n]),
        _sigmoid(z[n : 2 * n]),
        np.tanh(z[2 * n : 3 * n]),
        _sigmoid(z[3 * n :]),
    )
    c_new = f * c + i * g
    return o * np.tanh(c_new), c_new, {"i": i, "f": f, "g": g, "o": o}


def _lstm_params(rng: np.random.Generator, n_in: int, n_h: int, scale: float) -> dict:
    return {
        "W": rng.normal(0, scale / np.sqrt(n_in), (4 * n_h, n_in)),
        "U": rng.normal(0, scale / np.sqrt(n_h), (4 * n_h, n_h)),
        "b": rng.normal(0, 0.5, 4 * n_h),
    }


def _numeric_jacobian(fn, v: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Central finite-difference Jacobian of ``fn`` at ``v``."""
    cols = []
    for k in range(v.size):
        e = np.zeros_like(v)
        e[k] = eps
        cols.append((fn(v + e) - fn(v - e)) / (2 * eps))
    return np.stack(cols, axis=1)


@proof(
    "rnn.param_counts",
    title={
        "zh": "RNN / LSTM / GRU 参数量：按权重形状逐个数",
        "en": "RNN / LSTM / GRU parameter counts, counted from the weight shapes",
    },
    params=[
        Param("hidden", 128, min=1, max=4096, help={"zh": "隐藏维度 h", "en": "hidden size h"}),
        Param("inputs", 64, min=1, max=4096, help={"zh": "输入维度 x", "en": "input size x"}),
    ],
)
def param_counts(ctx, hidden: int, inputs: int) -> None:
    h, x = hidden, inputs
    gates = {"RNN": 1, "GRU": 3, "LSTM": 4}
    rows = []
    for name, k in gates.items():
        # one input matrix, one recurrent matrix and one bias per gate / candidate
        shapes = [(h, x), (h, h), (h,)] * k
        counted = sum(int(np.prod(s)) for s in shapes)
        ctx.check(
            {"zh": f"{name}：统计的权重数 = {k}·(h(h+x)+h)",
             "en": f"{name}: counted weights = {k}·(h(h+x)+h)"},
            claimed=k * (h * (h + x) + h),
            computed=counted,
            tol=0,
        )
        # PyTorch keeps two bias vectors per gate (b_ih and b_hh)
        torch_shapes = [(k * h, x), (k * h, h), (k * h,), (k * h,)]
        torch_count = sum(int(np.prod(s)) for s in torch_shapes)
        ctx.check(
            {"zh": f"{name}（PyTorch，b_ih + b_hh）：{k}·(h(h+x)+2h)",
             "en": f"{name} (PyTorch, b_ih + b_hh): {k}·(h(h+x)+2h)"},
            claimed=k * (h * (h + x) + 2 * h),
            computed=torch_count,
            tol=0,
        )
        rows.append([name, k, counted, torch_count])
    ctx.check({"zh": "LSTM / RNN 参数量之比为 4",
               "en": "LSTM / RNN parameter ratio is 4"}, claimed=4.0, computed=rows[2][2] / rows[0][2])
    ctx.formula(r"N_{\mathrm{LSTM}} = 4\,(h(h+x)+h),\quad N_{\mathrm{GRU}} = 3\,(h(h+x)+h)")
    ctx.table([{"zh": "模型", "en": "model"}, {"zh": "门控块数", "en": "gate blocks"}, {"zh": "参数量（一个偏置）",
                                        "en": "params (one bias)"}, {"zh": "参数量（PyTorch，两个偏置）",
                                                             "en": "params (PyTorch, two biases)"}], rows)


@proof(
    "rnn.gradient_vs_spectral_radius",
    title={
        "zh": "RNN 随时间反传的梯度范数与 W_hh 的谱半径",
        "en": "RNN gradient norm through time vs the spectral radius of W_hh",
    },
    params=[
        Param("hidden", 16, min=2, max=96, help={"zh": "隐藏维度", "en": "hidden size"}),
        Param("steps", 40, min=5, max=200, help={"zh": "时间步数 T", "en": "time steps T"}),
    ],
    seed=1,
)
def gradient_vs_spectral_radius(ctx, hidden: int, steps: int) -> None:
    rng = ctx.rng
    q, _ = np.linalg.qr(rng.normal(size=(hidden, hidden)))
    series = []
    for rho in (0.9, 1.0, 1.1):
        w = rho * q  # all singular values equal rho, spectral radius rho
        jac = np.eye(hidden)
        norms = []
        for _ in range(steps):
            jac = w @ jac  # linear RNN: dh_t/dh_{t-1} = W_hh
            norms.append(np.linalg.norm(jac, 2))
        ctx.check(
            {"zh": f"线性 RNN，ρ = {rho}：‖∂h_T/∂h_0‖ = ρ^T",
             "en": f"linear RNN, ρ = {rho}: ‖∂h_T/∂h_0‖ = ρ^T"},
            claimed=rho**steps,
            computed=norms[-1],
            rel=1e-9,
        )
        series.append(ctx.series(f"linear ρ={rho}", np.arange(1, steps + 1), np.log10(norms)))
    # a generic (non-orthogonal) matrix: growth rate per step tends to the spectral radius
    a = rng.normal(size=(hidden, hidden))
    a /= np.max(np.abs(np.linalg.eigvals(a)))
    # Gelfand: ‖W^T‖^(1/T) = ρ·C^(1/T) with C the non-normal transient (grows with the size): at
    # least 200 powers so that C^(1/T) is within the 5 % however short the plotted horizon
    power = max(4 * steps, 200)
    for rho in (0.8, 1.2):
        w = rho * a
        long = np.linalg.norm(np.linalg.matrix_power(w, power), 2)
        rate = long ** (1 / power)
        ctx.check(
            {"zh": f"谱半径为 {rho} 的随机 W：‖W^T‖^(1/T) → ρ（T = {power}）",
             "en": f"random W with spectral radius {rho}: ‖W^T‖^(1/T) → ρ (T = {power})"},
            claimed=rho,
            computed=rate,
            tol=0.05 * rho,
        )
    # tanh RNN: dh_t/dh_{t-1} = diag(1 − h_t²) W, so ‖∂h_T/∂h_0‖ ≤ σ_max(W)^T
    w = 0.9 * q
    u = rng.normal(0, 1, (hidden, 3))
    h = np.zeros(hidden)
    jac = np.eye(hidden)
    tanh_norms = []
    for _ in range(steps):
        h = np.tanh(w @ h + u @ rng.normal(size=3))
        jac = (1 - h**2)[:, None] * (w @ jac)
        tanh_norms.append(np.linalg.norm(jac, 2))
    ctx.check(
        {"zh": "σ_max(W) = 0.9 的 tanh RNN：‖∂h_T/∂h_0‖ ≤ 0.9^T（消失）",
         "en": "tanh RNN with σ_max(W) = 0.9: ‖∂h_T/∂h_0‖ ≤ 0.9^T (vanishes)"},
        claimed=0.9**steps,
        computed=tanh_norms[-1],
        op="<=",
        tol=1e-12,
    )
    series.append(ctx.series("tanh σmax=0.9", np.arange(1, steps + 1), np.log10(tanh_norms)))
    ctx.formula(
        r"\frac{\partial h_T}{\partial h_0}=\prod_{t=1}^{T}\mathrm{diag}(\phi'(a_t))\,W_{hh}"
        r",\quad \Big\|\frac{\partial h_T}{\partial h_0}\Big\|\le(\gamma\,\sigma_{\max}(W_{hh}))^T"
    )
    ctx.plot(
        {"zh": "log10 ‖∂h_t/∂h_0‖ 随 t 变化", "en": "log10 ‖∂h_t/∂h_0‖ over t"},
        series,
        xlabel="t",
        ylabel="log10 norm",
    )


@proof(
    "rnn.gradient_by_distance",
    title={
        "zh": "梯度消失：远处时间步的贡献指数衰减，但总梯度不为 0",
        "en": "Vanishing gradients: far-away steps contribute exponentially little, the total is not 0",
    },
    params=[Param("steps", 30, min=20, max=100,
                  help={"zh": "序列长度（≥ 20，足以看出衰减）",
                        "en": "sequence length (≥ 20: long enough to see the decay)"})],
    seed=2,
)
def gradient_by_distance(ctx, steps: int) -> None:
    rng = ctx.rng
    n = 8
    q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    w = 0.7 * q
    u = rng.normal(0, 1, (n, 1))
    xs = rng.normal(size=steps)
    hs = [np.zeros(n)]
    for t in range(steps):
        hs.append(np.tanh(w @ hs[-1] + u[:, 0] * xs[t]))
    # loss = sum(h_T); backprop to each input x_t
    grad_h = np.ones(n)
    contrib = np.zeros(steps)
    for t in range(steps, 0, -1):
        grad_a = grad_h * (1 - hs[t] ** 2)
        contrib[t - 1] = abs(float(u[:, 0] @ grad_a))
        grad_h = w.T @ grad_a

    # finite-difference check of one contribution
    def loss(x_vals: np.ndarray) -> float:
        h = np.zeros(n)
        for t in range(steps):
            h = np.tanh(w @ h + u[:, 0] * x_vals[t])
        return float(h.sum())

    k = steps - 3
    e = np.zeros(steps)
    e[k] = 1e-6
    fd = (loss(xs + e) - loss(xs - e)) / 2e-6
    ctx.check(
        {"zh": "反向传播的 ∂L/∂x_t 与有限差分一致", "en": "backprop ∂L/∂x_t matches finite differences"},
        claimed=abs(fd),
        computed=contrib[k],
        tol=1e-6,
    )
    # each step back multiplies by diag(1 − h²)·Wᵀ with ‖·‖ ≤ 0.7, and ‖∂L/∂h_T‖ = √n, so
    # |∂L/∂x_t| ≤ ‖u‖·√n·0.7^(T−t): a guaranteed exponential decay with the distance T − t
    bound = np.linalg.norm(u) * np.sqrt(n) * 0.7 ** (steps - np.arange(1, steps + 1))
    ctx.check(
        {"zh": "对每个 t：|∂L/∂x_t| ≤ ‖u‖·√n·0.7^(T−t)（随距离指数衰减）",
         "en": "for every t: |∂L/∂x_t| ≤ ‖u‖·√n·0.7^(T−t) (exponential decay with the distance)"},
        claimed=1.0,
        computed=float((contrib / bound).max()),
        op="<=",
        tol=1e-12,
    )
    ctx.check(
        {"zh": "最早输入的贡献不到最新输入的 1e-3",
         "en": "the oldest input's contribution is < 1e-3 of the newest one"},
        claimed=1e-3,
        computed=contrib[0] / contrib[-1],
        op="<",
    )
    ctx.check(
        {"zh": "但对输入的总梯度明显非零",
         "en": "yet the total gradient w.r.t. the inputs is clearly non-zero"},
        claimed=0.1,
        computed=float(np.linalg.norm(contrib)),
        op=">",
    )
    ctx.plot(
        {"zh": "各时间步输入的梯度大小", "en": "gradient size per input time step"},
        [ctx.series("|∂L/∂x_t|", np.arange(steps), np.log10(contrib + 1e-300))],
        xlabel="t",
        ylabel="log10 |∂L/∂x_t|",
    )


@proof(
    "rnn.lstm_cell_gradient_forget_gate",
    title={
        "zh": "LSTM：沿细胞状态路径 ∂c_t/∂c_{t-1} = diag(f_t)",
        "en": "LSTM: along the cell path ∂c_t/∂c_{t-1} = diag(f_t)",
    },
    params=[
        Param("hidden", 6, min=2, max=32, help={"zh": "隐藏维度", "en": "hidden size"}),
        Param("forget_bias", 1.0, min=-5.0, max=5.0,
              help={"zh": "加在遗忘门上的偏置", "en": "bias added to the forget gate"}),
    ],
    seed=3,
)
def lstm_cell_gradient_forget_gate(ctx, hidden: int, forget_bias: float) -> None:
    rng = ctx.rng
    p = _lstm_params(rng, 4, hidden, 1.0)
    p["b"][hidden : 2 * hidden] += forget_bias
    x = rng.normal(size=4)
    h = rng.normal(size=hidden) * 0.5
    c = rng.normal(size=hidden)
    _, _, gates = _lstm_step(p, x, h, c)
    jac = _numeric_jacobian(lambda cc: _lstm_step(p, x, h, cc)[1], c)
    ctx.check(
        {"zh": "有限差分 ∂c_t/∂c_{t-1}（固定 h_{t-1}）= diag(f_t)",
         "en": "finite-difference ∂c_t/∂c_{t-1} (h_{t-1} held fixed) = diag(f_t)"},
        claimed=np.diag(gates["f"]).ravel(),
        computed=jac.ravel(),
        tol=1e-8,
    )
    # through T steps along the cell path the factor is the product of forget gates
    steps = 20
    fixed_h = h
    xs_path = rng.normal(size=(steps, 4))

    def run_cell(c0: np.ndarray) -> np.ndarray:
        cc = c0
        for t in range(steps):
            cc = _lstm_step(p, xs_path[t], fixed_h, cc)[1]
        return cc

    prod = np.ones(hidden)
    cs = c.copy()
    for t in range(steps):
        _, cs, g = _lstm_step(p, xs_path[t], fixed_h, cs)
        prod *= g["f"]
    jac_total = _numeric_jacobian(run_cell, c)
    ctx.check(
        {"zh": "20 步内：有限差分 ∂c_20/∂c_0（固定 h）= diag(∏ f_t)",
         "en": "over 20 steps: finite-difference ∂c_20/∂c_0 (h fixed) = diag(∏ f_t)"},
        claimed=np.diag(prod).ravel(),
        computed=jac_total.ravel(),
        tol=1e-8,
    )
    ctx.check(
        {"zh": "遗忘门取值在 (0, 1) 内，因此单靠这条路径不会爆炸",
         "en": "forget gates lie in (0, 1), so this path alone cannot explode"},
        claimed=1.0,
        computed=float(prod.max()),
        op="<",
    )
    # forget-gate bias: same weights and inputs, bias 0 vs bias +1 on the forget gate
    ctx.check({"zh": "σ(1) ≈ 0.731（偏置为 1、预激活为 0 时的初始遗忘门）",
               "en": "σ(1) ≈ 0.731 (initial forget gate with bias 1 and zero pre-activation)"},
              claimed=0.731, computed=float(_sigmoid(np.array(1.0))), tol=5e-4)
    xs_bias = rng.normal(size=(steps, 4))
    kept = {}
    for bias in (0.0, 1.0):
        q = {k: v.copy() for k, v in p.items()}
        q["b"][hidden : 2 * hidden] += bias - forget_bias
        cc, pr = c.copy(), np.ones(hidden)
        for t in range(steps):
            _, cc, g = _lstm_step(q, xs_bias[t], fixed_h, cc)
            pr *= g["f"]
        kept[bias] = float(np.exp(np.log(pr).mean()))
    ctx.check(
        {"zh": "遗忘门偏置 +1 对比 0：20 步内 ∏ f_t 的几何平均更大（衰减更慢）",
         "en": "forget bias +1 vs 0: geometric-mean ∏ f_t over 20 steps is larger (decays more slowly)"},
        claimed=kept[0.0],
        computed=kept[1.0],
        op=">",
    )
    ctx.formula(
        r"c_t = f_t\odot c_{t-1} + i_t\odot \tilde c_t\ \Rightarrow\ "
        r"\frac{\partial c_t}{\partial c_{t-1}}\Big|_{h_{t-1}} = \mathrm{diag}(f_t)"
    )
    ctx.table(
        [{"zh": "单元",
          "en": "unit"}, "f_t", {"zh": "∂c_t/∂c_{t-1}（数值）", "en": "∂c_t/∂c_{t-1} (numeric)"}],
        [[k, gates["f"][k], jac[k, k]] for k in range(hidden)],
    )


@proof(
    "rnn.lstm_full_jacobian",
    title={
        "zh": "LSTM 只是缓解：加上经 h 的路径后梯度仍可大于 1",
        "en": "LSTM only mitigates: with the path through h the gradient can exceed 1",
    },
    params=[
        Param("recurrent_scale", 4.0, min=2.0, max=10.0,
              help={"zh": "循环权重 U 的尺度（≥ 2：U 太小时雅可比不会超过 1）",
                    "en": "scale of the recurrent weights U (≥ 2: with a small U the Jacobian never exceeds 1)"}),
        Param("hidden", 6, min=2, max=32, help={"zh": "隐藏维度", "en": "hidden size"}),
    ],
    seed=4,
)
def lstm_full_jacobian(ctx, recurrent_scale: float, hidden: int) -> None:
    rng = ctx.rng
    n_in, steps, max_draws = 3, 30, 24

    def draw() -> tuple:
        p = _lstm_params(rng, n_in, hidden, 1.0)
        p["U"] *= recurrent_scale
        p["b"][hidden : 2 * hidden] += 2.0  # forget gate mostly open
        xs = rng.normal(size=(steps, n_in))
        state0 = np.concatenate([rng.normal(size=hidden) * 0.1, rng.normal(size=hidden) * 0.1])
        return p, xs, state0

    def jacobian(p: dict, xs: np.ndarray, state0: np.ndarray, eps: float = 1e-5) -> np.ndarray:
        """Central differences, all 2·(2h) perturbed states run as one batch (columns)."""
        pert = np.concatenate([np.eye(2 * hidden), -np.eye(2 * hidden)], axis=1) * eps
        states = state0[:, None] + pert
        h, c = states[:hidden], states[hidden:]
        w, u, b = p["W"], p["U"], p["b"][:, None]
        for t in range(steps):
            z = (w @ xs[t])[:, None] + u @ h + b
            i, f = _sigmoid(z[:hidden]), _sigmoid(z[hidden : 2 * hidden])
            g, o = np.tanh(z[2 * hidden : 3 * hidden]), _sigmoid(z[3 * hidden :])
            c = f * c + i * g
            h = o * np.tanh(c)
        out = np.concatenate([h, c])
        return (out[:, : 2 * hidden] - out[:, 2 * hidden :]) / (2 * eps)

    # existential claim: search a bounded set of random LSTMs for one whose Jacobian exceeds 1
    norms: list[float] = []
    best: tuple = ()
    for _ in range(max_draws):
        cand = draw()
        norms.append(float(np.linalg.norm(jacobian(*cand), 2)))
        if norms[-1] >= max(norms):
            best = cand
        if norms[-1] > 1.0:
            break
    p, xs, state0 = best
    witness = int(np.argmax(norms)) + 1
    full_norm = max(norms)  # the witness when found, else the largest norm seen
    # cell-only path of the same LSTM: product of forget gates with h at its trajectory values
    h, c = state0[:hidden], state0[hidden:]
    cell_path = np.ones(hidden)
    for t in range(steps):
        h, c, g = _lstm_step(p, xs[t], h, c)
        cell_path *= g["f"]
    ctx.check(
        {"zh": "仅细胞路径：max ∏ f_t < 1", "en": "cell path alone: max ∏ f_t < 1"},
        claimed=1.0,
        computed=float(cell_path.max()),
        op="<",
    )
    ctx.check(
        {"zh": f"存在性：前 {max_draws} 个随机 LSTM（U×{recurrent_scale:g}）中有一个的完整雅可比矩阵 "
               f"‖∂(h_T,c_T)/∂(h_0,c_0)‖₂ 在 {steps} 步后超过 1（可能增长）",
         "en": f"existence: among {max_draws} random LSTMs (U×{recurrent_scale:g}) one has a full "
               f"Jacobian ‖∂(h_T,c_T)/∂(h_0,c_0)‖₂ over {steps} steps above 1 (can grow)"},
        claimed=1.0,
        computed=full_norm,
        op=">",
    )
    ctx.note(
        {
            "zh": f"按顺序抽取随机 LSTM，共试了 {len(norms)} 个（找到见证或达到 {max_draws} 个上限即停止）。"
                  "梯度还经 h_{t-1} 流入各个门，这条路径含 U，可以放大梯度；所以 LSTM 训练中仍常用梯度裁剪。",
            "en": f"Random LSTMs are drawn in turn; {len(norms)} were tried (the search stops at a "
                  f"witness or after {max_draws}). Gradients also flow through h_{{t-1}} "
                  "into every gate; that path contains U and can amplify them, so gradient clipping is "
                  "still common when training LSTMs.",
        }
    )
    ctx.table(
        [{"zh": "量", "en": "quantity"}, {"zh": "值", "en": "value"}],
        [
            ["witness (or best) LSTM: draw number", witness],
            ["max ∏ f_t", cell_path.max()],
            ["‖full Jacobian‖₂", full_norm],
            ["‖full Jacobian‖₂ of every draw tried", ", ".join(f"{v:.3g}" for v in norms)],
        ],
    )


@proof(
    "rnn.gru_gates",
    title={
        "zh": "GRU：更新门插值、重置门屏蔽旧状态，没有单独的细胞状态",
        "en": "GRU: the update gate interpolates, the reset gate masks the old state, no cell state",
    },
    params=[Param("hidden", 5, min=2, max=64, help={"zh": "隐藏维度", "en": "hidden size"})],
    seed=5,
)
def gru_gates(ctx, hidden: int) -> None:
    rng = ctx.rng
    n_in = 3
    w = {k: rng.normal(0, 0.6, (hidden, n_in)) for k in "zrn"}
    u = {k: rng.normal(0, 0.6, (hidden, hidden)) for k in "zrn"}
    b = {k: rng.normal(0, 0.3, hidden) for k in "zrn"}

    def step(x: np.ndarray, h: np.ndarray, bz: float = 0.0, br: float = 0.0) -> tuple:
        z = _sigmoid(w["z"] @ x + u["z"] @ h + b["z"] + bz)
        r = _sigmoid(w["r"] @ x + u["r"] @ h + b["r"] + br)
        n = np.tanh(w["n"] @ x + u["n"] @ (r * h) + b["n"])
        return (1 - z) * n + z * h, z, r, n

    x = rng.normal(size=n_in)
    h = rng.normal(size=hidden) * 0.5
    h_new, z, r, n = step(x, h)
    ctx.check(
        {"zh": "h_t 是 h_{t-1} 与候选状态的凸组合：h_t = z·h_{t-1} + (1−z)·ñ",
         "en": "h_t is a convex combination of h_{t-1} and the candidate: h_t = z·h_{t-1} + (1−z)·ñ"},
        claimed=(z * h + (1 - z) * n),
        computed=h_new,
        tol=1e-12,
    )
    lo, hi = np.minimum(h, n), np.maximum(h, n)
    ctx.check(
        {"zh": "因此 h_t 的每个分量都位于 h_{t-1} 与 ñ_t 之间",
         "en": "so every unit of h_t lies between h_{t-1} and ñ_t"},
        claimed=0.0,
        computed=float(np.maximum(lo - h_new, h_new - hi).max()),
        op="<=",
        tol=1e-12,
    )
    copy, *_ = step(x, h, bz=40.0)
    ctx.check(
        {"zh": "更新门 z → 1：h_t = h_{t-1}（状态原样复制）",
         "en": "update gate z → 1: h_t = h_{t-1} (state copied unchanged)"},
        claimed=h,
        computed=copy,
        tol=1e-12,
    )
    jac = _numeric_jacobian(lambda hh: step(x, hh, bz=40.0)[0], h)
    ctx.check(
        {"zh": "……且 ∂h_t/∂h_{t-1} = I（这条路径上梯度不消失）",
         "en": "…and ∂h_t/∂h_{t-1} = I (no vanishing on this path)"},
        claimed=np.eye(hidden).ravel(),
        computed=jac.ravel(),
        tol=1e-6,
    )
    _, _, _, n_reset = step(x, h, br=-40.0)
    ctx.check(
        {"zh": "重置门 r → 0：候选状态忽略 h_{t-1}：ñ = tanh(W_n x + b_n)",
         "en": "reset gate r → 0: the candidate ignores h_{t-1}: ñ = tanh(W_n x + b_n)"},
        claimed=np.tanh(w["n"] @ x + b["n"]),
        computed=n_reset,
        tol=1e-12,
    )
    ctx.check(
        {"zh": "GRU 只携带一个大小为 h 的状态向量（LSTM 携带 h 和 c：2h）",
         "en": "the GRU carries one state vector of size h (LSTM carries h and c: 2h)"},
        claimed=hidden,
        computed=h_new.size,
        tol=0,
    )
    ctx.formula(
        r"z_t=\sigma(W_z x_t+U_z h_{t-1}+b_z),\ r_t=\sigma(W_r x_t+U_r h_{t-1}+b_r),\ "
        r"\tilde h_t=\tanh(W_h x_t+U_h(r_t\odot h_{t-1})+b_h),\ h_t=z_t\odot h_{t-1}+(1-z_t)\odot\tilde h_t"
    )


@proof(
    "rnn.relu_rnn_identity_init",
    title={
        "zh": "RNN 不只用 tanh：ReLU + 单位阵初始化时梯度既不消失也不爆炸",
        "en": "RNNs are not tanh-only: ReLU with identity init keeps the gradient at 1",
    },
    params=[Param("steps", 50, min=5, max=500, help={"zh": "时间步数", "en": "time steps"})],
    seed=6,
)
def relu_rnn_identity_init(ctx, steps: int) -> None:
    rng = ctx.rng
    n = 6
    w = np.eye(n)
    h = np.abs(rng.normal(size=n)) + 0.5
    jac_relu = np.eye(n)
    jac_tanh = np.eye(n)
    h_tanh = h.copy()
    for _ in range(steps):
        x = np.abs(rng.normal(size=n)) * 0.1
        a = w @ h + x
        h = np.maximum(a, 0)
        jac_relu = (a > 0).astype(float)[:, None] * (w @ jac_relu)
        a_t = w @ h_tanh + x
        h_tanh = np.tanh(a_t)
        jac_tanh = (1 - h_tanh**2)[:, None] * (w @ jac_tanh)
    ctx.check(
        {"zh": f"ReLU RNN，W = I，状态为正：{steps} 步后 ‖∂h_T/∂h_0‖ = 1",
         "en": f"ReLU RNN, W = I, positive states: ‖∂h_T/∂h_0‖ = 1 after {steps} steps"},
        claimed=1.0,
        computed=float(np.linalg.norm(jac_relu, 2)),
        tol=1e-12,
    )
    ctx.check(
        {"zh": "同样 W = I 但用 tanh：梯度收缩（tanh' < 1）",
         "en": "same W = I with tanh: the gradient shrinks (tanh' < 1)"},
        claimed=0.5,
        computed=float(np.linalg.norm(jac_tanh, 2)),
        op="<",
    )
    ctx.note(
        {
            "zh": "PyTorch nn.RNN 提供 nonlinearity='tanh' 或 'relu'；IRNN (Le et al., 2015) 即 ReLU + 单位阵初始化。",
            "en": "PyTorch nn.RNN offers nonlinearity='tanh' or 'relu'; the IRNN (Le et al., 2015) "
            "is ReLU with identity initialisation.",
        }
    )


@proof(
    "rnn.lstm_gate_extremes",
    title={
        "zh": "LSTM 门的极端值：f=1, i=0 时记忆保持不变；f=0 时旧记忆被清空",
        "en": "LSTM gate extremes: f=1, i=0 keeps the memory unchanged; f=0 erases it",
    },
    params=[Param("hidden", 6, min=2, max=64, help={"zh": "隐藏维度", "en": "hidden size"})],
    seed=7,
)
def lstm_gate_extremes(ctx, hidden: int) -> None:
    rng = ctx.rng
    p = _lstm_params(rng, 3, hidden, 1.0)
    x, h, c = rng.normal(size=3), rng.normal(size=hidden), rng.normal(size=hidden)
    n = hidden

    def with_bias(i_bias: float, f_bias: float) -> tuple:
        q = {k: v.copy() for k, v in p.items()}
        q["b"][:n] += i_bias
        q["b"][n : 2 * n] += f_bias
        return _lstm_step(q, x, h, c)

    _, c_keep, g_keep = with_bias(-40.0, 40.0)  # input gate closed, forget gate open
    ctx.check(
        {"zh": "遗忘门打开（f≈1）且输入门关闭（i≈0）：c_t = c_{t-1}",
         "en": "forget gate open (f≈1) and input gate closed (i≈0): c_t = c_{t-1}"},
        claimed=c,
        computed=c_keep,
        tol=1e-12,
    )
    _, c_erase, g_erase = with_bias(0.0, -40.0)  # forget gate closed
    ctx.check(
        {"zh": "遗忘门关闭（f≈0）：c_t = i_t ⊙ g_t，旧记忆被清除",
         "en": "forget gate closed (f≈0): c_t = i_t ⊙ g_t, the old memory is gone"},
        claimed=g_erase["i"] * g_erase["g"],
        computed=c_erase,
        tol=1e-12,
    )
    q_erase = {k: v.copy() for k, v in p.items()}
    q_erase["b"][n : 2 * n] -= 40.0
    jac = _numeric_jacobian(lambda cc: _lstm_step(q_erase, x, h, cc)[1], c)
    ctx.check(
        {"zh": "……此时 ∂c_t/∂c_{t-1} = 0（沿细胞路径没有梯度回传）",
         "en": "…and then ∂c_t/∂c_{t-1} = 0 (nothing flows back along the cell path)"},
        claimed=0.0,
        computed=float(np.abs(jac).max()),
        tol=1e-12,
    )
    ctx.formula(r"c_t=f_t\odot c_{t-1}+i_t\odot\tilde c_t")
    ctx.table(
        [{"zh": "设置", "en": "setting"}, {"zh": "f 的均值",
                     "en": "mean f"}, {"zh": "i 的均值", "en": "mean i"}, "max |c_t − c_{t-1}|"],
        [
            [
                "keep (f→1, i→0)",
                g_keep["f"].mean(),
                g_keep["i"].mean(),
                float(np.abs(c_keep - c).max()),
            ],
            [
                "erase (f→0)",
                g_erase["f"].mean(),
                g_erase["i"].mean(),
                float(np.abs(c_erase - c).max()),
            ],
        ],
    )


@proof(
    "rnn.rnn_keeps_memory",
    title={
        "zh": "普通 RNN 不会清空记忆：h_t 依赖 h_{t-1}，∂h_t/∂h_{t-1} = diag(1−h_t²)·W_hh ≠ 0",
        "en": "A vanilla RNN does not clear its memory: h_t depends on h_{t-1}, ∂h_t/∂h_{t-1} = diag(1−h_t²)·W_hh ≠ 0",
    },
    params=[
        Param("hidden", 8, min=2, max=64, help={"zh": "隐藏维度", "en": "hidden size"}),
        Param("steps", 30, min=2, max=200,
              help={"zh": "扰动之后的时间步数", "en": "time steps after the perturbation"}),
        Param("scale", 0.9, min=0.1, max=1.5,
              help={"zh": "W_hh 的谱尺度", "en": "spectral scale of W_hh"}),
    ],
    seed=8,
)
def rnn_keeps_memory(ctx, hidden: int, steps: int, scale: float) -> None:
    rng = ctx.rng
    n_in = 3
    q, _ = np.linalg.qr(rng.normal(size=(hidden, hidden)))
    w = scale * q
    u = rng.normal(0, 1 / np.sqrt(n_in), (hidden, n_in))
    b = rng.normal(0, 0.1, hidden)
    xs = rng.normal(size=(steps, n_in))

    def step(h_prev: np.ndarray, x: np.ndarray) -> np.ndarray:
        return np.tanh(w @ h_prev + u @ x + b)

    h0 = rng.normal(0, 0.5, hidden)
    h1 = step(h0, xs[0])
    analytic = (1 - h1**2)[:, None] * w
    numeric = _numeric_jacobian(lambda h: step(h, xs[0]), h0)
    ctx.check(
        {"zh": "max |diag(1 − h_1²)·W_hh − ∂h_1/∂h_0（有限差分）| ≈ 0",
         "en": "max |diag(1 − h_1²)·W_hh − ∂h_1/∂h_0 (finite differences)| ≈ 0"},
        claimed=0.0,
        computed=float(np.abs(analytic - numeric).max()),
        tol=1e-8,
    )
    ctx.check(
        {"zh": "‖∂h_t/∂h_{t-1}‖₂ > 0：之前的状态没有被丢弃",
         "en": "‖∂h_t/∂h_{t-1}‖₂ > 0: the previous state is not discarded"},
        claimed=0.0,
        computed=float(np.linalg.norm(numeric, 2)),
        op=">",
    )
    # the same input sequence from two different initial memories
    delta = rng.normal(size=hidden)
    delta *= 0.1 / np.linalg.norm(delta)
    ha, hb, diffs = h0.copy(), h0 + delta, []
    for x in xs:
        ha, hb = step(ha, x), step(hb, x)
        diffs.append(float(np.linalg.norm(ha - hb)))
    ctx.check(
        {"zh": "相同输入、不同 h_0：第一步之后状态仍然不同",
         "en": "same inputs, different h_0: the states still differ after the first step"},
        claimed=0.0,
        computed=diffs[0],
        op=">",
    )
    if scale < 1.0:
        ctx.check(
            {"zh": f"……但当 ‖W_hh‖ < 1 时它会逐渐消退：‖Δh_{steps}‖ < ‖Δh_0‖（逐渐衰减，而非清除）",
             "en": f"…but with ‖W_hh‖ < 1 it fades: ‖Δh_{steps}‖ < ‖Δh_0‖ (gradual decay, not erasure)"},
            claimed=float(np.linalg.norm(delta)),
            computed=diffs[-1],
            op="<",
        )
    else:
        ctx.note(
            {"zh": "scale ≥ 1 时差异不一定衰减（可能保持或放大）。",
             "en": "With scale ≥ 1 the difference need not fade (it may persist or grow)."}
        )
    ctx.formula(r"h_t=\tanh(W_{hh}h_{t-1}+W_{xh}x_t+b),\quad \frac{\partial h_t}{\partial h_{t-1}}=\mathrm{diag}(1-h_t^2)\,W_{hh}")
    ctx.plot(
        {"zh": "初始记忆的差异 ‖Δh_t‖ 随时间步", "en": "difference from the initial memory ‖Δh_t‖ over time"},
        [ctx.series("‖Δh_t‖", np.arange(1, steps + 1), diffs)],
        xlabel="t",
        ylabel="‖Δh_t‖",
    )


@proof(
    "rnn.lstm_cost_ratio",
    title={
        "zh": "LSTM（GRU）的参数与每步计算量约为同尺寸 RNN 的 4（3）倍：与序列长度无关的常数因子",
        "en": "An LSTM (GRU) has about 4× (3×) the parameters and per-step compute of a same-size RNN: a constant "
        "factor",
    },
    params=[
        Param("hidden", 128, min=8, max=4096, help={"zh": "隐藏维度 h", "en": "hidden size h"}),
        Param("inputs", 64, min=1, max=4096, help={"zh": "输入维度 x", "en": "input size x"}),
    ],
)
def lstm_cost_ratio(ctx, hidden: int, inputs: int) -> None:
    h, x = hidden, inputs

    def cost(blocks: int, elementwise: int, steps: int) -> tuple[int, int]:
        """Parameters and multiply-adds of ``steps`` steps, counted from the operand shapes."""
        w_shape, u_shape = (blocks * h, x), (blocks * h, h)  # the gate blocks fused into one matmul
        params = int(np.prod(w_shape) + np.prod(u_shape) + blocks * h)
        macs_per_step = int(np.prod(w_shape) + np.prod(u_shape)) + elementwise * h
        return params, steps * macs_per_step

    # element-wise work per unit: RNN = bias add + tanh; LSTM = 4 bias adds, 3 sigmoids, 2 tanh,
    # 3 products, 1 sum; GRU = 3 bias adds, 2 sigmoids, 1 tanh, r⊙(U h), (1 − z), 2 products, 1 sum
    rows, ratios, gru_ratios = [], [], []
    for steps in (1, 10, 100, 1000):
        p_rnn, c_rnn = cost(1, 2, steps)
        p_lstm, c_lstm = cost(4, 13, steps)
        p_gru, c_gru = cost(3, 10, steps)
        ratios.append(c_lstm / c_rnn)
        gru_ratios.append(c_gru / c_rnn)
        rows.append([steps, c_rnn, c_lstm, c_lstm / c_rnn])
    ctx.check({"zh": "LSTM / RNN 参数量之比 = 4（精确）",
               "en": "LSTM / RNN parameters = 4 (exactly)"}, claimed=4.0, computed=p_lstm / p_rnn, tol=1e-12)
    ctx.check({"zh": "GRU / RNN 参数量之比 = 3（精确）",
               "en": "GRU / RNN parameters = 3 (exactly)"}, claimed=3.0, computed=p_gru / p_rnn, tol=1e-12)
    ctx.check(
        {"zh": "每条序列 GRU / RNN 的乘加次数之比在 3 到 3.5 之间（三个权重块）",
         "en": "GRU / RNN multiply-adds per sequence between 3 and 3.5 (three weight blocks)"},
        claimed=3.25,
        computed=gru_ratios[-1],
        tol=0.25,
    )
    ctx.check(
        {"zh": "每条序列 LSTM / RNN 的乘加次数之比 ≥ 4（四个权重块）……",
         "en": "LSTM / RNN multiply-adds per sequence ≥ 4 (four weight blocks)…"},
        claimed=4.0,
        computed=ratios[-1],
        op=">=",
    )
    ctx.check(
        {"zh": "……且 ≤ 4.5（额外的逐元素门控计算很少）",
         "en": "…and ≤ 4.5 (the extra element-wise gate work is small)"},
        claimed=4.5,
        computed=ratios[-1],
        op="<=",
    )
    ctx.formula(r"\frac{N_{\mathrm{LSTM}}}{N_{\mathrm{RNN}}}=\frac{4\,(h(h+x)+h)}{h(h+x)+h}=4")
    ctx.table([{"zh": "T（步数）",
                "en": "T (steps)"}, {"zh": "RNN 乘加次数", "en": "RNN multiply-adds"}, {"zh": "LSTM 乘加次数",
                                                  "en": "LSTM multiply-adds"}, {"zh": "比值",
                                                                        "en": "ratio"}], rows)
    ctx.note(
        {
            "zh": "四个门共用一次 (4h)×(h+x) 的矩阵乘法，可在 GPU 上并行；代价是常数倍，复杂度同为 O(T·h(h+x))。",
            "en": "The four gates share one (4h)×(h+x) matrix product that runs in parallel on a GPU; the cost is a "
            "constant factor and both are O(T·h(h+x)).",
        }
    )
