"""A printable Markdown study sheet: one section per notes heading, with proofs and errata."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from studytool.decks.model import Card, Deck, Text
from studytool.interop.html import expected_answer, pick
from studytool.proofs.render import fmt_value, where_lists_differ


def _text(text: Text, lang: str) -> str:
    if lang == "both" and text.zh != text.en:
        return f"{text.zh}\n\n{text.en}"
    return text.get("zh" if lang == "zh" else "en")


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.splitlines())


def _question(card: Card, lang: str) -> str:
    q = _text(card.q, lang)
    if card.type == "cloze":
        q = re.sub(r"\{\{(.+?)\}\}", "\\_\\_\\_\\_", q)
    if card.type == "choice" and card.answer:
        opts = [pick(o, "en" if lang == "both" else lang) if isinstance(o, dict) else str(o) for o in card.answer["options"]]
        if lang == "both":
            opts = [
                (f"{o.get('zh')} / {o.get('en')}" if isinstance(o, dict) and o.get("zh") != o.get("en") else t)
                for o, t in zip(card.answer["options"], opts, strict=True)
            ]
        q += "\n\n" + "\n".join(f"   {chr(65 + i)}. {o}" for i, o in enumerate(opts))
    return q


def proof_markdown(result: dict[str, Any] | None, lang: str, plot_text: Callable[[dict[str, Any]], str] | None) -> str:
    """Checks, formulas and plots of a proof result as Markdown."""
    if not result:
        return ""
    lines = [f"*Proof — {pick(result.get('title'), lang)}* ({result.get('status')})", ""]
    for c in result.get("checks", []):
        mark = "✓" if c["ok"] else "✗"
        claimed, computed = (c["claimed"], c["computed"]) if c["ok"] else where_lists_differ(c["claimed"], c["computed"])
        lines.append(f"- {mark} {pick(c['name'], lang)} — claimed `{fmt_value(claimed)}`, computed `{fmt_value(computed)}`")
    for formula in result.get("formulas", []):  # display math: rendered by GitHub, Obsidian, pandoc …
        latex = formula.get("latex") or formula.get("text")
        if latex:
            label = pick(formula.get("label"), lang)
            lines += ["", *([f"*{label}*", ""] if label else []), f"$$ {latex} $$"]
    if plot_text:
        for plot in result.get("plots", []):
            lines += ["", "```text", plot_text(plot).rstrip(), "```"]
    return "\n".join(lines)


def study_sheet(
    decks: Iterable[Deck],
    headings: list[str],
    lang: str = "both",
    proofs: dict[str, dict[str, Any]] | None = None,
    plot_text: Callable[[dict[str, Any]], str] | None = None,
) -> str:
    """The whole sheet as Markdown text."""
    cards = [c for d in decks for c in d.cards]
    order = {h: i for i, h in enumerate(headings)}
    sections: dict[str, list[Card]] = {}
    for card in sorted(cards, key=lambda c: order.get(c.source, len(order))):
        sections.setdefault(card.source, []).append(card)
    out = ["# studytool — study sheet", ""]
    errata = sum(1 for c in cards if c.erratum)
    out.append(f"{len(cards)} card{'s' if len(cards) != 1 else ''}, {errata} errat{'um' if errata == 1 else 'a'}"
               " (⚠ marks where the notes are wrong).")
    n = 0  # numbered through the sheet: "Q37" names one card
    for source, group in sections.items():
        parts = [p.strip() for p in source.split("›")]
        out += ["", f"## {' › '.join(parts)}", ""]  # one level: every section is a heading of the notes
        for card in group:
            n += 1
            out.append(f"**Q{n}.** {_question(card, lang)}")
            out.append("")
            expected = expected_answer(card, "en" if lang == "both" else lang)
            answer = _text(card.a, lang)
            out.append(f"**A.** {'**' + expected + '** — ' if expected else ''}{answer}")
            if len(card.points):
                out.append("")
                out += [f"- {_text(p, lang).replace(chr(10) * 2, ' / ')}" for p in card.points.pairs()]
            if card.erratum:
                out += ["", _quote(f"⚠ **Erratum** — {'' if card.erratum.names_the_notes else 'the notes say: '}{_text(card.erratum.claim, lang)}\n\n"
                                   f"**Correction:** {_text(card.erratum.correction, lang)}")]
            proof = (proofs or {}).get(card.proof or "")
            if proof:
                out += ["", proof_markdown(proof, lang, plot_text)]
            out += ["", f"<sub>{card.uid}</sub>", ""]
    return "\n".join(out).rstrip() + "\n"
