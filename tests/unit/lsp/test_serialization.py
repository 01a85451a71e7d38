"""Code lenses written out as JSON text: the same lenses pygls would send, in compact form."""

from __future__ import annotations

import json

from oauth_http.lsp.serialization import LightLenses


def test_encoded_lenses_are_the_code_lenses_as_json() -> None:
    send, authorize = [7], [7, "zürich-api"]
    lenses = LightLenses([(3, send), (3, authorize), (12, send)])
    text = lenses.encoded()
    assert json.loads(text) == [
        {
            "range": {
                "start": {"line": line, "character": 0},
                "end": {"line": line, "character": 0},
            },
            "data": data,
        }
        for line, data in [(3, [7]), (3, [7, "zürich-api"]), (12, [7])]
    ]
    assert text.isascii(), "non-ASCII escaped, as in pygls' own answers"
    assert ", " not in text and ": " not in text


def test_the_values_are_what_the_text_encodes() -> None:
    lenses = LightLenses([(3, [7]), (3, [7, "zürich-api"]), (12, [7])])
    assert lenses.values() == json.loads(lenses.encoded())


def test_no_lenses_is_an_empty_list() -> None:
    assert json.loads(LightLenses().encoded()) == []
    assert LightLenses().values() == []
