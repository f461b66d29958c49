"""Checks across decks: card sources name real headings, proofs exist and accept the card's params.

Pure core: reads proof metadata statically (:mod:`studytool.proofs.catalog`), runs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from studytool.decks import snapshot
from studytool.decks.loader import deck_files, load_collection, split_source
from studytool.decks.model import SOURCE_SEP, Collection, Problem
from studytool.decks.notes import read_headings_file
from studytool.paths import shipped_content_dir, user_deck_dirs

if TYPE_CHECKING:
    from studytool.proofs.catalog import Catalog


@dataclass
class Library:
    """Everything the app needs from the content: decks, proofs, headings, problems.

    The proof catalog is read on first use: a warm start (see :mod:`studytool.decks.snapshot`)
    already knows every problem and shows no proof before the first paint."""

    collection: Collection
    proof_dirs: list[Path]
    headings: list[str] = field(default_factory=list)
    _catalog: Catalog | None = field(default=None, repr=False, compare=False)

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from studytool.proofs.catalog import scan

            self._catalog = scan(self.proof_dirs)
        return self._catalog

    @property
    def problems(self) -> list[Problem]:
        return self.collection.problems

    def uncovered_headings(self) -> list[str]:
        """Headings of the notes that no card's ``source`` names."""
        covered = {SOURCE_SEP.join(split_source(c.source)) for c in self.collection.cards}
        return [h for h in self.headings if h not in covered]

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "_catalog": None}  # a snapshot holds no catalog: it is re-read on use


def deck_sources(paths: list[str] | None = None, decks: list[str] | None = None) -> list[tuple[Path, str]]:
    """Folders/files to load: explicit ``paths``, else shipped content plus user deck folders."""
    if paths:
        return [(Path(p), "user") for p in paths]
    sources = [(shipped_content_dir(), "shipped")]
    sources += [(d, str(d)) for d in user_deck_dirs(decks)]
    return sources


def proof_dirs_of(sources: list[tuple[Path, str]]) -> list[Path]:
    """The proof folders of a library: the shipped one, then ``proofs/`` of each deck folder."""
    folders = [shipped_content_dir() / "proofs", *(folder / "proofs" for folder, _ in sources if folder.is_dir())]
    return list(dict.fromkeys(d.resolve() for d in folders))


def load_library(paths: list[str] | None = None, decks: list[str] | None = None) -> Library:
    """Load decks and proof metadata, then cross-check them — or take the snapshot of the last load
    when none of its input files changed."""
    sources = deck_sources(paths, decks)
    proof_dirs = proof_dirs_of(sources)
    headings_file = shipped_content_dir() / "headings.txt"
    inputs = [(folder, origin, [folder] if folder.is_file() else deck_files(folder)) for folder, origin in sources]
    key = snapshot.fingerprint(inputs, proof_dirs, [headings_file])
    names = [f"{origin}:{folder}" for folder, origin in sources]
    library = snapshot.load(names, key)
    if isinstance(library, Library):
        import gc

        gc.freeze()  # as load_collection does: the decks live as long as the app
        return library
    library = Library(load_collection(sources), proof_dirs, read_headings_file(headings_file))
    cross_check(library)
    snapshot.store(names, key, library)
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
                    from studytool.proofs.api import ParamError, resolve_params

                    try:
                        resolve_params(meta.params, card.params)
                    except ParamError as exc:
                        problems.append(Problem(*where, f"params: {exc}", card.uid))
            if card.proof is None and card.params:
                problems.append(Problem(*where, "params given but the card names no proof", card.uid))

