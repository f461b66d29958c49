"""``studytool list [--deck ID] [--tag T] [--json]`` — one row per card."""

from __future__ import annotations

import argparse

from studytool.commands.common import add_common, counted, load_library, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list cards (one row each)")
    p.add_argument("--deck", action="append", metavar="ID", help="only this deck (repeatable)")
    p.add_argument("--tag", action="append", metavar="T", help="only cards with this tag (repeatable)")
    p.add_argument("--lang", choices=("zh", "en"), default="en", help="language of the question column")
    p.add_argument("--json", action="store_true", help="print a JSON array of cards")
    add_common(p)


def run(args: argparse.Namespace) -> int:
    library = load_library(args)
    library.collection.require_decks(args.deck)
    library.collection.require_tags(args.tag)
    cards = library.collection.select(args.deck, args.tag)
    if args.json:
        print_json([c.as_dict() for c in cards])
        return 0
    from studytool.latex import render_math

    for c in cards:  # as a learner sees the question: math as Unicode, cloze blanks hidden
        q = " ".join(render_math(c.shown_q().get(args.lang)).split())
        print(f"{c.uid:<48} {c.type:<10} {q[:80]}")
    print(counted(len(cards), "card"))
    return 0
