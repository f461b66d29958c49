"""Checks across decks: card sources name real headings, proofs exist and accept the card's params.

Pure core: reads proof metadata statically (:mod:`studytool.proofs.catalog`), runs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studytool.decks.loader import load_collection, split_source
from studytool.decks.model import SOURCE_SEP, Collection, Problem
from studytool.decks.notes import read_headings_file
from studytool.paths import shipped_content_dir, user_deck_dirs
from studytool.proofs.api import ParamError, resolve_params
from studytool.proofs.catalog import Catalog, scan


@dataclass
class Library:
    """Everything the app needs from the content: decks, proofs, headings, problems."""

    collection: Collection
    catalog: Catalog
    headings: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return self.collection.problems

    def uncovered_headings(self) -> list[str]:
        """Headings of the notes that no card's ``source`` names."""
        covered = {SOURCE_SEP.join(split_source(c.source)) for c in self.collection.cards}
        return [h for h in self.headings if h not in covered]


def deck_sources(paths: list[str] | None = None, decks: list[str] | None = None) -> list[tuple[Path, str]]:
    """Folders/files to load: explicit ``paths``, else shipped content plus user deck folders."""
    if paths:
        return [(Path(p), "user") for p in paths]
    sources = [(shipped_content_dir(), "shipped")]
    sources += [(d, str(d)) for d in user_deck_dirs(decks)]
    return sources


def load_library(paths: list[str] | None = None, decks: list[str] | None = None) -> Library:
    """Load decks and proof metadata, then cross-check them."""
    collection = load_collection(deck_sources(paths, decks))
    proof_dirs = dict.fromkeys(d.resolve() for d in [shipped_content_dir() / "proofs", *collection.proof_dirs])
    catalog = scan(list(proof_dirs))
    headings = read_headings_file(shipped_content_dir() / "headings.txt")
    library = Library(collection, catalog, headings)
    cross_check(library)
    return library


def cross_check(library: Library) -> None:
    """Append cross-deck problems (sources, proofs, params) to the collection's problem list."""
    problems = library.collection.problems
    for cp in library.catalog.problems:
        problems.append(Problem(cp.file, cp.line, 0, cp.message))
    known = set(library.headings)
    for deck in library.collection.decks:
        shipped = deck.origin == "shipped"
        if shipped and known and SOURCE_SEP.join(split_source(deck.source)) not in known:
            problems.append(Problem(deck.file, 1, 1, f"deck source {deck.source!r} is not a heading of the notes"))
        for card in deck.cards:
            where = (card.file, card.line, 0)
            if shipped and known and SOURCE_SEP.join(split_source(card.source)) not in known:
                problems.append(
                    Problem(*where, f"source {card.source!r} is not a heading path of the notes (see content/headings.txt)", card.uid)
                )
            for proof_id, label in ((card.proof, "proof"), (card.erratum.proof if card.erratum else None, "erratum proof")):
                if proof_id is None:
                    continue
                meta = library.catalog.get(proof_id)
                if meta is None:
                    problems.append(Problem(*where, f"{label} {proof_id!r} does not exist", card.uid))
                    continue
                if label == "proof":
                    try:
                        resolve_params(meta.params, card.params)
                    except ParamError as exc:
                        problems.append(Problem(*where, f"params: {exc}", card.uid))
            if card.proof is None and card.params:
                problems.append(Problem(*where, "params given but the card names no proof", card.uid))

