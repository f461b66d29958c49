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


_PROOF = '''
from studytool.proofs.api import proof

@proof("{m}.p", title="t")
def p(ctx):
    {body}
    ctx.check("x", claimed=1, computed=1)
'''


def _deck_with_two_proofs(tmp_path: Path) -> tuple[Path, Path]:
    deck, state = tmp_path / "mydeck", tmp_path / "state"
    (deck / "proofs").mkdir(parents=True)
    state.mkdir()
    for m in "ab":
        (deck / "proofs" / f"{m}.py").write_text(_PROOF.format(m=m, body="pass"), encoding="utf-8")
    return deck, state


def test_proof_code_edited_during_a_session_does_not_run_untrusted(tmp_path: Path) -> None:
    """Found by a code review: trust was asked once per folder per process and the kernel imported the
    file as it was later, so an edit after the first run (a `git pull` of a shared deck) ran unasked."""
    from studytool.proofs.catalog import scan
    from studytool.proofs.service import ProofService
    from studytool.trust import make_trust_check, status, trust

    deck, state = _deck_with_two_proofs(tmp_path)
    trust(deck, state)
    catalog = scan([deck / "proofs"])  # read at start-up
    marker = tmp_path / "ran"
    with ProofService(catalog, None, trust=make_trust_check(state)) as service:
        assert service.run("a.p")["status"] == "passed"
        edited = _PROOF.format(m="b", body=f"open({str(marker)!r}, 'w').write('ran')")
        (deck / "proofs" / "b.py").write_text(edited, encoding="utf-8")
        assert status(deck, state) == "changed"
        result = service.run("b.p")
        assert result["status"] == "untrusted" and not marker.exists()
        trust(deck, state)  # trusted again, but the catalog still holds the old text's hash
        result = service.run("b.p")
        assert result["status"] != "passed" and not marker.exists()
    assert "ran" not in {p.name for p in tmp_path.iterdir()}


def test_the_kernel_runs_only_the_text_the_catalog_read(tmp_path: Path) -> None:
    """Even past the trust check (e.g. a file swapped between the check and the run), the runner
    compiles the bytes it hashed and refuses a module whose text is not the catalog's."""
    from studytool.proofs.catalog import scan
    from studytool.proofs.runner import execute

    deck, _ = _deck_with_two_proofs(tmp_path)
    meta = scan([deck / "proofs"]).get("a.p")
    marker = tmp_path / "ran"
    (deck / "proofs" / "a.py").write_text(_PROOF.format(m="a", body=f"open({str(marker)!r}, 'w')"), encoding="utf-8")
    result = execute(meta)
    assert result["status"] == "error" and "changed after studytool read it" in result["error"]
    assert not marker.exists()
    fresh = scan([deck / "proofs"]).get("a.p")
    assert execute(fresh)["status"] == "passed" and marker.exists()  # the new text, once read again, runs
