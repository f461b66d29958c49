"""Choosing mock-interview questions (weighted toward weak topics) and building the report."""

from __future__ import annotations

import random
from typing import Any

from studytool.decks.model import Card


def card_weight(card: Card, weak: list[dict[str, Any]]) -> float:
    """1 for every card, plus a boost for the weakest topic (deck or tag) it belongs to: 4 × (1 −
    mastery) for a reviewed topic, 1.5 for one not reviewed yet. The largest boost, not the sum: a
    card carries its deck and several tags, and summing let one deck's cards outweigh everything."""
    boosts = [
        4.0 * (1.0 - float(topic.get("mastery") or 0.0)) if topic.get("reviewed") else 1.5
        for topic in weak
        if (card.deck == topic["topic"] if topic.get("kind") == "deck" else topic["topic"] in card.tags)
    ]
    return 1.0 + max(boosts, default=0.0)


#: each question already taken from a deck halves the weight of that deck's other cards
SAME_DECK_FACTOR = 0.5


def pick_questions(cards: list[Card], weak: list[dict[str, Any]], n: int, seed: int | None = None) -> list[Card]:
    """``n`` distinct cards, sampled with :func:`card_weight` (weighted, without replacement), each
    deck's weight halved for every question already taken from it: weak topics come up more often,
    but an interview still covers several topics.

    An interview question needs a rubric: cards with at least two key points are asked first; the
    others fill in only when there are too few of those.
    """
    rng = random.Random(seed)
    with_rubric = [c for c in cards if len(c.points) >= 2]
    pool = with_rubric if len(with_rubric) >= n else list(cards)
    base = [card_weight(c, weak) for c in pool]
    taken: dict[str, int] = {}
    chosen: list[Card] = []
    while pool and len(chosen) < n:
        weights = [w * SAME_DECK_FACTOR ** taken.get(c.deck, 0) for c, w in zip(pool, base, strict=True)]
        pick = rng.choices(range(len(pool)), weights=weights, k=1)[0]
        card = pool.pop(pick)
        base.pop(pick)
        taken[card.deck] = taken.get(card.deck, 0) + 1
        chosen.append(card)
    return chosen


WEAK = 0.67  #: below this share of key points a question is rated Hard and its topic is weak


def rating_for(score: float) -> int:
    """Scheduler rating for a question's share of key points covered."""
    return 1 if score < 0.34 else 2 if score < WEAK else 3


def build_report(answers: list[dict[str, Any]], weak_threshold: float = WEAK) -> dict[str, Any]:
    """Per-topic scores, weakest topics and cards to review from per-question results.

    Each answer: ``uid``, ``deck``, ``score`` (0..1), ``covered``/``missed`` key points, ``seconds``, ``notes``.
    """
    by_topic: dict[str, list[float]] = {}
    for a in answers:
        by_topic.setdefault(a["deck"], []).append(a["score"])
    topics = {t: round(sum(v) / len(v), 3) for t, v in by_topic.items()}
    weakest = sorted(topics, key=lambda t: (topics[t], t))[:3]
    suggested = [a["uid"] for a in sorted(answers, key=lambda a: a["score"]) if a["score"] < weak_threshold]
    overall = round(sum(a["score"] for a in answers) / len(answers), 3) if answers else 0.0
    return {
        "kind": "interview",
        "questions": answers,
        "score": overall,
        "by_topic": topics,
        "weakest": weakest,
        "suggested": suggested,
    }
