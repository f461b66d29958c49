"""Per-deck index of the card states: today's counts and queue without walking every card.

:func:`studytool.srs.queue.classify` walks every card on every call (≈ 10 ms for 20 000 cards).
:class:`DeckIndex` keeps, per deck, what does not depend on the time — how many cards are
suspended or in review, the cards with no state in deck order — plus the due dates of the plain
review cards in a sorted list, so "due before the study day ends" is a binary search. The few cards
whose place depends on the time in other ways (learning, buried, new with a state) are kept apart
and checked one by one with the same rules as ``classify``.

The index is built once from all card states and then updated for each state the store writes
(:meth:`DeckIndex.update`); ``tests/test_srs_deck_index.py`` checks its counts and queues against
``classify``.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from heapq import merge
from itertools import islice

from studytool.decks.model import Collection
from studytool.srs.clock import day_end
from studytool.srs.config import StudyConfig
from studytool.srs.queue import COUNT_KEYS
from studytool.srs.scheduler import CardState

_LEARNING = ("learning", "relearning")


def _special(state: CardState) -> bool:
    """A state whose count depends on the time in more ways than "due before the day ends"."""
    return state.buried_until is not None or state.reps == 0 or state.state in _LEARNING


class _Deck:
    __slots__ = ("no_state", "suspended", "in_review", "due", "special")

    def __init__(self) -> None:
        self.no_state: list[tuple[int, str]] = []  # cards with no state: (position in the deck, uid), sorted
        self.suspended = 0
        self.in_review = 0
        self.due: list[tuple[datetime, str]] = []  # plain review cards: (due, uid), sorted
        self.special: dict[str, CardState] = {}


@dataclass
class _Today:
    """A deck's time-dependent cards, sorted out for one moment."""

    new: list[tuple[int, str]] = field(default_factory=list)  # (position in the deck, uid)
    learn_now: list[tuple[datetime, str]] = field(default_factory=list)
    learn_ahead: list[tuple[datetime, str]] = field(default_factory=list)
    learn_later: int = 0  # learning, due later today: counted, not queued
    reviews: list[tuple[datetime, str]] = field(default_factory=list)  # unburied again, due today


