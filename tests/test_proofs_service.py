"""ProofService: parameter validation, trust, and the result cache."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from studytool.proofs.catalog import Catalog, scan
from studytool.proofs.kernel import Kernel
from studytool.proofs.service import ProofService, cache_key, trust_all

MODULE = '''
from studytool.proofs.api import Param, proof


@proof("svc.square", title={"zh": "平方", "en": "square"}, params=[Param("n", 3, min=1, max=9)])
def square(ctx, n):
    ctx.check("n² computed by repeated addition", claimed=n * n, computed=sum(n for _ in range(n)))


@proof("svc.wrong", title="wrong")
def wrong(ctx):
    ctx.check("2 + 2 = 5", claimed=5, computed=2 + 2)


@proof("svc.raises", title="raises")
def raises(ctx):
    raise RuntimeError("boom")
'''


def _catalog(folder: Path, body: str = MODULE) -> Catalog:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "svc.py").write_text(textwrap.dedent(body), encoding="utf-8")
    return scan([folder])


@pytest.fixture(scope="module")
def kernel():
    with Kernel(timeout=5.0) as k:
        yield k


def test_run_then_cache_hit(tmp_path: Path, kernel: Kernel) -> None:
    service = ProofService(_catalog(tmp_path / "deck" / "proofs"), tmp_path / "cache", kernel=kernel, trust=trust_all)
    assert service.cached("svc.square", {"n": 4}) is None
    first = service.run("svc.square", {"n": "4"})
    assert first["status"] == "passed" and first["cached"] is False
    assert first["checks"][0]["computed"] == 16
    hit = service.cached("svc.square", {"n": 4})
    assert hit is not None and hit["cached"] is True and hit["checks"] == first["checks"]
    again = service.run("svc.square", {"n": 4})
    assert again["cached"] is True
    fresh = service.run("svc.square", {"n": 4}, use_cache=False)
    assert fresh["cached"] is False
    # different params: different entry
    assert service.cached("svc.square", {"n": 5}) is None
    files = list((tmp_path / "cache").glob("*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text())["status"] == "passed"


def test_changed_source_misses_cache(tmp_path: Path, kernel: Kernel) -> None:
    folder = tmp_path / "deck" / "proofs"
    service = ProofService(_catalog(folder), tmp_path / "cache", kernel=kernel, trust=trust_all)
    old_meta = service.catalog.get("svc.square")
    assert service.run("svc.square")["status"] == "passed"
    edited = MODULE.replace("title=\"wrong\"", "title=\"still wrong\"")
    service2 = ProofService(_catalog(folder, edited), tmp_path / "cache", kernel=kernel, trust=trust_all)
    new_meta = service2.catalog.get("svc.square")
    assert new_meta.source_hash != old_meta.source_hash
    assert cache_key(new_meta, {"n": 3}) != cache_key(old_meta, {"n": 3})
    assert service2.cached("svc.square", {}) is None


def test_failed_is_cached_errors_are_not(tmp_path: Path, kernel: Kernel) -> None:
    service = ProofService(_catalog(tmp_path / "p"), tmp_path / "cache", kernel=kernel, trust=trust_all)
    assert service.run("svc.wrong")["status"] == "failed"
    assert service.cached("svc.wrong", None)["status"] == "failed"
    result = service.run("svc.raises")
    assert result["status"] == "error" and "RuntimeError: boom" in result["error"]
    assert service.cached("svc.raises", None) is None


def test_param_out_of_range_rejected(tmp_path: Path, kernel: Kernel) -> None:
    service = ProofService(_catalog(tmp_path / "p"), None, kernel=kernel, trust=trust_all)
    result = service.run("svc.square", {"n": 10})
    assert result["status"] == "error"
    assert result["error"] == "parameter 'n' = 10 is above its maximum 9"
    result = service.run("svc.square", {"m": 1})
    assert result["status"] == "error" and "unknown parameter 'm'" in result["error"]
    assert service.run("svc.nope")["error"] == "unknown proof 'svc.nope'"


def test_untrusted_proof_does_not_run(tmp_path: Path) -> None:
    class NoKernel:
        def run(self, *a: object, **k: object) -> dict:
            raise AssertionError("an untrusted proof reached the kernel")

    service = ProofService(_catalog(tmp_path / "mydeck" / "proofs"), tmp_path / "c", kernel=NoKernel(), trust=lambda m: False)
    result = service.run("svc.square")
    assert result["status"] == "untrusted"
    assert result["error"] == f"untrusted — run `studytool trust {tmp_path / 'mydeck'}`"
    assert result["checks"] == []


def test_service_owns_its_kernel(tmp_path: Path) -> None:
    with ProofService(_catalog(tmp_path / "p"), None, timeout=5.0, trust=trust_all) as service:
        assert service.run("svc.square", {"n": 2})["status"] == "passed"
        kernel = service.kernel
        assert kernel.alive
    assert not kernel.alive
