"""The interface's own words (chrome) in Chinese and English: ``t(key, lang, **fmt)`` — the TUI's,
and the plain modes' (``review --plain``, ``quiz --plain``: keys ``plain.*``).

Card text has three languages (zh / en / both); the chrome has two. ``en`` gives English chrome,
``zh`` and ``both`` give Chinese chrome (``both`` shows the Chinese text first and the learners are
mostly Chinese speakers; elsewhere in the TUI ``both`` also falls back to zh where only one
language fits) — see :func:`ui_lang`.

Keys are grouped by screen (``home.*``, ``review.*`` …). A key with a ``.one`` variant is used
for ``n == 1`` (English plurals). Binding descriptions stay English in the code (``Binding(...,
"Show answer")``) and are looked up under ``bind.<description>`` by :func:`binding_text`; the
footer, the help screen and the command palette show them in the app's language.
Terms follow the Chinese Anki vocabulary (重来 / 困难 / 良好 / 简单, 复习, 暂停, 搁置 …).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ app, palette, languages
    "app.lang.zh": {"zh": "中文", "en": "Chinese"},
    "app.lang.en": {"zh": "英文", "en": "English"},
    "app.lang.both": {"zh": "中英双语", "en": "both (中文 + English)"},
    "app.language_set": {"zh": "语言：{name}", "en": "Language: {name}"},
    "app.open": {"zh": "打开{title}", "en": "Open {title}"},
    "app.help_keys": {"zh": "帮助：按键", "en": "Help: keys"},
    "app.help_keys_help": {"zh": "每个界面的所有按键", "en": "Every key of every screen"},
    "app.lang_cycle": {"zh": "语言：切换 中文 / 英文 / 双语", "en": "Language: cycle zh / en / both"},
    "app.lang_cycle_help": {"zh": "卡片和界面的语言", "en": "Card and interface language"},
    "app.lang_pick": {"zh": "语言：{name}", "en": "Language: {name}"},
    "app.lang_pick_help": {"zh": "以{name}显示卡片", "en": "Show cards in {name}"},
    "screen.home": {"zh": "主页", "en": "Home"},
    "screen.home.help": {"zh": "卡组树和今日计数", "en": "Deck tree with today's counts"},
    "screen.review": {"zh": "复习", "en": "Review"},
    "screen.review.help": {"zh": "间隔重复复习到期卡片", "en": "Spaced-repetition review of due cards"},
    "screen.quiz": {"zh": "测验", "en": "Quiz"},
    "screen.quiz.help": {"zh": "自动评分的题目和反馈", "en": "Auto-graded questions with feedback"},
    "screen.interview": {"zh": "模拟面试", "en": "Interview"},
    "screen.interview.help": {"zh": "偏重薄弱主题的模拟面试", "en": "Mock interview weighted toward weak topics"},
    "screen.browse": {"zh": "浏览", "en": "Browse"},
    "screen.browse.help": {"zh": "搜索所有卡片", "en": "Search every card"},
    "screen.stats": {"zh": "统计", "en": "Stats"},
    "screen.stats.help": {"zh": "日历、每日复习、保持率、预测、掌握度",
                          "en": "Calendar, reviews per day, retention, forecast, mastery"},
    "screen.proof": {"zh": "证明", "en": "Proof"},
    "screen.params": {"zh": "证明参数", "en": "Proof parameters"},
    "screen.help": {"zh": "帮助", "en": "Help"},
    "screen.everywhere": {"zh": "全局", "en": "Everywhere"},
    # ------------------------------------------------------------------ key bindings (footer/help)
    "bind.Help": {"zh": "帮助", "en": "Help"},
    "bind.Review this deck": {"zh": "复习选中的卡组", "en": "Review this deck"},
    "bind.Expand or collapse": {"zh": "展开或折叠", "en": "Expand or collapse"},
    "bind.Collapse, or go to the part": {"zh": "折叠，或回到上一级", "en": "Collapse, or go to the part"},
    "bind.Expand, or go into the part": {"zh": "展开，或进入下一级", "en": "Expand, or go into the part"},
    "bind.Language": {"zh": "语言", "en": "Language"},
    "bind.Quit": {"zh": "退出", "en": "Quit"},
    "bind.Review": {"zh": "复习", "en": "Review"},
    "bind.Quiz": {"zh": "测验", "en": "Quiz"},
    "bind.Interview": {"zh": "面试", "en": "Interview"},
    "bind.Browse": {"zh": "浏览", "en": "Browse"},
    "bind.Stats": {"zh": "统计", "en": "Stats"},
    "bind.Lang": {"zh": "语言", "en": "Lang"},
    "bind.Show answer": {"zh": "显示答案", "en": "Show answer"},
    "bind.Again": {"zh": "重来", "en": "Again"},
    "bind.Hard": {"zh": "困难", "en": "Hard"},
    "bind.Good": {"zh": "良好", "en": "Good"},
    "bind.Easy": {"zh": "简单", "en": "Easy"},
    "bind.Undo": {"zh": "撤销", "en": "Undo"},
    "bind.Suspend": {"zh": "暂停", "en": "Suspend"},
    "bind.Bury": {"zh": "搁置", "en": "Bury"},
    "bind.Proof": {"zh": "证明", "en": "Proof"},
    "bind.Edit params": {"zh": "改参数", "en": "Edit params"},
    "bind.Retry missed": {"zh": "重做错题", "en": "Retry missed"},
    "bind.Scroll up": {"zh": "向上翻页", "en": "Scroll up"},
    "bind.Scroll down": {"zh": "向下翻页", "en": "Scroll down"},
    "bind.Practice on/off": {"zh": "练习模式", "en": "Practice on/off"},
    "bind.New data": {"zh": "换一组数据", "en": "New data"},
    "bind.Back": {"zh": "返回", "en": "Back"},
    "bind.Rerun": {"zh": "重新运行", "en": "Rerun"},
    "bind.Cancel run": {"zh": "取消运行", "en": "Cancel run"},
    "bind.Cancel": {"zh": "取消", "en": "Cancel"},
    "bind.Apply": {"zh": "应用", "en": "Apply"},
    "bind.Next": {"zh": "下一题", "en": "Next"},
    "bind.Reveal answer": {"zh": "显示答案", "en": "Reveal answer"},
    "bind.Next question": {"zh": "下一题", "en": "Next question"},
    "bind.Run proof": {"zh": "运行证明", "en": "Run proof"},
    "bind.Search": {"zh": "搜索", "en": "Search"},
    "bind.(Un)suspend": {"zh": "暂停/恢复", "en": "(Un)suspend"},
    "bind.Reload": {"zh": "刷新", "en": "Reload"},
    "bind.Close": {"zh": "关闭", "en": "Close"},
    # Textual's own ctrl+p key, shown at the right end of the key bar.
    "bind.palette": {"zh": "命令面板", "en": "palette"},
    "bind.Open the command palette": {"zh": "打开命令面板", "en": "Open the command palette"},
    # ------------------------------------------------------------------ shared bits
    "common.back": {"zh": "esc：返回", "en": "escape: back"},
    "common.true": {"zh": "是", "en": "true"},
    "app.palette_prompt": {"zh": "搜索命令…", "en": "Search for commands…"},
    "app.other_session": {"zh": "另一个学习会话（进程 {pids}）也打开了这个数据库：两边的作答都会保存，但同一张卡可能在两边都出现",
                          "en": "Another study session (pid {pids}) has this database open: both save their answers, but the same cards can come up in both"},
    "app.textual.Theme": {"zh": "主题", "en": "Theme"},
    "app.textual.Theme.help": {"zh": "切换配色主题", "en": "Change the current theme"},
    "app.textual.Quit": {"zh": "退出", "en": "Quit"},
    "app.textual.Quit.help": {"zh": "立即退出（进度已随时保存）", "en": "Quit now (progress is always saved)"},
    "app.textual.Keys": {"zh": "按键面板", "en": "Keys"},
    "app.textual.Keys.help": {"zh": "显示或隐藏当前控件的按键说明", "en": "Show or hide the keys of the focused widget"},
    "app.textual.Maximize": {"zh": "最大化", "en": "Maximize"},
    "app.textual.Maximize.help": {"zh": "把当前控件放大到整个屏幕", "en": "Maximize the focused widget"},
    "app.textual.Minimize": {"zh": "还原", "en": "Minimize"},
    "app.textual.Minimize.help": {"zh": "把放大的控件还原", "en": "Restore the maximized widget"},
    "app.textual.Screenshot": {"zh": "截图", "en": "Screenshot"},
    "app.textual.Screenshot.help": {"zh": "把当前屏幕保存为 SVG", "en": "Save an SVG screenshot of the screen"},
    "common.false": {"zh": "否", "en": "false"},
    "common.no_proof": {"zh": "这张卡没有证明。", "en": "This card has no proof."},
    "common.no_db": {"zh": "没有复习数据库", "en": "no review database"},
    "common.question_of": {"zh": "第 {i} 题 / 共 {n} 题", "en": "question {i} of {n}"},
    "type.basic": {"zh": "问答", "en": "basic"},
    "type.choice": {"zh": "选择题", "en": "choice"},
    "type.numeric": {"zh": "数值题", "en": "numeric"},
    "type.expression": {"zh": "表达式", "en": "expression"},
    "type.truefalse": {"zh": "判断题", "en": "true/false"},
    "type.cloze": {"zh": "填空题", "en": "cloze"},
    "state.new": {"zh": "新卡", "en": "new"},
    "state.learning": {"zh": "学习中", "en": "learning"},
    "state.review": {"zh": "复习", "en": "review"},
    "state.relearning": {"zh": "重学中", "en": "relearning"},
    "state.suspended": {"zh": "已暂停", "en": "suspended"},
    "state.buried": {"zh": "已搁置", "en": "buried"},
    # ------------------------------------------------------------------ home
    "home.decks": {"zh": "卡组", "en": "Decks"},
    "home.all_decks": {"zh": "全部", "en": "All decks"},
    "home.col.deck": {"zh": "卡组", "en": "deck"},
    "home.col.new": {"zh": "新卡", "en": "new"},
    "home.col.learning": {"zh": "学习", "en": "learn"},
    "home.col.due": {"zh": "到期", "en": "due"},
    "home.today": {"zh": "今日", "en": "Today"},
    "home.reviewed": {"zh": "已复习 {reviews} 次 · 新学 {started} 张", "en": "reviews {reviews} · learned {started} new"},
    "home.left.learning": {"zh": "学习 {n}", "en": "learn {n}"},
    "home.left.due": {"zh": "到期 {n}", "en": "due {n}"},
    "home.left.new": {"zh": "新卡 {n}", "en": "new {n}"},
    "home.streak": {"zh": "连续 {n} 天", "en": "streak {n} days"},
    "home.streak.one": {"zh": "连续 {n} 天", "en": "streak {n} day"},
    "home.problems": {"zh": "⚠ 卡组中有 {n} 个问题", "en": "⚠ {n} problems in the decks"},
    "home.problems.one": {"zh": "⚠ 卡组中有 {n} 个问题", "en": "⚠ {n} problem in the decks"},
    "home.problems_more": {"zh": "… 还有 {n} 个（运行 `studytool check` 查看）",
                           "en": "… and {n} more (run `studytool check`)"},
    # ------------------------------------------------------------------ review
    "review.done": {"zh": "已完成 {n}", "en": "done {n}"},
    "review.left": {"zh": "剩余 {n}", "en": "left {n}"},
    "review.changed": {"zh": "✎ 上次复习后有改动", "en": "✎ changed since your last review"},
    "review.leech": {"zh": "☣ 难记卡", "en": "☣ leech"},
    "review.last": {"zh": "上一张：{card} → {when}", "en": "last: {card} → {when}"},
    "review.last_due": {"zh": "{interval}后到期", "en": "due {interval}"},
    "review.last_cram": {"zh": "强化练习", "en": "cram"},
    "review.cram_title": {"zh": "强化练习——不改变复习计划", "en": "Cram — practice, schedule unchanged"},
    "review.round_done": {"zh": "本轮完成——每张卡都练过了。🎉", "en": "Round complete — every card practised. 🎉"},
    "review.all_done": {"zh": "今天没有要复习的卡了。🎉", "en": "Nothing left to review today. 🎉"},
    "review.next_learning": {"zh": "现在没有要复习的卡了。下一张学习中的卡 {interval} 后到期，到时会自动出现。",
                             "en": "Nothing due right now. The next learning step is due in {interval}; it will appear here."},
    "review.done_keys": {"zh": "esc：返回主页 · u：撤销上一次评分", "en": "escape: back to home · u: undo the last answer"},
    "review.show_answer": {"zh": "space  显示答案", "en": "space  Show answer"},
    "review.leech_warning": {"zh": "这张卡是难记卡（多次遗忘）：考虑改写它。",
                             "en": "This card is a leech (lapsed many times): consider rewriting it."},
    "review.nothing_to_undo": {"zh": "没有可撤销的操作。", "en": "Nothing to undo."},
    "review.undone": {"zh": "已撤销对 {card} 的{what}", "en": "Undid the {what} of {card}"},
    "review.undone.answer": {"zh": "评分", "en": "rating"},
    "review.undone.suspend": {"zh": "暂停", "en": "suspension"},
    "review.undone.unsuspend": {"zh": "恢复", "en": "unsuspension"},
    "review.undone.bury": {"zh": "搁置", "en": "burying"},
    "review.suspended": {"zh": "已暂停 {card}（u 撤销）", "en": "Suspended {card} (u undoes)"},
    "review.buried": {"zh": "已搁置 {card} 到明天（u 撤销）", "en": "Buried {card} until tomorrow (u undoes)"},
    "rating.1": {"zh": "重来", "en": "Again"},
    "rating.2": {"zh": "困难", "en": "Hard"},
    "rating.3": {"zh": "良好", "en": "Good"},
    "rating.4": {"zh": "简单", "en": "Easy"},
    # ------------------------------------------------------------------ card view
    "card.key_points": {"zh": "要点", "en": "Key points"},
    "card.erratum_title": {"zh": "⚠ 勘误 · 笔记有误", "en": "⚠ erratum · the notes are wrong"},
    "card.notes_say": {"zh": "笔记原文：", "en": "The notes say: "},
    "card.correct": {"zh": "更正：", "en": "Correction: "},
    "card.erratum_proof": {"zh": "证明：{proof}（p）", "en": "proof: {proof} (p)"},
    "card.proof": {"zh": "证明：{proof}（p 运行 · e 改参数）", "en": "proof: {proof}  (p run · e edit params)"},
    # ------------------------------------------------------------------ quiz
    "quiz.score": {"zh": "得分 {right}/{total}", "en": "score {right}/{total}"},
    "quiz.placeholder": {"zh": "你的答案 · enter 提交 · ? = 不知道", "en": "your answer · enter checks · ? = I don't know"},
    "quiz.empty": {"zh": "请输入答案（不知道就输入 ?）。", "en": "Type an answer (or ? if you don't know)."},
    "quiz.ungradable": {"zh": "这张卡无法评分：{error}", "en": "this card cannot be graded: {error}"},
    "quiz.not_understood": {"zh": "没看懂——请再试一次", "en": "not understood — try again"},
    "quiz.dont_know": {"zh": "你选择了“不知道”", "en": "you did not know"},
    "quiz.correct": {"zh": "✓ 正确", "en": "✓ correct"},
    "quiz.incorrect": {"zh": "✗ 错误", "en": "✗ incorrect"},
    "quiz.invalid": {"zh": "无效", "en": "invalid"},
    "quiz.expected": {"zh": "   期望答案：", "en": "   expected: "},
    "quiz.hint": {"zh": "提示：{hint}", "en": "hint: {hint}"},
    "quiz.given_dont_know": {"zh": "（不知道）", "en": "(don't know)"},
    "quiz.tip": {"zh": "本题的一般提示：{hint}", "en": "tip for this card: {hint}"},
    "quiz.next": {"zh": "enter/n 下一题", "en": "enter/n next"},
    "quiz.proof_keys": {"zh": " · p 运行证明（{proof}）· e 改参数", "en": " · p run the proof ({proof}) · e edit its params"},
    "quiz.finished": {"zh": "测验结束：{total} 题答对 {right} 题{pct}", "en": "Quiz finished: {right} of {total} correct{pct}"},
    "quiz.col.card": {"zh": "题目", "en": "question"},
    "quiz.col.given": {"zh": "你的答案", "en": "your answer"},
    "quiz.col.expected": {"zh": "期望答案", "en": "expected"},
    "quiz.logged": {"zh": "答案已计入复习计划（答对 = 良好，答错 = 重来）。",
                    "en": "Answers were logged to the scheduler (correct = Good, wrong = Again)."},
    "quiz.logged_no_schedule": {"zh": "答案已记录，复习计划未改变。", "en": "Answers were logged without changing the schedule."},
    "quiz.logged_some": {"zh": "{total} 个答案中 {n} 个计入了复习计划，其余作为练习记录。",
                         "en": "{n} of {total} answers were logged to the scheduler; the rest as practice."},
    "quiz.mode.scheduled": {"zh": "计入复习计划（^t 改为练习）", "en": "counts toward your schedule (^t: practice only)"},
    "quiz.mode.practice": {"zh": "练习：不改复习计划（^t 计入）", "en": "practice: schedule unchanged (^t: count it)"},
    "quiz.mode.retry": {"zh": "重做错题（第 {n} 轮）：练习，不改复习计划",
                        "en": "retrying the missed ones (round {n}): practice, schedule unchanged"},
    "quiz.retry_hint": {"zh": "r 重做答错的 {n} 题（练习，不改复习计划）",
                        "en": "r: retry the {n} you missed (practice; the schedule stays as the first answers set it)"},
    "quiz.retry_hint.one": {"zh": "r 重做答错的 1 题（练习，不改复习计划）",
                            "en": "r: retry the one you missed (practice; the schedule stays as the first answer set it)"},
    "interview.mode": {"zh": "答案计入复习计划", "en": "answers count toward your schedule"},
    # ------------------------------------------------------------------ interview
    "interview.notes": {"zh": "你的笔记（可选——也可以口头回答）", "en": "your notes (optional — or answer aloud)"},
    "interview.reveal": {"zh": "^r 显示答案", "en": "^r Reveal"},
    "interview.next": {"zh": "^n 下一题", "en": "^n Next"},
    "interview.tick": {"zh": "勾选你答到的要点（空格 / 点击）：", "en": "Tick the key points you covered (space / click):"},
    "interview.model_answer": {"zh": "我答出了参考答案", "en": "I gave the model answer"},
    "interview.times_up": {"zh": "⏱ 时间到", "en": "⏱ time's up"},
    "interview.report": {"zh": "面试报告", "en": "Interview report"},
    "interview.no_questions": {"zh": "没有回答任何问题。esc：返回", "en": "No questions were answered. escape: back"},
    "interview.overall": {"zh": "总体：覆盖了 {pct}% 的要点", "en": "Overall: {pct}% of key points covered"},
    "interview.by_topic": {"zh": "按主题", "en": "By topic"},
    "interview.col.topic": {"zh": "主题", "en": "topic"},
    "interview.col.score": {"zh": "得分", "en": "score"},
    "interview.by_question": {"zh": "逐题", "en": "Question by question"},
    "interview.col.question": {"zh": "题目", "en": "question"},
    "interview.col.time": {"zh": "用时", "en": "time"},
    "interview.col.missed": {"zh": "漏掉的要点", "en": "key points missed"},
    "interview.weakest": {"zh": "最薄弱：{topics}", "en": "Weakest: {topics}"},
    "interview.suggested": {"zh": "建议复习的卡片：", "en": "Suggested cards to review:"},
    "interview.saved": {"zh": "已保存到历史记录。esc：返回", "en": "Saved to your history. escape: back"},
    # ------------------------------------------------------------------ browse
    "browse.unknown_filter": {"zh": "没有 {filter} 这个筛选；可用：{allowed}", "en": "there is no {filter} filter; use one of: {allowed}"},
    "browse.placeholder": {
        "zh": "文字（中/英）· tag:T · deck:D · type:T · is:due|new|suspended|leech|changed|buried · has:erratum|proof · -排除",
        "en": "text (zh/en) · tag:T · deck:D · type:T · is:due|new|suspended|leech|changed|buried · has:erratum|proof · -neg",
    },
    "browse.col.card": {"zh": "卡片", "en": "card"},
    "browse.col.type": {"zh": "类型", "en": "type"},
    "browse.col.state": {"zh": "状态", "en": "state"},
    "browse.col.question": {"zh": "问题", "en": "question"},
    "browse.count": {"zh": "{n} / {total} 张卡", "en": "{n} of {total} cards"},
    "browse.unknown_deck": {"zh": "没有卡组匹配 deck:{deck}；卡组有：{known}", "en": "no deck matches deck:{deck}; the decks are: {known}"},
    "browse.suspended": {"zh": "已暂停 {card}", "en": "Suspended {card}"},
    "browse.unsuspended": {"zh": "已恢复 {card}", "en": "Unsuspended {card}"},
    # ------------------------------------------------------------------ stats
    "stats.no_db": {"zh": "没有复习数据库。", "en": "No review database."},
    "stats.today": {"zh": "今日", "en": "today"},
    "stats.learning": {"zh": "学习", "en": "learn"},
    "stats.due": {"zh": "到期", "en": "due"},
    "stats.new": {"zh": "新卡", "en": "new"},
    "stats.streak": {"zh": "连续", "en": "streak"},  # "连续 3 天" (streak 3 d)
    "stats.retention": {"zh": "30 天保持率", "en": "retention 30d"},
    "stats.total": {"zh": "总计", "en": "total"},
    "stats.reviews": {"zh": "{n} 次复习", "en": "{n} reviews"},
    "stats.reviews.one": {"zh": "{n} 次复习", "en": "{n} review"},
    "stats.days": {"zh": "{n} 天", "en": "{n} d"},
    "stats.by_deck": {"zh": "各卡组掌握度", "en": "Mastery by deck"},
    "stats.by_tag": {"zh": "各标签掌握度", "en": "Mastery by tag"},
    "stats.col.deck": {"zh": "卡组", "en": "deck"},
    "stats.col.new": {"zh": "新卡", "en": "new"},
    "stats.col.learning": {"zh": "学习中", "en": "learn"},
    "stats.col.due": {"zh": "到期", "en": "due"},
    "stats.col.mastery": {"zh": "掌握度（30 天后记得）", "en": "mastery (recall in 30 d)"},
    "stats.col.tag": {"zh": "标签", "en": "tag"},
    "stats.col.cards": {"zh": "卡片", "en": "cards"},
    "stats.col.lapses": {"zh": "遗忘", "en": "lapses"},
    "stats.per_day": {"zh": "每日复习（最近 30 天）", "en": "Reviews per day (last 30 days)"},
    "stats.per_day.x": {"zh": "天前", "en": "days ago"},
    "stats.per_day.y": {"zh": "复习数", "en": "reviews"},
    "stats.forecast": {"zh": "预测：到期卡片（未来 30 天）", "en": "Forecast: cards due (next 30 days)"},
    "stats.forecast.x": {"zh": "天后", "en": "days ahead"},
    "stats.forecast.y": {"zh": "到期", "en": "due"},
    "stats.scope": {"zh": "范围：{decks}（在主页选中）", "en": "Showing: {decks} (chosen on home)"},
    "stats.n_decks": {"zh": "{n} 个卡组", "en": "{n} decks"},
    "stats.per_day.empty": {"zh": "最近 30 天还没有复习。复习几张卡片后，这里会显示每天的复习数。",
                            "en": "No reviews in the last 30 days yet. Review some cards and each day's count appears here."},
    "stats.forecast.empty": {"zh": "未来 30 天没有到期的复习卡片。新卡学过之后，这里会显示它们何时到期。",
                             "en": "No review cards fall due in the next 30 days. Once you study new cards, their due dates appear here."},
    "stats.less": {"zh": "少", "en": "less"},
    "stats.more": {"zh": "多", "en": "more"},
    # ------------------------------------------------------------------ proof panel and parameters
    "proof.title": {"zh": "证明 · {proof}", "en": "Proof · {proof}"},
    "proof.cancelling": {"zh": "正在取消证明…", "en": "Cancelling the proof…"},
    "proof.status.passed": {"zh": "✓ 通过", "en": "✓ passed"},
    "proof.status.failed": {"zh": "✗ 未通过", "en": "✗ failed"},
    "proof.status.error": {"zh": "! 出错", "en": "! error"},
    "proof.status.timeout": {"zh": "⏱ 超时", "en": "⏱ timed out"},
    "proof.status.crashed": {"zh": "☠ 崩溃", "en": "☠ crashed"},
    "proof.status.cancelled": {"zh": "■ 已取消", "en": "■ cancelled"},
    "proof.status.untrusted": {"zh": "⚠ 未受信任", "en": "⚠ untrusted"},
    "proof.status.unknown": {"zh": "? 未知", "en": "? unknown"},
    "proof.running": {"zh": "正在证明内核中运行  {seconds} 秒", "en": "running in the proof kernel  {seconds} s"},
    "proof.cancel_key": {"zh": "   c 取消", "en": "   c cancel"},
    "proof.checks_hold": {"zh": "  {good}/{total} 项检查成立", "en": "  {good}/{total} checks hold"},
    "proof.params": {"zh": "参数：", "en": "params: "},
    "proof.seed": {"zh": "  种子 {seed}（新的随机数据）", "en": "  seed {seed} (fresh random data)"},
    "proof.seed_same": {"zh": "  种子 {seed}：结果不变——这个证明不用随机数据",
                        "en": "  seed {seed}: the same result — this proof uses no random data"},
    "proof.press_r": {"zh": "按 r 重新运行。", "en": "Press r to run it again."},
    "proof.checks": {"zh": "检查", "en": "Checks"},
    "proof.formulas": {"zh": "公式", "en": "Formulas"},
    "proof.notes": {"zh": "说明", "en": "Notes"},
    "proof.col.check": {"zh": "检查项", "en": "check"},
    "proof.col.claimed": {"zh": "声称值", "en": "claimed"},
    "proof.col.computed": {"zh": "计算值", "en": "computed"},
    "params.title": {"zh": "{proof} 的参数", "en": "Parameters of {proof}"},
    "params.none": {"zh": "这个证明没有参数。", "en": "This proof takes no parameters."},
    "params.run": {"zh": "运行（enter）", "en": "Run (enter)"},
    "params.cancel": {"zh": "取消（esc）", "en": "Cancel (esc)"},
    # ------------------------------------------------------------------ plain modes (review/quiz --plain)
    "plain.quiz.skipping": {"zh": "（跳过 {uid}：它的答案规格有误：{error}）", "en": "(skipping {uid}: its answer spec is broken: {error})"},
    "plain.quiz.header": {"zh": "\n[{i}/{n}] {uid} · {type}", "en": "\n[{i}/{n}] {uid} · {type}"},
    "plain.quiz.invalid": {"zh": "  无法识别：{reason}——请再试一次（? 显示答案，:q 结束测验）",
                           "en": "  invalid: {reason} — try again (? shows the answer, :q ends the quiz)"},
    "plain.quiz.correct": {"zh": "✓ 正确——答案：{expected}", "en": "✓ correct — answer: {expected}"},
    "plain.quiz.incorrect": {"zh": "✗ 错误——答案：{expected}", "en": "✗ incorrect — answer: {expected}"},
    "plain.quiz.hint": {"zh": "  提示：{hint}", "en": "  hint: {hint}"},
    "plain.quiz.tip": {"zh": "  本题的一般提示：{hint}", "en": "  tip for this card: {hint}"},
    "plain.quiz.reason": {"zh": "  （{reason}）", "en": "  ({reason})"},
    "plain.quiz.proof": {"zh": "  证明：{summary}  [{proof}]", "en": "  proof: {summary}  [{proof}]"},
    "plain.quiz.score": {"zh": "\n得分：{correct}/{asked} 正确{extra}{left}。（种子 {seed}）",
                         "en": "\nScore: {correct}/{asked} correct{extra}{left}. (seed {seed})"},
    "plain.quiz.invalid_inputs": {"zh": "，{n} 次无效输入", "en": ", {n} invalid input(s)"},
    "plain.quiz.not_asked": {"zh": "；{n} 题未问", "en": "; {n} not asked"},
    "plain.quiz.retry": {"zh": "\n第 {number} 轮重做：{n} 道没答对的题（练习：不改变复习计划）",
                         "en": "\nRetry round {number}: the {n} not answered correctly (practice: the schedule is left alone)"},
    "plain.quiz.round_stopped": {"zh": "第 {number} 轮中止：{correct}/{asked} 正确，还有 {still} 题没答对。",
                                 "en": "Round {number} stopped: {correct}/{asked} correct, {still} still to get right."},
    "plain.quiz.round": {"zh": "第 {number} 轮：{correct}/{asked} 正确；还有 {still} 题没答对。",
                         "en": "Round {number}: {correct}/{asked} correct; {still} still to get right."},
    "plain.quiz.round_done": {"zh": "第 {number} 轮：{correct}/{asked} 正确——全部答对了。",
                              "en": "Round {number}: {correct}/{asked} correct — every card answered correctly at last."},
    "plain.review.help": {"zh": "评分 1 重来 · 2 困难 · 3 良好 · 4 简单 —— u 撤销 · s 暂停 · q 退出",
                          "en": "rate 1 Again · 2 Hard · 3 Good · 4 Easy — u undo · s suspend · q quit"},
    "plain.review.show": {"zh": "[回车] 显示答案 · u 撤销 · s 暂停 · q 退出 > ", "en": "[Enter] show answer · u undo · s suspend · q quit > "},
    "plain.review.header": {"zh": "\n── {uid} · {state} · 剩余 {left}{flags}", "en": "\n── {uid} · {state} · {left} left{flags}"},
    "plain.review.changed": {"zh": "（上次复习后有改动）", "en": " (changed since last review)"},
    "plain.review.suspended": {"zh": "已暂停 {uid}。", "en": "Suspended {uid}."},
    "plain.review.no_more_cram": {"zh": "没有更多要练习的卡片了。已回答 {n} 张。", "en": "No more cards to practise. {n} answered."},
    "plain.review.no_more": {"zh": "今天没有更多到期的卡片了。已回答 {n} 张。", "en": "No more cards due today. {n} answered."},
    "plain.review.answered": {"zh": "已回答 {n} 张。", "en": "{n} answered."},
    "plain.review.notes_say": {"zh": "笔记原文：", "en": "The notes say: "},
    "plain.review.correction": {"zh": "更正：", "en": "Correction: "},
    "plain.review.cram": {"zh": "   （练习：不改变复习计划）", "en": "   (cram: the schedule is not changed)"},
    "plain.review.practised": {"zh": "已练习：{rating}。", "en": "Practised: {rating}."},
    "plain.review.saved": {"zh": "已保存：{rating}，{when}后再复习。", "en": "Saved: {rating}, next in {when}."},
    "plain.review.leech": {"zh": "难记卡：{uid} 已遗忘 {n} 次，已加上 leech 标签并暂停。",
                           "en": "Leech: {uid} has lapsed {n} times; it is tagged 'leech' and suspended."},
    "plain.review.keys": {"zh": "请输入 1、2、3、4、u、s 或 q。", "en": "Please type 1, 2, 3, 4, u, s or q."},
    "plain.review.limit": {"zh": "达到上限：已回答 {n} 张。", "en": "Limit reached: {n} answered."},
    "plain.review.undid": {"zh": "已撤销 {uid} 的上一个操作。", "en": "Undid the last action on {uid}."},
    # ------------------------------------------------------------------ help
    "help.title": {"zh": "按键（esc 关闭 · 也可以用鼠标）", "en": "Keys  (esc closes · the mouse works too)"},
}

#: Interval units of :func:`studytool.srs.clock.human_interval` in Chinese.
_ZH_UNITS = {"s": "秒", "m": "分钟", "h": "小时", "d": "天", "mo": "个月", "y": "年"}
_INTERVAL = re.compile(r"^(\d+(?:\.\d+)?)(mo|s|m|h|d|y)$")


def plain_lang(lang: str) -> str:
    """The chrome language of the plain modes: Chinese only for ``zh`` (their ``both`` stays English,
    as scripts reading them have always seen it)."""
    return "zh" if lang == "zh" else "en"


def ui_lang(lang: str) -> str:
    """The chrome language for a card language: ``en`` → en; ``zh`` and ``both`` → zh."""
    return "en" if lang == "en" else "zh"


def t(key: str, lang: str, **fmt: Any) -> str:
    """The message ``key`` in the chrome language of ``lang``, formatted with ``fmt``.

    ``n == 1`` picks the ``key.one`` variant when there is one. An unknown key raises ``KeyError``
    (a typo should fail the tests, not show a raw key to the learner).
    """
    entry = MESSAGES[key]
    if fmt.get("n") == 1 and f"{key}.one" in MESSAGES:
        entry = MESSAGES[f"{key}.one"]
    text = entry[ui_lang(lang)]
    return text.format(**fmt) if fmt else text


def binding_text(description: str, lang: str) -> str:
    """A binding's description (English in the code) in the chrome language; unknown ones as they are."""
    entry = MESSAGES.get(f"bind.{description}")
    return entry[ui_lang(lang)] if entry else description


def interval_text(delta: timedelta, lang: str) -> str:
    """A next-review interval, short: ``10m`` / ``3d`` in English, ``10分钟`` / ``3天`` in Chinese."""
    from studytool.srs.clock import human_interval

    text = human_interval(delta)
    if ui_lang(lang) == "zh":
        match = _INTERVAL.match(text)
        if match:
            return match.group(1) + _ZH_UNITS[match.group(2)]
    return text


def type_text(name: str, lang: str) -> str:
    """A card type (``basic``, ``choice``, ``numeric``, ``expression``, ``truefalse``, ``cloze``) translated."""
    key = f"type.{name}"
    return t(key, lang) if key in MESSAGES else name


def state_text(name: str, lang: str) -> str:
    """A card state (``new``, ``learning``, ``review``, ``relearning``, ``suspended``) translated."""
    key = f"state.{name}"
    return t(key, lang) if key in MESSAGES else name
