"""``studytool interview [--deck ID] [--tag T] [-n N] [--minutes M]`` — a timed mock interview (TUI)."""

from __future__ import annotations

import argparse

from studytool.commands.common import add_common


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("interview", help="mock interview weighted toward your weak topics (TUI)")
    p.add_argument("--deck", action="append", metavar="ID", help="only this deck (repeatable)")
    p.add_argument("--tag", action="append", metavar="T", help="only cards with this tag (repeatable)")
    p.add_argument("-n", type=int, metavar="N", dest="n", help="number of questions (default 8)")
    p.add_argument("--minutes", type=float, metavar="M", help="time per question in minutes (default 2)")
    p.add_argument("--seed", type=int, metavar="S", help="seed for the choice of questions")
    p.add_argument("--lang", choices=("zh", "en", "both"), default=None, help="card language")
    add_common(p)


def run(args: argparse.Namespace, screen: str = "interview") -> int:
    from studytool.errors import StudytoolError

    if getattr(args, "n", None) is not None and args.n < 1:
        raise StudytoolError("-n must be 1 or more")
    if getattr(args, "minutes", None) is not None and not 0 < args.minutes <= 60:
        raise StudytoolError("--minutes must be between 0 and 60")
    from studytool.commands.tui import run as tui_run

    return tui_run(args, screen=screen)
