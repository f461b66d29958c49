"""``studytool rebuild`` — recompute every card's state by replaying the review log."""

from __future__ import annotations

import argparse

from studytool.commands.common import add_common, counted


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rebuild", help="recompute card states from the review log")
    add_common(p)


def run(args: argparse.Namespace) -> int:
    from studytool.commands.study_support import open_store
    from studytool.srs.replay import rebuild_all
    from studytool.srs.scheduler import Params

    store, config = open_store(args)
    try:
        n_events, n_cards = rebuild_all(store, config.day_starts_at, Params.from_config(config))
    finally:
        store.close()
    print(f"Replayed {counted(n_events, 'event')} for {counted(n_cards, 'card')} into {store.path}.")
    return 0
