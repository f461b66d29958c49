"""Checking typed answers by meaning: the entry point for every auto-graded card type.

``check_answer(card, text)`` returns a :class:`Verdict`; ``display(card, lang, shown_order)`` gives
the question text as the learner should see it (lettered options, blanks as ____, allowed symbols).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from studytool.answers import choice, cloze, expression, numeric, truefalse
from studytool.answers.verdict import SpecError, Verdict
from studytool.decks.model import Card, Text

#: what a learner types for "I don't know" in a quiz (TUI and plain): a miss, and the answer is shown
DONT_KNOW = frozenset({"?", "？", ":skip", "不知道", "idk"})


def _spec(card: Card) -> dict[str, Any]:
    return dict(card.answer or {})


def check_answer(
    card: Card,
    text: str,
    *,
    lang: str = "en",
    shown_order: Sequence[int] | None = None,
    equivalence: Callable[..., dict[str, Any]] | None = None,
) -> Verdict:
    """Judge ``text`` against ``card``. Raises :class:`SpecError` for a card that cannot be graded."""
    if not isinstance(text, str):
        text = str(text)
    spec = _spec(card)
    if card.type == "numeric":
        return numeric.check_numeric(spec, text)
    if card.type == "expression":
        return expression.check_expression(spec, text, equivalence)
    if card.type == "choice":
        return choice.check_choice(spec, text, lang, shown_order)
    if card.type == "truefalse":
        return truefalse.check_truefalse(spec, text, lang)
    if card.type == "cloze":
        return cloze.check_cloze(card.q.zh, card.q.en, spec, text, lang)
    raise SpecError(f"{card.uid}: a {card.type} card is not auto-graded")


def expected_answer(card: Card, *, lang: str = "en", shown_order: Sequence[int] | None = None) -> str:
    """The canonical answer as text (what a verdict's ``expected`` says)."""
    spec = _spec(card)
    if card.type == "numeric":
        return numeric.expected_text(spec)
    if card.type == "expression":
        return expression.expected_text(spec)
    if card.type == "choice":
        return choice.expected_text(spec, lang, shown_order)
    if card.type == "truefalse":
        return truefalse.expected_text(bool(spec.get("value")), lang)
    if card.type == "cloze":
        per_blank = cloze.accepted(card.q.zh, card.q.en, spec)
        primary = cloze.blanks(card.q.get(lang)) or [b[0] for b in per_blank]
        return ", ".join(primary)
    raise SpecError(f"{card.uid}: a {card.type} card is not auto-graded")


def dont_know(card: Card, *, lang: str = "en", shown_order: Sequence[int] | None = None,
              reason: str = "not answered") -> Verdict:  # fmt: skip
    """The verdict on a :data:`DONT_KNOW` answer: incorrect, with the expected answer and the option
    order shown (kept in the review log like any other answer's)."""
    shown = tuple(shown_order) if shown_order is not None else None
    return Verdict("incorrect", expected_answer(card, lang=lang, shown_order=shown), reason, shown_order=shown)


def canonical_input(card: Card, *, lang: str = "en", shown_order: Sequence[int] | None = None) -> str:
    """An input the checker must accept as correct (used by tests and ``--json`` examples)."""
    spec = _spec(card)
    if card.type == "numeric":
        return numeric.format_number(float(spec["value"]))
    if card.type == "expression":
        return str(spec["expr"])
    if card.type == "choice":
        order = tuple(shown_order) if shown_order is not None else tuple(range(len(choice.options_of(spec))))
        correct = choice.correct_of(spec)
        return ",".join(choice.letter(pos) for pos, i in enumerate(order) if i in correct)
    if card.type == "truefalse":
        return "true" if spec.get("value") else "false"
    return expected_answer(card, lang=lang)


def new_showing(card: Card, seed: int | str | None) -> tuple[int, ...] | None:
    """Option order for one showing of a choice card (``None`` for other types; random if no seed)."""
    if card.type != "choice":
        return None
    return choice.shuffle_order(_spec(card), seed, card.uid)


def is_card_tip(card: Card, hint: str | None) -> bool:
    """Whether ``hint`` is the card's own fixed hint (a general tip shown for any wrong answer)
    rather than a diagnosis of this answer ("sign is wrong")."""
    return bool(hint) and hint == str((card.answer or {}).get("hint") or "")


def review_question(card: Card, revealed: bool = False) -> Text:
    """The question for self-graded study (review, interview): :meth:`Card.shown_q`, with a choice
    card's options listed under it (``- a) …``, in the deck's order) — "which of these is right?"
    means nothing without them."""
    q = card.shown_q(revealed)
    if card.type != "choice":
        return q
    try:
        spec = _spec(card)
        zh, en = ("\n".join(f"- {line}" for line in choice.lettered(spec, lang)) for lang in ("zh", "en"))
    except (SpecError, KeyError, TypeError, ValueError):  # a broken spec: `studytool check` reports it
        return q
    return Text(f"{q.zh}\n\n{zh}", f"{q.en}\n\n{en}")


def display(card: Card, lang: str = "en", shown_order: Sequence[int] | None = None) -> str:
    """The question as shown: lettered options in ``shown_order``, blanks as ____, allowed names."""
    q = card.q.get(lang).strip()
    spec = _spec(card)
    if card.type == "choice":
        lines = [q, *choice.lettered(spec, lang, shown_order)]
        if choice.is_multiple(spec):
            lines.append("（可多选，如 a,c）" if lang == "zh" else "(one or more, e.g. a,c)")
        return "\n".join(lines)
    if card.type == "cloze":
        return cloze.hide_blanks(q)
    if card.type == "expression":
        usage = expression.usage_line(spec, lang)
        return f"{q}\n({usage})" if usage else q
    if card.type == "truefalse":
        return f"{q}\n" + ("（对/错）" if lang == "zh" else "(true/false)")
    if card.type == "numeric" and spec.get("percent"):
        return f"{q}\n" + ("（可写百分数，如 25%）" if lang == "zh" else "(a percentage like 25% is fine)")
    return q


__all__ = ["SpecError", "Verdict", "canonical_input", "check_answer", "display", "expected_answer", "is_card_tip", "new_showing", "review_question"]
