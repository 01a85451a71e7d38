"""Every kind of problem in a `Security.Auth` entry: message, severity and where it points."""

from __future__ import annotations

import json

import pytest
from oauth_http.oauth.errors import ProviderProblem
from oauth_http.oauth.providers import ProviderRegistry, build_registry, known_provider_ids
from oauth_http.syntax.spans import Span
from oauth_http.variables.env_files import parse_env_file
from oauth_http.variables.environments import Environments

PUBLIC = "/w/http-client.env.json"
PRIVATE = "/w/http-client.private.env.json"
VALID = {
    "Type": "OAuth1",
    "Request Token URL": "https://api.example.com/oauth/request_token",
    "Authorize URL": "https://api.example.com/oauth/authorize",
    "Access Token URL": "https://api.example.com/oauth/access_token",
}


def texts(public: dict[str, object], private: dict[str, object] | None = None) -> dict[str, str]:
    files = {PUBLIC: json.dumps(public, indent=2)}
    if private is not None:
        files[PRIVATE] = json.dumps(private, indent=2)
    return files


def registry_of(files: dict[str, str], selected: str = "dev") -> ProviderRegistry:
    public = parse_env_file(files[PUBLIC], path=PUBLIC, private=False)
    private = (
        parse_env_file(files[PRIVATE], path=PRIVATE, private=True) if PRIVATE in files else None
    )
    return build_registry(Environments(public, private).security_auth(selected))


def entry(**keys: object) -> dict[str, object]:
    return {"dev": {"Security": {"Auth": {"example": keys}}}}


def text_at(files: dict[str, str], problem: ProviderProblem) -> str:
    assert problem.file_path is not None and problem.span is not None
    return cut(files[problem.file_path], problem.span)


def cut(text: str, span: Span) -> str:
    lines = text.splitlines()
    assert span.start_line == span.end_line
    return lines[span.start_line][span.start_col : span.end_col]


def only_problem(files: dict[str, str]) -> ProviderProblem:
    problems = registry_of(files).problems
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("Consumer key", "Consumer Key"),
        ("Request Token Url", "Request Token URL"),
        ("Signature Methd", "Signature Method"),
        ("Authorise Parameters", "Authorize Parameters"),
    ],
)
def test_an_unknown_key_suggests_the_closest_valid_key(key: str, suggestion: str) -> None:
    files = texts(entry(**VALID, **{key: "x"}))
    problem = only_problem(files)
    assert problem.severity == "warning"
    assert f'did you mean "{suggestion}"?' in problem.message
    assert problem.path == ("example", key)
    assert text_at(files, problem) == f'"{key}"'


def test_an_unknown_key_with_no_near_match_lists_the_valid_keys() -> None:
    problem = only_problem(texts(entry(**VALID, Colour="blue")))
    assert '"Request Token URL"' in problem.message and '"Authorize Parameters"' in problem.message


def test_a_custom_entry_without_type_is_an_error_at_its_id() -> None:
    files = texts(entry(**{k: v for k, v in VALID.items() if k != "Type"}))
    problem = only_problem(files)
    assert problem.severity == "error"
    assert '"Type": "OAuth1"' in problem.message
    assert problem.path == ("example",)
    assert text_at(files, problem) == '"example"'
    assert "example" not in known_provider_ids(registry_of(files))


def test_a_type_that_is_not_a_string_is_an_error() -> None:
    problem = only_problem(texts(entry(**{**VALID, "Type": 1})))
    assert problem.path == ("example", "Type")
    assert '"Type": "OAuth1"' in problem.message


def test_each_missing_url_is_named_with_an_example() -> None:
    files = texts(entry(Type="OAuth1", **{"Authorize URL": VALID["Authorize URL"]}))
    problems = registry_of(files).problems
    assert [p.message.split(":")[0] for p in problems] == [
        'Auth entry "example" has no "Request Token URL"',
        'Auth entry "example" has no "Access Token URL"',
    ]
    assert all(text_at(files, p) == '"example"' for p in problems)
    assert "https://api.example.com/oauth/request_token" in problems[0].message


