"""Card text (Markdown with ``$...$`` LaTeX) → HTML with MathJax delimiters, for Anki."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from studytool.decks.model import Card, Text

_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)


@lru_cache(maxsize=1)
def _markdown():  # noqa: ANN202
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "breaks": True})


def markdown_to_html(text: str) -> str:
    """Render Markdown; ``$..$`` becomes ``\\(..\\)`` and ``$$..$$`` becomes ``\\[..\\]`` (MathJax)."""
    stash: list[str] = []

    def keep(match: re.Match[str]) -> str:
        display, inline = match.group(1), match.group(2)
        body = html.escape(display if display is not None else inline, quote=False)
        stash.append(f"\\[{body}\\]" if display is not None else f"\\({body}\\)")
        return f"STMATH{len(stash) - 1}X"

    protected = _MATH.sub(keep, text)
    rendered = _markdown().render(protected).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return re.sub(r"STMATH(\d+)X", lambda m: stash[int(m.group(1))], rendered)


def text_html(text: Text, lang: str) -> str:
    """A bilingual text in ``lang`` (zh, en or both) as HTML."""
    if lang == "both" and text.zh != text.en:
        return f'{markdown_to_html(text.zh)}<hr class="lang">{markdown_to_html(text.en)}'
    return markdown_to_html(text.get("zh" if lang == "zh" else "en"))


def pick(value: Any, lang: str) -> str:
    """A title/name that may be a str or ``{zh, en}``."""
    if isinstance(value, dict):
        if lang == "both":
            zh, en = value.get("zh", ""), value.get("en", "")
            return zh if zh == en else f"{zh} / {en}"
        return value.get(lang) or value.get("en") or value.get("zh") or ""
    return "" if value is None else str(value)


def question_html(card: Card, lang: str) -> str:
    """The question, with lettered options for choice cards."""
    out = text_html(card.q, lang)
    if card.type == "choice" and card.answer:
        items = "".join(f"<li>{_option(o, lang)}</li>" for o in card.answer["options"])
        out += f'<ol type="A">{items}</ol>'
    elif card.type == "truefalse":
        out += "<p>(True / False · 对 / 错)</p>"
    elif card.type == "cloze":
        out = re.sub(r"\{\{(.+?)\}\}", "[…]", out)
    return out


def _option(option: Any, lang: str) -> str:
    if isinstance(option, dict):
        return text_html(Text(str(option.get("zh", option.get("en", ""))), str(option.get("en", option.get("zh", "")))), lang)
    return markdown_to_html(str(option))


def expected_answer(card: Card, lang: str = "en") -> str:
    """The auto-graded answer as short plain text ('' for basic cards)."""
    spec = card.answer or {}
    if card.type == "choice":
        correct = spec["correct"] if isinstance(spec["correct"], list) else [spec["correct"]]
        return ", ".join(f"{chr(65 + i)}. {_plain_option(spec['options'][i], lang)}" for i in correct)
    if card.type == "numeric":
        return f"{spec['value']:g}"
    if card.type == "expression":
        return spec["expr"]
    if card.type == "truefalse":
        return "True · 对" if spec["value"] else "False · 错"
    if card.type == "cloze":
        blanks = [m for t in (card.q.zh, card.q.en) for m in re.findall(r"\{\{(.+?)\}\}", t)]
        return " / ".join(dict.fromkeys(blanks))
    return ""


def _plain_option(option: Any, lang: str) -> str:
    return pick(option, "en" if lang == "both" else lang) if isinstance(option, dict) else str(option)


def answer_html(card: Card, lang: str) -> str:
    """Expected answer (auto-graded types) followed by the explanation."""
    expected = expected_answer(card, lang)
    head = f"<p><b>{html.escape(expected)}</b></p>" if expected else ""
    return head + text_html(card.a, lang)


def points_html(card: Card, lang: str) -> str:
    if not len(card.points):
        return ""
    items = "".join(f"<li>{text_html(p, lang)}</li>" for p in card.points.pairs())
    return f"<ul>{items}</ul>"


def erratum_html(card: Card, lang: str) -> str:
    if not card.erratum:
        return ""
    return (
        f"<p><b>⚠ {'笔记有误 / Erratum' if card.erratum.names_the_notes else '笔记原文 / The notes say'}:</b> "
        f"{text_html(card.erratum.claim, lang)}</p>"
        f"<p><b>✔ 更正 / Correction:</b> {text_html(card.erratum.correction, lang)}</p>"
    )


def proof_html(result: dict[str, Any] | None, lang: str) -> str:
    """Proof summary: title, status, each check with ✓/✗ (claimed vs computed), formulas."""
    if not result:
        return ""
    title = html.escape(pick(result.get("title"), lang))
    rows = "".join(
        f"<li>{'✓' if c['ok'] else '✗'} {html.escape(pick(c['name'], lang))}: "
        f"claimed <code>{html.escape(_short(c['claimed']))}</code>, computed <code>{html.escape(_short(c['computed']))}</code></li>"
        for c in result.get("checks", [])
    )
    formulas = "".join(f"<div>\\[{html.escape(f['latex'], quote=False)}\\]</div>" for f in result.get("formulas", []) if f.get("latex"))
    status = result.get("status", "?")
    return f"<p><b>{title}</b> — {status}</p><ul>{rows}</ul>{formulas}"


def _short(value: Any, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
