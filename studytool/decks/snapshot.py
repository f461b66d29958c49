"""One cached snapshot of the loaded library, valid while none of its input files changed.

A warm start reads this one file instead of one cache entry per deck and proof module, skips the
cross-deck checks, and leaves the proof catalog unread until a proof is needed (≈ 6 → 3 ms for the
shipped content, and the catalog's modules are not imported before the first paint). Its key
names every input — each deck file, proof module and the notes' headings by path, size, mtime and
BLAKE2b hash, and the code that shapes the result — so an edit anywhere is a miss, and a miss
falls back to :mod:`studytool.decks.cache`'s per-file entries. Like that cache, it is a pure
speed-up: an unreadable or stale entry only costs a rebuild.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from studytool import __version__
from studytool.atomic import replacing
from studytool.decks.cache import LOADER_VERSION, cache_dir

#: bump when what a snapshot holds changes shape
SNAPSHOT_VERSION = 1

#: modules whose code shapes a loaded library (besides LOADER_VERSION, bumped by hand); answers/
#: checks the answer specs of the cards
_CODE = ("decks/*.py", "answers/*.py", "proofs/catalog.py", "proofs/api.py")

#: snapshots kept: one is written per distinct list of deck sources (each `check FILE`, each
#: `--decks` combination); the least recently written beyond these are removed
KEEP = 8


def proof_modules(folder: Path) -> list[Path]:
    """The proof modules of a proof folder (``*.py`` not starting with ``_``), sorted."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))


@lru_cache(maxsize=1)
def _code_version() -> str | None:
    """A hash of the code in :data:`_CODE`; None when it cannot be read (an install without
    sources): then no snapshot is used, since a code change could not be told."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(digest_size=8)
    try:
        groups = [sorted(root.glob(pattern)) for pattern in _CODE]
        if not all(groups):  # a pattern that finds nothing: the code is not there to hash
            return None
        for path in (path for group in groups for path in group):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _file_key(path: Path) -> tuple[Any, ...]:
    try:
        st = path.stat()
        data = path.read_bytes()
    except OSError:
        return (str(path), None)
    return (str(path), st.st_size, st.st_mtime_ns, hashlib.blake2b(data, digest_size=16).hexdigest())


def fingerprint(deck_files: Iterable[tuple[Path, str, list[Path]]], proof_dirs: Iterable[Path], others: Iterable[Path]) -> tuple | None:
    """The key of a library: ``(folder, origin, its deck files)`` for each source, every module of
    each proof folder, and ``others`` (the headings file). None when studytool's own code cannot be
    read: then there is no snapshot."""
    code = _code_version()
    if code is None:
        return None
    parts: list[Any] = [SNAPSHOT_VERSION, LOADER_VERSION, __version__, code]
    for folder, origin, files in deck_files:
        parts.append((str(folder), origin, folder.exists(), tuple(_file_key(p) for p in files)))
    for folder in proof_dirs:
        parts.append((str(folder), tuple(_file_key(p) for p in proof_modules(folder))))
    parts.extend(_file_key(p) for p in others)
    return tuple(parts)


def _entry(folder: Path, sources: list[str]) -> Path:
    name = hashlib.blake2b("\n".join(sources).encode(), digest_size=12).hexdigest()
    return folder / f"library-{name}.pickle"


def load(sources: list[str], key: tuple | None) -> Any | None:
    """The value stored for ``sources`` under ``key``, or None (no cache, no key, no entry, or stale)."""
    folder = cache_dir()
    if folder is None or key is None:
        return None
    import gc

    enabled = gc.isenabled()
    gc.disable()  # ≈ 10^5 small objects: collection passes while unpickling would only slow it down
    try:
        with _entry(folder, sources).open("rb") as fh:
            stored_key, value = pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    finally:
        if enabled:
            gc.enable()
    return value if stored_key == key else None


def store(sources: list[str], key: tuple | None, value: Any) -> None:
    """Keep ``value`` for ``sources`` under ``key`` (silently skipped when the cache is off or
    unwritable, or there is no key), and remove all but the :data:`KEEP` newest snapshots."""
    folder = cache_dir()
    if folder is None or key is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with replacing(_entry(folder, sources)) as tmp:
            tmp.write_bytes(pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
        _prune(folder)
    except OSError:
        pass


def _prune(folder: Path) -> None:
    """Remove the snapshots beyond the :data:`KEEP` most recently written (a cache: anything
    removed is rebuilt when needed)."""
    entries = []
    for path in folder.glob("library-*.pickle"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    for _mtime, path in sorted(entries, reverse=True)[KEEP:]:
        path.unlink(missing_ok=True)
