"""The JSONPath subset and the XPath forms that request variables use."""

from __future__ import annotations

import pytest
from oauth_http.sending import json_path, xml_path

DOCUMENT = {
    "token": "t-1",
    "user": {"id": 42, "name": "Ada", "admin": False, "tags": None},
    "items": [{"id": 1, "name": "first"}, {"id": 2, "name": "second", "deep": {"id": 3}}],
    "odd key": {"a.b": "dotted"},
}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("$.token", "t-1"),
        ("$.user.id", "42"),
        ("$.user.admin", "false"),
        ("$.user.tags", "null"),
        ("$.user", '{"id":42,"name":"Ada","admin":false,"tags":null}'),
        ("$['user']['name']", "Ada"),
        ('$["odd key"]["a.b"]', "dotted"),
        ("$.items[0].name", "first"),
        ("$.items[-1].name", "second"),
        ("$.items[*].id", "1"),
        ("$.items.1.id", "2"),
        ("$..id", "42"),
        ("$.items..id", "1"),
        ("$..deep.id", "3"),
        ("$", None),
    ],
)
def test_json_paths(path: str, expected: str | None) -> None:
    if expected is None:
        assert json_path.first_match(path, DOCUMENT) == json_path.as_text(DOCUMENT)
    else:
        assert json_path.first_match(path, DOCUMENT) == expected


def test_every_match_in_document_order() -> None:
    assert json_path.find("$..id", DOCUMENT) == [42, 1, 2, 3]
    assert json_path.find("$.items[*].name", DOCUMENT) == ["first", "second"]
    assert json_path.find("$.user.*", DOCUMENT) == [42, "Ada", False, None]


@pytest.mark.parametrize("path", ["$.missing", "$.items[5]", "$.token.deeper", "$.user[0]"])
def test_paths_that_match_nothing(path: str) -> None:
    assert json_path.first_match(path, DOCUMENT) is None


@pytest.mark.parametrize("path", ["token", "$.items[", "$.a[?(@.x)]", "$ .a"])
def test_paths_outside_the_subset_are_refused(path: str) -> None:
    with pytest.raises(json_path.JsonPathError):
        json_path.parse_path(path)
    assert json_path.first_match(path, DOCUMENT) is None


XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x">
  <reply id="r-1" x:kind="a"><text>Hello</text> there</reply>
  <reply id="r-2"><text>World</text></reply>
</feed>"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("//reply[1]/@id", "r-1"),
        ("//reply[2]/@id", "r-2"),
        ("//reply[last()]/@id", "r-2"),
        ("//@id", "r-1"),
        ("//reply/@kind", "a"),
        ("/feed/reply[2]/text", "World"),
        ("//reply[1]", "Hello there"),
        ("//reply[1]/text()", ""),
        ("//text", "Hello"),
        ("//reply[@id='r-2']/text", "World"),
        ("reply[2]/text", "World"),
        ("/feed/@id", None),
        ("//missing", None),
        ("//reply[", None),
    ],
)
def test_xpaths(path: str, expected: str | None) -> None:
    root = xml_path.parse_xml(XML)
    assert root is not None
    assert xml_path.first_match(path, root) == expected


def test_not_xml_gives_no_root() -> None:
    assert xml_path.parse_xml(b'{"json": true}') is None
