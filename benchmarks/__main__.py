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


def scenario(name: str):
    def register(func: Callable[[argparse.Namespace, Path], dict[str, Any]]):
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


def py_json(args: list[str], env: dict[str, str] | None = None, timeout: float = 600) -> dict[str, Any]:
    """Run ``python ARGS`` in a fresh interpreter; parse the JSON object on its last stdout line."""
    out = subprocess.run(
        [sys.executable, *args], env={**os.environ, **(env or {})}, capture_output=True, text=True, cwd=ROOT,
        timeout=timeout,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def med(values: list[float]) -> float:
    return statistics.median(values)


def big_data(work: Path) -> tuple[Path, Path]:
    """20 000 generated cards in 40 deck files and a store with 1 000 000 review events (made once per run)."""
    from benchmarks.gen import generated_uids, write_decks, write_store

    decks, db = work / "decks20k", work / "big" / "studytool.db"
    if not decks.exists():
        write_decks(decks)
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        write_store(db, generated_uids())
        print(f"  generated 1 000 000 events in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    return decks, db


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


@scenario("tui_paint")
def tui_paint(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(2) Home screen first paint (shipped content, headless ``run_test``) vs a hello-world app; ≤ 1.3×.

    Each figure is one fresh interpreter, from before the first import to the painted screen; the two
    apps alternate so that load on the machine hits both alike. ``same_widgets_ms`` is a third app with
    the home screen's widgets and no studytool code: the part of the gap that is Textual's own work.
    """
    db = work / "paint" / "studytool.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    cmd = ["-m", "benchmarks.probe_tui", "paint"]
    py_json([*cmd, "home", str(db)])  # warm the deck/catalog cache and the .pyc files
    py_json([*cmd, "hello", str(db)])
    home, hello, widgets, hello_gc = [], [], [], []
    for _ in range(args.runs):
        hello.append(py_json([*cmd, "hello", str(db)]))
        home.append(py_json([*cmd, "home", str(db)]))
        widgets.append(py_json([*cmd, "widgets", str(db)]))
        hello_gc.append(py_json([*cmd, "hello_gc", str(db)]))
    value, base = med([r["ms"] for r in home]), med([r["ms"] for r in hello])
    heavy = sorted({m for r in home for m in r["heavy"]})
    return {
        "value_ms": value, "baseline_ms": base, "target": "≤ 1.3× hello-world",
        "ok": value <= 1.3 * base,
        "same_widgets_ms": med([r["ms"] for r in widgets]),  # home's widget set without studytool code
        # hello world started with the collector paused as studytool's launch() does it (reference)
        "hello_gc_paused_ms": med([r["ms"] for r in hello_gc]),
        # the compositor's first drawing of the screen (the figure above waits for the app to be idle)
        "first_paint_ms": med([r["first_paint_ms"] for r in home]),
        "first_paint_baseline_ms": med([r["first_paint_ms"] for r in hello]),
        "home_rss_mb": med([r["rss_mb"] for r in home]), "hello_rss_mb": med([r["rss_mb"] for r in hello]),
        "heavy_modules_in_ui": heavy,
    }


@scenario("queue_1m")
def queue_1m(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(4) Today's queue and the home counts with 20 000 cards and 1 000 000 events; ≤ 15 ms each."""
    decks, db = big_data(work)
    runs = [py_json(["-m", "benchmarks.probe_queue", str(db), str(decks)]) for _ in range(max(3, args.runs // 2))]
    queue = med([v for r in runs for v in r["queue_ms"]])
    home = med([v for r in runs for v in r["home_ms"]])
    return {
        "value_ms": queue, "baseline_ms": med([v for r in runs for v in r["baseline_ms"]]),
        "baseline": "SELECT COUNT(*) FROM cards WHERE due <= now (same database)",
        "home_ms": home, "first_queue_ms": med([r["first_queue_ms"] for r in runs]),
        "queue_len": runs[0]["queue_len"], "target": "queue ≤ 15 ms, home counts ≤ 15 ms",
        "ok": queue <= 15 and home <= 15,
    }


@scenario("answer_next")
def answer_next(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(5) Answer → next card shown in the TUI (rate 3 → scheduler + commit + queue + render); ≤ 30 ms.

    Runs on the 20 000-card / 1 000 000-event store. The figure runs from the start of the rating
    key's action to the last paint after it (Pilot's own press/pause round-trip, ~80 ms even on the
    hello-world app, is reported separately); baseline: the same on a hello-world screen.
    """
    decks, db = big_data(work)
    cmd = ["-m", "benchmarks.probe_tui", "answer"]
    review, hello = [], []
    for _ in range(max(2, args.runs // 3)):
        review.append(py_json([*cmd, "review", str(db), str(decks)]))
        hello.append(py_json([*cmd, "hello", str(db)]))
    value = med([v for r in review for v in r["in_app_ms"]])
    return {
        "value_ms": value, "baseline_ms": med([v for r in hello for v in r["in_app_ms"]]),
        "baseline": "hello-world: key action → repaint, same instrumentation",
        "max_ms": max(v for r in review for v in r["in_app_ms"]),
        "pilot_roundtrip_ms": med([v for r in review for v in r["answer_ms"]]),
        "pilot_roundtrip_hello_ms": med([v for r in hello for v in r["answer_ms"]]),
        "target": "≤ 30 ms", "ok": value <= 30,
    }


@scenario("proofs")
def proofs(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(6) Kernel cold start + first run, warm runs of every shipped proof; also (7)'s kernel memory."""
    runs = [py_json(["-m", "benchmarks.probe_proofs"]) for _ in range(max(2, args.runs // 3))]
    per_proof = {pid: med([r["warm_ms"][pid] for r in runs]) for pid in runs[0]["warm_ms"]}
    failing = sorted({pid for r in runs for pid, st in r["status"].items() if st != "passed"})
    warm, worst = med(list(per_proof.values())), max(per_proof.values())
    return {
        "value_ms": warm, "baseline_ms": med([v for r in runs for v in r["trivial_call_ms"]]),
        "baseline": "a do-nothing round-trip to the warm kernel",
        "cold_ms": med([r["cold_ms"] for r in runs]), "max_ms": worst,
        "slowest": max(per_proof, key=per_proof.get), "proofs": len(per_proof), "not_passed": failing,
        "kernel_rss_mb": max(r["kernel_rss_mb"] for r in runs),
        "target": "warm median ≤ 150 ms, every proof ≤ 2000 ms",
        "ok": warm <= 150 and worst <= 2000 and not failing,
    }


@scenario("check")
def check(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(6) Full ``studytool check`` (every proof on 2 cores) vs ``studytool check --no-proofs``; ≤ 60 s."""
    times, base = [], []
    for i in range(max(2, args.runs // 3)):
        db = ["--db", str(work / f"check{i}" / "studytool.db")]  # fresh state dir: no proof cache
        base.append(timed_cmd([sys.executable, "-m", "studytool", "check", "--no-proofs", *db], runs=1))
        times.append(timed_cmd([sys.executable, "-m", "studytool", "check", *db], runs=1))
    value = med(times)
    return {"value_ms": value, "baseline_ms": med(base), "target": "≤ 60 000 ms", "ok": value <= 60000}


@scenario("memory")
def memory(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """(7) Peak RSS (MB) of the UI process after home is painted vs a hello-world app (numpy/sympy must
    not be loaded in the UI), and of the kernel after warm-up and every shipped proof."""
    db = work / "mem" / "studytool.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    cmd = ["-m", "benchmarks.probe_tui", "paint"]
    home = [py_json([*cmd, "home", str(db)]) for _ in range(3)]
    hello = [py_json([*cmd, "hello", str(db)]) for _ in range(3)]
    heavy = sorted({m for r in home for m in r["heavy"]})
    value = max(r["rss_mb"] for r in home)
    kernel = py_json(["-m", "benchmarks.probe_proofs"])["kernel_rss_mb"]
    return {
        "value_ms": value, "baseline_ms": max(r["rss_mb"] for r in hello), "unit": "MB", "kernel_rss_mb": kernel,
        "heavy_modules_in_ui": heavy, "target": "UI ≤ 150 MB, no numpy/sympy in the UI",
        "ok": value <= 150 and not heavy,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--only", nargs="*", choices=sorted(SCENARIOS), help="run only these scenarios")
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median is reported)")
    parser.add_argument("--json", default="benchmarks/results.json", metavar="FILE", help="where to write JSON")
    args = parser.parse_args(argv)
    names = args.only or list(SCENARIOS)
    # An installed studytool has bytecode (pip compiles at install); a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would recompile every module at every start. Measure the former.
    import compileall

    compileall.compile_dir(str(ROOT / "studytool"), quiet=1)
    compileall.compile_dir(str(ROOT / "benchmarks"), quiet=1)
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "scenarios": {},
    }
    with tempfile.TemporaryDirectory(prefix="studytool-bench-") as tmp:
        work = Path(tmp)
        os.environ.setdefault("STUDYTOOL_DB", str(work / "bench.db"))
        os.environ.setdefault("STUDYTOOL_CACHE", str(work / "cache"))  # never the user's cache dir
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
        extra = "".join(
            f"  {k}={v:.1f}" for k, v in r.items()
            if k.endswith(("_ms", "_mb")) and isinstance(v, float) and k not in ("value_ms", "baseline_ms")
        )
        unit = r.get("unit", "ms")
        mark = "✓" if r["ok"] else "✗"
        print(f"{name:<22} {r['value_ms']:>10.1f}{unit} {r.get('baseline_ms', 0):>10.1f}{unit} {ratio:>7.2f}  {mark} {r['target']}{extra}")
    Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {args.json}", file=sys.stderr)
    return 0 if all(r.get("ok") for r in results["scenarios"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
