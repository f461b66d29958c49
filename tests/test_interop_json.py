"""Every listing command has --json and prints parseable JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json", "--deck", "activations"],
        ["check", "--no-proofs", "--json"],
        ["stats", "--json"],
        ["backup", "list", "--json"],
        ["trust", "--list", "--json"],
    ],
)
def test_listing_commands_print_json(args: list[str], tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path / "db.sqlite"), *args)
    assert result.returncode == 0, result.stderr
    value = json.loads(result.stdout)
    assert isinstance(value, dict | list)


def test_backup_list_json_after_a_day_opened(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    run_cli("--db", str(db), "review", "--plain", "--limit", "1", input="\n3\n")
    items = json.loads(run_cli("--db", str(db), "backup", "list", "--json").stdout)
    assert all({"name", "kind", "size", "modified", "path"} <= set(b) for b in items)
