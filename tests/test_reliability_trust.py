"""User proof folders run only once trusted; changed code asks again (issue: reliability)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

DECK = """\
deck: mine
title: {zh: 我的, en: Mine}
source: "my notes"
cards:
  - id: two
    type: numeric
    q: {zh: "1+1?", en: "1+1?"}
    a: {zh: "二", en: "two"}
    answer: {value: 2}
    proof: mine.one_plus_one
"""

PROOF = """\
from pathlib import Path
from studytool.proofs.api import proof

@proof("mine.one_plus_one", title="1 + 1 = 2")
def one_plus_one(ctx):
    ctx.check("1 + 1", claimed=2, computed=1 + 1)
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mydecks"
    (folder / "proofs").mkdir(parents=True)
    (folder / "mine.yaml").write_text(DECK, encoding="utf-8")
    (folder / "proofs" / "mine.py").write_text(PROOF, encoding="utf-8")
    return folder


def test_untrusted_folder_loads_but_its_proofs_do_not_run(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    listed = json.loads(run_cli("--decks", str(folder), "list", "--json", "--deck", "mine").stdout)
    assert [c["uid"] for c in listed] == ["mine/two"]
    demo = run_cli("--decks", str(folder), "demo", "mine.one_plus_one", "--json")
    result = json.loads(demo.stdout)
    assert result["status"] == "untrusted" and "studytool trust" in result["error"]
    assert demo.returncode != 0

    assert run_cli("trust", str(folder)).returncode == 0
    trusted = json.loads(run_cli("--decks", str(folder), "demo", "mine.one_plus_one", "--json").stdout)
    assert trusted["status"] == "passed"

    (folder / "proofs" / "mine.py").write_text(PROOF.replace("1 + 1)", "2)"), encoding="utf-8")
    changed = json.loads(run_cli("--decks", str(folder), "demo", "mine.one_plus_one", "--json").stdout)
    assert changed["status"] == "untrusted"
    listing = json.loads(run_cli("trust", "--list", "--json").stdout)
    assert listing == [{"dir": str(folder.resolve()), "status": "changed"}]


def test_trust_needs_a_proofs_folder(tmp_path: Path) -> None:
    result = run_cli("trust", str(tmp_path))
    assert result.returncode == 2 and "no proofs/ folder" in result.stderr


def test_trust_follows_db_like_demo_does(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = str(tmp_path / "elsewhere" / "study.db")
    assert run_cli("--db", db, "trust", str(folder)).returncode == 0
    assert (tmp_path / "elsewhere" / "trust.json").is_file()
    demo = run_cli("--db", db, "--decks", str(folder), "demo", "mine.one_plus_one", "--json")
    assert json.loads(demo.stdout)["status"] == "passed"
    listing = json.loads(run_cli("--db", db, "trust", "--list", "--json").stdout)
    assert listing == [{"dir": str(folder.resolve()), "status": "trusted"}]
    assert json.loads(run_cli("trust", "--list", "--json").stdout) == []  # the default db's folder
    revoked = run_cli("--db", db, "trust", "--revoke", str(folder))
    assert revoked.returncode == 0 and revoked.stdout.startswith("revoked")
    demo = run_cli("--db", db, "--decks", str(folder), "demo", "mine.one_plus_one", "--json")
    assert json.loads(demo.stdout)["status"] == "untrusted"
