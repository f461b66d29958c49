"""Content checks for the losses / overfitting / optimizers decks and their proofs."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytool.decks.loader import read_deck
from studytool.proofs import runner
from studytool.proofs.catalog import scan
from tests.conftest import beyond_range as _beyond_range

ROOT = Path(__file__).resolve().parents[1]
DECKS = ("losses", "overfitting", "optimizers")
AUTO = {"choice", "numeric", "expression", "truefalse", "cloze"}


@pytest.fixture(scope="module")
def catalog():
    return scan([ROOT / "content" / "proofs"])


def _cards():
    cards = []
    for name in DECKS:
        deck, problems = read_deck(ROOT / "content" / f"{name}.yaml")
        assert deck is not None and not problems, problems
        cards.extend(deck.cards)
    return cards


def test_share_counts_and_errata() -> None:
    cards = _cards()
    assert len(cards) >= 45
    assert sum(c.type in AUTO for c in cards) / len(cards) >= 0.4
    assert len({c.proof for c in cards}) >= 18
    errata = {c.id for c in cards if c.erratum}
    assert {"not-all-squared", "mse-gradient", "mae-gradient", "saddle-not-minimum", "adam-needs-lr"} <= errata
    for card in cards:
        if card.type == "basic":
            assert 2 <= len(card.points.zh) == len(card.points.en) <= 5, card.id


@pytest.mark.parametrize("deck", DECKS)
def test_every_proof_of_the_deck_passes(deck: str, catalog) -> None:
    ids = sorted(p for p in catalog.proofs if p.startswith(deck + "."))
    assert ids
    for proof_id in ids:
        result = runner.execute(catalog.get(proof_id))
        assert result["status"] == "passed", (proof_id, result["error"], [c for c in result["checks"] if not c["ok"]])
        assert result["checks"], proof_id


@pytest.mark.parametrize(
    ("proof_id", "overrides"),
    [
        # momentum only wins clearly when the problem is ill-conditioned
        ("optimizers.momentum_vs_gd", {"kappa": 2.0}),
        # with plenty of data the highest degree no longer overfits
        ("overfitting.poly_degree_gap", {"n_train": 200}),
        # too few MSE steps: it has not converged to the mean yet
        ("losses.mse_mae_gd", {"lr": 0.01, "steps": 50}),
    ],
)
def test_claims_fail_when_their_premise_is_removed(proof_id: str, overrides: dict, catalog) -> None:
    """A value outside the declared range (the claim's regime) is refused; forced past it, the claim fails."""
    meta = catalog.get(proof_id)
    result = runner.execute(meta, overrides)
    if result["status"] == "error" and "its m" in (result["error"] or ""):  # "… below its minimum / above its maximum"
        result = runner.execute(_beyond_range(meta), overrides)
    assert result["status"] == "failed", result["checks"]

