"""Plain review loop (``studytool review --plain``): line-based, scriptable, screen-reader friendly.

For each card: print the question, wait for Enter, print the answer and the interval each rating
would give, then read ``1``-``4`` (Again/Hard/Good/Easy), ``u`` (undo), ``s`` (suspend) or ``q``
(quit). Every rating is committed before the next card is shown. End of input = quit.
"""

from __future__ import annotations

import re
import time
from collections import deque
from typing import TextIO

from studytool.latex import render_math
from studytool.srs.clock import human_interval
from studytool.srs.scheduler import RATINGS
from studytool.srs.study import Study

HELP = "rate 1 Again · 2 Hard · 3 Good · 4 Easy — u undo · s suspend · q quit"


_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)


def _text(text: str) -> str:
    """Card Markdown as plain terminal text: math as Unicode, ``**bold**`` markers dropped."""
    return _BOLD.sub(r"\1", render_math(text))


def _read(stdin: TextIO, stdout: TextIO, prompt: str) -> str | None:
    stdout.write(prompt)
    stdout.flush()
    line = stdin.readline()
    if not line:
        stdout.write("\n")
        return None
    return line.strip().lower()


def run_plain(
    study: Study,
    stdin: TextIO,
    stdout: TextIO,
    decks: list[str] | None = None,
    tags: list[str] | None = None,
    limit: int | None = None,
    lang: str = "both",
    cram: bool = False,
    search: str | None = None,
) -> int:
    """Run the loop; returns the number of answers recorded.

    ``cram``: practise every card of the decks/tags/search without changing the schedule (answers
    are logged with mode ``cram``); Again puts the card back at the end of the round.
    """
    cram_q = deque(study.cram_queue(decks, tags, search)) if cram else deque()
    answered = 0
    # what this loop did, with the cram round as it was before: undo gives the count and the round back
    actions: list[tuple[str, deque[str]]] = []
    pending: str | None = None  # a card brought back by undo is shown again first

    def undo_or_suspend(key: str, uid: str) -> bool:
        """Handle ``u`` (undo the last action) and ``s`` (suspend ``uid``); False for other keys."""
        nonlocal answered, pending
        if key == "u":
            pending = _undo(study, stdout)
            if pending and actions:
                kind, before = actions.pop()
                if kind == "answer":
                    answered -= 1
                if cram:  # an undone Again must not stay queued at the end of the round
                    cram_q.clear()
                    cram_q.extend(before)
            return True
        if key == "s":
            study.suspend(uid)
            actions.append(("suspend", deque(cram_q)))
            _drop(cram_q, uid)
            stdout.write(f"Suspended {uid}.\n")
            return True
        return False

    while limit is None or answered < limit:
        uid = pending or (cram_q[0] if cram and cram_q else None if cram else study.next_card(decks, tags))
        pending = None
        if uid is None:
            done = "No more cards to practise." if cram else "No more cards due today."
            stdout.write(f"{done} {answered} answered.\n")
            break
        card = study.card(uid)
        if card is None:  # cannot happen: queues hold only cards of the collection
            break
        left = len(cram_q) if cram else len(study.queue(decks, tags))
        state = study.card_state(uid)
        label = state.state if state else "new"
        flags = " (changed since last review)" if state and state.changed else ""
        stdout.write(f"\n── {uid} · {label} · {left} left{flags}\n")
        stdout.write(_text(card.shown_q().render(lang)) + "\n")
        started = time.monotonic()
        key = _read(stdin, stdout, "[Enter] show answer · u undo · s suspend · q quit > ")
        if key is None or key == "q":
            stdout.write(f"{answered} answered.\n")
            break
        if undo_or_suspend(key, uid):
            continue
        stdout.write(_text(card.a.render(lang)) + "\n")
        for point in card.points.pairs():
            stdout.write(f"  • {_text(point.both(' / ') if lang == 'both' else point.get(lang))}\n")
        if card.erratum is not None:  # where the notes are wrong: as in the TUI's banner
            err = card.erratum
            label = "" if err.names_the_notes else ("笔记原文：" if lang == "zh" else "The notes say: ")
            stdout.write(f"⚠ {label}{_text(err.claim.render(lang))}\n")
            stdout.write(f"  {'更正：' if lang == 'zh' else 'Correction: '}{_text(err.correction.render(lang))}\n")
        if cram:
            stdout.write("  ".join(f"{r} {RATINGS[r]}" for r in RATINGS) + "   (cram: the schedule is not changed)\n")
        else:
            intervals = study.preview(uid)
            stdout.write("  ".join(f"{r} {RATINGS[r]} ({human_interval(intervals[r])})" for r in RATINGS) + "\n")
        while True:
            key = _read(stdin, stdout, f"{HELP} > ")
            if key is None or key == "q":
                stdout.write(f"{answered} answered.\n")
                return answered
            if key in ("1", "2", "3", "4"):
                result = study.answer(
                    uid, int(key), duration_ms=int((time.monotonic() - started) * 1000), mode="cram" if cram else "review"
                )
                answered += 1
                actions.append(("answer", deque(cram_q)))
                if cram:
                    if cram_q and cram_q[0] == uid:
                        cram_q.popleft()
                    if key == "1":
                        cram_q.append(uid)
                    stdout.write(f"Practised: {RATINGS[int(key)]}.\n")
                    break
                when = human_interval(result.interval) if result.interval is not None else "—"
                stdout.write(f"Saved: {RATINGS[int(key)]}, next in {when}.\n")
                if result.leech:
                    stdout.write(f"Leech: {uid} has lapsed {result.state.lapses} times; it is tagged 'leech' and suspended.\n")
                break
            if undo_or_suspend(key, uid):
                break
            stdout.write("Please type 1, 2, 3, 4, u, s or q.\n")
    else:
        stdout.write(f"Limit reached: {answered} answered.\n")
    return answered


def _drop(cram_q: deque[str], uid: str) -> None:
    if cram_q and cram_q[0] == uid:
        cram_q.popleft()


def _undo(study: Study, stdout: TextIO) -> str | None:
    uid = study.undo()
    stdout.write(f"Undid the last action on {uid}.\n" if uid else "Nothing to undo.\n")
    return uid
