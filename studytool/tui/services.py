"""What the screens call: the content, the study store, the proof runner, the clock.

Built once by :mod:`studytool.tui.launch` (or by tests, with fakes or a tmp database) and handed
to :class:`studytool.tui.app.StudyApp`. Screens never open files or processes themselves.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from studytool.decks.model import Card, Text
from studytool.decks.validate import Library

LANGS = ("zh", "en", "both")


def utc_now() -> datetime:
    return datetime.now(UTC)


def text_of(value: Any, lang: str) -> str:
    """A title/name/note that may be a plain string, a ``{zh, en}`` dict or a :class:`Text`."""
    if value is None:
        return ""
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, dict):
        zh, en = str(value.get("zh") or value.get("en") or ""), str(value.get("en") or value.get("zh") or "")
        if lang == "both":
            return zh if zh == en else f"{zh} / {en}"
        return zh if lang == "zh" else en
    return str(value)


class ProofRunner:
    """Runs proofs for the UI: through the proof service (cache, trust) or straight on the kernel.

    ``catalog`` and ``service`` may be given as zero-argument callables, called on first use: the
    app then reads the proof catalog only when a proof is first needed, not before its first paint.
    """

    def __init__(self, catalog: Any, kernel: Any | None, service: Any | None = None) -> None:
        self._catalog = catalog
        self.kernel = kernel
        self._service = service
        self._lock = threading.Lock()  # the first use may come from a worker thread and the UI at once

    @property
    def catalog(self) -> Any:
        if callable(self._catalog):
            with self._lock:
                if callable(self._catalog):
                    self._catalog = self._catalog()
        return self._catalog

    @property
    def service(self) -> Any | None:
        if callable(self._service):
            with self._lock:
                if callable(self._service):
                    self._service = self._service()
        return self._service

    def meta(self, proof_id: str) -> Any | None:
        return self.catalog.get(proof_id) if self.catalog is not None else None

    def run(
        self, proof_id: str, params: dict[str, Any] | None = None, use_cache: bool = True, seed: int | None = None
    ) -> dict[str, Any]:
        """Blocking: call from a thread worker. Always returns a result dict.

        ``seed`` runs the proof on other random data than its own seed draws (never cached).
        """
        try:
            if self.service is not None:
                return self.service.run(proof_id, params, use_cache=use_cache, seed=seed)
            meta = self.meta(proof_id)
            if meta is None:
                return _failure(proof_id, "error", f"no proof named {proof_id!r}")
            if self.kernel is None:
                return _failure(proof_id, "error", "the proof kernel is not running")
            if seed is None or seed == meta.seed:
                return self.kernel.run(meta, params)
            return {**self.kernel.run(replace(meta, seed=seed), params), "seed": seed}
        except Exception as exc:  # noqa: BLE001 - shown in the panel, never a crash of the UI
            return _failure(proof_id, "error", f"{type(exc).__name__}: {exc}")

    def cancel(self) -> None:
        if self.kernel is not None:
            self.kernel.cancel()


def _failure(proof_id: str, status: str, message: str) -> dict[str, Any]:
    return {
        "id": proof_id, "title": proof_id, "status": status, "checks": [], "formulas": [], "tables": [],
        "plots": [], "notes": [], "params": {}, "elapsed_ms": 0, "error": message,
    }


@dataclass
class Services:
    """Dependencies of the app (injected; tests pass fakes or a tmp database)."""

    library: Library
    study: Any
    proofs: ProofRunner
    clock: Callable[[], datetime] = utc_now
    lang: str = "zh"
    decks: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    db_path: Path | None = None
    animate: bool = True  # spinners and clocks; tests for snapshots turn them off
    quiz_feeds_scheduler: bool = True
    interview_questions: int = 8
    interview_seconds: int = 120
    quiz_questions: int = 10
    seed: int | None = None  # quiz/interview order and option shuffling (tests fix it)
    cards: list[str] = field(default_factory=list)  # exact quiz cards (``studytool quiz --card``)
    cram: bool = False  # review screen: practise without changing the schedule (``review --cram``)
    search: str | None = None  # with cram: only cards whose text contains this
    other_sessions: list[int] = field(default_factory=list)  # pids of other study sessions on this database

    def card(self, uid: str) -> Card | None:
        return self.library.collection.card(uid)

    def selected_cards(self) -> list[Card]:
        """Cards of the chosen decks/tags (all cards when none were chosen): the CLI's rule."""
        return self.library.collection.select(self.decks, self.tags)

    def equivalence(self) -> Callable[..., dict[str, Any]]:
        """Symbolic answer check that runs in the proof kernel (sympy never loads in the UI)."""
        kernel = self.proofs.kernel

        def check(
            expected: str, given: str, symbols: list[str], functions: list[str], timeout: float, positive: Sequence[str] = ()
        ) -> dict[str, Any]:  # fmt: skip
            if kernel is None:
                raise RuntimeError("the proof kernel is not running")
            return kernel.call("studytool.answers.symbolic:equivalent", expected, given, symbols, functions, timeout,
                               list(positive), timeout=timeout + 2.0)

        return check
