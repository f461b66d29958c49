"""Headless TUI probes, each run in a fresh interpreter; prints one JSON object on the last line.

``python -m benchmarks.probe_tui paint hello|hello_gc|widgets|home DB`` — ms from the top of this script (before
any import) until the first screen has been composed, laid out and painted and the app is idle
(``run_test`` + one ``pilot.pause()``); ``first_paint_ms`` until the compositor first drew the
screen; plus peak RSS and whether numpy/sympy were imported.
``python -m benchmarks.probe_tui answer hello|review DB [DECKS]`` — per keypress round-trip: on
``review``, space (reveal) then 3 (Good) → the next card is shown; on ``hello`` the same two keys
on a screen whose bindings only repaint a label. ``answer_ms`` is the Pilot round-trip (press +
pause); ``in_app_ms`` runs from the start of the key's action to the last paint after it.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

SIZE = (120, 40)


def rss_mb() -> float:
    """Peak resident set size of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hello_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Static

    class Hello(App[None]):
        BINDINGS = [Binding("space", "noop"), Binding("3", "noop")]

        def compose(self) -> ComposeResult:
            yield Static("Hello, world", id="hello")

        def action_noop(self) -> None:
            self.query_one("#hello", Static).update("Hello, world")

    return Hello()


def widgets_app() -> Any:
    """The home screen's widget set (title line, tree of ~20 decks, 5 buttons, key line) with no
    studytool code."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import Button, Static, Tree

    class Widgets(App[None]):
        BINDINGS = [Binding(k, "noop", k.upper()) for k in "rqibtl"]
        CSS = "#title { dock: top; height: 1; } #keys { dock: bottom; height: 1; }"

        def compose(self) -> ComposeResult:
            yield Static("studytool — home", id="title")
            with Horizontal():
                with Vertical():
                    yield Static("deck  new learn due")
                    tree: Tree[str] = Tree("All decks")
                    for part in ("part one", "part two"):
                        node = tree.root.add(part, expand=True)
                        for i in range(10):
                            node.add_leaf(f"deck {i}    20    3    7")
                    tree.root.expand()
                    yield tree
                with VerticalScroll():
                    yield Static("Today\nreviewed 0 · new 0\ndue 0 · new 20")
                    for name in ("Review", "Quiz", "Interview", "Browse", "Stats"):
                        yield Button(name, compact=True)
                    yield Static("")
            yield Static("r Review  q Quiz  i Interview  b Browse  t Stats  l Lang", id="keys")

        def action_noop(self) -> None:
            pass

    return Widgets()


def study_app(db: Path, decks: str | None) -> Any:
    from studytool.decks.validate import load_library
    from studytool.srs.study import Study
    from studytool.tui.app import StudyApp
    from studytool.tui.services import ProofRunner, Services

    library = load_library([decks] if decks else None)
    study = Study.open(db, library.collection)
    # the catalog is read on first use, as launch() builds it (no kernel here: nothing runs)
    services = Services(library=library, study=study, proofs=ProofRunner(lambda: library.catalog, None), animate=False)
    return StudyApp(services)


def first_paint() -> list[float]:
    """Record when the compositor first draws a screen (ms since the top of this script)."""
    from textual.screen import Screen

    painted: list[float] = []
    original = Screen._compositor_refresh

    def timed(self: Any) -> None:
        original(self)
        if not painted:
            painted.append((time.perf_counter() - T0) * 1000)

    Screen._compositor_refresh = timed  # type: ignore[method-assign]
    return painted


async def paint(kind: str, db: Path) -> dict[str, Any]:
    if kind in ("home", "hello_gc"):
        # home starts as ``studytool`` does (launch()): the collector off before the heavy imports,
        # back on after the first paint (StudyApp.on_mount). hello_gc: the hello-world app given the
        # same trick, as a reference for how much of the gain any Textual app would get.
        from studytool.tui import gc_pause

        gc_pause.pause()
    painted = first_paint()
    if kind == "hello_gc":
        app = hello_app()
        app.call_after_refresh(gc_pause.resume)
    else:
        app = hello_app() if kind == "hello" else widgets_app() if kind == "widgets" else study_app(db, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        ms = (time.perf_counter() - T0) * 1000
        if kind == "home":
            from studytool.tui.screens.home import HomeScreen
            from studytool.tui.widgets.deck_tree import DeckTree

            assert isinstance(app.screen, HomeScreen), app.screen
            assert app.screen.query_one(DeckTree).root.children, "the deck tree is empty"
        out = {"ms": ms, "first_paint_ms": painted[0], "rss_mb": rss_mb(), "heavy": sorted(m for m in ("numpy", "sympy") if m in sys.modules)}
    return out


def instrument(action_owner: type, action: str) -> tuple[list[float], list[float]]:
    """Record when ``action`` starts and when a screen is painted (compositor refresh → display)."""
    from textual.screen import Screen

    starts: list[float] = []
    paints: list[float] = []
    original_action = getattr(action_owner, action)
    original_refresh = Screen._compositor_refresh

    def timed_action(self: Any, *args: Any) -> Any:
        starts.append(time.perf_counter())
        return original_action(self, *args)

    def timed_refresh(self: Any) -> None:
        original_refresh(self)
        paints.append(time.perf_counter())

    setattr(action_owner, action, timed_action)
    Screen._compositor_refresh = timed_refresh  # type: ignore[method-assign]
    return starts, paints


def in_app_ms(starts: list[float], paints: list[float], since: int) -> float:
    """From the last action start to the last paint after it (ms)."""
    start = starts[-1]
    after = [t for t in paints[since:] if t >= start]
    if not after:
        raise RuntimeError("no paint after the action")
    return (after[-1] - start) * 1000


async def answer(kind: str, db: Path, decks: str | None, n: int = 20) -> dict[str, Any]:
    app = hello_app() if kind == "hello" else study_app(db, decks)
    if kind == "hello":
        starts, paints = instrument(type(app), "action_noop")
    else:
        from studytool.tui.screens.review import ReviewScreen

        starts, paints = instrument(ReviewScreen, "action_rate")
    reveal, rate, in_app = [], [], []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if kind != "hello":
            app.open_screen("review")
            await pilot.pause()
            screen = app.screen
            assert screen.card is not None, "nothing to review"
        for _ in range(n):
            before = getattr(app.screen, "card", None)
            t = time.perf_counter()
            await pilot.press("space")
            await pilot.pause()
            reveal.append((time.perf_counter() - t) * 1000)
            t, since = time.perf_counter(), len(paints)
            await pilot.press("3")
            await pilot.pause()
            rate.append((time.perf_counter() - t) * 1000)
            in_app.append(in_app_ms(starts, paints, since))
            if kind != "hello":
                after = app.screen.card
                assert after is not None and after.uid != before.uid and not app.screen.revealed, "no next card"
    return {"reveal_ms": reveal, "answer_ms": rate, "in_app_ms": in_app}


def main(argv: list[str]) -> None:
    mode, kind, db = argv[0], argv[1], Path(argv[2])
    decks = argv[3] if len(argv) > 3 else None
    if mode == "paint":
        result = asyncio.run(paint(kind, db))
    else:
        result = asyncio.run(answer(kind, db, decks))
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
