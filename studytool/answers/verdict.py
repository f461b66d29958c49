"""The result of checking one typed answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STATUSES = ("correct", "incorrect", "invalid")


class SpecError(ValueError):
    """The card's own answer spec is unusable (a deck bug, not the learner's)."""


@dataclass(frozen=True)
class Verdict:
    """``status`` is correct / incorrect / invalid (invalid = not understood: ask again).

    ``expected`` is the canonical answer for display, ``reason`` says why (for invalid: what is
    wrong with the input), ``hint`` is a cheap near-miss diagnosis ("sign is wrong"), and
    ``shown_order`` is the option order of a choice card as shown (for logs and undo).
    """

    status: str
    expected: str
    reason: str | None = None
    hint: str | None = None
    shown_order: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown verdict status {self.status!r}")

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.status,
            "expected": self.expected,
            "reason": self.reason,
            "hint": self.hint,
            "shown_order": list(self.shown_order) if self.shown_order is not None else None,
        }
