"""A small, safe expression language for typed answers: tokenizer, parser and AST.

Nothing here evaluates user text as Python. The tokenizer accepts only numbers, the operators
``+ - * / ^ **`` (and ``− – · ⋅ × ∗ ÷``, superscripts ``² ³ ⁻¹``), round parentheses, the card's
declared symbols, Greek letters or their names, the constants ``pi`` and ``e``, and a whitelist of
functions. Everything else raises :class:`ParseError` with a precise reason and a 1-based position.

Grammar (precedence low → high; implicit multiplication binds like ``*``)::

    sum     := product (('+' | '-') product)*
    product := unary (('*' | '/') unary | <implicit> unary)*
    unary   := ('-' | '+') unary-power | power
    power   := atom ('^' unary)?          # right-associative; -x^2 = -(x^2)
    atom    := NUMBER | SYMBOL | CONST | FUNC '(' sum ')' | '(' sum ')'

Limits: 500 characters, parentheses nested ≤ 100, constant exponents ≤ 100 in size and constant
values ≤ 1e300 — so ``9**9**9**9`` is rejected before anything tries to compute it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction

MAX_CHARS = 500
MAX_DEPTH = 100
MAX_EXPONENT = 100
MAX_MAGNITUDE_LOG10 = 300
_MAX_RECURSION = 200

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ",
    "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "omicron": "ο", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
    "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
}  # fmt: skip
GREEK_LETTER_TO_NAME = {v: k for k, v in GREEK.items()} | {"ϕ": "phi", "ς": "sigma", "ϑ": "theta"}

#: Functions every expression may use (canonical name → aliases).
BUILTIN_FUNCTIONS = {
    "exp": (), "log": ("ln",), "sqrt": (), "tanh": (), "abs": (), "sin": (), "cos": (),
    "log2": ("log_2",), "log10": ("log_10",),  # entropies in bits; log₂(8) is log2(8) after NFKC
}  # fmt: skip
#: Short ASCII spellings of declared Greek symbols (``eps`` for ε, ``lam`` for λ; a card that
#: declares the short name itself keeps it as its own symbol).
SYMBOL_ALIASES = {"epsilon": ("eps",), "lambda": ("lam",)}
#: Functions a card may declare in ``functions`` with a known meaning (canonical → aliases).
KNOWN_DECLARABLE = {"sigma": ("sigmoid",), "relu": (), "softplus": ()}
CONSTANTS = ("pi", "e")

_OPS = {"+": "+", "-": "-", "−": "-", "–": "-", "*": "*", "·": "*", "⋅": "*", "×": "*", "∗": "*",
        "/": "/", "÷": "/", "⁄": "/", "^": "^"}  # fmt: skip
_QUOTES = set("'\"`‘’“”«»")
#: a number; the exponent's minus may be typed − or – (``9.5e−7``)
_NUMBER_RE = re.compile(r"(\d+(?:\.\d+)?|\.\d+)(?:[eE]([+\-−–]?\d+))?")


class ParseError(ValueError):
    """The input is not an acceptable expression. ``pos`` is 1-based (0 when not positional)."""

    def __init__(self, reason: str, pos: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.pos = pos


# --- AST --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Num:
    value: Fraction
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Sym:
    name: str


@dataclass(frozen=True)
class Const:
    name: str  # "pi" or "e"


@dataclass(frozen=True)
class Neg:
    arg: Node


@dataclass(frozen=True)
class Bin:
    op: str  # one of + - * / ^
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    func: str
    arg: Node


Node = Num | Sym | Const | Neg | Bin | Call


# --- names ------------------------------------------------------------------------------------


def canonical_name(name: str) -> str:
    """``σ`` → ``sigma``; other names unchanged (after NFKC)."""
    name = unicodedata.normalize("NFKC", name.strip())
    return "".join(GREEK_LETTER_TO_NAME.get(ch, ch) for ch in name)


def display_name(name: str) -> str:
    """``sigma`` → ``σ`` (Greek names show as letters)."""
    return GREEK.get(name, name)


@dataclass(frozen=True)
class Scope:
    """The names an expression may use: declared symbols and functions, plus the built-ins."""

    symbols: frozenset[str] = frozenset()
    functions: frozenset[str] = frozenset()

    @classmethod
    def of(cls, symbols: Iterable[str] = (), functions: Iterable[str] = ()) -> Scope:
        funcs: set[str] = set()
        for f in functions or ():
            c = canonical_name(str(f))
            for canon, aliases in KNOWN_DECLARABLE.items():
                if c in aliases:
                    c = canon
            funcs.add(c)
        syms = {canonical_name(str(s)) for s in symbols or ()} - funcs
        return cls(frozenset(syms), frozenset(funcs))

    def spellings(self) -> dict[str, tuple[str, str]]:
        """Every accepted spelling → (kind, canonical name); kind is sym, func or const."""
        out: dict[str, tuple[str, str]] = {}

        def add(canon: str, kind: str, extra: Iterable[str] = ()) -> None:
            for spelling in (canon, *extra):
                out[spelling] = (kind, canon)
                if spelling in GREEK:
                    out[GREEK[spelling]] = (kind, canon)

        for c in CONSTANTS:
            if c not in self.symbols:
                add(c, "const")
        for f, aliases in BUILTIN_FUNCTIONS.items():
            add(f, "func", aliases)
        for f in self.functions:
            add(f, "func", KNOWN_DECLARABLE.get(f, ()))
        for s in self.symbols:
            add(s, "sym", (a for a in SYMBOL_ALIASES.get(s, ()) if a not in self.symbols))
        return out


# --- tokenizer --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # num, sym, const, func, op, lpar, rpar, end
    value: str | Fraction
    pos: int  # 1-based position in the original input
    text: str = ""


def _normalised_chars(text: str) -> list[tuple[str, int]]:
    """NFKC each character (full-width → ASCII) keeping its original 1-based position.

    A run of superscripts becomes a bracketed power (``x²`` → ``x^(2)``, ``e⁻ˣ`` → ``e^(-x)``,
    ``10⁻⁷`` → ``10^(-7)``) and a vulgar fraction a bracketed quotient (``½`` → ``(1⁄2)``; after a
    whole number it is a mixed number: ``2½`` → ``(2+1⁄2)``), so that NFKC's plain expansions
    (``x2``, ``1⁄2``) cannot change what the learner meant."""
    out: list[tuple[str, int]] = []
    in_power = False
    for i, ch in enumerate(text, start=1):
        kind = unicodedata.decomposition(ch).split(" ", 1)[0]
        if kind == "<super>":
            if not in_power:
                out += [("^", i), ("(", i)]
                in_power = True
            out += [(n, i) for n in unicodedata.normalize("NFKC", ch)]
            continue
        if in_power:
            out.append((")", i))
            in_power = False
        expanded = unicodedata.normalize("NFKC", ch)
        if kind == "<fraction>" and len(expanded) > 1:
            start = len(out)
            while start and out[start - 1][0] in "0123456789":
                start -= 1
            if start < len(out) and (start == 0 or out[start - 1][0] != "."):  # 2½ is 2 + ½, not 2·½
                out.insert(start, ("(", out[start][1]))
                out += [("+", i), *((n, i) for n in expanded), (")", i)]
                continue
            expanded = f"({expanded})"
        out += [(n, i) for n in expanded]
    if in_power:
        out.append((")", len(text) + 1))
    return out


def _roots_and_bars(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``√x`` → ``sqrt(x)`` (the root takes the parenthesised group, number or name right after
    it: ``√(2π)``, ``√10``, ``s/√B``) and ``|x|`` → ``abs(x)`` (bars paired left to right)."""
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(chars):
        ch, at = chars[i]
        if ch != "√":
            out.append((ch, at))
            i += 1
            continue
        out += [(c, at) for c in "sqrt"]
        j = i + 1
        while j < len(chars) and chars[j][0].isspace():
            j += 1
        if j < len(chars) and chars[j][0] != "(":
            k = j
            word = chars[j][0].isalpha() or chars[j][0] == "_"
            if word:
                while k < len(chars) and (chars[k][0].isalnum() or chars[k][0] == "_"):
                    k += 1
            else:  # a number, with its exponent: √1e-4
                number = _NUMBER_RE.match("".join(c for c, _ in chars[j:]))
                k = j + (len(number.group(0)) if number else 0)
            if k > j:
                out += [("(", at), *chars[j:k], (")", chars[k - 1][1])]
                i = k
                continue
        i = j
    if sum(c == "|" for c, _ in out) % 2:
        return out  # an odd number of bars: reported by the tokenizer
    paired: list[tuple[str, int]] = []
    opening = True
    for c, at in out:
        if c == "|":
            paired += [(x, at) for x in "abs("] if opening else [(")", at)]
            opening = not opening
        else:
            paired.append((c, at))
    return paired


