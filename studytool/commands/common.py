"""Helpers shared by sub-commands (light imports only)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studytool.errors import StudytoolError

if TYPE_CHECKING:
    from studytool.decks.model import Deck
    from studytool.decks.validate import Library


def add_common(parser: argparse.ArgumentParser) -> None:
    """Let a sub-command accept the global options (``--db``, ``--decks``, ``--debug``) too."""
    from studytool.cli import add_common as _add

    _add(parser)


def print_json(value: Any) -> None:
    """Pretty-print ``value`` as JSON on stdout (non-ASCII kept as is)."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def load_library(args: argparse.Namespace, paths: list[str] | None = None) -> Library:
    """The decks (shipped + user, or ``paths``) with cross-checks; raises on unusable paths."""
    from studytool.decks.validate import load_library as _load

    for p in paths or []:
        if not Path(p).exists():
            raise StudytoolError(f"{p}: no such file or folder")
    return _load(paths, getattr(args, "decks", None))


def select_decks(library: Library, deck_ids: list[str] | None) -> list[Deck]:
    """The library's decks, or only ``deck_ids`` (an unknown id is a usage error naming the known ones)."""
    library.collection.require_decks(deck_ids)
    return [d for d in library.collection.decks if not deck_ids or d.id in deck_ids]
