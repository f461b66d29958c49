"""The math half of ``studytool check``: LaTeX the terminal renderer cannot draw.

A command the renderer does not know (``\\begin{array}``, a misspelt ``\\lamda``) would be shown as
its bare name. Cards are checked through every text a learner sees; proofs through their
formulas and the ``$...$`` spans of their titles, check names, formula labels and notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from studytool.latex import math_spans, unsupported_commands


def _texts(value: Any) -> list[str]:
    """The strings of a text: a plain string, a ``{zh, en}`` mapping or a bilingual ``Text``."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str)]
    return [getattr(value, "zh", ""), getattr(value, "en", "")]


def _warning(file: str, line: int, where: str, latex: str, commands: list[str]) -> dict[str, Any]:
    names = ", ".join(f"\\{c}" for c in commands)
    return {
        "file": file, "line": line, "where": where, "latex": latex, "commands": commands,
        "message": f"{file}:{line}: {where}: {names} cannot be drawn in the terminal (it would show as a bare "
                   f"name) in ${latex}$ — write it another way",
    }  # fmt: skip


def _scan(file: str, line: int, where: str, fragments: Iterable[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for latex in dict.fromkeys(fragments):  # each fragment once, in order
        commands = unsupported_commands(latex)
        if commands:
            out.append(_warning(file, line, where, latex, commands))
    return out


def card_warnings(cards: Iterable[Any]) -> list[dict[str, Any]]:
    """Unsupported LaTeX in what a learner sees of each card (question, answer, points, erratum,
    choice options)."""
    out: list[dict[str, Any]] = []
    for card in cards:
        texts = _texts(card.q) + _texts(card.a) + list(card.points.zh) + list(card.points.en)
        if card.erratum:
            texts += _texts(card.erratum.claim) + _texts(card.erratum.correction)
        for option in (card.answer or {}).get("options", []) if card.type == "choice" else []:
            texts += _texts(option)
        out += _scan(card.file, card.line, card.uid, (f for text in texts for f in math_spans(text)))
    return out


def proof_warnings(results: Iterable[dict[str, Any]], catalog: Any) -> list[dict[str, Any]]:
    """Unsupported LaTeX in the proofs' results (each proof once, whatever its parameters or seed)."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for result in results:
        proof_id = result.get("id", "")
        if proof_id in seen or result.get("status") not in ("passed", "failed"):
            continue
        seen.add(proof_id)
        meta = catalog.get(proof_id) if catalog is not None else None
        file, line = (str(meta.module_path), meta.line) if meta is not None else (proof_id, 0)
        fragments = [f["latex"] for f in result.get("formulas", []) if f.get("pretty") is None and f.get("latex")]
        texts = _texts(result.get("title")) + [t for n in result.get("notes", []) for t in _texts(n)]
        texts += [t for c in result.get("checks", []) for t in _texts(c.get("name"))]
        texts += [t for f in result.get("formulas", []) for t in _texts(f.get("label"))]
        fragments += [f for text in texts for f in math_spans(text)]
        out += _scan(file, line, f"proof {proof_id}", fragments)
    return out
