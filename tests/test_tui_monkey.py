"""Monkey test: hundreds of random keys across every screen must never crash the app."""

from __future__ import annotations

import random

import pytest
from tui_support import make_app, run_async

pytestmark = pytest.mark.timeout(180)

KEYS = [*"rqibtlupsebn1234?cx/ ", "space", "enter", "escape", "tab", "down", "up", "left", "right",
        "ctrl+r", "ctrl+n", "ctrl+o", "ctrl+l", "ctrl+s", "backspace", "pagedown"]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
@run_async
async def test_random_keys_never_crash(tmp_path, seed):
    rng = random.Random(seed)
    app = make_app(tmp_path, lang=rng.choice(["zh", "en", "both"]), interview_questions=3, quiz_questions=4)
    pressed = 0
    async with app.run_test(size=rng.choice([(80, 24), (120, 40)])) as pilot:
        await pilot.pause()
        while pressed < 300:
            key = rng.choice(KEYS)
            await pilot.press(key)
            pressed += 1
            if pressed % 25 == 0:
                await pilot.pause()
            assert app.return_code in (None, 0), f"crashed after {pressed} keys (last {key!r})"
        assert app.is_running
