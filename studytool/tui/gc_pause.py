"""Start the TUI without the cyclic garbage collector, and turn it back on once home is painted.

Importing Textual and building the first screen allocate a few hundred thousand objects that all
live until the app exits, and on Python 3.11 the collector walks them again and again while they are
created: ≈ 15–25 ms of a ≈ 270 ms start (issue 10; figures in docs/performance.md). So
:func:`pause` runs before the heavy imports, and :func:`resume` runs after the first paint:
it moves everything alive to the permanent generation (``gc.freeze``), so later collections skip
the start-up objects, and re-enables the collector. Reference counting frees almost everything
in the meantime; only garbage *cycles* made during start-up wait, and they are few.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turn the collector off for start-up (no-op when it is already off)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze start-up objects and turn the collector back on, if :func:`pause` turned it off."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
