"""The gradients / normalization decks: their proofs pass, and fail when the claim is broken."""

from __future__ import annotations

import dataclasses

import pytest

from studytool.decks.loader import read_deck
from studytool.paths import shipped_content_dir, shipped_proofs_dir
from studytool.proofs.catalog import scan
from studytool.proofs.runner import execute

DECKS = ("gradients", "normalization")


@pytest.fixture(scope="module")
def catalog():
    return scan([shipped_proofs_dir()])


@pytest.fixture(scope="module")
def cards():
    out = []
    for name in DECKS:
        deck, problems = read_deck(shipped_content_dir() / f"{name}.yaml")
        assert deck is not None and problems == []
        out.extend(deck.cards)
    return out


def test_every_card_proof_passes_with_its_params(catalog, cards) -> None:
    runs = {(c.proof, tuple(sorted(c.params.items()))) for c in cards}
    runs |= {(c.erratum.proof, ()) for c in cards if c.erratum and c.erratum.proof}
    for proof_id, params in sorted(runs):
        meta = catalog.get(proof_id)
        assert meta is not None, proof_id
        result = execute(meta, dict(params))
        assert result["status"] == "passed", (
            proof_id,
            params,
            result["error"],
            [c for c in result["checks"] if not c["ok"]],
        )


@pytest.mark.parametrize(
    ("proof_id", "params", "failing_check"),
    [
        # starting next to the global minimum, fine-tuning reaches it: the "local only" check fails
        ("gradients.finetune_local", {"w_init": -1.5}, "not the global one"),
        # a well-scaled init has no exploding gradient
        ("gradients.exploding_training", {"w0": 1.0}, "gradient norm at init"),
        # a shallow sigmoid net does not vanish below 1e-10
        ("gradients.remedies_compare", {"depth": 5}, "sigmoid (variance 1/d)"),
        # with 5 layers gain 2 gives 32, not > 1e6
        ("gradients.init_scale_depth", {"depth": 5}, "gain 2: ‖g‖"),
        # over 200 steps even forget bias 3 keeps only about σ(3)^200 ≈ 1e-5 on the cell path
        ("gradients.lstm_cell_path", {"forget_bias": 3.0, "steps": 200}, "cell-path gradient"),
        # features on the same scale: nothing to gain from standardising
        ("normalization.conditioning_gd", {"scale": 1.0}, "raw (scale 1): condition number"),
        # a large branch scale breaks the "residual gradient stays O(1)" claim
        (
            "gradients.residual_gradient",
            {"branch_scale": 1.0, "depth": 100},
            "residual chain gradient stays",
        ),
    ],
)
def test_claims_fail_when_broken(catalog, proof_id, params, failing_check) -> None:
    # a declared range is the claim's regime and these values lie outside it: lift the bounds
    meta = catalog.get(proof_id)
    unbounded = tuple(dataclasses.replace(p, min=None, max=None) for p in meta.params)
    result = execute(dataclasses.replace(meta, params=unbounded), params)
    assert result["status"] == "failed", result["error"]
    failed = [c["name"]["en"] if isinstance(c["name"], dict) else c["name"]
              for c in result["checks"] if not c["ok"]]
    assert any(failing_check in name for name in failed), failed


def test_bad_group_count_is_a_clear_error(catalog) -> None:
    result = execute(catalog.get("normalization.axes_all"), {"c": 16, "groups": 5})
    assert result["status"] == "error"
    assert "must divide" in result["error"]
