"""Seed robustness of the LSTM / RNN / attention-outlier proofs, and that their checks can fail."""

from __future__ import annotations

import dataclasses

import pytest

from studytool.paths import shipped_proofs_dir
from studytool.proofs.catalog import scan
from studytool.proofs.runner import execute
from tests.conftest import beyond_range

PROOFS = ("gradients.lstm_cell_path", "rnn.lstm_full_jacobian", "transformer.attention_outlier")


@pytest.fixture(scope="module")
def catalog():
    return scan([shipped_proofs_dir()])


def _run(catalog, proof_id: str, seed_step: int, params: dict | None = None) -> dict:
    meta = catalog.get(proof_id)
    assert meta is not None, proof_id
    return execute(dataclasses.replace(meta, seed=meta.seed + 1000 * seed_step), params or {})


def _failed_names(result: dict) -> list[str]:
    return [c["name"]["en"] for c in result["checks"] if not c["ok"]]


def _computed(result: dict, fragment: str) -> float:
    hits = [c["computed"] for c in result["checks"] if fragment in c["name"]["en"]]
    assert len(hits) == 1, (fragment, [c["name"]["en"] for c in result["checks"]])
    return float(hits[0])


@pytest.mark.parametrize("proof_id", PROOFS)
def test_passes_on_many_seeds(catalog, proof_id) -> None:
    for s in range(12):
        result = _run(catalog, proof_id, s)
        assert result["status"] == "passed", (proof_id, s, _failed_names(result), result["error"])


def test_tanh_rnn_with_larger_weights_does_not_vanish_that_fast(catalog) -> None:
    # weights std 1.0 instead of 0.3: the median gradient after 50 steps stays above 0.5^50
    # (outside the declared range, which is the claim's regime: the bounds are lifted)
    meta = catalog.get("gradients.lstm_cell_path")
    unbounded = tuple(dataclasses.replace(p, min=None, max=None) for p in meta.params)
    for s in range(5):
        m = dataclasses.replace(meta, params=unbounded, seed=meta.seed + 1000 * s)
        result = execute(m, {"rnn_weight_std": 1.0})
        assert result["status"] == "failed"
        assert any("vanilla tanh RNN" in n for n in _failed_names(result)), _failed_names(result)


def test_lstm_with_small_recurrent_weights_has_no_growing_jacobian(catalog) -> None:
    # U×0.3 (below the declared range, the claim's regime): none of the searched LSTMs has a Jacobian
    # norm above 1, so the existence check fails
    meta = beyond_range(catalog.get("rnn.lstm_full_jacobian"))
    for s in range(5):
        result = execute(dataclasses.replace(meta, seed=meta.seed + 1000 * s), {"recurrent_scale": 0.3})
        assert result["status"] == "failed"
        assert any(n.startswith("existence:") for n in _failed_names(result))
        assert _computed(result, "existence:") < 1.0


def test_attention_capture_needs_the_outlier(catalog) -> None:
    # the "≥ 3/4 of draws" criterion evaluated without scaling (×1) is far from holding
    for s in range(5):
        result = _run(catalog, "transformer.attention_outlier", s)
        assert _computed(result, "contrast: without scaling") < 0.5
        assert _computed(result, "more than half of its attention") >= 0.75


@pytest.mark.parametrize("params", [{"tokens": 64}, {"dim": 64}, {"outlier_scale": 100.0}])
def test_attention_outlier_holds_across_sizes(catalog, params) -> None:
    for s in range(3):
        result = _run(catalog, "transformer.attention_outlier", s, params)
        assert result["status"] == "passed", (params, s, _failed_names(result))
