"""Import hygiene: the core never imports textual/numpy/sympy; the CLI fast path stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("textual", "numpy", "sympy")
CORE_PACKAGES = ("studytool/decks", "studytool/srs", "studytool/answers")
CORE_MODULES = (
    "studytool/proofs/api.py",
    "studytool/proofs/catalog.py",
    "studytool/cli.py",
    "studytool/paths.py",
    "studytool/latex.py",
    "studytool/trust.py",
    "studytool/atomic.py",
)


def _imports_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('HEAVY:' + ' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True)
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("HEAVY:"))
    return set(line.removeprefix("HEAVY:").split())


def _core_module_names() -> list[str]:
    names = []
    for pkg in CORE_PACKAGES:
        for path in sorted((ROOT / pkg).glob("*.py")):
            names.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    names += [".".join(Path(m).with_suffix("").parts) for m in CORE_MODULES]
    return [n.removesuffix(".__init__") for n in names]


def test_cli_import_is_light() -> None:
    assert _imports_after("import studytool.cli; studytool.cli.build_parser()") == set()


@pytest.mark.parametrize("module", _core_module_names())
def test_core_module_imports_nothing_heavy(module: str) -> None:
    assert _imports_after(f"import {module}") == set(), f"{module} pulls in a heavy package"


def test_version_and_help_fast_path() -> None:
    code = (
        "import sys, runpy\nsys.argv=['studytool','--version']\n"
        "try:\n    runpy.run_module('studytool', run_name='__main__')\nexcept SystemExit:\n    pass"
    )
    assert _imports_after(code) == set()


def test_core_never_imports_the_tui() -> None:
    """The core packages are shells-free: nothing under decks/srs/answers imports studytool.tui."""
    offenders = []
    for pkg in CORE_PACKAGES:
        for path in sorted((ROOT / pkg).glob("*.py")):
            text = path.read_text(encoding="utf-8")
            if "studytool.tui" in text:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
