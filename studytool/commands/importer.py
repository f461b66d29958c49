"""``studytool import FILE [--deck ID] -o DECK.yaml`` — Anki text / CSV / TSV → a studytool deck."""

from __future__ import annotations

import argparse
from pathlib import Path

from studytool.commands.common import add_common, counted, output_path, print_json, summary_stream


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="convert an Anki text export, CSV or TSV into a YAML deck")
    p.add_argument("file", metavar="FILE", help="input: question, answer[, tags] per row")
    p.add_argument("-o", "--output", required=True, metavar="DECK.yaml", help="deck file to write")
    p.add_argument("--deck", metavar="ID", help="deck id (default: from the file name)")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.add_argument("--json", action="store_true", help="print a JSON summary")
    add_common(p)


def run(args: argparse.Namespace) -> int:
    from studytool.interop.importer import import_file

    src = Path(args.file).expanduser()
    out = output_path(args.output, args, replace=args.force, source=src)
    count = import_file(src, out, args.deck)
    if args.json:
        print_json({"output": str(out), "cards": count})
    else:
        print(f"wrote {counted(count, 'card')} to {out}; check it with: studytool check --no-proofs {out}", file=summary_stream(out))
    return 0
