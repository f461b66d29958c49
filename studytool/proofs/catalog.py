"""Find proofs in proof folders by reading their source with :mod:`ast` — nothing is executed.

The UI process and ``check --no-proofs`` need each proof's id, title and parameters without
importing numpy/sympy and without running (possibly untrusted) code. Decorator arguments are
literals, so the metadata can be read statically.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from studytool.proofs.api import Param, Text


@dataclass(frozen=True)
class ProofMeta:
    """Static description of one proof."""

    id: str
    title: Text
    params: tuple[Param, ...]
    seed: int
    module_path: Path
    function: str
    line: int
    source_hash: str
    timeout: float | None = None

    @property
    def deck_dir(self) -> Path:
        """The deck folder the proof belongs to (its module sits in ``<deck dir>/proofs/``)."""
        folder = self.module_path.parent
        return folder.parent if folder.name == "proofs" else folder

    def describe(self) -> dict[str, Any]:
        """JSON-ready summary (id, title, parameters, seed, module and line)."""
        return {
            "id": self.id,
            "title": self.title,
            "params": [p.describe() for p in self.params],
            "seed": self.seed,
            "module": str(self.module_path),
            "line": self.line,
        }


@dataclass(frozen=True)
class CatalogProblem:
    file: str
    line: int
    message: str


@dataclass
class Catalog:
    """Proofs found in one or more folders, keyed by id."""

    proofs: dict[str, ProofMeta] = field(default_factory=dict)
    problems: list[CatalogProblem] = field(default_factory=list)

    def get(self, proof_id: str) -> ProofMeta | None:
        return self.proofs.get(proof_id)

    def __contains__(self, proof_id: object) -> bool:
        return proof_id in self.proofs

    def __len__(self) -> int:
        return len(self.proofs)


def _literal(node: ast.AST) -> Any:
    """``ast.literal_eval`` that also understands ``Param(...)`` calls."""
    if isinstance(node, ast.Call) and _callee(node) == "Param":
        args = [_literal(a) for a in node.args]
        kwargs = {kw.arg: _literal(kw.value) for kw in node.keywords if kw.arg}
        return Param(*args, **kwargs)
    if isinstance(node, ast.List | ast.Tuple):
        return [_literal(e) for e in node.elts]
    return ast.literal_eval(node)


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def source_digest(source: str) -> str:
    """The hash that names one version of a proof module's text (``ProofMeta.source_hash``)."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def read_module(path: Path) -> tuple[list[ProofMeta], list[CatalogProblem]]:
    """Proofs declared in one module file, and problems with their declarations."""
    problems: list[CatalogProblem] = []
    try:
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(path))
    except (OSError, UnicodeDecodeError) as exc:
        return [], [CatalogProblem(str(path), 1, f"cannot read proof module: {exc}")]
    except SyntaxError as exc:
        return [], [CatalogProblem(str(path), exc.lineno or 1, f"syntax error in proof module: {exc.msg}")]
    digest = source_digest(source)
    found: list[ProofMeta] = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for deco in node.decorator_list:
            if not (isinstance(deco, ast.Call) and _callee(deco) == "proof"):
                continue
            try:
                if len(deco.args) != 1:
                    raise ValueError("@proof takes the id as its only positional argument")
                proof_id = _literal(deco.args[0])
                kwargs = {kw.arg: _literal(kw.value) for kw in deco.keywords if kw.arg}
                params = tuple(kwargs.get("params", ()))
                if not all(isinstance(p, Param) for p in params):
                    raise ValueError("params must be a list of Param(...)")
                if "title" not in kwargs:
                    raise ValueError("@proof needs a title")
            except (ValueError, TypeError, SyntaxError) as exc:
                problems.append(
                    CatalogProblem(str(path), deco.lineno, f"@proof arguments must be literals: {exc}")
                )
                continue
            if not isinstance(proof_id, str) or proof_id.split(".")[0] != path.stem or "." not in proof_id:
                problems.append(
                    CatalogProblem(
                        str(path),
                        deco.lineno,
                        f"proof id {proof_id!r} must look like '{path.stem}.<name>' (module stem first)",
                    )
                )
                continue
            found.append(
                ProofMeta(
                    id=proof_id,
                    title=kwargs["title"],
                    params=params,
                    seed=int(kwargs.get("seed", 0)),
                    module_path=path.resolve(),
                    function=node.name,
                    line=deco.lineno,
                    source_hash=digest,
                    timeout=kwargs.get("timeout"),
                )
            )
    return found, problems


@lru_cache(maxsize=1)
def _code_version() -> str | None:
    """Hash of the code that shapes a catalog entry (this module and the proof API); read once per
    process, not once per proof module. None when the sources cannot be read (an install without
    them): then the catalog is not cached."""
    from studytool.proofs import api

    digest = hashlib.blake2b(digest_size=8)
    try:
        for module in (Path(__file__), Path(api.__file__)):
            digest.update(module.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def read_module_cached(path: Path) -> tuple[list[ProofMeta], list[CatalogProblem]]:
    """:func:`read_module` through the parsed-file cache of the decks (:mod:`studytool.decks.cache`):
    parsing every proof module's AST costs ~150 ms at each start; a hit costs a stat, read and hash."""
    from studytool.decks import cache

    code = _code_version()
    if code is None:
        return read_module(path)
    return cache.cached(path, f"proof-catalog:{code}", lambda _data: read_module(path))


def scan(folders: list[Path]) -> Catalog:
    """Catalog of every proof in ``folders`` (each a folder of ``*.py`` proof modules)."""
    catalog = Catalog()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.py")):
            if path.name.startswith("_"):
                continue
            metas, problems = read_module_cached(path)
            catalog.problems.extend(problems)
            for meta in metas:
                if meta.id in catalog.proofs:
                    other = catalog.proofs[meta.id]
                    catalog.problems.append(
                        CatalogProblem(
                            str(path), meta.line, f"duplicate proof id {meta.id!r} (also in {other.module_path}:{other.line})"
                        )
                    )
                    continue
                catalog.proofs[meta.id] = meta
    return catalog
