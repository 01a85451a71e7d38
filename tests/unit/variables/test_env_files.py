"""JetBrains env files: shapes, problems with spans, precedence and `Security.Auth` merging."""

from __future__ import annotations

import json

from oauth_http.syntax.spans import Severity, Span
from oauth_http.variables.env_files import EnvFile, parse_env_file
from oauth_http.variables.environments import (
    SHARED,
    Environments,
)
from oauth_http.variables.json_tree import JsonObject, JsonString

PUBLIC = "/ws/http-client.env.json"
PRIVATE = "/ws/http-client.private.env.json"


def public(text: str) -> EnvFile:
    return parse_env_file(text, path=PUBLIC, private=False)


def private(text: str) -> EnvFile:
    return parse_env_file(text, path=PRIVATE, private=True)


def test_variables_with_values_and_key_spans() -> None:
    env = public(
        '{\n  "dev": {\n    "host": "localhost",\n    "port": 8080,\n    "on": true\n  }\n}'
    )
    assert env.problems == ()
    dev = env.sections["dev"]
    assert dev.span == Span(1, 2, 1, 7)
    host = dev.variables["host"]
    assert (host.name, host.value, host.environment, host.path, host.private) == (
        "host",
        "localhost",
        "dev",
        PUBLIC,
        False,
    )
    assert host.span == Span(2, 4, 2, 10)
    assert dev.variables["port"].value == "8080"
    assert dev.variables["on"].value == "true"


def test_numbers_keep_their_written_text() -> None:
    env = public('{"dev": {"price": 1.50, "big": 1e3, "neg": -0}}')
    values = {k: v.value for k, v in env.sections["dev"].variables.items()}
    assert values == {"price": "1.50", "big": "1e3", "neg": "-0"}


def test_invalid_json_is_reported_and_leaves_no_environments() -> None:
    env = public('{"dev": {"host": "x",}}')
    assert env.sections == {}
    assert len(env.problems) == 1
    assert env.problems[0].span == Span(0, 20, 0, 21)
    assert "Trailing comma" in env.problems[0].message


def test_top_level_must_be_an_object() -> None:
    env = public('["dev"]')
    assert env.sections == {}
    (problem,) = env.problems
    assert problem.span == Span(0, 0, 0, 7)
    assert "must hold a JSON object" in problem.message
    assert "found an array" in problem.message


def test_environment_that_is_not_an_object() -> None:
    env = public('{"dev": "localhost", "prod": {"host": "p"}}')
    assert list(env.sections) == ["prod"]
    (problem,) = env.problems
    assert problem.span == Span(0, 8, 0, 19)
    assert "Environment 'dev' must be an object" in problem.message
    assert "found a string" in problem.message


def test_variable_values_that_are_arrays_objects_or_null_are_errors() -> None:
    env = public('{"dev": {"a": [1],\n "b": {"x": 1},\n "c": null,\n "ok": "yes"}}')
    assert list(env.sections["dev"].variables) == ["ok"]
    messages = [(p.span, p.message) for p in env.problems]
    assert [span for span, _ in messages] == [
        Span(0, 14, 0, 17),
        Span(1, 6, 1, 14),
        Span(2, 6, 2, 10),
    ]
    assert "Variable 'a' in environment 'dev'" in messages[0][1]
    assert "found an array" in messages[0][1]
    assert "found an object" in messages[1][1]
    assert "found a null" in messages[2][1]
    assert all(p.severity == Severity.ERROR for p in env.problems)


def test_security_auth_and_ssl_configuration_are_not_variables_nor_problems() -> None:
    text = json.dumps(
        {
            "dev": {
                "host": "h",
                "Security": {"Auth": {"x": {"Type": "OAuth1", "Consumer Key": "ck"}}},
                "SSLConfiguration": {"clientCertificate": "cert.pem"},
            }
        }
    )
    env = public(text)
    assert env.problems == ()
    dev = env.sections["dev"]
    assert list(dev.variables) == ["host"]
    assert list(dev.auth) == ["x"]


def test_security_shape_problems() -> None:
    env = public(
        '{"a": {"Security": ["no"]},\n'
        ' "b": {"Security": {"Auth": []}},\n'
        ' "c": {"Security": {"Auth": {"x": 1}, "Other": {}}}}'
    )
    found = [(p.span.start_line, p.severity, p.message) for p in env.problems]
    assert len(found) == 4
    assert found[0][0] == 0
    assert "'Security' in environment 'a' must be an object holding 'Auth'" in found[0][2]
    assert found[1][0] == 1
    assert "'Security.Auth' in environment 'b'" in found[1][2]
    assert {line for line, _, _ in found[2:]} == {2}
    messages = " ".join(m for _, _, m in found[2:])
    assert "Auth configuration 'x' must be an object" in messages
    assert "Unknown key 'Other'" in messages
    assert Severity.WARNING in {s for _, s, _ in found[2:]}


def test_span_of_and_node_at_follow_key_paths() -> None:
    env = public(
        '{\n "dev": {\n  "Security": {\n   "Auth": {\n    "x": {"Request Token URL": 5}}}}}'
    )
    assert env.span_of(["dev"]) == Span(1, 1, 1, 6)
    assert env.span_of(["dev", "Security", "Auth", "x", "Request Token URL"]) == Span(4, 10, 4, 29)
    assert env.span_of(["dev", "missing"]) is None
    assert env.span_of(["dev", "Security", "Auth", "x", "Request Token URL", "deeper"]) is None
    assert env.span_of([]) == Span(0, 0, 4, 37)
    assert isinstance(env.node_at(["dev", "Security"]), JsonObject)


