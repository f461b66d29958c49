"""``$...$`` LaTeX in card text → readable Unicode for the terminal.

The symbol work (Greek letters, operators, sub/superscripts) is done by :mod:`unicodeit` (through
:mod:`studytool.unicodeit_fast`, the same replacement looked up rather than tried entry by entry); this
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
#: big operators keep one space before what follows (``\sum p`` → ``∑ p``), as LaTeX sets them apart
_BIG_OPS = frozenset({"sum", "prod", "int", "oint", "iint", "bigcup", "bigcap", "coprod"})
#: relations and binary operators: spaced on both sides when the author spaced the left
#: (``a \to b`` → ``a → b``) and on neither otherwise (``\sigma\to 0`` → ``σ→0``)
_RELATIONS = frozenset({
    "to", "approx", "le", "leq", "ge", "geq", "ne", "neq", "in", "notin", "mapsto", "sim", "simeq",
    "equiv", "propto", "rightarrow", "leftarrow", "Rightarrow", "Leftarrow", "Leftrightarrow", "iff",
    "implies", "gets", "cdot", "times", "pm", "mp", "div", "ll", "gg", "subset", "subseteq", "cup",
    "cap", "circ", "otimes", "oplus", "odot", "ast", "star", "mid", "parallel", "perp", "Vert",
})  # fmt: skip
_SPACED_COMMANDS = _RELATIONS | _BIG_OPS  # a fraction after these is not "next to a symbol"
_OP_START, _OP_END = "\x02", "\x03"  # brackets around a named operator until spacing is settled
_SEP = "\ue000"  # ends a command name where LaTeX's delimiter space was (``\lambda x`` → λx)
_SCRIPT_OPEN = {"_": "\ue001", "^": "\ue002"}  # ``_(`` / ``^(`` of a script with no Unicode form
_SCRIPT_CLOSE = "\ue003"
_TIGHT_NEXT = re.compile(r"[A-Za-z0-9](?![A-Za-z])|\\|\(|\{|\[")  # what a swallowed space would join
_NAMED_RE = re.compile(r"\\(" + "|".join(_NAMED) + r")(?![A-Za-z])")
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


def _atoms(latex: str) -> int:
    """How many symbols ``latex`` juxtaposes, not counting scripts and accents: ``2\\pi`` → 2 (so
    ``\\sqrt{2\\pi}`` is √(2π), not √2π), ``d_k`` → 1, ``\\hat v_t`` → 1."""
    s = re.sub(r"\\(?:" + "|".join(_WRAPPERS) + r")\s*\{[^{}]*\}", "W", latex)  # \\mathrm{MSE}: one word
    s = re.sub(r"[_^](?:\{[^{}]*\}|\\[A-Za-z]+|.)", "", s)
    s = re.sub(r"\\(hat|bar|tilde|vec|dot|ddot|widehat|widetilde)(?![A-Za-z])", "", s)
    return len(re.findall(r"\\[A-Za-z]+|\d+(?:\.\d+)?|[^\s{}]", s))


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
            num, den = re.sub(r"(\\partial|\\nabla)\s+", r"\1" + _SEP, num), re.sub(r"(\\partial|\\nabla)\s+", r"\1" + _SEP, den)
            simple = not (_COMPLEX.search(num.strip()) or _COMPLEX.search(den.strip()))
            frac = f"{_wrap(num)}/{_wrap(den)}" if simple else f"{_wrap(num)} / {_wrap(den)}"
            # a stacked fraction is one argument: after ``\log`` it is ``log(p/q)``, and next to a
            # symbol a spaced one is bracketed (``x((a+b) / c)``) so it does not read as ``(x(a+b))/c``
            done = "".join(out).rstrip()
            after_op = re.search(_OP_END + r"(?:[_^](?:\{[^{}]*\}|\\?\w+))*$", done)
            command = re.search(r"\\([A-Za-z]+)$", done)
            if command and command.group(1) in _SPACED_COMMANDS:
                next_to_symbol = False
            else:
                next_to_symbol = done[-1:].isalnum() or done[-1:] == ")"
            if after_op or (not simple and next_to_symbol):
                frac = f"({frac})"
            out.append(frac)
            continue
        m = re.match(r"\\x(right|left)arrow(?![A-Za-z])", s[i:])
        if m:
            arg, i = _group(s, i + len(m.group(0)))
            out.append(f" ─{_structural(arg)}→ " if m.group(1) == "right" else f" ←{_structural(arg)}─ ")
            continue
        if s.startswith("\\sqrt", i):
            i += 5
            arg, i = _group(s, i)
            inner = _structural(arg)
            out.append("√" + (f"({inner.strip()})" if _atoms(arg) > 1 else _wrap(inner)))
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
    # NFC: precomposed letters (ŷ) where they exist — terminals draw them better than combining marks
    return unicodedata.normalize("NFC", _convert(latex).replace("\\", ""))


def unsupported_commands(latex: str) -> list[str]:
    """The ``\\commands`` in ``latex`` that the renderer cannot draw — the terminal would show a bare
    or mangled name (``\\begin{array}``, a misspelt ``\\lamda``). ``studytool check`` reports them.
    Environments are named with their argument: ``begin{array}``."""
    found: set[str] = set()
    for m in re.finditer(r"\\(?:([A-Za-z]+)(?:\{([A-Za-z*]*)\})?|.)", latex, re.S):
        name, arg = m.group(1), m.group(2)
        if name in ("begin", "end"):
            if arg != "cases":
                found.add(f"{name}{{{arg or ''}}}")
        elif name and name not in _known_commands():
            found.add(name)
    return sorted(found)


#: commands this module handles itself (the rest must be known to unicodeit)
_OWN_COMMANDS = frozenset({
    "frac", "dfrac", "tfrac", "sqrt", "left", "right", "big", "Big", "bigg", "Bigg",
    *(cmd[1:] for cmd in _SPACES if cmd[1:].isalpha()),  # \quad, \qquad
    "xrightarrow", "xleftarrow", "widehat", "widetilde", "top", "intercal", "cdot", "dots", "dotsb",
    "dotsc", "dotsi", "dotsm", "dotso", "mathcal", "mathbb", "mathfrak", "mathscr", "not",
    *_WRAPPERS, *_NAMED, *_BIG_OPS, *_RELATIONS,
})  # fmt: skip


@lru_cache(maxsize=1)
def _known_commands() -> frozenset[str]:
    """Every command name the renderer draws: its own and unicodeit's."""
    from unicodeit.data import COMBININGMARKS, REPLACEMENTS

    names = {m.group(1) for key, _ in (*REPLACEMENTS, *COMBININGMARKS) if (m := re.match(r"\\([A-Za-z]+)", key))}
    return frozenset(names) | _OWN_COMMANDS