def normalise(text: str) -> str:
    """The text the tokenizer reads: see :func:`_normalised_chars` and :func:`_roots_and_bars`."""
    return "".join(ch for ch, _ in _roots_and_bars(_normalised_chars(text)))


_ASCII_DIGITS = frozenset("0123456789")  # str.isdigit() is also true for "²", which is an operator here


def tokenize(text: str, scope: Scope) -> list[Token]:
    """Split ``text`` into tokens, rejecting anything outside the language."""
    if len(text) > MAX_CHARS:
        raise ParseError(f"input is too long ({len(text)} characters; at most {MAX_CHARS})")
    chars = _roots_and_bars(_normalised_chars(text))
    s = "".join(c for c, _ in chars)
    pos = [p for _, p in chars]
    if not s.strip():
        raise ParseError("empty answer")
    names = scope.spellings()
    tokens: list[Token] = []
    depth = 0
    opened: list[int] = []
    i = 0
    while i < len(s):
        ch, at = s[i], pos[i]
        if ch.isspace():
            i += 1
            continue
        if ch in _ASCII_DIGITS or (ch == "." and i + 1 < len(s) and s[i + 1] in _ASCII_DIGITS):
            m = _NUMBER_RE.match(s, i)
            if m is None:  # pragma: no cover - the guard above makes this unreachable
                raise ParseError(f"malformed number at {at}", at)
            number = m.group(0).replace("−", "-").replace("–", "-")
            exponent = (m.group(2) or "0").replace("−", "-").replace("–", "-")
            if abs(int(exponent)) > MAX_MAGNITUDE_LOG10:
                raise ParseError(f"number `{m.group(0)}` at {at} is too large or too small", at)
            if len(m.group(1)) > 60:
                raise ParseError(f"number at {at} has too many digits (at most 60)", at)
            end = m.end()
            if end < len(s) and s[end] == ".":
                raise ParseError(f"`.` at {pos[end]} is only allowed inside a number like 0.5", pos[end])
            tokens.append(Token("num", Fraction(number), at, m.group(0)))
            i = end
            continue
        if ch == "*" and i + 1 < len(s) and s[i + 1] == "*":
            tokens.append(Token("op", "^", at, "**"))
            i += 2
            continue
        if ch in _OPS:
            tokens.append(Token("op", _OPS[ch], at, ch))
            i += 1
            continue
        if ch == "(":
            depth += 1
            opened.append(at)
            if depth > MAX_DEPTH:
                raise ParseError(f"parentheses nested deeper than {MAX_DEPTH} levels at {at}", at)
            tokens.append(Token("lpar", "(", at, "("))
            i += 1
            continue
        if ch == ")":
            if not opened:
                raise ParseError(f"unbalanced parenthesis at {at}", at)
            depth -= 1
            opened.pop()
            tokens.append(Token("rpar", ")", at, ")"))
            i += 1
            continue
        if ch == "_" and i + 1 < len(s) and s[i + 1] == "_":
            raise ParseError(f"`__` at {at} is not allowed", at)
        if ch.isalpha() or ch == "_":
            j = i + 1
            while j < len(s) and (s[j].isalpha() or s[j] in "0123456789_"):
                j += 1
            word = s[i:j]
            if "__" in word:
                k = word.index("__")
                raise ParseError(f"`__` at {pos[i + k]} is not allowed", pos[i + k])
            tokens.extend(_split_word(word, pos[i : i + len(word)], names))
            i += len(word)
            continue
        raise ParseError(_bad_char(ch, at), at)
    if opened:
        raise ParseError(f"unbalanced parenthesis at {opened[-1]}", opened[-1])
    tokens.append(Token("end", "", (pos[-1] + 1) if pos else 1))
    return tokens


