"""Chinese wording for the answer checker's reasons and hints, and for proof parameter errors (the
core reports both in English) — for the TUI and the plain quiz.

Matched by pattern; anything not listed is shown as the core wrote it. ``tests/test_tui_reasons.py``
produces each message with the real checker / ``resolve_params``, so a change of wording there
fails the test here.
"""

from __future__ import annotations

import re

_ZH: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^unknown name `(.+?)` at (\d+)(?: \(allowed here: (.+)\))?$"),
     r"未知名称 `\1`（位置 \2）；可用：\3"),
    (re.compile(r"^unbalanced parenthesis at (\d+)$"), r"括号不匹配（位置 \1）"),
    (re.compile(r"^empty answer$"), "答案为空"),
    (re.compile(r"^not answered$"), "你选择了“不知道”"),
    (re.compile(r"^pick one option$"), "请选择一个选项"),
    (re.compile(r"^answer true or false .*$"), "请回答对或错（t/f、yes/no、对/错、√/×）"),
    (re.compile(r"^sign is wrong$"), "符号反了"),
    (re.compile(r"^off by a factor of (.+)$"), r"差了一个因子 \1"),
    (re.compile(r"^off by a constant factor \(×(.+)\)$"), r"差了一个常数倍（×\1）"),
    (re.compile(r"^off by a constant \((.+)\)$"), r"差了一个常数（\1）"),
    (re.compile(r"^differs from the expected value at (\d+) test point\(s\)$"), r"在 \1 个测试点上与期望值不同"),
    (re.compile(r"^that expression is undefined or too large at every test point$"), "该表达式在所有测试点上都无定义或过大"),
    (re.compile(r"^this card asks you to answer without (.+) \(a power of e is exp too\)$"),
     r"本题要求不使用 \1 作答（e 的幂也算 exp）"),
    (re.compile(r"^this card asks you to answer without (.+)$"), r"本题要求不使用 \1 作答"),
    (re.compile(r"^this card wants a plain number, not a percentage .*$"), "本题要一个普通的数，不是百分数（例如 0.25 而不是 25%）"),
    (re.compile(r"^write decimals with a dot: (.+), not (.+)$"), r"小数请用点号：\1，而不是 \2"),
    (re.compile(r"^that number is undefined or too large to check \(beyond 1e200\)$"), "这个数无定义或太大，无法检查（超过 1e200）"),
    (re.compile(r"^close, but not within the card's tolerance: .*$"), "很接近，但不在本题允许的误差内：检查舍入，或多写几位"),
    (re.compile(r"^(.+) is not one of the options; pick one by its letter$"), r"\1 不是任何一个选项；请用字母选择"),
    (re.compile(r"^there is no option (.+?) \(choose (.+)\)$"), r"没有选项 \1（请选 \2）"),
    (re.compile(r"^`(.+?)` is not an option letter, number or option text$"), r"`\1` 不是选项字母、序号或选项内容"),
    (re.compile(r"^unpaired `\|` at (\d+): .*$"), r"位置 \1 的 `|` 没有配对：绝对值写成 |x| 或 abs(x)"),
    (re.compile(r"^differs from the expected value away from ±1$"), "在远离 ±1 的点上与期望值不同"),
    (re.compile(r"^`(.+?)` is not a number; type a number like 0\.25, 1/4 or 1e-3$"), r"`\1` 不是数字；请输入 0.25、1/4 或 1e-3 这样的数"),
    (re.compile(r"^`(.+?)` can mean log₁₀ or log₂: write log10\(…\) or log2\(…\)$"), r"`\1` 可能指 log₁₀ 也可能指 log₂：请写 log10(…) 或 log2(…)"),
    (re.compile(r"^`=` at (\d+): type only the expression, not an equation$"), r"位置 \1 的 `=`：只输入表达式，不要写等式"),
    (re.compile(r"^unexpected `(.+?)` at (\d+)$"), r"位置 \2 出现了意外的 `\1`"),
    (re.compile(r"^expression ends too early \(at (\d+)\)$"), r"表达式不完整（位置 \1）"),
    (re.compile(r"^you gave a percentage; give the value as a fraction .*$"), "你给的是百分数；请给出小数（例如 0.25 而不是 25）"),
    (re.compile(r"^(\d+) of (\d+) correct options picked$"), r"选对了 \2 个正确选项中的 \1 个"),
    # proof parameters (studytool.proofs.api.Param.coerce / resolve_params)
    (re.compile(r"^parameter '(.+?)' must be int, got (.+)$"), r"参数 \1 应为整数，输入的是 \2"),
    (re.compile(r"^parameter '(.+?)' must be float, got (.+)$"), r"参数 \1 应为数字，输入的是 \2"),
    (re.compile(r"^parameter '(.+?)' must be bool, got (.+)$"), r"参数 \1 应为 true 或 false，输入的是 \2"),
    (re.compile(r"^parameter '(.+?)' must be a finite number, got (.+)$"), r"参数 \1 必须是有限的数，输入的是 \2"),
    (re.compile(r"^parameter '(.+?)' = (.+) is below its minimum (.+)$"), r"参数 \1 = \2 小于最小值 \3"),
    (re.compile(r"^parameter '(.+?)' = (.+) is above its maximum (.+)$"), r"参数 \1 = \2 大于最大值 \3"),
    (re.compile(r"^parameter '(.+?)' = (.+) is not one of: (.+)$"), r"参数 \1 = \2 不在可选值中：\3"),
    (re.compile(r"^unknown parameter '(.+?)' \(this proof takes: (.+)\)$"), r"未知参数 \1（此证明的参数：\2）"),
]


def reason_text(reason: str | None, lang: str) -> str | None:
    """``reason`` in the interface language (Chinese for ``zh`` and ``both``)."""
    if not reason or lang == "en":
        return reason
    for pattern, replacement in _ZH:
        if pattern.match(reason):
            text = pattern.sub(replacement, reason)
            return text.removesuffix("；可用：")
    return reason
