"""``studytool backup list`` / ``studytool backup restore [NAME]`` — the database's backups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from studytool.commands.common import add_common, print_json
from studytool.errors import StudytoolError

if TYPE_CHECKING:
    from studytool.srs.backups import BackupInfo


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="list or restore backups of the review database")
    bs = p.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    bl = bs.add_parser("list", help="show the backups (newest last)")
    bl.add_argument("--json", action="store_true", help="print a JSON array")
    add_common(bl)
    br = bs.add_parser("restore", help="replace the database with a backup (the current file is kept aside)")
    br.add_argument("name", nargs="?", metavar="NAME", help="backup name from `backup list` (default: newest sound daily backup)")
    br.add_argument("-y", "--yes", action="store_true", help="do not ask first (in a terminal it asks; scripts never are asked)")
    add_common(br)
    add_common(p)


def run(args: argparse.Namespace) -> int:
    from studytool.commands.study_support import database
    from studytool.srs import backups

    db = database(args)
    if args.backup_command == "list":
        items = backups.list_backups(db)
        if getattr(args, "json", False):
            print_json([
                {"name": b.name, "kind": b.kind, "size": b.size, "modified": b.modified.isoformat(),
                 "path": str(backups.backup_dir(db) / b.name)}
                for b in items
            ])
            return 0
        if not items:
            print(f"No backups yet in {backups.backup_dir(db)} (one is made on the first open of each day).")
            return 0
        print(f"Backups of {db} in {backups.backup_dir(db)}:")
        for b in items:
            print(f"  {b.name:<48} {b.kind:<15} {b.size / 1024:>8.1f} KiB  {b.modified:%Y-%m-%d %H:%M}")
        print("Restore one with: studytool backup restore NAME")
        return 0
    from studytool.srs.presence import others

    open_sessions = others(db)
    if open_sessions:  # its next answers would be written over by the restore
        pids = ", ".join(map(str, open_sessions))
        raise StudytoolError(f"a study session (pid {pids}) has {db} open; quit it first, then restore")
    if not args.yes and sys.stdin.isatty() and not _confirmed(db, backups.resolve_backup(db, args.name)):
        print("Nothing was changed.")
        return 1
    chosen, kept = backups.restore_backup(db, args.name)
    print(f"Restored {db} from {chosen.name}.")
    if kept:
        print(f"The previous database was kept as {kept}.")
    return 0


def _confirmed(db: Path, chosen: BackupInfo) -> bool:
    """Ask on a terminal before rolling the database back (answers after the backup leave the
    database; they stay in the copy kept aside)."""
    print(f"This replaces {db} with the backup {chosen.name} from {chosen.modified:%Y-%m-%d %H:%M}: answers "
          "given since then leave the database (the current file is kept aside in backups/).")
    try:
        reply = input("Restore? [y/N] ")
    except EOFError:
        return False
    return reply.strip().lower() in ("y", "yes", "是", "好")
