"""Resolving references: layers and their precedence, file-variable recursion and cycles,
percent-encoding, escaped braces, unresolved reports with their places, and whole requests."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, TypedDict

from hypothesis import given
from hypothesis import strategies as st
from oauth_http.syntax.model import (
    BodyInclude,
    FileVariable,
)
from oauth_http.syntax.parsed_document import Block, ParsedBlock, ParsedDocument
from oauth_http.syntax.parser import parse_document
from oauth_http.syntax.spans import Span
from oauth_http.syntax.variable_refs import scan_refs
from oauth_http.variables.env_files import parse_env_file
from oauth_http.variables.environments import Environments
from oauth_http.variables.scope import RequestValues, VariableScope
from oauth_http.variables.system_values import SystemContext

if TYPE_CHECKING:
    from typing import Unpack

PUBLIC = "/ws/http-client.env.json"
PRIVATE = "/ws/http-client.private.env.json"
FIXED_UUID = uuid.UUID("00000000-0000-4000-8000-000000000001")
SYSTEM = SystemContext(
    now=lambda: datetime(2024, 1, 31, 22, 45, 30, tzinfo=timezone.utc),
    new_uuid=lambda: FIXED_UUID,
    random_int=lambda low, high: low,
    process_env={"HOME_DIR": "/home/me"},
    dotenv={"API_KEY": "k-1"},
)


def environments(public: object = None, private: object = None) -> Environments:
    return Environments.from_files(
        parse_env_file(json.dumps(public), path=PUBLIC, private=False) if public else None,
        parse_env_file(json.dumps(private), path=PRIVATE, private=True) if private else None,
    )


class ScopeOptions(TypedDict, total=False):
    """VariableScope's other keyword arguments, as a test passes them on."""

    request_values: RequestValues | None
    prompt_values: Mapping[str, str] | None
    line: int


def scope(
    text: str,
    envs: Environments | None = None,
    environment: str | None = None,
    **options: Unpack[ScopeOptions],
) -> VariableScope:
    return VariableScope(
        parse_document(text),
        environments=envs,
        environment=environment,
        system=SYSTEM,
        **options,
    )


class FakeResponses:
    """Stands in for the store of earlier responses (the real one comes with request chaining)."""

    def __init__(self, values: Mapping[tuple[str, tuple[str, ...]], str]) -> None:
        self.values = values
        self.asked: list[tuple[str, tuple[str, ...]]] = []

    def lookup(self, request_name: str, path: Sequence[str]) -> str | None:
        self.asked.append((request_name, tuple(path)))
        return self.values.get((request_name, tuple(path)))


def test_file_variable_in_url_and_recursion_through_layers() -> None:
    text = "@url = {{base}}/v1\n@base = https://{{host}}\n\nGET {{url}}/users?key={{apiKey}}\n"
    envs = environments({"dev": {"host": "dev.example.com"}, "$shared": {"apiKey": "k"}})
    resolved = scope(text, envs, "dev").resolve_text("{{url}}/users?key={{apiKey}}", 3, 4)
    assert resolved.text == "https://dev.example.com/v1/users?key=k"
    assert resolved.unresolved == ()


def test_precedence_prompt_file_environment_shared() -> None:
    envs = environments({"$shared": {"v": "shared"}, "dev": {"v": "env"}})
    with_file = "@v = file\n\n# @prompt v\nGET http://h/{{v}}\n"
    without_file = "# @prompt v\nGET http://h/{{v}}\n"
    line = 3
    full = scope(with_file, envs, "dev").at(line)
    assert full.with_prompts({"v": "prompt"}).resolve_text("{{v}}", line, 0).text == "prompt"
    assert full.resolve_text("{{v}}", line, 0).text == "file"
    plain = scope(without_file, envs, "dev").at(1)
    assert plain.resolve_text("{{v}}", 1, 0).text == "env"
    assert scope(without_file, envs, None).resolve_text("{{v}}", 1, 0).text == "shared"
    sources = [
        full.with_prompts({"v": "p"}).lookup("v"),
        scope("@v = file\n\nGET http://h/{{v}}\n", envs, "dev").lookup("v"),
        scope("GET http://h/{{v}}\n", envs, "dev").lookup("v"),
        scope("GET http://h/{{v}}\n", envs, None).lookup("v"),
    ]
    # A declared prompt is where the value will come from, even before it has one.
    declared = scope(with_file, envs, "dev").lookup("v")
    assert declared is not None
    assert (declared.source, declared.value) == ("prompt", None)
    assert [(d.source, d.value) if d else None for d in sources] == [
        ("prompt", "p"),
        ("file", "file"),
        ("environment", "env"),
        ("shared", "shared"),
    ]


