"""Parse speed on a big `.http` file: a full parse, and re-parses after one-line edits.

The language server parses on open and on every edit; its budget is 300 ms from open to code
lenses and 150 ms from an edit to code lenses on two slow cores. Run:
`.venv/bin/python bench/parse_bench.py [count]`.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oauth_http.syntax.checks import document_problems
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.parser import parse_document

from bench.big_file import generate

ROUNDS = 7


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    """Best and median wall time of `action`, in milliseconds."""
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def _report(label: str, figures: tuple[float, float]) -> None:
    best, median = figures
    print(f"{label:<44} best {best:7.1f} ms   median {median:7.1f} ms")


def _edit_line(text: str, line: int, new_text: str, insert: bool) -> str:
    lines = text.split("\n")
    if insert:
        lines.insert(line, new_text)
    else:
        lines[line] = new_text
    return "\n".join(lines)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    text = generate(count)
    print(f"{count} requests, {len(text.encode()) / 1e6:.2f} MB, {text.count(chr(10)) + 1} lines")
    first = parse_document(text)
    _report("full parse", _timed(lambda: parse_document(text)))
    _report("document_problems (cross-block checks)", _timed(lambda: document_problems(first)))

    middle = first.request_lines()[len(first.request_lines()) // 2]
    edited = _edit_line(text, middle + 1, "Accept: text/plain", insert=False)
    _report("re-parse after editing a middle line", _timed(lambda: parse_document(edited, first)))

    inserted = _edit_line(text, middle + 1, "X-Inserted: yes", insert=True)
    _report("re-parse after inserting a line", _timed(lambda: parse_document(inserted, first)))

    _check_same(parse_document(edited, first), parse_document(edited))
    _check_same(parse_document(inserted, first), parse_document(inserted))


def _check_same(incremental: ParsedDocument, scratch: ParsedDocument) -> None:
    if incremental != scratch:
        raise SystemExit("incremental parse differs from a parse from scratch")


if __name__ == "__main__":
    main()
