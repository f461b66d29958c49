"""Helpers shared by sub-commands (light imports only)."""

from __future__ import annotations

import argparse
import json
import os
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


def load_library(args: argparse.Namespace, paths: list[str] | None = None, *, warn: bool = True) -> Library:
    """The decks (shipped + user, or ``paths``) with cross-checks; raises on unusable paths.

    With ``warn``, deck problems (a broken user deck, a mistyped ``--decks`` folder) are summed up
    on stderr — otherwise the cards of a broken deck would just be missing, without a word."""
    from studytool.decks.validate import load_library as _load

    for p in paths or []:
        if not Path(p).exists():
            raise StudytoolError(f"{p}: no such file or folder")
    library = _load(paths, getattr(args, "decks", None))
    if warn and library.problems:
        n = len(library.problems)
        more = f" (and {n - 1} more)" if n > 1 else ""
        print(f"studytool: warning: {library.problems[0]}{more}; `studytool check` lists every problem",
              file=sys.stderr)  # fmt: skip
    return library


def select_decks(library: Library, deck_ids: list[str] | None) -> list[Deck]:
    """The library's decks, or only ``deck_ids`` (an unknown id is a usage error naming the known ones)."""
    library.collection.require_decks(deck_ids)
    return [d for d in library.collection.decks if not deck_ids or d.id in deck_ids]


SQLITE_MAGIC = b"SQLite format 3\x00"


def counted(n: int, noun: str) -> str:
    """``1 card``, ``2 cards`` (regular English plurals only)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def output_path(raw: str, args: argparse.Namespace, *, replace: bool = True, source: Path | None = None) -> Path:
    """The file a command writes with ``-o``, checked before anything is written: not a folder,
    never the review database (or any SQLite file), never the ``source`` being read, and — unless
    ``replace`` — not an existing file."""
    from studytool.paths import db_path

    out = Path(raw).expanduser()
    if out.is_dir():
        raise StudytoolError(f"{out} is a folder; give a file name with -o")
    if out.parent.exists() and not out.parent.is_dir():
        raise StudytoolError(f"cannot write {out}: {out.parent} is a file, not a folder")
    if not out.parent.exists():  # a typo in the path must not create folders (as `>` would not)
        raise StudytoolError(f"cannot write {out}: there is no folder {out.parent}; create it first or fix the path")
    from studytool.atomic import is_special

    if is_special(out):  # /dev/stdout and friends: written through, never replaced
        return out
    real = Path(os.path.realpath(out))
    if source is not None and real == Path(os.path.realpath(source)):
        raise StudytoolError(f"{out} is the file being read; write the result to another file")
    db = db_path(getattr(args, "db", None))
    if real in {Path(os.path.realpath(f"{db}{suffix}")) for suffix in ("", "-wal", "-shm", "-journal")}:
        raise StudytoolError(f"{out} is the review database; choose another file for -o")
    if real.is_file():
        try:
            with open(real, "rb") as fh:
                head = fh.read(16)
        except OSError:
            head = b""
        if head == SQLITE_MAGIC:
            raise StudytoolError(f"{out} is an SQLite database (maybe a review database); choose another file for -o")
        if not replace:
            raise StudytoolError(f"{out} already exists; pass --force to replace it")
    return out


def summary_stream(out: Path):  # noqa: ANN201 - a text stream
    """Where to print what was written: stderr when the output itself went to a terminal or a pipe
    (``-o /dev/stdout``), so the summary does not end up inside the data."""
    from studytool.atomic import is_special

    return sys.stderr if is_special(out) else sys.stdout
