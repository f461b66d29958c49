"""The proof kernel contains runaway proofs: each failure mode gives its status, and the next proof runs."""

from __future__ import annotations

import textwrap
import threading
import time
from pathlib import Path

import pytest

from studytool.proofs.catalog import Catalog, scan
from studytool.proofs.kernel import CALL_WHITELIST, Kernel, KernelError, KernelTimeout

HOSTILE = '''
import ctypes
import os
import sys

from studytool.proofs.api import Param, proof


@proof("hostile.trivial", title="1 + 1 = 2", params=[Param("a", 1, min=0, max=10)])
def trivial(ctx, a):
    ctx.check("a + 1 - a = 1", claimed=1, computed=(a + 1) - a)


@proof("hostile.wrong", title="wrong claim")
def wrong(ctx):
    ctx.check("sum(range(4)) = 7", claimed=7, computed=sum(range(4)))


@proof("hostile.loop", title="infinite loop")
def loop(ctx):
    while True:
        pass


@proof("hostile.memory", title="huge allocation")
def memory(ctx):
    block = bytearray(4 * 1024 ** 3)
    ctx.check("allocated", claimed=4 * 1024 ** 3, computed=len(block))


@proof("hostile.raises", title="raises")
def raises(ctx):
    raise ValueError("deliberate failure in the proof")


@proof("hostile.exit", title="hard exit")
def hard_exit(ctx):
    os._exit(7)


@proof("hostile.segfault", title="segfault")
def segfault(ctx):
    ctx.check("never", claimed=0, computed=len(ctypes.string_at(0)))


@proof("hostile.forkbomb", title="fork bomb")
def forkbomb(ctx):
    while True:
        os.fork()


@proof("hostile.cfork", title="fork through ctypes")
def cfork(ctx):
    libc = ctypes.CDLL(None)
    while True:
        libc.fork()


@proof("hostile.spawn", title="subprocess")
def spawn(ctx):
    import subprocess

    subprocess.run(["true"])


@proof("hostile.recursion", title="deep recursion")
def recursion(ctx):
    def down(n):
        return down(n + 1) + 1

    ctx.check("never", claimed=0, computed=down(0))


@proof("hostile.output", title="huge output")
def output(ctx):
    for i in range(200_000):
        print("spam" * 50)
        ctx.note("x" * 100)
    ctx.check("count", claimed=200_000, computed=len(ctx.notes))


@proof("hostile.thread", title="leaves a thread behind")
def thread(ctx):
    import threading
    import time

    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
    ctx.check("threads", claimed=3, computed=threading.active_count())


@proof("hostile.nochecks", title="no checks")
def nochecks(ctx):
    ctx.note("I checked nothing")
'''


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    folder: Path = tmp_path_factory.mktemp("proofs")
    (folder / "hostile.py").write_text(textwrap.dedent(HOSTILE), encoding="utf-8")
    cat = scan([folder])
    assert not cat.problems
    return cat


@pytest.fixture(scope="module")
def kernel():
    with Kernel(timeout=5.0, memory_mb=768, max_result_bytes=1_000_000) as k:
        yield k


