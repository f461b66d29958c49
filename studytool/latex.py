"""``$...$`` LaTeX in card text → readable Unicode for the terminal.

The symbol work (Greek letters, operators, sub/superscripts) is done by :mod:`unicodeit`; this
module only adds what it leaves alone: ``\\frac``, ``\\sqrt``, ``\\text``-like wrappers,
``\\left``/``\\right``, named operators (``\\max``, ``\\log``), spacing commands and the braces of
sub/superscripts that have no Unicode form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MATH = re.compile(r"(?<!\\)\$\$?(.+?)(?<!\\)\$\$?", re.S)
_WRAPPERS = ("text", "mathrm", "operatorname", "mathbf", "textbf", "mathit", "textit", "boldsymbol", "mathsf", "texttt")
_NAMED = (
    "max", "min", "log", "ln", "exp", "sin", "cos", "tan", "tanh", "sigmoid", "arg", "argmax", "argmin",
    "det", "lim", "sup", "inf", "dim", "Pr", "softmax", "KL", "var", "Var", "Cov", "sign", "diag", "tr",
)
_SPACES = {r"\,": " ", r"\;": " ", r"\:": " ", r"\!": "", r"\quad": "  ", r"\qquad": "    ", "~": " "}
_COMPLEX = re.compile(r"[\s+\-−=*/,<>]")


def _group(s: str, i: int) -> tuple[str, int]:
    """The argument starting at ``s[i]``: a ``{...}`` group (balanced) or one token."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] == "{":
        depth = 0
        for j in range(i, len(s)):
            if s[j] == "{":
                depth += 1
            elif s[j] == "}":
                depth -= 1
                if depth == 0:
                    return s[i + 1 : j], j + 1
        return s[i + 1 :], len(s)
    if s[i] == "\\":
        m = re.match(r"\\[A-Za-z]+", s[i:])
        if m:
            return m.group(0), i + len(m.group(0))
    return s[i], i + 1


def _wrap(part: str) -> str:
    part = part.strip()
    return f"({part})" if _COMPLEX.search(part) else part


def _structural(s: str) -> str:
    """Rewrite ``\\frac``, ``\\sqrt`` and wrapper commands (recursively, inside out)."""
    out: list[str] = []
    i = 0
    while i < len(s):
        if s.startswith(("\\frac", "\\dfrac", "\\tfrac"), i):
            i += 5 if s.startswith("\\frac", i) else 6
            num, i = _group(s, i)
            den, i = _group(s, i)
            num, den = _structural(num), _structural(den)
            num, den = re.sub(r"(\\partial|\\nabla)\s+", r"\1", num), re.sub(r"(\\partial|\\nabla)\s+", r"\1", den)
            simple = not (_COMPLEX.search(num.strip()) or _COMPLEX.search(den.strip()))
            out.append(f"{_wrap(num)}/{_wrap(den)}" if simple else f"{_wrap(num)} / {_wrap(den)}")
            continue
        m = re.match(r"\\x(right|left)arrow(?![A-Za-z])", s[i:])
        if m:
            arg, i = _group(s, i + len(m.group(0)))
            out.append(f" ─{_structural(arg)}→ " if m.group(1) == "right" else f" ←{_structural(arg)}─ ")
            continue
        if s.startswith("\\sqrt", i):
            i += 5
            arg, i = _group(s, i)
            out.append("√" + _wrap(_structural(arg)))
            continue
        m = re.match(r"\\(" + "|".join(_WRAPPERS) + r")(?![A-Za-z])", s[i:])
        if m:
            arg, i = _group(s, i + len(m.group(0)))
            out.append(_structural(arg))
            continue
        out.append(s[i])
        i += 1
    return "".join(out)


def _leftover_scripts(s: str) -> str:
    """Sub/superscripts unicodeit could not convert: ``x_{abc}`` → ``x_(abc)``, braces dropped."""
    s = re.sub(r"([_^])\{([^{}]*)\}", lambda m: m.group(1) + (m.group(2) if len(m.group(2)) == 1 else f"({m.group(2)})"), s)
    return s.replace("{", "").replace("}", "")


@lru_cache(maxsize=4096)
def latex_to_unicode(latex: str) -> str:
    """One LaTeX math fragment as Unicode text."""
    import unicodeit

    s = latex.strip().replace("\\widehat", "\\hat").replace("\\widetilde", "\\tilde")
    # accents written without braces (``\hat y``, ``\bar\theta``) → the braced form unicodeit knows
    s = re.sub(r"\\(hat|bar|tilde|vec|dot|ddot|check|breve|acute|grave|widehat|widetilde)\s+([A-Za-z0-9])", r"\\\1{\2}", s)
    s = re.sub(r"\\(hat|bar|tilde|vec|dot|ddot)(\\[A-Za-z]+)", r"\\\1{\2}", s)
    # letter styles written without braces (``\mathcal N``, ``\mathbb E``) → the braced form too
    s = re.sub(r"\\(mathcal|mathbb|mathfrak|mathscr)\s*([A-Za-z])(?![A-Za-z])", r"\\\1{\2}", s)
    s = re.sub(r"\\(left|right|big|Big|bigg|Bigg)(?![A-Za-z])\s*", "", s)
    s = re.sub(r"\^\{?\\(top|intercal)\}?", "^T", s)
    s = s.replace("\\|", "‖").replace("\\{", "(").replace("\\}", ")")
    for cmd, repl in _SPACES.items():
        s = s.replace(cmd, repl)
    s = re.sub(r"\\(" + "|".join(_NAMED) + r")(?![A-Za-z])", r"\1", s)
    s = _structural(s)
    s = s.replace("\\'", "'")
    s = unicodeit.replace(s)
    s = re.sub(r"\\cdot(?![A-Za-z])", "·", s)
    s = re.sub(r"\\dots[bcimo]?(?![A-Za-z])", "…", s)  # \dots and friends that unicodeit leaves
    s = re.sub(r"([∂∇]) (?=\w)", r"\1", s)
    s = s.replace("∣ ", "∣")
    # NFC: precomposed letters (ŷ) where they exist — terminals draw them better than combining marks
    return unicodedata.normalize("NFC", _leftover_scripts(s).replace("\\", ""))


def render_math(text: str) -> str:
    """``text`` with every ``$...$`` (and ``$$...$$``) span converted to Unicode."""
    if "$" not in text:
        return text
    return _MATH.sub(lambda m: latex_to_unicode(m.group(1)), text).replace("\\$", "$")
