"""Load and validate YAML deck files into :mod:`studytool.decks.model` objects.

Deck files are data only: parsed with libyaml's safe composer, walked node by node so that every
value keeps its line/column, duplicate keys and anchors/aliases are rejected, and no custom tag is
ever constructed. One broken deck never stops the others from loading; every problem is reported.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studytool.decks.model import (
    CARD_TYPES,
    LANGS,
    SOURCE_SEP,
    Card,
    Collection,
    Deck,
    Erratum,
    Problem,
    Text,
    TextList,
)

if TYPE_CHECKING:
    import yaml


def _yaml():  # noqa: ANN202 - PyYAML is imported only when a deck is actually parsed (warm starts skip it)
    import yaml

    try:  # libyaml is much faster; fall back to the pure-Python loader where it is missing
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover
        from yaml import SafeLoader as loader
    return yaml, loader

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_CARDS_PER_DECK = 5000
MAX_TEXT_CHARS = 20_000
#: C0/C1 control characters other than tab and newline (ESC would let a deck drive the terminal)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_NODES = 500_000
MAX_DEPTH = 64

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
DECK_KEYS = {"deck", "title", "source", "tags", "cards", "order", "langs"}
CARD_KEYS = {"id", "type", "q", "a", "points", "answer", "source", "proof", "params", "erratum", "tags"}
ERRATUM_KEYS = {"claim", "correction", "proof"}
ANSWER_KEYS = {
    "choice": {"options", "correct", "multiple", "shuffle"},
    "numeric": {"value", "tol", "rel", "percent", "unit"},
    "expression": {"expr", "symbols", "functions", "hint", "forbid", "positive"},
    "truefalse": {"value"},
    "cloze": {"accept", "case_sensitive"},
}
_STD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
}


class DeckError(Exception):
    """A problem that stops one deck file from loading."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line, self.column = line, column


class Node:
    """A YAML value with the position it came from (``key_line``/``key_column``: its mapping key's)."""

    __slots__ = ("value", "line", "column", "key_line", "key_column")

    def __init__(self, value: Any, line: int, column: int) -> None:
        self.value, self.line, self.column, self.key_line, self.key_column = value, line, column, line, column


