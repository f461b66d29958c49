"""Text normalisation for typed answers: NFKC (full-width → half-width), case, spaces, punctuation."""

from __future__ import annotations

import unicodedata

_KEEP_INSIDE = set("/.+*^=<>%")


def nfkc(text: str) -> str:
    """NFKC-normalised text (full-width letters, digits and punctuation become ASCII)."""
    return unicodedata.normalize("NFKC", text)


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def normalize_answer(text: str, *, case_sensitive: bool = False) -> str:
    """Comparable form of a short answer: NFKC, casefold, no spaces, no punctuation.

    Punctuation is dropped except ``/ . + * ^ = < > %`` (so ``1/4`` and ``0.25`` keep their meaning while ``mini-batch`` equals ``mini batch`` and ``minibatch``).
    """
    s = nfkc(text)
    s = s.replace("−", "-").replace("–", "-")
    if not case_sensitive:
        s = s.casefold()
    s = "".join(ch for ch in "".join(s.split()) if not _is_punct(ch) or ch in _KEEP_INSIDE)
    s = s.rstrip(".")
    while s.startswith(".") and not s[1:2].isdigit():
        s = s[1:]
    return s
