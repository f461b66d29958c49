"""``pip install .`` ships the content: build the wheel, inspect it, install it, run from elsewhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = out.glob("studytool-*.whl")
    return path


@pytest.mark.slow
def test_wheel_contains_decks_and_proofs(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    decks = [n for n in names if n.startswith("studytool/content/") and n.endswith(".yaml")]
    proofs = [n for n in names if n.startswith("studytool/content/proofs/") and n.endswith(".py")]
    shipped = sorted((ROOT / "content").glob("*.yaml"))
    assert len(decks) == len(shipped) >= 1
    assert len(proofs) == len(list((ROOT / "content" / "proofs").glob("*.py")))
    assert "studytool/content/headings.txt" in names
    assert any(n.endswith("entry_points.txt") for n in names)


@pytest.mark.slow
def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "STUDYTOOL_DB": str(tmp_path / "db.sqlite"), "PYTHONPATH": ""}
    where = subprocess.run(
        [str(py), "-c", "import studytool.paths as p; print(p.shipped_content_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert str(venv) in where, f"content should come from the installed wheel, got {where}"
    studytool = venv / "bin" / "studytool"
    listed = subprocess.run([str(studytool), "list", "--json"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert listed.returncode == 0, listed.stderr
    cards = json.loads(listed.stdout)
    assert len(cards) >= 1 and {"uid", "q", "a", "answer", "erratum"} <= set(cards[0])
    checked = subprocess.run([str(studytool), "check", "--no-proofs", "--json"], cwd=elsewhere, env=env, capture_output=True, text=True)
    report = json.loads(checked.stdout)
    assert report["cards"] == len(cards)
    assert not [p for p in report["problems"] if "no card covers" not in p["message"]]
