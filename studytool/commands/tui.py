"""``studytool`` with no command: open the TUI (see :mod:`studytool.tui`)."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace, screen: str | None = None) -> int:
    from studytool.tui.launch import launch

    return launch(args, screen=screen)
