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
