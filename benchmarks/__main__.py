"""Run the benchmark scenarios; each figure is paired with a baseline measured in the same run.

Usage: ``python -m benchmarks [--only NAME ...] [--runs N] [--json FILE]``.
Results are medians of several runs (machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS: dict[str, Callable[[argparse.Namespace, Path], dict[str, Any]]] = {}


def scenario(name: str):  # noqa: ANN201
    def register(func: Callable[[argparse.Namespace, Path], dict[str, Any]]):  # noqa: ANN202
        SCENARIOS[name] = func
        return func

    return register


def timed_cmd(cmd: list[str], env: dict[str, str] | None = None, runs: int = 7) -> float:
    """Median wall time (ms) of running ``cmd`` ``runs`` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env={**os.environ, **(env or {})}, capture_output=True, check=True, cwd=ROOT)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def py_ms(code: str, env: dict[str, str] | None = None, runs: int = 5) -> list[float]:
    """Run ``code`` in fresh interpreters; the code prints one float (ms). Returns all values."""
    values = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], env={**os.environ, **(env or {})}, capture_output=True, text=True, cwd=ROOT
        )
        if out.returncode != 0:
            raise RuntimeError(out.stderr[-2000:])
        values.append(float(out.stdout.strip().splitlines()[-1]))
    return values


@scenario("cli_version")
def cli_version(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(1) ``studytool --version`` vs ``python -c pass``; target ≤ 1.5× baseline + 30 ms."""
    base = timed_cmd([sys.executable, "-c", "pass"], runs=args.runs)
    value = timed_cmd([sys.executable, "-m", "studytool", "--version"], runs=args.runs)
    return {"value_ms": value, "baseline_ms": base, "target": "≤ 1.5×baseline + 30 ms", "ok": value <= 1.5 * base + 30}


@scenario("load_20k")
def load_20k(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(3) Load 20 000 generated cards in 40 files: cold (empty cache) and warm; ≤ 2 s / ≤ 150 ms."""
    from benchmarks.gen import write_decks

    decks = work / "decks20k"
    if not decks.exists():
        write_decks(decks)
    code = (
        "import time; from pathlib import Path; t=time.perf_counter();"
        "from studytool.decks.loader import load_collection;"
        f"c=load_collection([(Path({str(decks)!r}), 'user')]); assert len(c.cards)==20000, len(c.cards);"
        "print((time.perf_counter()-t)*1000)"
    )
    colds, warms = [], []
    for i in range(max(3, args.runs // 2)):
        cache = work / f"cache{i}"
        env = {"STUDYTOOL_CACHE": str(cache)}
        colds += py_ms(code, env, runs=1)
        warms += py_ms(code, env, runs=1)
    baseline = statistics.median(py_ms(
        "import time, yaml; from pathlib import Path; t=time.perf_counter();"
        f"[yaml.load(p.read_text(), Loader=yaml.CSafeLoader) for p in sorted(Path({str(decks)!r}).glob('*.yaml'))];"
        "print((time.perf_counter()-t)*1000)", runs=3))
    cold, warm = statistics.median(colds), statistics.median(warms)
    return {
        "value_ms": cold,
        "warm_ms": warm,
        "baseline_ms": baseline,
        "baseline": "plain yaml.load with CSafeLoader of the same files (no validation)",
        "target": "cold ≤ 2000 ms, warm ≤ 150 ms",
        "ok": cold <= 2000 and warm <= 150,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--only", nargs="*", choices=sorted(SCENARIOS), help="run only these scenarios")
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median is reported)")
    parser.add_argument("--json", default="benchmarks/results.json", metavar="FILE", help="where to write JSON")
    args = parser.parse_args(argv)
    names = args.only or list(SCENARIOS)
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "scenarios": {},
    }
    with tempfile.TemporaryDirectory(prefix="studytool-bench-") as tmp:
        work = Path(tmp)
        os.environ.setdefault("STUDYTOOL_DB", str(work / "bench.db"))
        for name in names:
            print(f"running {name} …", file=sys.stderr, flush=True)
            try:
                results["scenarios"][name] = SCENARIOS[name](args, work)
            except Exception as exc:  # noqa: BLE001 - report and go on
                results["scenarios"][name] = {"error": f"{type(exc).__name__}: {exc}", "ok": False}
    print(f"{'scenario':<22} {'value':>12} {'baseline':>12} {'ratio':>7}  target")
    for name, r in results["scenarios"].items():
        if "error" in r:
            print(f"{name:<22} ERROR {r['error'][:70]}")
            continue
        ratio = r["value_ms"] / r["baseline_ms"] if r.get("baseline_ms") else float("nan")
        extra = "".join(f"  {k}={v:.1f}" for k, v in r.items() if k.endswith("_ms") and k not in ("value_ms", "baseline_ms"))
        mark = "✓" if r["ok"] else "✗"
        print(f"{name:<22} {r['value_ms']:>10.1f}ms {r.get('baseline_ms', 0):>10.1f}ms {ratio:>7.2f}  {mark} {r['target']}{extra}")
    Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.json}", file=sys.stderr)
    return 0 if all(r.get("ok") for r in results["scenarios"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