def _mark(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark else (0, 0)


def _compose(text: str) -> Node | None:
    """Build a :class:`Node` tree from libyaml's event stream — iteratively, with bounded depth.

    Working from events (not ``yaml.compose``) keeps recursion out of libyaml (a 100 000-deep
    document would crash it) and rejects anchors, aliases and custom tags before anything grows.
    This loop is the hot path of start-up, hence the inlined dispatch.
    """
    yaml, loader = _yaml()
    resolver = yaml.resolver.Resolver()
    resolve = resolver.resolve
    # first characters that any implicit resolver (bool, int, float, null, timestamp, …) looks at: a
    # plain scalar starting with anything else is a string, as resolve() would say — without the call
    resolvable = set(resolver.yaml_implicit_resolvers) if None not in resolver.yaml_implicit_resolvers else None
    construct = yaml.constructor.SafeConstructor().construct_object
    scalar_node = yaml.ScalarNode
    str_tag = "tag:yaml.org,2002:str"
    stack: list[Node] = []
    pending: list[tuple[str, int, int] | None] = []  # per open container: the key waiting for its value
    root: Node | None = None
    count = 0
    for event in yaml.parse(text, Loader=loader):
        kind = type(event)
        if kind is yaml.ScalarEvent:
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            if event.anchor is not None:
                raise DeckError("YAML anchors and aliases (&name / *name) are not allowed in deck files", line, col)
            tag = event.tag
            if tag is None or tag == "!":
                text_value = event.value
                if event.style or (resolvable is not None and text_value and text_value[0] not in resolvable
                                   and event.implicit[0]):  # fmt: skip
                    tag = str_tag
                else:
                    tag = resolve(scalar_node, text_value, event.implicit)
            elif tag not in _STD_TAGS:
                raise DeckError(f"YAML tag {tag!r} is not allowed: deck files hold plain data only", line, col)
            if tag == str_tag:
                value: Any = event.value
            else:
                try:
                    value = construct(scalar_node(tag, event.value, mark, event.end_mark, event.style))
                except yaml.YAMLError as exc:
                    raise DeckError(f"bad value {event.value[:40]!r}: {getattr(exc, 'problem', exc)}", line, col) from None
            child = Node(value, line, col)
        elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            line, col = _mark(event.start_mark)
            if event.anchor is not None:
                raise DeckError("YAML anchors and aliases (&name / *name) are not allowed in deck files", line, col)
            if event.tag is not None and event.tag != "!" and event.tag not in _STD_TAGS:
                raise DeckError(f"YAML tag {event.tag!r} is not allowed: deck files hold plain data only", line, col)
            if len(stack) >= MAX_DEPTH:
                raise DeckError(f"nesting deeper than {MAX_DEPTH} levels; deck files are shallow", line, col)
            child = Node([] if kind is yaml.SequenceStartEvent else {}, line, col)
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            stack.pop()
            pending.pop()
            continue
        elif kind is yaml.AliasEvent:
            raise DeckError("YAML anchors and aliases (&name / *name) are not allowed in deck files", *_mark(event.start_mark))
        elif kind is yaml.DocumentStartEvent and root is not None:
            raise DeckError("a deck file holds one YAML document (remove the extra '---')", *_mark(event.start_mark))
        else:
            continue
        count += 1
        if count > MAX_NODES:
            raise DeckError(f"too many YAML values (more than {MAX_NODES}); split the deck", line, col)
        if not stack:
            root = child
        else:
            parent = stack[-1].value
            if type(parent) is list:
                parent.append(child)
            elif pending[-1] is None:
                key = child.value
                if isinstance(key, dict | list) or key is None:
                    raise DeckError("mapping keys must be plain words", line, col)
                key = str(key)
                if key == "<<":
                    raise DeckError("YAML merge keys (<<) are not allowed in deck files", line, col)
                if key in parent:
                    first = parent[key].key_line
                    raise DeckError(f"duplicate key {key!r} (first at line {first})", line, col)
                pending[-1] = (key, line, col)
                continue
            else:
                key, key_line, key_column = pending[-1]
                pending[-1] = None
                child.key_line, child.key_column = key_line, key_column
                parent[key] = child
        if kind is not yaml.ScalarEvent:
            stack.append(child)
            pending.append(None)
    return root


def parse_file(path: Path, data: bytes | None = None) -> Node | None:
    """Read (unless ``data`` is given) and parse one YAML file (raises :class:`DeckError` with a position)."""
    if data is None:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise DeckError(
                    f"file is {size / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES // 1_000_000} MB per deck file — split it"
                )
            data = path.read_bytes()
        except OSError as exc:
            raise DeckError(f"cannot read file: {exc.strerror}") from None
    if b"\x00" in data[:8192]:
        raise DeckError("this is a binary file, not a YAML deck", 1, 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DeckError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8", line, 1) from None
    yaml, _ = _yaml()
    try:
        return _compose(text)
    except yaml.MarkedYAMLError as exc:
        line, col = _mark(exc.problem_mark or exc.context_mark)
        lines = text.splitlines()
        bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
        hint = " — YAML indents with spaces, not tabs" if "\t" in bad_line else ""
        raise DeckError(f"YAML syntax error: {exc.problem}{hint}", line, col) from None
    except yaml.YAMLError as exc:
        raise DeckError(f"YAML error: {exc}") from None


#: why a {zh, en} mapping grows a stray key: an unquoted comma or ": " inside ``{…}``
_QUOTE_HINT = ' — inside {…}, quote a text that contains a comma or ": " (en: "a, b")'


class _DeckReader:
    """Validates one parsed deck file, collecting problems."""

    def __init__(self, path: Path, langs: tuple[str, ...] = LANGS) -> None:
        self.file = str(path)
        self.langs = langs
        self.problems: list[Problem] = []
        self.card_id: str | None = None

    def problem(self, node: Node | None, message: str) -> None:
        line, col = (node.line, node.column) if node else (0, 0)
        self.problems.append(Problem(self.file, line, col, message, self.card_id))

    def unknown_keys(self, mapping: dict[str, Node], allowed: set[str], where: str) -> None:
        for key, node in mapping.items():
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f" — did you mean {close[0]!r}?" if close else f" (allowed: {', '.join(sorted(allowed))})"
                line, column = getattr(node, "key_line", node.line), getattr(node, "key_column", 1)
                self.problems.append(Problem(self.file, line, column, f"unknown key {key!r} in {where}{hint}", self.card_id))

    def text(self, node: Node | None, what: str, required: bool = True, within: Node | None = None) -> Text | None:
        """A bilingual text; a missing required one is reported at ``within`` (its deck or card)."""
        if node is None:
            if required:
                self.problem(within, f"missing {what}")
            return None
        value = node.value
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            s = str(value)
            if not s.strip() and required:
                self.problem(node, f"{what} is empty")
            return self._limit(node, what, Text(s, s))
        if isinstance(value, dict):
            bad = set(value) - set(LANGS)
            if bad:
                self.problem(node, f"{what} has unknown language key(s) {sorted(bad)}; use zh and en{_QUOTE_HINT}")
            texts: dict[str, str] = {}
            for lang in LANGS:
                item = value.get(lang)
                if item is None:
                    if lang in self.langs:
                        self.problem(node, f"{what} is missing its {lang!r} text (give both zh and en)")
                    continue
                if not isinstance(item.value, str | int | float) or isinstance(item.value, bool):
                    self.problem(item, f"{what}.{lang} must be text")
                    continue
                texts[lang] = str(item.value)
            if not texts:
                return None
            zh = texts.get("zh", texts.get("en", ""))
            en = texts.get("en", zh)
            return self._limit(node, what, Text(zh, en))
        self.problem(node, f"{what} must be text or a {{zh, en}} mapping, not {_kind(value)}")
        return None

    def _limit(self, node: Node, what: str, text: Text) -> Text:
        if max(len(text.zh), len(text.en)) > MAX_TEXT_CHARS:
            self.problem(node, f"{what} is longer than {MAX_TEXT_CHARS} characters; shorten it")
        bad = CONTROL_CHARS.search(text.zh + text.en)
        if bad:  # an escape sequence from a shared deck must not reach the terminal
            self.problem(node, f"{what} contains the control character U+{ord(bad.group()):04X}; remove it")
        return text

    def text_list(self, node: Node | None, what: str) -> TextList:
        if node is None:
            return TextList()
        value = node.value
        if isinstance(value, list):
            items = [self.text(n, f"{what}[{i}]") for i, n in enumerate(value)]
            items_ok = [t for t in items if t]
            return TextList(tuple(t.zh for t in items_ok), tuple(t.en for t in items_ok))
        if isinstance(value, dict):
            out: dict[str, tuple[str, ...]] = {}
            for lang in LANGS:
                item = value.get(lang)
                if item is None:
                    if lang in self.langs:
                        self.problem(node, f"{what} is missing its {lang!r} list")
                    continue
                if not isinstance(item.value, list) or not all(isinstance(n.value, str) for n in item.value):
                    self.problem(item, f"{what}.{lang} must be a list of texts")
                    continue
                out[lang] = tuple(n.value for n in item.value)
            if "zh" in out and "en" in out and len(out["zh"]) != len(out["en"]):
                self.problem(node, f"{what}: zh has {len(out['zh'])} points, en has {len(out['en'])}; keep them aligned")
            return TextList(out.get("zh", ()), out.get("en", ()))
        self.problem(node, f"{what} must be a list or a {{zh: [...], en: [...]}} mapping")
        return TextList()

    def string(self, node: Node | None, what: str, pattern: re.Pattern[str] | None = None) -> str | None:
        if node is None:
            return None
        if not isinstance(node.value, str) or not node.value.strip():
            self.problem(node, f"{what} must be a non-empty string, not {_kind(node.value)}")
            return None
        if pattern and not pattern.match(node.value):
            self.problem(node, f"{what} {node.value!r} must be lowercase letters, digits, '-' or '_' (max 64)")
            return None
        return node.value.strip()

    def tags(self, node: Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node.value, list) or not all(isinstance(n.value, str) for n in node.value):
            self.problem(node, "tags must be a list of words")
            return ()
        return tuple(n.value for n in node.value)


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", type(None): "empty"}.get(
        type(value), type(value).__name__
    )


def plain(node: Node | None) -> Any:
    """Strip positions from a :class:`Node` tree."""
    if node is None:
        return None
    if isinstance(node.value, dict):
        return {k: plain(v) for k, v in node.value.items()}
    if isinstance(node.value, list):
        return [plain(v) for v in node.value]
    return node.value


def _check_answer(reader: _DeckReader, ctype: str, node: Node | None, q: Text | None) -> dict[str, Any] | None:
    """Validate the ``answer`` spec against the card type; return it as plain data."""
    if ctype == "basic":
        if node is not None:
            reader.problem(node, "a basic card has no 'answer' spec (use type choice/numeric/… to auto-grade)")
        return None
    if ctype == "cloze" and node is None:
        spec: dict[str, Any] = {}
    elif node is None:
        reader.problem(None, f"a {ctype} card needs an 'answer' spec")
        return None
    elif not isinstance(node.value, dict):
        reader.problem(node, f"'answer' must be a mapping for a {ctype} card")
        return None
    else:
        reader.unknown_keys(node.value, ANSWER_KEYS[ctype], f"a {ctype} answer")
        spec = plain(node)
    where = node
    if ctype == "choice":
        options = spec.get("options")
        if not isinstance(options, list) or len(options) < 2:
            reader.problem(where, "a choice answer needs 'options': a list of at least 2")
            return None
        assert node is not None  # a choice answer always has a spec node (checked above)
        for i, option in enumerate(node.value["options"].value):
            reader.text(option, f"option {i}")  # the same checks as any text: languages, stray keys, size
        correct = spec.get("correct")
        correct_list = correct if isinstance(correct, list) else [correct]
        if not correct_list or not all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c < len(options) for c in correct_list):
            reader.problem(where, f"'correct' must be an option index 0..{len(options) - 1} (or a list of them)")
            return None
        if len(correct_list) > 1 and not spec.get("multiple", False):
            spec["multiple"] = True
    elif ctype == "numeric":
        value = spec.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            reader.problem(where, "a numeric answer needs 'value': a number")
            return None
        for key in ("tol", "rel"):
            if key in spec and (isinstance(spec[key], bool) or not isinstance(spec[key], int | float) or spec[key] < 0):
                reader.problem(where, f"'{key}' must be a number ≥ 0")
    elif ctype == "expression":
        if not isinstance(spec.get("expr"), str) or not spec["expr"].strip():
            reader.problem(where, "an expression answer needs 'expr': the expected expression as text")
            return None
        for key in ("symbols", "functions", "forbid", "positive"):
            if key in spec and (not isinstance(spec[key], list) or not all(isinstance(s, str) for s in spec[key])):
                reader.problem(where, f"'{key}' must be a list of names")
        names = {key: spec.get(key) or [] for key in ("positive", "symbols")}
        if all(isinstance(v, list) and all(isinstance(s, str) for s in v) for v in names.values()):
            stray = sorted(set(names["positive"]) - set(names["symbols"]))
            if stray:
                reader.problem(where, f"'positive' names {', '.join(stray)}, which are not in 'symbols'")
    elif ctype == "truefalse":
        if not isinstance(spec.get("value"), bool):
            reader.problem(where, "a truefalse answer needs 'value: true' or 'value: false'")
            return None
    elif ctype == "cloze":
        if q is not None and not all(re.search(r"\{\{.+?\}\}", t) for t in (q.zh, q.en)):
            reader.problem(where, "a cloze card's q must mark the blank as {{answer}} in each language")
        accept = spec.get("accept", [])
        if not isinstance(accept, list) or not all(isinstance(a, str | int | float) for a in accept):
            reader.problem(where, "'accept' must be a list of accepted answers")
    return spec


