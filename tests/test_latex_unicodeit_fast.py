"""studytool.unicodeit_fast gives exactly what unicodeit.replace gives, on every formula of the
shipped decks and proofs and on generated text made of unicodeit's own keys."""

from __future__ import annotations

import re
from pathlib import Path

import unicodeit
from hypothesis import given, settings
from hypothesis import strategies as st
from unicodeit.data import COMBININGMARKS, REPLACEMENTS, SUBSUPERSCRIPTS

from studytool import unicodeit_fast

CONTENT = Path(__file__).resolve().parents[1] / "content"


def _shipped_formulas() -> list[str]:
    formulas: list[str] = []
    for path in sorted([*CONTENT.glob("*.yaml"), *CONTENT.glob("proofs/*.py")]):
        text = path.read_text(encoding="utf-8").replace("''", "'")
        formulas += re.findall(r"\$\$?([^$]+)\$\$?", text)
    return formulas


def test_every_shipped_formula_converts_as_unicodeit_does():
    formulas = _shipped_formulas()
    assert len(formulas) > 1000
    different = [f for f in formulas if unicodeit_fast.replace(f) != unicodeit.replace(f)]
    assert different == []


_KEYS = [key for key, _ in REPLACEMENTS] + [mark for mark, _ in COMBININGMARKS] + [key for key, _ in SUBSUPERSCRIPTS]
# keys, and the pieces that make them overlap, chain or appear inside longer commands
_TOKENS = st.one_of(
    st.sampled_from(_KEYS),
    st.sampled_from(["{", "}", "{}", "_", "^", " ", "\\", "\\ ", "\\not", "-", "=", "x", "1", "bet", "a", "R"]),
    st.text(alphabet="\\{}_^ -=abxyzαβ12", max_size=4),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TOKENS, min_size=1, max_size=10))
def test_generated_text_converts_as_unicodeit_does(tokens):
    text = "".join(tokens)
    assert unicodeit_fast.replace(text) == unicodeit.replace(text)


def test_a_command_inside_a_longer_one_and_a_chained_replacement():
    for text in (r"\alphabet", r"\not\in", r"\dot{}", r"\dot{x}", r"x_{12}^{ab}", r"\backslash alpha", r"\mathbb{R}^n"):
        assert unicodeit_fast.replace(text) == unicodeit.replace(text), text
