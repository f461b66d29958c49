"""Turn an Anki text export, CSV or TSV (question, answer[, tags]) into a studytool YAML deck."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from studytool.atomic import replacing
from studytool.decks.loader import read_deck
from studytool.errors import StudytoolError

_HEADER_ROW = {("question", "answer"), ("front", "back"), ("q", "a"), ("问题", "答案")}
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")  # an HTML tag — not "1 < 2 and 3 > 2"


class ImportProblem(StudytoolError):
    """The input file cannot be turned into a deck; nothing was written."""


@dataclass
class ParsedRows:
    rows: list[tuple[int, str, str, list[str]]] = field(default_factory=list)  # line, q, a, tags
    guids: dict[int, str] = field(default_factory=dict)  # line → Anki's note GUID (``#guid column``)
    errors: list[str] = field(default_factory=list)


def _html_to_text(value: str) -> str:
    value = re.sub(r"(?i)<hr\b[^>]*>", "\n\n", value)  # studytool's export: <hr class="lang"> between zh and en
    value = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>", "\n", value)
    value = re.sub(r"(?i)<li>", "- ", value)
    value = _TAG.sub("", value)
    value = html.unescape(value)
    value = value.replace("\\(", "$").replace("\\)", "$").replace("\\[", "$$").replace("\\]", "$$")
    return re.sub(r"\n{3,}", "\n\n", value).strip()


def parse_rows(text: str, name: str) -> ParsedRows:
    """Rows of ``text`` with 1-based line numbers; malformed rows become errors."""
    headers: dict[str, str] = {}
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # CRLF files: no stray \r in cells
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and (m := _ANKI_HEADER.match(lines[skip])):  # only Anki's own "#key:value"
        headers[m.group(1).lower()] = m.group(2).strip()
        skip += 1
    body = "".join(lines[skip:])
    result = ParsedRows()
    given = headers.get("separator", "")
    sep = _SEPARATORS.get(given.lower(), given)
    if len(sep) > 1:
        result.errors.append(f"{name}:{_header_line(lines, 'separator')}: #separator:{given} — use one character "
                             f"or one of {', '.join(_SEPARATORS)}")  # fmt: skip
        return result
    for key in ("guid column", "notetype column", "deck column", "tags column"):
        if key in headers and not (headers[key].isdecimal() and int(headers[key]) >= 1):
            result.errors.append(f"{name}:{_header_line(lines, key)}: #{key}:{headers[key]} — columns count from 1")
    if result.errors:
        return result
    if not sep:
        sep = "\t" if "\t" in body.split("\n", 1)[0] or name.endswith((".tsv", ".txt")) and "\t" in body else ","
    is_html = headers.get("html", "").lower() == "true"
    special = set()
    for key in ("guid column", "notetype column", "deck column"):
        if headers.get(key, "").isdecimal():
            special.add(int(headers[key]) - 1)
    tags_col = int(headers["tags column"]) - 1 if headers.get("tags column", "").isdecimal() else None
    guid_col = int(headers["guid column"]) - 1 if headers.get("guid column", "").isdecimal() else None
    reader = csv.reader(io.StringIO(body), delimiter=sep)
    seen_first = False
    start_line = skip + 1
    try:
        for row in reader:
            line = start_line
            start_line = skip + reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            tags: list[str] = []
            if tags_col is not None and tags_col < len(row):
                tags = row[tags_col].split()
            fields = [c for i, c in enumerate(row) if i not in special and i != tags_col]
            if not seen_first:
                seen_first = True
                if tuple(c.strip().lower() for c in fields[:2]) in _HEADER_ROW:
                    continue
            if len(fields) < 2:
                named = next((k for k, v in _SEPARATORS.items() if v == sep), repr(sep))
                result.errors.append(f"{name}:{line}: expected at least 2 columns (question, answer), found {len(fields)} "
                                     f"(columns split at {named}; a first line #separator:comma or #separator:tab sets it)")  # fmt: skip
                continue
            if tags_col is None and len(fields) >= 3:
                tags = fields[2].split()
            q, a = fields[0], fields[1]
            if is_html or _TAG.search(q + a):
                q, a = _html_to_text(q), _html_to_text(a)
            if not q.strip() or not a.strip():
                result.errors.append(f"{name}:{line}: empty {'question' if not q.strip() else 'answer'}")
                continue
            result.rows.append((line, q.strip(), a.strip(), tags))
            if guid_col is not None and guid_col < len(row) and row[guid_col].strip():
                result.guids[line] = row[guid_col].strip()
    except csv.Error as exc:
        result.errors.append(f"{name}:{start_line}: malformed row: {exc}")
    return result


_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}
#: the header lines of an Anki text export (any other line starting with # is a card)
_ANKI_HEADER = re.compile(
    r"#(separator|html|tags|columns|notetype|deck|guid column|notetype column|deck column|tags column|if matches)"
    r":(.*)$", re.IGNORECASE,
)


def _header_line(lines: list[str], key: str) -> int:
    """1-based line of the ``#key:`` header."""
    return next((i for i, line in enumerate(lines, 1) if line.lower().startswith(f"#{key}:")), 1)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")
    return slug[:48] or "imported"


