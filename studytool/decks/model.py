"""The deck model: plain, immutable data classes. No I/O here (see :mod:`studytool.decks.loader`)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from studytool.errors import StudytoolError

CLOZE_BLANK = re.compile(r"\{\{(.+?)\}\}", re.S)  #: a cloze blank, `{{answer}}`

LANGS = ("zh", "en")
CARD_TYPES = ("basic", "cloze", "choice", "numeric", "expression", "truefalse")
AUTO_GRADED = ("cloze", "choice", "numeric", "expression", "truefalse")
SOURCE_SEP = " › "


@dataclass(frozen=True)
class Text:
    """A bilingual text. ``zh``/``en`` may be equal when the deck gave a plain string."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``zh`` / ``en``), falling back to the other language."""
        return (self.zh or self.en) if lang == "zh" else (self.en or self.zh)

    def both(self, sep: str = "\n") -> str:
        """Both languages (once if they are the same)."""
        return self.zh if self.zh == self.en else f"{self.zh}{sep}{self.en}"

    def as_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}

    def render(self, lang: str) -> str:
        """``lang`` is ``zh``, ``en`` or ``both``."""
        return self.both() if lang == "both" else self.get(lang)



#: The two top-level headings of the notes (a deck's :attr:`Deck.part`), with their English names.
PART_TITLES: dict[str, Text] = {
    "机器学习基础": Text("机器学习基础", "Machine learning basics"),
    "深度学习基础": Text("深度学习基础", "Deep learning basics"),
}


def part_title(part: str) -> Text:
    """The bilingual name of a part of the notes; a part without an English name keeps its heading."""
    return PART_TITLES.get(part) or Text(part, part)

@dataclass(frozen=True)
class TextList:
    """Bilingual list of short texts (interview key points)."""

    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def get(self, lang: str) -> tuple[str, ...]:
        return (self.zh or self.en) if lang == "zh" else (self.en or self.zh)

    def pairs(self) -> list[Text]:
        """Points as bilingual pairs (index-aligned)."""
        n = max(len(self.zh), len(self.en))
        return [
            Text(self.zh[i] if i < len(self.zh) else self.en[i], self.en[i] if i < len(self.en) else self.zh[i])
            for i in range(n)
        ]

    def __len__(self) -> int:
        return max(len(self.zh), len(self.en))

    def as_dict(self) -> dict[str, list[str]]:
        return {"zh": list(self.zh), "en": list(self.en)}


@dataclass(frozen=True)
class Erratum:
    """Where the notes are wrong: their claim, the correction, and the proof that shows it."""

    claim: Text
    correction: Text
    proof: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"claim": self.claim.as_dict(), "correction": self.correction.as_dict(), "proof": self.proof}

    @property
    def names_the_notes(self) -> bool:
        """Whether the claim already says whose it is ("The notes say …", "笔记说 …"): then a
        "The notes say:" label in front of it would repeat itself."""
        return self.claim.zh.lstrip().startswith("笔记") or self.claim.en.lstrip().lower().startswith(
            ("the notes", "step ")
        )


