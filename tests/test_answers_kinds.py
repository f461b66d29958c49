"""Numeric, choice, true/false and cloze answers."""

from __future__ import annotations

import pytest

from studytool.answers.check import canonical_input, check_answer, display, new_showing
from studytool.answers.normalize import normalize_answer
from studytool.answers.verdict import SpecError, Verdict
from studytool.decks.model import Card, Text


def make(ctype: str, answer: dict | None, q: Text | None = None) -> Card:
    return Card(deck="t", id="c", type=ctype, q=q or Text("问题", "question"), a=Text("答", "a"), source="s", answer=answer)


# ---------------------------------------------------------------- numeric

@pytest.mark.parametrize("text", ["0.25", "1/4", "2.5e-1", "25e-2", "  0.25 ", "０．２５", "１/４", "2^-2", "1/(2*2)", ".25", "½/2"])
def test_numeric_forms_accepted(text: str) -> None:
    assert check_answer(make("numeric", {"value": 0.25}), text).status == "correct"


def test_numeric_tolerance_absolute_and_relative() -> None:
    assert check_answer(make("numeric", {"value": 3.14159, "tol": 0.01}), "3.14").status == "correct"
    assert check_answer(make("numeric", {"value": 3.14159, "tol": 0.001}), "3.14").status == "incorrect"
    assert check_answer(make("numeric", {"value": 1000, "rel": 0.01}), "1009").status == "correct"
    assert check_answer(make("numeric", {"value": 1000, "rel": 0.01}), "1011").status == "incorrect"
    assert check_answer(make("numeric", {"value": 1 / 3}), "0.3333333").status == "correct"  # default rel 1e-6
    assert check_answer(make("numeric", {"value": 1 / 3}), "0.333").status == "incorrect"


def test_percent_only_where_allowed() -> None:
    pct = make("numeric", {"value": 0.25, "percent": True})
    assert check_answer(pct, "25%").status == "correct"
    assert check_answer(pct, "25 %").status == "correct"
    assert check_answer(pct, "0.25").status == "correct"
    wrong = check_answer(pct, "25")
    assert wrong.status == "incorrect" and "percentage" in (wrong.hint or "")
    plain = make("numeric", {"value": 0.25})
    v = check_answer(plain, "25%")
    assert v.status == "invalid" and "not a percentage" in (v.reason or "")
    v = check_answer(plain, "25")
    assert v.status == "incorrect" and v.hint and v.hint.startswith("you gave a percentage")


@pytest.mark.parametrize(
    ("value", "text", "hint"),
    [(0.25, "-0.25", "sign is wrong"), (0.25, "0.5", "off by a factor of 2"), (0.25, "0.125", "off by a factor of 2"),
     (0.25, "2.5", "off by a factor of 10"), (12.0, "1.2e-3", "off by a factor of 10^-4 (check the decimal point)")],
)  # fmt: skip
def test_numeric_near_miss_hints(value: float, text: str, hint: str) -> None:
    verdict = check_answer(make("numeric", {"value": value}), text)
    assert verdict.status == "incorrect" and verdict.hint == hint


@pytest.mark.parametrize("text", ["abc", "x", "", "1,5", "0.25.1", "1/0", "sqrt(-1)", "__class__", "1e999"])
def test_numeric_invalid(text: str) -> None:
    verdict = check_answer(make("numeric", {"value": 0.25}), text)
    assert verdict.status == "invalid" and verdict.reason


@pytest.mark.parametrize("text", ["log2(8)", "log_2(8)", "log₂(8)", "log10(1000)", "log_10(1000)", "ln(e^3)"])
def test_numeric_logarithms_in_any_base(text: str) -> None:
    assert check_answer(make("numeric", {"value": 3}), text).status == "correct"
    refused = check_answer(make("numeric", {"value": 3}), "lg(1000)")  # log10 or log2? refused, and said
    assert refused.status == "invalid" and "write log10(…) or log2(…)" in (refused.reason or "")


def test_expression_logarithms_in_bits() -> None:
    card = make("expression", {"expr": "-p*log(p)/log(2)", "symbols": ["p"]})
    assert check_answer(card, "-p*log2(p)").status == "correct"
    assert check_answer(card, "p*log_2(1/p)").status == "correct"
    assert check_answer(card, "-p*log10(p)").status == "incorrect"


