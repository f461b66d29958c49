"""``studytool review [--plain] [--cram [--search TEXT]] [--deck ID] [--tag T] [--limit N]`` — study."""

from __future__ import annotations

import argparse
import sys

from studytool.commands.common import add_common


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="review due cards (TUI, or --plain for a line-based loop)")
    p.add_argument("--plain", action="store_true", help="line-based loop on stdin/stdout (works with pipes)")
    p.add_argument("--deck", action="append", metavar="ID", help="only this deck (repeatable)")
    p.add_argument("--tag", action="append", metavar="T", help="only cards with this tag (repeatable)")
    p.add_argument("--limit", type=int, metavar="N", help="stop after N answers")
    p.add_argument("--cram", action="store_true", help="practise all chosen cards without changing the schedule")
    p.add_argument("--search", metavar="QUERY", help="with --cram: only cards matching QUERY (browse's search: words, "
                   "\"a phrase\", tag:T, deck:D, type:T, is:due, has:erratum, -term)")
    p.add_argument("--lang", choices=("zh", "en", "both"), default=None, help="card language (default: both in --plain; in the TUI the last one chosen with l)")
    add_common(p)


def run(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        from studytool.errors import StudytoolError

        raise StudytoolError("--limit must be 1 or more")
    if args.search and not args.cram:
        from studytool.errors import StudytoolError

        raise StudytoolError("--search works with --cram (today's queue is not searchable); add --cram")
    if args.search:
        from studytool.errors import StudytoolError
        from studytool.srs.search import QueryError, parse_query

        try:
            parse_query(args.search)
        except QueryError as exc:
            raise StudytoolError(f"--search: {exc}") from None
    if not args.plain and sys.stdin.isatty() and sys.stdout.isatty():
        from studytool.commands.tui import run as tui_run

        return tui_run(args, screen="review")
    from studytool.commands.study_support import open_study, plain_session
    from studytool.srs.plain import run_plain

    with open_study(args) as study, plain_session(study):
        study.collection.require_decks(args.deck)
        study.collection.require_tags(args.tag)
        run_plain(
            study, sys.stdin, sys.stdout, decks=args.deck, tags=args.tag, limit=args.limit, lang=args.lang or "both",
            cram=args.cram, search=args.search,
        )
    return 0
