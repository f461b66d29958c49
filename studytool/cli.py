"""Command-line entry point. Keep this module light: no textual, numpy or sympy at import time.

Each sub-command lives in ``studytool/commands/<name>.py`` with ``register(subparsers)`` and
``run(args) -> int``; those modules are light too and import heavy things inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from typing import NoReturn

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


class Parser(argparse.ArgumentParser):
    """``argparse`` that suggests the closest command, value or option on a typo."""

    argv: list[str] = []  #: the arguments being parsed (set by :func:`main`), to find the command

    def error(self, message: str) -> NoReturn:
        super().error(self._with_suggestion(message))

    def _with_suggestion(self, message: str) -> str:
        choice = re.fullmatch(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)", message)
        if choice:
            name, given, listed = choice.groups()
            choices = re.findall(r"'([^']*)'", listed)
            what = "command" if name == "COMMAND" else f"value for {name}"
            return f"unknown {what} '{given}'{_did_you_mean(given, choices)} (choose from {', '.join(choices)})"
        unknown = re.fullmatch(r"unrecognized arguments: (.*)", message)
        if unknown:
            options = self._options_in_use()
            hints = [f"{token}{_did_you_mean(token, options)}" for token in unknown.group(1).split() if token.startswith("-")]
            if hints:
                return f"unknown option {'; '.join(hints)}" if len(hints) == 1 else f"unknown options: {'; '.join(hints)}"
        return message

    def _options_in_use(self) -> list[str]:
        """This parser's options and those of the command in :attr:`argv` (argparse reports a
        sub-command's unknown options through the top-level parser)."""
        options = list(self._option_string_actions)
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                for token in self.argv:
                    if token in action.choices:
                        options += list(action.choices[token]._option_string_actions)
                        break
        return options


def _did_you_mean(given: str, known: list[str]) -> str:
    import difflib  # only on an error: keeps `--version` light

    close = difflib.get_close_matches(given, known, n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def build_parser() -> Parser:
    parser = Parser(
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
    parser.argv = argv
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