def test_request_variables_rank_between_prompts_and_file_variables() -> None:
    name = "login.response.body.$.id"
    ref_text = "{{login.response.body.$.id}}"
    # A document whose file variable has the very name of the reference: the parser never
    # makes one, so it is built directly to check the order of the layers.
    span = Span(0, 0, 0, 10)
    variable = FileVariable(name, "from-file", span, span, span)
    document = ParsedDocument((Block(0, ParsedBlock(1, file_variables=(variable,))),), 1)
    envs = environments({"dev": {name: "from-env"}})
    answers = FakeResponses({("login", ("response", "body", "$.id")): "42"})
    silent = FakeResponses({})

    def resolve(
        doc: ParsedDocument, values: FakeResponses, prompts: dict[str, str] | None = None
    ) -> str:
        view = VariableScope(
            doc, environments=envs, environment="dev", system=SYSTEM, request_values=values
        )
        if prompts:
            view = view.with_prompts(prompts)
        return view.resolve_text(ref_text, 5, 0).text

    assert resolve(document, answers, {name: "from-prompt"}) == "from-prompt"
    assert resolve(document, answers) == "42"
    assert answers.asked == [("login", ("response", "body", "$.id"))]
    assert resolve(document, silent) == "from-file"
    assert resolve(ParsedDocument((), 0), silent) == "from-env"


def test_request_variable_answers_and_reports() -> None:
    text = "# @name login\nPOST http://h/login\n\n###\nGET http://h/{{login.response.body.$.id}}\n"
    answers = FakeResponses({("login", ("response", "body", "$.id")): "a b"})
    sent = scope(text, request_values=answers)
    assert sent.resolve_text("{{login.response.body.$.id}}", 4, 13).text == "a b"
    assert sent.resolve_text("{{%login.response.body.$.id}}", 4, 13).text == "a%20b"
    not_sent = scope(text, request_values=FakeResponses({}))
    missing = not_sent.resolve_text("x {{login.response.headers.Location}}", 4, 0)
    assert missing.text == "x {{login.response.headers.Location}}"
    (item,) = missing.unresolved
    assert item.name == "login"
    assert item.span == Span(4, 2, 4, 37)
    assert "send the request 'login' first" in item.message
    assert "a header 'Location'" in item.message
    unknown = not_sent.resolve_text("{{logout.response.body.*}}", 4, 0).unresolved[0]
    assert "No request is named 'logout'" in unknown.message
    assert "# @name logout" in unknown.message


def test_last_definition_above_wins_else_first_below() -> None:
    text = (
        "GET http://h/{{late}}/{{a}}\n"  # 0: no `a` above, so the first below
        "\n"
        "###\n"  # 2
        "@a = one\n"  # 3
        "@late = first-late\n"  # 4
        "\n"
        "GET http://h/{{a}}\n"  # 6
        "\n"
        "###\n"  # 8
        "@a = two\n"  # 9
        "@late = second-late\n"  # 10
        "\n"
        "GET http://h/{{a}}\n"  # 12
    )
    view = scope(text)
    assert view.resolve_text("{{late}}/{{a}}", 0, 13).text == "first-late/one"
    assert view.resolve_text("{{a}}", 6, 13).text == "one"
    assert view.resolve_text("{{a}}", 12, 13).text == "two"
    first = view.at(6).lookup("a")
    second = view.at(12).lookup("a")
    assert first is not None and second is not None
    assert (first.value, first.span) == ("one", Span(3, 1, 3, 2))
    assert (second.value, second.span) == ("two", Span(9, 1, 9, 2))


