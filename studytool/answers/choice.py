"""Choice answers (single and multiple): shuffled per showing, answered by letter, number or text."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from typing import Any

from studytool.answers.normalize import nfkc, normalize_answer
from studytool.answers.verdict import SpecError, Verdict

_SPLIT_RE = re.compile(r"[\s,;，；、/&+]+|\band\b|和")
_LIST_RE = re.compile(r"\s*[,;，；、]\s*|\s+and\s+|和")


def options_of(spec: dict[str, Any]) -> list[Any]:
    options = spec.get("options")
    if not isinstance(options, list) or len(options) < 2:
        raise SpecError("a choice answer needs 'options': a list of at least 2")
    return options


def correct_of(spec: dict[str, Any]) -> set[int]:
    correct = spec.get("correct")
    items = correct if isinstance(correct, list) else [correct]
    n = len(options_of(spec))
    if not items or not all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c < n for c in items):
        raise SpecError(f"'correct' must be an option index 0..{n - 1} (or a list of them)")
    return set(items)


def is_multiple(spec: dict[str, Any]) -> bool:
    return bool(spec.get("multiple")) or len(correct_of(spec)) > 1


def option_text(option: Any, lang: str) -> str:
    if isinstance(option, dict):
        return str(option.get(lang) or option.get("en") or option.get("zh") or "")
    return str(option)


def letter(position: int) -> str:
    return chr(ord("a") + position) if position < 26 else str(position + 1)


def shuffle_order(spec: dict[str, Any], seed: int | str | None = None, uid: str = "") -> tuple[int, ...]:
    """The order to show options in (original indices): deterministic for a given ``seed``,
    fresh each time for ``seed=None``. ``shuffle: false`` keeps the authored order.
    """
    n = len(options_of(spec))
    order = list(range(n))
    if spec.get("shuffle", True):
        rng = random.Random(f"{seed}:{uid}") if seed is not None else random.Random()
        rng.shuffle(order)
    return tuple(order)


def _valid_order(order: Sequence[int] | None, n: int) -> tuple[int, ...]:
    if order is None:
        return tuple(range(n))
    order = tuple(int(i) for i in order)
    if sorted(order) != list(range(n)):
        raise SpecError(f"shown_order {list(order)} is not a permutation of {n} options")
    return order


def lettered(spec: dict[str, Any], lang: str, order: Sequence[int] | None = None) -> list[str]:
    """``["a) first option", "b) …"]`` in shown order."""
    options = options_of(spec)
    shown = _valid_order(order, len(options))
    return [f"{letter(pos)}) {option_text(options[i], lang)}" for pos, i in enumerate(shown)]


def expected_text(spec: dict[str, Any], lang: str, order: Sequence[int] | None = None) -> str:
    options = options_of(spec)
    shown = _valid_order(order, len(options))
    correct = correct_of(spec)
    parts = [f"{letter(pos)}) {option_text(options[i], lang)}" for pos, i in enumerate(shown) if i in correct]
    return "; ".join(parts)


def _option_keys(options: list[Any]) -> dict[str, int]:
    """Normalised option text → index, in both languages, as written and as shown (math rendered:
    ``$D(x)^2$`` is also ``D(x)²`` and ``D(x)^2``)."""
    from studytool.latex import render_math

    by_text: dict[str, int] = {}
    for i, opt in enumerate(options):
        for lang in ("zh", "en"):
            raw = option_text(opt, lang)
            for form in (raw, render_math(raw), raw.replace("$", "")):
                key = normalize_answer(form)
                if key:
                    by_text.setdefault(key, i)
    return by_text


def _number(text: str) -> float | None:
    """``text`` as a number (``0.5``, ``1/2``, ``.5``, ``nan``), or None."""
    from studytool.answers.expr import ParseError
    from studytool.answers.numeric import read_number

    t = text.strip()
    if t.casefold() == "nan":
        return math.nan
    if not any(ch.isdigit() for ch in t):  # a letter (even e) picks an option by position
        return None
    try:
        return read_number(t, {})
    except (ParseError, ArithmeticError, ValueError):
        return None


def _by_value(s: str, options: list[Any]) -> set[int] | None:
    """When every option is a number, a typed number picks the option with that value (``1`` is the
    option 1.0, not the first option; ``1/2`` and ``.5`` are 0.5). None when this does not apply."""
    values = [_number(option_text(opt, "en")) for opt in options]
    if any(v is None for v in values):
        return None
    given = _number(s)
    if given is None:
        return None
    for i, v in enumerate(values):
        if (math.isnan(given) and math.isnan(v)) or math.isclose(given, v, rel_tol=1e-9, abs_tol=1e-12):  # type: ignore[arg-type]
            return {i}
    raise ValueError(f"{s.strip()} is not one of the options; pick one by its letter")


def read_choice(text: str, spec: dict[str, Any], order: tuple[int, ...]) -> set[int]:
    """The original option indices the learner picked (raises ValueError with a reason)."""
    options = options_of(spec)
    n = len(options)
    s = nfkc(text).strip()
    if not s:
        raise ValueError("empty answer")
    by_value = _by_value(s, options)
    if by_value is not None:
        return by_value
    by_text = _option_keys(options)
    whole = normalize_answer(s)
    if whole in by_text and not (len(whole) == 1 and whole.isalpha()) and not whole.isdigit():
        return {by_text[whole]}
    # several option texts, each maybe of several words: "dying ReLU, vanishing gradients"
    pieces = [normalize_answer(p) for p in _LIST_RE.split(s) if p.strip()]
    if len(pieces) > 1 and all(p in by_text for p in pieces):
        return {by_text[p] for p in pieces}
    tokens = [t for t in _SPLIT_RE.split(s.casefold()) if t and t.strip()]
    if len(tokens) == 1 and re.fullmatch(r"[a-z]{2,26}", tokens[0]) and all(ord(c) - 97 < n for c in tokens[0]):
        tokens = list(tokens[0])  # "ac" = a and c
    picked: set[int] = set()
    for tok in tokens:
        tok = tok.strip("().）（。:：")
        if re.fullmatch(r"[a-z]", tok):
            pos = ord(tok) - ord("a")
            if pos >= n:
                raise ValueError(f"there is no option {tok} (choose {letter(0)}–{letter(n - 1)})")
        elif tok.isdigit():
            pos = int(tok) - 1
            if not 0 <= pos < n:
                raise ValueError(f"there is no option {tok} (choose 1–{n})")
        elif normalize_answer(tok) in by_text:
            picked.add(by_text[normalize_answer(tok)])
            continue
        else:
            raise ValueError(f"`{tok}` is not an option letter, number or option text")
        picked.add(order[pos])
    if not picked:
        raise ValueError("empty answer")
    return picked


def check_choice(spec: dict[str, Any], text: str, lang: str = "en", order: Sequence[int] | None = None) -> Verdict:
    options = options_of(spec)
    shown = _valid_order(order, len(options))
    correct = correct_of(spec)
    expected = expected_text(spec, lang, shown)
    try:
        picked = read_choice(text, spec, shown)
    except ValueError as exc:
        return Verdict("invalid", expected, str(exc), shown_order=shown)
    multiple = is_multiple(spec)
    if not multiple and len(picked) > 1:
        return Verdict("invalid", expected, "pick one option", shown_order=shown)
    if picked == correct:
        return Verdict("correct", expected, shown_order=shown)
    hint = None
    if multiple:
        right = len(picked & correct)
        extra = len(picked - correct)
        hint = f"{right} of {len(correct)} correct options picked"
        if extra:
            hint += f", {extra} wrong one{'s' if extra > 1 else ''} included"
    return Verdict("incorrect", expected, None, hint, shown_order=shown)
