"""The presets that fetch no tokens, the retired APIs, and the env-file keys that choose a flow
and the signing switches ("Flow", "Body Hash", "Include Version", "Send Empty Token", "Paste
Format"), with their problems on the key."""

from __future__ import annotations

import json
from typing import Any

import pytest
from oauth_http.oauth.errors import ProviderLookupError
from oauth_http.oauth.origins import provider_origins
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.providers import ProviderRegistry, build_registry, lookup_provider
from oauth_http.variables.env_files import parse_env_file
from oauth_http.variables.environments import Environments

# Written from each provider's docs and client library (see the sources in presets_*.py), not
# copied from the presets: flow, method, placement, realm, body hash, oauth_version, empty token,
# origins.
SIGN_ONLY: dict[str, tuple[Any, ...]] = {
    "mediawiki-owner": ("Paste", "HMAC-SHA1", "header", None, "Auto", True, False),
    "netsuite": ("Paste", "HMAC-SHA256", "header", "1234567_SB1", "Auto", True, False),
    "magento": ("Paste", "HMAC-SHA256", "header", None, "Auto", True, False),
    "maas": ("Paste", "PLAINTEXT", "header", None, "Auto", True, False),
    "mastercard": ("Consumer Only", "RSA-SHA256", "header", None, "Always", True, False),
    "woocommerce": ("Consumer Only", "HMAC-SHA256", "query", None, "Never", False, False),
    "schoology": ("Consumer Only", "HMAC-SHA1", "header", "Schoology API", "Auto", True, True),
}
ORIGINS = {
    "netsuite": ("https://*.suitetalk.api.netsuite.com", "https://*.restlets.api.netsuite.com"),
    "magento": ("https://shop.example.com",),
    "maas": ("http://maas.example.com:5240",),
    "mastercard": ("https://sandbox.api.mastercard.com", "https://api.mastercard.com"),
    "woocommerce": ("http://woo.example.com",),
    "schoology": ("https://api.schoology.com",),
}
VARIABLES = {
    "netsuiteAccountId": "1234567_SB1",
    "magentoSiteUrl": "https://shop.example.com/",
    "maasUrl": "http://maas.example.com:5240/MAAS",
    "woocommerceSiteUrl": "http://woo.example.com",
}


def registry_with(auth: dict[str, Any], **variables: str) -> ProviderRegistry:
    env = {"dev": {**variables, "Security": {"Auth": auth}}}
    environments = Environments(
        parse_env_file(json.dumps(env), path="/w/http-client.env.json", private=False), None
    )
    scope = {name: value.value for name, value in environments.scope("dev").items()}

    def resolve(text: str) -> str:
        for name, value in scope.items():
            text = text.replace("{{" + name + "}}", str(value))
        return text

    return build_registry(environments.security_auth("dev"), resolve)


def messages(registry: ProviderRegistry) -> list[tuple[tuple[str, ...], str, str]]:
    return [(p.path, p.severity, p.message) for p in registry.problems]


@pytest.mark.parametrize("provider_id", list(SIGN_ONLY))
def test_each_sign_only_preset_has_its_flow_and_switches(provider_id: str) -> None:
    provider = registry_with({}, **VARIABLES).providers[provider_id]
    flow, method, placement, realm, body_hash, version, empty_token = SIGN_ONLY[provider_id]
    assert provider.flow == flow
    assert (provider.signature_method, provider.signature_placement) == (method, placement)
    assert (provider.realm, provider.body_hash) == (realm, body_hash)
    assert (provider.include_version, provider.send_empty_token) == (version, empty_token)
    assert not any(provider.endpoints), "a sign-only preset has no token URLs"
    assert provider.description
    if provider_id in ORIGINS:
        assert provider_origins(provider) == ORIGINS[provider_id]


def test_maas_pastes_one_three_part_key_and_mediawiki_owner_covers_every_wiki() -> None:
    registry = registry_with({}, **VARIABLES)
    assert registry.providers["maas"].paste_format == "consumer:token:secret"
    assert registry.providers["netsuite"].paste_format == "Token and Secret"
    assert "https://*.wikipedia.org" in registry.providers["mediawiki-owner"].api_origins


def test_the_retirements_are_in_the_descriptions() -> None:
    providers = registry_with({}).providers
    assert "2026-12-31" in providers["garmin"].description
    assert "2027.1" in providers["netsuite"].description
    assert "2023.1" in providers["netsuite"].description


def test_a_preset_without_its_site_variable_asks_for_it() -> None:
    for provider_id, variable in [
        ("netsuite", "netsuiteAccountId"),
        ("magento", "magentoSiteUrl"),
        ("maas", "maasUrl"),
        ("woocommerce", "woocommerceSiteUrl"),
    ]:
        found = lookup_provider(provider_id, registry_with({}))
        assert isinstance(found, ProviderLookupError)
        assert variable in found.message


