"""Helpers shared by sub-commands (light imports only)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from studytool.errors import StudytoolError


def add_common(parser: argparse.ArgumentParser) -> None:
    from studytool.cli import add_common as _add

    _add(parser)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def load_library(args: argparse.Namespace, paths: list[str] | None = None):  # noqa: ANN201
    """The decks (shipped + user, or ``paths``) with cross-checks; raises on unusable paths."""
    from studytool.decks.validate import load_library as _load

    for p in paths or []:
        from pathlib import Path

        if not Path(p).exists():
            raise StudytoolError(f"{p}: no such file or folder")
    return _load(paths, getattr(args, "decks", None))


def select_decks(library, deck_ids: list[str] | None):  # noqa: ANN001, ANN201
    """The library's decks, or only ``deck_ids`` (an unknown id is a usage error naming the known ones)."""
    decks = library.collection.decks
    if not deck_ids:
        return decks
    known = {d.id for d in decks}
    missing = [d for d in deck_ids if d not in known]
    if missing:
        raise StudytoolError(f"unknown deck {', '.join(missing)} (known: {', '.join(sorted(known))})")
    return [d for d in decks if d.id in deck_ids]