_CASES = re.compile(r"\\begin\{cases\}(.*?)\\end\{cases\}", re.S)
_BRACES = ("\ue004", "\ue005")  # literal { } of a cases block (other braces are LaTeX grouping)


def _cases(m: re.Match[str]) -> str:
    """``\\begin{cases} a & b \\\\ c & d \\end{cases}`` on one line: ``{ a if b; c if d }``."""
    rows = []
    for row in re.split(r"\\\\", m.group(1)):
        value, _, condition = (part.strip() for part in row.partition("&"))
        condition = re.sub(r"^\\text\{\s*(if|otherwise|else)\s*\}\s*", r"\\text{\1} ", condition).strip()
        if condition and not re.match(r"(?:\\text\{)?(?:if|otherwise|else)\b", condition):
            condition = "\\text{if} " + condition
        if value or condition:
            rows.append(f"{value} {condition}".strip())
    return f"{_BRACES[0]} " + "; ".join(rows) + f" {_BRACES[1]}"


def _convert(latex: str) -> str:
    """``latex`` rendered, still with the backslash of any command nothing converted."""
    from studytool import unicodeit_fast

    s = _CASES.sub(_cases, latex.strip())
    s = s.replace("\\widehat", "\\hat").replace("\\widetilde", "\\tilde")
    # accents written without braces (``\hat y``, ``\bar\theta``) → the braced form unicodeit knows
    s = re.sub(r"\\(hat|bar|tilde|vec|dot|ddot|check|breve|acute|grave|widehat|widetilde)\s+([A-Za-z0-9])", r"\\\1{\2}", s)
    s = re.sub(r"\\(hat|bar|tilde|vec|dot|ddot)(\\[A-Za-z]+)", r"\\\1{\2}", s)
    # letter styles written without braces (``\mathcal N``, ``\mathbb E``) → the braced form too
    s = re.sub(r"\\(mathcal|mathbb|mathfrak|mathscr)\s*([A-Za-z0-9])(?![A-Za-z0-9])", r"\\\1{\2}", s)
    s = re.sub(r"\\(left|right|big|Big|bigg|Bigg)(?![A-Za-z])\s*", "", s)
    s = re.sub(r"\^\{?\\(top|intercal)\}?", "^T", s)
    s = s.replace("\\|", "‖").replace("\\{", "(").replace("\\}", ")")
    for cmd, repl in _SPACES.items():
        s = s.replace(cmd, repl)
    # named operators: plain words inside a script (``n_{\min}`` → nₘᵢₙ), set off from symbols elsewhere
    s = re.sub(r"([_^]\{)([^{}]*)\}", lambda m: m.group(1) + _NAMED_RE.sub(r"\1", m.group(2)) + "}", s)
    s = _NAMED_RE.sub(_OP_START + r"\1" + _OP_END, s)
    s = _structural(s)
    s = re.sub(r"\\([A-Za-z]+) +(?=\S)", _delimiter_space, s)
    s = s.replace("\\'", "'")
    s = _unconvertible_scripts(s)
    s = unicodeit_fast.replace(s)
    s = re.sub(r"\\cdot(?![A-Za-z])", "·", s)
    s = re.sub(r"\\dots[bcimo]?(?![A-Za-z])", "…", s)  # \dots and friends that unicodeit leaves
    s = _space_named_operators(_leftover_scripts(s)).replace(_SEP, "")
    s = s.replace(_SCRIPT_OPEN["_"], "_(").replace(_SCRIPT_OPEN["^"], "^(").replace(_SCRIPT_CLOSE, ")")
    return s.replace(_BRACES[0], "{").replace(_BRACES[1], "}")


