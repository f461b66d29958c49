"""``studytool browse [--deck ID] [--tag T]`` — search and preview every card (TUI)."""

from __future__ import annotations

import argparse

from studytool.commands.common import add_common


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("browse", help="search cards (text, tag:, deck:, is:due/new/suspended/leech/changed, has:erratum) (TUI)")
    p.add_argument("--deck", action="append", metavar="ID", help="start with deck:ID in the search box")
    p.add_argument("--tag", action="append", metavar="T", help="start with tag:T in the search box")
    p.add_argument("--lang", choices=("zh", "en", "both"), default=None, help="card language")
    add_common(p)


def run(args: argparse.Namespace) -> int:
    from studytool.commands.tui import run as tui_run

    return tui_run(args, screen="browse")