def test_redefinition_may_use_the_previous_value() -> None:
    text = "@path = /api\n@path = {{path}}/v2\n\nGET http://h{{path}}\n"
    assert scope(text).resolve_text("{{path}}", 3, 12).text == "/api/v2"


def test_cycles_are_reported_with_the_chain() -> None:
    text = "@a = {{b}}\n@b = x-{{c}}\n@c = {{a}}\n@self = {{self}}\n\nGET http://h/{{a}}\n"
    view = scope(text)
    resolution = view.resolve_text("{{a}}", 5, 13)
    assert resolution.text == "x-{{a}}"
    (item,) = resolution.unresolved
    assert "a -> b -> c -> a" in item.message
    assert item.via == ("a", "b", "c")
    assert item.span == Span(2, 5, 2, 10)
    selfish = view.resolve_text("{{self}}", 5, 0).unresolved
    assert len(selfish) == 1
    assert "self -> self" in selfish[0].message
    definition = view.lookup("b")
    assert definition is not None
    assert definition.raw == "x-{{c}}"
    assert any("cycle" in u.message for u in definition.unresolved)


def test_deep_chains_resolve_and_too_deep_ones_are_reported() -> None:
    lines = [f"@v{i} = {{{{v{i + 1}}}}}" for i in range(100)] + ["@v100 = end", ""]
    text = "\n".join(lines) + "\nGET http://h/{{v30}}\n"
    view = scope(text)
    assert view.resolve_text("{{v40}}", 102, 0).text == "end"
    deep = view.at(102).with_prompts({"unused": "x"}).resolve_text("{{v0}}", 102, 0)
    assert any("nest deeper" in u.message for u in deep.unresolved)


def test_undefined_variables_are_kept_and_reported_where_they_are() -> None:
    envs = environments({"dev": {"a": "1"}, "prod": {"host": "p"}, "stage": {"host": "s"}})
    resolution = scope("GET http://h/\n", envs, "dev").resolve_text("http://{{host}}/x", 7, 4)
    assert resolution.text == "http://{{host}}/x"
    (item,) = resolution.unresolved
    assert item.name == "host"
    assert item.raw == "{{host}}"
    assert item.span == Span(7, 11, 7, 19)
    assert item.message.startswith(
        "Variable 'host' is not defined in this file or in environment 'dev'. "
        "Define it with '@host = ...' or add it to http-client.env.json."
    )
    assert "It is defined in environment 'prod', 'stage'." in item.message
    no_env = scope("GET http://h/\n").resolve_text("{{host}}", 0, 0).unresolved[0]
    assert "no environment is selected" in no_env.message


def test_unresolved_inside_a_file_variable_points_at_its_definition() -> None:
    text = "@url = https://{{host}}/x\n\nGET {{url}}\n"
    resolution = scope(text).resolve_text("{{url}}", 2, 4)
    assert resolution.text == "https://{{host}}/x"
    (item,) = resolution.unresolved
    assert (item.name, item.via, item.span) == ("host", ("url",), Span(0, 15, 0, 23))


def test_percent_encoding_keeps_only_unreserved_characters() -> None:
    text = "@q = a b/c&d=é~._-Z9\n\nGET http://h/?q={{%q}}\n"
    envs = environments({"dev": {"e": "x y"}})
    view = scope(text, envs, "dev")
    assert view.resolve_text("{{%q}}", 2, 0).text == "a%20b%2Fc%26d%3D%C3%A9~._-Z9"
    assert view.resolve_text("{{q}}", 2, 0).text == "a b/c&d=é~._-Z9"
    assert view.resolve_text("{{ %e }}|{{%$processEnv HOME_DIR}}", 2, 0).text == (
        "x%20y|%2Fhome%2Fme"
    )


def test_escaped_braces_are_literal() -> None:
    text = "@host = example.com\n@tpl = \\{{not}} {{host}}\n\nGET http://h/\n"
    view = scope(text)
    resolution = view.resolve_text("\\{{host}} and {{host}} and \\{{", 3, 0)
    assert resolution.text == "{{host}} and example.com and {{"
    assert resolution.unresolved == ()
    assert view.resolve_text("{{tpl}}", 3, 0).text == "{{not}} example.com"


