"""Text normalisation for typed answers: NFKC (full-width → half-width), case, spaces, punctuation."""

from __future__ import annotations

import re
import unicodedata

_KEEP_INSIDE = set("/.+*^=<>%")
_QUOTES = set("'\"‘’“”`")


def nfkc(text: str) -> str:
    """NFKC-normalised text (full-width letters, digits and punctuation become ASCII)."""
    return unicodedata.normalize("NFKC", text)


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def normalize_answer(text: str, *, case_sensitive: bool = False) -> str:
    """Comparable form of a short answer: NFKC, casefold, no spaces, no punctuation.

    Punctuation is dropped except ``/ . + * ^ = < > %`` (so ``1/4`` and ``0.25`` keep their meaning
    while ``mini-batch`` equals ``mini batch`` and ``minibatch``). A minus that is not a hyphen
    between two letters or digits is kept (``-x`` is not ``x``), and so is a prime after a symbol
    (``F'(x)``, ``x'``) — an apostrophe inside a word (``Newton's``) is not. ``∥`` and ``||`` are read as ``‖``.
    """
    s = nfkc(text)
    s = s.replace("−", "-").replace("–", "-").replace("∥", "‖").replace("′", "'").replace("’", "'")
    s = re.sub(r"\|\s*\|", "‖", s)  # P||Q, P | | Q: the norm bars
    if not case_sensitive:
        s = s.casefold()
    s = s.strip()
    if len(s) > 1 and s[0] in _QUOTES and s[-1] in _QUOTES:  # 'relu' typed in quotes
        s = s[1:-1]
    out = []
    for i, ch in enumerate(s):  # hyphens and primes are judged with the spaces still in place
        before, after = s[i - 1 : i], s[i + 1 : i + 2]
        if ch.isspace():
            continue
        if ch == "-":
            if not (before.isalnum() and after.isalnum()):  # mini-batch: a hyphen; "always -1", "-x": a minus
                out.append(ch)
        elif ch == "'":
            two_back = s[i - 2 : i - 1] if i >= 2 else ""
            symbol = before == ")" or (before.isalnum() and not two_back.isalpha())  # x' f'(x) σ' — not Bayes'
            if symbol and not after.isalpha():
                out.append(ch)
        elif not _is_punct(ch) or ch in _KEEP_INSIDE:
            out.append(ch)
    s = "".join(out).rstrip(".")
    while s.startswith(".") and not s[1:2].isdigit():
        s = s[1:]
    return s
