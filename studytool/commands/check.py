"""``studytool check [PATH ...] [--no-proofs] [--json]`` — validate decks and run every proof."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from studytool.commands.common import add_common, load_library, print_json


def _count(text: str) -> int:
    """A whole number ≥ 0 (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 0, got {text!r}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="validate decks and run every proof")
    p.add_argument("paths", nargs="*", metavar="PATH", help="deck files or folders (default: shipped + user decks)")
    p.add_argument("--no-proofs", action="store_true", help="validate only; do not run proofs")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--jobs", type=int, default=0, metavar="N", help="parallel proof kernels (default: CPU count)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="per-proof timeout in seconds")
    p.add_argument(
        "--seeds", type=_count, default=0, metavar="N",
        help="also run every proof with N other seeds for its random data (a claim must not hang on one draw)",
    )  # fmt: skip
    add_common(p)


def _proof_runs(cards: list[Any], catalog: Any) -> list[str | tuple[str, dict[str, Any]]]:
    """Each distinct (proof, card params) pair to run; erratum proofs with their defaults."""
    runs: dict[str, str | tuple[str, dict[str, Any]]] = {}
    for card in cards:
        if card.proof and card.proof in catalog:
            key = json.dumps([card.proof, card.params], sort_keys=True, default=str)
            runs[key] = (card.proof, card.params) if card.params else card.proof
        if card.erratum and card.erratum.proof and card.erratum.proof in catalog:
            runs[json.dumps([card.erratum.proof, {}])] = card.erratum.proof
    return [runs[k] for k in sorted(runs)]


#: seed s of ``--seeds`` runs a proof with its own seed + SEED_STEP·s (s = 1 … N)
SEED_STEP = 1000


def _reseeded(runs: list[Any], catalog: Any, n: int) -> list[tuple[str, dict[str, Any], int]]:
    """Each run again with ``n`` other seeds for its random data."""
    out: list[tuple[str, dict[str, Any], int]] = []
    for item in runs:
        proof_id, params = (item, {}) if isinstance(item, str) else item
        base = catalog.get(proof_id).seed
        out += [(proof_id, params, base + SEED_STEP * s) for s in range(1, n + 1)]
    return out


def run(args: argparse.Namespace) -> int:
    from studytool.decks.model import Problem

    library = load_library(args, args.paths or None, warn=False)  # check lists every problem itself
    problems = list(library.problems)
    if not args.paths:
        problems += [
            Problem("content/headings.txt", 0, 0, f"no card covers the notes heading {heading!r}")
            for heading in library.uncovered_headings()
        ]
    cards = library.collection.cards
    used = sorted({c.proof for c in cards if c.proof} | {c.erratum.proof for c in cards if c.erratum and c.erratum.proof})
    runs = _proof_runs(cards, library.catalog)
    all_runs = runs + _reseeded(runs, library.catalog, args.seeds)
    proofs: dict[str, Any] = {"passed": 0, "failed": 0, "errors": 0, "timeouts": 0, "results": []}
    if not args.no_proofs:
        from studytool.commands.check_proofs import run_all  # engine side (kernel processes)
        from studytool.paths import db_path, state_dir

        proofs = run_all(
            library,
            all_runs,
            jobs=args.jobs,
            timeout=args.timeout,
            progress=not args.json and sys.stderr.isatty(),
            cache_dir=state_dir(db_path(args.db)) / "proof-cache",
        )
    orphans: list[str] = []
    if not args.paths:  # cards with review history that no deck defines (never creates the db)
        from studytool.paths import db_path
        from studytool.srs import orphans_problem_lines

        orphans = orphans_problem_lines(db_path(getattr(args, "db", None)), library.collection)
    from studytool.commands.check_math import card_warnings, proof_warnings

    warnings = card_warnings(cards) + proof_warnings(proofs["results"], library.catalog)
    summary = {
        "decks": len(library.collection.decks),
        "cards": len(cards),
        "problems": [p.as_dict() for p in problems],
        "warnings": warnings,  # math the terminal cannot draw; does not fail the check
        "orphans": orphans,
        "proofs": proofs,
    }
    failed = problems or proofs["failed"] or proofs["errors"] or proofs["timeouts"]
    if args.json:
        print_json(summary)
        return 1 if failed else 0
    from studytool.proofs.render import text_of

    for line in orphans:
        print(f"warning: {line}")
    for warning in warnings:
        print(f"warning: {warning['message']}")
    for p in problems:
        print(p)
    for r in proofs["results"]:
        if r["status"] != "passed":
            seed = f" (seed {r['seed']})" if "seed" in r else ""
            print(f"proof {r['id']}{seed}: {r['status']}" + (f" — {r['error'].strip().splitlines()[-1]}" if r.get("error") else ""))
            for c in r.get("checks", []):
                if not c["ok"]:
                    print(f"  ✗ {text_of(c['name'], 'en')}: claimed {c['claimed']}, computed {c['computed']}")
    n_proofs = len(used)
    if args.no_proofs:
        tail = f"{n_proofs} proofs (not run)"
    else:
        bad = proofs["errors"] + proofs["timeouts"]
        runs_note = f" ({len(runs)} runs incl. card parameters)" if len(runs) != n_proofs else ""
        if args.seeds:
            runs_note = f" ({len(all_runs)} runs: card parameters × {args.seeds + 1} seeds)"
        tail = f"{n_proofs} proofs{runs_note}: {proofs['passed']} passed, {proofs['failed'] + bad} failed"
        if proofs.get("skipped"):
            tail += f", {proofs['skipped']} untrusted (not run)"
    print(f"{_n(len(cards), 'card')} in {_n(len(library.collection.decks), 'deck')}, {tail}; {_n(len(problems), 'problem')}"
          + (f", {_n(len(warnings), 'warning')}" if warnings else ""))
    return 1 if failed else 0


def _n(count: int, word: str) -> str:
    """``1 deck``, ``2 decks``."""
    return f"{count} {word}" + ("" if count == 1 else "s")
