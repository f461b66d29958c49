"""``studytool quiz [--plain] [--deck ID] [--tag T] [--card UID ...] [-n N] [--seed S] [--json] [--retry]``.

Asks auto-graded cards one by one and checks typed answers by meaning. Without ``--plain``/``--json``
on a terminal it opens the TUI quiz screen; otherwise it is a line-based loop: one answer per line
of stdin, verdict + expected answer + the proof's one-line summary on stdout (or one JSON object
per answer with ``--json``, then a summary object). ``?`` means "I don't know" (counted wrong);
invalid input is explained and asked again, never logged. End of input ends the quiz cleanly.
``--retry`` then asks the ones not answered correctly again, round after round (logged as practice).
"""

from __future__ import annotations

import argparse
import sys

from studytool.commands.common import add_common


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quiz", help="auto-graded quiz (TUI, or --plain / --json for a line-based loop)")
    p.add_argument("--plain", action="store_true", help="line-based loop on stdin/stdout (works with pipes)")
    p.add_argument("--deck", action="append", metavar="ID", help="only this deck (repeatable)")
    p.add_argument("--tag", action="append", metavar="T", help="only cards with this tag (repeatable)")
    p.add_argument("--card", nargs="+", action="extend", metavar="UID", help="exactly these cards, in this order")
    p.add_argument("-n", type=int, metavar="N", dest="n", help="ask at most N cards")
    p.add_argument("--seed", type=int, metavar="S", help="seed for card order and option shuffling")
    p.add_argument("--json", action="store_true", help="one JSON object per answer, then a summary object")
    p.add_argument("--no-schedule", action="store_true", help="log answers without changing the schedule")
    p.add_argument("--retry", action="store_true",
                   help="plain/json: then ask the cards not answered correctly again, until all are right (practice, schedule untouched)")  # fmt: skip
    p.add_argument("--lang", choices=("zh", "en"), help="language of questions and answers (plain default: the one last chosen in the TUI, else en)")
    add_common(p)


def run(args: argparse.Namespace) -> int:
    from studytool.errors import StudytoolError

    if args.n is not None and args.n < 1:
        raise StudytoolError("-n must be 1 or more")
    if not args.plain and not args.json and sys.stdin.isatty() and sys.stdout.isatty():
        from studytool.commands.tui import run as tui_run

        return tui_run(args, screen="quiz")
    from studytool.answers.session import QuizOptions, run_quiz, select_cards
    from studytool.commands.common import load_library
    from studytool.paths import db_path
    from studytool.prefs import load_lang

    library = load_library(args)
    saved = load_lang(db_path(args.db))  # the language last chosen in the TUI (both → en: one language here)
    options = QuizOptions(
        decks=args.deck, tags=args.tag, cards=args.card, limit=args.n, seed=args.seed,
        json=args.json, schedule=not args.no_schedule, lang=args.lang or ("zh" if saved == "zh" else "en"),
        retry=args.retry,
    )  # fmt: skip
    cards = select_cards(library.collection, options)  # raises StudytoolError on a bad filter
    from studytool.commands.study_support import open_study, plain_session

    try:
        sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass
    with open_study(args, library) as study, plain_session(study):
        run_quiz(cards, library, study, sys.stdin, sys.stdout, options)
    return 0
