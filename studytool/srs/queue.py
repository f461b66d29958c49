"""Today's queue and per-deck counts (pure functions over card states).

Order: learning cards due now, then reviews due today (oldest due first, per-deck review limit),
then new cards in deck order (per-deck new limit), then learning cards due within the learn-ahead
window. Suspended and buried cards are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from studytool.decks.model import Card
from studytool.srs.clock import day_end
from studytool.srs.config import StudyConfig
from studytool.srs.scheduler import CardState

COUNT_KEYS = ("new", "learning", "due", "review", "suspended")


def is_buried(state: CardState | None, now: datetime) -> bool:
    return bool(state and state.buried_until and state.buried_until > now)


def classify(
    cards: Iterable[Card],
    states: dict[str, CardState],
    config: StudyConfig,
    now: datetime,
    done_today: dict[str, dict[str, int]],
) -> dict[str, list]:
    """Split cards into the queue's parts (limits applied). ``done_today[deck]`` = {"new", "review"}."""
    end = day_end(now, config.day_starts_at)
    ahead = now + timedelta(minutes=config.learn_ahead_minutes)
    learn_now: list[tuple[datetime, str]] = []
    learn_ahead: list[tuple[datetime, str]] = []
    learn_later: list[str] = []
    reviews: list[tuple[datetime, str, str]] = []
    new: dict[str, list[str]] = {}
    suspended: list[str] = []
    in_review: list[str] = []
    for card in cards:
        st = states.get(card.uid)
        if st and st.suspended:
            suspended.append(card.uid)
            continue
        if st and st.state == "review":
            in_review.append(card.uid)
        if is_buried(st, now):
            continue
        if st is None or st.reps == 0:
            new.setdefault(card.deck, []).append(card.uid)
        elif st.state in ("learning", "relearning"):
            due = st.due or now
            if due <= now:
                learn_now.append((due, card.uid))
            elif due <= ahead:
                learn_ahead.append((due, card.uid))
            elif due < end:
                learn_later.append(card.uid)
        elif st.due is not None and st.due < end:
            reviews.append((st.due, card.deck, card.uid))
    taken: dict[str, int] = {}
    due_reviews: list[str] = []
    for _due, deck, uid in sorted(reviews):
        left = config.limits(deck).reviews_per_day - done_today.get(deck, {}).get("review", 0)
        if taken.get(deck, 0) < left:
            taken[deck] = taken.get(deck, 0) + 1
            due_reviews.append(uid)
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
            for uid in parts[name]:
                row = out.setdefault(deck_of(uid), dict.fromkeys(COUNT_KEYS, 0))
                row[key] += 1
    return out