def test_mastercard_needs_its_key_file() -> None:
    found = lookup_provider("mastercard", registry_with({}))
    assert isinstance(found, ProviderLookupError)
    assert '"Private Key File"' in found.message and "PKCS#12" in found.message
    ready = lookup_provider(
        "mastercard", registry_with({"mastercard": {"Private Key File": "keys/mc.p12"}})
    )
    assert isinstance(ready, Provider) and ready.private_key_file == "/w/keys/mc.p12"


@pytest.mark.parametrize(
    ("provider_id", "moved"),
    [
        ("etsy", "Open API v3 takes OAuth 2.0"),
        ("xero", "2021"),
        ("quickbooks", "2019"),
        ("Yahoo", "OAuth 2.0"),
    ],
)
def test_a_retired_api_explains_that_it_moved_to_oauth_2(provider_id: str, moved: str) -> None:
    found = lookup_provider(provider_id, registry_with({}))
    assert isinstance(found, ProviderLookupError)
    assert "no longer accepts OAuth 1.0a" in found.message
    assert moved in found.message
    assert "Unknown provider" not in found.message


def test_the_new_keys_override_a_preset() -> None:
    registry = registry_with(
        {
            "twitter": {"Flow": "paste"},
            "sandbox": {
                "Flow": " consumer   only ",
                "Body Hash": "always",
                "Include Version": False,
                "Send Empty Token": True,
            },
        }
    )
    assert registry.problems == ()
    assert registry.providers["twitter"].flow == "Paste"
    sandbox = registry.providers["sandbox"]
    assert (sandbox.flow, sandbox.body_hash) == ("Consumer Only", "Always")
    assert (sandbox.include_version, sandbox.send_empty_token) == (False, True)


@pytest.mark.parametrize(
    ("key", "value", "wanted"),
    [
        ("Flow", "Loopbak", 'did you mean "Loopback"?'),
        ("Flow", "OOB", '"PIN" types the code'),
        ("Body Hash", "sometimes", '"Auto", "Always", "Never"'),
        ("Include Version", "false", "must be true or false (without quotes)"),
        ("Send Empty Token", 1, "must be true or false"),
        ("Paste Format", "three parts", '"consumer:token:secret"'),
    ],
)
def test_a_wrong_value_is_a_problem_on_its_key(key: str, value: object, wanted: str) -> None:
    entry: dict[str, object] = {key: value}
    if key == "Paste Format":
        entry["Flow"] = "Paste"
    registry = registry_with({"sandbox": entry})
    ((path, severity, message),) = messages(registry)
    assert path == ("sandbox", key)
    assert severity == "error"
    assert wanted in message


def test_a_paste_format_without_the_paste_flow_is_a_warning() -> None:
    ((path, severity, message),) = messages(
        registry_with({"sandbox": {"Paste Format": "consumer:token:secret"}})
    )
    assert (path, severity) == (("sandbox", "Paste Format"), "warning")
    assert "only by the Paste flow" in message


def test_a_custom_paste_or_consumer_only_entry_needs_api_origins_not_token_urls() -> None:
    registry = registry_with(
        {
            "pasted": {"Type": "OAuth1", "Flow": "Paste", "API Origins": ["https://api.e.com"]},
            "lonely": {"Type": "OAuth1", "Flow": "Consumer Only"},
            "classic": {"Type": "OAuth1", "Flow": "Loopback"},
        }
    )
    pasted = registry.providers["pasted"]
    assert pasted.flow == "Paste" and provider_origins(pasted) == ("https://api.e.com",)
    assert "lonely" in registry.broken and '"API Origins"' in registry.broken["lonely"]
    (lonely,) = [m for path, _, m in messages(registry) if path == ("lonely",)]
    assert "the origins its credentials may be sent to" in lonely
    assert "classic" in registry.broken
    classic = [m for path, _, m in messages(registry) if path == ("classic",)]
    assert len(classic) == 3 and all('set "Flow" to "Paste"' in m for m in classic)


def test_a_paste_preset_switched_to_a_token_flow_needs_the_urls() -> None:
    found = lookup_provider("magento", registry_with({"magento": {"Flow": "PIN"}}, **VARIABLES))
    assert isinstance(found, ProviderLookupError)
    assert "PIN flow, which needs Request Token URL, Authorize URL, Access Token URL" in (
        found.message
    )


@pytest.mark.parametrize(
    "callback", ["http://127.0.0.1:8400/cb", "http://localhost:9000/oauth/back", "oob"]
)
def test_a_loopback_callback_on_this_machine_is_accepted(callback: str) -> None:
    registry = registry_with({"tumblr": {"Callback": callback}})
    assert registry.problems == ()


@pytest.mark.parametrize("callback", ["https://example.com/cb", "myapp://done", "http://10.0.0.2/"])
def test_a_loopback_callback_elsewhere_is_a_problem_on_callback(callback: str) -> None:
    ((path, severity, message),) = messages(registry_with({"tumblr": {"Callback": callback}}))
    assert (path, severity) == (("tumblr", "Callback"), "error")
    assert "http://127.0.0.1:PORT/PATH" in message
