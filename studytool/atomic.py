"""Replace files atomically: write a temporary file beside the target, then rename it into place.

Readers see the old file or the new one, never half of one; a failed write leaves no temporary
file behind. Errors are plain ``OSError`` — callers phrase them for the user.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def prepare_target(path: Path) -> None:
    """Create ``path``'s folder; ``IsADirectoryError`` when ``path`` itself is a folder."""
    if path.is_dir():
        raise IsADirectoryError(21, "Is a folder; give a file name", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)


@contextmanager
def replacing(path: Path, *, fsync: bool = False) -> Iterator[Path]:
    """A temporary path beside ``path`` (not created yet) for the block to write; renamed onto
    ``path`` when the block succeeds, removed when it fails. ``fsync`` flushes it to disk first."""
    prepare_target(path)
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        yield tmp
        if fsync:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str, *, fsync: bool = False) -> None:
    """Replace ``path`` with ``text`` (UTF-8)."""
    with replacing(path, fsync=fsync) as tmp:
        tmp.write_text(text, encoding="utf-8")
