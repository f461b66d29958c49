"""``check --seeds N`` and ``demo --seed``: a claim must hold for other random draws, not one seed."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.conftest import run_cli

DECK = """
deck: seeds
title: {zh: 种子, en: Seeds}
source: "机器学习基础"
cards:
  - id: lucky
    type: basic
    source: "机器学习基础"
    q: {zh: "一次抽样？", en: "One draw?"}
    a: {zh: "只对一个种子成立", en: "holds for one seed only"}
    proof: seeds.lucky
  - id: robust
    type: basic
    source: "机器学习基础"
    q: {zh: "均匀分布的均值？", en: "Mean of a uniform?"}
    a: {zh: "1/2", en: "1/2"}
    proof: seeds.robust
"""

PROOFS = '''
import numpy as np

from studytool.proofs.api import proof


@proof("seeds.lucky", title="lucky", seed=7)
def lucky(ctx):
    ctx.check("the draw equals seed 7's draw", claimed=float(np.random.default_rng(7).random()),
              computed=float(ctx.rng.random()))


@proof("seeds.robust", title="robust", seed=3)
def robust(ctx):
    ctx.check("mean of 20 000 uniforms ≈ 1/2", claimed=0.5, computed=float(ctx.rng.random(20_000).mean()),
              tol=0.02)
'''


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    import os

    from studytool import trust

    folder = tmp_path / "seeds"
    (folder / "proofs").mkdir(parents=True)
    (folder / "seeds.yaml").write_text(textwrap.dedent(DECK), encoding="utf-8")
    (folder / "proofs" / "seeds.py").write_text(textwrap.dedent(PROOFS), encoding="utf-8")
    trust.trust(folder, Path(os.environ["STUDYTOOL_DB"]).parent)
    return folder


def test_check_seeds_reruns_every_proof_with_other_seeds(deck_dir: Path) -> None:
    plain = run_cli("check", str(deck_dir), "--json")
    assert plain.returncode == 0, plain.stdout + plain.stderr  # the shipped seed passes both
    out = run_cli("check", str(deck_dir), "--seeds", "2", "--json")
    assert out.returncode == 1, out.stderr
    proofs = json.loads(out.stdout)["proofs"]
    runs = {(r["id"], r.get("seed")): r["status"] for r in proofs["results"]}
    assert runs == {
        ("seeds.lucky", None): "passed", ("seeds.lucky", 1007): "failed", ("seeds.lucky", 2007): "failed",
        ("seeds.robust", None): "passed", ("seeds.robust", 1003): "passed", ("seeds.robust", 2003): "passed",
    }  # fmt: skip
    assert (proofs["passed"], proofs["failed"]) == (4, 2)


def test_check_seeds_text_names_the_failing_seed_and_demo_reproduces_it(deck_dir: Path) -> None:
    out = run_cli("check", str(deck_dir), "--seeds", "1")
    assert out.returncode == 1
    assert "proof seeds.lucky (seed 1007): failed" in out.stdout
    assert "2 proofs (4 runs: card parameters × 2 seeds): 3 passed, 1 failed" in out.stdout
    demo = run_cli("--decks", str(deck_dir), "demo", "seeds.lucky", "--seed", "1007", "--no-plot")
    assert demo.returncode == 1 and "seed 1007" in demo.stdout and "FAILED" in demo.stdout
    again = run_cli("--decks", str(deck_dir), "demo", "seeds.lucky", "--no-plot")
    assert again.returncode == 0 and " · seed " not in again.stdout.splitlines()[2]  # its own seed: not shown


def test_check_seeds_rejects_a_negative_count() -> None:
    out = run_cli("check", "--no-proofs", "--seeds", "-1")
    assert out.returncode == 2 and "expected a whole number ≥ 0" in out.stderr and "Traceback" not in out.stderr


def test_a_reseeded_run_is_never_cached(deck_dir: Path, tmp_path: Path) -> None:
    from studytool.decks.validate import load_library
    from studytool.proofs.service import ProofService, trust_all

    library = load_library([str(deck_dir)])
    with ProofService(library.catalog, tmp_path / "cache", trust=trust_all) as service:
        first = service.run("seeds.lucky", seed=1007)
        assert first["status"] == "failed" and first["seed"] == 1007
        own = service.run("seeds.lucky")
        assert own["status"] == "passed" and "seed" not in own
        assert service.run("seeds.lucky")["cached"] is True  # the own-seed result is cached …
        assert service.run("seeds.lucky", seed=1007)["cached"] is False  # … a reseeded one never


def test_a_proof_can_refuse_a_combination_of_parameters_with_a_message(tmp_path: Path) -> None:
    import os

    from studytool import trust

    folder = tmp_path / "combo"
    (folder / "proofs").mkdir(parents=True)
    (folder / "combo.yaml").write_text(textwrap.dedent("""
        deck: combo
        title: {zh: 组合, en: Combo}
        source: "机器学习基础"
        cards:
          - id: c
            type: basic
            source: "机器学习基础"
            q: {zh: "整除？", en: "Divides?"}
            a: {zh: "是", en: "yes"}
            proof: combo.divides
        """), encoding="utf-8")
    (folder / "proofs" / "combo.py").write_text(textwrap.dedent('''
        from studytool.proofs.api import Param, ParamError, proof


        @proof("combo.divides", title="divides", params=[Param("c", 16, min=1, max=64), Param("g", 4, min=1, max=64)])
        def divides(ctx, c, g):
            if c % g:
                raise ParamError(f"g={g} must divide c={c}")
            ctx.check("c / g is whole", claimed=0, computed=c % g)
        '''), encoding="utf-8")
    trust.trust(folder, Path(os.environ["STUDYTOOL_DB"]).parent)
    ok = run_cli("--decks", str(folder), "demo", "combo.divides", "--json")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = run_cli("--decks", str(folder), "demo", "combo.divides", "--set", "g=5", "--json")
    result = json.loads(bad.stdout)
    assert bad.returncode == 1 and result["status"] == "error" and result["error"] == "g=5 must divide c=16"