def _bad_char(ch: str, at: int) -> str:
    if ch in _QUOTES:
        return f"quotes are not allowed (`{ch}` at {at})"
    if ch in "[]{}":
        return f"only round parentheses ( ) are allowed (`{ch}` at {at})"
    if ch == ".":
        return f"`.` at {at} is only allowed inside a number like 0.5"
    if ch == ",":
        return f"`,` at {at} is not allowed: functions take one argument; write decimals with a dot"
    if ch == "=":
        return f"`=` at {at}: type only the expression, not an equation"
    if ch == "%":
        return f"`%` at {at} is not allowed in an expression"
    if ch == "|":
        return f"unpaired `|` at {at}: write an absolute value as |x| or abs(x)"
    shown = ch if ch.isprintable() else f"U+{ord(ch):04X}"
    return f"character `{shown}` at {at} is not allowed"


def _split_word(word: str, positions: list[int], names: dict[str, tuple[str, str]]) -> list[Token]:
    """Split a run of letters into known names (``sx`` → ``s``·``x``), fewest pieces first."""
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for i in range(n):
        if best[i] is None:
            continue
        for j in range(i + 1, n + 1):
            piece = word[i:j]
            if piece in names:
                cand = [*best[i], piece]  # type: ignore[misc]
                if best[j] is None or len(cand) < len(best[j]):  # type: ignore[arg-type]
                    best[j] = cand
    pieces = best[n]
    if pieces is None:
        allowed = sorted({display_name(c) for k, c in names.values() if k != "const"})
        hint = f" (allowed here: {', '.join(allowed)})" if len(allowed) <= 20 else ""
        raise ParseError(f"unknown name `{word}` at {positions[0]}{hint}", positions[0])
    out: list[Token] = []
    k = 0
    for piece in pieces:
        kind, canon = names[piece]
        out.append(Token(kind, canon, positions[k], piece))
        k += len(piece)
    return out


