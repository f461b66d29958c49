"""Line breaking for Chinese/Japanese text in Rich and Textual.

Rich and Textual break lines only at whitespace, so a run of Chinese (which has no spaces) is one
"word": it jumps to a new line, leaving a ragged gap, or is folded mid-way. :func:`install` swaps
the word patterns both libraries use for ones that also allow a break between CJK characters,
keeping closing punctuation (，。）」…) with the character before it and opening punctuation
(（「…) with the one after, as Chinese typesetting expects.
"""

from __future__ import annotations

import re
from typing import Any

_CJK = "\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3200-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CLOSE = "，。、；：！？）」』》】〕〉”’…—．,.;:!?)\\]"
_OPEN = "（「『《【〔〈“‘"
_UNIT = rf"[{_OPEN}]*[{_CJK}][{_CLOSE}]*|[^\s{_CJK}]+[{_CLOSE}]*"

RICH_WORD = rf"\s*(?:{_UNIT})\s*"  #: Rich's ``rich._wrap.re_word``
TEXTUAL_CHUNK = rf"(?:{_UNIT})\s*|\s+"  #: Textual's ``textual._wrap.re_chunk``

_installed = False


class _LazyPattern:
    """Stands in for ``module.name`` until text that is not ASCII comes along.

    Each CJK-aware pattern costs ≈ 2.4 ms to compile (``re`` builds a bitmap over the ≈ 40 000 CJK
    code points), and an English start-up screen has no CJK to break. ASCII text is split by the
    library's own pattern — the same words, since the CJK classes cannot match in it
    (``str.isascii`` is a flag check); the first other text compiles the CJK-aware pattern, which
    then takes this stand-in's place."""

    def __init__(self, module: Any, name: str, pattern: str) -> None:
        self._module, self._name, self._pattern = module, name, pattern
        self._plain: re.Pattern[str] = getattr(module, name)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if text.isascii():
            return self._plain.match(text, pos)
        return self._compiled().match(text, pos)

    def _compiled(self) -> re.Pattern[str]:
        compiled = re.compile(self._pattern)
        setattr(self._module, self._name, compiled)
        return compiled

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._compiled(), attr)


def install() -> None:
    """Make Rich and Textual break lines between CJK characters (idempotent)."""
    global _installed
    if _installed:
        return
    import rich._wrap
    import textual._wrap

    rich._wrap.re_word = _LazyPattern(rich._wrap, "re_word", RICH_WORD)  # type: ignore[assignment]  # a stand-in: match()
    textual._wrap.re_chunk = _LazyPattern(textual._wrap, "re_chunk", TEXTUAL_CHUNK)  # type: ignore[assignment]
    _installed = True
