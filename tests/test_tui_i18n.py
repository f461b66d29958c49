"""The UI chrome follows the app language: the message table, and ``l`` on home and review."""

from __future__ import annotations

import string
from datetime import timedelta

import pytest
from textual.binding import Binding
from textual.widgets import Button, Static
from tui_support import make_app, run_async

from studytool.i18n import MESSAGES, binding_text, interval_text, t, type_text, ui_lang
from studytool.tui.widgets.keybar import KeyBar

pytestmark = pytest.mark.timeout(120)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_zh_and_en_with_the_same_fields():
    for key, entry in MESSAGES.items():
        assert set(entry) == {"zh", "en"}, key
        assert entry["zh"].strip() and entry["en"].strip(), key
        assert _fields(entry["zh"]) == _fields(entry["en"]), key
        group = key.split(".")[0]
        assert group in {"app", "screen", "bind", "common", "state", "type", "home", "review", "rating", "card", "quiz",
                         "interview", "browse", "stats", "proof", "params", "help", "plain"}, key  # fmt: skip


def test_every_binding_of_every_screen_is_translated():
    from studytool.tui.screens.help import key_sections

    english = dict(key_sections("en"))
    chinese = dict(key_sections("zh"))
    assert len(english) == len(chinese) >= 10
    for (_, en_rows), (_, zh_rows) in zip(english.items(), chinese.items(), strict=True):
        for (key, en), (_, zh) in zip(en_rows, zh_rows, strict=True):
            assert f"bind.{en}" in MESSAGES, f"no translation for the binding {key!r} {en!r}"
            assert zh == MESSAGES[f"bind.{en}"]["zh"]
    from studytool.tui.app import StudyApp

    for binding in StudyApp.BINDINGS:
        assert isinstance(binding, Binding) and binding_text(binding.description, "zh") != binding.description


def test_t_formats_picks_plurals_and_maps_both_to_chinese():
    assert ui_lang("zh") == "zh" and ui_lang("en") == "en" and ui_lang("both") == "zh"
    assert t("home.streak", "en", n=1) == "streak 1 day"
    assert t("home.streak", "en", n=3) == "streak 3 days"
    assert t("home.streak", "both", n=3) == "连续 3 天"
    assert t("home.streak", "zh", n=3) == "连续 3 天"
    assert t("rating.1", "zh") == "重来" and t("rating.4", "en") == "Easy"
    with pytest.raises(KeyError):
        t("home.no-such-key", "zh")
    assert binding_text("Something new", "zh") == "Something new"  # untranslated: shown as written


def test_intervals_use_chinese_units():
    assert interval_text(timedelta(minutes=10), "zh") == "10分钟"
    assert interval_text(timedelta(days=3), "zh") == "3天"
    assert interval_text(timedelta(days=75), "zh") == "2.5个月"
    assert interval_text(timedelta(minutes=10), "en") == "10m"
    assert interval_text(timedelta(days=3), "both") == "3天"


def _footer(app) -> list[str]:
    return app.screen.query_one(KeyBar).descriptions()


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@run_async
async def test_l_switches_the_home_chrome(tmp_path):
    app = make_app(tmp_path, lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "今日" in _text(app, "#today") and "连续" in _text(app, "#today")
        assert app.screen.query_one("#actions").label("review") == "r  复习"
        assert app.screen.sub_title == "主页"
        assert "复习" in _footer(app) and "Review" not in _footer(app)
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en"
        assert "Today" in _text(app, "#today") and "streak" in _text(app, "#today")
        assert app.screen.query_one("#actions").label("review") == "r  Review"
        assert app.screen.sub_title == "Home"
        assert "Review" in _footer(app) and "复习" not in _footer(app)
        assert "new" in _text(app, "#tree-head")
        await pilot.press("l")  # both: Chinese chrome around bilingual cards
        await pilot.pause()
        assert app.lang == "both" and "今日" in _text(app, "#today") and "复习" in _footer(app)
        assert "新卡" in _text(app, "#tree-head")
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "zh" and "今日" in _text(app, "#today") and "复习" in _footer(app)


@run_async
async def test_l_switches_the_review_chrome(tmp_path):
    app = make_app(tmp_path, screen="review", lang="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "已完成 0" in _text(app, "#review-progress") and "剩余" in _text(app, "#review-progress")
        assert "显示答案" in str(screen.query_one("#reveal", Button).label)
        assert "显示答案" in _footer(app) and "撤销" in _footer(app)
        await pilot.press("space")
        await pilot.pause()
        good = str(screen.query_one("#rate-3", Button).label)
        assert good.startswith("3 良好 ") and "分钟" in good
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "en"
        assert "done 0" in _text(app, "#review-progress") and "left" in _text(app, "#review-progress")
        good = str(screen.query_one("#rate-3", Button).label)
        assert good.startswith("3 Good ") and good.endswith("m")
        assert str(screen.query_one("#rate-1", Button).label).startswith("1 Again")
        assert "Undo" in _footer(app) and "撤销" not in _footer(app)
        assert screen.sub_title == "Review"
        await pilot.press("3")  # rating still works after the switch
        await pilot.pause()
        assert screen.done == 1
        await pilot.press("l", "l")
        await pilot.pause()
        assert app.lang == "zh" and "已完成 1" in _text(app, "#review-progress")
        assert "上一张" in _text(app, "#review-progress") and screen.sub_title == "复习"


def test_language_choice_is_remembered(tmp_path):
    import asyncio

    from tui_support import make_app

    from studytool.prefs import load_lang

    async def toggle() -> None:
        app = make_app(tmp_path, lang="zh")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("l")
            await pilot.pause()
            assert app.lang == "en"

    assert load_lang(tmp_path / "study.db") is None
    asyncio.run(toggle())
    assert load_lang(tmp_path / "study.db") == "en"
    (tmp_path / "ui.json").write_text("not json", encoding="utf-8")
    assert load_lang(tmp_path / "study.db") is None  # a damaged file is ignored


def test_docs_key_tables_match_the_help_screen() -> None:
    """docs/tui.md lists the same keys, in the same order and words, as the `?` screen."""
    import re
    from pathlib import Path

    from studytool.tui.screens.help import key_sections

    text = (Path(__file__).resolve().parents[1] / "docs" / "tui.md").read_text(encoding="utf-8")
    keys_part = text.split("## Keys", 1)[1].split("\n## ", 1)[0]
    documented = []
    for block in keys_part.split("\n### ")[1:]:
        heading, _, body = block.partition("\n")
        rows = re.findall(r"^\| `(.+?)` \| (.+?) \| (.+?) \|$", body, flags=re.M)
        documented.append((heading.strip(), rows))
    expected = [
        (f"{en_title} · {zh_title}", [(k, en, zh) for (k, en), (_, zh) in zip(en_rows, zh_rows, strict=True)])
        for (en_title, en_rows), (zh_title, zh_rows) in zip(key_sections("en"), key_sections("zh"), strict=True)
    ]
    assert documented == expected


@run_async
async def test_quiz_progress_names_the_deck_and_type_in_the_language(tmp_path):
    app = make_app(tmp_path, screen="quiz", lang="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        card = app.screen.cards[app.screen.index]
        text = _text(app, "#quiz-progress")
        deck = app.services.library.collection.deck(card.deck)
        assert deck.title.zh in text and type_text(card.type, "zh") in text and card.type not in text
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert deck.title.en in _text(app, "#quiz-progress") and type_text(card.type, "en") in _text(app, "#quiz-progress")
