"""Export to Anki's text import format (tab-separated with ``#`` header lines)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from studytool.atomic import write_text
from studytool.decks.model import Deck
from studytool.interop.anki import anki_tags, deck_name, note_fields, note_guid

COLUMNS = ["guid", "deck", "question", "answer", "key points", "proof", "erratum", "source", "tags"]


def export_text(decks: Iterable[Deck], out: Path, lang: str = "both", proofs: dict[str, dict[str, Any]] | None = None) -> int:
    """Write the Anki text file; returns the number of rows."""
    buf = io.StringIO()
    buf.write("#separator:tab\n#html:true\n#guid column:1\n#deck column:2\n#tags column:9\n")
    buf.write("#columns:" + "\t".join(COLUMNS) + "\n")
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    count = 0
    for deck in decks:
        name = deck_name(deck, lang)
        for card in deck.cards:
            fields = note_fields(card, lang, (proofs or {}).get(card.proof or ""))[:-1]  # uid: the guid
            writer.writerow([note_guid(card.uid), name, *fields, " ".join(anki_tags(card))])
            count += 1
    write_text(out, buf.getvalue())
    return count
