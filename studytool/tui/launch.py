"""Start the TUI: load decks, open the store, start the proof kernel (before Textual owns stdio)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from studytool.errors import StudytoolError


def launch(args: argparse.Namespace, screen: str | None = None) -> int:
    """Open the app on ``screen`` (home by default). Returns the exit code."""
    from studytool.tui import gc_pause

    gc_pause.pause()  # until the first paint (StudyApp.on_mount): ≈ 15–25 ms of start-up
    try:
        return _launch(args, screen)
    finally:
        gc_pause.resume()


def _launch(args: argparse.Namespace, screen: str | None) -> int:
    from studytool.commands.common import load_library
    from studytool.paths import db_path
    from studytool.proofs.kernel import Kernel
    from studytool.srs.study import Study

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise StudytoolError(
            "the TUI needs a terminal; for scripts use `studytool review --plain`, `quiz --plain` or `list --json`"
        )
    library = load_library(args)
    db = db_path(getattr(args, "db", None))
    study = Study.open(db, library.collection)  # StoreError: one clear line, exit 2 (cli.py)
    kernel = Kernel()
    kernel.start()  # spawn the worker now: it must not inherit a terminal Textual has taken over
    try:
        services = build_services(args, library, study, kernel, db)
        from studytool.srs.presence import studying
        from studytool.tui.app import StudyApp

        app = StudyApp(services, screen=screen)
        with studying(db) as others:
            services.other_sessions = others  # the app says so on start
            result = app.run()
        return int(result or 0) if app.return_code in (None, 0) else int(app.return_code)
    finally:
        kernel.close()
        study.close()


def build_services(args: argparse.Namespace, library, study, kernel, db):  # noqa: ANN001, ANN201
    """The :class:`~studytool.tui.services.Services` for the options in ``args``."""
    from studytool.paths import state_dir
    from studytool.prefs import load_lang
    from studytool.tui.services import ProofRunner, Services

    state = state_dir(db)

    def service() -> Any:  # on the first proof: the catalog is not read before the first paint
        from studytool.proofs.service import ProofService, load_trust_check

        return ProofService(library.catalog, state / "proof-cache", kernel, trust=load_trust_check(state))

    decks = list(getattr(args, "deck", None) or [])
    library.collection.require_decks(decks)
    library.collection.require_tags(getattr(args, "tag", None))
    services = Services(
        library=library,
        study=study,
        proofs=ProofRunner(lambda: library.catalog, kernel, service),
        lang=getattr(args, "lang", None) or load_lang(db) or "zh",
        decks=decks,
        tags=list(getattr(args, "tag", None) or []),
        db_path=db,
        seed=getattr(args, "seed", None),
        cards=list(getattr(args, "card", None) or []),
    )
    if getattr(args, "n", None):
        services.quiz_questions = services.interview_questions = int(args.n)
    elif services.cards:  # --card: exactly these cards, however many (as in the plain quiz)
        services.quiz_questions = len(services.cards)
    services.cram = bool(getattr(args, "cram", False))
    services.search = getattr(args, "search", None)
    if getattr(args, "no_schedule", False):
        services.quiz_feeds_scheduler = False
    if getattr(args, "minutes", None):
        services.interview_seconds = int(float(args.minutes) * 60)
    return services
