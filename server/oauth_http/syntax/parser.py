"""Parsing a whole `.http` document, reusing unchanged blocks of its previous version.

The text is cut into blocks at each line starting with `###` (a block owns its separator line).
Each block is parsed alone, with positions relative to its first line, so a block whose text did
not change is taken from the previous parse whatever its new position: after a one-line edit
only the edited block is parsed again, and the rest costs a split and a dictionary look-up.
"""

from __future__ import annotations

import gc
import re

from . import problem_codes as codes
from .block_parser import parse_block
from .lines import normalize_newlines
from .memo import ParseMemo
from .parsed_document import Block, ParsedBlock, ParsedDocument
from .spans import Problem

__all__ = ["block_texts", "parse_block", "parse_document"]

_SEPARATOR = re.compile("\n###")


def parse_document(text: str, previous: ParsedDocument | None = None) -> ParsedDocument:
    """Parse `text`; `previous`, the parse of the document's former version, saves work.

    Never raises: anything wrong with the text is a `Problem` of the result.
    """
    # The parse builds many small objects that hold no reference cycles; left running, the cyclic
    # collector would walk the whole heap several times over for nothing during a big parse.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(normalize_newlines(text), previous)
    finally:
        if collecting:
            gc.enable()


def _parse(text: str, previous: ParsedDocument | None) -> ParsedDocument:
    reusable = previous.block_cache if previous is not None else {}
    cache: dict[str, Block] = {}
    blocks: list[Block] = []
    memo = ParseMemo()
    start_line = 0
    for key in block_texts(text):
        block = cache.get(key) or reusable.get(key)
        if block is None:
            block = Block(start_line, _parse_safely(key, memo))
        elif block.start_line != start_line:
            block = Block(start_line, block.parsed)
        cache[key] = block
        blocks.append(block)
        start_line += block.parsed.line_count
    return ParsedDocument(tuple(blocks), start_line, cache)


def block_texts(text: str) -> list[str]:
    """The text of each block, lines joined by `\\n`, without the break before the next one."""
    texts = []
    start = 0
    for match in _SEPARATOR.finditer(text):
        texts.append(text[start : match.start()])
        start = match.start() + 1
    texts.append(text[start:])
    return texts


def _parse_safely(text: str, memo: ParseMemo) -> ParsedBlock:
    lines = text.split("\n")
    try:
        return parse_block(lines, memo=memo)
    except Exception as error:  # the editor must keep working whatever the parser's bugs
        problem = Problem(
            memo.spans[0, 0, 0, len(lines[0])],
            f"Internal error while parsing this request ({type(error).__name__}: {error}); "
            "please report it with the request's text.",
            code=codes.INTERNAL_ERROR,
        )
        return ParsedBlock(len(lines), problems=(problem,))