def card_id(question: str, guid: str | None = None) -> str:
    """Stable id: from Anki's note GUID when the file has one (so a question edited in Anki keeps
    its id, and its review history, on the next import), else from the question text."""
    if guid:
        return "g-" + hashlib.blake2b(guid.encode("utf-8"), digest_size=5).hexdigest()
    return "c-" + hashlib.blake2b(question.strip().encode("utf-8"), digest_size=5).hexdigest()


def build_deck(rows: ParsedRows, deck_id: str, title: str, source: str) -> dict[str, Any]:
    cards = []
    used: dict[str, int] = {}
    for line, q, a, tags in rows.rows:
        cid = card_id(q, rows.guids.get(line))
        if cid in used:
            used[cid] += 1
            cid = f"{cid}-{used[cid]}"
        else:
            used[cid] = 1
        card: dict[str, Any] = {"id": cid, "type": "basic", "q": q, "a": a}
        # type::basic and the like are studytool's own export markers (the card's type), not topics
        clean = [re.sub(r"\s+", "_", t) for t in tags if t.strip() and not t.startswith("type::")]
        if clean:
            card["tags"] = clean
        cards.append(card)
    return {"deck": deck_id, "title": title, "source": source, "cards": cards}


def import_file(src: Path, out: Path, deck_id: str | None = None) -> int:
    """Convert ``src`` to a deck at ``out`` (atomic; nothing written on any error). Returns cards."""
    try:
        raw = src.read_bytes()
    except OSError as exc:
        raise ImportProblem(f"{src}: cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportProblem(f"{src}:{line}: not valid UTF-8; save the file as UTF-8") from None
    rows = parse_rows(text, str(src))
    if rows.errors:
        more = f" (and {len(rows.errors) - 5} more)" if len(rows.errors) > 5 else ""
        raise ImportProblem("; ".join(rows.errors[:5]) + more + " — nothing written")
    if not rows.rows:
        raise ImportProblem(f"{src}: no rows found (expected question, answer[, tags] per line) — nothing written")
    from studytool.decks.loader import CONTROL_CHARS, MAX_CARDS_PER_DECK, MAX_TEXT_CHARS

    if len(rows.rows) > MAX_CARDS_PER_DECK:
        raise ImportProblem(f"{src}: {len(rows.rows)} rows; a deck holds at most {MAX_CARDS_PER_DECK} cards — "
                            "split the file — nothing written")  # fmt: skip
    for line, q, a, _tags in rows.rows:
        for what, value in (("question", q), ("answer", a)):
            if len(value) > MAX_TEXT_CHARS:
                raise ImportProblem(f"{src}:{line}: the {what} is {len(value)} characters; a card text holds at "
                                    f"most {MAX_TEXT_CHARS} — nothing written")  # fmt: skip
            bad = CONTROL_CHARS.search(value + " ".join(_tags))
            if bad:
                raise ImportProblem(f"{src}:{line}: the {what} contains the control character U+{ord(bad.group()):04X}; "
                                    "remove it — nothing written")  # fmt: skip
    deck_id = deck_id or _slug(src.stem)
    if not re.match(r"^[a-z0-9][a-z0-9_-]{0,63}$", deck_id):
        raise ImportProblem(f"deck id {deck_id!r} must be lowercase letters, digits, '-' or '_'")
    data = build_deck(rows, deck_id, src.stem, f"imported from {src.name}")
    basis = "Anki's note GUIDs" if rows.guids else "questions"
    header = f"# Imported by studytool from {src.name}; edit freely (ids are derived from {basis}).\n"
    text_out = header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    try:
        with replacing(out) as tmp:
            tmp.write_text(text_out, encoding="utf-8")
            deck, problems = read_deck(tmp, "user")
            if deck is None or problems:
                raise ImportProblem(f"internal: the generated deck does not validate: {problems[0] if problems else '?'}")
    except OSError as exc:
        raise ImportProblem(f"cannot write {out}: {exc.strerror} — nothing written") from None
    return len(data["cards"])
