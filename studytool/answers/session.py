"""The plain quiz loop (``studytool quiz --plain`` / ``--json``): line-based, scriptable, accessible.

For each card: show the question, read one line, check it by meaning, print the verdict, the
canonical answer and the proof's one-line summary. Correct answers are logged as Good (3),
incorrect ones as Again (1), with mode ``quiz`` (``cram`` with ``--no-schedule``: logged, but the
schedule is left alone). Invalid input is explained and asked again, never logged.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO

from studytool.answers.check import (
    DONT_KNOW,
    check_answer,
    display,
    dont_know,
    expected_answer,
    is_card_tip,
    new_showing,
)
from studytool.answers.verdict import SpecError, Verdict
from studytool.decks.model import Card, Collection
from studytool.errors import StudytoolError
from studytool.i18n import plain_lang, t, type_text
from studytool.reasons import reason_text

RATING = {"correct": 3, "incorrect": 1}
QUIT = frozenset({":q", ":quit", ":exit"})  #: typed alone on a line: the plain quiz stops (a lone q may be an answer)


class _Study(Protocol):
    def answer(
        self, uid: str, rating: int, duration_ms: int = 0, mode: str = "review", data: dict[str, Any] | None = None
    ) -> Any: ...


@dataclass
class QuizOptions:
    decks: list[str] | None = None
    tags: list[str] | None = None
    cards: list[str] | None = None
    limit: int | None = None
    seed: int | None = None
    json: bool = False
    schedule: bool = True
    lang: str = "en"
    retry: bool = False  #: ask the cards not answered correctly again, round after round (logged as cram)


@dataclass
class QuizResult:
    asked: int = 0
    correct: int = 0
    incorrect: int = 0
    invalid: int = 0
    skipped: list[str] = field(default_factory=list)
    remaining: int = 0
    logged: int = 0

    def summary(self, seed: int, mode: str) -> dict[str, Any]:
        return {
            "summary": True,
            "asked": self.asked,
            "correct": self.correct,
            "incorrect": self.incorrect,
            "invalid": self.invalid,
            "remaining": self.remaining,
            "skipped": self.skipped,
            "logged": self.logged,
            "mode": mode,
            "seed": seed,
        }


def select_cards(collection: Collection, options: QuizOptions) -> list[Card]:
    """The auto-graded cards to ask, in order (``--card`` order, else shuffled by the seed)."""
    collection.require_decks(options.decks)
    collection.require_tags(options.tags)
    if options.cards:
        cards = []
        for uid in options.cards:
            card = collection.card(uid)
            if card is None:
                raise StudytoolError(f"no card {uid!r} (see `studytool list`)")
            if not card.auto_graded:
                raise StudytoolError(f"card {uid} is a {card.type} card: it cannot be auto-graded")
            cards.append(card)
    else:
        cards = [c for c in collection.select(options.decks, options.tags) if c.auto_graded]
        random.Random(options.seed).shuffle(cards)
    if not cards:
        raise StudytoolError("no auto-graded cards match (try without --deck/--tag, or see `studytool list`)")
    return cards[: options.limit] if options.limit else cards


def proof_summary(library: Any, card: Card, lang: str) -> str | None:
    """The one-line title of the card's proof, read statically from the catalog."""
    if not card.proof or library is None:
        return None
    meta = library.catalog.get(card.proof)
    if meta is None:
        return None
    title = meta.title
    if isinstance(title, dict):
        return str(title.get(lang) or title.get("en") or title.get("zh") or "")
    return str(title)


def _readable(text: str) -> str:
    """``$...$`` LaTeX shown as Unicode (pure-Python helper of the TUI; raw text if unavailable)."""
    if "$" not in text:
        return text
    try:
        from studytool.latex import render_math
    except ImportError:  # pragma: no cover - the helper ships with the package
        return text
    try:
        return render_math(text)
    except Exception:  # noqa: BLE001 - display only: never let a formula break the quiz
        return text


