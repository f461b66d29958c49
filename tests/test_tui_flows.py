"""Pilot tests: every screen's main flow, driven by keys, checked against the store."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, SelectionList, Static
from tui_support import FakeKernel, make_app, run_async

from studytool.latex import render_math

pytestmark = pytest.mark.timeout(120)


def _static_text(app, selector: str) -> str:
    """The plain text a Static shows (Rich renderables rendered at width 200)."""
    import io

    from rich.console import Console

    content = app.screen.query_one(selector, Static).content
    if isinstance(content, str):
        return content
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


@run_async
async def test_home_shows_decks_counts_and_opens_screens(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one("#deck-tree")
        labels = [str(n.label) for n in tree.root.children]
        assert any("机器学习基础" in label for label in labels)
        assert any("深度学习基础" in label for label in labels)
        total_new = sum(c["new"] for c in app.services.study.counts().values())
        assert str(total_new) in str(tree.root.label)
        for key, name in (("b", "BrowseScreen"), ("t", "StatsScreen"), ("r", "ReviewScreen")):
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == name
            await pilot.press("escape")
            if name == "BrowseScreen":  # the first escape leaves the search box
                await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"


@run_async
async def test_home_actions_run_by_click_and_by_enter_or_space_when_focused(tmp_path):
    from studytool.tui.widgets.action_menu import ActionMenu

    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one(ActionMenu)
        assert [a for a, _ in menu.items] == ["review", "quiz", "interview", "browse", "stats"]
        drawn = ["".join(seg.text for seg in menu.render_line(y)).rstrip() for y in range(9)]
        assert drawn == ["  r  Review", "", "  q  Quiz", "", "  i  Interview", "", "  b  Browse", "", "  t  Stats"]
        await pilot.click(ActionMenu, offset=(5, 2 * 3))  # the fourth item: browse
        await pilot.pause()
        assert type(app.screen).__name__ == "BrowseScreen"
        await pilot.press("escape", "escape")  # the first leaves the search box
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.click(ActionMenu, offset=(5, 1))  # the blank line between two items: nothing
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        menu = app.screen.query_one(ActionMenu)
        menu.focus()
        await pilot.press("end")  # not a menu key: nothing moves
        for key, moves, name in (("enter", ["down", "down", "down", "down"], "StatsScreen"), ("space", ["up"] * 3, "QuizScreen")):
            await pilot.press(*moves)
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == name, (key, moves)
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "HomeScreen"
        assert app.focused is menu and menu.highlighted == 1  # focus came back where it was
        await pilot.press("up", "up", "up")  # stops at the first item
        assert menu.highlighted == 0
        app.screen.query_one("#deck-tree").focus()
        await pilot.press("tab")  # from the tree, tab reaches the actions
        await pilot.pause()
        assert app.focused is menu


@run_async
async def test_review_rate_is_stored_then_undo(tmp_path):
    app = make_app(tmp_path, screen="review", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        first = screen.card.uid
        assert not screen.query_one("#rating-bar").display
        await pilot.press("3")  # not revealed yet: ignored
        assert app.services.study.card_state(first) is None
        await pilot.press("space")
        await pilot.pause()
        bar = screen.query_one("#rating-bar")
        assert bar.display
        assert "Good" in str(bar.query_one("#rate-3").label) and "m" in str(bar.query_one("#rate-3").label)
        await pilot.press("3")
        await pilot.pause()
        state = app.services.study.card_state(first)
        assert state is not None and state.reps == 1 and state.last_rating == 3
        assert screen.done == 1 and screen.card.uid != first
        await pilot.press("u")
        await pilot.pause()
        assert screen.card.uid == first and not screen.revealed and screen.done == 0
        state = app.services.study.card_state(first)
        assert state is None or state.reps == 0


@run_async
async def test_an_empty_queue_says_when_the_next_learning_step_is_due_and_then_shows_it(tmp_path):
    """Anki says "next card due in N min"; studytool said only "nothing left today" (first-use wish)."""
    from dataclasses import replace
    from datetime import timedelta

    from tui_support import FIXED_NOW

    app = make_app(tmp_path, screen="review", lang="en", decks=["activations"])
    study = app.services.study
    study.config = replace(study.config, learn_ahead_minutes=0, new_per_day=1)  # one new card; no learn-ahead
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.card is not None
        first = screen.card.uid
        await pilot.press("space", "3")  # Good on a new card: its next learning step is 10 minutes away
        await pilot.pause()
        assert screen.card is None
        card_q = _static_text(app, "#card-q")
        assert "The next learning step is due in 10m" in card_q and screen._wake is not None
        study._now = lambda: FIXED_NOW + timedelta(minutes=11)
        screen._woken()  # what the timer does when the step falls due
        await pilot.pause()
        assert screen.card is not None and screen.card.uid == first


@run_async
async def test_review_suspend_and_bury_remove_cards_from_the_queue(tmp_path):
    app = make_app(tmp_path, screen="review")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        first = screen.card.uid
        await pilot.press("s")
        await pilot.pause()
        assert app.services.study.card_state(first).suspended
        second = screen.card.uid
        await pilot.press("b")
        await pilot.pause()
        assert app.services.study.card_state(second).buried
        queue = app.services.study.queue()
        assert first not in queue and second not in queue
        assert screen.card.uid not in (first, second)
        await pilot.press("space", "3")  # one rating: done 1
        await pilot.pause()
        assert screen.done == 1
        for expected_done in (0, 0, 0):  # undo the rating, the bury, the suspension
            await pilot.press("u")
            await pilot.pause()
            assert screen.done == expected_done
        assert screen.card.uid == first and not app.services.study.card_state(first)


@run_async
async def test_undo_says_what_it_undid_and_keeps_the_cram_round(tmp_path):
    app = make_app(tmp_path, screen="review", cram=True, decks=["cnn"], lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        round_size = len(screen.cram)
        first = screen.card.uid
        await pilot.press("space", "3")
        await pilot.pause()
        assert len(screen.cram) == round_size - 1
        notes = []
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("u")
        await pilot.pause()
        assert screen.card.uid == first and len(screen.cram) == round_size and screen.done == 0
        from studytool.latex import render_math

        question = " ".join(render_math(app.services.card(first).shown_q().en).split())
        assert len(notes) == 1 and notes[0].startswith(f"Undid the rating of “{question[:10]}")  # by its question
        bar = screen.query_one("KeyBar").descriptions()
        assert any("Suspend" in d for d in bar)
        for _ in range(round_size):  # finish the round: on the "all done" screen s and b are gone
            await pilot.press("space", "3")
            await pilot.pause()
        assert screen.card is None
        bar = screen.query_one("KeyBar").descriptions()
        assert not any("Suspend" in d or "Bury" in d for d in bar)


@run_async
async def test_review_language_cycles(tmp_path):
    app = make_app(tmp_path, screen="review", lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = app.screen.card
        assert card.q.zh.split("$")[0][:4] in _static_text(app, "#card-q")
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en"
        assert card.q.en.split("$")[0][:6] in _static_text(app, "#card-q")
        await pilot.press("l")
        assert app.lang == "both"


@run_async
async def test_quiz_right_and_wrong_feed_the_scheduler(tmp_path):
    uid = "activations/sigmoid-derivative-max"
    app = make_app(tmp_path, screen="quiz", cards=[uid, uid], quiz_questions=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.card.uid == uid
        await pilot.click("#quiz-input")
        await pilot.press(*"0.25", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.answered[-1].status == "correct"
        assert "✓ 正确" in _static_text(app, "#quiz-feedback")  # zh chrome (the app's language)
        assert app.services.study.card_state(uid).last_rating == 3
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"0.5", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.answered[-1].status == "incorrect"
        feedback = _static_text(app, "#quiz-feedback")
        assert "✗ 错误" in feedback and "期望答案" in feedback and "0.25" in feedback
        assert app.services.study.card_state(uid).last_rating == 1
        await pilot.press("l")  # the feedback is redrawn in English, the answer is not logged again
        await pilot.pause()
        feedback = _static_text(app, "#quiz-feedback")
        assert "✗ incorrect" in feedback and "expected" in feedback and len(screen.answered) == 2
        assert "score 1/2" in _static_text(app, "#quiz-progress")
        assert app.services.study.store.conn.execute("select count(*) from events").fetchone()[0] == 2
        await pilot.press("l", "l")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "测验结束：2 题答对 1 题" in _static_text(app, "#quiz-progress")
        results = _static_text(app, "#quiz-question")
        assert "题目" in results and uid not in results  # the question, not the card's id
        bar = screen.query_one("KeyBar").descriptions()
        assert not any(word in d for d in bar for word in ("下一题", "证明", "改参数"))  # no dead keys
        assert [a.shown for a in screen.answered] == [None, None]  # a numeric card: no option order to keep


@run_async
async def test_quiz_says_it_feeds_the_schedule_before_the_first_answer_and_ctrl_t_makes_it_practice(tmp_path):
    """A first-use review: a TUI quiz moved 18 new cards into learning and said so only at the end."""
    uid = "activations/sigmoid-derivative-max"
    app = make_app(tmp_path, screen="quiz", cards=[uid, uid], quiz_questions=2, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "counts toward your schedule" in _static_text(app, "#quiz-progress")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "practice: schedule unchanged" in _static_text(app, "#quiz-progress")
        await pilot.click("#quiz-input")
        await pilot.press(*"0.25", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.services.study.card_state(uid) is None or not app.services.study.card_state(uid).reps
        await pilot.press("ctrl+t", "n")  # the second answer counts
        await pilot.pause()
        assert "counts toward your schedule" in _static_text(app, "#quiz-progress")
        await pilot.press(*"0.25", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.services.study.card_state(uid).reps == 1
        modes = [r[0] for r in app.services.study.store.conn.execute("select mode from events order by seq")]
        assert modes == ["cram", "quiz"]
        await pilot.press("n")
        await pilot.pause()
        assert "1 of 2 answers were logged to the scheduler" in _static_text(app, "#quiz-feedback")
        assert not screen.check_action("toggle_practice", ())  # the quiz is over


def _schedule(app, uid: str) -> tuple:
    state = app.services.study.card_state(uid)
    return (state.state, state.step, state.due, state.stability, state.difficulty, state.reps, state.lapses)


@run_async
async def test_quiz_r_at_the_end_asks_the_missed_ones_again_as_practice(tmp_path):
    """A first-use wish: after a quiz, go over the questions just missed (Anki's "study forgotten")."""
    right, wrong = "activations/sigmoid-derivative-max", "activations/tanh-range"
    app = make_app(tmp_path, screen="quiz", cards=[right, wrong], quiz_questions=2, lang="en", seed=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.check_action("retry", ())  # nothing to retry during the quiz
        for uid in (right, wrong):
            assert screen.card.uid == uid
            await pilot.click("#quiz-input")
            await pilot.press(*("0.25" if uid == right else "?"), "enter")  # the second: "I don't know"
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
        assert "r: retry the one you missed" in _static_text(app, "#quiz-feedback")
        assert screen.check_action("retry", ())
        states = {uid: _schedule(app, uid) for uid in (right, wrong)}
        await pilot.press("r")
        await pilot.pause()
        assert [c.uid for c in screen.cards] == [wrong] and screen.card.uid == wrong
        assert "retrying the missed ones (round 1): practice" in _static_text(app, "#quiz-progress")
        assert not screen.check_action("toggle_practice", ())  # a retry round is practice, always
        await pilot.click("#quiz-input")
        await pilot.press("?", "enter")  # missed again
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "without changing the schedule" in _static_text(app, "#quiz-feedback")
        assert "r: retry the one you missed" in _static_text(app, "#quiz-feedback")
        assert {uid: _schedule(app, uid) for uid in (right, wrong)} == states  # schedule untouched
        modes = [r[0] for r in app.services.study.store.conn.execute("select mode from events order by seq")]
        assert modes == ["quiz", "quiz", "cram"]
        await pilot.press("r")  # round 2
        await pilot.pause()
        assert "round 2" in _static_text(app, "#quiz-progress")
        await pilot.click("#quiz-input")
        await pilot.press(*"false", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "retry" not in _static_text(app, "#quiz-feedback") and not screen.check_action("retry", ())


@run_async
async def test_quiz_dont_know_on_a_choice_card_logs_the_option_order_shown(tmp_path):
    """Found by a code review: the TUI built its own "I don't know" verdict and dropped the order the
    options were shown in, which the plain quiz (and docs/scheduling.md) keep in the log."""
    import json

    uid = "kmeans/kmeans-update-mean"
    app = make_app(tmp_path, screen="quiz", cards=[uid], quiz_questions=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.card.uid == uid and screen.shown is not None
        await pilot.click("#quiz-input")
        await pilot.press("question_mark", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.answered[-1].status == "incorrect"
        row = app.services.study.store.conn.execute("select rating, data from events").fetchone()
        assert row[0] == 1
        data = json.loads(row[1])
        assert data["input"] == "?" and data["verdict"] == "incorrect"
        assert data["shown_order"] == list(screen.shown)
        await pilot.press("enter")  # the summary names the "?" for what it is
        await pilot.pause()
        assert "（不知道）" in _static_text(app, "#quiz-question")


@run_async
async def test_quiz_results_follow_the_language_with_their_expected_answers(tmp_path):
    uid = "kmeans/kmeans-heldout-inertia"  # a true/false card: expected "错 (false)" in zh, "false" in en
    app = make_app(tmp_path, screen="quiz", cards=[uid], quiz_questions=1)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#quiz-input")
        await pilot.press(*"t", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "错 (false)" in _static_text(app, "#quiz-question")
        assert "（不知道）" not in _static_text(app, "#quiz-question")  # "t" was typed, not "?"
        await pilot.press("l")
        await pilot.pause()
        results = _static_text(app, "#quiz-question")
        assert "question" in results and "错" not in results and "false" in results


@run_async
async def test_quiz_feedback_redrawn_in_english_shows_the_english_expected_answer(tmp_path):
    uid = "kmeans/kmeans-heldout-inertia"  # true/false: "错 (false)" in zh
    app = make_app(tmp_path, screen="quiz", cards=[uid], quiz_questions=1)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#quiz-input")
        await pilot.press(*"t", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "错 (false)" in _static_text(app, "#quiz-feedback")
        await pilot.press("l")  # zh → en while the verdict is on screen
        await pilot.pause()
        feedback = _static_text(app, "#quiz-feedback")
        assert "false" in feedback and "错" not in feedback


@run_async
async def test_quiz_invalid_input_is_asked_again_and_not_logged(tmp_path):
    uid = "activations/sigmoid-derivative-max"
    app = make_app(tmp_path, screen="quiz", cards=[uid], quiz_questions=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#quiz-input")
        await pilot.press(*"banana", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.answered == []
        assert app.services.study.card_state(uid) is None
        assert not app.screen.query_one("#quiz-input", Input).disabled


@run_async
async def test_interview_to_the_report(tmp_path):
    app = make_app(tmp_path, screen="interview", interview_questions=2)
    async with app.run_test(size=(80, 24)) as pilot:  # small: the rubric must scroll into view
        await pilot.pause()
        screen = app.screen
        assert len(screen.cards) == 2
        assert "2:00" in _static_text(app, "#countdown")
        await pilot.press("ctrl+o")  # the proof's title would give the answer away: not before the reveal
        await pilot.pause()
        assert type(app.screen).__name__ == "InterviewScreen"
        assert not any("证明" in d or "proof" in d.lower() for d in screen.query_one("KeyBar").descriptions())
        await pilot.press(*"gradient", "ctrl+r")
        await pilot.pause()
        points = screen.query_one("#interview-points", SelectionList)
        assert points.display and points.option_count >= 1
        assert points.has_focus and screen.screen.find_widget(points).region.bottom <= 24  # on screen
        bar = screen.query_one("KeyBar").descriptions()
        assert not any("显示答案" in d or "Reveal" in d for d in bar)  # ^r is gone once revealed
        await pilot.press("space")  # ticks the first point at once: it is highlighted on reveal
        await pilot.pause()
        assert points.selected == [0]
        points.select_all()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("ctrl+n")  # nothing ticked
        await pilot.pause()
        report = screen.report
        assert report is not None and len(report["questions"]) == 2
        assert report["questions"][0]["score"] == 1.0 and report["questions"][0]["notes"] == "gradient"
        assert report["questions"][1]["score"] == 0.0
        assert report["suggested"] == [report["questions"][1]["uid"]]
        body = screen.query_one("#interview-body")
        assert body.has_focus and body.scroll_y == 0  # the report opens at its top, and keys scroll it
        bar = screen.query_one("KeyBar").descriptions()
        assert not any(word in d for d in bar for word in ("下一题", "证明", "Next", "proof"))  # no dead keys
        saved = app.services.study.interviews()
        assert len(saved) == 1
        assert "面试报告" in _static_text(app, "#interview-progress")
        assert "最薄弱" in _static_text(app, "#interview-question")
        await pilot.press("ctrl+l")  # the report follows the language
        await pilot.pause()
        assert "Interview report" in _static_text(app, "#interview-progress")
        shown = _static_text(app, "#interview-question")
        assert "Weakest" in shown and "Question by question" in shown
        # one row per question: score, time, the key points missed (all of them for the second)
        rows = [line for line in shown.splitlines() if line.lstrip("│ ").startswith(("1 ", "2 "))]
        assert len(rows) == 2 and "100%" in rows[0] and " 0%" in rows[1] and "0:0" in rows[0]
        missed = report["questions"][1]["missed"]
        assert missed and render_math(missed[0])[:12] in shown and report["questions"][0]["missed"] == []


@run_async
async def test_browse_search_filters_and_preview(tmp_path):
    app = make_app(tmp_path, screen="browse")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        total = len(app.services.library.collection.cards)
        assert len(screen.results) == total
        await pilot.press(*"tag:sigmoid")
        await pilot.pause()
        assert screen.results and all("sigmoid" in c.tags for c in screen.results)
        box = screen.query_one("#browse-search", Input)
        box.value = "has:erratum"
        await pilot.pause()
        assert screen.results and all(c.erratum is not None for c in screen.results)
        box.value = "Sigmoid 导数"
        await pilot.pause()
        assert "activations/sigmoid-derivative-max" in [c.uid for c in screen.results]
        box.value = "is:bogus"
        await pilot.pause()
        count = _static_text(app, "#browse-count")  # zh interface: the message is Chinese and whole
        assert "没有 is:bogus 这个筛选" in count and "is:suspended" in count and "is:review" in count
        assert screen.results == [] and screen.query_one(DataTable).row_count == 0
        box.value = "deck:K-means"  # the name shown in the deck tree works as well as the id
        await pilot.pause()
        assert screen.results and {c.deck for c in screen.results} == {"kmeans"}
        box.value = "deck:激活"
        await pilot.pause()
        assert screen.results and {c.deck for c in screen.results} == {"activations"}
        box.value = "is:new deck:activations"
        await pilot.pause()
        assert screen.results and all(c.deck == "activations" for c in screen.results)
        await pilot.press("enter", *"sigmoid")  # typing on after enter stays in the box: no "s" suspends
        await pilot.pause()
        assert box.has_focus and "sigmoid" in box.value and len(box.value) == len("is:new deck:activations") + 7
        assert app.services.study.store.conn.execute("select count(*) from events").fetchone()[0] == 0
        box.value = "is:new deck:activations"
        await pilot.pause()
        await pilot.press("down")  # ↓ from the box goes to the results
        table = screen.query_one(DataTable)
        assert table.has_focus and table.row_count == len(screen.results)
        assert screen.results[0].q.zh[:4] in _static_text(app, "#card-q")


@run_async
async def test_proof_key_opens_the_panel_with_results(tmp_path):
    kernel = FakeKernel()
    app = make_app(tmp_path, screen="browse", kernel=kernel)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#browse-search", Input).value = "sigmoid-derivative-max"
        await pilot.pause()
        await pilot.press("enter", "down", "p")  # enter stays in the box; ↓ to the results
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "ProofScreen"
        assert kernel.runs and kernel.runs[0][0] == "activations.sigmoid_derivative_max"
        status = _static_text(app, "#proof-status")
        assert "通过" in status and "2/2 项检查成立" in status


@run_async
async def test_help_lists_every_binding_and_palette_has_every_screen(tmp_path):
    from studytool.tui.screens.help import key_sections

    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        sections = dict(key_sections())
        assert ("space", "Show answer") in sections["Review"]
        assert ("u", "Undo") in sections["Review"]
        assert len(sections) >= 9
        titles = [c.title for c in app.get_system_commands(app.screen_stack[0])]
        for name in ("Review", "Quiz", "Interview", "Browse", "Stats"):
            assert f"Open {name}" in titles
        assert any(t.startswith("Review (r)") for t in titles)
        app.lang = "zh"
        titles = [c.title for c in app.get_system_commands(app.screen_stack[0])]
        assert "打开复习" in titles and any(t.startswith("复习 (r)") for t in titles)
        assert ("space", "显示答案") in dict(key_sections("zh"))["复习"]


@run_async
async def test_cram_practises_without_changing_the_schedule(tmp_path):
    app = make_app(tmp_path, screen="review", cram=True, decks=["cnn"], lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "Cram" in screen.sub_title
        total = len(screen.cram)
        first = screen.card.uid
        await pilot.press("space", "1")  # Again: back to the end of the round
        await pilot.pause()
        assert screen.cram[-1] == first and len(screen.cram) == total
        second = screen.card.uid
        await pilot.press("space")
        await pilot.pause()
        assert "m" not in str(screen.query_one("#rate-3").label)  # no intervals: nothing is scheduled
        await pilot.press("3")
        await pilot.pause()
        assert second not in screen.cram and len(screen.cram) == total - 1
        study = app.services.study
        for uid in (first, second):
            state = study.card_state(uid)
            assert state is None or state.reps == 0, "cram must not schedule"
        modes = [row[0] for row in study.store.conn.execute("select mode from events")]
        assert modes == ["cram", "cram"]


@run_async
async def test_browse_from_a_part_lists_the_whole_part_and_shows_buried_cards(tmp_path):
    app = make_app(tmp_path, lang="en")
    app.services.study.bury("kmeans/kmeans-what-is")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        tree = app.screen.query_one("DeckTree")
        await pilot.press("down")  # the first part: k-means, activations, losses
        assert tree.cursor_node.data.startswith("part:")
        await pilot.press("b")
        await pilot.pause()
        screen = app.screen
        decks = {d.id for d in app.services.library.collection.decks if d.part == tree.cursor_node.data[5:]}
        assert {c.deck for c in screen.results} == decks and len(decks) == 3
        screen.query_one("#browse-search", Input).value = "is:buried"
        await pilot.pause()
        table = screen.query_one(DataTable)
        assert table.row_count == 1 and "buried" in str(table.get_row_at(0)[2])


@run_async
async def test_leaving_an_interview_early_keeps_its_report(tmp_path):
    app = make_app(tmp_path, screen="interview", interview_questions=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("ctrl+r", "space", "ctrl+n")  # one question answered
        await pilot.pause()
        await pilot.press("escape")  # leave early: the report of that one question first
        await pilot.pause()
        assert app.screen is screen and screen.report is not None and len(screen.report["questions"]) == 1
        assert len(app.services.study.interviews()) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


@run_async
async def test_browse_question_column_follows_the_terminal_width(tmp_path):
    app = make_app(tmp_path, screen="browse", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        narrow = table.columns["question"].width
        await pilot.resize_terminal(160, 40)
        await pilot.pause()
        assert table.columns["question"].width == narrow + 80 and table.row_count == len(app.screen.results)


@run_async
async def test_on_a_short_terminal_revealing_scrolls_to_the_answer(tmp_path):
    app = make_app(tmp_path, screen="review", lang="both", cram=True, search="easy-ensemble-coverage")
    async with app.run_test(size=(60, 14)) as pilot:  # the longest question, in both languages
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        await pilot.pause()
        view = app.screen.query_one("CardView")
        answer = view.query_one("#card-a")
        assert answer.region.y < view.region.bottom  # the answer's first line is on screen


@run_async
async def test_help_opens_with_the_keys_of_the_screen_it_was_asked_on(tmp_path):
    from rich.table import Table

    app = make_app(tmp_path, screen="review", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        table = next(s.content for s in app.screen.query(Static) if isinstance(s.content, Table))
        titles = [str(cell) for cell in table.columns[0]._cells if "[bold" in str(cell)]
        assert "Review" in titles[0], titles[:3]  # the review keys first


def test_a_tui_quiz_with_card_asks_every_listed_card_not_the_default_ten(tmp_path):
    """`studytool quiz --card A B … (11 cards)` asked 10 in the TUI (the default -n); the plain quiz asks all."""
    import argparse

    from studytool.decks.validate import load_library
    from studytool.srs.study import Study
    from studytool.tui.launch import build_services

    library = load_library()
    uids = [c.uid for c in library.collection.cards if c.auto_graded][:11]
    study = Study.open(tmp_path / "s.db", library.collection)
    try:
        for n, expected in ((None, 11), (3, 3)):
            args = argparse.Namespace(deck=None, tag=None, lang="en", n=n, seed=None, card=uids)
            assert build_services(args, library, study, None, tmp_path / "s.db").quiz_questions == expected
        args = argparse.Namespace(deck=None, tag=None, lang="en", n=None, seed=None, card=None)
        assert build_services(args, library, study, None, tmp_path / "s.db").quiz_questions == 10
    finally:
        study.close()


@run_async
async def test_page_keys_scroll_a_long_quiz_explanation_while_the_answer_box_has_focus(tmp_path):
    uid = "gradients/clip-global-norm"
    app = make_app(tmp_path, screen="quiz", cards=[uid], quiz_questions=1)
    async with app.run_test(size=(60, 14)) as pilot:  # a short terminal: the explanation runs past the bottom
        await pilot.pause()
        await pilot.click("#quiz-input")
        await pilot.press(*"0.5", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        body = app.screen.query_one("#quiz-body")
        assert body.max_scroll_y > 0 and body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert body.scroll_y == 0


@run_async
async def test_the_interview_report_wraps_missed_key_points_without_cutting_them(tmp_path):
    """First-use review: a missed point was cut with "…" and then carried on on the next line."""
    from rich.console import Console

    app = make_app(tmp_path, screen="interview", interview_questions=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        for _ in range(2):
            await pilot.press("ctrl+r", "ctrl+n")  # nothing ticked: every point missed
            await pilot.pause()
        questions = screen.report["questions"]
        console = Console(width=80, file=None, force_terminal=False, color_system=None)
        with console.capture() as capture:
            console.print(screen._questions_table(questions, "zh"))
        column = "".join(line.split("│")[5].strip() for line in capture.get().splitlines() if line.count("│") >= 6)
        missed = "".join(f"·{m}" for q in questions for m in q["missed"])
        from studytool.latex import render_math

        assert column.replace(" ", "") == render_math(missed).replace(" ", "")
        assert "…" not in column


@run_async
async def test_browse_names_a_deck_filter_that_matches_no_deck(tmp_path):
    app = make_app(tmp_path, screen="browse", lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#browse-search", Input).value = "deck:nosuch"
        await pilot.pause()
        text = _static_text(app, "#browse-count")
        assert "no deck matches deck:nosuch; the decks are: activations, augmentation" in text
        screen.query_one("#browse-search", Input).value = "deck:cnn"
        await pilot.pause()
        n = len(screen.results)
        assert n > 0 and _static_text(app, "#browse-count").startswith(f"{n} of ")  # a known deck: the count again


@run_async
async def test_leaving_a_quiz_early_shows_the_summary_of_what_was_answered_first(tmp_path):
    uids = ["activations/sigmoid-derivative-max", "kmeans/kmeans-heldout-inertia", "losses/mse-gradient"]
    app = make_app(tmp_path, screen="quiz", cards=uids, quiz_questions=3, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.click("#quiz-input")
        await pilot.press(*"0.25", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")  # one answered, two left: the summary of that one
        await pilot.pause()
        assert app.screen is screen and screen.card is None
        summary = _static_text(app, "#quiz-progress") + _static_text(app, "#quiz-question")
        collection = app.services.library.collection
        first, second = (collection.card(u).q.en[:20] for u in uids[:2])
        assert first in summary and second not in summary and len(screen.answered) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
    app = make_app(tmp_path / "b", screen="quiz", cards=uids, quiz_questions=3, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("escape")  # nothing answered: straight back
        await pilot.pause()
        assert app.screen is not screen
