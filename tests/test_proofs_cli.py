"""``studytool demo`` and the proof half of ``studytool check`` (subprocesses)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.conftest import run_cli

SAMPLE = "activations.sigmoid_derivative_max"

DECK = """
deck: mini
title: {zh: 小, en: Mini}
source: "机器学习基础"
cards:
  - id: ok
    type: basic
    source: "机器学习基础"
    q: {zh: "一加一？", en: "1+1?"}
    a: {zh: "二", en: "two"}
    proof: mini.ok
  - id: bad
    type: basic
    source: "机器学习基础"
    q: {zh: "二加二？", en: "2+2?"}
    a: {zh: "五", en: "five"}
    proof: mini.wrong
    params: {n: 3}
"""

PROOFS = '''
from studytool.proofs.api import Param, proof


@proof("mini.ok", title={"zh": "一加一", "en": "one plus one"}, params=[Param("n", 1, min=0, max=5)])
def ok(ctx, n):
    ctx.check("n + 1 - n = 1", claimed=1, computed=(n + 1) - n)


@proof("mini.wrong", title="wrong", params=[Param("n", 2, min=0, max=5)])
def wrong(ctx, n):
    ctx.check({"zh": "n + n 等于 5", "en": "n + n = 5"}, claimed=5, computed=n + n)
'''


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    (folder / "proofs").mkdir(parents=True)
    (folder / "mini.yaml").write_text(textwrap.dedent(DECK), encoding="utf-8")
    (folder / "proofs" / "mini.py").write_text(textwrap.dedent(PROOFS), encoding="utf-8")
    _trust(folder, tmp_path)
    return folder


def _trust(folder: Path, tmp_path: Path) -> None:
    """User proof folders run only once trusted: trust it for the CLI's db and for tmp_path."""
    import os

    from studytool import trust

    trust.trust(folder, Path(os.environ["STUDYTOOL_DB"]).parent)
    trust.trust(folder, tmp_path)


def _check_json_contract(data: dict) -> None:
    assert set(data) >= {"id", "status", "checks", "formulas", "tables", "plots", "elapsed_ms", "error"}
    assert isinstance(data["elapsed_ms"], int)
    for check in data["checks"]:
        assert set(check) >= {"name", "claimed", "computed", "tolerance", "ok"}


