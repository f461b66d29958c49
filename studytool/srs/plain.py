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

from studytool.answers.check import review_question
from studytool.i18n import interval_text, plain_lang, state_text, t
from studytool.latex import render_math
from studytool.srs.scheduler import RATINGS
from studytool.srs.study import Study

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
    chrome = plain_lang(lang)  # the frame in Chinese for --lang zh, else English

    def rating(r: int) -> str:
        return t(f"rating.{r}", chrome)

    cram_q = deque(study.cram_queue(decks, tags, search)) if cram else deque()
    answered = 0
    # what this loop did, with the cram round as it was before: undo gives the count and the round back
    actions: list[tuple[str, deque[str]]] = []
    pending: str | None = None  # a card brought back by undo is shown again first

    def undo_or_suspend(key: str, uid: str) -> bool:
        """Handle ``u`` (undo the last action) and ``s`` (suspend ``uid``); False for other keys."""
        nonlocal answered, pending
        if key == "u":
            pending = _undo(study, stdout, chrome)
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
            stdout.write(t("plain.review.suspended", chrome, uid=uid) + "\n")
            return True
        return False

    while limit is None or answered < limit:
        uid = pending or (cram_q[0] if cram and cram_q else None if cram else study.next_card(decks, tags))
        pending = None
        if uid is None:
            stdout.write(t("plain.review.no_more_cram" if cram else "plain.review.no_more", chrome, n=answered) + "\n")
            break
        card = study.card(uid)
        if card is None:  # cannot happen: queues hold only cards of the collection
            break
        left = len(cram_q) if cram else len(study.queue(decks, tags))
        state = study.card_state(uid)
        label = state_text(str(state.state) if state else "new", chrome)
        flags = t("plain.review.changed", chrome) if state and state.changed else ""
        stdout.write(t("plain.review.header", chrome, uid=uid, state=label, left=left, flags=flags) + "\n")
        stdout.write(_text(review_question(card).render(lang)) + "\n")
        started = time.monotonic()
        key = _read(stdin, stdout, t("plain.review.show", chrome))
        if key is None or key == "q":
            stdout.write(t("plain.review.answered", chrome, n=answered) + "\n")
            break
        if undo_or_suspend(key, uid):
            continue
        stdout.write(_text(card.a.render(lang)) + "\n")
        for point in card.points.pairs():
            stdout.write(f"  • {_text(point.both(' / ') if lang == 'both' else point.get(lang))}\n")
        if card.erratum is not None:  # where the notes are wrong: as in the TUI's banner
            err = card.erratum
            label = "" if err.names_the_notes else t("plain.review.notes_say", chrome)
            stdout.write(f"⚠ {label}{_text(err.claim.render(lang))}\n")
            stdout.write(f"  {t('plain.review.correction', chrome)}{_text(err.correction.render(lang))}\n")
        if cram:
            stdout.write("  ".join(f"{r} {rating(r)}" for r in RATINGS) + t("plain.review.cram", chrome) + "\n")
        else:
            intervals = study.preview(uid)
            stdout.write("  ".join(f"{r} {rating(r)} ({interval_text(intervals[r], chrome)})" for r in RATINGS) + "\n")
        while True:
            key = _read(stdin, stdout, t("plain.review.help", chrome) + " > ")
            if key is None or key == "q":
                stdout.write(t("plain.review.answered", chrome, n=answered) + "\n")
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
                    stdout.write(t("plain.review.practised", chrome, rating=rating(int(key))) + "\n")
                    break
                when = interval_text(result.interval, chrome) if result.interval is not None else "—"
                stdout.write(t("plain.review.saved", chrome, rating=rating(int(key)), when=when) + "\n")
                if result.leech:
                    stdout.write(t("plain.review.leech", chrome, uid=uid, n=result.state.lapses) + "\n")
                break
            if undo_or_suspend(key, uid):
                break
            stdout.write(t("plain.review.keys", chrome) + "\n")
    else:
        stdout.write(t("plain.review.limit", chrome, n=answered) + "\n")
    return answered


def _drop(cram_q: deque[str], uid: str) -> None:
    if cram_q and cram_q[0] == uid:
        cram_q.popleft()


def _undo(study: Study, stdout: TextIO, chrome: str) -> str | None:
    uid = study.undo()
    stdout.write((t("plain.review.undid", chrome, uid=uid) if uid else t("review.nothing_to_undo", chrome)) + "\n")
    return uid
