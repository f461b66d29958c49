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


class _ChoiceError(argparse.ArgumentError):
    """A value outside an argument's choices, with the whole message already written."""

    def __str__(self) -> str:
        return self.message


class Parser(argparse.ArgumentParser):
    """``argparse`` that suggests the closest command, value or option on a typo.

    Choices come from the arguments themselves, not from argparse's message, whose wording
    changes between Python versions (3.12.8 and 3.13.1 stopped quoting them)."""

    argv: list[str] = []  #: the arguments being parsed (set by :func:`main`), to find the command

    def _check_value(self, action: argparse.Action, value: object) -> None:
        if action.choices is None or value in action.choices:
            return
        choices = [str(choice) for choice in action.choices]
        if isinstance(action, argparse._SubParsersAction):
            command = self.prog.split(" ", 1)[1] if " " in self.prog else ""
            what = f"{command} action" if command else "command"
        else:
            what = f"value for {'/'.join(action.option_strings) or action.metavar or action.dest}"
        given = str(value)
        raise _ChoiceError(action, f"unknown {what} '{given}'{_did_you_mean(given, choices)} (choose from {', '.join(choices)})")

    def error(self, message: str) -> NoReturn:
        super().error(self._with_suggestion(message))

    def _with_suggestion(self, message: str) -> str:
        unknown = re.fullmatch(r"unrecognized arguments: (.*)", message)
        if not unknown:
            return message
        tokens = unknown.group(1).split()
        options = self._options_in_use()
        hints = [f"{token}{_did_you_mean(token, options)}" for token in tokens if token.startswith("-")]
        if not hints:
            return message
        out = f"unknown option {hints[0]}" if len(hints) == 1 else f"unknown options: {'; '.join(hints)}"
        stray = [token for token in tokens if not token.startswith("-")]
        if stray:
            out += f"{'' if out.endswith('?') else '.'} Also unexpected: {' '.join(stray)}"
        return out

    def _options_in_use(self) -> list[str]:
        """This parser's options and those of the (sub-)commands named in :attr:`argv`, at every
        level (argparse reports a sub-command's unknown options through the top-level parser)."""
        options: list[str] = []
        parser: argparse.ArgumentParser | None = self
        tokens = iter(self.argv)
        while parser is not None:
            options += list(parser._option_string_actions)
            subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            parser = None
            if subparsers:
                choices = subparsers[0].choices
                for token in tokens:  # the next sub-command name after this level's
                    if token in choices:
                        parser = choices[token]
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
