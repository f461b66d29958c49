"""Typed cloze answers: the text marked ``{{...}}`` in either language, or a listed synonym."""

from __future__ import annotations

import re
from typing import Any

from studytool.answers.normalize import normalize_answer
from studytool.answers.verdict import SpecError, Verdict
from studytool.decks.model import CLOZE_BLANK as BLANK_RE

_SPLIT_RE = re.compile(r"\s*[;,，；、|]\s*")


def blanks(question: str) -> list[str]:
    """The marked answers in one language's question text."""
    return [m.strip() for m in BLANK_RE.findall(question)]


def hide_blanks(question: str) -> str:
    """The question with each ``{{...}}`` shown as ``____``."""
    return BLANK_RE.sub("____", question)


def accepted(card_q_zh: str, card_q_en: str, spec: dict[str, Any]) -> list[list[str]]:
    """For each blank, the accepted answers (both languages, plus ``accept`` for a single blank)."""
    zh, en = blanks(card_q_zh), blanks(card_q_en)
    n = max(len(zh), len(en))
    if n == 0:
        raise SpecError("a cloze card's q must mark the blank as {{answer}}")
    out = []
    for i in range(n):
        options = [b[i] for b in (zh, en) if i < len(b)]
        out.append(options)
    if n == 1:
        out[0] += [str(a) for a in spec.get("accept") or []]
    return out


def check_cloze(q_zh: str, q_en: str, spec: dict[str, Any], text: str, lang: str = "en") -> Verdict:
    per_blank = accepted(q_zh, q_en, spec)
    case = bool(spec.get("case_sensitive", False))
    primary = blanks(q_zh if lang == "zh" else q_en) or per_blank[0]
    expected = ", ".join(primary) if len(per_blank) > 1 else primary[0]
    if not text.strip():
        return Verdict("invalid", expected, "empty answer")

    def matches(given: str, options: list[str]) -> bool:
        g = normalize_answer(given, case_sensitive=case)
        return bool(g) and any(g == normalize_answer(o, case_sensitive=case) for o in options)

    if len(per_blank) == 1:
        ok = matches(text, per_blank[0])
        return Verdict("correct" if ok else "incorrect", expected)
    parts = [p for p in _SPLIT_RE.split(text.strip()) if p]
    if len(parts) != len(per_blank):
        return Verdict(
            "invalid", expected, f"this card has {len(per_blank)} blanks: give {len(per_blank)} answers separated by commas"
        )
    wrong = [i + 1 for i, (p, opts) in enumerate(zip(parts, per_blank, strict=True)) if not matches(p, opts)]
    if not wrong:
        return Verdict("correct", expected)
    hint = f"blank {', '.join(map(str, wrong))} is wrong" if len(wrong) < len(per_blank) else None
    return Verdict("incorrect", expected, None, hint)