# --- parser -----------------------------------------------------------------------------------

_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}
_UNARY_PREC = 3


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def enter(self, tok: Token) -> None:
        self.depth += 1
        if self.depth > _MAX_RECURSION:
            raise ParseError(f"expression nested too deeply at {tok.pos}", tok.pos)

    def parse(self) -> Node:
        node = self.binary(1)
        tok = self.peek()
        if tok.kind != "end":
            raise ParseError(f"unexpected `{tok.text}` at {tok.pos}", tok.pos)
        return node

    def binary(self, min_prec: int) -> Node:
        left = self.unary()
        while True:
            tok = self.peek()
            if tok.kind == "op" and tok.value in _PREC:
                op = str(tok.value)
            elif tok.kind in ("sym", "const", "func", "lpar"):
                op = "implicit"
            elif tok.kind == "num":
                raise ParseError(f"missing operator before `{tok.text}` at {tok.pos}", tok.pos)
            else:
                return left
            prec = _PREC.get(op, 2)
            if prec < min_prec:
                return left
            if op != "implicit":
                self.take()
            self.enter(tok)
            if op == "^":
                right = self.binary(4)
                power = Bin("^", left, right)
                _check_power(power, tok.pos)
                node: Node = power
            else:
                right = self.binary(prec + 1)
                node = Bin("*" if op == "implicit" else op, left, right)
            self.depth -= 1
            left = node

    def unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "op" and tok.value in ("-", "+"):
            self.take()
            self.enter(tok)
            arg = self.binary(_UNARY_PREC)
            self.depth -= 1
            return Neg(arg) if tok.value == "-" else arg
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            return Num(tok.value, tok.text)  # type: ignore[arg-type]
        if tok.kind == "sym":
            return Sym(str(tok.value))
        if tok.kind == "const":
            return Const(str(tok.value))
        if tok.kind == "func":
            nxt = self.peek()
            if nxt.kind != "lpar":
                raise ParseError(f"`{tok.text}` is a function: write {tok.text}(…) with parentheses (at {tok.pos})", tok.pos)
            self.take()
            self.enter(tok)
            arg = self.group(nxt)
            self.depth -= 1
            return Call(str(tok.value), arg)
        if tok.kind == "lpar":
            self.enter(tok)
            node = self.group(tok)
            self.depth -= 1
            return node
        if tok.kind == "end":
            raise ParseError(f"expression ends too early (at {tok.pos})" if self.i > 1 else "empty answer", tok.pos)
        if tok.kind == "rpar":
            raise ParseError(f"missing expression before `)` at {tok.pos}", tok.pos)
        raise ParseError(f"missing operand before `{tok.text}` at {tok.pos}", tok.pos)

    def group(self, opening: Token) -> Node:
        if self.peek().kind == "rpar":
            raise ParseError(f"empty parentheses at {opening.pos}", opening.pos)
        node = self.binary(1)
        close = self.take()
        if close.kind != "rpar":
            raise ParseError(f"unexpected `{close.text}` at {close.pos}", close.pos)
        return node


def _check_power(node: Bin, pos: int) -> None:
    """Reject constant exponents or powers too large to compute."""
    import math

    from studytool.answers.evaluate import EvalError, evaluate

    if has_symbols(node.right):
        return
    try:
        exp_value = evaluate(node.right, {})
    except EvalError:
        raise ParseError(f"exponent at {pos} is too large or undefined", pos) from None
    if abs(exp_value) > MAX_EXPONENT:
        raise ParseError(f"exponent at {pos} is too large (|exponent| ≤ {MAX_EXPONENT})", pos)
    if has_symbols(node.left):
        return
    try:
        base = evaluate(node.left, {})
    except EvalError:
        raise ParseError(f"power at {pos} is too large or undefined", pos) from None
    if base != 0 and math.log10(abs(base)) * abs(exp_value) > MAX_MAGNITUDE_LOG10:
        raise ParseError(f"power at {pos} is too large (results up to 1e{MAX_MAGNITUDE_LOG10})", pos)


