"""Export decks as an Anki package (.apkg) with genanki: one note per card, stable GUIDs."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from studytool.atomic import replacing
from studytool.decks.model import Card, Deck, part_title
from studytool.interop import html as H

MODEL_ID = 1_733_402_911  # fixed forever: Anki matches the note type by this id
FIELDS = ["Question", "Answer", "KeyPoints", "Proof", "Erratum", "Source", "Uid"]

_CSS = """
.card { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 18px; text-align: left; }
.erratum { background: #fff3cd; border-left: 4px solid #e0a800; padding: 6px; }
.proof { font-size: 14px; color: #333; border-top: 1px solid #ccc; margin-top: 8px; }
.source { font-size: 12px; color: #888; }
hr.lang { border: 0; border-top: 1px dashed #bbb; }
"""
_QFMT = "{{Question}}"
_AFMT = (
    "{{FrontSide}}<hr id=answer>{{Answer}}"
    "{{#KeyPoints}}<div class=points>{{KeyPoints}}</div>{{/KeyPoints}}"
    "{{#Erratum}}<div class=erratum>{{Erratum}}</div>{{/Erratum}}"
    "{{#Proof}}<div class=proof>{{Proof}}</div>{{/Proof}}"
    "<div class=source>{{Source}}</div>"
)


def note_guid(uid: str) -> str:
    """Stable GUID for a card uid: re-importing updates notes instead of duplicating them."""
    import genanki

    return genanki.guid_for("studytool", uid)


def deck_name(deck: Deck, lang: str) -> str:
    """Anki deck path like ``studytool::机器学习基础::激活函数``."""
    key = "en" if lang == "en" else "zh"
    part = part_title(deck.part).get(key) or "decks"
    return f"studytool::{part}::{deck.title.get(key)}"


def _stable_id(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") | (1 << 30)


def note_fields(card: Card, lang: str, proof: dict[str, Any] | None) -> list[str]:
    """The note's fields in :data:`FIELDS` order."""
    return [
        H.question_html(card, lang),
        H.answer_html(card, lang),
        H.points_html(card, lang),
        H.proof_html(proof, lang),
        H.erratum_html(card, lang),
        card.source,
        card.uid,
    ]


def anki_tags(card: Card) -> list[str]:
    """Card tags, Anki-safe (no spaces), plus the card type."""
    return [t.replace(" ", "_") for t in (*card.tags, f"type::{card.type}")]


def export_apkg(
    decks: Iterable[Deck],
    out: Path,
    lang: str = "both",
    proofs: dict[str, dict[str, Any]] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write an .apkg to ``out``; returns the number of notes."""
    import genanki

    model = genanki.Model(
        MODEL_ID,
        "studytool card",
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Card 1", "qfmt": _QFMT, "afmt": _AFMT}],
        css=_CSS,
    )
    anki_decks = []
    count = 0
    for deck in decks:
        name = deck_name(deck, lang)
        anki_deck = genanki.Deck(_stable_id(name), name)
        for card in deck.cards:
            result = (proofs or {}).get(card.proof or "")
            note = genanki.Note(model=model, fields=note_fields(card, lang, result), tags=anki_tags(card), guid=note_guid(card.uid))
            anki_deck.add_note(note)
            count += 1
            if progress:
                progress(count)
        anki_decks.append(anki_deck)
    with replacing(out) as tmp:
        genanki.Package(anki_decks).write_to_file(str(tmp))
    return count
