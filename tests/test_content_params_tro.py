"""Proofs over their whole parameter range (transformer / resnet / optimizers cases).

Fixed defects pass at the extremes, invalid combinations end with a ParamError message, and the
checks still fail for a wrong claim or outside the regime their name states.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from studytool.paths import shipped_proofs_dir
from studytool.proofs.catalog import scan
from studytool.proofs.runner import execute, load_module


@pytest.fixture(scope="module")
def catalog():
    return scan([shipped_proofs_dir()])


def _name(check: dict) -> str:
    return check["name"]["en"] if isinstance(check["name"], dict) else check["name"]


def _failed(result: dict) -> list[str]:
    return [_name(c) for c in result["checks"] if not c["ok"]]


def _check(result: dict, prefix: str) -> dict:
    matches = [c for c in result["checks"] if _name(c).startswith(prefix)]
    assert len(matches) == 1, [_name(c) for c in result["checks"]]
    return matches[0]


@pytest.mark.parametrize(
    ("proof_id", "params"),
    [
        ("transformer.pe_relative_rotation", {"d_model": 256}),
        ("transformer.pe_relative_rotation", {"d_model": 128, "k": 200}),
        ("transformer.scaling_sqrt_d", {"samples": 1000}),
        ("transformer.scaling_sqrt_d", {"d": 2, "samples": 1000}),
        ("transformer.scaling_sqrt_d", {"d": 1024}),
        ("resnet.residual_gradient", {"scale": 2.0}),
        ("resnet.residual_gradient", {"scale": 2.0, "depth": 200}),
        ("resnet.zero_block_identity", {"dim": 256}),
        ("optimizers.adam_bias_correction", {"beta2": 0.99999}),
        ("optimizers.adam_bias_correction", {"beta1": 0.999, "beta2": 0.99999}),
        ("optimizers.momentum_terminal_velocity", {"gamma": 0.99}),
        ("optimizers.momentum_terminal_velocity", {"gamma": 0.0}),
        # GD needs ≈ κ ln(√2/tol) ≈ 276 000 steps here: the iteration cap scales with κ and tol
        ("optimizers.momentum_vs_gd", {"kappa": 10000.0, "tol": 1e-12}),
        ("resnet.degradation", {"deep": 8, "steps": 200}),
        # x ≤ 5.9 < 2·min(h_old): near the identity everywhere in range (x = 9, h_old = 3 failed)
        ("resnet.residual_sensitivity", {"x": 5.9, "h_old": 3.0}),
        ("resnet.residual_sensitivity", {"x": 5.9, "h_old": 3.0, "h_new": 200.0}),
        ("transformer.multi_head_cost", {"d_model": 8, "heads": 8, "tokens": 2}),
        ("transformer.multi_head_cost", {"d_model": 1024, "heads": 64, "tokens": 64}),
    ],
)
def test_fixed_cases_pass(catalog, proof_id: str, params: dict) -> None:
    result = execute(catalog.get(proof_id), params)
    assert result["status"] == "passed", (result["error"], _failed(result))


@pytest.mark.parametrize(
    ("proof_id", "params", "message"),
    [
        ("transformer.scaling_sqrt_d", {"d": 1024, "samples": 200000}, "samples × d must be ≤"),
        ("resnet.residual_sensitivity", {"x": 5.0, "h_old": 5.0}, "h_old must differ from x"),
        ("resnet.residual_sensitivity", {"h_old": 7.0, "h_new": 7.0}, "h_new must differ from h_old"),
        ("transformer.multi_head_cost", {"heads": 3}, "heads=3 must divide d_model=512"),
    ],
)
def test_invalid_combinations_give_a_clear_message(catalog, proof_id, params, message) -> None:
    result = execute(catalog.get(proof_id), params)
    assert result["status"] == "error"
    assert message in result["error"] and "Traceback" not in result["error"], result["error"]


@pytest.mark.parametrize(
    ("proof_id", "params", "regime"),
    [
        ("optimizers.momentum_vs_gd", {"kappa": 2.0}, "ill-conditioned (κ ≥ 20, here κ = 2)"),
        ("resnet.degradation", {"steps": 50}, "after 50 steps (regime: ≥ 200 steps, depth ≥ 8)"),
        ("resnet.degradation", {"deep": 4}, "after 200 steps (regime: ≥ 200 steps, depth ≥ 8)"),
        ("resnet.residual_sensitivity", {"x": 100.0}, "near the identity (|F| = |H − x| < |H|, here 94.9"),
        ("resnet.residual_sensitivity", {"h_old": 0.1}, "near the identity (|F| = |H − x| < |H|, here 4.9"),
        ("resnet.residual_sensitivity", {"x": 9.0, "h_old": 3.0}, "near the identity (|F| = |H − x| < |H|, here 6"),
        # one output channel and a 1×1 kernel: every kernel is separable (and nothing is saved)
        ("cnn.depthwise_separable", {"c_out": 1, "k": 1}, "…while a generic (random) standard kernel is not"),
    ],
)
def test_regime_claims_fail_honestly_outside_their_stated_regime(catalog, proof_id, params, regime):
    meta = catalog.get(proof_id)
    result = execute(meta, params)
    if result["status"] == "error" and "its m" in (result["error"] or ""):  # outside the declared range:
        # refused (the range is the regime); forced past the range, the claim must fail
        result = execute(replace(meta, params=tuple(replace(p, min=None, max=None) for p in meta.params)), params)
    assert result["status"] == "failed"
    assert any(name.startswith(regime) for name in _failed(result)), _failed(result)


def test_per_frequency_fit_catches_a_position_dependent_map(catalog, monkeypatch) -> None:
    """A chirp (frequency drifting with pos) has no pos-independent M_k: the fits must differ."""
    meta = catalog.get("transformer.pe_relative_rotation")
    module = load_module(meta)
    original = module.sinusoidal_pe
    monkeypatch.setattr(module, "sinusoidal_pe", lambda p, d: original(p * (1 + p / 2e5), d))
    failed = _failed(execute(meta, {"d_model": 256}))
    assert any(n.startswith("per-frequency 2×2 maps fitted") for n in failed), failed


def test_variance_tolerance_follows_the_standard_error(catalog) -> None:
    """5 SE from √((2 + 6/d)/n) covers the spread of Var(q·k) yet still tells d from 1 or d/2."""
    module = load_module(catalog.get("transformer.scaling_sqrt_d"))
    rng = np.random.default_rng(0)
    d, n = 4, 1000
    estimates = [
        (rng.normal(size=(n, d)) * rng.normal(size=(n, d))).sum(axis=1).var() / d for _ in range(400)
    ]
    se = module._variance_rel_tol(d, n) / 5
    assert 0.85 < float(np.std(estimates)) / se < 1.15
    for d in (2, 64, 1024):
        for n in (1000, 200000):
            assert module._variance_rel_tol(d, n) < 0.5  # Var = d/2 (or 1 at d = 2) would fail


def test_small_correction_check_rejects_init_scale_weights(catalog) -> None:
    module = load_module(catalog.get("resnet.zero_block_identity"))
    rng = np.random.default_rng(0)
    for dim in (1, 8, 256):
        x = rng.normal(size=(16, dim))
        assert module._relative_correction(rng, x, 1e-3) < 0.01
        assert module._relative_correction(rng, x, 1.0) > 0.01  # full-scale weights: not small


def test_complex_step_check_is_tight_where_finite_differences_were_noise(catalog) -> None:
    """scale 2, depth 30: gradient ≈ 1e-10, below a central difference's round-off (≈ 1e-10)."""
    check = _check(execute(catalog.get("resnet.residual_gradient"), {"scale": 2.0}), "plain: chain")
    assert check["ok"] and 1e-11 < check["computed"] < 1e-9
    assert check["tolerance"] == {"abs": 1e-300, "rel": 1e-9}
    wrong = check["computed"] * (1 + 1e-6)  # a chain rule off by one part in a million
    assert abs(wrong - check["claimed"]) > check["tolerance"]["rel"] * abs(check["claimed"])


def test_adam_first_step_claim_includes_epsilon(catalog) -> None:
    """At β₂ = 0.99999, ε shifts the step by ~1.6e-6 relative: the exact claim needs it."""
    check = _check(
        execute(catalog.get("optimizers.adam_bias_correction"), {"beta2": 0.99999}),
        "uncorrected first step",
    )
    without_eps = 0.1 / np.sqrt(1e-5)
    assert check["ok"]
    assert abs(check["computed"] - without_eps) / without_eps > 1e-6 > check["tolerance"]["rel"]


def test_terminal_velocity_iterates_until_converged(catalog) -> None:
    check = _check(
        execute(catalog.get("optimizers.momentum_terminal_velocity"), {"gamma": 0.99}),
        "iterated steady-state step",
    )
    assert check["ok"] and "(2062 steps)" in _name(check)
    assert 0.99**400 > 1e-2  # 400 steps would leave a 1.8 % gap: the budget must scale with γ
