"""The proof panel with a real kernel: passing, failing and timing-out proofs; the UI stays live."""

from __future__ import annotations

import time

import pytest
from textual.widgets import Static
from tui_support import make_app, proof_deck, run_async

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


@pytest.fixture(scope="module")
def kernel():
    from studytool.proofs.kernel import Kernel

    k = Kernel(timeout=2.0, memory_mb=1024)
    k.start()
    yield k
    k.close()


@pytest.fixture
def deck_dir(tmp_path):
    return proof_deck(tmp_path / "decks")


def _status(app) -> str:
    return str(app.screen.query_one("#proof-status", Static).content)


async def _open_proof(app, pilot, uid: str) -> None:
    from textual.widgets import Input

    app.screen.query_one("#browse-search", Input).value = uid.split("/")[1]
    await pilot.pause()
    await pilot.press("down", "p")  # ↓ from the search box to the results, then the proof
    await pilot.pause()


async def _wait_done(app, pilot, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    panel = app.screen.query_one("ProofPanel")
    while panel.running and time.monotonic() < deadline:
        await pilot.pause(0.05)
    assert not panel.running, "the proof did not finish"


@run_async
async def test_passing_proof_shows_checks_and_rerun(tmp_path, deck_dir, kernel):
    app = make_app(tmp_path, screen="browse", kernel=kernel, paths=[str(deck_dir)], lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_proof(app, pilot, "tuitest/pass")
        await _wait_done(app, pilot)
        panel = app.screen.query_one("ProofPanel")
        assert panel.result["status"] == "passed"
        assert "✓ passed" in _status(app) and "2/2 checks hold" in _status(app)
        assert "one plus one is two" in _status(app)
        # n: the same proof on fresh random data (seed = own + 1000·k, as `check --seeds`)
        await pilot.press("n")
        await _wait_done(app, pilot)
        assert panel.result["seed"] == 1000 and "seed 1000 (fresh random data)" in _status(app)
        await pilot.press("n")
        await _wait_done(app, pilot)
        assert panel.result["seed"] == 2000 and panel.result["status"] == "passed"
        assert "fresh random data" in _status(app)
        # e: edit the parameters (n = 3 makes the claim false) and rerun
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "ParamsScreen"
        field = app.screen.query_one("#param-n")
        field.value = "3"
        await pilot.press("enter")
        await pilot.pause()
        await _wait_done(app, pilot)
        assert panel.result["status"] == "failed" and panel.result["params"] == {"n": 3}
        # out of range: the editor refuses, nothing runs
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#param-n").value = "99"
        await pilot.press("enter")
        await pilot.pause()
        assert "above its maximum" in str(app.screen.query_one("#params-error", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ProofScreen"


@run_async
async def test_failing_proof_shows_the_failed_check(tmp_path, deck_dir, kernel):
    app = make_app(tmp_path, screen="browse", kernel=kernel, paths=[str(deck_dir)], lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_proof(app, pilot, "tuitest/fail")
        await _wait_done(app, pilot)
        panel = app.screen.query_one("ProofPanel")
        assert panel.result["status"] == "failed"
        assert "✗ failed" in _status(app) and "0/1 checks hold" in _status(app)
        check = panel.result["checks"][0]
        assert check["claimed"] == 5 and check["computed"] == 4 and not check["ok"]


@run_async
async def test_timeout_is_shown_and_ui_stays_responsive(tmp_path, deck_dir, kernel):
    app = make_app(tmp_path, screen="browse", kernel=kernel, paths=[str(deck_dir)], lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_proof(app, pilot, "tuitest/loop")
        panel = app.screen.query_one("ProofPanel")
        assert panel.running
        # while the runaway proof runs, keys still work: cycle the language three times
        started = time.monotonic()
        for expected in ("both", "zh", "en"):
            await pilot.press("l")
            await pilot.pause()
            assert app.lang == expected
        assert time.monotonic() - started < 1.5 and panel.running
        await _wait_done(app, pilot)
        assert panel.result["status"] == "timeout"
        assert "timed out" in _status(app)
        errors = app.screen.query(".proof-error")
        assert errors and "did not finish" in str(errors.first().content)
        # r reruns (and can be cancelled with c)
        await pilot.press("r")
        await pilot.pause()
        assert panel.running
        await pilot.press("c")
        await _wait_done(app, pilot)
        assert panel.result["status"] == "cancelled"
        # the kernel is usable again afterwards
        await pilot.press("escape")
        await pilot.pause()
        await _open_proof(app, pilot, "tuitest/pass")
        await _wait_done(app, pilot)
        assert app.screen.query_one("ProofPanel").result["status"] == "passed"


def test_yes_no_claims_read_as_words_in_the_interface_language():
    from studytool.tui.widgets.proof_panel import fmt_value

    assert fmt_value(True, lang="zh") == "是" and fmt_value(False, lang="en") == "false"
    assert fmt_value([True, 0.5], lang="zh") == "[是, 0.5]"


@run_async
async def test_cancel_is_offered_only_while_a_proof_runs(tmp_path, deck_dir, kernel):
    app = make_app(tmp_path, screen="browse", kernel=kernel, paths=[str(deck_dir)], lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_proof(app, pilot, "tuitest/loop")
        await pilot.pause(0.3)
        assert app.screen.query_one("ProofPanel").running
        assert any("Cancel" in d for d in app.screen.query_one("KeyBar").descriptions())
        await pilot.press("c")
        await _wait_done(app, pilot)
        bar = app.screen.query_one("KeyBar").descriptions()
        assert not any("Cancel" in d for d in bar) and any("Rerun" in d for d in bar)


@run_async
async def test_the_params_dialog_keeps_its_buttons_on_screen_after_an_error_at_80x24(tmp_path):
    """After a validation error the message pushed Run/Cancel out of the dialog (first-use review)."""
    from textual.widgets import Input

    app = make_app(tmp_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_proof("cnn.conv_output_size", {}, edit=True)
        await pilot.pause()
        app.screen.query(Input).first().value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#params-error").display
        dialog = app.screen.query_one("#params-dialog").region
        for button in ("#apply", "#cancel"):
            region = app.screen.query_one(button).region
            assert region.height > 0 and dialog.contains_region(region) and region.bottom <= 24, button


@run_async
async def test_fresh_data_on_a_proof_without_random_data_says_the_result_is_the_same(tmp_path, deck_dir, kernel):
    """`n` on a deterministic proof claimed "fresh random data" over an identical result (first-use review)."""
    app = make_app(tmp_path, screen="browse", kernel=kernel, paths=[str(deck_dir)], lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_proof(app, pilot, "tuitest/fail")
        await _wait_done(app, pilot)
        await pilot.press("n")
        await _wait_done(app, pilot)
        assert app.screen.query_one("ProofPanel").result["seed"] == 1000
        assert "the same result — this proof uses no random data" in _status(app)
