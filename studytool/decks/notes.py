"""Read the heading structure of the source notes (Markdown), for `source` validation and coverage."""

from __future__ import annotations

import re
from pathlib import Path

from studytool.decks.model import SOURCE_SEP

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")


def heading_paths(path: Path) -> list[tuple[str, ...]]:
    """Every heading of the notes as its full path from the top-level title, in order.

    Fenced code blocks are skipped. Heading text is stripped of surrounding spaces.
    """
    paths: list[tuple[str, ...]] = []
    stack: list[tuple[int, str]] = []
    in_fence = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        match = None if in_fence else _HEADING.match(line)
        if not match:
            continue
        level, text = len(match.group(1)), match.group(2).strip()
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, text))
        paths.append(tuple(t for _, t in stack))
    return paths


def section_headings(path: Path) -> list[tuple[str, ...]]:
    """Headings below the top-level titles (``##`` and deeper): the ones cards must cover."""
    return [p for p in heading_paths(path) if len(p) >= 2]


def format_path(parts: tuple[str, ...]) -> str:
    return SOURCE_SEP.join(parts)


def read_headings_file(path: Path) -> list[str]:
    """Heading paths listed one per line (``#`` lines are comments)."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


if __name__ == "__main__":
    import sys

    print("# Headings of the source notes (ml-basics.zh.md) that cards must cover; one heading path per line.")
    print("# Regenerate: python -m studytool.decks.notes ../shared/notes/ml-basics.zh.md > content/headings.txt")
    for parts in section_headings(Path(sys.argv[1])):
        print(format_path(parts))