def test_demo_sample_proof_json() -> None:
    out = run_cli("demo", SAMPLE, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    _check_json_contract(data)
    assert data["id"] == SAMPLE and data["status"] == "passed" and data["error"] is None
    assert len(data["checks"]) >= 3 and all(c["ok"] for c in data["checks"])
    assert data["formulas"][0]["pretty"] and data["plots"][0]["series"]


def test_demo_card_uid_human_output() -> None:
    out = run_cli("demo", "activations/sigmoid-derivative-max", "--set", "x_range=4", "--lang", "zh")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("σ'(x) = σ(1−σ)，最大值 1/4")
    assert lines[1].startswith("PASSED")
    assert "x_range=4" in lines[2]
    assert "✓ σ'(0) = 1/4 (sympy) — 声称 0.25, 计算 0.25" in out.stdout  # --lang zh labels
    assert "└" in out.stdout  # a plot was drawn
    no_plot = run_cli("demo", "activations/sigmoid-derivative-max", "--no-plot")
    assert no_plot.returncode == 0 and "└" not in no_plot.stdout


def test_demo_bad_input_exits_2() -> None:
    out = run_cli("demo", SAMPLE, "--set", "x_range=500")
    assert out.returncode == 2
    assert "above its maximum 50" in out.stderr and "Traceback" not in out.stderr
    out = run_cli("demo", SAMPLE, "--set", "x_range")
    assert out.returncode == 2 and "expected NAME=VALUE" in out.stderr
    out = run_cli("demo", "activations.sigmoid_derivativ")
    assert out.returncode == 2 and f"did you mean: {SAMPLE}" in out.stderr


def test_demo_failed_proof_exits_1_with_card_params(deck_dir: Path) -> None:
    out = run_cli("--decks", str(deck_dir), "demo", "mini/bad", "--json")
    assert out.returncode == 1, out.stderr
    data = json.loads(out.stdout)
    assert data["status"] == "failed" and data["params"] == {"n": 3}
    assert data["checks"][0]["computed"] == 6
    out = run_cli("--decks", str(deck_dir), "demo", "mini/bad", "--set", "n=1")
    assert out.returncode == 1 and "claimed 5, computed 2" in out.stdout


def test_check_runs_proofs(deck_dir: Path) -> None:
    out = run_cli("check", str(deck_dir), "--json", "--jobs", "2", "--timeout", "5")
    assert out.returncode == 1, out.stderr
    proofs = json.loads(out.stdout)["proofs"]
    assert (proofs["passed"], proofs["failed"], proofs["errors"], proofs["timeouts"]) == (1, 1, 0, 0)
    by_id = {r["id"]: r for r in proofs["results"]}
    assert by_id["mini.ok"]["status"] == "passed" and by_id["mini.wrong"]["status"] == "failed"
    text = run_cli("check", str(deck_dir))
    assert "proof mini.wrong: failed" in text.stdout and "2 proofs: 1 passed, 1 failed" in text.stdout
    assert "  ✗ n + n = 5: claimed 5, computed 6" in text.stdout  # a bilingual name prints as text


def test_run_all_counts_and_progress(deck_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from studytool.commands.check_proofs import run_all
    from studytool.decks.validate import load_library

    (deck_dir / "proofs" / "slow.py").write_text(
        textwrap.dedent(
            '''
            from studytool.proofs.api import proof


            @proof("slow.loop", title="never ends")
            def loop(ctx):
                while True:
                    pass


            @proof("slow.boom", title="raises")
            def boom(ctx):
                raise KeyError("missing")
            '''
        ),
        encoding="utf-8",
    )
    _trust(deck_dir, tmp_path)  # the folder's code changed: trust it again
    library = load_library([str(deck_dir)])
    ids = ["mini.ok", "slow.loop", "mini.wrong", "slow.boom", "no.such"]
    summary = run_all(library, ids, jobs=2, timeout=1.0, progress=True, cache_dir=tmp_path / "cache")
    assert [r["id"] for r in summary["results"]] == ids
    assert [r["status"] for r in summary["results"]] == ["passed", "timeout", "failed", "error", "error"]
    assert (summary["passed"], summary["failed"], summary["errors"], summary["timeouts"]) == (1, 1, 2, 1)
    err = capsys.readouterr().err
    assert "5/5" in err and "proofs: 5 run in" in err
    cached = sorted(p.name.split("-")[0] for p in (tmp_path / "cache").glob("*.json"))
    assert cached == ["mini.ok", "mini.wrong"]


def test_check_warns_about_math_the_terminal_cannot_draw(tmp_path: Path) -> None:
    """A misspelt command in a card and an unsupported environment in a proof formula are named with
    file and line; they are warnings: the check still passes."""
    folder = tmp_path / "mathy"
    (folder / "proofs").mkdir(parents=True)
    deck = DECK.replace('q: {zh: "一加一？", en: "1+1?"}', 'q: {zh: "一加一？", en: "Is $\\\\lamda x$ one?"}')
    deck = deck.replace("    proof: mini.wrong\n    params: {n: 3}\n", "    proof: mini.ok\n")
    (folder / "mini.yaml").write_text(textwrap.dedent(deck), encoding="utf-8")
    proofs = PROOFS.replace(
        '    ctx.check("n + 1 - n = 1"',
        '    ctx.formula(r"A=\\begin{array}{cc}1&0\\\\0&1\\end{array}")\n    ctx.check("n + 1 - n = 1"',
    )
    (folder / "proofs" / "mini.py").write_text(textwrap.dedent(proofs), encoding="utf-8")
    _trust(folder, tmp_path)
    out = run_cli("check", str(folder), "--json", "--jobs", "1", "--timeout", "5")
    report = json.loads(out.stdout)
    assert out.returncode == 0, (out.stderr, report["problems"])
    by_where = {w["where"]: w for w in report["warnings"]}
    assert set(by_where) == {"mini/ok", "proof mini.ok"}, report["warnings"]
    assert by_where["mini/ok"]["commands"] == ["lamda"] and by_where["mini/ok"]["line"] > 1
    assert by_where["proof mini.ok"]["commands"] == ["begin{array}", "end{array}"]
    assert by_where["proof mini.ok"]["file"].endswith("mini.py")
    text = run_cli("check", str(folder), "--jobs", "1", "--timeout", "5").stdout
    assert "mini.yaml:" in text and "mini/ok: \\lamda cannot be drawn in the terminal" in text
    assert text.splitlines()[-1].endswith("0 problems, 2 warnings")
