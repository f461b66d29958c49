"""A cloze card's blank is hidden until the answer is shown — in review, interview and browse."""

from __future__ import annotations

import pytest
from textual.widgets import Static
from tui_support import make_app, run_async

from studytool.decks.model import Card, Text

pytestmark = pytest.mark.timeout(120)

UID = "kmeans/kmeans-objective-cloze"


def test_shown_q_hides_then_marks_the_blank() -> None:
    card = Card(deck="d", id="c", type="cloze", q=Text(zh="平方{{误差}}和", en="sum of squared {{errors}}"),
                a=Text(zh="答", en="a"), source="s")  # fmt: skip
    assert card.shown_q().en == "sum of squared ____" and card.shown_q().zh == "平方____和"
    assert card.shown_q(revealed=True).en == "sum of squared **errors**"
    basic = Card(deck="d", id="b", type="basic", q=Text(zh="{{x}}", en="{{x}}"), a=Text(zh="a", en="a"), source="s")
    assert basic.shown_q() is basic.q  # only cloze cards have blanks


def _question(app) -> str:
    """The question as the terminal shows it (the Markdown rendered to plain text)."""
    import io

    from rich.console import Console

    console = Console(width=100, record=True, file=io.StringIO())
    console.print(app.screen.query_one("#card-q", Static).content)
    return console.export_text()


@run_async
async def test_review_hides_the_blank_until_space(tmp_path) -> None:
    app = make_app(tmp_path, screen="review", lang="en", cram=True, search="objective-cloze")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.card.uid == UID
        before = _question(app)
        assert "____" in before and "squared" not in before and "{{" not in before
        await pilot.press("space")
        await pilot.pause()
        after = _question(app)
        assert "squared" in after and "{{" not in after and "**" not in after  # bold, not asterisks


@run_async
async def test_browse_list_shows_the_blank_not_the_markup(tmp_path) -> None:
    from textual.widgets import DataTable

    app = make_app(tmp_path, screen="browse", lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        row = table.get_row(UID)
        assert "____" in str(row[3]) and "{{" not in str(row[3])
