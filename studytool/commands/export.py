"""``studytool export anki|csv|markdown -o FILE`` — share the decks with Anki or print them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from studytool.atomic import prepare_target, write_text
from studytool.commands.common import (
    add_common,
    counted,
    load_library,
    output_path,
    print_json,
    select_decks,
    summary_stream,
)
from studytool.errors import StudytoolError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export decks to Anki (.apkg), Anki text/CSV or a Markdown study sheet")
    p.add_argument("format", choices=("anki", "csv", "markdown"), help="output format")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write")
    p.add_argument("--deck", action="append", metavar="ID", help="only this deck (repeatable)")
    p.add_argument("--lang", choices=("zh", "en", "both"), default="both", help="language of the card text")
    p.add_argument("--no-proofs", action="store_true", help="do not run proofs (no proof summaries)")
    p.add_argument("--json", action="store_true", help="print a JSON summary of what was written")
    add_common(p)


def _progress(total: int) -> Callable[[int], None] | None:
    """A ``done -> None`` counter on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int) -> None:
        sys.stderr.write(f"\rexporting {done}/{total} cards")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def proof_results(library: Any, cards: list[Any], progress: bool, db: str | None) -> dict[str, dict[str, Any]]:
    """Run the proofs the cards use (in parallel kernels) and key the results by proof id."""
    from studytool.commands.check_proofs import run_all
    from studytool.paths import db_path, state_dir

    ids = sorted({c.proof for c in cards if c.proof and c.proof in library.catalog})
    cache = state_dir(db_path(db)) / "proof-cache"
    report = run_all(library, ids, jobs=0, timeout=10.0, progress=progress, cache_dir=cache)
    return {r["id"]: r for r in report["results"]}


def run(args: argparse.Namespace) -> int:
    library = load_library(args)
    decks = select_decks(library, args.deck)
    cards = [c for d in decks for c in d.cards]
    out = output_path(args.output, args)
    try:
        prepare_target(out)  # before the proofs run: a bad -o should fail at once
    except OSError as exc:
        raise StudytoolError(f"cannot write {out}: {exc.strerror}") from None
    proofs = {} if args.no_proofs else proof_results(library, cards, sys.stderr.isatty() and not args.json, args.db)
    try:
        if args.format == "anki":
            from studytool.interop.anki import export_apkg

            count = export_apkg(decks, out, args.lang, proofs, progress=_progress(len(cards)))
        elif args.format == "csv":
            from studytool.interop.csvfile import export_text

            count = export_text(decks, out, args.lang, proofs)
        else:
            from studytool.interop.markdown_sheet import study_sheet

            write_text(out, study_sheet(decks, library.headings, args.lang, proofs, plot_text=_plot_text()))
            count = len(cards)
    except OSError as exc:
        raise StudytoolError(f"cannot write {out}: {exc.strerror}") from None
    summary = {"format": args.format, "output": str(out), "cards": count, "decks": len(decks), "proofs": len(proofs)}
    if args.json:
        print_json(summary)
    else:
        print(f"wrote {counted(count, 'card')} from {counted(len(decks), 'deck')} to {out}", file=summary_stream(out))
    return 0


def _plot_text() -> Callable[[dict[str, Any]], str]:
    """The proof engine's text plotter, if available."""
    from studytool.proofs.render import render_plot

    return lambda plot: "\n".join(render_plot(plot, lang="en", width=60))
