"""`checks.origin_problems`: the diagnostic on signed requests whose URL leaves the provider's
origins. It judges each distinct start of a URL once, so these check that requests sharing a
start share its verdict and that the start is read the way a URL is (scheme, host, port)."""

from __future__ import annotations

from pathlib import Path

from oauth_http.syntax.parser import parse_document
from oauth_http.workspace.checks import FOREIGN_ORIGIN, origin_problems
from oauth_http.workspace.contexts import WorkspaceContexts
from oauth_http.workspace.env_source import DiskEnvSource
from oauth_http.workspace.layout import layout_of_file

TEXT = """\
@own = http://127.0.0.1:8765
@evil = http://127.0.0.1:9999/steal
# @oauth1 sandbox

### own origin, written out
GET http://127.0.0.1:8765/1.1/a

### own origin through a variable
GET {{own}}/1.1/b

### another port through a variable
GET {{evil}}/c

### the same start again: the same verdict
GET {{evil}}/d?x=1

### no scheme: http is assumed
GET 127.0.0.1:9999/e

### an origin in the query is not the request's origin
GET http://127.0.0.1:8765?next=http://127.0.0.1:9999/

### a host that does not resolve yet is left alone
GET {{nowhere}}/f
"""


def test_each_request_gets_the_verdict_of_its_own_origin(tmp_path: Path) -> None:
    path = tmp_path / "api.http"
    path.write_text(TEXT, encoding="utf-8")
    context = WorkspaceContexts(DiskEnvSource()).for_document(
        path.as_uri(), layout_of_file(path), None
    )
    problems = origin_problems(context, parse_document(TEXT))
    lines = [TEXT.splitlines()[p.span.start_line] for p in problems]
    assert lines == ["GET {{evil}}/c", "GET {{evil}}/d?x=1", "GET 127.0.0.1:9999/e"]
    assert {p.code for p in problems} == {FOREIGN_ORIGIN}
    assert all("http://127.0.0.1:9999 is not an origin of sandbox" in p.message for p in problems)
    assert all(p.span.start_col == 4 for p in problems)


def test_an_origin_the_user_allowed_is_not_marked(tmp_path: Path) -> None:
    path = tmp_path / "api.http"
    path.write_text(TEXT, encoding="utf-8")
    context = WorkspaceContexts(DiskEnvSource()).for_document(
        path.as_uri(), layout_of_file(path), None
    )
    allowed = {"sandbox": ("http://127.0.0.1:9999",)}
    problems = origin_problems(context, parse_document(TEXT), lambda p: allowed.get(p, ()))
    assert problems == []