@dataclass(frozen=True)
class Card:
    """One card. ``uid`` (``deck/id``) keys all progress."""

    deck: str
    id: str
    type: str
    q: Text
    a: Text
    source: str
    proof: str | None = None
    points: TextList = field(default_factory=TextList)
    answer: dict[str, Any] | None = None
    params: dict[str, Any] = field(default_factory=dict)
    erratum: Erratum | None = None
    tags: tuple[str, ...] = ()
    file: str = ""
    line: int = 0

    @cached_property  # read for every card on every queue build: computed once per card
    def uid(self) -> str:
        return f"{self.deck}/{self.id}"

    def shown_q(self, revealed: bool = False) -> Text:
        """The question as a learner sees it: a cloze card's ``{{blanks}}`` as ``____`` — or, once
        revealed, with the missing words in **bold** (Markdown); any other card's ``q`` unchanged."""
        if self.type != "cloze":
            return self.q
        fill = r"**\1**" if revealed else "____"
        return Text(CLOZE_BLANK.sub(fill, self.q.zh), CLOZE_BLANK.sub(fill, self.q.en))

    @property
    def auto_graded(self) -> bool:
        return self.type in AUTO_GRADED

    def proof_target(self) -> tuple[str, dict[str, Any]] | None:
        """The proof this card opens and its parameters: the card's own proof with the card's
        ``params``, else its erratum's proof with that proof's defaults; None without either."""
        if self.proof:
            return self.proof, dict(self.params)
        if self.erratum is not None and self.erratum.proof:
            return self.erratum.proof, {}
        return None

    @property
    def content_hash(self) -> str:
        """Hash of what the learner sees; changes flag the card as "changed since last review"."""
        payload = json.dumps(
            [self.type, self.q.as_dict(), self.a.as_dict(), self.points.as_dict(), self.answer],
            ensure_ascii=False,
            sort_keys=True,
            default=str,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of ``studytool list --json``."""
        return {
            "uid": self.uid,
            "deck": self.deck,
            "id": self.id,
            "type": self.type,
            "tags": list(self.tags),
            "source": self.source,
            "proof": self.proof,
            "params": self.params,
            "q": self.q.as_dict(),
            "a": self.a.as_dict(),
            "points": self.points.as_dict(),
            "answer": self.answer,
            "erratum": self.erratum.as_dict() if self.erratum else None,
            "hash": self.content_hash,
            "file": self.file,
            "line": self.line,
        }


@dataclass(frozen=True)
class Deck:
    """A deck file: id, bilingual title, the notes heading it comes from, and its cards."""

    id: str
    title: Text
    source: str
    cards: tuple[Card, ...]
    tags: tuple[str, ...] = ()
    order: int = 0
    file: str = ""
    origin: str = "shipped"  # "shipped" or the user deck folder it came from

    @property
    def part(self) -> str:
        """Top level of the notes (机器学习基础 / 深度学习基础)."""
        return self.source.split(SOURCE_SEP.strip())[0].strip()


@dataclass(frozen=True)
class Problem:
    """A validation problem, located in a file (1-based line and column; 0 when unknown)."""

    file: str
    line: int
    column: int
    message: str
    card: str | None = None
    severity: str = "error"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "card": self.card,
            "message": self.message,
            "severity": self.severity,
        }

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        card = f" [{self.card}]" if self.card else ""
        return f"{where}:{card} {self.message}"


@dataclass
class Collection:
    """Every deck that loaded, and every problem found while loading."""

    decks: list[Deck] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    proof_dirs: list[Path] = field(default_factory=list)

    @property
    def cards(self) -> list[Card]:
        return [c for d in self.decks for c in d.cards]

    def card(self, uid: str) -> Card | None:
        deck_id, _, card_id = uid.partition("/")
        for deck in self.decks:
            if deck.id == deck_id:
                for card in deck.cards:
                    if card.id == card_id:
                        return card
        return None

    def deck(self, deck_id: str) -> Deck | None:
        return next((d for d in self.decks if d.id == deck_id), None)

    def require_decks(self, deck_ids: Iterable[str] | None) -> None:
        """Raise a usage error naming the known decks when any of ``deck_ids`` is not loaded."""
        known = {d.id for d in self.decks}
        missing = [d for d in deck_ids or () if d not in known]
        if missing:
            names = ", ".join(repr(d) for d in missing)
            raise StudytoolError(f"no deck {names} (known decks: {', '.join(sorted(known)) or 'none'})")

    def require_tags(self, tags: Iterable[str] | None) -> None:
        """Raise a usage error for a tag no card or deck carries (with the closest known ones): a
        misspelt ``--tag`` would otherwise select nothing and look like an empty deck."""
        wanted = list(tags or ())
        if not wanted:
            return
        import difflib

        known = {t for deck in self.decks for t in deck.tags} | {t for card in self.cards for t in card.tags}
        for tag in wanted:
            if tag not in known:
                close = difflib.get_close_matches(tag, sorted(known), n=4, cutoff=0.6)
                hint = f"did you mean: {', '.join(close)}" if close else "`studytool list --json` shows every card's tags"
                raise StudytoolError(f"no card has the tag {tag!r}; {hint}")

    def select(self, decks: Iterable[str] | None = None, tags: Iterable[str] | None = None) -> list[Card]:
        """Cards of ``decks`` carrying any of ``tags`` (a card's own or its deck's); empty = all."""
        wanted_decks, wanted_tags = set(decks or ()), set(tags or ())
        return [
            card
            for deck in self.decks
            if not wanted_decks or deck.id in wanted_decks
            for card in deck.cards
            if not wanted_tags or wanted_tags & {*card.tags, *deck.tags}
        ]