def test_system_variables_and_percent_name_indirection() -> None:
    envs = environments({"dev": {"which": "HOME_DIR", "keyName": "API_KEY"}})
    view = scope("GET http://h/\n", envs, "dev")
    text = "{{$guid}} {{$timestamp}} {{$randomInt 3 9}} {{$processEnv %which}} {{$dotenv %keyName}}"
    assert view.resolve_text(text, 0, 0).text == f"{FIXED_UUID} 1706741130 3 /home/me k-1"
    bad = view.resolve_text("{{$dotenv NOPE}} {{$nope}}", 0, 0)
    assert bad.text == "{{$dotenv NOPE}} {{$nope}}"
    assert [u.name for u in bad.unresolved] == ["$dotenv", "$nope"]
    assert "no 'NOPE'" in bad.unresolved[0].message


def test_malformed_references_are_reported_and_kept() -> None:
    resolution = scope("GET http://h/\n").resolve_text("a {{bad name}} b {{open", 0, 0)
    assert resolution.text == "a {{bad name}} b {{open"
    assert [u.name for u in resolution.unresolved] == ["", ""]
    assert all(u.message for u in resolution.unresolved)


def test_multi_line_text_keeps_its_line_breaks_and_positions() -> None:
    envs = environments({"dev": {"a": "1"}})
    resolution = scope("GET http://h/\n", envs, "dev").resolve_text(
        "x={{a}}\r\ny={{b}}\rz={{a}}\n", 10, 4
    )
    assert resolution.text == "x=1\r\ny={{b}}\rz=1\n"
    assert [u.span for u in resolution.unresolved] == [Span(11, 2, 11, 7)]


def test_lookup_definitions_for_hover_and_go_to_definition() -> None:
    text = (
        "@token = {{secretToken}}-x\n\n###\n# @prompt code One-time code\nGET http://h/{{code}}\n"
    )
    envs = environments(
        {"$shared": {"base": "b"}, "dev": {"user": "u"}},
        {"dev": {"secretToken": "s3cr3t"}},
    )
    view = scope(text, envs, "dev")
    token = view.lookup("token")
    assert token is not None
    assert (token.source, token.raw, token.value, token.path) == (
        "file",
        "{{secretToken}}-x",
        "s3cr3t-x",
        None,
    )
    assert token.span == Span(0, 1, 0, 6)
    secret = view.lookup("secretToken")
    assert secret is not None
    assert (secret.source, secret.path, secret.private, secret.environment) == (
        "environment",
        PRIVATE,
        True,
        "dev",
    )
    assert secret.span == Span(0, 9, 0, 22)
    base = view.lookup("base")
    assert base is not None
    assert (base.source, base.path, base.environment) == ("shared", PUBLIC, "$shared")
    code = view.lookup("code", line=4)
    assert code is not None
    assert (code.source, code.raw, code.value) == ("prompt", None, None)
    assert code.span == Span(3, 10, 3, 14)
    assert view.lookup("code", line=0) is None
    given = view.with_prompts({"code": "123"}).lookup("code", line=4)
    assert given is not None
    assert (given.source, given.value) == ("prompt", "123")
    assert view.lookup("nothing") is None


def test_is_defined_names_and_check_ref() -> None:
    text = (
        "@fileVar = 1\n"
        "###\n"
        "# @name login\n"
        "# @prompt code\n"
        "GET http://h/{{code}}/{{missing}}/{{login.response.body.*}}/{{other.response.body.*}}\n"
    )
    envs = environments({"dev": {"envVar": "e"}})
    view = scope(text, envs, "dev")
    assert view.is_defined("fileVar")
    assert view.is_defined("envVar")
    assert view.is_defined("code", line=4)
    assert not view.is_defined("code", line=0)
    assert not view.is_defined("missing", line=4)
    assert view.names(line=4) == ["code", "envVar", "fileVar"]
    assert view.environment == "dev"
    refs, _ = scan_refs(
        "{{code}}/{{missing}}/{{login.response.body.*}}/{{other.response.body.*}}", 4, 13
    )
    checks = [view.check_ref(ref) for ref in refs]
    assert checks[0] is None
    assert checks[1] is not None and checks[1].name == "missing"
    assert checks[2] is None
    assert checks[3] is not None and "No request is named 'other'" in checks[3].message


