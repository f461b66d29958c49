"""LaTeX → Unicode for the terminal (studytool.latex)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytool.latex import latex_to_unicode, render_math, unsupported_commands


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


@pytest.mark.parametrize(
    ("latex", "unicode"),
    [
        # the space after a command only ends its name (LaTeX swallows it) …
        (r"\sigma\to 0", "σ→0"),
        (r"q\cdot k", "q⋅k"),
        (r"\lambda w", "λw"),
        (r"KL(P\Vert Q)", "KL(P‖Q)"),
        (r"U\in\mathbb{R}^{h\times h}", "U∈ℝ^(h×h)"),
        # … but LaTeX spaces relations the author spaced, big operators, words and scripted bases
        (r"a \to b", "a → b"),
        (r"p(x \mid 1)", "p(x ∣ 1)"),  # spaced on both sides, like any relation
        (r"x \in \mathbb R", "x ∈ ℝ"),
        (r"1-\pi = 0.9", "1−π = 0.9"),
        (r"\lambda \text{CE}(p)", "λ CE(p)"),
        (r"\int_0^\infty x\,dx", "∫₀^∞ x dx"),
        (r"T_\delta x", "T_δ x"),
        # named operators are set off from the symbols around them, their scripts stay attached
        (r"H(P,Q) = -\sum p\log q", "H(P,Q) = −∑ p log q"),
        (r"H = -\sum_{i=1}^{8}\frac18\log_2\frac18", "H = −∑ᵢ₌₁⁸1/8 log₂(1/8)"),
        (r"x + a\tanh(x)", "x + a tanh(x)"),
        (r"\log(2\pi)", "log(2π)"),
        (r"\arg\max_\theta p", "arg max_θ p"),
        (r"\max_{\theta,i}x", "max_(θ,i) x"),
        # scripts with no complete Unicode form are bracketed, not half converted
        (r"G_{t,ii}", "G_(t,ii)"),
        (r"\sum_{\tau\le t} g_{\tau,i}^2", "∑_(τ≤t) g_(τ,i)²"),
        (r"\sum_{k<t}\gamma^k", "∑_(k<t)γᵏ"),
        (r"10000^{(d-2)/d}", "10000^((d−2)/d)"),
        (r"x_{t-1}", "xₜ₋₁"),
        (r"\frac{\partial y}{\partial x} = 1", "∂y/∂x = 1"),
        (r"PE_{(pos,2i)}", "PE_(pos,2i)"),  # no doubled brackets
        (r"\arg\max_{\theta} L", "arg max_θ L"),
        (r"\pi=\frac{n_{\min}}{n}", "π=nₘᵢₙ/n"),  # a named operator inside a script stays a script
        (r"\prod_l w_l\,\mathbb 1[z_l>0]", "∏ₗ wₗ 𝟙[zₗ>0]"),
        # a stacked fraction stays one argument
        (r"\log\frac{1-\pi}{\pi}", "log((1−π) / π)"),
        (r"\frac12\ln\frac43", "1/2 ln(4/3)"),
        (r"x\frac{a+b}{c}", "x((a+b) / c)"),
        (r"y=\frac{a+b}{c}", "y=(a+b) / c"),
        # a root over a product is bracketed: √(2π) is not √2·π
        (r"1/\sqrt{2\pi}", "1/√(2π)"),
        (r"\sqrt{d_k}", "√dₖ"),
        (r"\sqrt{\mathrm{MSE}}", "√MSE"),
        (r"\sqrt{\hat v_t}+\epsilon", "√v̂ₜ+ε"),
    ],
)
def test_spacing_follows_latex(latex: str, unicode: str) -> None:
    assert latex_to_unicode(latex) == unicode


def test_render_math_only_touches_math_spans() -> None:
    assert render_math(r"cost \$5 and $\sigma'(0)=\frac14$ here") == "cost $5 and σ'(0)=1/4 here"


def test_letter_styles_with_or_without_braces() -> None:
    assert render_math(r"$z\sim\mathcal N(0,1)$") == "z∼𝒩(0,1)"
    assert render_math(r"$\mathbb E[x]$, $\mathbb{R}^n$") == "𝔼[x], ℝⁿ"


def test_no_latex_command_survives_in_any_shipped_card() -> None:
    """Every ``\\command`` in what a learner sees of a shipped card is drawn, not left as its name
    (the same scan ``studytool check`` reports as warnings; the proofs' side is in the check test)."""
    from studytool.commands.check_math import card_warnings
    from studytool.decks.validate import load_library

    assert card_warnings(load_library(None).collection.cards) == []


@pytest.mark.parametrize(
    ("latex", "unicode"),
    [
        (r"\partial_f \ell=\begin{cases}-y & yf<1\\ 0 & yf>1\end{cases}", "∂_f ℓ={ −y if yf<1; 0 if yf>1 }"),
        (r"|x|=\begin{cases} x & \text{if } x\ge 0\\ -x & \text{otherwise}\end{cases}", "|x|={ x if x≥0; −x otherwise }"),
    ],
)
def test_cases_on_one_line(latex: str, unicode: str) -> None:
    assert latex_to_unicode(latex) == unicode
    assert unsupported_commands(latex) == []


@pytest.mark.parametrize(
    ("latex", "unknown"),
    [
        (r"\lamda x", ["lamda"]),  # unicodeit would draw \l (ł) and leave "amda"
        (r"\begin{pmatrix}a\end{pmatrix}", ["begin{pmatrix}", "end{pmatrix}"]),
        (r"\displaystyle\sum_i x_i", ["displaystyle"]),
        (r"a\\b \alpha\mathbf{x}\hat y\log x\frac12\sqrt2\left(\right)\operatorname{sign}", []),
    ],
)
def test_unsupported_commands(latex: str, unknown: list[str]) -> None:
    assert unsupported_commands(latex) == unknown


_TOKENS = [r"\log", r"\max", r"\frac", r"\sqrt", r"\sum", r"\to", r"\lambda", r"\hat", r"\mathrm", r"\mathbb",
           "{", "}", "_", "^", " ", "x", "2", "+", "=", "(", ")", ",", r"\,", r"\left(", r"\right)", "ab"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=14))
def test_any_token_soup_renders_without_error_or_leftover_markers(tokens: list[str]) -> None:
    """User decks can hold any LaTeX: rendering never raises and never leaks its internal markers."""
    out = latex_to_unicode("".join(tokens))
    unsupported_commands("".join(tokens))  # the check's scan never raises either
    assert not set(out) & {"\x02", "\x03", "\ue000", "\ue001", "\ue002", "\ue003"}, out
