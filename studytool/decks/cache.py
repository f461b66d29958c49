"""Cache of parsed deck files, keyed by path, size, mtime and content hash.

A warm start skips YAML parsing and validation entirely: each deck file is stat-ed, read and
hashed (BLAKE2b), and its parsed :class:`Deck` and problems are unpickled from the cache folder.
The proof catalog uses the same cache for the metadata of proof modules.
The cache is a pure speed-up: any mismatch or unreadable entry falls back to parsing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from studytool import __version__
from studytool.atomic import replacing

T = TypeVar("T")

#: bump when the loader's output for the same file may change
LOADER_VERSION = 8


def cache_dir() -> Path | None:
    """Folder for the deck cache (``STUDYTOOL_CACHE`` or the platform cache dir); None disables."""
    env = os.environ.get("STUDYTOOL_CACHE")
    if env is not None:
        return Path(env) if env else None
    return _platform_cache_dir(os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))


@lru_cache(maxsize=8)
def _platform_cache_dir(_xdg: str | None, _home: str | None) -> Path:
    """The platform cache folder, asked once per environment (a deck load asks ≈ 24 times)."""
    from platformdirs import user_cache_path

    return Path(user_cache_path("studytool", appauthor=False)) / "decks"


def _entry(folder: Path, path: Path) -> Path:
    name = hashlib.blake2b(str(path.resolve()).encode(), digest_size=12).hexdigest()
    return folder / f"{name}.pickle"


def _key(path: Path, st: os.stat_result, data: bytes, origin: str) -> tuple:
    return (LOADER_VERSION, __version__, str(path), origin, st.st_size, st.st_mtime_ns,
            hashlib.blake2b(data, digest_size=16).hexdigest())


def cached(path: Path, origin: str, compute: Callable[[bytes | None], T], max_bytes: int | None = None) -> T:
    """``compute(data)`` for the file at ``path``, through the cache.

    The file is read once and its bytes handed to ``compute`` (``None`` when the cache is off, the
    file is unreadable or larger than ``max_bytes`` — then ``compute`` reads or rejects it itself, so
    an oversized file is never read into memory here). Cache errors only cost a recomputation.
    """
    folder = cache_dir()
    try:
        st = path.stat()
        if folder is None or (max_bytes is not None and st.st_size > max_bytes):
            return compute(None)
        data = path.read_bytes()
    except OSError:
        return compute(None)
    key = _key(path, st, data, origin)
    entry = _entry(folder, path)
    try:
        with entry.open("rb") as fh:
            stored_key, value = pickle.load(fh)
        if stored_key == key:
            return value
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        pass
    value = compute(data)
    try:
        with replacing(entry) as tmp:
            tmp.write_bytes(pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return value


def is_cached(path: Path, origin: str) -> bool:
    """Whether the cache holds a valid entry for ``path`` (for tests and diagnostics)."""
    folder = cache_dir()
    if folder is None:
        return False
    try:
        st, data = path.stat(), path.read_bytes()
        with _entry(folder, path).open("rb") as fh:
            stored_key, _ = pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return False
    return stored_key == _key(path, st, data, origin)