class DeckIndex:
    """Counts per deck for ``collection``'s cards, from card states updated one at a time."""

    def __init__(self, collection: Collection, states: dict[str, CardState]) -> None:
        self._deck_of: dict[str, str] = {}
        self._position: dict[str, int] = {}
        self._decks: dict[str, _Deck] = {}
        for deck in collection.decks:
            index = self._decks.setdefault(deck.id, _Deck())
            for position, card in enumerate(deck.cards):
                self._deck_of[card.uid] = deck.id
                self._position[card.uid] = position
                self._add(index, card.uid, states.get(card.uid))
        for index in self._decks.values():
            index.due.sort()

    def _add(self, index: _Deck, uid: str, state: CardState | None, keep_sorted: bool = False) -> None:
        if state is None:  # (built in deck order: already sorted; an update never adds a stateless card)
            index.no_state.append((self._position[uid], uid))
            return
        if state.suspended:
            index.suspended += 1
            return
        if state.state == "review":
            index.in_review += 1
        if _special(state):
            index.special[uid] = state
        elif state.due is not None:
            if keep_sorted:
                insort(index.due, (state.due, uid))
            else:
                index.due.append((state.due, uid))

    def _remove(self, index: _Deck, uid: str, state: CardState | None) -> bool:
        """Undo ``_add``; False when ``state`` was not what the index holds for ``uid``."""
        if state is None:
            at = bisect_left(index.no_state, (self._position[uid], uid))
            if at == len(index.no_state) or index.no_state[at][1] != uid:
                return False
            del index.no_state[at]
            return True
        if state.suspended:
            index.suspended -= 1
            return index.suspended >= 0
        if state.state == "review":
            index.in_review -= 1
        if _special(state):
            return index.special.pop(uid, None) is not None
        if state.due is not None:
            at = bisect_left(index.due, (state.due, uid))
            if at == len(index.due) or index.due[at] != (state.due, uid):
                return False
            del index.due[at]
        return True

    def update(self, old: CardState | None, new: CardState) -> bool:
        """Card ``new.uid`` changed from ``old`` (None: it had no state) to ``new``.

        Returns False when ``old`` does not match the index (it then must be rebuilt)."""
        deck = self._deck_of.get(new.uid)
        if deck is None:  # a state of a card no deck defines (an orphan): never counted
            return True
        index = self._decks[deck]
        if not self._remove(index, new.uid, old):
            return False
        self._add(index, new.uid, new, keep_sorted=True)
        return True

    def _special_today(self, index: _Deck, now: datetime, ahead: datetime, end: datetime) -> _Today:
        """Where each time-dependent card of a deck stands now (the rules of ``queue.classify``)."""
        today = _Today()
        for uid, state in index.special.items():
            if state.buried_until is not None and state.buried_until > now:
                continue
            if state.reps == 0:
                today.new.append((self._position[uid], uid))
            elif state.state in _LEARNING:
                at = state.due or now
                if at <= now:
                    today.learn_now.append((at, uid))
                elif at <= ahead:
                    today.learn_ahead.append((at, uid))
                elif at < end:
                    today.learn_later += 1
            elif state.due is not None and state.due < end:
                today.reviews.append((state.due, uid))
        return today

    def counts(
        self, config: StudyConfig, now: datetime, done_today: dict[str, dict[str, int]]
    ) -> dict[str, dict[str, int]]:
        """The same numbers as ``counts_from(classify(cards, states, config, now, done_today), decks)``."""
        end = day_end(now, config.day_starts_at)
        ahead = now + timedelta(minutes=config.learn_ahead_minutes)
        out: dict[str, dict[str, int]] = {}
        for deck, index in self._decks.items():
            today = self._special_today(index, now, ahead, end)
            new = len(index.no_state) + len(today.new)
            learning = len(today.learn_now) + len(today.learn_ahead) + today.learn_later
            due = bisect_left(index.due, (end,)) + len(today.reviews)  # due before the study day ends
            limits = config.limits(deck)
            done = done_today.get(deck, {})
            row = dict.fromkeys(COUNT_KEYS, 0)
            row["new"] = min(new, max(0, limits.new_per_day - done.get("new", 0)))
            row["due"] = min(due, max(0, limits.reviews_per_day - done.get("review", 0)))
            row["learning"] = learning
            row["review"] = index.in_review
            row["suspended"] = index.suspended
            out[deck] = row
        return out

    def queue(
        self,
        config: StudyConfig,
        now: datetime,
        done_today: dict[str, dict[str, int]],
        decks: list[str] | None = None,
    ) -> list[str]:
        """The same list as ``queue_from(classify(cards of decks, states, config, now, done_today))``:
        learning due now, reviews due today (per-deck limit, oldest first), new cards in deck order
        (per-deck limit), then learning due within the learn-ahead window."""
        end = day_end(now, config.day_starts_at)
        ahead = now + timedelta(minutes=config.learn_ahead_minutes)
        wanted = set(decks or ())
        learn_now: list[tuple[datetime, str]] = []
        learn_ahead: list[tuple[datetime, str]] = []
        reviews: list[tuple[datetime, str, str]] = []
        new: list[str] = []
        for deck, index in self._decks.items():
            if wanted and deck not in wanted:
                continue
            today = self._special_today(index, now, ahead, end)
            learn_now += today.learn_now
            learn_ahead += today.learn_ahead
            limits = config.limits(deck)
            done = done_today.get(deck, {})
            left = max(0, limits.reviews_per_day - done.get("review", 0))
            due = index.due[: bisect_left(index.due, (end,))]
            if today.reviews:
                due = sorted(due + today.reviews)
            reviews += [(at, deck, uid) for at, uid in due[:left]]
            left = max(0, limits.new_per_day - done.get("new", 0))
            if left:
                fresh = merge(index.no_state, sorted(today.new)) if today.new else iter(index.no_state)
                new += [uid for _, uid in islice(fresh, left)]
        reviews.sort()
        return (
            [uid for _, uid in sorted(learn_now)]
            + [uid for _, _, uid in reviews]
            + new
            + [uid for _, uid in sorted(learn_ahead)]
        )
