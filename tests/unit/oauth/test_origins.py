"""The origins a provider's credentials may go to: its token URLs' origins plus its API origins
(a preset's real hosts, or an env entry's "API Origins"), with `*.` subdomain patterns."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from oauth_http.oauth.origins import allows, origin_of, provider_origins
from oauth_http.oauth.overrides import workspace_definition
from oauth_http.oauth.providers import ProviderRegistry, build_registry
from oauth_http.variables.env_files import parse_env_file
from oauth_http.variables.environments import Environments


def _registry(env: object, environment: str | None = None) -> ProviderRegistry:
    environments = Environments(
        parse_env_file(json.dumps(env), path="env.json", private=False), None
    )
    return build_registry(environments.security_auth(environment))


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://API.x.com/1.1/a.json?q=1", "https://api.x.com"),
        ("https://api.x.com:443/", "https://api.x.com"),
        ("http://127.0.0.1:8765/oauth", "http://127.0.0.1:8765"),
        ("http://[::1]:80/", "http://[::1]"),
        ("ftp://example.com/", None),
        ("not a url", None),
        ("https://host:99999/", None),
    ],
)
def test_origin_of(url: str, origin: str | None) -> None:
    assert origin_of(url) == origin


def test_presets_allow_their_api_hosts_and_nothing_else() -> None:
    providers = build_registry().providers
    twitter, flickr = providers["twitter"], providers["flickr"]
    assert allows(twitter, "https://upload.twitter.com/1.1/media/upload.json")
    assert allows(flickr, "https://up.flickr.com/services/upload/")
    assert not allows(twitter, "https://api.x.com.evil.example/1.1/")
    assert not allows(twitter, "http://api.x.com/1.1/"), "the scheme is part of the origin"
    assert not allows(providers["discogs"], "https://www.discogs.com/oauth/authorize")
    wiki = providers["mediawiki"]
    assert allows(wiki, "https://en.wikipedia.org/w/api.php")
    assert not allows(wiki, "https://wikipedia.org.evil.example/")
    assert allows(providers["sandbox"], "http://127.0.0.1:8765/1.1/echo")
    assert not allows(providers["sandbox"], "http://127.0.0.1:8766/1.1/echo")


def test_jira_and_wordpress_take_their_origin_from_the_base_url() -> None:
    env = {"dev": {"jiraBaseUrl": "https://jira.example.com/jira"}}
    environments = Environments(parse_env_file(json.dumps(env), path="e.json", private=False), None)
    from oauth_http.syntax.parser import parse_document
    from oauth_http.variables.scope import VariableScope

    scope = VariableScope(parse_document(""), environments=environments, environment="dev")
    registry = build_registry(
        environments.security_auth("dev"), lambda text: scope.resolve_text(text, 0, 0).text
    )
    assert provider_origins(registry.providers["jira"]) == ("https://jira.example.com",)
    assert provider_origins(build_registry().providers["jira"]) == ()


def test_a_custom_entry_adds_api_origins_and_bad_items_are_problems() -> None:
    entry = {
        "Type": "OAuth1",
        "Request Token URL": "https://auth.example.com/rt",
        "Authorize URL": "https://auth.example.com/a",
        "Access Token URL": "https://auth.example.com/at",
        "API Origins": ["https://api.example.com", "https://*.cdn.example.com", 7, "ftp://x"],
    }
    registry = _registry({"$shared": {"Security": {"Auth": {"mine": entry}}}})
    mine = registry.providers["mine"]
    assert provider_origins(mine) == (
        "https://auth.example.com",
        "https://api.example.com",
        "https://*.cdn.example.com",
    )
    assert allows(mine, "https://img.cdn.example.com/x")
    messages = [p.message for p in registry.problems if p.key == "API Origins"]
    assert len(messages) == 2 and "Item 3" in messages[0] and "Item 4" in messages[1]
    not_a_list = _registry(
        {"$shared": {"Security": {"Auth": {"mine": {**entry, "API Origins": "https://a"}}}}}
    )
    assert any("must be a list" in p.message for p in not_a_list.problems)


def test_every_provider_is_hashable_for_the_caches_of_origins_and_definitions() -> None:
    """`provider_origins` and `workspace_definition` are cached on the provider (both run for
    every signed send): a field that cannot be hashed (a dict, a list) would make them raise."""
    entry = {
        "Type": "OAuth1",
        "Request Token URL": "https://api.example.com/oauth/request_token",
        "Authorize URL": "https://api.example.com/oauth/authorize",
        "Access Token URL": "https://api.example.com/oauth/access_token",
        "Authorize Parameters": {"perms": "read"},
        "API Origins": ["https://upload.example.com"],
    }
    registry = _registry({"$shared": {"Security": {"Auth": {"myapi": entry}}}})
    for provider in registry.providers.values():
        assert provider_origins(provider) == provider_origins(replace(provider))
    custom = registry.providers["myapi"]
    assert provider_origins(custom) == ("https://api.example.com", "https://upload.example.com")
    assert workspace_definition(custom, None) is workspace_definition(replace(custom), None)