def test_resolve_request_with_headers_body_includes_and_true_positions() -> None:
    text = (
        "@host = example.com\n"  # 0
        "@dir = data\n"  # 1
        "\n"
        "POST https://{{host}}\n"  # 3
        "    /api\n"  # 4
        "    /{{version}}\n"  # 5
        "X-{{hdr}}: {{host}}\n"  # 6
        "Authorization: Bearer {{token}}\n"  # 7
        "Content-Type: multipart/form-data; boundary=b\n"  # 8
        "\n"
        "--b\n"  # 10
        "# a comment line\n"  # 11
        "host={{host}} v={{version}}\n"  # 12
        "--b\n"  # 13
        "< ./{{dir}}/file.bin\n"  # 14
        "--b--\n"  # 15
    )
    envs = environments({"dev": {"version": "v2", "hdr": "Trace"}})
    view = scope(text, envs, "dev")
    document = parse_document(text)
    (request,) = document.requests()
    resolved = view.resolve_request(request)
    assert resolved.method == "POST"
    assert resolved.url == "https://example.com/api/v2"
    assert resolved.headers == [
        ("X-Trace", "example.com"),
        ("Authorization", "Bearer {{token}}"),
        ("Content-Type", "multipart/form-data; boundary=b"),
    ]
    assert resolved.body is not None
    texts = [p for p in resolved.body if isinstance(p, str)]
    includes = [p for p in resolved.body if isinstance(p, BodyInclude)]
    assert "host=example.com v=v2" in "".join(texts)
    assert [i.path for i in includes] == ["./data/file.bin"]
    (token,) = resolved.unresolved
    assert token.name == "token"
    assert token.span == Span(7, 22, 7, 31)


def test_unresolved_in_a_continued_url_and_after_body_comments_have_true_positions() -> None:
    text = (
        "POST https://h\n"  # 0
        "    /{{first}}\n"  # 1
        "    /{{second}}\n"  # 2
        "\n"
        "# comment\n"  # 4
        "{{third}}\n"  # 5
    )
    (request,) = parse_document(text).requests()
    resolved = scope(text).resolve_request(request)
    assert [(u.name, u.span) for u in resolved.unresolved] == [
        ("first", Span(1, 5, 1, 14)),
        ("second", Span(2, 5, 2, 15)),
        ("third", Span(5, 0, 5, 9)),
    ]


def test_with_prompts_does_not_leak_into_other_views() -> None:
    text = "@greeting = hello {{name}}\n\n# @prompt name\nGET http://h/{{greeting}}\n"
    base = scope(text, environments({"dev": {"name": "env-name"}}), "dev")
    assert base.resolve_text("{{greeting}}", 3, 0).text == "hello env-name"
    asked = base.with_prompts({"name": "Ada"})
    assert asked.resolve_text("{{greeting}}", 3, 0).text == "hello Ada"
    assert asked.at(3).resolve_text("{{greeting}}", 3, 0).text == "hello Ada"
    assert base.resolve_text("{{greeting}}", 3, 0).text == "hello env-name"


_FUZZ_VIEW = scope(
    "@a = {{b}}\n@b = {{a}}\n@c = x{{$guid}}\n\nGET http://h/\n",
    environments({"dev": {"e": "1"}}),
    "dev",
)


@given(st.text(alphabet="{}%$\\ abce.\r\n-x", max_size=40))
def test_any_text_resolves_without_raising(text: str) -> None:
    resolution = _FUZZ_VIEW.resolve_text(text, 3, 0)
    if "{{" not in text:
        assert resolution.text == text
        assert resolution.unresolved == ()
    assert resolution.text.count("\n") == text.count("\n")