@pytest.mark.parametrize("url", ["ftp://api.example.com/r", "api.example.com/r", "https://"])
def test_a_url_that_is_not_http_is_an_error_on_its_key(url: str) -> None:
    files = texts(entry(**{**VALID, "Access Token URL": url}))
    problem = only_problem(files)
    assert problem.path == ("example", "Access Token URL")
    assert "http:// or https:// URL" in problem.message
    assert text_at(files, problem) == '"Access Token URL"'
    assert "example" not in known_provider_ids(registry_of(files))


@pytest.mark.parametrize(
    ("key", "value"),
    [("Realm", 3), ("Consumer Key", True), ("Callback", ["oob"]), ("Private Key File", None)],
)
def test_a_value_of_the_wrong_type_says_to_quote_it(key: str, value: object) -> None:
    problem = only_problem(texts(entry(**{**VALID, key: value})))
    assert problem.path == ("example", key)
    assert "must be a string" in problem.message


def test_an_empty_value_is_an_error() -> None:
    problem = only_problem(texts(entry(**{**VALID, "Consumer Key": "  "})))
    assert problem.path == ("example", "Consumer Key")
    assert "is empty" in problem.message


@pytest.mark.parametrize(
    ("method", "suggestion"), [("HMAC-SHA-1", "HMAC-SHA1"), ("RSA_SHA256", "RSA-SHA256")]
)
def test_a_bad_signature_method_suggests_the_closest(method: str, suggestion: str) -> None:
    files = texts(entry(**{**VALID, "Signature Method": method}))
    problem = only_problem(files)
    assert f'did you mean "{suggestion}"?' in problem.message
    assert "PLAINTEXT" in problem.message
    assert text_at(files, problem) == '"Signature Method"'


def test_a_bad_placement_suggests_the_closest() -> None:
    problem = only_problem(texts(entry(**{**VALID, "Signature Placement": "headers"})))
    assert 'did you mean "header"?' in problem.message
    assert problem.path == ("example", "Signature Placement")


def test_authorize_parameters_must_be_an_object() -> None:
    problem = only_problem(texts(entry(**{**VALID, "Authorize Parameters": "perms=read"})))
    assert problem.path == ("example", "Authorize Parameters")
    assert '{"perms": "read"}' in problem.message


def test_a_bad_authorize_parameter_points_at_that_parameter() -> None:
    files = texts(entry(**{**VALID, "Authorize Parameters": {"perms": "read", "debug": True}}))
    problem = only_problem(files)
    assert problem.path == ("example", "Authorize Parameters", "debug")
    assert text_at(files, problem) == '"debug"'
    assert registry_of(files).providers["example"].authorize_parameters == (("perms", "read"),)


def test_an_rsa_method_without_a_key_file_is_an_error_on_the_method() -> None:
    files = texts(entry(**{**VALID, "Signature Method": "RSA-SHA1"}))
    problem = only_problem(files)
    assert problem.path == ("example", "Signature Method")
    assert '"Private Key File"' in problem.message


def test_a_key_file_without_an_rsa_method_is_a_warning() -> None:
    problem = only_problem(texts(entry(**{**VALID, "Private Key File": "k.pem"})))
    assert problem.severity == "warning"
    assert problem.path == ("example", "Private Key File")


def test_a_consumer_secret_in_the_public_file_is_flagged_for_secret_storage() -> None:
    files = texts(entry(**{**VALID, "Consumer Secret": "s3cret"}))
    problem = only_problem(files)
    assert (problem.severity, problem.code) == ("information", "consumer-secret-in-file")
    assert "secret storage" in problem.message
    assert text_at(files, problem) == '"Consumer Secret"'
    assert registry_of(files).providers["example"].consumer_secret == "s3cret"


def test_a_consumer_secret_in_the_private_file_is_fine_and_points_there() -> None:
    files = texts(
        entry(**VALID),
        {"dev": {"Security": {"Auth": {"example": {"Consumer Secret": "s3cret", "Realm": 1}}}}},
    )
    problem = only_problem(files)
    assert problem.path == ("example", "Realm")
    assert problem.file_path == PRIVATE
    assert text_at(files, problem) == '"Realm"'
    assert registry_of(files).providers["example"].consumer_secret == "s3cret"


def test_a_preset_override_is_checked_too() -> None:
    files = texts({"dev": {"Security": {"Auth": {"twitter": {"Signature Placement": "url"}}}}})
    problem = only_problem(files)
    assert problem.path == ("twitter", "Signature Placement")
    assert registry_of(files).providers["twitter"].signature_placement == "header"
