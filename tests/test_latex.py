"""LaTeX → Unicode for the terminal (studytool.latex)."""

from __future__ import annotations

import pytest

from studytool.latex import latex_to_unicode, render_math


@pytest.mark.parametrize(
    ("latex", "unicode"),
    [
        (r"\hat y=1", "ŷ=1"),
        (r"\hat{y}", "ŷ"),
        (r"\widehat{y}", "ŷ"),
        (r"\hat\theta", "θ̂"),
        (r"p(x\mid 1)", "p(x∣1)"),
        (r"\hat{m}_t = \frac{m_t}{1-\beta_1^t}", "m̂ₜ = mₜ / (1−β₁ᵗ)"),
        (r"\|x\|_2^2", "‖x‖₂²"),
    ],
)
def test_latex_to_unicode(latex: str, unicode: str) -> None:
    assert latex_to_unicode(latex) == unicode


def test_render_math_only_touches_math_spans() -> None:
    assert render_math(r"cost \$5 and $\sigma'(0)=\frac14$ here") == "cost $5 and σ'(0)=1/4 here"


def test_letter_styles_with_or_without_braces() -> None:
    assert render_math(r"$z\sim\mathcal N(0,1)$") == "z∼𝒩(0,1)"
    assert render_math(r"$\mathbb E[x]$, $\mathbb{R}^n$") == "𝔼[x], ℝⁿ"


def test_no_latex_command_survives_in_any_shipped_card() -> None:
    """Every ``\\command`` in a card's math is turned into symbols, not left as its name."""
    import re

    from studytool.decks.validate import load_library
    from studytool.latex import _MATH, _NAMED, latex_to_unicode

    texts = []
    for card in load_library(None).collection.cards:
        texts += [card.q.zh, card.q.en, card.a.zh, card.a.en, *card.points.zh, *card.points.en]
        if card.erratum:
            texts += [card.erratum.claim.zh, card.erratum.claim.en, card.erratum.correction.zh,
                      card.erratum.correction.en]  # fmt: skip
    leftovers = set()
    for text in texts:
        for fragment in _MATH.findall(text):
            out = latex_to_unicode(fragment)
            for name in re.findall(r"\\([A-Za-z]{2,})", fragment):
                if name not in _NAMED and re.search(rf"(?<![A-Za-z]){name}(?![A-Za-z])", out):
                    leftovers.add((name, fragment, out))
    assert not leftovers, sorted(leftovers)[:10]