def read_deck(path: Path, origin: str = "shipped", data: bytes | None = None) -> tuple[Deck | None, list[Problem]]:
    """Load one deck file (or its already-read bytes). Returns the deck (``None`` if unusable) and its problems."""
    reader = _DeckReader(path)
    try:
        root = parse_file(path, data)
    except DeckError as exc:
        return None, [Problem(str(path), exc.line, exc.column, str(exc))]
    if root is None:
        return None, [Problem(str(path), 1, 1, "the file is empty; a deck needs 'deck', 'title', 'source' and 'cards'")]
    if not isinstance(root.value, dict):
        return None, [Problem(str(path), root.line, root.column, f"a deck file must be a mapping (deck:, title:, cards:), not {_kind(root.value)}")]
    top = root.value
    reader.unknown_keys(top, DECK_KEYS, "the deck")
    if "langs" in top:
        langs = plain(top["langs"])
        if isinstance(langs, list) and set(langs) <= set(LANGS) and langs:
            reader.langs = tuple(langs)
        else:
            reader.problem(top["langs"], "langs must be a list drawn from [zh, en]")
    deck_id = reader.string(top.get("deck"), "deck id", ID_RE)
    if "deck" not in top:
        reader.problem(root, "missing 'deck: <id>'")
    title = reader.text(top.get("title"), "deck title", within=root)
    source = reader.string(top.get("source"), "deck source") or ""
    if "source" not in top:
        reader.problem(root, "missing 'source': the notes heading this deck comes from")
    deck_tags = reader.tags(top.get("tags"))
    order_node = top.get("order")
    order = order_node.value if order_node and isinstance(order_node.value, int) else 0
    cards_node = top.get("cards")
    cards: list[Card] = []
    if cards_node is None or not isinstance(cards_node.value, list):
        reader.problem(cards_node or root, "'cards' must be a list of cards")
        cards_list: list[Node] = []
    else:
        cards_list = cards_node.value
    if len(cards_list) > MAX_CARDS_PER_DECK:
        reader.problem(cards_node, f"{len(cards_list)} cards; the limit is {MAX_CARDS_PER_DECK} per deck file — split it")
        cards_list = cards_list[:MAX_CARDS_PER_DECK]
    seen: dict[str, int] = {}
    for index, cnode in enumerate(cards_list):
        reader.card_id = None
        if not isinstance(cnode.value, dict):
            reader.problem(cnode, f"card #{index + 1} must be a mapping (id:, type:, q:, a:), not {_kind(cnode.value)}")
            continue
        c = cnode.value
        cid = reader.string(c.get("id"), "card id", ID_RE)
        if "id" not in c:
            reader.problem(cnode, f"card #{index + 1} has no 'id'")
        reader.card_id = f"{deck_id}/{cid}" if cid else f"{deck_id}#{index + 1}"
        reader.unknown_keys(c, CARD_KEYS, "a card")
        if cid and cid in seen:
            reader.problem(c["id"], f"duplicate card id {cid!r} (first at line {seen[cid]})")
            cid = None
        elif cid:
            seen[cid] = c["id"].line
        ctype = reader.string(c.get("type"), "card type") or "basic"
        if ctype not in CARD_TYPES:
            close = difflib.get_close_matches(ctype, CARD_TYPES, n=1)
            hint = f" — did you mean {close[0]!r}?" if close else ""
            reader.problem(c["type"], f"unknown card type {ctype!r}{hint} (known: {', '.join(CARD_TYPES)})")
            continue
        q = reader.text(c.get("q"), "q", within=cnode)
        a = reader.text(c.get("a"), "a", within=cnode)
        answer = _check_answer(reader, ctype, c.get("answer"), q)
        points = reader.text_list(c.get("points"), "points")
        card_source = reader.string(c.get("source"), "card source") or source
        proof_id = reader.string(c.get("proof"), "proof")
        params_node = c.get("params")
        params = plain(params_node) if params_node else {}
        if not isinstance(params, dict):
            reader.problem(params_node, "params must be a mapping name: value")
            params = {}
        erratum = None
        enode = c.get("erratum")
        if enode is not None:
            if not isinstance(enode.value, dict):
                reader.problem(enode, "erratum must be a mapping with claim, correction (and optionally proof)")
            else:
                reader.unknown_keys(enode.value, ERRATUM_KEYS, "an erratum")
                claim = reader.text(enode.value.get("claim"), "erratum claim", within=enode)
                correction = reader.text(enode.value.get("correction"), "erratum correction", within=enode)
                eproof = reader.string(enode.value.get("proof"), "erratum proof")
                if claim and correction:
                    erratum = Erratum(claim, correction, eproof)
        tags = reader.tags(c.get("tags"))
        if cid is None or q is None or a is None or (answer is None and ctype != "basic"):
            continue
        cards.append(
            Card(
                deck=deck_id or "?",
                id=cid,
                type=ctype,
                q=q,
                a=a,
                source=card_source,
                proof=proof_id,
                points=points,
                answer=answer,
                params=params,
                erratum=erratum,
                tags=tuple(dict.fromkeys(deck_tags + tags)),
                file=str(path),
                line=cnode.line,
            )
        )
    for card in cards:
        if card.auto_graded:
            reader.problems.extend(answer_spec_problems(card))
    if deck_id is None or title is None:
        return None, reader.problems
    deck = Deck(deck_id, title, source, tuple(cards), deck_tags, order, str(path), origin)
    return deck, reader.problems


