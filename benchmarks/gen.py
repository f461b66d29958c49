"""Generated data for benchmarks (no downloads): many decks, a large review log."""

from __future__ import annotations

from pathlib import Path


def write_decks(folder: Path, files: int = 40, per_file: int = 500) -> int:
    """Write ``files`` deck files of ``per_file`` cards each; returns the number of cards."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        lines = [
            f"deck: gen{f:02d}",
            f"order: {100 + f}",
            "title: {zh: 生成的卡组 %d, en: Generated deck %d}" % (f, f),
            'source: "机器学习基础 › 二、激活函数"',
            "tags: [generated]",
            "cards:",
        ]
        for i in range(per_file):
            numeric = i % 3 == 0
            lines += [
                f"  - id: c{i:04d}",
                f"    type: {'numeric' if numeric else 'basic'}",
                f'    q: {{zh: "第 {i} 题：$\\\\sigma\'(x)$ 的最大值是多少？", en: "Question {i}: the maximum of $\\\\sigma\'(x)$?"}}',
                f'    a: {{zh: "答案 {i}：1/4，在 x = 0 处。", en: "Answer {i}: 1/4, at x = 0."}}',
                "    points: {zh: [导数 σ(1−σ), 最大 1/4], en: [derivative σ(1−σ), max 1/4]}",
                f"    tags: [t{i % 7}]",
            ]
            if numeric:
                lines.append("    answer: {value: 0.25, tol: 1.0e-6}")
        (folder / f"gen{f:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return files * per_file
