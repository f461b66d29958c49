"""Every auto-graded card in the shipped decks: its canonical answer is judged correct, and
derived equivalent rewrites of each expression card's answer are accepted too."""

from __future__ import annotations

import re

import pytest

from studytool.answers.check import (
    canonical_input,
    check_answer,
    display,
    expected_answer,
    new_showing,
)
from studytool.answers.expr import ParseError, parse
from studytool.answers.symbolic import to_sympy
from studytool.decks.model import Card
from studytool.decks.validate import load_library

CARDS: list[Card] = [c for c in load_library().collection.cards if c.auto_graded]


def test_there_are_auto_graded_cards() -> None:
    assert CARDS, "the shipped decks have no auto-graded card"


@pytest.mark.parametrize("card", CARDS, ids=[c.uid for c in CARDS])
def test_canonical_answer_is_correct(card: Card) -> None:
    for lang in ("zh", "en"):
        for seed in (None, 1, 2):
            order = new_showing(card, seed)
            text = canonical_input(card, lang=lang, shown_order=order)
            verdict = check_answer(card, text, lang=lang, shown_order=order)
            assert verdict.status == "correct", (lang, text, verdict)
            assert verdict.expected == expected_answer(card, lang=lang, shown_order=order)
            assert display(card, lang, order).strip()
    if card.type == "choice":  # the option text itself is accepted too, in either language
        options = card.answer["options"]
        correct = card.answer["correct"]
        if isinstance(correct, int):
            opt = options[correct]
            for lang in ("zh", "en"):
                text = opt.get(lang) if isinstance(opt, dict) else str(opt)
                assert check_answer(card, text, lang=lang).status == "correct", text


def sympy_text(expr) -> str:
    """A sympy expression written in the answer language (what a learner might type)."""
    import sympy as sp

    text = sp.sstr(expr)
    text = re.sub(r"\bE\b", "e", text)
    return text.replace("Abs(", "abs(")


def rewrites(card: Card) -> list[str]:
    import sympy as sp

    spec = card.answer
    symbols, functions = spec.get("symbols", []), spec.get("functions", [])
    expr = to_sympy(parse(spec["expr"], symbols, functions))
    candidates = [
        sp.expand(expr), sp.factor(expr), sp.together(expr), sp.expand(expr).rewrite(sp.exp),
        sp.logcombine(expr, force=True), sp.expand_log(expr, force=True), sp.powsimp(expr), sp.simplify(expr),
    ]  # fmt: skip
    reordered = sp.Add(*reversed(sp.Add.make_args(sp.expand(expr)))) if expr.is_Add or sp.expand(expr).is_Add else None
    out = []
    original = "".join(spec["expr"].split())
    for cand in candidates:
        text = sympy_text(cand)
        try:
            parse(text, symbols, functions)
        except ParseError:
            continue
        if "".join(text.split()) != original and text not in out:
            out.append(text)
    if reordered is not None:  # terms written in the opposite order, by hand-like formatting
        terms = [sympy_text(t) for t in reversed(sp.Add.make_args(sp.expand(expr)))]
        out.append(" + ".join(f"({t})" for t in terms))
    if expr.is_Mul:  # factors in the opposite order
        out.append("*".join(f"({sympy_text(f)})" for f in reversed(sp.Mul.make_args(expr))))
    whole = sympy_text(expr)
    out.append(f"({whole})/2 + ({whole})/2")  # split in halves: always a non-trivial rewrite
    out.append(f"1/(1/({whole}))")
    return out


EXPRESSION_CARDS = [c for c in CARDS if c.type == "expression"]


@pytest.mark.parametrize("card", EXPRESSION_CARDS, ids=[c.uid for c in EXPRESSION_CARDS])
def test_derived_rewrites_are_accepted(card: Card) -> None:
    forbid = card.answer.get("forbid", [])  # rewrites into a forbidden function are sent back
    texts = [t for t in rewrites(card) if not any(f"{f}(" in t for f in forbid)]
    if forbid:  # sympy writes σ with exp, so rewrite the card's own text instead
        own = card.answer["expr"]
        texts += [f"({own})/2 + ({own})/2", f"3*({own}) - 2*({own})"]
    assert len(texts) >= 2, f"{card.uid}: could not derive a rewrite of {card.answer['expr']!r}"
    for text in texts:
        verdict = check_answer(card, text)
        assert verdict.status == "correct", (text, verdict)
    # and a clearly different answer is not
    wrong = f"2*({card.answer['expr']}) + 1"
    assert check_answer(card, wrong).status == "incorrect"
