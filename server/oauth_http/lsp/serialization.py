"""The message converter: pygls' own, plus a hand-written unstructure hook for code lenses.

A 10,000-request file has 10,000 to 20,000 lenses; cattrs' generic path takes about five times
longer than building their small dictionaries directly.
"""

from __future__ import annotations

from typing import Any

from cattrs import Converter
from lsprotocol import types
from pygls.protocol import default_converter


def make_converter() -> Converter:
    converter: Converter = default_converter()  # type: ignore[no-untyped-call]

    def unstructure_code_lens(lens: types.CodeLens) -> dict[str, Any]:
        start, end = lens.range.start, lens.range.end
        result: dict[str, Any] = {
            "range": {
                "start": {"line": start.line, "character": start.character},
                "end": {"line": end.line, "character": end.character},
            }
        }
        if lens.command is not None:
            result["command"] = converter.unstructure(lens.command)
        if lens.data is not None:
            result["data"] = lens.data
        return result

    converter.register_unstructure_hook(types.CodeLens, unstructure_code_lens)
    return converter
