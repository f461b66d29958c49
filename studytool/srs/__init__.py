"""Spaced repetition: FSRS scheduling, the SQLite review store, queues, stats and portable history.

Light at import time (stdlib + ``fsrs`` only, loaded lazily by the modules that need it). The
facade for the UI is :class:`studytool.srs.study.Study`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studytool.decks.model import Collection


def orphans_problem_lines(db_path: Path, collection: Collection) -> list[str]:
    """Lines for ``studytool check``: cards with review history that no deck defines any more.

    Opens the database read-only and never creates it; returns ``[]`` when it does not exist.
    """
    from studytool.srs.store import read_only_uids

    if not Path(db_path).is_file():
        return []
    known = {c.uid for c in collection.cards}
    orphans = sorted(set(read_only_uids(Path(db_path))) - known)
    return [
        f"{db_path}: [{uid}] has review history but no deck defines it any more "
        "(orphan; history kept)"
        for uid in orphans
    ]