def degree(node: Node) -> float:
    """An upper bound of the polynomial degree (calls count as degree 1): bounds symbolic work."""
    if isinstance(node, Num | Const):
        return 0
    if isinstance(node, Sym | Call):
        return 1
    if isinstance(node, Neg):
        return degree(node.arg)
    if node.op in "+-":
        return max(degree(node.left), degree(node.right))
    if node.op in "*/":
        return degree(node.left) + degree(node.right)
    exponent = constant_value(node.right)
    base = degree(node.left)
    return base * abs(exponent) if exponent is not None else base + degree(node.right)


def constant_value(node: Node) -> float | None:
    """The value of a symbol-free node as a real float, or ``None`` (not constant / not real)."""
    from studytool.answers.evaluate import EvalError, evaluate

    if has_symbols(node):
        return None
    try:
        value = evaluate(node, {})
    except EvalError:
        return None
    if abs(value.imag) > 1e-12 * max(1.0, abs(value.real)):
        return None
    return value.real


def nodes(node: Node) -> Iterator[Node]:
    """``node`` and every node below it (depth first; iterative, so deep trees are fine)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, Neg | Call):
            stack.append(n.arg)
        elif isinstance(n, Bin):
            stack += [n.left, n.right]


def has_symbols(node: Node) -> bool:
    """Whether ``node`` mentions a declared symbol or a declared (non-builtin) function."""
    return any(
        isinstance(n, Sym)
        or (isinstance(n, Call) and n.func not in BUILTIN_FUNCTIONS and n.func not in KNOWN_DECLARABLE)
        for n in nodes(node)
    )


def parse(text: str, symbols: Iterable[str] = (), functions: Iterable[str] = ()) -> Node:
    """Parse ``text`` with the given declared symbols/functions (raises :class:`ParseError`)."""
    if not isinstance(text, str):
        raise ParseError("the answer must be text")
    scope = Scope.of(symbols, functions)
    node = _Parser(tokenize(text, scope)).parse()
    if degree(node) > MAX_EXPONENT:
        raise ParseError(f"expression is too large: its degree exceeds {MAX_EXPONENT}")
    return node


def symbols_of(node: Node) -> set[str]:
    """Declared symbols used in ``node``."""
    return {n.name for n in nodes(node) if isinstance(n, Sym)}


# --- display ----------------------------------------------------------------------------------


def _prec(node: Node) -> int:
    if isinstance(node, Bin):
        return _PREC[node.op]
    if isinstance(node, Neg):
        return _UNARY_PREC
    return 5


def to_text(node: Node, *, pretty: bool = True) -> str:
    """Canonical text that parses back to the same tree. ``pretty`` shows Greek letters."""

    def name(n: str) -> str:
        return display_name(n) if pretty else n

    def wrap(child: Node, min_prec: int) -> str:
        s = go(child)
        return f"({s})" if _prec(child) < min_prec else s

    def go(n: Node) -> str:
        if isinstance(n, Num):
            return n.text or _fraction_text(n.value)
        if isinstance(n, Sym | Const):
            return name(n.name)
        if isinstance(n, Call):
            return f"{name(n.func)}({go(n.arg)})"
        if isinstance(n, Neg):
            return "-" + wrap(n.arg, _UNARY_PREC)
        if n.op in "+-":
            return f"{wrap(n.left, 1)} {n.op} {wrap(n.right, 2)}"
        if n.op in "*/":
            return f"{wrap(n.left, 2)}{n.op}{wrap(n.right, 3)}"
        return f"{wrap(n.left, 5)}^{wrap(n.right, 3)}"

    return go(node)


def _fraction_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return repr(float(value))


def functions_of_calls(node: Node) -> set[str]:
    """Function names called by name in ``node``."""
    return {n.func for n in nodes(node) if isinstance(n, Call)}


def functions_of(node: Node) -> set[str]:
    """Function names used in ``node`` (canonical names, e.g. ``sigma``, ``exp``); a power of ``e``
    counts as ``exp`` — it is the same function, so a card that forbids one forbids both."""
    out = functions_of_calls(node)
    if any(isinstance(n, Bin) and n.op == "^" and Const("e") in nodes(n.left) and has_symbols(n.right)
           for n in nodes(node)):  # e^x, (1/e)^x, sqrt(e)^x  # fmt: skip
        out.add("exp")
    return out