def _delimiter_space(m: re.Match[str]) -> str:
    """The spaces after a control word only end its name in LaTeX: ``\\lambda x`` is λx. They are
    kept where LaTeX would space anyway — after a big operator (``∑ p``), around a relation the author
    spaced on the left (``a → b``), before a relation or ``+ - / =`` (``π = 0.9``), before a
    word (``λ CE``) and after a sub/superscript (``∫₀^∞ x``)."""
    name, text, start = m.group(1), m.string, m.start()
    before = text[start - 1 : start]
    rest = text[m.end() :]
    if name in _BIG_OPS or before in ("_", "^"):
        return f"\\{name} "
    if name in _RELATIONS:
        return f"\\{name} " if before.isspace() else f"\\{name}{_SEP}"
    nxt = re.match(r"\\([A-Za-z]+)", rest)
    if (nxt and nxt.group(1) in _RELATIONS) or not _TIGHT_NEXT.match(rest):
        return f"\\{name} "
    return f"\\{name}{_SEP}"


#: what unicodeit can write as a sub/superscript (its own classes, less ``<`` ``>``, which it
#: turns into look-alike arrowheads), after the Greek letters below are spelled as symbols
_SCRIPTABLE = {
    "_": frozenset("0123456789+-=()aeoxjhklmnpstiruvβγρφχ−"),
    "^": frozenset("0123456789+-=()ABDEGHIJKLMNOPRTUWabcdefghijklmnoprstuvwxyzβγδφχ∫−"),
}
_SCRIPT_GREEK = {"\\beta": "β", "\\gamma": "γ", "\\rho": "ρ", "\\phi": "φ", "\\varphi": "φ", "\\chi": "χ",
                 "\\delta": "δ"}  # fmt: skip


def _unconvertible_scripts(s: str) -> str:
    """``x_{t,i}``, ``g_{\\tau,i}``: a braced script that has no complete Unicode form is written
    ``x_(t,i)`` — unicodeit would convert some characters and leave ``_,`` behind."""

    def repl(m: re.Match[str]) -> str:
        op, body = m.group(1), m.group(2)
        if len(body.replace(_SEP, "")) <= 1:
            return m.group(0)
        if re.fullmatch(r"\\[A-Za-z]+", body):  # one symbol (``_{\theta}``): unicodeit's form or ``_θ``
            return f"{op}{body}"
        spelled = re.sub(r"\\[A-Za-z]+", lambda c: _SCRIPT_GREEK.get(c.group(0), "\\"), body.replace(_SEP, ""))
        if all(ch in _SCRIPTABLE[op] for ch in spelled):
            return m.group(0)
        if re.fullmatch(r"\([^()]*\)", body):  # already bracketed: PE_(pos,2i)
            body = body[1:-1]
        return f"{_SCRIPT_OPEN[op]}{body}{_SCRIPT_CLOSE}"

    return re.sub(r"([_^])\{([^{}]*)\}", repl, s)


def _is_script(ch: str) -> bool:
    return "SUBSCRIPT" in unicodedata.name(ch, "") or "SUPERSCRIPT" in unicodedata.name(ch, "")


_LEFTOVER_SCRIPT = re.compile(r"(?:[_^](?:\([^()]*\)|[^\s(\x02\x03])|[\ue001\ue002][^\ue003]*\ue003)+")


def _space_named_operators(s: str) -> str:
    """``p log q``, ``a tanh(x)``, ``maxⱼ zⱼ``: a named operator is set off from the symbols around it
    (its own sub/superscripts stay attached); ``log(x)`` and ``(max …`` stay tight."""
    out: list[str] = []
    i = 0
    while (j := s.find(_OP_START, i)) != -1 and (k := s.find(_OP_END, j)) != -1:
        out.append(s[i:j])
        prev = out[-1][-1:] if out[-1] else (out[-2][-1:] if len(out) > 1 else "")
        if prev and (prev.isalnum() or prev in ")]|‖'′" or _is_script(prev)):
            out.append(" ")
        out.append(s[j + 1 : k])
        i = k + 1
        m = _LEFTOVER_SCRIPT.match(s, i)
        if m:
            i = m.end()
        while i < len(s) and _is_script(s[i]):
            i += 1
        out.append(s[k + 1 : i])
        nxt = s[i : i + 1]
        if nxt and (nxt.isalnum() or nxt == _OP_START or nxt in "∂∇√∑∏"):
            out.append(" ")
    out.append(s[i:])
    return "".join(out).replace(_OP_START, "").replace(_OP_END, "")


def math_spans(text: str) -> list[str]:
    """The LaTeX inside each ``$...$`` (or ``$$...$$``) span of ``text``."""
    return _MATH.findall(text) if "$" in text else []


def render_math(text: str) -> str:
    """``text`` with every ``$...$`` (and ``$$...$$``) span converted to Unicode."""
    if "$" not in text:
        return text
    return _MATH.sub(lambda m: latex_to_unicode(m.group(1)), text).replace("\\$", "$")
