"""Run one proof in the current process and build its JSON result.

Only the kernel process calls this (it has numpy and sympy loaded). ``python -m
studytool.proofs.runner ID [NAME=VALUE ...]`` runs a shipped proof in-process, for proof authors.
"""

from __future__ import annotations

import importlib.util
import random
import sys
import time
import traceback
from types import ModuleType
from typing import Any

from studytool.proofs import api
from studytool.proofs.catalog import ProofMeta, source_digest

_modules: dict[tuple[str, str], ModuleType] = {}


class SourceChanged(RuntimeError):
    """The module's text on disk is no longer the text the catalog (and the trust check) saw."""


def load_module(meta: ProofMeta) -> ModuleType:
    """Import the proof module of ``meta`` (once per source hash).

    Runs exactly the text whose hash is ``meta.source_hash`` — the version the catalog read and the
    trust check approved: the file is read once, hashed, and those bytes are compiled. A file changed
    since then is refused (:class:`SourceChanged`), never run unchecked.
    """
    key = (str(meta.module_path), meta.source_hash)
    if key in _modules:
        return _modules[key]
    source = meta.module_path.read_text(encoding="utf-8")
    if source_digest(source) != meta.source_hash:
        raise SourceChanged(
            f"{meta.module_path} changed after studytool read it; restart studytool to load the new "
            "version (proofs from your own deck folders need `studytool trust DIR` again)"
        )
    name = f"studytool_proofs_{meta.module_path.parent.name}_{meta.module_path.stem}_{meta.source_hash}"
    spec = importlib.util.spec_from_loader(name, loader=None, origin=str(meta.module_path))
    if spec is None:
        raise ImportError(f"cannot import {meta.module_path}")
    module = importlib.util.module_from_spec(spec)
    module.__file__ = str(meta.module_path)
    sys.modules[name] = module
    try:
        exec(compile(source, str(meta.module_path), "exec"), module.__dict__)  # noqa: S102 - the trusted text
    except BaseException:
        sys.modules.pop(name, None)
        raise
    _modules[key] = module
    return module


def base_result(meta: ProofMeta | None, proof_id: str) -> dict[str, Any]:
    """An empty result skeleton (the JSON contract of ``studytool demo --json``)."""
    return {
        "id": proof_id,
        "title": meta.title if meta else proof_id,
        "status": "error",
        "checks": [],
        "formulas": [],
        "tables": [],
        "plots": [],
        "notes": [],
        "params": {},
        "elapsed_ms": 0,
        "error": None,
    }


def execute(meta: ProofMeta, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Run the proof ``meta`` with parameter ``overrides``; never raises for proof failures."""
    result = base_result(meta, meta.id)
    start = time.perf_counter()
    try:
        params = api.resolve_params(meta.params, overrides)
    except api.ParamError as exc:
        result["error"] = str(exc)
        return result
    result["params"] = params
    try:
        load_module(meta)
        registered = api.REGISTRY.get(meta.id)
        if registered is None:
            raise LookupError(f"{meta.module_path} did not register proof {meta.id!r}")
        random.seed(meta.seed)
        try:
            import numpy as np

            np.random.seed(meta.seed)
        except ImportError:  # pragma: no cover - numpy is a dependency
            pass
        ctx = api.ProofContext(id=meta.id, seed=meta.seed, params=params)
        registered.func(ctx, **params)
        result.update(ctx.result())
        if not ctx.checks:
            result["status"] = "error"
            result["error"] = "the proof made no checks (a proof must compare computed values with its claim)"
        else:
            result["status"] = "passed" if all(c["ok"] for c in ctx.checks) else "failed"
    except api.ParamError as exc:  # the proof refused a combination of parameters: say why, no traceback
        result["status"] = "error"
        result["error"] = str(exc)
    except Exception:  # noqa: BLE001 - any proof failure becomes a result
        result["status"] = "error"
        result["error"] = traceback.format_exc(limit=8)
    result["elapsed_ms"] = int((time.perf_counter() - start) * 1000)
    return result


def _main(argv: list[str]) -> int:
    import json

    from studytool.paths import shipped_proofs_dir
    from studytool.proofs.catalog import scan

    catalog = scan([shipped_proofs_dir()])
    if not argv:
        print("\n".join(sorted(catalog.proofs)))
        return 0
    meta = catalog.get(argv[0])
    if meta is None:
        print(f"unknown proof {argv[0]!r}", file=sys.stderr)
        return 2
    overrides = dict(a.split("=", 1) for a in argv[1:])
    res = execute(meta, overrides)
    print(json.dumps(res, ensure_ascii=False, indent=1)[:20000])
    return 0 if res["status"] == "passed" else 1


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
