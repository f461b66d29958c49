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
    assert json.loads(run_cli("--db", str(db), "backup", "list", "--json").stdout) == []  # a new db
    run_cli("--db", str(db), "stats", "--json")  # the next open backs up the day's first state
    items = json.loads(run_cli("--db", str(db), "backup", "list", "--json").stdout)
    assert len(items) == 1 and set(items[0]) == {"name", "kind", "size", "modified", "path"}
    assert items[0]["kind"] == "daily" and items[0]["size"] > 0 and Path(items[0]["path"]).is_file()