@pytest.mark.parametrize("text", ["67840", "67,840", "67 840", "67_840", "67\u2009840", "67\u202f840", "６７ ８４０"])
def test_numeric_thousands_separators(text: str) -> None:
    assert check_answer(make("numeric", {"value": 67840}), text).status == "correct"


@pytest.mark.parametrize("text", ["67 84", "6 7840", "0 840"])
def test_numeric_spaces_that_are_not_thousands_are_refused(text: str) -> None:
    assert check_answer(make("numeric", {"value": 67840}), text).status == "invalid"


def test_numeric_unit_suffix() -> None:
    assert check_answer(make("numeric", {"value": 16, "unit": "px"}), "16 px").status == "correct"


# ---------------------------------------------------------------- choice

CHOICE = {"options": [{"zh": "变小", "en": "shrinks"}, {"zh": "变大", "en": "grows"}, {"zh": "不变", "en": "unchanged"}], "correct": 1}
MULTI = {"options": ["ReLU", "tanh", "sigmoid", "GELU"], "correct": [0, 3]}


def test_choice_by_letter_number_and_text() -> None:
    c = make("choice", CHOICE)
    for text in ("b", "B", "2", "(b)", "grows", "Grows.", "变大", " b "):
        assert check_answer(c, text).status == "correct", text
    assert check_answer(c, "a").status == "incorrect"
    assert check_answer(c, "e").status == "invalid"
    assert check_answer(c, "7").status == "invalid"
    assert check_answer(c, "a,b").status == "invalid"  # one option only
    assert check_answer(c, "purple").status == "invalid"


def test_choice_shuffled_order_is_respected_and_returned() -> None:
    c = make("choice", CHOICE)
    orders = {new_showing(c, seed) for seed in range(20)}
    assert len(orders) > 1  # shuffled per showing
    order = next(o for o in orders if o.index(1) != 1)
    letter = "abc"[order.index(1)]
    verdict = check_answer(c, letter, shown_order=order)
    assert verdict.status == "correct" and verdict.shown_order == order
    assert check_answer(c, "b", shown_order=order).status == "incorrect"
    assert check_answer(c, "grows", shown_order=order).status == "correct"
    text = display(c, "en", order)
    assert text.splitlines()[1 + order.index(1)] == f"{letter}) grows"
    assert verdict.expected == f"{letter}) grows"
    assert new_showing(c, 7) == new_showing(c, 7)  # deterministic for a seed


def test_choice_without_shuffle_keeps_authored_order() -> None:
    c = make("choice", {**CHOICE, "shuffle": False})
    assert {new_showing(c, s) for s in range(10)} == {(0, 1, 2)}


def test_choice_multiple() -> None:
    c = make("choice", MULTI)
    for text in ("a,d", "a d", "ad", "d, a", "1,4", "ReLU, GELU", "a and d"):
        assert check_answer(c, text).status == "correct", text
    v = check_answer(c, "a")
    assert v.status == "incorrect" and v.hint == "1 of 2 correct options picked"
    v = check_answer(c, "a,b,d")
    assert v.status == "incorrect" and "1 wrong one included" in (v.hint or "")
    assert "one or more" in display(c, "en")


# ---------------------------------------------------------------- true/false

@pytest.mark.parametrize("text", ["t", "T", "true", "True.", "yes", "y", "对", "是", "√", "✓", "正确", "ｔｒｕｅ"])
def test_truefalse_true(text: str) -> None:
    assert check_answer(make("truefalse", {"value": True}), text).status == "correct"
    assert check_answer(make("truefalse", {"value": False}), text).status == "incorrect"


@pytest.mark.parametrize("text", ["f", "false", "no", "n", "错", "否", "×", "✗"])
def test_truefalse_false(text: str) -> None:
    assert check_answer(make("truefalse", {"value": False}), text).status == "correct"


@pytest.mark.parametrize("text", ["maybe", "", "tru", "__import__('os')"])
def test_truefalse_invalid(text: str) -> None:
    assert check_answer(make("truefalse", {"value": True}), text).status == "invalid"


# ---------------------------------------------------------------- cloze

CLOZE_Q = Text("ReLU 在 x<0 时梯度为 {{零}}。", "ReLU's gradient for x<0 is {{zero}}.")


@pytest.mark.parametrize("text", ["zero", "Zero", " ZERO. ", "零", "ｚｅｒｏ", "0", "nil"])
def test_cloze_accepts_either_language_and_synonyms(text: str) -> None:
    c = make("cloze", {"accept": ["0", "nil"]}, CLOZE_Q)
    assert check_answer(c, text).status == "correct", text


