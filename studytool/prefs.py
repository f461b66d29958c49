"""UI preferences kept between runs (``ui.json`` beside the database): the language for now."""

from __future__ import annotations

import json
from pathlib import Path

LANGS = ("zh", "en", "both")


def prefs_file(db_path: Path) -> Path:
    return db_path.parent / "ui.json"


def load_lang(db_path: Path | None) -> str | None:
    """The language saved by the last run, or None (missing or unreadable file: ignored)."""
    if db_path is None:
        return None
    try:
        data = json.loads(prefs_file(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    lang = data.get("lang") if isinstance(data, dict) else None
    return lang if lang in LANGS else None


def save_lang(db_path: Path | None, lang: str) -> None:
    """Remember ``lang`` for the next run (best effort: a read-only folder is not an error)."""
    if db_path is None or lang not in LANGS:
        return
    from studytool.atomic import write_text

    try:
        write_text(prefs_file(db_path), json.dumps({"lang": lang}) + "\n")
    except OSError:
        pass
