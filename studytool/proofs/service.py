"""Run proofs by id: parameter validation, trust, the result cache, and the kernel.

The cache key is (proof id, resolved parameters, proof source hash, studytool version); each
entry is one JSON file under ``cache_dir``. Only ``passed`` / ``failed`` results are cached —
errors, timeouts and crashes are always re-run.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from studytool import __version__
from studytool.atomic import write_text
from studytool.proofs.api import ParamError, resolve_params
from studytool.proofs.catalog import Catalog, ProofMeta

TrustCheck = Callable[[ProofMeta], bool]
CACHEABLE = ("passed", "failed")


def trust_all(meta: ProofMeta) -> bool:
    """A trust check that lets every proof run (tests, proof authoring); the CLI and the UI use
    :func:`load_trust_check`. There is no default: each service says which one it uses."""
    return True


def load_trust_check(state_dir: Path | None = None) -> TrustCheck:
    """The trust check the CLI and UI use: shipped proofs always run; a user deck folder's proofs
    run once trusted (``studytool trust DIR``; records in ``state_dir``, default: beside the db)."""
    from studytool.trust import make_trust_check

    return make_trust_check(state_dir)


def cache_key(meta: ProofMeta, params: dict[str, Any]) -> str:
    """Hex digest naming the cache entry of ``meta`` run with resolved ``params``."""
    blob = json.dumps([meta.id, params, meta.source_hash, __version__], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:24]


def blank_result(proof_id: str, title: Any, status: str, error: str) -> dict[str, Any]:
    """A result that never reached the kernel (unknown id, bad parameter, untrusted)."""
    from studytool.proofs.runner import base_result

    result = base_result(None, proof_id)
    result.update(title=title, status=status, error=error)
    return result


class ProofService:
    """Runs proofs of ``catalog`` in a kernel, with a result cache under ``cache_dir``."""

    def __init__(
        self,
        catalog: Catalog,
        cache_dir: Path | None,
        kernel: Any | None = None,
        *,
        trust: TrustCheck,
        timeout: float | None = None,
    ) -> None:
        self.catalog = catalog
        self.cache_dir = cache_dir
        self.trust = trust
        self.timeout = timeout
        self._kernel = kernel
        self._owns_kernel = kernel is None
        self._lock = threading.Lock()

    # ---------------------------------------------------------------- kernel

    @property
    def kernel(self) -> Any:
        """The kernel (created on first use when none was given)."""
        with self._lock:
            if self._kernel is None:
                from studytool.proofs.kernel import Kernel

                self._kernel = Kernel(timeout=self.timeout) if self.timeout else Kernel()
            return self._kernel

    def close(self) -> None:
        """Stop the kernel if this service created it."""
        if self._owns_kernel and self._kernel is not None:
            self._kernel.close()
            self._kernel = None

    def __enter__(self) -> ProofService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- lookups

    def meta(self, proof_id: str) -> ProofMeta | None:
        return self.catalog.get(proof_id)

    def resolve(self, proof_id: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Validated parameters of ``proof_id``: defaults with ``params`` on top.

        Raises KeyError for an unknown proof, ParamError for a bad value.
        """
        meta = self.catalog.get(proof_id)
        if meta is None:
            raise KeyError(proof_id)
        return resolve_params(meta.params, params)

    def _path(self, meta: ProofMeta, params: dict[str, Any]) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / f"{meta.id}-{cache_key(meta, params)}.json"

    def cached(self, proof_id: str, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """The cached result of ``proof_id`` with ``params``, or None."""
        meta = self.catalog.get(proof_id)
        if meta is None:
            return None
        try:
            resolved = resolve_params(meta.params, params)
        except ParamError:
            return None
        path = self._path(meta, resolved)
        if path is None or not path.is_file():
            return None
        try:
            result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(result, dict) or result.get("status") not in CACHEABLE:
            return None
        result["cached"] = True
        return result

    def _store(self, meta: ProofMeta, params: dict[str, Any], result: dict[str, Any]) -> None:
        path = self._path(meta, params)
        if path is None or result.get("status") not in CACHEABLE:
            return
        try:
            write_text(path, json.dumps(result, ensure_ascii=False))
        except OSError:  # a cache that cannot be written is only slower
            pass

    # ---------------------------------------------------------------- running

    def run(
        self,
        proof_id: str,
        params: dict[str, Any] | None = None,
        use_cache: bool = True,
        timeout: float | None = None,
        seed: int | None = None,
    ) -> dict[str, Any]:
        """Result of ``proof_id`` with ``params`` (from the cache when allowed); never raises.

        ``seed`` replaces the proof's own seed (its ``ctx.rng`` draws other data); such a run is
        neither read from nor stored in the cache, and its result carries ``"seed"``.
        """
        meta = self.catalog.get(proof_id)
        if meta is None:
            return blank_result(proof_id, proof_id, "error", f"unknown proof {proof_id!r}")
        reseeded = seed is not None and seed != meta.seed
        if seed is not None and reseeded:
            meta, use_cache = replace(meta, seed=seed), False
        try:
            resolved = resolve_params(meta.params, params)
        except ParamError as exc:
            return blank_result(proof_id, meta.title, "error", str(exc))
        if not self.trust(meta):
            result = blank_result(
                proof_id, meta.title, "untrusted", f"untrusted — run `studytool trust {meta.deck_dir}`"
            )
            result["params"] = resolved
            return result
        if use_cache:
            hit = self.cached(proof_id, resolved)
            if hit is not None:
                return hit
        limit = timeout or meta.timeout or self.timeout  # None: the kernel's default
        result = self.kernel.run(meta, resolved, timeout=limit)
        result["cached"] = False
        if reseeded:
            result["seed"] = seed
        else:
            self._store(meta, resolved, result)
        return result