def test_cloze_wrong_and_empty() -> None:
    c = make("cloze", {}, CLOZE_Q)
    assert check_answer(c, "one").status == "incorrect"
    assert check_answer(c, "  ").status == "invalid"
    assert check_answer(c, "one", lang="zh").expected == "零"
    assert display(c, "en") == "ReLU's gradient for x<0 is ____."


def test_cloze_case_sensitive_and_punctuation() -> None:
    q = Text("{{mini-batch}} 梯度下降", "{{Mini-batch}} gradient descent")
    assert check_answer(make("cloze", {}, q), "minibatch").status == "correct"
    assert check_answer(make("cloze", {}, q), "mini batch").status == "correct"
    assert check_answer(make("cloze", {"case_sensitive": True}, q), "MINI-BATCH").status == "incorrect"


def test_cloze_several_blanks() -> None:
    q = Text("{{输入门}}和{{遗忘门}}", "the {{input}} gate and the {{forget}} gate")
    c = make("cloze", {}, q)
    assert check_answer(c, "input, forget").status == "correct"
    assert check_answer(c, "输入门，遗忘门").status == "correct"
    v = check_answer(c, "input, output")
    assert v.status == "incorrect" and v.hint == "blank 2 is wrong"
    assert check_answer(c, "input").status == "invalid"


def test_normalize_answer() -> None:
    assert normalize_answer("Ｍｉｎｉ－Ｂａｔｃｈ。") == "minibatch"
    assert normalize_answer("1/4") == "1/4"
    assert normalize_answer(".5") == ".5"


# ---------------------------------------------------------------- misc

def test_verdict_contract() -> None:
    v = Verdict("correct", "0.25")
    assert v.correct and v.as_dict()["verdict"] == "correct"
    with pytest.raises(ValueError):
        Verdict("maybe", "x")


def test_broken_specs_raise_spec_error() -> None:
    with pytest.raises(SpecError):
        check_answer(make("expression", {"expr": "__import__('os')", "symbols": ["x"]}), "x")
    with pytest.raises(SpecError):
        check_answer(make("basic", None), "x")
    with pytest.raises(SpecError):
        check_answer(make("choice", {"options": ["a"], "correct": 0}), "a")


def test_canonical_input_is_correct_for_each_kind() -> None:
    cards = [
        make("numeric", {"value": 0.25}), make("choice", CHOICE), make("choice", MULTI),
        make("truefalse", {"value": False}), make("cloze", {}, CLOZE_Q),
        make("expression", {"expr": "s*(1-s)", "symbols": ["s"]}),
    ]  # fmt: skip
    for c in cards:
        order = new_showing(c, 3)
        assert check_answer(c, canonical_input(c, shown_order=order), shown_order=order).status == "correct", c.type


def test_expression_short_ascii_names_for_declared_greek_symbols() -> None:
    card = make("expression", {"expr": "sqrt(v + epsilon)", "symbols": ["v", "epsilon"], "positive": ["v", "epsilon"]})
    for text in ("sqrt(v+eps)", "√(v+ε)", "sqrt(v + epsilon)"):
        assert check_answer(card, text).status == "correct", text
    assert check_answer(card, "sqrt(v)").status == "incorrect"
    lam = make("expression", {"expr": "lambda*w", "symbols": ["lambda", "w"]})
    assert check_answer(lam, "lam*w").status == "correct" and check_answer(lam, "2*lam*w").status == "incorrect"
    own = make("expression", {"expr": "eps*epsilon", "symbols": ["eps", "epsilon"]})  # a card may use both names
    assert check_answer(own, "eps*ε").status == "correct" and check_answer(own, "eps^2").status == "incorrect"


def test_review_question_lists_a_choice_cards_options_in_both_languages() -> None:
    from studytool.answers.check import review_question

    card = make("choice", CHOICE, q=Text("梯度怎样变化？", "How does the gradient change?"))
    q = review_question(card)
    assert q.zh == "梯度怎样变化？\n\n- a) 变小\n- b) 变大\n- c) 不变"
    assert q.en == "How does the gradient change?\n\n- a) shrinks\n- b) grows\n- c) unchanged"
    plain = make("numeric", {"value": 0.25})
    assert review_question(plain) is plain.q  # other cards: the question as it is
