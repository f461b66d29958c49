"""Trust for user deck folders that contain proof code.

Shipped proofs are trusted. A user deck folder's ``proofs/*.py`` runs only after
``studytool trust DIR``, which records a hash of all its proof code in ``trust.json`` beside the
database. Changed code (a different hash) is untrusted again until the user re-trusts it.
Decks from an untrusted folder still load and can be studied; only their proofs do not run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studytool.atomic import write_text
from studytool.errors import StudytoolError
from studytool.paths import db_path, shipped_content_dir, state_dir

if TYPE_CHECKING:
    from studytool.proofs.catalog import ProofMeta


def trust_file(folder: Path | None = None) -> Path:
    """``trust.json`` in ``folder`` (default: the database's folder)."""
    return (folder or state_dir(db_path())) / "trust.json"


def code_hash(deck_dir: Path) -> str:
    """Hash of every proof module in ``deck_dir/proofs`` (names and contents)."""
    digest = hashlib.sha256()
    proofs = deck_dir / "proofs"
    for path in sorted(proofs.glob("*.py")) if proofs.is_dir() else []:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise StudytoolError(f"{path}: unreadable trust file ({exc}); delete it and re-run `studytool trust DIR`") from None
    return data if isinstance(data, dict) else {}


def _write(path: Path, data: dict[str, Any]) -> None:
    try:
        write_text(path, json.dumps(data, indent=2, ensure_ascii=False))
    except OSError as exc:
        raise StudytoolError(f"{path}: cannot write the trust file ({exc.strerror})") from None


def trust(deck_dir: Path, folder: Path | None = None) -> str:
    """Record the current proof code of ``deck_dir`` as trusted; returns the hash."""
    deck_dir = deck_dir.resolve()
    if not deck_dir.is_dir():
        raise StudytoolError(f"{deck_dir}: not a folder")
    path = trust_file(folder)
    data = _read(path)
    data[str(deck_dir)] = code_hash(deck_dir)
    _write(path, data)
    return data[str(deck_dir)]


def revoke(deck_dir: Path, folder: Path | None = None) -> bool:
    """Forget the trust for ``deck_dir``; False when it was not trusted."""
    path = trust_file(folder)
    data = _read(path)
    removed = data.pop(str(deck_dir.resolve()), None) is not None
    _write(path, data)
    return removed


def status(deck_dir: Path, folder: Path | None = None) -> str:
    """``shipped``, ``trusted``, ``changed`` (trusted once, code differs now), ``untrusted``."""
    deck_dir = deck_dir.resolve()
    if deck_dir == shipped_content_dir().resolve():
        return "shipped"
    recorded = _read(trust_file(folder)).get(str(deck_dir))
    if recorded is None:
        return "untrusted"
    return "trusted" if recorded == code_hash(deck_dir) else "changed"


def trusted_dirs(folder: Path | None = None) -> dict[str, str]:
    """Trusted folder -> recorded code hash."""
    return dict(_read(trust_file(folder)))


def make_trust_check(folder: Path | None = None) -> Callable[[ProofMeta], bool]:
    """A ``ProofMeta -> bool`` check for the proof service.

    Asked afresh before every run (no memo: a long session must notice code edited after its first
    run), and for a user folder it also requires the module on disk to be the very text the catalog
    read (``meta.source_hash``) — the kernel then runs only that text (:func:`runner.load_module`).
    """
    from studytool.proofs.catalog import source_digest

    def check(meta: ProofMeta) -> bool:
        state = status(meta.deck_dir, folder)
        if state == "shipped":
            return True
        if state != "trusted":
            return False
        try:
            return source_digest(meta.module_path.read_text(encoding="utf-8")) == meta.source_hash
        except (OSError, UnicodeDecodeError):
            return False

    return check
