"""Line breaking for Chinese/Japanese text in Rich and Textual.

Rich and Textual break lines only at whitespace, so a run of Chinese (which has no spaces) is one
"word": it jumps to a new line, leaving a ragged gap, or is folded mid-way. :func:`install` swaps
the word patterns both libraries use for ones that also allow a break between CJK characters,
keeping closing punctuation (，。）」…) with the character before it and opening punctuation
(（「…) with the one after, as Chinese typesetting expects.
"""

from __future__ import annotations

import re

_CJK = "\u2e80-\u2fff\u3000-\u30ff\u3100-\u31ff\u3200-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CLOSE = "，。、；：！？）」』》】〕〉”’…—．,.;:!?)\\]"
_OPEN = "（「『《【〔〈“‘"
_UNIT = rf"[{_OPEN}]*[{_CJK}][{_CLOSE}]*|[^\s{_CJK}]+[{_CLOSE}]*"

RICH_WORD = re.compile(rf"\s*(?:{_UNIT})\s*")
TEXTUAL_CHUNK = re.compile(rf"(?:{_UNIT})\s*|\s+")

_installed = False


def install() -> None:
    """Make Rich and Textual break lines between CJK characters (idempotent)."""
    global _installed
    if _installed:
        return
    import rich._wrap
    import textual._wrap

    rich._wrap.re_word = RICH_WORD
    textual._wrap.re_chunk = TEXTUAL_CHUNK
    _installed = True