def _emit_json(out: TextIO, obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()


def run_quiz(
    cards: list[Card],
    library: Any,
    study: _Study | None,
    stdin: TextIO,
    stdout: TextIO,
    options: QuizOptions,
    *,
    equivalence: Callable[..., dict[str, Any]] | None = None,
) -> QuizResult:
    """Ask ``cards`` in order; returns the tallies of that first round (the summary is printed too).

    With ``options.retry`` the cards not answered correctly are asked again, round after round,
    until every one is right or the input ends; those answers are logged as ``cram``: the first
    answer set the schedule, and a right answer seconds after seeing the solution is not recall."""
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(2**31)
    mode = "quiz" if options.schedule else "cram"
    result = QuizResult()
    plain = not options.json
    chrome = plain_lang(options.lang)

    def say(text: str = "") -> None:
        if plain:
            stdout.write(_readable(text) + "\n")
            stdout.flush()

    asker = _Asker(library, study, stdin, stdout, options, seed, say, equivalence)
    missed, eof = asker.round(cards, result, mode, 0)
    if options.json:
        _emit_json(stdout, result.summary(seed, mode))
    else:
        extra = t("plain.quiz.invalid_inputs", chrome, n=result.invalid) if result.invalid else ""
        left = t("plain.quiz.not_asked", chrome, n=result.remaining) if result.remaining else ""
        say(t("plain.quiz.score", chrome, correct=result.correct, asked=result.asked, extra=extra, left=left, seed=seed))
    number = 0  # retry rounds, numbered from 1 as in the TUI quiz
    while options.retry and missed and not eof:
        number += 1
        say(t("plain.quiz.retry", chrome, number=number, n=len(missed)))
        again = QuizResult()
        asked = missed
        missed, eof = asker.round(asked, again, "cram", number)
        result.logged += again.logged
        result.invalid += again.invalid
        still = len(missed) + again.remaining  # wrong again, or not reached before the input ended
        if options.json:
            _emit_json(stdout, {**again.summary(seed, "cram"), "round": number, "missed": still})
        else:
            key = "plain.quiz.round_stopped" if eof else "plain.quiz.round" if still else "plain.quiz.round_done"
            say(t(key, chrome, number=number, correct=again.correct, asked=again.asked, still=still))
    return result


class _Asker:
    """Asks cards one by one, checks and logs the answers (one instance per quiz, one call per round)."""

    def __init__(
        self,
        library: Any,
        study: _Study | None,
        stdin: TextIO,
        stdout: TextIO,
        options: QuizOptions,
        seed: int,
        say: Callable[[str], None],
        equivalence: Callable[..., dict[str, Any]] | None,
    ) -> None:
        self.library, self.study, self.stdin, self.stdout = library, study, stdin, stdout
        self.options, self.seed, self.say, self.equivalence = options, seed, say, equivalence

    def round(self, cards: list[Card], result: QuizResult, mode: str, number: int) -> tuple[list[Card], bool]:
        """Ask ``cards`` (``number``: 0 for the quiz itself, then the retry round); returns those not
        answered correctly, and whether the input ended."""
        options, stdout, say, lang = self.options, self.stdout, self.say, self.options.lang
        chrome = plain_lang(lang)
        plain = not options.json
        missed: list[Card] = []
        eof = False
        for index, card in enumerate(cards):
            shown = new_showing(card, f"{self.seed}:{index}" if number == 0 else f"{self.seed}:{number}:{index}")
            try:
                expected_answer(card, lang=lang, shown_order=shown)
            except SpecError as exc:
                result.skipped.append(card.uid)
                say(t("plain.quiz.skipping", chrome, uid=card.uid, error=exc))
                continue
            say(t("plain.quiz.header", chrome, i=index + 1, n=len(cards), uid=card.uid, type=type_text(card.type, chrome)))
            say(display(card, lang, shown))
            started = time.monotonic()
            verdict: Verdict | None = None
            line = ""
            while verdict is None:
                if plain:
                    stdout.write("> ")
                    stdout.flush()
                raw = self.stdin.readline()
                if not raw:
                    eof = True
                    break
                line = raw.rstrip("\r\n")
                if line.strip().lower() in QUIT:  # end the quiz here (as at the end of the input)
                    eof = True
                    break
                if line.strip() in DONT_KNOW:
                    verdict = dont_know(card, lang=lang, shown_order=shown)
                else:
                    verdict = check_answer(card, line, lang=lang, shown_order=shown, equivalence=self.equivalence)
                if verdict.status == "invalid":
                    result.invalid += 1
                    if options.json:
                        _emit_json(stdout, _record(card, line, verdict, round_number=number))
                    say(t("plain.quiz.invalid", chrome, reason=reason_text(verdict.reason, chrome)))
                    verdict = None
            if eof:
                if plain:
                    stdout.write("\n")
                break
            assert verdict is not None
            result.asked += 1
            result.correct += verdict.status == "correct"
            result.incorrect += verdict.status == "incorrect"
            if not verdict.correct:
                missed.append(card)
            if self.study is not None:
                duration = int((time.monotonic() - started) * 1000)
                self.study.answer(card.uid, RATING[verdict.status], duration, mode=mode, data=answer_data(line, verdict))
                result.logged += 1
            summary = proof_summary(self.library, card, lang)
            if options.json:
                _emit_json(stdout, _record(card, line, verdict, summary, round_number=number))
                continue
            say(t("plain.quiz.correct" if verdict.correct else "plain.quiz.incorrect", chrome, expected=verdict.expected))
            if verdict.hint:
                key = "plain.quiz.tip" if is_card_tip(card, verdict.hint) else "plain.quiz.hint"
                say(t(key, chrome, hint=reason_text(verdict.hint, chrome)))
            if verdict.reason and not verdict.correct:
                say(t("plain.quiz.reason", chrome, reason=reason_text(verdict.reason, chrome)))
            if summary:
                say(t("plain.quiz.proof", chrome, summary=summary, proof=card.proof))
        result.remaining = len(cards) - result.asked - len(result.skipped)
        return missed, eof


def _record(card: Card, text: str, verdict: Verdict, proof: str | None = None, *, round_number: int = 0) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "uid": card.uid,
        "input": text,
        "verdict": verdict.status,
        "expected": None if verdict.status == "invalid" else verdict.expected,
        "reason": verdict.reason,
        "hint": verdict.hint,
    }
    if verdict.shown_order is not None:
        obj["shown_order"] = list(verdict.shown_order)
    if proof:
        obj["proof"] = proof
    if round_number:  # a retry round (--retry), from 1
        obj["round"] = round_number
    return obj


def answer_data(text: str | None, verdict: Verdict) -> dict[str, Any]:
    """What the review log keeps of a typed answer: input, verdict and the option order shown."""
    data: dict[str, Any] = {"input": (text or "")[:500], "verdict": verdict.status}
    if verdict.shown_order is not None:
        data["shown_order"] = list(verdict.shown_order)
    return data
