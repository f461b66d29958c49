"""``studytool demo ID [--set NAME=VALUE ...] [--json] [--no-plot] [--lang zh|en|both]`` — run a proof.

ID is a proof id (``activations.sigmoid_derivative_max``) or a card uid
(``activations/sigmoid-derivative-max``: the card's proof with the card's ``params``). Exit 0 when
every check holds, 1 otherwise, 2 for an unknown id or a bad ``--set``.
"""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path
from typing import Any

from studytool.commands.common import add_common, load_library, print_json
from studytool.errors import StudytoolError


def _seed(text: str) -> int:
    """A seed for numpy's generators: a whole number 0 … 2³²−1 (argparse type)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to {2**32 - 1}, got {text!r}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="run a proof and show what it computes")
    p.add_argument("id", metavar="ID", help="proof id (topic.name) or card uid (deck/card)")
    p.add_argument(
        "--set", dest="sets", action="append", default=[], metavar="NAME=VALUE",
        help="override a proof parameter (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--no-plot", action="store_true", help="do not draw plots")
    p.add_argument("--lang", choices=("zh", "en", "both"), default="en", help="language of titles (default en)")
    p.add_argument("--timeout", type=float, default=None, metavar="S", help="stop the proof after S seconds (default 10)")
    p.add_argument("--cached", action="store_true", help="show a cached result when there is one")
    p.add_argument(
        "--seed", type=_seed, default=None, metavar="N",
        help="seed for the proof's random data (default: its own; `check --seeds` names failing ones)",
    )  # fmt: skip
    add_common(p)


def parse_sets(items: list[str]) -> dict[str, str]:
    """``["a=1", "b=x"]`` → ``{"a": "1", "b": "x"}``; raises StudytoolError for malformed items."""
    values: dict[str, str] = {}
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise StudytoolError(f"--set {item!r}: expected NAME=VALUE (e.g. --set x_range=4)")
        values[name.strip()] = value
    return values


def resolve_target(library: Any, ident: str) -> tuple[str, dict[str, Any]]:
    """(proof id, card params) for a proof id or card uid; raises StudytoolError when unknown."""
    catalog = library.catalog
    if ident in catalog:
        return ident, {}
    card = library.collection.card(ident) if "/" in ident else None
    if card is not None:
        target = card.proof_target()
        if target is None:
            raise StudytoolError(f"card {ident!r} has no proof")
        if target[0] not in catalog:
            raise StudytoolError(f"card {ident!r} names proof {target[0]!r}, which does not exist (run `studytool check`)")
        return target
    names = list(catalog.proofs) + [c.uid for c in library.collection.cards]
    close = difflib.get_close_matches(ident, names, n=5, cutoff=0.5)
    hint = f"; did you mean: {', '.join(close)}" if close else "; `studytool list` shows card uids"
    raise StudytoolError(f"unknown proof or card {ident!r}{hint}")


def _params_help(meta: Any) -> str:
    parts = []
    for p in meta.params:
        rng = ""
        if p.min is not None or p.max is not None:
            rng = f" in [{'' if p.min is None else p.min}, {'' if p.max is None else p.max}]"
        parts.append(f"{p.name} ({p.type}{rng}, default {p.default!r})")
    return "; ".join(parts) or "none"


def run(args: argparse.Namespace) -> int:
    import shutil

    from studytool.paths import db_path, state_dir
    from studytool.proofs.api import ParamError, resolve_params
    from studytool.proofs.render import render_result
    from studytool.proofs.service import ProofService, load_trust_check

    library = load_library(args)
    proof_id, card_params = resolve_target(library, args.id)
    meta = library.catalog.get(proof_id)
    assert meta is not None  # resolve_target returns only ids the catalog has
    sets = parse_sets(args.sets)
    try:
        params = resolve_params(meta.params, card_params, sets)
    except ParamError as exc:
        raise StudytoolError(f"{exc} — {proof_id} takes: {_params_help(meta)}") from None
    if args.timeout is not None and not args.timeout > 0:
        raise StudytoolError("--timeout must be a positive number of seconds")
    state = state_dir(db_path(getattr(args, "db", None)))
    cache_dir: Path = state / "proof-cache"
    with ProofService(library.catalog, cache_dir, trust=load_trust_check(state)) as service:
        result = service.run(proof_id, params, use_cache=args.cached, timeout=args.timeout, seed=args.seed)
    if args.json:
        print_json(result)
    else:
        width = min(100, shutil.get_terminal_size((80, 24)).columns)
        print(render_result(result, lang=args.lang, plots=not args.no_plot, width=width), end="")
    return 0 if result.get("status") == "passed" else 1