def _trivial_passes(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.trivial"))
    assert result["status"] == "passed", result
    assert result["checks"][0]["ok"] is True


def test_trivial_proof_passes(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.trivial"), {"a": 3})
    assert result["status"] == "passed"
    assert result["params"] == {"a": 3}
    assert result["error"] is None
    assert result["checks"][0]["computed"] == 1


def test_wrong_claim_fails(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.wrong"))
    assert result["status"] == "failed"
    assert result["checks"][0] == {**result["checks"][0], "claimed": 7, "computed": 6, "ok": False}
    _trivial_passes(kernel, catalog)


def test_infinite_loop_times_out(kernel: Kernel, catalog: Catalog) -> None:
    start = time.monotonic()
    result = kernel.run(catalog.get("hostile.loop"), timeout=1.0)
    assert time.monotonic() - start < 8
    assert result["status"] == "timeout"
    assert "1 s" in result["error"]
    assert result["elapsed_ms"] >= 1000
    _trivial_passes(kernel, catalog)


def test_huge_allocation_is_a_memory_error(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.memory"))
    assert result["status"] == "error"
    assert "memory limit exceeded" in result["error"]
    assert "MemoryError" in result["error"]
    _trivial_passes(kernel, catalog)


def test_exception_gives_traceback(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.raises"))
    assert result["status"] == "error"
    assert "Traceback" in result["error"]
    assert "ValueError: deliberate failure in the proof" in result["error"]
    _trivial_passes(kernel, catalog)


def test_hard_exit_is_a_crash(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.exit"))
    assert result["status"] == "crashed"
    assert "exited with code 7" in result["error"]
    _trivial_passes(kernel, catalog)


def test_segfault_is_a_crash(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.segfault"))
    assert result["status"] == "crashed"
    assert "SIGSEGV" in result["error"]
    _trivial_passes(kernel, catalog)


@pytest.mark.parametrize("proof_id", ["hostile.forkbomb", "hostile.cfork", "hostile.spawn"])
def test_new_processes_are_refused(kernel: Kernel, catalog: Catalog, proof_id: str) -> None:
    result = kernel.run(catalog.get(proof_id), timeout=2.0)
    assert result["status"] == "error"
    assert "may not" in result["error"] and "refused by the proof kernel" in result["error"]
    _trivial_passes(kernel, catalog)


def test_deep_recursion_is_an_error(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.recursion"))
    assert result["status"] == "error"
    assert "RecursionError" in result["error"]
    _trivial_passes(kernel, catalog)


def test_huge_output_is_refused(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.output"))
    assert result["status"] == "error"
    assert "result too large" in result["error"]
    _trivial_passes(kernel, catalog)


def test_leftover_thread_restarts_worker(kernel: Kernel, catalog: Catalog) -> None:
    before = kernel.restarts
    result = kernel.run(catalog.get("hostile.thread"))
    assert result["status"] == "passed"
    _trivial_passes(kernel, catalog)
    assert kernel.restarts == before + 1


def test_proof_without_checks_is_an_error(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.nochecks"))
    assert result["status"] == "error"
    assert "no checks" in result["error"]


def test_bad_param_is_an_error(kernel: Kernel, catalog: Catalog) -> None:
    result = kernel.run(catalog.get("hostile.trivial"), {"a": 11})
    assert result["status"] == "error"
    assert "above its maximum 10" in result["error"]


def test_cancel_from_another_thread(kernel: Kernel, catalog: Catalog) -> None:
    _trivial_passes(kernel, catalog)  # warm, so the cancel hits the running proof
    timer = threading.Timer(0.3, kernel.cancel)
    timer.start()
    start = time.monotonic()
    result = kernel.run(catalog.get("hostile.loop"), timeout=10.0)
    timer.join()
    assert result["status"] == "cancelled"
    assert time.monotonic() - start < 3
    assert not kernel.alive
    _trivial_passes(kernel, catalog)
    assert kernel.alive


def test_call_refuses_functions_not_whitelisted(kernel: Kernel) -> None:
    with pytest.raises(ValueError, match="not whitelisted"):
        kernel.call("os:system", "true")


def test_call_runs_whitelisted_function(kernel: Kernel, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("studytool.proofs.kernel.CALL_WHITELIST", CALL_WHITELIST | {"math:gcd", "time:sleep"})
    assert kernel.call("math:gcd", 12, 18) == 6
    with pytest.raises(KernelError, match="TypeError"):
        kernel.call("math:gcd", "a", 1)
    with pytest.raises(KernelTimeout):
        kernel.call("time:sleep", 5, timeout=0.5)
    assert kernel.call("math:gcd", 7, 21) == 7


def test_start_from_thread_without_stderr_fd(catalog: Catalog, tmp_path: Path) -> None:
    """Under Textual ``sys.stderr.fileno()`` is -1; a kernel started from a thread must still work.

    Runs in a fresh interpreter, so multiprocessing's resource tracker is not running yet.
    """
    folder = Path(catalog.get("hostile.trivial").module_path).parent
    script = tmp_path / "nofd.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import sys, threading
            from pathlib import Path
            from studytool.proofs.catalog import scan
            from studytool.proofs.kernel import Kernel

            class NoFd:
                def write(self, s): return len(s)
                def flush(self): pass
                def fileno(self): return -1

            if __name__ == "__main__":
                real = sys.stdout
                sys.stderr = NoFd()
                kernel = Kernel(timeout=5.0)
                thread = threading.Thread(target=kernel.start)
                thread.start()
                thread.join()
                meta = scan([Path({str(folder)!r})]).get("hostile.trivial")
                result = kernel.run(meta)
                kernel.close()
                real.write(result["status"] + " alive=" + str(kernel.alive))
            """
        ),
        encoding="utf-8",
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[1])
    assert out.stdout == "passed alive=False", out.stderr


def test_the_ui_answer_check_runs_in_the_kernel_with_positive_symbols(kernel: Kernel) -> None:
    """The TUI's symbolic check (``Services.equivalence``) passes the card's positive symbols on."""
    from types import SimpleNamespace

    from studytool.tui.services import Services

    check = Services.equivalence(SimpleNamespace(proofs=SimpleNamespace(kernel=kernel)))  # type: ignore[arg-type]
    assert check("s/sqrt(B)", "sqrt(s^2/B)", ["s", "B"], [], 3.0, ["s", "B"])["equivalent"] is True
    assert check("s/sqrt(B)", "sqrt(s^2/B)", ["s", "B"], [], 3.0)["equivalent"] is False
