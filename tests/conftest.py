"""Shared fixtures. Every test runs with its own database and never the real user data dir."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT.parent / "shared" / "notes" / "ml-basics.zh.md"


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point STUDYTOOL_DB and the platform data/config dirs at a temp folder for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("STUDYTOOL_DB", str(home / "studytool.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("STUDYTOOL_DECKS", raising=False)


def run_cli(*args: str, input: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None):
    """Run ``python -m studytool ARGS`` in a subprocess; returns CompletedProcess (text)."""
    import subprocess

    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "studytool", *args],
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or ROOT,
        timeout=300,
    )


def beyond_range(meta):
    """``meta`` with its parameter ranges lifted. A declared range is the regime of its claim (every
    allowed value must pass); tests use this to show that the claim really fails outside it."""
    from dataclasses import replace

    return replace(meta, params=tuple(replace(p, min=None, max=None) for p in meta.params))
