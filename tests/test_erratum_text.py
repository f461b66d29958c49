"""The erratum banner: "The notes say:" only in front of a claim that does not already say so, in
the TUI, the plain review, the study sheet and the Anki notes; the plain review shows errata too."""

from __future__ import annotations

import io

from rich.console import Console

from studytool.decks.model import Card, Erratum, Text
from studytool.tui.widgets.card_view import erratum_renderable


def _card(claim: Text) -> Card:
    return Card(deck="d", id="c", type="basic", q=Text("问", "Q"), a=Text("答", "A"), source="s",
                erratum=Erratum(claim, Text("更正", "the fix")))  # fmt: skip


def _shown(card: Card, lang: str) -> str:
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(erratum_renderable(card, lang))
    return console.export_text()


def test_the_label_is_not_repeated_when_the_claim_names_the_notes() -> None:
    cites = _card(Text("笔记说 tanh 的值域是 [−1, 1]。", "The notes say tanh's range is [−1, 1]."))
    plain = _card(Text("BN 能防止过拟合。", "BN prevents overfitting."))
    assert cites.erratum.names_the_notes and not plain.erratum.names_the_notes
    assert "The notes say: The notes" not in _shown(cites, "en") and "The notes say tanh" in _shown(cites, "en")
    assert "笔记原文：笔记" not in _shown(cites, "zh")
    assert "The notes say: BN prevents overfitting." in _shown(plain, "en")
    assert "Correction: the fix" in _shown(plain, "en")


def test_shipped_errata_never_repeat_the_label() -> None:
    from studytool.decks.validate import load_library

    for card in load_library(None).collection.cards:
        if card.erratum is not None:
            for lang in ("zh", "en"):
                text = _shown(card, lang)
                assert "The notes say: The notes" not in text and "笔记原文：笔记" not in text, card.uid


def test_plain_review_shows_the_erratum(tmp_path) -> None:
    from tests.conftest import run_cli

    out = run_cli("--db", str(tmp_path / "db"), "review", "--plain", "--cram", "--deck", "activations", "--lang", "en",
                  input="\n1\n" * 25 + "q\n")  # fmt: skip
    assert "⚠ The notes" in out.stdout and "  Correction: " in out.stdout
    assert "The notes say: The notes" not in out.stdout


def test_inline_numbered_steps_keep_their_brackets() -> None:
    from studytool.tui.widgets.card_view import md

    console = Console(width=80, file=io.StringIO(), record=True)
    console.print(md("1) 选 k 个初始质心；2) **分配**：最近的质心；3) 更新"))
    console.print(md("1) one\n2) two"))  # a real list stays a list
    text = console.export_text()
    assert "1) 选 k 个初始质心；2) 分配" in text
    assert " 1 one" in text and " 2 two" in text
