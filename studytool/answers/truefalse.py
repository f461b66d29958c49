"""True/false answers: t/f, true/false, yes/no, y/n, 对/错, 是/否, √/×."""

from __future__ import annotations

from typing import Any

from studytool.answers.normalize import nfkc
from studytool.answers.verdict import SpecError, Verdict

TRUE = {"t", "true", "yes", "y", "1", "对", "是", "正确", "√", "✓", "✔", "o", "right", "correct", "真", "对的",
        "是的", "没错", "✅", "○"}  # fmt: skip
FALSE = {"f", "false", "no", "n", "0", "错", "否", "错误", "不对", "×", "✗", "✘", "x", "wrong", "incorrect", "假",
         "错的", "不是", "不正确", "❌", "❎"}  # fmt: skip


def read_bool(text: str) -> bool | None:
    s = nfkc(text).strip().casefold().rstrip(".!。！").replace("\ufe0f", "")  # ✔️: drop the emoji selector
    if s in TRUE:
        return True
    if s in FALSE:
        return False
    return None


def expected_text(value: bool, lang: str) -> str:
    if lang == "zh":
        return "对 (true)" if value else "错 (false)"
    return "true" if value else "false"


def check_truefalse(spec: dict[str, Any], text: str, lang: str = "en") -> Verdict:
    value = spec.get("value")
    if not isinstance(value, bool):
        raise SpecError("truefalse answer spec needs 'value: true' or 'value: false'")
    expected = expected_text(value, lang)
    given = read_bool(text)
    if given is None:
        return Verdict("invalid", expected, "answer true or false (t/f, yes/no, 对/错, √/×)")
    return Verdict("correct" if given == value else "incorrect", expected)
