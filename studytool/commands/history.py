"""``studytool history export -o FILE.jsonl`` / ``history import FILE.jsonl`` — portable review log."""

from __future__ import annotations

import argparse

from studytool.commands.common import add_common, output_path, summary_stream


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("history", help="export or import (merge) the review history as JSON lines")
    hs = p.add_subparsers(dest="history_command", metavar="ACTION", required=True)
    e = hs.add_parser("export", help="write the whole review log to a .jsonl file")
    e.add_argument("-o", "--output", required=True, metavar="FILE", help="output file (.jsonl)")
    add_common(e)
    i = hs.add_parser("import", help="merge a .jsonl history into the database (idempotent), then rebuild")
    i.add_argument("file", metavar="FILE", help="history file written by `history export`")
    add_common(i)
    add_common(p)


def run(args: argparse.Namespace) -> int:
    from studytool.commands.study_support import open_store
    from studytool.srs.history import export_history, import_history
    from studytool.srs.scheduler import Params

    out = output_path(args.output, args) if args.history_command == "export" else None
    store, config = open_store(args)
    try:
        if out is not None:
            n = export_history(store, out)
            print(f"Exported {n} events to {out}.", file=summary_stream(out))
        else:
            added, present = import_history(store, args.file, config.day_starts_at, Params.from_config(config))
            print(f"Imported {added} new events ({present} already present); card states rebuilt.")
    finally:
        store.close()
    return 0
