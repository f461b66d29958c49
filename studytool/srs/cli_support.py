"""Shared plumbing for the SRS sub-commands (imported inside ``run``, never at CLI import time)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studytool.errors import StudytoolError
from studytool.paths import db_path
from studytool.srs.config import load_config
from studytool.srs.store import Store
from studytool.srs.study import Study


def database(args: argparse.Namespace) -> Path:
    return db_path(getattr(args, "db", None))


def open_study(args: argparse.Namespace) -> Study:
    """Load the decks and open the database; prints store warnings (e.g. backup failures)."""
    from studytool.commands.common import load_library

    library = load_library(args)
    study = Study.open(database(args), library.collection)
    for warning in study.store.warnings:
        print(f"studytool: warning: {warning}", file=sys.stderr)
    return study


def open_store(args: argparse.Namespace) -> tuple[Store, object]:
    """The database alone (no decks) plus its config, for rebuild/history."""
    path = database(args)
    config = load_config(path)
    store = Store.open(path, day_starts_at=config.day_starts_at)
    return store, config


def check_decks(study: Study, decks: list[str] | None) -> None:
    known = [d.id for d in study.collection.decks]
    for d in decks or []:
        if d not in known:
            raise StudytoolError(f"no deck {d!r}; known decks: {', '.join(known) or '(none)'}")
