"""Presets, overrides from env files, `{{variable}}` URLs and the one provider lookup."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from urllib.parse import parse_qsl, urlsplit

import pytest
from oauth_http.oauth.errors import ProviderLookupError
from oauth_http.oauth.presets import PRESETS
from oauth_http.oauth.provider_model import Provider, authorize_address
from oauth_http.oauth.providers import (
    ProviderRegistry,
    build_registry,
    known_provider_ids,
    lookup_provider,
)
from oauth_http.variables.env_files import parse_env_file
from oauth_http.variables.environments import Environments

# The table in /work/shared/notes/libraries.md, written out independently of presets.py.
EXPECTED_PRESETS = {
    "twitter": (
        "https://api.x.com/oauth/request_token",
        "https://api.x.com/oauth/authorize",
        "https://api.x.com/oauth/access_token",
        "HMAC-SHA1",
    ),
    "flickr": (
        "https://www.flickr.com/services/oauth/request_token",
        "https://www.flickr.com/services/oauth/authorize",
        "https://www.flickr.com/services/oauth/access_token",
        "HMAC-SHA1",
    ),
    "tumblr": (
        "https://www.tumblr.com/oauth/request_token",
        "https://www.tumblr.com/oauth/authorize",
        "https://www.tumblr.com/oauth/access_token",
        "HMAC-SHA1",
    ),
    "trello": (
        "https://trello.com/1/OAuthGetRequestToken",
        "https://trello.com/1/OAuthAuthorizeToken",
        "https://trello.com/1/OAuthGetAccessToken",
        "HMAC-SHA1",
    ),
    "smugmug": (
        "https://secure.smugmug.com/services/oauth/1.0a/getRequestToken",
        "https://secure.smugmug.com/services/oauth/1.0a/authorize",
        "https://secure.smugmug.com/services/oauth/1.0a/getAccessToken",
        "HMAC-SHA1",
    ),
    "discogs": (
        "https://api.discogs.com/oauth/request_token",
        "https://www.discogs.com/oauth/authorize",
        "https://api.discogs.com/oauth/access_token",
        "PLAINTEXT",
    ),
    "mediawiki": (
        "https://meta.wikimedia.org/w/index.php?title=Special:OAuth/initiate",
        "https://meta.wikimedia.org/wiki/Special:OAuth/authorize",
        "https://meta.wikimedia.org/w/index.php?title=Special:OAuth/token",
        "HMAC-SHA1",
    ),
    "jira": (
        "https://jira.example.com/plugins/servlet/oauth/request-token",
        "https://jira.example.com/plugins/servlet/oauth/authorize",
        "https://jira.example.com/plugins/servlet/oauth/access-token",
        "RSA-SHA1",
    ),
    "wordpress": (
        "https://blog.example.com/oauth1/request",
        "https://blog.example.com/oauth1/authorize",
        "https://blog.example.com/oauth1/access",
        "HMAC-SHA1",
    ),
    "evernote": (
        "https://www.evernote.com/oauth",
        "https://www.evernote.com/OAuth.action",
        "https://www.evernote.com/oauth",
        "HMAC-SHA1",
    ),
    "evernote-sandbox": (
        "https://sandbox.evernote.com/oauth",
        "https://sandbox.evernote.com/OAuth.action",
        "https://sandbox.evernote.com/oauth",
        "HMAC-SHA1",
    ),
    "garmin": (
        "https://connectapi.garmin.com/oauth-service/oauth/request_token",
        "https://connect.garmin.com/oauthConfirm",
        "https://connectapi.garmin.com/oauth-service/oauth/access_token",
        "HMAC-SHA1",
    ),
    "sandbox": (
        "http://127.0.0.1:8765/oauth/request_token",
        "http://127.0.0.1:8765/oauth/authorize",
        "http://127.0.0.1:8765/oauth/access_token",
        "HMAC-SHA1",
    ),
}
LOOPBACK = {"tumblr", "evernote", "evernote-sandbox", "garmin"}
# The presets that fetch no tokens (tests/unit/test_presets_flows.py checks them).
SIGN_ONLY = [
    "mediawiki-owner", "netsuite", "magento", "maas", "mastercard", "woocommerce", "schoology"
]  # fmt: skip
DISPLAY_ORDER = [
    "twitter", "flickr", "tumblr", "trello", "smugmug", "discogs", "mediawiki", "mediawiki-owner",
    "jira", "wordpress", "netsuite", "magento", "maas", "evernote", "evernote-sandbox", "garmin",
    "mastercard", "woocommerce", "schoology", "sandbox",
]  # fmt: skip
SITE_VARIABLES = {
    "jiraBaseUrl": "https://jira.example.com/",
    "wordpressSiteUrl": "https://blog.example.com",
}


def resolver(variables: Mapping[str, str]) -> Callable[[str], str]:
    """Resolve `{{name}}` from `variables`, leaving unknown names in place (the contract)."""
    return lambda text: re.sub(
        r"\{\{\s*([^{}]+?)\s*\}\}", lambda m: variables.get(m.group(1), m.group(0)), text
    )


def registry_from(
    env: Mapping[str, object], selected: str = "dev", **variables: str
) -> ProviderRegistry:
    environments = Environments(
        parse_env_file(json.dumps(env), path="/w/http-client.env.json", private=False), None
    )
    scope = {name: value.value for name, value in environments.scope(selected).items()}
    return build_registry(environments.security_auth(selected), resolver({**scope, **variables}))


def usable(provider_id: str, registry: ProviderRegistry) -> Provider:
    found = lookup_provider(provider_id, registry)
    assert isinstance(found, Provider), found
    return found


@pytest.mark.parametrize("provider_id", list(EXPECTED_PRESETS))
def test_every_preset_has_its_real_endpoints_and_method(provider_id: str) -> None:
    registry = build_registry(None, resolver(SITE_VARIABLES))
    provider = registry.providers[provider_id]
    assert (*provider.endpoints, provider.signature_method) == EXPECTED_PRESETS[provider_id]
    assert provider.source == "preset"
    assert provider.signature_placement == "header"
    assert provider.callback == "oob"
    assert provider.flow == ("Loopback" if provider_id in LOOPBACK else "PIN")


def test_the_preset_list_is_exactly_the_documented_providers() -> None:
    assert [preset.id for preset in PRESETS] == DISPLAY_ORDER
    assert known_provider_ids(build_registry()) == DISPLAY_ORDER
    assert sorted(DISPLAY_ORDER) == sorted([*EXPECTED_PRESETS, *SIGN_ONLY])


def test_preset_authorize_parameters_and_notes() -> None:
    registry = build_registry()
    assert registry.providers["flickr"].authorize_parameters == (("perms", "read"),)
    assert [name for name, _ in registry.providers["trello"].authorize_parameters] == [
        "name",
        "scope",
        "expiration",
    ]
    assert "User-Agent" in registry.providers["discogs"].description
    sandbox = registry.providers["sandbox"]
    assert sandbox.suggested_consumer_key == "sandbox-consumer"
    assert sandbox.consumer_key is None


def test_presets_without_their_site_variable_are_known_but_not_usable() -> None:
    registry = build_registry()
    assert "jira" in known_provider_ids(registry)
    error = lookup_provider("wordpress", registry)
    assert isinstance(error, ProviderLookupError)
    assert "wordpressSiteUrl" in error.message
    assert "http-client.env.json" in error.message


def test_jira_needs_its_base_url_and_then_a_private_key_file() -> None:
    without_key = lookup_provider("jira", build_registry(None, resolver(SITE_VARIABLES)))
    assert isinstance(without_key, ProviderLookupError)
    assert '"Private Key File"' in without_key.message
    registry = registry_from(
        {
            "dev": {
                "jiraBaseUrl": "https://jira.example.com",
                "Security": {"Auth": {"jira": {"Private Key File": "keys/jira.pem"}}},
            }
        }
    )
    jira = usable("jira", registry)
    assert jira.request_token_url == EXPECTED_PRESETS["jira"][0]
    assert jira.private_key_file == "/w/keys/jira.pem"  # relative to the env file
    assert jira.source == "preset+environment"
    assert registry.problems == ()


def test_an_override_replaces_only_the_fields_it_sets() -> None:
    registry = registry_from(
        {
            "dev": {
                "port": "9999",
                "Security": {
                    "Auth": {
                        "sandbox": {
                            "Request Token URL": "http://127.0.0.1:{{port}}/oauth/request_token",
                            "Consumer Key": "my-key",
                        },
                        "flickr": {"Authorize Parameters": {"perms": "write", "extra": 3}},
                    }
                },
            }
        }
    )
    sandbox = usable("sandbox", registry)
    assert sandbox.request_token_url == "http://127.0.0.1:9999/oauth/request_token"
    assert sandbox.access_token_url == EXPECTED_PRESETS["sandbox"][2]
    assert sandbox.consumer_key == "my-key"
    assert sandbox.label == "Sandbox (local)"
    flickr = usable("flickr", registry)
    assert flickr.authorize_parameters == (("perms", "write"), ("extra", "3"))
    assert registry.problems == ()


def test_a_custom_provider_reads_every_key() -> None:
    registry = registry_from(
        {
            "$shared": {"api": "https://api.example.com/"},
            "dev": {
                "Security": {
                    "Auth": {
                        "example": {
                            "Type": "OAuth1",
                            "Request Token URL": "{{api}}/oauth/request_token",
                            "Authorize URL": "{{api}}/oauth/authorize?lang=en",
                            "Access Token URL": "{{api}}/oauth/access_token",
                            "Consumer Key": "ck",
                            "Signature Method": "hmac-sha256",
                            "Signature Placement": "Query",
                            "Realm": "Example",
                            "Callback": "https://app.example.com/cb",
                            "Authorize Parameters": {"scope": "read write"},
                        }
                    }
                }
            },
        }
    )
    example = usable("example", registry)
    assert example.endpoints == (
        "https://api.example.com/oauth/request_token",
        "https://api.example.com/oauth/authorize?lang=en",
        "https://api.example.com/oauth/access_token",
    )
    assert (example.signature_method, example.signature_placement) == ("HMAC-SHA256", "query")
    assert (example.realm, example.callback, example.consumer_key) == (
        "Example",
        "https://app.example.com/cb",
        "ck",
    )
    assert example.source == "environment"
    assert known_provider_ids(registry)[-1] == "example"
    url = authorize_address(example, "req token")
    assert parse_qsl(urlsplit(url).query) == [
        ("lang", "en"),
        ("oauth_token", "req token"),
        ("scope", "read write"),
    ]


def test_the_selected_environment_decides_which_entries_apply() -> None:
    env = {
        "dev": {
            "Security": {
                "Auth": {
                    "mine": {
                        "Type": "OAuth1",
                        "Request Token URL": "https://a/r",
                        "Authorize URL": "https://a/a",
                        "Access Token URL": "https://a/t",
                    }
                }
            }
        },
        "prod": {},
    }
    assert "mine" in known_provider_ids(registry_from(env, "dev"))
    assert "mine" not in known_provider_ids(registry_from(env, "prod"))


def test_a_custom_url_with_an_undefined_variable_names_it_on_lookup() -> None:
    registry = registry_from(
        {
            "dev": {
                "Security": {
                    "Auth": {
                        "example": {
                            "Type": "OAuth1",
                            "Request Token URL": "{{host}}/r",
                            "Authorize URL": "{{host}}/a",
                            "Access Token URL": "{{host}}/t",
                        }
                    }
                }
            }
        }
    )
    error = lookup_provider("example", registry)
    assert isinstance(error, ProviderLookupError)
    assert "host" in error.message and "environment" in error.message


def test_flickr_authorize_address_carries_perms() -> None:
    flickr = build_registry().providers["flickr"]
    url = authorize_address(flickr, "abc")
    assert url.startswith("https://www.flickr.com/services/oauth/authorize?")
    assert parse_qsl(urlsplit(url).query) == [("oauth_token", "abc"), ("perms", "read")]


def test_mediawiki_authorize_address_keeps_its_title_parameter() -> None:
    mediawiki = build_registry().providers["mediawiki"]
    query = parse_qsl(urlsplit(authorize_address(mediawiki, "t")).query)
    assert query == [("oauth_token", "t")]
    request_query = parse_qsl(urlsplit(mediawiki.request_token_url).query)
    assert request_query == [("title", "Special:OAuth/initiate")]


@pytest.mark.parametrize(
    ("asked", "suggestion"),
    [("twiter", "twitter"), ("Twitter", "twitter"), ("sandbx", "sandbox"), ("zzzz", None)],
)
def test_an_unknown_provider_suggests_the_closest_and_lists_the_rest(
    asked: str, suggestion: str | None
) -> None:
    error = lookup_provider(asked, build_registry())
    assert isinstance(error, ProviderLookupError)
    assert error.suggestion == suggestion
    assert f'Unknown provider "{asked}"' in error.message
    assert "twitter, flickr" in error.message
    assert '"Security": {"Auth"' in error.message
    if suggestion:
        assert f'Did you mean "{suggestion}"?' in error.message


def test_a_broken_custom_entry_is_reported_as_broken_not_unknown() -> None:
    registry = registry_from({"dev": {"Security": {"Auth": {"mine": {"Type": "OAuth1"}}}}})
    error = lookup_provider("mine", registry)
    assert isinstance(error, ProviderLookupError)
    assert "cannot be used" in error.message
    assert '"Request Token URL"' in error.message
    assert "mine" not in known_provider_ids(registry)


def test_entries_of_other_auth_types_are_left_alone() -> None:
    registry = registry_from(
        {
            "dev": {
                "Security": {
                    "Auth": {
                        "github": {"Type": "OAuth2", "Grant Type": "Authorization Code"},
                        "twitter": {"Type": "OAuth2"},
                    }
                }
            }
        }
    )
    assert registry.problems == ()
    assert "github" not in known_provider_ids(registry)
    assert usable("twitter", registry).source == "preset"
