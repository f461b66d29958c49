"""What learners actually type: superscripts, Unicode minus signs, vulgar fractions, a power of e on
a card that forbids exp, signs and primes in cloze answers, positive-only symbols, and answers that
agree with the expected one only near ±1 (found by an adversarial review of every shipped card)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from studytool.answers.check import check_answer
from studytool.answers.expr import normalise
from studytool.answers.normalize import normalize_answer
from studytool.decks.model import Card, Text


def make(ctype: str, answer: dict) -> Card:
    return Card(deck="t", id="c", type=ctype, q=Text("问题 {{x}}", "question {{x}}"), a=Text("答", "a"), source="s",
                answer=answer)  # fmt: skip


def status(answer: dict, text: str, ctype: str = "numeric") -> str:
    return check_answer(make(ctype, answer), text).status


@pytest.mark.parametrize(
    ("value", "text", "expected"),
    [
        (0.25, "2⁻²", "correct"), (0.25, "0.5²", "correct"), (0.25, "1/2²", "correct"), (0.25, "(1/2)²", "correct"),
        (16, "4²", "correct"), (16, "2⁴", "correct"), (9.5367431640625e-07, "9.5367431640625×10⁻⁷", "correct"),
        (131072, "2¹⁷", "correct"),
        (22, "2²", "incorrect"), (112, "11²", "incorrect"), (128, "12⁸", "incorrect"),  # NFKC read these as 22, 112, 128
        (0.25, "2.5e−1", "correct"), (0.25, "2.5E−1", "correct"), (0.25, "25e–2", "correct"),  # − and – in the exponent
        (0.5, "½", "correct"), (3.1622776601683795, "10^½", "correct"), (64, "32/½", "correct"),
    ],
)  # fmt: skip
def test_numeric_superscripts_minus_signs_and_fractions(value: float, text: str, expected: str) -> None:
    assert status({"value": value}, text) == expected


@pytest.mark.parametrize(
    ("expr", "symbols", "text"),
    [("(w/4)^n", ["w", "n"], "(w/4)ⁿ"), ("(w/4)^n", ["w", "n"], "wⁿ/4ⁿ"), ("sqrt(v+e2)", ["v", "e2"], "(v+e2)^½"),
     ("(exp(x)-exp(-x))/(exp(x)+exp(-x))", ["x"], "(eˣ-e⁻ˣ)/(eˣ+e⁻ˣ)"), ("s-s^2", ["s"], "s(1−s)")],
)  # fmt: skip
def test_expression_superscript_letters_and_fractions_are_powers(expr: str, symbols: list[str], text: str) -> None:
    assert status({"expr": expr, "symbols": symbols}, text, "expression") == "correct"


@given(st.text(alphabet="0123456789+-*/()^x²³⁻ⁿˣ½¼ ", max_size=20))
def test_normalised_input_never_keeps_a_superscript_or_vulgar_fraction(text: str) -> None:
    out = normalise(text)
    assert not set(out) & set("²³⁻ⁿˣ½¼"), out
    assert out.count("(") - out.count(")") == text.count("(") - text.count(")")  # brackets added in pairs


def test_a_power_of_e_counts_as_exp_where_exp_is_forbidden() -> None:
    spec = {"expr": "sigma(a-b)", "symbols": ["a", "b"], "functions": ["sigma"], "forbid": ["exp"]}
    for text in ("e^a/(e^a+e^b)", "1/(1+e^(b-a))", "1/(1+exp(b-a))"):
        verdict = check_answer(make("expression", spec), text)
        assert verdict.status == "invalid" and "without `exp`" in (verdict.reason or ""), text
    assert "a power of e is exp too" in (check_answer(make("expression", spec), "1/(1+e^(b-a))").reason or "")
    assert status(spec, "sigma(a-b)", "expression") == "correct"
    assert status({"expr": "exp(x)", "symbols": ["x"]}, "e^x", "expression") == "correct"  # allowed elsewhere


@pytest.mark.parametrize(
    ("accept", "text", "expected"),
    [(["x"], "-x", "incorrect"), (["x"], "−x", "incorrect"), (["x"], "x'", "incorrect"), (["x"], "x", "correct"),
     (["KL(P‖Q)"], "-KL(P‖Q)", "incorrect"), (["KL(P‖Q)"], "KL(P∥Q)", "correct"), (["KL(P‖Q)"], "KL(P||Q)", "correct"),
     (["mini-batch"], "mini batch", "correct"), (["Newton's method"], "Newtons method", "correct"),
     (["ReLU"], "'relu'", "correct"), (["F'(x)"], "F′(x)", "correct"), (["F'(x)"], "F(x)", "incorrect")],
)  # fmt: skip
def test_cloze_keeps_signs_and_primes_but_not_hyphens_or_quotes(accept: list[str], text: str, expected: str) -> None:
    assert status({"accept": accept}, text, "cloze") == expected


def test_normalize_answer_hyphen_rule() -> None:
    assert normalize_answer("t-SNE") == normalize_answer("tSNE")
    assert normalize_answer("-1") != normalize_answer("1")
    assert normalize_answer("(-x)") == "-x"


def test_positive_symbols_are_sampled_and_assumed_positive() -> None:
    spec = {"expr": "s/sqrt(B)", "symbols": ["s", "B"]}
    assert status(spec, "sqrt(s^2/B)", "expression") == "incorrect"  # s may be negative: |s|/√B
    spec["positive"] = ["s", "B"]
    for text in ("sqrt(s^2/B)", "abs(s)/sqrt(B)", "s*B^(-1/2)"):
        assert status(spec, text, "expression") == "correct", text
    assert status(spec, "s/B", "expression") == "incorrect"


@pytest.mark.parametrize(("expr", "symbols", "text"),
                         [("s*(1-s)", ["s"], "s-s^2+abs(s-2)+s-2"), ("2/L", ["L"], "2/L+abs(L-5)+L-5"),
                          ("3*(h*(h+x)+h)", ["h", "x"], "3(h(h+x)+h)+abs(h-2)+h-2")])  # fmt: skip
def test_an_answer_that_agrees_only_near_one_is_wrong(expr: str, symbols: list[str], text: str) -> None:
    assert status({"expr": expr, "symbols": symbols}, text, "expression") == "incorrect"


@pytest.mark.parametrize(
    ("value", "text", "expected", "words"),
    [(98816, "98,816", "correct", ""), (1234567.5, "1,234,567.5", "correct", ""),
     (0.25, "0,25", "invalid", "write decimals with a dot: 0.25"),
     (0.25, "1e300", "invalid", "too large"), (0.25, "exp(1000)", "invalid", "too large"),
     (0.3989, "0.4", "incorrect", "close, but not within the card's tolerance")],
)  # fmt: skip
def test_numeric_separators_overflow_and_near_misses(value: float, text: str, expected: str, words: str) -> None:
    spec = {"value": value, "tol": 0.001} if value == 0.3989 else {"value": value}
    verdict = check_answer(make("numeric", spec), text)
    assert verdict.status == expected
    assert words in f"{verdict.reason} {verdict.hint}"


@pytest.mark.parametrize(("text", "expected"),
                         [("√10", "sqrt(10)"), ("s/√B", "s/sqrt(B)"), ("1/√(2π)", "1/sqrt(2π)"), ("|w/4|^n", "abs(w/4)^n"),
                          ("|a|+|b|", "abs(a)+abs(b)"), ("|x", "|x")])  # fmt: skip
def test_root_sign_and_bars(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_root_and_abs_answers() -> None:
    assert status({"value": 10**0.5}, "√10") == "correct"
    assert status({"expr": "s/sqrt(B)", "symbols": ["s", "B"], "positive": ["s", "B"]}, "|s|/√B", "expression") == "correct"
    verdict = check_answer(make("expression", {"expr": "s", "symbols": ["s"]}), "|s")
    assert verdict.status == "invalid" and "unpaired `|`" in (verdict.reason or "")


CHOICE = {"options": [{"zh": "$D(x)^2$ 成正比", "en": "proportional to $D(x)^2$"}, "uniform", "the mean"], "correct": 0}
MULTI = {"options": ["dying ReLU", "vanishing gradients", "NaN loss", "faster training"], "correct": [0, 1, 2]}
NUMBERS = {"options": ["0.731", "nan", "1.0", "0.5"], "correct": 1}


@pytest.mark.parametrize(
    ("spec", "text", "expected"),
    [(CHOICE, "proportional to D(x)²", "correct"), (CHOICE, "proportional to D(x)^2", "correct"),
     (CHOICE, "D(x)² 成正比", "correct"), (CHOICE, "A。", "correct"), (CHOICE, "a:", "correct"),
     (MULTI, "dying ReLU, vanishing gradients, NaN loss", "correct"), (MULTI, "NaN loss、dying ReLU、vanishing gradients", "correct"),
     (MULTI, "dying ReLU, vanishing gradients", "incorrect"),
     (NUMBERS, "nan", "correct"), (NUMBERS, "1", "incorrect"), (NUMBERS, "1.0", "incorrect"), (NUMBERS, "b", "correct"),
     (NUMBERS, "0.3", "invalid")],
)  # fmt: skip
def test_choice_by_shown_text_several_words_and_numeric_values(spec: dict, text: str, expected: str) -> None:
    verdict = check_answer(make("choice", spec), text, shown_order=tuple(range(len(spec["options"]))))
    assert verdict.status == expected, verdict


def test_a_typed_number_picks_the_option_with_that_value_not_a_position() -> None:
    spec = {"options": ["0.1", "0.5", "0.9", "0.01"], "correct": 1}
    for text in ("0.5", "1/2", ".5", "0.50"):
        assert status(spec, text, "choice") == "correct", text
    # "1" is the value 1, not "the first option shown" (which would be 0.5 in this order)
    verdict = check_answer(make("choice", spec), "1", shown_order=(1, 0, 2, 3))
    assert verdict.status == "invalid" and "pick one by its letter" in (verdict.reason or "")


def test_dont_know_is_the_same_in_the_tui_and_the_plain_quiz() -> None:
    from studytool.answers import session
    from studytool.answers.check import DONT_KNOW

    assert ":skip" in DONT_KNOW and session.DONT_KNOW is DONT_KNOW


@pytest.mark.parametrize(("text", "value"), [("不是", False), ("假", False), ("真", True), ("是的", True), ("没错", True),
                                             ("错的", False), ("✔️", True), ("✅", True), ("❌", False), ("correct", True),
                                             ("Incorrect.", False), ("不正确", False)])  # fmt: skip
def test_more_ways_to_say_true_or_false(text: str, value: bool) -> None:
    assert status({"value": value}, text, "truefalse") == "correct"
    assert status({"value": not value}, text, "truefalse") == "incorrect"


@pytest.mark.parametrize(
    ("value", "text", "expected"),
    [(2.5, "2½", "correct"), (1.25, "1¼", "correct"), (1, "2½", "incorrect"), (0.25, "1¼", "incorrect"),
     (0.01, "√1e-4", "correct"), (0.25, "0,250", "invalid")],
)  # fmt: skip
def test_mixed_numbers_roots_of_scientific_numbers_and_leading_zero_groups(value: float, text: str, expected: str) -> None:
    assert status({"value": value}, text) == expected


def test_the_rounding_hint_is_for_rounding_only() -> None:
    count = check_answer(make("numeric", {"value": 98816}), "98304")  # left out the biases: not a rounding slip
    assert "close" not in (count.hint or "")
    expr = check_answer(make("expression", {"expr": "1.01*x", "symbols": ["x"]}), "x")
    assert "close" not in (expr.hint or "")


@pytest.mark.parametrize(
    ("accept", "text", "expected"),
    [(["f'(x)"], "f’(x)", "correct"), (["Bayes'"], "Bayes", "correct"), (["KL(P‖Q)"], "KL(P | | Q)", "correct"),
     (["always −1"], "always 1", "incorrect"), (["x"], "x’", "incorrect")],
)  # fmt: skip
def test_cloze_curly_primes_possessives_spaced_bars_and_minus_after_a_word(accept: list[str], text: str, expected: str) -> None:
    assert status({"accept": accept}, text, "cloze") == expected


def test_more_ways_around_a_forbidden_exp_and_far_away_differences() -> None:
    spec = {"expr": "sigma(x)", "symbols": ["x"], "functions": ["sigma"], "forbid": ["exp"]}
    for text in ("1/(1+(1/e)^x)", "1/(1+sqrt(e)^(-2x))"):
        assert status(spec, text, "expression") == "invalid", text
    assert status({"expr": "3*(h*(h+x)+h)", "symbols": ["h", "x"]}, "3(h(h+x)+h)+abs(h-128)+h-128",
                  "expression") == "incorrect"  # fmt: skip


def test_a_letter_is_a_position_even_when_the_options_are_numbers() -> None:
    spec = {"options": ["0.1", "0.5", "0.9", "0.01", "2.71828"], "correct": 4}
    assert check_answer(make("choice", spec), "e", shown_order=(0, 1, 2, 3, 4)).status == "correct"
    assert check_answer(make("choice", spec), "a", shown_order=(0, 1, 2, 3, 4)).status == "incorrect"
