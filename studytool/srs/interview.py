"""Choosing mock-interview questions (weighted toward weak topics) and building the report."""

from __future__ import annotations

import random
from typing import Any

from studytool.decks.model import Card


def card_weight(card: Card, weak: list[dict[str, Any]]) -> float:
    """1 for every card, plus more for each weak topic (deck or tag) the card belongs to."""
    weight = 1.0
    for topic in weak:
        match = card.deck == topic["topic"] if topic.get("kind") == "deck" else topic["topic"] in card.tags
        if match:
            weight += 4.0 * (1.0 - float(topic.get("mastery") or 0.0)) if topic.get("reviewed") else 1.5
    return weight


def pick_questions(cards: list[Card], weak: list[dict[str, Any]], n: int, seed: int | None = None) -> list[Card]:
    """``n`` distinct cards, sampled with :func:`card_weight` (weighted, without replacement).

    An interview question needs a rubric: cards with at least two key points are asked first; the
    others fill in only when there are too few of those.
    """
    rng = random.Random(seed)
    with_rubric = [c for c in cards if len(c.points) >= 2]
    pool = with_rubric if len(with_rubric) >= n else list(cards)
    chosen: list[Card] = []
    while pool and len(chosen) < n:
        weights = [card_weight(c, weak) for c in pool]
        pick = rng.choices(range(len(pool)), weights=weights, k=1)[0]
        chosen.append(pool.pop(pick))
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
