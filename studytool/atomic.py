"""Replace files atomically: write a temporary file beside the target, then rename it into place.

Readers see the old file or the new one, never half of one; a failed write leaves no temporary
file behind. Errors are plain ``OSError`` — callers phrase them for the user.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
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
    """A temporary path for the block to write, then moved onto ``path`` when the block succeeds
    (removed when it fails). ``fsync`` flushes it to disk first.

    A symlink is followed (the file it points to is replaced, the link stays). A device or a pipe
    (``/dev/stdout``) is written through instead of being replaced."""
    path = Path(path)
    if is_special(path):
        fd, name = tempfile.mkstemp(prefix=".studytool-", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        try:
            yield tmp
            stream = _std_stream(path)
            if stream is not None:  # our own stdout/stderr: through the open stream, at its position
                with open(tmp, "rb") as src:
                    sys.stdout.flush()
                    shutil.copyfileobj(src, stream)
                    stream.flush()
            else:  # a device or a pipe
                with open(tmp, "rb") as src, open(path, "ab") as dst:
                    shutil.copyfileobj(src, dst)
        finally:
            tmp.unlink(missing_ok=True)
        return
    path = Path(os.path.realpath(path))
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


def _std_stream(path: Path):  # noqa: ANN202 - a binary stream or None
    """``sys.stdout``/``sys.stderr`` (binary) when ``path`` names one of them."""
    name = str(path)
    if name in ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"):
        return sys.stdout.buffer
    if name in ("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"):
        return sys.stderr.buffer
    return None


def is_special(path: Path) -> bool:
    """Whether ``path`` is written through rather than replaced: a stream such as ``/dev/stdout``
    (even when the shell pointed it at a regular file), or, after symlinks, an existing file that is
    neither a regular file nor a folder (a device, a pipe)."""
    if str(path).startswith(("/dev/", "/proc/self/fd/")):
        return Path(path).exists()
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_text(path: Path, text: str, *, fsync: bool = False) -> None:
    """Replace ``path`` with ``text`` (UTF-8)."""
    with replacing(path, fsync=fsync) as tmp:
        tmp.write_text(text, encoding="utf-8")
