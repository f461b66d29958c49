"""Deep-learning decks (rnn, cnn, augmentation, transformer, resnet): proofs back the answers.

Runs each card's proof with the card's params, cross-checks numeric answers against the values the
proofs compute, and shows that proofs fail when their claim is made false via a parameter.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from studytool.decks.loader import read_deck
from studytool.paths import shipped_content_dir, shipped_proofs_dir
from studytool.proofs.catalog import scan
from studytool.proofs.runner import execute

DECKS = ("rnn", "cnn", "augmentation", "transformer", "resnet")


@pytest.fixture(scope="module")
def catalog():
    return scan([shipped_proofs_dir()])


@pytest.fixture(scope="module")
def cards():
    out = {}
    for name in DECKS:
        deck, problems = read_deck(Path(shipped_content_dir()) / f"{name}.yaml")
        assert deck is not None and not problems, problems
        out.update({f"{name}/{c.id}": c for c in deck.cards})
    return out


def _run(catalog, proof_id: str, params: dict | None = None) -> dict:
    meta = catalog.get(proof_id)
    assert meta is not None, f"unknown proof {proof_id}"
    return execute(meta, params or {})


def _en(name: str | dict) -> str:
    """The English text of a check name (plain string or ``{zh, en}``)."""
    return name["en"] if isinstance(name, dict) else name


def _computed(result: dict, prefix: str):
    hits = [c["computed"] for c in result["checks"] if _en(c["name"]).startswith(prefix)]
    assert hits, f"{result['id']}: no check named {prefix!r}"
    return hits[0]


def test_every_card_proof_passes_with_its_params(catalog, cards):
    for key, card in cards.items():
        result = _run(catalog, card.proof, dict(card.params))
        assert result["status"] == "passed", (key, result["error"], result["checks"])
        if card.erratum and card.erratum.proof:
            assert _run(catalog, card.erratum.proof)["status"] == "passed", key


def test_numeric_answers_match_computed_values(catalog, cards):
    pairs = [
        ("rnn/lstm-param-count", "rnn.param_counts", {}, "LSTM: counted"),
        ("cnn/conv-output-size", "cnn.conv_output_size", {}, "n=32, k=5"),
        ("cnn/conv-output-size-resnet-stem", "cnn.conv_output_size", {"n": 224, "k": 7, "p": 3, "s": 2}, "n=224"),
        ("transformer/receptive-field", "transformer.receptive_field", {}, "4 conv layers"),
        ("resnet/resnet-projection-params", "resnet.projection_params", {"c_in": 256, "c_out": 512}, "projection"),
        ("resnet/resnet-paths", "resnet.path_expansion", {}, "number of paths"),
        ("rnn/rnn-gradient-numeric", "rnn.gradient_vs_spectral_radius", {"steps": 20}, "linear RNN, ρ = 0.9"),
        ("resnet/resnet-difference-amplifier", "resnet.residual_sensitivity", {}, "default example"),
    ]
    for key, proof_id, params, prefix in pairs:
        answer = cards[key].answer
        computed = _computed(_run(catalog, proof_id, params), prefix)
        assert abs(float(computed) - float(answer["value"])) <= max(answer.get("tol", 0), 1e-9), key


def test_easy_ensemble_coverage_answer(catalog, cards):
    result = _run(catalog, "augmentation.easy_ensemble")
    simulated = _computed(result, "K = 10 subsets")
    assert abs(simulated - cards["augmentation/easy-ensemble-coverage"].answer["value"]) < 0.01


@pytest.mark.parametrize(
    ("proof_id", "params"),
    [
        # small recurrent weights: the LSTM Jacobian no longer exceeds 1
        ("rnn.lstm_full_jacobian", {"recurrent_scale": 0.3}),
        # balanced classes: moving the threshold to π = 0.5 cannot raise recall
        ("augmentation.threshold_moving", {"minority": 500, "majority": 500}),
        # x > 2H: the residual's relative change is SMALLER than the output's
        ("resnet.residual_sensitivity", {"x": 20.0}),
    ],
)
def test_proofs_fail_when_the_claim_is_false(catalog, proof_id, params):
    # a declared range is the claim's regime, so these values may lie outside it: lift the bounds
    # to show that the checks really fail there
    meta = catalog.get(proof_id)
    unbounded = tuple(dataclasses.replace(p, min=None, max=None) for p in meta.params)
    assert execute(dataclasses.replace(meta, params=unbounded), params)["status"] == "failed"
