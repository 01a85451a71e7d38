"""Finding the `{{reference}}` under the cursor, for hover and go to definition."""

from __future__ import annotations

from oauth_http.syntax.model import ParsedDocument, VariableRef


def reference_at(parsed: ParsedDocument, line: int, col: int) -> VariableRef | None:
    """The reference whose `{{...}}` holds (line, col), with absolute positions."""
    block = parsed.block_at(line)
    if block is None:
        return None
    relative = line - block.start_line
    candidates: list[VariableRef] = []
    if block.parsed.request is not None:
        candidates.extend(block.parsed.request.refs)
    for variable in block.parsed.file_variables:
        candidates.extend(variable.refs)
    for ref in candidates:
        if ref.span.contains(relative, col):
            return ref.shift(block.start_line)
    return None
