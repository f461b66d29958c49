"""Study configuration: scheduler settings, daily limits (per deck), day boundary.

Read from ``config.toml`` next to the database (see ``docs/scheduling.md``)::

    [scheduler]
    desired_retention = 0.9
    learning_steps = ["1m", "10m"]
    relearning_steps = ["10m"]
    maximum_interval = 36500      # days
    fuzz = true
    leech_threshold = 8

    [day]
    starts_at = 4                 # local hour at which a new study day begins

    [limits]
    new_per_day = 20
    reviews_per_day = 200

    [limits.decks.activations]    # per-deck overrides
    new_per_day = 5
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studytool.errors import StudytoolError

CONFIG_NAME = "config.toml"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class ConfigError(StudytoolError):
    """A problem in ``config.toml`` (exit code 2)."""


@dataclass(frozen=True)
class DeckLimits:
    new_per_day: int
    reviews_per_day: int


@dataclass(frozen=True)
class StudyConfig:
    """Everything that shapes scheduling and queues. Defaults follow Anki/FSRS conventions."""

    desired_retention: float = 0.90
    learning_steps: tuple[int, ...] = (60, 600)  # seconds
    relearning_steps: tuple[int, ...] = (600,)
    maximum_interval: int = 36500  # days
    fuzz: bool = True
    leech_threshold: int = 8
    day_starts_at: int = 4
    learn_ahead_minutes: int = 20
    new_per_day: int = 20
    reviews_per_day: int = 200
    deck_limits: dict[str, DeckLimits] = field(default_factory=dict)

    def limits(self, deck: str) -> DeckLimits:
        return self.deck_limits.get(deck, DeckLimits(self.new_per_day, self.reviews_per_day))


def parse_duration(value: Any, where: str) -> int:
    """``"10m"`` / ``"1h"`` / ``90`` (seconds) → seconds."""
    if isinstance(value, bool):
        raise ConfigError(f"{where}: expected a duration like \"10m\", got {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        m = _DURATION.match(str(value))
        if not m:
            raise ConfigError(f"{where}: expected a duration like \"1m\", \"10m\", \"1h\" or \"1d\", got {value!r}")
        seconds = float(m.group(1)) * _UNIT[m.group(2)]
    if round(seconds) < 1:
        raise ConfigError(f"{where}: a step must be at least 1 second, got {value!r}")
    return int(round(seconds))


def scheduler_problem(retention: float, steps: list[int], maximum_interval: int, leech_threshold: int) -> str | None:
    """What is wrong with these scheduler settings, or None — the one rule for a ``config.toml`` and
    for the params lines of an imported history (which must be settings a config could have made)."""
    if not 0.7 <= retention <= 0.99:
        return f"desired_retention must be between 0.70 and 0.99, got {retention}"
    if any(step < 1 for step in steps):
        return f"learning and relearning steps must be at least 1 second, got {min(steps)}"
    if maximum_interval < 1:
        return f"maximum_interval must be at least 1 (days), got {maximum_interval}"
    if leech_threshold < 1:
        return f"leech_threshold must be at least 1, got {leech_threshold}"
    return None


def _get(table: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any) -> Any:
    if key not in table:
        return default
    value = table[key]
    if isinstance(value, bool) and kind is not bool:
        raise ConfigError(f"{where}.{key}: expected a number, got {value!r}")
    if not isinstance(value, kind):
        raise ConfigError(f"{where}.{key}: wrong type {type(value).__name__} ({value!r})")
    return value


def _unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise ConfigError(f"{where}: unknown key(s) {extra} (allowed: {sorted(allowed)})")


def config_from_dict(data: dict[str, Any], path: str = CONFIG_NAME) -> StudyConfig:
    """Validate a parsed TOML document; errors name the file and key."""
    _unknown(data, {"scheduler", "day", "limits"}, path)
    sched = data.get("scheduler", {})
    day = data.get("day", {})
    limits = data.get("limits", {})
    for name, table in (("scheduler", sched), ("day", day), ("limits", limits)):
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [{name}] must be a table")
    w = f"{path}: [scheduler]"
    _unknown(sched, {"desired_retention", "learning_steps", "relearning_steps", "maximum_interval", "fuzz", "leech_threshold"}, w)
    retention = float(_get(sched, "desired_retention", (int, float), w, 0.9))
    steps: dict[str, tuple[int, ...]] = {}
    for key, default in (("learning_steps", (60, 600)), ("relearning_steps", (600,))):
        raw = _get(sched, key, list, w, None)
        steps[key] = default if raw is None else tuple(parse_duration(v, f"{w}.{key}") for v in raw)
    max_ivl = _get(sched, "maximum_interval", int, w, 36500)
    leech = _get(sched, "leech_threshold", int, w, 8)
    problem = scheduler_problem(retention, [*steps["learning_steps"], *steps["relearning_steps"]], max_ivl, leech)
    if problem:
        raise ConfigError(f"{w}.{problem}")
    wd = f"{path}: [day]"
    _unknown(day, {"starts_at", "learn_ahead_minutes"}, wd)
    starts = _get(day, "starts_at", int, wd, 4)
    if not 0 <= starts <= 23:
        raise ConfigError(f"{wd}.starts_at must be an hour 0-23, got {starts}")
    ahead = _get(day, "learn_ahead_minutes", int, wd, 20)
    wl = f"{path}: [limits]"
    _unknown(limits, {"new_per_day", "reviews_per_day", "decks"}, wl)
    new = _get(limits, "new_per_day", int, wl, 20)
    rev = _get(limits, "reviews_per_day", int, wl, 200)
    for key, v in (("new_per_day", new), ("reviews_per_day", rev)):
        if v < 0:
            raise ConfigError(f"{wl}.{key} must be 0 or more, got {v}")
    decks: dict[str, DeckLimits] = {}
    for deck_id, table in _get(limits, "decks", dict, wl, {}).items():
        wdk = f"{path}: [limits.decks.{deck_id}]"
        if not isinstance(table, dict):
            raise ConfigError(f"{wdk} must be a table")
        _unknown(table, {"new_per_day", "reviews_per_day"}, wdk)
        dn = _get(table, "new_per_day", int, wdk, new)
        dr = _get(table, "reviews_per_day", int, wdk, rev)
        if dn < 0 or dr < 0:
            raise ConfigError(f"{wdk}: limits must be 0 or more")
        decks[deck_id] = DeckLimits(dn, dr)
    return StudyConfig(
        desired_retention=retention,
        learning_steps=steps["learning_steps"],
        relearning_steps=steps["relearning_steps"],
        maximum_interval=max_ivl,
        fuzz=bool(_get(sched, "fuzz", bool, w, True)),
        leech_threshold=leech,
        day_starts_at=starts,
        learn_ahead_minutes=ahead,
        new_per_day=new,
        reviews_per_day=rev,
        deck_limits=decks,
    )


def load_config(db_path: Path) -> StudyConfig:
    """``config.toml`` beside the database, or the defaults when there is none."""
    path = Path(db_path).parent / CONFIG_NAME
    if path.is_dir():
        raise ConfigError(f"{path} is a folder; the settings file must be a TOML file (see docs/scheduling.md)")
    if not path.is_file():
        return StudyConfig()
    import tomllib  # only when there is a file: 3 ms of start-up otherwise
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc} — fix the TOML syntax (see docs/scheduling.md)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    return config_from_dict(data, str(path))
