"""Shared plumbing for the SRS sub-commands (imported inside ``run``, never at CLI import time)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from studytool.paths import db_path
from studytool.srs.config import StudyConfig, load_config
from studytool.srs.store import Store
from studytool.srs.study import Study

if TYPE_CHECKING:
    from studytool.decks.validate import Library


def database(args: argparse.Namespace) -> Path:
    """The database path chosen by ``--db`` / ``STUDYTOOL_DB`` / the platform data dir."""
    return db_path(getattr(args, "db", None))


def open_study(args: argparse.Namespace, library: Library | None = None) -> Study:
    """Open the database over ``library`` (loaded from ``args`` when not given); prints store
    warnings (e.g. backup failures)."""
    if library is None:
        from studytool.commands.common import load_library

        library = load_library(args)
    study = Study.open(database(args), library.collection)
    for warning in study.store.warnings:
        print(f"studytool: warning: {warning}", file=sys.stderr)
    return study


def open_store(args: argparse.Namespace) -> tuple[Store, StudyConfig]:
    """The database alone (no decks) plus its config, for rebuild/history."""
    path = database(args)
    config = load_config(path)
    store = Store.open(path, day_starts_at=config.day_starts_at)
    return store, config


@contextmanager
def plain_session(study: Study) -> Iterator[None]:
    """Mark a line-based study session (``review``/``quiz --plain``) on the study's database for the
    block, warning on stderr when another session has it open (presence, not a lock)."""
    from studytool.srs.presence import studying, warning

    with studying(study.store.path) as others:
        if others:
            print(f"studytool: warning: {warning(others)}", file=sys.stderr)
        yield