def test_private_overrides_public_and_environment_overrides_shared() -> None:
    envs = Environments.from_files(
        public(
            json.dumps(
                {
                    "$shared": {"version": "v1", "host": "shared-host", "only_shared": "s"},
                    "dev": {"host": "dev-host", "token": "public-token"},
                    "prod": {"host": "prod-host"},
                }
            )
        ),
        private(
            json.dumps(
                {
                    "$shared": {"version": "v2-private"},
                    "dev": {"token": "private-token"},
                    "staging": {"host": "staging-host"},
                }
            )
        ),
    )
    assert envs.environment_names() == ["dev", "prod", "staging"]
    dev = envs.scope("dev")
    assert {k: v.value for k, v in dev.items()} == {
        "version": "v2-private",
        "host": "dev-host",
        "only_shared": "s",
        "token": "private-token",
    }
    assert dev["token"].private is True
    assert dev["token"].path == PRIVATE
    assert dev["host"].environment == "dev"
    assert dev["version"].environment == SHARED
    assert dev["version"].private is True
    assert envs.scope("staging")["host"].value == "staging-host"
    shared_only = envs.scope(None)
    assert {k: v.value for k, v in shared_only.items()} == {
        "version": "v2-private",
        "host": "shared-host",
        "only_shared": "s",
    }
    assert envs.scope("nope") == shared_only
    assert envs.environments_defining("token") == ["dev"]
    assert envs.environments_defining("host") == ["dev", "prod", "staging"]


def test_environment_public_value_beats_shared_private_value() -> None:
    envs = Environments.from_files(
        public('{"dev": {"host": "dev-public"}}'),
        private('{"$shared": {"host": "shared-private"}}'),
    )
    assert envs.scope("dev")["host"].value == "dev-public"
    assert envs.scope(None)["host"].value == "shared-private"


def test_scope_returns_a_copy() -> None:
    envs = Environments.from_files(public('{"dev": {"a": "1"}}'), None)
    first = envs.scope("dev")
    first.clear()
    assert envs.scope("dev")["a"].value == "1"


def test_missing_files() -> None:
    envs = Environments.from_files(None, None)
    assert envs.environment_names() == []
    assert envs.scope("dev") == {}
    assert envs.security_auth("dev") == {}
    only_private = Environments.from_files(None, private('{"dev": {"a": "1"}}'))
    assert only_private.scope("dev")["a"].private is True
    assert only_private.has_environment("dev")
    assert not only_private.has_environment("prod")


def test_security_auth_merges_whole_keys_over_layers() -> None:
    shared_public = {
        "Type": "OAuth1",
        "Request Token URL": "https://shared/request",
        "Consumer Key": "shared-key",
    }
    dev_public = {"Request Token URL": "https://dev/request", "Scope": {"a": 1}}
    dev_private = {"Consumer Secret": "s3cret", "Scope": {"b": 2}}
    envs = Environments.from_files(
        public(
            json.dumps(
                {
                    "$shared": {"Security": {"Auth": {"x": shared_public}}},
                    "dev": {"Security": {"Auth": {"x": dev_public, "y": {"Type": "Basic"}}}},
                },
                indent=1,
            )
        ),
        private(json.dumps({"dev": {"Security": {"Auth": {"x": dev_private}}}}, indent=1)),
    )
    auth = envs.security_auth("dev")
    assert sorted(auth) == ["x", "y"]
    x = auth["x"]
    assert x.text("Type") == "OAuth1"
    assert x.text("Request Token URL") == "https://dev/request"
    assert x.text("Consumer Key") == "shared-key"
    assert x.text("Consumer Secret") == "s3cret"
    assert x.text("missing") is None
    scope = x.get("Scope")
    assert scope is not None
    assert isinstance(scope.value, JsonObject)
    assert [m.key for m in scope.value.members] == ["b"]
    assert scope.text() is None
    secret = x.get("Consumer Secret")
    assert secret is not None
    assert (secret.path, secret.environment, secret.private) == (PRIVATE, "dev", True)
    assert envs.private is not None
    assert secret.key_span == envs.private.span_of(
        ["dev", "Security", "Auth", "x", "Consumer Secret"]
    )
    url = x.get("Request Token URL")
    assert url is not None
    assert isinstance(url.value, JsonString)
    assert (url.path, url.environment) == (PUBLIC, "dev")
    assert [(o.path, o.environment, o.private) for o in x.origins] == [
        (PRIVATE, "dev", True),
        (PUBLIC, "dev", False),
        (PUBLIC, SHARED, False),
    ]
    shared_only = envs.security_auth(None)
    assert list(shared_only) == ["x"]
    assert shared_only["x"].text("Request Token URL") == "https://shared/request"
    assert shared_only["x"].text("Consumer Secret") is None


def test_problems_by_path() -> None:
    envs = Environments.from_files(public("{"), private("{}"))
    problems = envs.problems()
    assert len(problems[PUBLIC]) == 1
    assert problems[PRIVATE] == ()
