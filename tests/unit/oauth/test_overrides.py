"""What an env file's entry changes about where a provider's credentials go (`overrides`): the
changes shown (preset value → workspace value), the fingerprint an answer is bound to, the
https → http downgrade refused outright (loopback excepted), and the host a consumer secret is
named with; and the PLAINTEXT and loopback rules of `origins`."""

from __future__ import annotations

from dataclasses import replace

import pytest
from oauth_http.oauth.origins import (
    is_loopback_host,
    plaintext_allowed,
    plaintext_token_problem,
)
from oauth_http.oauth.overrides import fingerprint_of, secret_destination, workspace_definition
from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.provider_model import Provider

TWITTER = PRESETS_BY_ID["twitter"]
SANDBOX = PRESETS_BY_ID["sandbox"]


def overridden(preset: Provider, **fields: object) -> Provider:
    return replace(preset, source="preset+environment", **fields)  # type: ignore[arg-type]  # the fields vary by test


def test_a_preset_as_shipped_or_with_harmless_settings_changes_nothing() -> None:
    assert workspace_definition(TWITTER, TWITTER) is None
    assert workspace_definition(overridden(TWITTER, consumer_key="mine"), TWITTER) is None
    narrower = overridden(TWITTER, api_origins=("https://api.x.com",))
    assert workspace_definition(narrower, TWITTER) is None


def test_changed_token_urls_are_listed_preset_to_workspace() -> None:
    evil = "http://127.0.0.1:9/oauth/request_token"
    definition = workspace_definition(overridden(TWITTER, request_token_url=evil), TWITTER)
    assert definition is not None and definition.refused is None and not definition.custom
    lines = [change.line() for change in definition.changes]
    assert lines[0] == f"Request Token URL: https://api.x.com/oauth/request_token → {evil}"
    assert lines[1].startswith("Origins (token URLs and API Origins): https://api.x.com, ")
    assert "X (Twitter) (twitter)" in definition.summary()


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("signature_method", "PLAINTEXT", "Signature Method: HMAC-SHA1 → PLAINTEXT"),
        ("signature_placement", "query", "Signature Placement: header → query"),
        ("authorize_url", "https://evil.example/a", "Authorize URL: https://api.x.com/oauth/"),
    ],
)
def test_signing_and_authorize_changes_are_shown(field: str, value: str, line: str) -> None:
    definition = workspace_definition(overridden(TWITTER, **{field: value}), TWITTER)
    assert definition is not None
    assert definition.changes[0].line().startswith(line)


def test_widened_origins_are_a_change() -> None:
    wider = overridden(TWITTER, api_origins=(*TWITTER.api_origins, "https://evil.example"))
    definition = workspace_definition(wider, TWITTER)
    assert definition is not None
    assert definition.changes[0].line().endswith(", https://evil.example")


def test_an_https_url_downgraded_to_http_is_refused_unless_loopback() -> None:
    remote = overridden(TWITTER, access_token_url="http://api.x.com/oauth/access_token")
    refused = workspace_definition(remote, TWITTER)
    assert refused is not None and refused.refused is not None
    assert '"Access Token URL" from https://api.x.com/oauth/access_token' in refused.refused
    local = overridden(TWITTER, access_token_url="http://127.0.0.1:8765/oauth/access_token")
    asked = workspace_definition(local, TWITTER)
    assert asked is not None and asked.refused is None


def test_a_custom_provider_shows_where_everything_goes() -> None:
    custom = Provider(
        id="myapi",
        label="myapi",
        request_token_url="https://api.example.com/oauth/request_token",
        authorize_url="https://api.example.com/oauth/authorize",
        access_token_url="https://api.example.com/oauth/access_token",
        source="environment",
    )
    definition = workspace_definition(custom, None)
    assert definition is not None and definition.custom
    lines = [change.line() for change in definition.changes]
    assert "Origins (token URLs and API Origins): https://api.example.com" in lines
    assert "Signature Method: HMAC-SHA1" in lines
    assert 'defines the provider "myapi"' in definition.summary()


def test_the_fingerprint_follows_every_field_that_decides_where_credentials_go() -> None:
    base = fingerprint_of(SANDBOX)
    assert fingerprint_of(replace(SANDBOX, consumer_key="other", realm="r")) == base
    for changed in (
        replace(SANDBOX, request_token_url="http://127.0.0.1:1/rt"),
        replace(SANDBOX, authorize_url="http://127.0.0.1:1/a"),
        replace(SANDBOX, signature_method="PLAINTEXT"),
        replace(SANDBOX, signature_placement="body"),
        replace(SANDBOX, api_origins=("http://127.0.0.1:2",)),
    ):
        assert fingerprint_of(changed) != base


def test_the_secret_destination_is_named_only_when_it_is_not_the_presets() -> None:
    assert secret_destination(TWITTER, TWITTER) is None
    moved = replace(TWITTER, request_token_url="http://127.0.0.1:9/rt")
    assert secret_destination(moved, TWITTER) == "http://127.0.0.1:9"
    jira = PRESETS_BY_ID["jira"]
    resolved = replace(jira, request_token_url="https://jira.example.com/plugins/servlet/x")
    assert secret_destination(resolved, jira) == "https://jira.example.com"


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST.", True),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("127.0.0.1.example.com", False),
        ("api.x.com", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://api.example.com/x", True),
        ("http://127.0.0.1:8765/x", True),
        ("http://[::1]/x", True),
        ("http://localhost:1/x", True),
        ("http://api.example.com/x", False),
        ("http://0.0.0.0:8765/x", False),
        ("ftp://127.0.0.1/x", False),
    ],
)
def test_plaintext_only_over_tls_or_to_loopback(url: str, allowed: bool) -> None:
    assert plaintext_allowed(url) is allowed


def test_plaintext_token_requests_need_tls_or_loopback() -> None:
    discogs = PRESETS_BY_ID["discogs"]
    assert discogs.signature_method == "PLAINTEXT"
    assert plaintext_token_problem(discogs) is None
    local = replace(discogs, request_token_url="http://127.0.0.1:8765/rt")
    assert plaintext_token_problem(local) is None
    remote = replace(discogs, access_token_url="http://api.discogs.com/oauth/access_token")
    problem = plaintext_token_problem(remote)
    assert problem is not None and "access token URL http://api.discogs.com" in problem
    assert plaintext_token_problem(replace(remote, signature_method="HMAC-SHA1")) is None
