"""Proof kernel probe (its own interpreter: the kernel uses ``spawn``, so this needs a main guard).

``python -m benchmarks.probe_proofs`` prints one JSON object: the cold figure (``Kernel().start()``
then the first ``run``), each shipped proof's warm run time and status, the kernel worker's peak
RSS (after warm-up and every proof), and the cost of a trivial round-trip to the kernel.
"""

from __future__ import annotations

import json
import resource
import time


def main() -> dict:
    from studytool.paths import shipped_content_dir
    from studytool.proofs.catalog import scan
    from studytool.proofs.kernel import Kernel

    catalog = scan([shipped_content_dir() / "proofs"])
    metas = sorted(catalog.proofs.values(), key=lambda m: m.id)
    first = metas[0]
    t = time.perf_counter()
    kernel = Kernel()
    kernel.start()
    result = kernel.run(first)
    cold_ms = (time.perf_counter() - t) * 1000
    cold_status = result["status"]
    warm: dict[str, float] = {}
    status: dict[str, str] = {}
    for meta in metas:
        t = time.perf_counter()
        result = kernel.run(meta)
        warm[meta.id] = (time.perf_counter() - t) * 1000
        status[meta.id] = result["status"]
    # a do-nothing request: the floor every warm run pays (pickle + pipe + worker loop)
    trivial = []
    for _ in range(20):
        t = time.perf_counter()
        kernel.call("studytool.answers.symbolic:equivalent", "x", "x", ["x"], [], 2.0, timeout=5.0)
        trivial.append((time.perf_counter() - t) * 1000)
    kernel.close()
    kernel_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "cold_ms": cold_ms, "cold_proof": first.id, "cold_status": cold_status, "warm_ms": warm,
        "status": status, "kernel_rss_mb": kernel_rss, "trivial_call_ms": trivial,
    }


if __name__ == "__main__":
    print(json.dumps(main()))
