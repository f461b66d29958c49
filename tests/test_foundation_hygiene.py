"""Import hygiene: the core never imports textual/numpy/sympy; the CLI fast path stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("textual", "numpy", "sympy")
CORE_PACKAGES = ("studytool/decks", "studytool/srs", "studytool/answers", "studytool/interop")
CORE_MODULES = (
    "studytool/proofs/api.py",
    "studytool/proofs/catalog.py",
    "studytool/cli.py",
    "studytool/paths.py",
    "studytool/latex.py",
    "studytool/trust.py",
    "studytool/atomic.py",
    "studytool/prefs.py",
    "studytool/i18n.py",
    "studytool/reasons.py",
    "studytool/unicodeit_fast.py",
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


def _imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth (module level or inside functions)."""
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_core_never_imports_the_shells() -> None:
    """The core (decks, srs, answers, interop and the core modules) is shell-free: nothing in it
    imports the TUI or the CLI's command modules — not even lazily inside a function. The shells
    import the core, never the other way round."""
    paths = [p for pkg in CORE_PACKAGES for p in sorted((ROOT / pkg).glob("*.py"))]
    paths += [ROOT / m for m in CORE_MODULES if m != "studytool/cli.py"]  # the CLI dispatches to commands
    offenders = {
        str(path.relative_to(ROOT)): sorted(m for m in _imported_modules(path)
                                            if m.startswith(("studytool.tui", "studytool.commands")))
        for path in paths
    }  # fmt: skip
    assert {k: v for k, v in offenders.items() if v} == {}
    assert len(paths) > 40


def test_the_shell_check_sees_lazy_imports(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from studytool.commands.common import x\n    import studytool.tui.app\n")
    assert {"studytool.commands.common", "studytool.tui.app"} <= _imported_modules(module)
