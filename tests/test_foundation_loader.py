"""Deck loading and validation: positions, every problem reported, good decks still load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytool.decks.loader import load_collection, read_deck
from tests.conftest import run_cli

GOOD = """\
deck: good
title: {zh: 好, en: Good}
source: "机器学习基础 › 二、激活函数"
cards:
  - id: one
    type: basic
    q: {zh: 问题, en: Question}
    a: {zh: 答案, en: Answer}
  - id: two
    type: numeric
    q: {zh: "1/4?", en: "1/4?"}
    a: "0.25"
    answer: {value: 0.25, tol: 0.001}
"""

BROKEN = """\
deck: broken
title: {zh: 坏, en: Broken}
source: "机器学习基础 › 二、激活函数"
cards:
  - id: dup
    type: basic
    q: {zh: 问, en: Q}
    a: {zh: 答, en: A}
  - id: dup
    type: basic
    q: {zh: 问, en: Q}
    a: {zh: 答, en: A}
  - id: weird
    type: flashcard
    q: {zh: 问, en: Q}
    a: {zh: 答, en: A}
  - id: halfway
    type: basic
    q: {zh: 只有中文}
    a: {zh: 答, en: A}
  - id: typo
    type: basic
    q: {zh: 问, en: Q}
    a: {zh: 答, en: A}
    tagz: [x]
