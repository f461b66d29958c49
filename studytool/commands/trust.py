"""``studytool trust DIR`` — allow the proof code of a user deck folder to run."""

from __future__ import annotations

import argparse
from pathlib import Path

from studytool.commands.common import add_common, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("trust", help="allow the proofs of a user deck folder to run (records a hash of its code)")
    p.add_argument("dir", nargs="?", metavar="DIR", help="deck folder whose proofs/*.py you have read and trust")
    p.add_argument("--revoke", action="store_true", help="forget the trust for DIR")
    p.add_argument("--list", action="store_true", help="list trusted folders and whether their code changed")
    p.add_argument("--json", action="store_true", help="JSON output")
    add_common(p)


def run(args: argparse.Namespace) -> int:
    from studytool import trust
    from studytool.errors import StudytoolError
    from studytool.paths import db_path, state_dir

    state = state_dir(db_path(args.db))  # trust.json lives beside the database `check`/`demo` use
    if args.list or not args.dir:
        rows = [{"dir": d, "status": trust.status(Path(d), state)} for d in trust.trusted_dirs(state)]
        if args.json:
            print_json(rows)
        else:
            for row in rows:
                print(f"{row['status']:<9} {row['dir']}")
            print(f"{len(rows)} trusted folders")
        return 0
    folder = Path(args.dir).expanduser()
    if args.revoke:
        removed = trust.revoke(folder, state)
        print(f"{'revoked' if removed else 'was not trusted'}: {folder.resolve()}")
        return 0
    if not (folder / "proofs").is_dir():
        raise StudytoolError(f"{folder}: no proofs/ folder here — nothing to trust")
    digest = trust.trust(folder, state)
    modules = sorted(p.name for p in (folder / "proofs").glob("*.py"))
    if args.json:
        print_json({"dir": str(folder.resolve()), "hash": digest, "modules": modules})
    else:
        print(f"trusted {folder.resolve()} ({len(modules)} proof modules: {', '.join(modules)})")
        print("if this code changes, its proofs stop running until you trust it again")
    return 0
