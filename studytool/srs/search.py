"""Card search — browse and ``review --cram --search`` — free text in both languages plus ``tag:``
``deck:`` ``is:`` ``has:`` filters.

``is:due`` (due by the end of today's study day, reviews and learning steps: the queue's rule, so
it finds what home counts as due and learn; not suspended or buried) ``is:new`` ``is:suspended`` ``is:leech`` ``is:changed`` ``is:buried`` · ``has:erratum``
``has:proof`` · ``type:numeric`` · ``-term`` negates · ``"quoted phrase"``. Terms are ANDed. Text
terms also match the LaTeX source when they contain math symbols: ``σ'`` finds ``$\\sigma'(x)$``.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from studytool.decks.model import Card, Collection
from studytool.srs.queue import is_buried, is_due_today
from studytool.srs.scheduler import CardState

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
        kind = kind.lower()  # Deck:cnn, TAG:relu
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


def _is(flag: str, card: Card, state: CardState | None, now: datetime, day_starts_at: int) -> bool:
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
        return is_buried(state, now)
    if flag == "due":
        return is_due_today(state, now, day_starts_at)
    if flag in ("learning", "review"):
        return state.state in ((flag, "relearning") if flag == "learning" else (flag,))
    return False


def matches(
    card: Card, query: Query, state: CardState | None, now: datetime, deck_tags: tuple[str, ...] = (),
    deck_name: str = "", day_starts_at: int = 4,
) -> bool:  # fmt: skip
    """Whether ``card`` passes every term; ``deck:`` matches the deck's id or, anywhere in it, the
    names it is shown under (``deck_name``: titles and notes heading, lower case)."""
    for negated, kind, value in query.terms:
        if kind == "text":
            haystack = _haystack(card)
            ok = value in haystack or ((latex := _as_latex(value)) is not None and bool(latex.search(haystack)))
        elif kind == "tag":
            ok = any(t.lower() == value or t.lower().startswith(value + "/") for t in (*card.tags, *deck_tags))
        elif kind == "deck":
            ok = _deck_matches(card.deck, deck_name, value)
        elif kind == "type":
            ok = card.type == value
        elif kind == "has":
            ok = {"erratum": card.erratum is not None, "proof": card.proof_target() is not None, "points": bool(len(card.points))}[value]
        else:
            ok = _is(value, card, state, now, day_starts_at)
        if ok == negated:
            return False
    return True


def search(
    cards: list[Card], text: str, states: dict[str, CardState], now: datetime,
    deck_tags: dict[str, tuple[str, ...]] | None = None, deck_names: dict[str, str] | None = None,
    day_starts_at: int = 4,
) -> list[Card]:  # fmt: skip
    """Cards matching ``text`` (raises :class:`QueryError` for an unknown filter)."""
    query = parse_query(text)
    deck_tags = deck_tags or {}
    deck_names = deck_names or {}
    return [c for c in cards
            if matches(c, query, states.get(c.uid), now, deck_tags.get(c.deck, ()), deck_names.get(c.deck, ""),
                       day_starts_at)]  # fmt: skip


def unknown_decks(text: str, deck_names: dict[str, str]) -> list[str]:
    """The ``deck:`` values in the query ``text`` that match no deck (by id or title, as
    :func:`search` matches them): a typo would otherwise look like an empty deck."""
    try:
        query = parse_query(text)
    except QueryError:
        return []
    return [
        value for _negated, kind, value in query.terms
        if kind == "deck" and not any(_deck_matches(d, name, value) for d, name in deck_names.items())
    ]  # fmt: skip


def _deck_matches(deck_id: str, deck_name: str, value: str) -> bool:
    """``deck:value``: the id starts with it, or a title or the notes heading contains it."""
    return deck_id.lower().startswith(value) or (bool(value) and value in deck_name)


def deck_search_data(collection: Collection) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Each deck's tags and the names ``deck:`` matches (titles and notes heading, lower case)."""
    tags = {d.id: d.tags for d in collection.decks}
    names = {d.id: f"{d.title.zh}\n{d.title.en}\n{d.source}".lower() for d in collection.decks}
    return tags, names
