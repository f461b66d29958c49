"""The k-means and activation decks: proofs pass, their helpers are right, and claims can fail."""

from __future__ import annotations

import numpy as np
import pytest

from studytool.decks.loader import read_deck
from studytool.paths import shipped_content_dir, shipped_proofs_dir
from studytool.proofs.catalog import scan
from studytool.proofs.runner import execute, load_module
from tests.conftest import beyond_range as _beyond_range


@pytest.fixture(scope="module")
def catalog():
    return scan([shipped_proofs_dir()])


@pytest.fixture(scope="module")
def km(catalog):
    return load_module(catalog.get("kmeans.lloyd_fixed_point"))


@pytest.mark.parametrize("deck", ["kmeans", "activations"])
def test_deck_loads_and_every_proof_passes(deck: str, catalog) -> None:
    loaded, problems = read_deck(shipped_content_dir() / f"{deck}.yaml")
    assert loaded is not None and problems == []
    for proof_id in sorted({c.proof for c in loaded.cards} | {c.erratum.proof for c in loaded.cards if c.erratum and c.erratum.proof}):
        meta = catalog.get(proof_id)
        assert meta is not None, proof_id
        result = execute(meta)
        assert result["status"] == "passed", (proof_id, result["error"], [c for c in result["checks"] if not c["ok"]])


def test_lloyd_never_increases_inertia_and_stops(km) -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(120, 3))
    for _ in range(5):
        C, labels, hist, converged = km._lloyd(X, km._random_init(X, 4, rng))
        assert converged
        assert max(np.diff(hist)) <= 1e-9
        assert np.array_equal(km._assign(X, C), labels)


def test_ari_is_one_for_relabelled_partitions_and_near_zero_for_random(km) -> None:
    rng = np.random.default_rng(1)
    a = rng.integers(0, 3, size=300)
    assert km._ari(a, (a + 1) % 3) == pytest.approx(1.0)
    assert abs(km._ari(a, rng.integers(0, 3, size=300))) < 0.05


def test_kmeanspp_never_picks_an_existing_centre_twice(km) -> None:
    rng = np.random.default_rng(2)
    X = np.array([[0.0], [0.0], [5.0], [9.0]])
    for _ in range(50):
        C = km._kmeanspp_init(X, 3, rng)
        assert sorted(C[:, 0].tolist()) == [0.0, 5.0, 9.0]



@pytest.mark.parametrize(
    ("proof_id", "params"),
    [
        ("kmeans.pca_then_kmeans", {"noise_dims": 10, "sep": 10.0}),  # no noise: PCA cannot help
        ("kmeans.outlier_mean_median", {"outlier": 10.0}),  # a near outlier keeps no centroid
    ],
)
def test_claims_fail_outside_their_regime(catalog, proof_id: str, params: dict) -> None:
    """Outside the declared range the proof refuses the value; forced past the range, the claim fails."""
    meta = catalog.get(proof_id)
    assert execute(meta, params)["status"] == "error"
    assert execute(_beyond_range(meta), params)["status"] == "failed"


def test_elongated_claim_refuses_short_strips(catalog) -> None:
    """Not elongated, k-means is fine: that combination is refused with a message, not a ✗."""
    result = execute(catalog.get("kmeans.elongated_vs_gmm"), {"gap": 6.0, "length": 2.0})
    assert result["status"] == "error" and "length ≥ 0.7·gap" in result["error"]
