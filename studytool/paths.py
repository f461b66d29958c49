"""Where things live: shipped content, the user's data dir, the database, user deck folders."""

from __future__ import annotations

import os
from pathlib import Path

from studytool.errors import StudytoolError

APP_NAME = "studytool"
_PKG = Path(__file__).resolve().parent


def shipped_content_dir() -> Path:
    """The decks shipped with the package (inside the wheel, or ``content/`` in a checkout)."""
    inside = _PKG / "content"
    if inside.is_dir():
        return inside
    return _PKG.parent / "content"


def shipped_proofs_dir() -> Path:
    """Proof modules for the shipped decks."""
    return shipped_content_dir() / "proofs"


def data_dir() -> Path:
    """The per-user data folder (platformdirs); :func:`db_path` puts the database elsewhere when asked."""
    from platformdirs import user_data_path

    return Path(user_data_path(APP_NAME, appauthor=False))


def db_path(cli_value: str | None = None) -> Path:
    """The review database: ``--db`` beats ``STUDYTOOL_DB`` beats the platform data dir."""
    if cli_value is not None and not cli_value.strip():
        raise StudytoolError("--db needs a file path (it was empty)")
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("STUDYTOOL_DB")
    if env is not None and env and not env.strip():
        raise StudytoolError("STUDYTOOL_DB is only spaces; set it to a file path or unset it")
    if env:
        return Path(env).expanduser()
    return data_dir() / "studytool.db"


def state_dir(db: Path) -> Path:
    """Folder for files that belong with a database (backups, caches, trust records, config)."""
    return db.parent


def user_deck_dirs(cli_values: list[str] | None = None) -> list[Path]:
    """Extra deck folders: each ``--decks DIR`` plus ``STUDYTOOL_DECKS`` (``os.pathsep``-separated)."""
    dirs = [Path(v).expanduser() for v in (cli_values or [])]
    env = os.environ.get("STUDYTOOL_DECKS", "")
    dirs += [Path(v).expanduser() for v in env.split(os.pathsep) if v.strip()]
    return dirs

