"""Shared plumbing for the SRS sub-commands (imported inside ``run``, never at CLI import time)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from studytool.paths import db_path
from studytool.srs.config import StudyConfig, load_config
from studytool.srs.store import Store
from studytool.srs.study import Study


def database(args: argparse.Namespace) -> Path:
    """The database path chosen by ``--db`` / ``STUDYTOOL_DB`` / the platform data dir."""
    return db_path(getattr(args, "db", None))


def open_study(args: argparse.Namespace) -> Study:
    """Load the decks and open the database; prints store warnings (e.g. backup failures)."""
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

