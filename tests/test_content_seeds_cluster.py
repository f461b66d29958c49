"""Seed-robust k-medoids, bisecting and normalisation-axes proofs: they pass, and can still fail."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from studytool.paths import shipped_proofs_dir
from studytool.proofs.catalog import scan
from studytool.proofs.runner import execute, load_module

IDS = ["kmeans.medoid_vs_median", "kmeans.bisecting", "normalization.axes_all"]


@pytest.fixture(scope="module")
def catalog():
    return scan([shipped_proofs_dir()])


def _failed(result: dict) -> list[str]:
    return [c["name"]["en"] for c in result["checks"] if not c["ok"]]


@pytest.mark.parametrize("proof_id", IDS)
def test_passes_on_other_seeds(catalog, proof_id: str) -> None:
    meta = catalog.get(proof_id)
    for s in (0, 3, 7):
        result = execute(dataclasses.replace(meta, seed=meta.seed + 1000 * s))
        assert result["status"] == "passed", (s, result["error"], _failed(result))


@pytest.mark.parametrize(
    ("proof_id", "params", "failing_check"),
    [
        # far beyond the break-even distance k-medoids gives the outlier its own medoid as well
        ("kmeans.medoid_vs_median", {"outlier": 10000.0}, "k-medoids still separates"),
        # a near outlier is not worth a centroid even for k-means
        ("kmeans.medoid_vs_median", {"outlier": 20.0}, "k-means is hijacked"),
        # overlapping blobs: no clustering recovers them
        ("kmeans.bisecting", {"std": 3.0}, "ARI with the true blobs > 0.8"),
    ],
)
def test_claims_fail_outside_their_regime(catalog, proof_id: str, params: dict, failing_check: str) -> None:
    """Outside the declared range (the claim's regime) the value is refused; forced, the claim fails."""
    meta = catalog.get(proof_id)
    assert execute(meta, params)["status"] == "error"
    wide = dataclasses.replace(meta, params=tuple(dataclasses.replace(p, min=None, max=None) for p in meta.params))
    result = execute(wide, params)
    assert result["status"] == "failed", result["error"]
    assert any(failing_check in name for name in _failed(result)), _failed(result)


def test_variance_check_sees_a_missing_epsilon(catalog, monkeypatch) -> None:
    """Dividing by the plain std (variance exactly 1) contradicts the claimed var/(var+ε)."""
    meta = catalog.get("normalization.axes_all")
    module = load_module(meta)

    def norm_without_eps(x, axes, eps: float = 0.0):
        mu, var = x.mean(axis=axes, keepdims=True), x.var(axis=axes, keepdims=True)
        return (x - mu) / np.sqrt(var), mu, var

    monkeypatch.setattr(module, "_norm", norm_without_eps)
    failed = _failed(execute(meta))
    assert any(name.startswith("IN: every statistic group has variance") for name in failed), failed


def test_medoid_break_even_matches_a_brute_force_search(catalog) -> None:
    """Exact k-medoids on two blobs isolates an outlier exactly when it is past the break-even."""
    km = load_module(catalog.get("kmeans.medoid_vs_median"))
    rng = np.random.default_rng(5)
    X, y = km._blobs(rng, np.array([[0.0, 0.0], [4.0, 0.0]]), 30, 0.5)
    medoid_break, _ = km._outlier_break_even(X, y, np.sqrt(km._sq_dists(X, X)))
    direction = np.array([0.0, 1.0])
    for factor, isolated in ((0.8, False), (1.2, True)):
        Xo = np.vstack([X, X[y == 1].mean(0) + factor * medoid_break * direction])
        D = np.sqrt(km._sq_dists(Xo, Xo))
        i, j = np.unravel_index(np.argmin(km._medoid_pair_costs(D)), D.shape)
        assert (len(X) in (i, j)) is isolated, factor
