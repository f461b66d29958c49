"""Seed robustness and claim-breaking runs for three statistical proofs (minibatch variance, shift, ridge)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from studytool.proofs import runner
from studytool.proofs.catalog import scan
from tests.conftest import beyond_range

ROOT = Path(__file__).resolve().parents[1]
IDS = ("optimizers.minibatch_variance", "overfitting.dataset_shift", "overfitting.ridge_shrinkage")


@pytest.fixture(scope="module")
def catalog():
    return scan([ROOT / "content" / "proofs"])


def _failed(result: dict) -> list[str]:
    return [c["name"]["en"] for c in result["checks"] if not c["ok"]]


@pytest.mark.parametrize("proof_id", IDS)
def test_passes_on_other_seeds(proof_id: str, catalog) -> None:
    meta = catalog.get(proof_id)
    for k in range(1, 9):
        result = runner.execute(dataclasses.replace(meta, seed=meta.seed + 7919 * k))
        assert result["status"] == "passed", (proof_id, meta.seed + 7919 * k, _failed(result), result["error"])


def test_minibatch_variance_needs_independent_batch_members(catalog) -> None:
    # one example repeated B times: the variance does not fall at all. The proof then claims Var(1)
    # (slope 0) and passes; its measured slope is far from the −1 of independent batches, and vice versa
    slopes = {}
    for independent in (True, False):
        result = runner.execute(catalog.get("optimizers.minibatch_variance"), {"independent": independent})
        assert result["status"] == "passed", _failed(result)
        slope = next(c for c in result["checks"] if c["name"]["en"].startswith("slope of log Var"))
        assert slope["claimed"] == (-1.0 if independent else 0.0)
        slopes[independent] = slope["computed"]
    assert abs(slopes[False] + 1.0) > 0.5 and abs(slopes[True]) > 0.5, slopes


def test_minibatch_variance_passes_with_few_draws(catalog) -> None:
    # the tolerance comes from the standard error, so a small Monte-Carlo sample is still judged fairly
    result = runner.execute(catalog.get("optimizers.minibatch_variance"), {"draws": 500})
    assert result["status"] == "passed", _failed(result)


def test_dataset_shift_without_shift_is_not_worse(catalog) -> None:
    result = runner.execute(beyond_range(catalog.get("overfitting.dataset_shift")), {"shift": 0.0})  # below its range
    assert result["status"] == "failed"
    assert _failed(result) == ["averaged over 100 training sets: error on the shifted test set > 5× validation error"]


def test_dataset_shift_holds_for_the_smallest_large_shift(catalog) -> None:
    assert runner.execute(catalog.get("overfitting.dataset_shift"), {"shift": 1.5})["status"] == "passed"


@pytest.mark.parametrize("overrides", [{"noise": 0.0}, {"noise": 0.0, "n": 5, "d": 50}])
def test_ridge_cannot_help_without_label_noise(overrides: dict, catalog) -> None:
    result = runner.execute(beyond_range(catalog.get("overfitting.ridge_shrinkage")), overrides)  # noise 0: below its range
    assert result["status"] == "failed"
    assert _failed(result) == ["some λ > 0 has lower expected test error (over label noise) than no regularisation"]


@pytest.mark.parametrize("overrides", [{"noise": 0.1}, {"n": 500, "d": 1}, {"n": 5, "d": 50}, {"n": 10, "d": 10}])
def test_ridge_holds_across_the_parameter_range(overrides: dict, catalog) -> None:
    result = runner.execute(catalog.get("overfitting.ridge_shrinkage"), overrides)
    assert result["status"] == "passed", _failed(result)