def answer_spec_problems(card: Card) -> list[Problem]:
    """The card's own answer must be usable by the answer checker (e.g. ``expr`` must parse).

    Runs while parsing, so its result is cached with the deck (warm starts skip it).
    """
    from studytool.answers.check import canonical_input, expected_answer
    from studytool.answers.verdict import SpecError

    try:
        expected_answer(card)
        canonical_input(card)
    except (SpecError, ValueError, KeyError, TypeError, IndexError) as exc:
        return [Problem(card.file, card.line, 0, f"answer spec: {exc}", card.uid)]
    return []


def read_deck_cached(path: Path, origin: str = "shipped") -> tuple[Deck | None, list[Problem]]:
    """:func:`read_deck` through the parsed-deck cache (see :mod:`studytool.decks.cache`)."""
    from studytool.decks import cache

    return cache.cached(path, origin, lambda data: read_deck(path, origin, data), max_bytes=MAX_FILE_BYTES)


def deck_files(folder: Path) -> list[Path]:
    """Deck files in ``folder`` (``*.yaml`` / ``*.yml``, not recursing into ``proofs/``)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())


def load_collection(folders: Iterable[tuple[Path, str]]) -> Collection:
    """Load every deck in the given ``(folder or file, origin)`` pairs; later duplicates are problems."""
    import gc

    collection = Collection()
    by_id: dict[str, Deck] = {}
    gc_was_enabled = gc.isenabled()
    gc.disable()  # building ~10^5 small objects: collection passes would only slow this down
    try:
        _load_into(collection, by_id, folders)
    finally:
        # the decks live as long as the app: keep the collector from rescanning them forever
        gc.freeze()
        if gc_was_enabled:
            gc.enable()
    collection.decks.sort(key=lambda d: (d.origin != "shipped", d.order, d.id))
    return collection


def _load_into(collection: Collection, by_id: dict[str, Deck], folders: Iterable[tuple[Path, str]]) -> None:
    for folder, origin in folders:
        files = [folder] if folder.is_file() else deck_files(folder)
        if not folder.exists():
            collection.problems.append(Problem(str(folder), 0, 0, "deck folder does not exist"))
            continue
        if folder.is_dir():
            collection.proof_dirs.append(folder / "proofs")
        for path in files:
            deck, problems = read_deck_cached(path, origin)
            collection.problems.extend(problems)
            if deck is None:
                continue
            if deck.id in by_id:
                first = by_id[deck.id]
                collection.problems.append(
                    Problem(str(path), 1, 1, f"duplicate deck id {deck.id!r} (also in {first.file}); this copy is skipped")
                )
                continue
            by_id[deck.id] = deck
            collection.decks.append(deck)


def split_source(source: str) -> tuple[str, ...]:
    """``"A › B › C"`` → ``("A", "B", "C")``."""
    return tuple(part.strip() for part in source.split(SOURCE_SEP.strip()) if part.strip())
