"""A card: question, then (revealed) answer, key points and the erratum banner."""

from __future__ import annotations

import re

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from studytool.answers.check import review_question
from studytool.decks.model import Card
from studytool.decks.model import Text as BiText
from studytool.i18n import t
from studytool.latex import render_math

#: "1) … 2) …" written inline: Markdown would make the first "1)" a list item and eat its ")"
_INLINE_STEPS = re.compile(r"^(\s*)(\d+)\)(?=\s.*\d+\)\s)", re.M)


def md(text: str) -> Markdown:
    """Card Markdown with ``$…$`` shown as Unicode."""
    return Markdown(_INLINE_STEPS.sub(r"\1\2\\)", render_math(text)))


def question_line(card: Card, lang: str, width: int | None = None, at_word: bool = False) -> str:
    """A card as the learner knows it: its question on one line (math rendered, blanks hidden),
    cut at ``width`` with "…" — with ``at_word``, at a word in its second half when there is one."""
    text = " ".join(render_math(card.shown_q().get("en" if lang == "en" else "zh")).split())
    text = text.replace("**", "").replace("`", "")  # one plain line: no Markdown bold/code marks
    if width is None or len(text) <= width:
        return text
    cut = text[: width - 1]
    if not at_word:
        return cut.rstrip() + "…"
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:，；：") + "…"


def bilingual(value: BiText, lang: str) -> RenderableType:
    if lang != "both" or value.zh == value.en:
        return md(value.get("zh" if lang == "both" else lang))
    return Group(md(value.zh), Text(""), md(value.en))


def points_renderable(card: Card, lang: str) -> RenderableType:
    out = Text()
    for pair in card.points.pairs():
        line = pair.get(lang) if lang != "both" else pair.both(" / ")
        out.append("  • ", style="bold #4ec9b0")
        out.append(render_math(line) + "\n")
    return out


def erratum_renderable(card: Card, lang: str) -> RenderableType | None:
    err = card.erratum
    if err is None:
        return None
    claim = err.claim.render(lang)
    fix = err.correction.render(lang)
    body = Text()
    if not err.names_the_notes:
        body.append(t("card.notes_say", lang), style="bold")
    body.append(render_math(claim) + "\n")
    body.append(t("card.correct", lang), style="bold")
    body.append(render_math(fix))
    if err.proof:
        body.append("\n" + t("card.erratum_proof", lang, proof=err.proof), style="dim")
    return Panel(body, title=t("card.erratum_title", lang), title_align="left", border_style="#f0a35e")


class CardView(VerticalScroll):
    """Shows ``card`` in ``lang`` (zh / en / both); ``revealed`` adds the answer side."""

    DEFAULT_CSS = """
    CardView { height: 1fr; padding: 0 2; }
    CardView > Static { max-width: 110; }  /* long lines are hard to read on a wide terminal */
    """

    def compose(self):  # noqa: ANN201
        yield Static("", id="card-meta", classes="card-meta")
        yield Static("", id="card-q", classes="card-q")
        yield Static("", id="card-a", classes="card-a")

    def show(self, card: Card | None, lang: str, revealed: bool, extra: RenderableType | None = None) -> None:
        meta = self.query_one("#card-meta", Static)
        question = self.query_one("#card-q", Static)
        answer = self.query_one("#card-a", Static)
        if card is None:
            meta.update("")
            question.update("")
            answer.update("")
            answer.display = False
            return
        tags = " ".join(f"#{t}" for t in card.tags)
        meta.update(Text(f"{card.source}  {tags}", style="dim", overflow="ellipsis", no_wrap=False))
        question.update(bilingual(review_question(card, revealed), lang))
        answer.display = revealed
        if revealed:
            parts: list[RenderableType] = []
            banner = erratum_renderable(card, lang)
            if banner is not None:
                parts.append(banner)
            parts.append(bilingual(card.a, lang))
            if len(card.points):
                parts.append(Text("\n" + t("card.key_points", lang), style="bold"))
                parts.append(points_renderable(card, lang))
            if extra is not None:
                parts.append(extra)
            if card.proof:  # set apart from the answer whether or not key points came between
                parts.append(Text(("" if len(card.points) else "\n") + t("card.proof", lang, proof=card.proof), style="dim"))
            answer.update(Group(*parts))
        self.scroll_home(animate=False)
        if revealed:  # on a short terminal the answer starts below the fold: bring its start into view
            self.call_after_refresh(self._show_answer_start)

    def _show_answer_start(self) -> None:
        answer = self.query_one("#card-a", Static)
        if answer.region.y >= self.region.bottom - 2:
            self.scroll_to_widget(answer, animate=False, top=True)
