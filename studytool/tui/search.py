"""Browse search: free text in both languages plus ``tag:`` ``deck:`` ``is:`` ``has:`` filters.

``is:due`` ``is:new`` ``is:suspended`` ``is:leech`` ``is:changed`` ``is:buried`` · ``has:erratum``
``has:proof`` · ``type:numeric`` · ``-term`` negates · ``"quoted phrase"``. Terms are ANDed. Text
terms also match the LaTeX source when they contain math symbols: ``σ'`` finds ``$\\sigma'(x)$``.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from studytool.decks.model import Card

IS_FLAGS = ("due", "new", "suspended", "leech", "changed", "buried", "learning", "review")
HAS_FLAGS = ("erratum", "proof", "points")


class QueryError(ValueError):
    """A filter that does not exist (the message lists the ones that do)."""

    def __init__(self, kind: str, value: str, allowed: tuple[str, ...]) -> None:
        self.kind, self.value, self.allowed = kind, value, allowed
        super().__init__(f"unknown {kind}:{value} — use one of: {' '.join(f'{kind}:' + a for a in allowed)}")


@dataclass
class Query:
    terms: list[tuple[bool, str, str]] = field(default_factory=list)  # (negated, kind, value)


def parse_query(text: str) -> Query:
    try:
        tokens = shlex.split(text)
    except ValueError:
        tokens = text.split()
    query = Query()
    for token in tokens:
        negated = token.startswith("-") and len(token) > 1
        if negated:
            token = token[1:]
        kind, sep, value = token.partition(":")
        if sep and kind in ("tag", "deck", "is", "has", "type"):
            value = value.lower()
            if kind == "is" and value not in IS_FLAGS:
                raise QueryError("is", value, IS_FLAGS)
            if kind == "has" and value not in HAS_FLAGS:
                raise QueryError("has", value, HAS_FLAGS)
            query.terms.append((negated, kind, value))
        else:
            query.terms.append((negated, "text", token.lower()))
    return query


@lru_cache(maxsize=1)
def _latex_names() -> dict[str, str]:
    """Math symbol → the shortest LaTeX command that makes it (σ → ``\\sigma``), for searching the
    LaTeX source of cards with the symbols the screen shows."""
    import unicodeit.data

    names: dict[str, str] = {}
    for command, symbol in unicodeit.data.REPLACEMENTS:
        if len(symbol) == 1 and command.startswith("\\") and command[1:].isalpha() and not symbol.isascii():
            if symbol not in names or len(command) < len(names[symbol]):
                names[symbol] = command
    return names


@lru_cache(maxsize=64)
def _as_latex(needle: str) -> re.Pattern[str] | None:
    """A pattern for ``needle`` with its math symbols spelled as LaTeX commands (``∂l`` matches
    ``\\partial l``), or None if it has none."""
    names = _latex_names()
    if not any(ch in names for ch in needle):
        return None
    parts = [re.escape(names[ch].lower()) + r"(?![a-z])\s*" if ch in names else re.escape(ch) for ch in needle]
    return re.compile("".join(parts))


def _haystack(card: Card) -> str:
    parts = [card.uid, card.q.zh, card.q.en, card.a.zh, card.a.en, card.source, *card.points.zh, *card.points.en]
    return "\n".join(parts).lower()


def _is(flag: str, card: Card, state: Any, now: datetime) -> bool:
    reps = getattr(state, "reps", 0) if state is not None else 0
    if flag == "new":
        return state is None or reps == 0
    if state is None:
        return False
    if flag == "suspended":
        return bool(state.suspended)
    if flag == "leech":
        return bool(state.leech)
    if flag == "changed":
        return bool(state.last_hash and state.last_hash != card.content_hash)
    if flag == "buried":
        return bool(state.buried_until and state.buried_until > now)
    if flag == "due":
        return bool(reps and not state.suspended and state.due is not None and state.due <= now)
    if flag in ("learning", "review"):
        return state.state in ((flag, "relearning") if flag == "learning" else (flag,))
    return False


def matches(
    card: Card, query: Query, state: Any, now: datetime, deck_tags: tuple[str, ...] = (), deck_name: str = ""
) -> bool:
    """Whether ``card`` passes every term; ``deck:`` matches the deck's id or, anywhere in it, the
    names it is shown under (``deck_name``: titles and notes heading, lower case)."""
    for negated, kind, value in query.terms:
        if kind == "text":
            haystack = _haystack(card)
            ok = value in haystack or ((latex := _as_latex(value)) is not None and bool(latex.search(haystack)))
        elif kind == "tag":
            ok = any(t.lower() == value or t.lower().startswith(value + "/") for t in (*card.tags, *deck_tags))
        elif kind == "deck":
            ok = card.deck.lower().startswith(value) or (bool(value) and value in deck_name)
        elif kind == "type":
            ok = card.type == value
        elif kind == "has":
            ok = {"erratum": card.erratum is not None, "proof": bool(card.proof), "points": bool(len(card.points))}[value]
        else:
            ok = _is(value, card, state, now)
        if ok == negated:
            return False
    return True


def search(
    cards: list[Card], text: str, states: dict[str, Any], now: datetime,
    deck_tags: dict[str, tuple[str, ...]] | None = None, deck_names: dict[str, str] | None = None,
) -> list[Card]:  # fmt: skip
    """Cards matching ``text`` (raises :class:`QueryError` for an unknown filter)."""
    query = parse_query(text)
    deck_tags = deck_tags or {}
    deck_names = deck_names or {}
    return [c for c in cards
            if matches(c, query, states.get(c.uid), now, deck_tags.get(c.deck, ()), deck_names.get(c.deck, ""))]  # fmt: skip
