"""Command-line entry point. Keep this module light: no textual, numpy or sympy at import time.

Each sub-command lives in ``studytool/commands/<name>.py`` with ``register(subparsers)`` and
``run(args) -> int``; those modules are light too and import heavy things inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from studytool import __version__
from studytool.errors import StudytoolError

#: sub-command name -> module. Order is the order shown in ``--help``.
COMMANDS: dict[str, str] = {
    "check": "studytool.commands.check",
    "list": "studytool.commands.listing",
    "demo": "studytool.commands.demo",
    "review": "studytool.commands.review",
    "quiz": "studytool.commands.quiz",
    "interview": "studytool.commands.interview",
    "browse": "studytool.commands.browse",
    "stats": "studytool.commands.stats",
    "rebuild": "studytool.commands.rebuild",
    "history": "studytool.commands.history",
    "backup": "studytool.commands.backup",
    "export": "studytool.commands.export",
    "import": "studytool.commands.importer",
    "trust": "studytool.commands.trust",
}

_TUI_SCREENS = ("review", "quiz", "interview", "browse", "stats")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studytool",
        description="Study ML/DL fundamentals: flashcards with spaced repetition, quizzes, mock interviews, runnable proofs.",
    )
    parser.add_argument("--version", action="version", version=f"studytool {__version__}")
    add_common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        importlib.import_module(module).register(sub)
    return parser


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every command accepts (also valid after the sub-command name)."""
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="review database (default: platform data dir; env STUDYTOOL_DB)")
    parser.add_argument(
        "--decks", metavar="DIR", action="append", default=argparse.SUPPRESS, help="extra deck folder (repeatable; env STUDYTOOL_DECKS)"
    )
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks on errors")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, default in (("db", None), ("decks", None), ("debug", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    if args.debug:
        os.environ["STUDYTOOL_DEBUG"] = "1"
    try:
        if args.command is None:
            return importlib.import_module("studytool.commands.tui").run(args)
        return importlib.import_module(COMMANDS[args.command]).run(args)
    except StudytoolError as exc:
        if args.debug:
            raise
        print(f"studytool: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("studytool: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
