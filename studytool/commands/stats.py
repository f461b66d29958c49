"""``studytool stats [--deck ID ...] [--json | --plain]`` — reviews, retention, forecast, mastery per deck."""

from __future__ import annotations

import argparse
import sys

from studytool.commands.common import add_common, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="study statistics (TUI on a terminal, text or --json otherwise)")
    p.add_argument("--deck", action="append", metavar="ID", help="only this deck (repeatable)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", action="store_true", help="print one JSON object")
    g.add_argument("--plain", action="store_true", help="print text even on a terminal")
    add_common(p)


def run(args: argparse.Namespace) -> int:
    if not args.json and not args.plain and sys.stdout.isatty() and sys.stdin.isatty():
        from studytool.commands.tui import run as tui_run

        return tui_run(args, screen="stats")
    from studytool.commands.study_support import open_study
    from studytool.srs.stats import format_stats

    with open_study(args) as study:
        study.collection.require_decks(args.deck)  # an unknown id: one line naming the known ones
        data = study.stats(args.deck)
    if args.json:
        print_json(data)
    else:
        print(format_stats(data))
    return 0
