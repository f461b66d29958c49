"""``studytool interview [--deck ID] [--tag T] [-n N] [--minutes M]`` — a timed mock interview (TUI);
``studytool interview --history [--json]`` — the reports of past interviews."""

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
    p.add_argument("--history", action="store_true", help="list past interview reports instead of starting one")
    p.add_argument("--json", action="store_true", help="with --history: the stored reports as JSON")
    add_common(p)


def run(args: argparse.Namespace, screen: str = "interview") -> int:
    from studytool.errors import StudytoolError

    if getattr(args, "history", False):
        return history(args)
    if getattr(args, "json", False):
        raise StudytoolError("--json goes with --history (an interview itself runs in the TUI)")

    if getattr(args, "n", None) is not None and args.n < 1:
        raise StudytoolError("-n must be 1 or more")
    if getattr(args, "minutes", None) is not None and not 0 < args.minutes <= 60:
        raise StudytoolError("--minutes must be between 0 and 60")
    from studytool.commands.tui import run as tui_run

    return tui_run(args, screen=screen)


#: options that shape a new interview and mean nothing for the list of past ones
_NOT_WITH_HISTORY = {"tag": "--tag", "n": "-n", "minutes": "--minutes", "seed": "--seed", "lang": "--lang"}


def history(args: argparse.Namespace) -> int:
    """Past interviews, oldest first: when, how many questions, the score, the weakest topics and
    the cards the report suggested (``--json``: each stored report with its ``id`` and ``at``).
    ``--deck`` keeps the interviews that asked about one of those decks."""
    from datetime import datetime

    from studytool.commands.common import counted, print_json
    from studytool.commands.study_support import open_study
    from studytool.errors import StudytoolError

    given = [flag for name, flag in _NOT_WITH_HISTORY.items() if getattr(args, name, None) is not None]
    if given:
        raise StudytoolError(f"{', '.join(given)} only apply to a new interview; with --history use --deck or --json")
    with open_study(args) as study:
        study.collection.require_decks(args.deck)
        reports = study.interviews()
        titles = {deck.id: deck.title.get("en") for deck in study.collection.decks}
    if args.deck:
        reports = [r for r in reports if set(args.deck) & {q.get("deck") for q in _questions(r)}]
    if args.json:
        print_json({"interviews": reports})
        return 0
    if not reports:
        print("No interviews yet: `studytool interview` starts one." if not args.deck
              else f"No interview has asked about {', '.join(args.deck)} yet.")  # fmt: skip
        return 0
    for report in reports:
        try:
            when = datetime.fromisoformat(str(report["at"])).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = str(report["at"])[:16]
        score = report.get("score")
        shown = f"{score * 100:3.0f}%" if isinstance(score, int | float) and not isinstance(score, bool) else "  ?"
        weakest = ", ".join(titles.get(str(topic), str(topic)) for topic in _strings(report.get("weakest")))
        print(f"{when}  {counted(len(_questions(report)), 'question'):>12}  {shown} of key points"
              f"  weakest: {weakest or '—'}")  # fmt: skip
        for uid in _strings(report.get("suggested")):
            print(f"{'':18}review: {uid}")
    print(counted(len(reports), "interview"))
    return 0


def _questions(report: dict) -> list[dict]:
    """A report's questions (reports come from other machines' histories too: any odd shape is none)."""
    questions = report.get("questions")
    return [q for q in questions if isinstance(q, dict)] if isinstance(questions, list) else []


def _strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []
