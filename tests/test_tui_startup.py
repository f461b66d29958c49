"""Start-up guard: the UI process never imports numpy or sympy (they live in the proof kernel)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(
    """
    import argparse, asyncio, sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from studytool.commands.common import load_library
    from studytool.proofs.kernel import Kernel
    from studytool.srs.study import Study
    from studytool.tui.app import StudyApp
    from studytool.tui.launch import build_services

    db = Path({db!r})
    library = load_library(argparse.Namespace(decks=None))
    study = Study.open(db, library.collection)
    kernel = Kernel()
    kernel.start()
    args = argparse.Namespace(deck=None, tag=None, lang="zh", n=None, seed=None, card=None)
    services = build_services(args, library, study, kernel, db)

    async def main():
        app = StudyApp(services)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen", app.screen
            for key in ("r", "space", "escape", "b", "escape", "escape"):
                await pilot.press(key)
                await pilot.pause()

    t0 = time.perf_counter()
    asyncio.run(main())
    kernel.close()
    study.close()
    heavy = sorted(m for m in ("numpy", "sympy", "textual_plot") if m in sys.modules)
    print("HEAVY:", ",".join(heavy) or "none")
    """
)


@pytest.mark.timeout(120)
def test_tui_start_imports_no_numpy_or_sympy(tmp_path):
    code = SCRIPT.format(tests=str(ROOT / "tests"), db=str(tmp_path / "s.db"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "HEAVY: none" in proc.stdout, proc.stdout


def test_command_modules_are_light():
    code = (
        "import sys, studytool.commands.interview, studytool.commands.browse, studytool.commands.tui;"
        "print(sorted(m for m in ('textual','numpy','sympy') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.stdout.strip() == "[]", proc.stdout + proc.stderr


def test_tui_commands_need_a_terminal(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "studytool", "browse", "--db", str(tmp_path / "x.db")],
        capture_output=True, text=True, cwd=ROOT, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "needs a terminal" in proc.stderr and "Traceback" not in proc.stderr


WARM = textwrap.dedent(
    """
    import argparse, asyncio, sys
    from pathlib import Path
    from studytool.commands.common import load_library
    from studytool.srs.study import Study
    from studytool.tui.app import StudyApp
    from studytool.tui.launch import build_services

    db = Path({db!r})
    library = load_library(argparse.Namespace(decks=None))
    study = Study.open(db, library.collection)
    args = argparse.Namespace(deck=None, tag=None, lang="zh", n=None, seed=None, card=None)
    services = build_services(args, library, study, None, db)

    async def main():
        async with StudyApp(services).run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert type(pilot.app.screen).__name__ == "HomeScreen"
            print("BEFORE A PROOF:", sorted(m for m in sys.modules if m.startswith("studytool.proofs.")))
            assert services.proofs.meta("activations.sigmoid_derivative_max") is not None  # read on first use

    asyncio.run(main())
    study.close()
    """
)


@pytest.mark.timeout(120)
def test_a_warm_start_reads_no_proof_catalog_before_a_proof_is_needed(tmp_path):
    """The library snapshot knows every problem, so the catalog (and its modules) wait for a proof."""
    code = WARM.format(db=str(tmp_path / "s.db"))
    for _ in range(2):  # the first start writes the snapshot, the second is warm
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert proc.returncode == 0, proc.stderr[-3000:]
    assert "BEFORE A PROOF: []" in proc.stdout, proc.stdout
