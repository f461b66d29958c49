"""Cache of parsed deck files, keyed by path, size, mtime and content hash.

A warm start skips YAML parsing and validation entirely: each deck file is stat-ed, read and
hashed (BLAKE2b), and its parsed :class:`Deck` and problems are unpickled from the cache folder.
The cache is a pure speed-up: any mismatch or unreadable entry falls back to parsing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from studytool import __version__
from studytool.atomic import replacing
from studytool.decks.model import Deck, Problem

#: bump when the loader's output for the same file may change
LOADER_VERSION = 2


def cache_dir() -> Path | None:
    """Folder for the deck cache (``STUDYTOOL_CACHE`` or the platform cache dir); None disables."""
    env = os.environ.get("STUDYTOOL_CACHE")
    if env is not None:
        return Path(env) if env else None
    from platformdirs import user_cache_path

    return Path(user_cache_path("studytool", appauthor=False)) / "decks"


def _entry(folder: Path, path: Path) -> Path:
    name = hashlib.blake2b(str(path.resolve()).encode(), digest_size=12).hexdigest()
    return folder / f"{name}.pickle"


def _key(path: Path, data: bytes, origin: str) -> tuple:
    st = path.stat()
    return (LOADER_VERSION, __version__, str(path), origin, st.st_size, st.st_mtime_ns,
            hashlib.blake2b(data, digest_size=16).hexdigest())


def get(path: Path, origin: str) -> tuple[Deck | None, list[Problem]] | None:
    """Cached result for ``path`` if it is still valid, else None."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        key = _key(path, path.read_bytes(), origin)
        with _entry(folder, path).open("rb") as fh:
            stored_key, value = pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    return value if stored_key == key else None


def put(path: Path, origin: str, value: tuple[Deck | None, list[Problem]]) -> None:
    """Store ``value`` for ``path`` (atomically; errors are ignored — the cache is optional)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        key = _key(path, path.read_bytes(), origin)
        with replacing(_entry(folder, path)) as tmp:
            tmp.write_bytes(pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
