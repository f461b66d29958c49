"""config.toml: defaults, overrides, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from studytool.srs.config import ConfigError, StudyConfig, load_config
from tests.srs_support import make_collection


def test_defaults_without_file(tmp_path: Path) -> None:
    assert load_config(tmp_path / "s.db") == StudyConfig()


def test_overrides(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[scheduler]\ndesired_retention = 0.85\nlearning_steps = ["30s", "5m", "1h"]\n'
        "[day]\nstarts_at = 5\n[limits]\nnew_per_day = 7\n[limits.decks.beta]\nnew_per_day = 1\n",
        encoding="utf-8",
    )
    cfg = load_config(tmp_path / "s.db")
    assert cfg.desired_retention == 0.85 and cfg.learning_steps == (30, 300, 3600) and cfg.day_starts_at == 5
    assert cfg.limits("alpha").new_per_day == 7 and cfg.limits("beta").new_per_day == 1
    from studytool.srs.study import Study

    s = Study.open(tmp_path / "s.db", make_collection())
    assert s.config == cfg and s.counts()["beta"]["new"] == 1 and s.counts()["alpha"]["new"] == 6
    assert s.preview("alpha/c0")[3].total_seconds() == 300
    s.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[scheduler\n", "TOML"),
        ("[scheduler]\ndesired_retention = 2\n", "between 0.70 and 0.99"),
        ('[scheduler]\nlearning_steps = ["soon"]\n', "duration"),
        ("[scheduler]\nrelearning_steps = [0.4]\n", "at least 1 second"),  # rounded to a 0 s step before
        ("[scheduler]\nleech_threshold = 0\n", "leech_threshold must be at least 1"),
        ("[limits]\nnew_per_day = -1\n", "0 or more"),
        ("[limits]\nnew_perday = 3\n", "unknown key"),
        ("[day]\nstarts_at = 30\n", "0-23"),
        ('[limits]\nreviews_per_day = "many"\n', "wrong type"),
    ],
)
def test_errors_name_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(tmp_path / "s.db")
    assert "config.toml" in str(info.value) and info.value.exit_code == 2


def test_a_config_folder_is_an_error_not_silently_ignored(tmp_path) -> None:
    import pytest

    from studytool.srs.config import ConfigError, load_config

    (tmp_path / "config.toml").mkdir()
    with pytest.raises(ConfigError, match="is a folder"):
        load_config(tmp_path / "studytool.db")