"""

SYNTAX = "deck: bad\ntitle: [unclosed\ncards: []\n"


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_deck_loads(tmp_path: Path) -> None:
    deck, problems = read_deck(write(tmp_path, "good.yaml", GOOD))
    assert problems == []
    assert deck is not None and [c.uid for c in deck.cards] == ["good/one", "good/two"]
    assert deck.cards[1].answer == {"value": 0.25, "tol": 0.001}
    assert deck.cards[0].line == 5
    assert deck.cards[1].a.zh == deck.cards[1].a.en == "0.25"


def test_five_problems_reported_with_lines_and_good_deck_still_loads(tmp_path: Path) -> None:
    write(tmp_path, "a_good.yaml", GOOD)
    write(tmp_path, "b_broken.yaml", BROKEN)
    write(tmp_path, "c_syntax.yaml", SYNTAX)
    collection = load_collection([(tmp_path, "user")])
    assert [d.id for d in collection.decks] == ["broken", "good"]
    messages = [(Path(p.file).name, p.line, p.message) for p in collection.problems]
    text = "\n".join(f"{f}:{line} {m}" for f, line, m in messages)
    assert "c_syntax.yaml:3 YAML syntax error" in text
    assert "b_broken.yaml:9 duplicate card id 'dup' (first at line 5)" in text
    assert "b_broken.yaml:14 unknown card type 'flashcard'" in text
    assert "b_broken.yaml:19 q is missing its 'en' text" in text
    assert "b_broken.yaml:25 unknown key 'tagz' in a card — did you mean 'tags'?" in text
    tagz = next(p for p in collection.problems if "tagz" in p.message)
    assert tagz.column == 5  # the key's own column (it was always 1)


def test_check_cli_exit_1_and_no_traceback(tmp_path: Path) -> None:
    write(tmp_path, "a_good.yaml", GOOD)
    write(tmp_path, "b_broken.yaml", BROKEN)
    write(tmp_path, "c_syntax.yaml", SYNTAX)
    result = run_cli("check", "--no-proofs", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("5 cards in 2 decks")  # good: 2 + broken: dup, halfway, typo
    assert lines[-1].endswith("; 5 problems")
    assert sum("b_broken.yaml:" in line for line in lines) == 4
    assert sum("c_syntax.yaml:3" in line for line in lines) == 1
    as_json = json.loads(run_cli("check", "--no-proofs", "--json", str(tmp_path)).stdout)
    (tmp_path / "b_broken.yaml").unlink()
    (tmp_path / "a_good.yaml").unlink()
    single = run_cli("check", "--no-proofs", str(tmp_path)).stdout.splitlines()[-1]
    assert single == "0 cards in 0 decks, 0 proofs (not run); 1 problem"  # the syntax error alone
    assert as_json["decks"] == 2 and len(as_json["problems"]) == 5
    assert {"file", "line", "column", "card", "message"} <= set(as_json["problems"][0])


def test_unknown_keys_and_wrong_types(tmp_path: Path) -> None:
    text = GOOD.replace("type: numeric", "type: numeric\n    proff: x").replace("value: 0.25", "value: lots")
    deck, problems = read_deck(write(tmp_path, "g.yaml", text))
    msgs = [p.message for p in problems]
    assert any("did you mean 'proof'" in m for m in msgs)
    assert any("needs 'value': a number" in m for m in msgs)


def test_unsafe_yaml_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", "deck: !!python/object/apply:os.system ['touch /tmp/pwned']\n")
    deck, problems = read_deck(path)
    assert deck is None and "not allowed" in problems[0].message and problems[0].line == 1
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    deck, problems = read_deck(write(tmp_path, "bomb.yaml", bomb))
    assert deck is None and "aliases" in problems[0].message


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_loader_never_raises(text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "fuzz.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass") if "\ud800" not in text else path.write_bytes(b"\xff")
        deck, problems = read_deck(path)
        assert deck is not None or problems


def test_deck_cache_hits_and_invalidates(tmp_path: Path, monkeypatch) -> None:
    from studytool.decks import cache

    monkeypatch.setenv("STUDYTOOL_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "decks"
    folder.mkdir()
    path = write(folder, "good.yaml", GOOD)
    first = load_collection([(folder, "user")])
    assert cache.is_cached(path, "user"), "first load fills the cache"
    again = load_collection([(folder, "user")])
    assert [c.uid for c in again.cards] == [c.uid for c in first.cards]
    path.write_text(GOOD.replace("Question", "Changed!"), encoding="utf-8")  # same size, new content
    changed = load_collection([(folder, "user")])
    assert changed.cards[0].q.en == "Changed!"


def test_check_reports_a_broken_answer_spec(tmp_path: Path) -> None:
    bad = GOOD.replace(
        "    answer: {value: 0.25, tol: 0.001}",
        "    answer: {value: 0.25, tol: 0.001}\n  - id: three\n    type: expression\n    q: Q\n    a: A\n"
        '    answer: {expr: "s*(1-", symbols: [s]}',
    )
    write(tmp_path, "bad.yaml", bad)
    result = run_cli("check", "--no-proofs", str(tmp_path / "bad.yaml"))
    assert result.returncode == 1
    assert "[good/three] answer spec: the card's expression 's*(1-' is invalid: unbalanced parenthesis" in result.stdout


def test_collection_select_and_require_decks() -> None:
    from studytool.decks.model import Card, Collection, Deck, Text
    from studytool.errors import StudytoolError

    def card(deck: str, cid: str, *tags: str) -> Card:
        return Card(deck, cid, "basic", Text("问", "Q"), Text("答", "A"), "s", tags=tags)

    ml = Deck("ml", Text("机", "ML"), "s", (card("ml", "a", "x"), card("ml", "b")), tags=("core",))
    dl = Deck("dl", Text("深", "DL"), "s", (card("dl", "c", "x", "y"), card("dl", "d")))
    coll = Collection([ml, dl])

    def uids(cards: list[Card]) -> list[str]:
        return [c.uid for c in cards]

    assert uids(coll.select()) == ["ml/a", "ml/b", "dl/c", "dl/d"]
    assert uids(coll.select(["dl"])) == ["dl/c", "dl/d"]
    assert uids(coll.select(tags=["x"])) == ["ml/a", "dl/c"]
    assert uids(coll.select(tags=["core"])) == ["ml/a", "ml/b"]  # a deck's tags count for its cards
    assert uids(coll.select(["dl"], ["x", "core"])) == ["dl/c"]
    coll.require_decks(None)
    coll.require_decks(["ml", "dl"])
    with pytest.raises(StudytoolError, match=r"no deck 'nope', 'nah' \(known decks: dl, ml\)"):
        coll.require_decks(["ml", "nope", "nah"])


def _plain(node):
    """A composed Node tree as plain Python values."""
    value = node.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


TRICKY = ["yes", "No", "on", "OFF", "y", "n", "~", "null", "Null", "", "1e3", ".5", "-1", "+7", "0x1F", "0o17",
          "1_000", "2024-01-01", "2024-01-01 10:00:00", "=", ".inf", "-.Inf", "true story", "Yes please",
          "normal text", "中文 文本", "éa", "3 apples", "t", "f", "O", "x: y", "- dash"]  # fmt: skip


@given(st.lists(st.sampled_from(TRICKY) | st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                                                  max_size=12), max_size=12))  # fmt: skip
def test_plain_scalars_resolve_exactly_as_pyyaml(values) -> None:
    """The loader's fast path for plain strings gives what PyYAML's resolver gives, for any scalar."""
    import yaml

    from studytool.decks.loader import _compose

    lines = []
    for i, value in enumerate(values):
        if value.strip() != value or any(c in value for c in ":#'\"\n\t[]{},&*!|>%@`\\"):
            value = yaml.safe_dump(value, allow_unicode=True, width=10**6).strip().removesuffix("...").strip()
        lines.append(f"k{i}: {value}")
    text = "\n".join(lines) + "\n"
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        return  # not a document PyYAML accepts: nothing to compare
    node = _compose(text)
    assert (_plain(node) if node is not None else None) == expected


def test_an_unquoted_comma_in_a_choice_option_is_reported_at_its_line(tmp_path: Path) -> None:
    """``{zh: …, en: ReLU outputs, then normalise}`` parses as en="ReLU outputs" plus a stray key."""
    path = tmp_path / "opts.yaml"
    path.write_text(
        'deck: opts\ntitle: {zh: 选项, en: Options}\nsource: "机器学习基础 › 二、激活函数"\ncards:\n'
        "  - id: c\n    type: choice\n    q: {zh: 问, en: Q}\n    a: {zh: 答, en: A}\n"
        "    answer:\n      options:\n        - {zh: 一, en: one}\n"
        "        - {zh: 再归一化, en: ReLU outputs, then normalise}\n      correct: 0\n",
        encoding="utf-8",
    )
    _deck, problems = read_deck(path)
    messages = [(p.line, p.message) for p in problems]
    assert any(line == 12 and "'then normalise'" in msg and "quote" in msg for line, msg in messages), messages
    path.write_text(path.read_text(encoding="utf-8").replace("ReLU outputs, then normalise",
                                                            '"ReLU outputs, then normalise"'), encoding="utf-8")
    assert not read_deck(path)[1]


def test_proof_target_is_the_one_rule_for_which_proof_a_card_opens() -> None:
    """Review, browse, interview, quiz and `demo CARD` all ask the card (the quiz once ignored erratum
    proofs and `demo` passed the card's params to an erratum's proof)."""
    from dataclasses import replace

    from studytool.decks.model import Erratum, Text
    from tests.srs_support import make_card

    card = make_card("alpha", "c0")
    erratum = Erratum(Text("说", "says"), Text("改", "fix"), proof="alpha.erratum")
    assert card.proof_target() is None
    assert replace(card, erratum=erratum, params={"n": 3}).proof_target() == ("alpha.erratum", {})
    own = replace(card, proof="alpha.own", params={"n": 3}, erratum=erratum)
    assert own.proof_target() == ("alpha.own", {"n": 3})
    target = own.proof_target()
    target[1]["n"] = 4  # a copy: opening a proof with edited params leaves the card alone
    assert own.params == {"n": 3}


def test_a_missing_title_or_answer_is_located_at_its_deck_or_card(tmp_path) -> None:
    """`check` promises file:line:column for every problem; these two came without (first-use review)."""
    from studytool.decks.loader import read_deck

    path = tmp_path / "d.yaml"
    path.write_text('deck: my-deck\nsource: "my notes"\ncards:\n  - id: a\n    type: basic\n    q: hello\n', encoding="utf-8")
    _, problems = read_deck(path)
    assert [(p.line, p.column, p.message) for p in problems] == [(1, 1, "missing deck title"), (4, 5, "missing a")]
