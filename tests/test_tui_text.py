"""LaTeX → Unicode, CJK line breaking, browse queries and interview planning (pure functions)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from studytool.decks.model import Card, Text, TextList
from studytool.latex import latex_to_unicode, render_math
from studytool.srs.interview import build_report, card_weight, pick_questions, rating_for
from studytool.srs.search import QueryError, parse_query, search


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (r"\hat{m}_t = \frac{m_t}{1-\beta_1^t}", "m̂ₜ = mₜ / (1−β₁ᵗ)"),
        (r"\sigma'(x)=\sigma(x)(1-\sigma(x))", "σ'(x)=σ(x)(1−σ(x))"),
        (r"\frac{1}{\sqrt{d_k}}", "1/√dₖ"),
        (r"\mathrm{softmax}(QK^\top/\sqrt{d_k})V", "softmax(QKᵀ/√dₖ)V"),
        (r"\frac{\partial L}{\partial w}", "∂L/∂w"),
        (r"\operatorname{ReLU}(x)=\max(0,x)", "ReLU(x)=max(0,x)"),
        (r"\left(a+b\right)^2", "(a+b)²"),
        (r"\|w\|_2^2", "‖w‖₂²"),
        (r"x_{ij}^{(l)}", "xᵢⱼ⁽ˡ⁾"),
        (r"\mathbb{E}[x]", "𝔼[x]"),
    ],
)
def test_latex_to_unicode(latex, expected):
    assert latex_to_unicode(latex) == expected


def test_render_math_only_touches_dollar_spans():
    assert render_math("导数 $\\sigma'(x)$ 最大为 $1/4$。") == "导数 σ'(x) 最大为 1/4。"
    assert render_math("no math here") == "no math here"
    assert "\\" not in render_math("$\\unknowncommand{x}$")


def test_cjk_lines_fill_the_width_instead_of_jumping():
    import io

    from rich.console import Console
    from rich.markdown import Markdown

    from studytool.tui.cjkwrap import install

    install()
    text = "k-means 最小化簇内平方误差（惯性），每个点**硬分配**给一个簇。它相当于权重相等、协方差相同的 GMM 在 σ→0 时的极限。"
    console = Console(width=30, file=io.StringIO(), record=True)
    console.print(Markdown(text))
    lines = [line.rstrip() for line in console.export_text().splitlines() if line.strip()]
    from rich.cells import cell_len

    assert lines[0].startswith("k-means 最小化")  # Chinese continues on the first line
    assert all(cell_len(line) <= 30 for line in lines)
    assert all(cell_len(line) >= 26 for line in lines[:-1])  # no ragged gaps
    assert not any(line.lstrip().startswith(("，", "。", "）")) for line in lines)  # no closing punctuation first


def _card(uid: str, *, tags=(), erratum=None, q="问题", a="答案", proof=None) -> Card:
    deck, _, cid = uid.partition("/")
    return Card(deck=deck, id=cid, type="basic", q=Text(q, q + " en"), a=Text(a, a), source="s",
                tags=tuple(tags), erratum=erratum, proof=proof, points=TextList(("点",), ("point",)))  # fmt: skip


NOW = datetime(2025, 3, 1, tzinfo=UTC)


def test_search_filters():
    cards = [
        _card("a/one", tags=("x",), q="梯度消失"),
        _card("a/two", tags=("y",), erratum=SimpleNamespace(proof=None), proof="p.q"),
        _card("b/three", tags=("x",), q="vanishing"),
    ]
    states = {
        "a/one": SimpleNamespace(reps=3, suspended=True, leech=False, last_hash="zzz", buried_until=None, due=NOW, state="review"),
        "b/three": SimpleNamespace(reps=2, suspended=False, leech=True, last_hash=cards[2].content_hash, buried_until=None,
                                   due=NOW, state="review"),
    }  # fmt: skip
    uids = lambda q: [c.uid for c in search(cards, q, states, NOW)]  # noqa: E731
    assert uids("") == ["a/one", "a/two", "b/three"]
    assert uids("tag:x") == ["a/one", "b/three"]
    assert uids("deck:a -tag:x") == ["a/two"]
    assert uids("Deck:A -TAG:x") == ["a/two"]  # prefixes and values in any case
    assert uids("梯度") == ["a/one"]
    assert uids("VANISHING") == ["b/three"]
    assert uids("is:new") == ["a/two"]
    assert uids("is:suspended") == ["a/one"]
    assert uids("is:leech") == ["b/three"]
    assert uids("is:changed") == ["a/one"]
    assert uids("is:due") == ["b/three"]
    assert uids("has:erratum") == ["a/two"]
    assert uids("has:proof tag:y") == ["a/two"]
    with pytest.raises(QueryError, match="is:due"):
        parse_query("is:whatever")
    named = lambda q: [c.uid for c in search(cards, q, states, NOW, deck_names={"b": "vanishing gradients"})]  # noqa: E731
    assert named("deck:vanish") == ["b/three"] and named("deck:b") == ["b/three"] and named("deck:zz") == []
    from studytool.srs.search import unknown_decks

    names = {"a": "first deck", "b": "vanishing gradients"}
    assert unknown_decks("deck:zz relu", names) == ["zz"] and unknown_decks("deck:vanish deck:a", names) == []
    assert unknown_decks("Deck:ZZ", names) == ["zz"] and unknown_decks("is:whatever", names) == []


def test_interview_plan_weights_weak_topics_and_reports():
    cards = [_card(f"weak/{i}") for i in range(5)] + [_card(f"strong/{i}") for i in range(50)]
    weak = [{"kind": "deck", "topic": "weak", "mastery": 0.1, "reviewed": 5}]
    assert card_weight(cards[0], weak) > card_weight(cards[-1], weak)
    picks = [c.deck for seed in range(200) for c in pick_questions(cards, weak, 8, seed)]
    share = picks.count("weak") / len(picks)
    assert share > 2 * 5 / 55  # well above the uniform share
    chosen = pick_questions(cards, weak, 8, 1)
    assert len({c.uid for c in chosen}) == 8
    report = build_report(
        [
            {"uid": "weak/0", "deck": "weak", "score": 0.25},
            {"uid": "strong/0", "deck": "strong", "score": 1.0},
            {"uid": "strong/1", "deck": "strong", "score": 0.5},
        ]
    )
    assert report["by_topic"] == {"weak": 0.25, "strong": 0.75}
    assert report["weakest"][0] == "weak"
    assert report["suggested"] == ["weak/0", "strong/1"]
    assert [rating_for(s) for s in (0.0, 0.5, 1.0)] == [1, 2, 3]


def test_interview_prefers_cards_with_a_rubric():
    from dataclasses import replace

    two_points = TextList(("一", "二"), ("one", "two"))
    rubric = [replace(_card(f"r/{i}"), points=two_points) for i in range(10)]
    plain = [_card(f"p/{i}") for i in range(40)]
    for seed in range(20):
        assert {c.deck for c in pick_questions(rubric + plain, [], 8, seed)} == {"r"}
    # too few rubric cards: the others fill in
    assert len(pick_questions(rubric[:3] + plain, [], 8, 0)) == 8


def test_search_finds_latex_source_by_the_symbols_on_screen():
    cards = [
        _card("a/sig", q="$\\sigma'(x)$ 的最大值", a="$\\frac{\\partial L}{\\partial w}$"),
        _card("a/lam", q="$\\lambda w$"),
        _card("a/plain", q="sigma"),
    ]
    uids = lambda q: [c.uid for c in search(cards, q, {}, NOW)]  # noqa: E731
    assert uids("σ'") == ["a/sig"]  # shown as σ'(x), stored as \sigma'(x)
    assert uids("∂l") == ["a/sig"]  # \partial L: the space after the command is allowed
    assert uids("λw") == ["a/lam"]
    assert uids("σ") == ["a/sig"]  # not "sigma" as a word elsewhere: \sigma only
    assert uids("sigma") == ["a/sig", "a/plain"]  # plain text search is unchanged


def test_a_question_on_one_line_shows_no_markdown_marks() -> None:
    """Browse listed 使簇内**平方**欧氏距离 with its asterisks (first-use review)."""
    from studytool.tui.widgets.card_view import question_line

    card = Card(deck="d", id="c", type="basic", q=Text("使簇内**平方**欧氏距离和 `k` 最小？", "the **squared** `k`?"),
                a=Text("a", "a"), source="x")  # fmt: skip
    assert question_line(card, "zh") == "使簇内平方欧氏距离和 k 最小？"
    assert question_line(card, "en") == "the squared k?"


def test_an_interview_covers_several_topics_even_when_one_is_weak():
    """First-use review: 7 of 8 questions came from one deck, because a card's deck and its tags each
    added to its weight. Weak topics still come up more often than the others, but not alone."""
    from dataclasses import replace

    tagged = [replace(_card(f"weak/{i}"), tags=("weak-a", "weak-b", "weak-c")) for i in range(20)]
    others = [_card(f"d{d}/{i}") for d in range(6) for i in range(20)]
    weak = [{"kind": "deck", "topic": "weak", "mastery": 0.0, "reviewed": 3}] + [
        {"kind": "tag", "topic": t, "mastery": 0.0, "reviewed": 3} for t in ("weak-a", "weak-b", "weak-c")
    ]
    assert card_weight(tagged[0], weak) == 5.0  # the largest boost, not 4 of them added up
    counts = [sum(c.deck == "weak" for c in pick_questions(tagged + others, weak, 8, seed)) for seed in range(300)]
    mean = sum(counts) / len(counts)
    assert 8 * 20 / 140 * 1.5 < mean < 4.5  # well above its uniform share (1.1), well below all eight
    assert max(counts) <= 6 and sum(c >= 6 for c in counts) < 15
    decks = [len({c.deck for c in pick_questions(tagged + others, weak, 8, seed)}) for seed in range(300)]
    assert min(decks) >= 3
