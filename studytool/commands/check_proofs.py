"""The proof half of ``studytool check``: run every used proof in parallel kernels."""

from __future__ import annotations

import os
import queue
import sys
import threading
import time
from typing import Any

STATUS_COUNTER = {"passed": "passed", "failed": "failed", "timeout": "timeouts", "untrusted": "skipped"}


class _Progress:
    """A ``\\r``-updated counter line on stderr (only when enabled)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self.done, self.bad = total, enabled and total > 0, 0, 0
        self.start = time.monotonic()
        self.lock = threading.Lock()
        import shutil

        self.cols = max(20, shutil.get_terminal_size((80, 24)).columns - 1)

    def step(self, result: dict[str, Any]) -> None:
        with self.lock:
            self.done += 1
            self.bad += result.get("status") not in ("passed", "untrusted")
            if not self.enabled:
                return
            width = 24
            filled = round(width * self.done / self.total)
            bar = "█" * filled + "░" * (width - filled)
            line = f"\rproofs {bar} {self.done}/{self.total}  {self.bad} failing  {result.get('id', '')[:40]}"
            sys.stderr.write(f"{line[: self.cols + 1]:<{self.cols + 1}}")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            elapsed = time.monotonic() - self.start
            sys.stderr.write(f"\r{'':<{self.cols}}\rproofs: {self.done} run in {elapsed:.1f} s\n")
            sys.stderr.flush()


def _unpack(item: Any) -> tuple[str, dict[str, Any] | None, int | None]:
    """``id`` / ``(id, params)`` / ``(id, params, seed)`` → ``(id, params, seed)``."""
    if isinstance(item, str):
        return item, None, None
    proof_id, params, *rest = item
    return proof_id, params, rest[0] if rest else None


def run_all(
    library: Any,
    used_ids: list[str] | list[str | tuple[str, dict[str, Any]] | tuple[str, dict[str, Any], int]],
    jobs: int = 0,
    timeout: float = 10.0,
    progress: bool = False,
    cache_dir: Any = None,
) -> dict[str, Any]:
    """Run ``used_ids`` on ``jobs`` kernels (0: CPU count). An item is a proof id (default
    parameters), ``(proof id, params)`` — a card's parameter overrides — or ``(proof id, params,
    seed)``: a run with another seed for the proof's random data (never cached).

    Passed/failed results are stored in the proof cache (``cache_dir``, default: next to the
    database), so the TUI can show them at once.

    Returns ``{"passed", "failed", "errors", "timeouts", "skipped", "results"}``; results keep the
    order of ``used_ids``. Errors count ``error`` and ``crashed``; ``skipped`` counts untrusted.
    """
    from studytool.proofs.kernel import Kernel
    from studytool.proofs.service import ProofService, load_trust_check

    summary: dict[str, Any] = {"passed": 0, "failed": 0, "errors": 0, "timeouts": 0, "skipped": 0, "results": []}
    if not used_ids:
        return summary
    n = max(1, min(jobs or os.cpu_count() or 1, len(used_ids)))
    if cache_dir is None:
        from studytool.paths import db_path, state_dir

        cache_dir = state_dir(db_path()) / "proof-cache"
    trust = load_trust_check(cache_dir.parent)
    work: queue.Queue[tuple[int, Any]] = queue.Queue()
    for item in enumerate(used_ids):
        work.put(item)
    results: list[dict[str, Any] | None] = [None] * len(used_ids)
    bar = _Progress(len(used_ids), progress)
    kernels = [Kernel(timeout=timeout) for _ in range(n)]
    for k in kernels:
        k.start()  # all warm up at once

    def worker(kernel: Kernel) -> None:
        service = ProofService(library.catalog, cache_dir, kernel=kernel, trust=trust, timeout=timeout)
        while True:
            try:
                index, item = work.get_nowait()
            except queue.Empty:
                return
            proof_id, params, seed = _unpack(item)
            meta = library.catalog.get(proof_id)
            limit = max(timeout, (meta.timeout or 0) if meta else 0)  # a proof may declare more time
            result = service.run(proof_id, params or None, use_cache=False, timeout=limit, seed=seed)
            results[index] = result
            bar.step(result)

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in kernels]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        for k in kernels:
            k.close()
        bar.finish()
    for result in results:
        assert result is not None
        summary[STATUS_COUNTER.get(result["status"], "errors")] += 1
        summary["results"].append(result)
    return summary
