"""Today's queue and per-deck counts (pure functions over card states).

Order: learning cards due now, then reviews due today (oldest due first, per-deck review limit),
then new cards in deck order (per-deck new limit), then learning cards due within the learn-ahead
window. Suspended and buried cards are skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta
from operator import itemgetter, methodcaller

from studytool.decks.model import Card
from studytool.srs.clock import day_end
from studytool.srs.config import StudyConfig
from studytool.srs.scheduler import CardState

COUNT_KEYS = ("new", "learning", "due", "review", "suspended")


def is_buried(state: CardState | None, now: datetime) -> bool:
    return bool(state and state.buried_until and state.buried_until > now)


def is_due_today(state: CardState | None, now: datetime, day_starts_at: int) -> bool:
    """A studied card due before today's study day ends, neither suspended nor buried: a review home
    counts as due, or a learning step it counts as learn (the rule of :func:`classify`)."""
    if state is None or not state.reps or state.suspended or is_buried(state, now):
        return False
    due = (state.due or now) if state.state in ("learning", "relearning") else state.due
    return due is not None and due < day_end(now, day_starts_at)


def classify(
    cards: Iterable[Card],
    states: dict[str, CardState],
    config: StudyConfig,
    now: datetime,
    done_today: dict[str, dict[str, int]],
) -> dict[str, list]:
    """Split cards into the queue's parts (limits applied). ``done_today[deck]`` = {"new", "review"}.

    Walks every card: :mod:`studytool.srs.deck_index` gives the same queue and counts from an index;
    this is the plain rule it is tested against, and what a tag filter uses."""
    end = day_end(now, config.day_starts_at)
    ahead = now + timedelta(minutes=config.learn_ahead_minutes)
    learn_now: list[tuple[datetime, str]] = []
    learn_ahead: list[tuple[datetime, str]] = []
    learn_later: list[str] = []
    reviews: dict[str, list[tuple[datetime, str]]] = {}  # deck → (due, uid) of reviews due today
    new: dict[str, list[str]] = {}
    suspended: list[str] = []
    in_review: list[str] = []
    in_review_decks: list[str] = []  # the deck of each in_review card, for counts_from
    get_state = states.get
    add_review, add_review_deck = in_review.append, in_review_decks.append
    for card in cards:  # runs over every card (20 000+): locals only, each attribute read once
        uid = card.uid
        st = get_state(uid)
        if st is None:
            new.setdefault(card.deck, []).append(uid)
            continue
        if st.suspended:
            suspended.append(uid)
            continue
        state = st.state
        if state == "review":
            add_review(uid)
            add_review_deck(card.deck)
        buried_until = st.buried_until
        if buried_until is not None and buried_until > now:
            continue
        if st.reps == 0:
            new.setdefault(card.deck, []).append(uid)
        elif state == "learning" or state == "relearning":
            due = st.due or now
            if due <= now:
                learn_now.append((due, uid))
            elif due <= ahead:
                learn_ahead.append((due, uid))
            elif due < end:
                learn_later.append(uid)
        else:
            review_due = st.due
            if review_due is not None and review_due < end:
                reviews.setdefault(card.deck, []).append((review_due, uid))
    # each deck's oldest-due reviews up to its limit, then all of them in due order (ties: deck, uid)
    taken: list[tuple[datetime, str, str]] = []
    for deck, due_reviews_of_deck in reviews.items():
        left = max(0, config.limits(deck).reviews_per_day - done_today.get(deck, {}).get("review", 0))
        taken += [(at, deck, uid) for at, uid in sorted(due_reviews_of_deck)[:left]]
    taken.sort()
    due_reviews = [uid for _, _, uid in taken]
    new_cards: list[str] = []
    for deck, uids in new.items():
        left = max(0, config.limits(deck).new_per_day - done_today.get(deck, {}).get("new", 0))
        new_cards += uids[:left]
    return {
        "learning_now": [u for _, u in sorted(learn_now)],
        "reviews": due_reviews,
        "new": new_cards,
        "learning_ahead": [u for _, u in sorted(learn_ahead)],
        "learning_later": learn_later,
        "suspended": suspended,
        "in_review": in_review,
        "in_review_decks": in_review_decks,
    }


def queue_from(parts: dict[str, list]) -> list[str]:
    return parts["learning_now"] + parts["reviews"] + parts["new"] + parts["learning_ahead"]


def deck_of(uid: str) -> str:
    return uid.partition("/")[0]


def counts_from(parts: dict[str, list], deck_ids: Iterable[str]) -> dict[str, dict[str, int]]:
    """Per deck: new (available today), learning (due today), due (reviews due today, after limits),
    review (cards in the review state), suspended."""
    out = {d: dict.fromkeys(COUNT_KEYS, 0) for d in deck_ids}
    mapping = {
        "new": ("new",),
        "learning": ("learning_now", "learning_ahead", "learning_later"),
        "due": ("reviews",),
        "review": ("in_review",),
        "suspended": ("suspended",),
    }
    for key, part_names in mapping.items():
        for name in part_names:
            # C-level counting: "in_review" alone holds most cards of a large collection
            if f"{name}_decks" in parts:
                by_deck = Counter(parts[f"{name}_decks"])
            else:
                by_deck = Counter(map(itemgetter(0), map(methodcaller("partition", "/"), parts[name])))
            for deck, n in by_deck.items():
                row = out.setdefault(deck, dict.fromkeys(COUNT_KEYS, 0))
                row[key] += n
    return out
