"""Stored state per folder and provider: credentials for signing, provider state, signing out."""

from __future__ import annotations

from dataclasses import replace

from oauth_http.oauth.credentials import (
    CredentialsMissing,
    ProviderCredentials,
    credentials_for,
    provider_state,
    sign_out,
)
from oauth_http.oauth.flow import authorize
from oauth_http.oauth.interaction import AccessToken, Consumer
from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.secret_keys import (
    StoredToken,
    consumer_secret_name,
    decode_consumer,
    decode_token,
    encode_consumer,
    encode_key_password,
    key_password_name,
    stored_token_from,
    token_secret_name,
)

from tests.unit.oauth.flow_fakes import DictSecrets, FakeInteraction, FakeProgress, FakeTransport

SANDBOX = PRESETS_BY_ID["sandbox"]
FOLDER_A = "file:///work/a"
FOLDER_B = "file:///work/b%20c"


async def authorized(secrets: DictSecrets, folder: str = FOLDER_A) -> None:
    await authorize(
        SANDBOX,
        folder=folder,
        interaction=FakeInteraction(["ck", "cs", "pin"]),
        secrets=secrets,
        transport=FakeTransport(),
        progress=FakeProgress(),
    )


def test_secret_names_are_scoped_to_folder_and_provider() -> None:
    assert consumer_secret_name(FOLDER_A, "sandbox") == "oauthHttp:file:///work/a:sandbox:consumer"
    assert token_secret_name(FOLDER_A, "sandbox") == "oauthHttp:file:///work/a:sandbox:token"
    assert token_secret_name(FOLDER_B, "sandbox") != token_secret_name(FOLDER_A, "sandbox")


def test_stored_values_decode_only_when_well_formed() -> None:
    assert decode_token(None) is None
    assert decode_token("not json") is None
    assert decode_token('{"token": "", "secret": "s"}') is None
    assert decode_consumer('["key", "secret"]') is None
    token = stored_token_from(AccessToken("tok-value", "sec-value", {"user_id": "7"}))
    assert token == StoredToken("tok-value", "sec-value", None, "7")
    assert "tok-value" not in repr(token) and "sec-value" not in repr(token)


async def test_credentials_come_from_the_folder_that_authorized() -> None:
    secrets = DictSecrets()
    assert isinstance(await credentials_for(SANDBOX, FOLDER_A, secrets), CredentialsMissing)
    await authorized(secrets)
    credentials = await credentials_for(SANDBOX, FOLDER_A, secrets)
    assert isinstance(credentials, ProviderCredentials)
    assert (credentials.consumer.key, credentials.consumer.secret) == ("ck", "cs")
    assert credentials.token is not None
    assert (credentials.token.token, credentials.token.secret) == ("access-token", "access-secret")
    missing = await credentials_for(SANDBOX, FOLDER_B, secrets)
    assert isinstance(missing, CredentialsMissing)
    assert "oauth-http authorize sandbox" in missing.message


async def test_env_file_consumer_wins_over_the_stored_one() -> None:
    secrets = DictSecrets()
    await authorized(secrets)
    provider = replace(SANDBOX, consumer_key="env-key", consumer_secret="env-secret")
    credentials = await credentials_for(provider, FOLDER_A, secrets)
    assert isinstance(credentials, ProviderCredentials)
    assert (credentials.consumer.key, credentials.consumer.secret) == ("env-key", "env-secret")


async def test_an_env_key_without_its_secret_is_missing_credentials() -> None:
    secrets = DictSecrets()
    await authorized(secrets)
    provider = replace(SANDBOX, consumer_key="other-key")
    assert isinstance(await credentials_for(provider, FOLDER_A, secrets), CredentialsMissing)


async def test_provider_state_and_sign_out() -> None:
    secrets = DictSecrets()
    assert (await provider_state(PRESETS_BY_ID["sandbox"], FOLDER_A, secrets)).authorized is False
    await authorized(secrets)
    state = await provider_state(PRESETS_BY_ID["sandbox"], FOLDER_A, secrets)
    assert (state.authorized, state.identity) == (True, "sandbox_user")

    assert await sign_out("sandbox", FOLDER_A, secrets) == "Signed out of sandbox."
    assert (await provider_state(PRESETS_BY_ID["sandbox"], FOLDER_A, secrets)).authorized is False
    assert consumer_secret_name(FOLDER_A, "sandbox") in secrets.values
    message = await sign_out("sandbox", FOLDER_A, secrets)
    assert message == "sandbox had no access token; nothing to remove."


async def test_sign_out_can_forget_the_consumer() -> None:
    secrets = DictSecrets()
    await authorized(secrets)
    await authorized(secrets, FOLDER_B)
    message = await sign_out("sandbox", FOLDER_A, secrets, forget_consumer=True)
    assert message == "Signed out of sandbox and forgot its consumer key and secret."
    assert sorted(secrets.values) == sorted(
        [consumer_secret_name(FOLDER_B, "sandbox"), token_secret_name(FOLDER_B, "sandbox")]
    )


async def test_a_consumer_only_provider_signs_without_a_token_and_forgets_its_consumer() -> None:
    provider = replace(PRESETS_BY_ID["schoology"], consumer_key="ck")
    secrets = DictSecrets()
    assert (await provider_state(provider, FOLDER_A, secrets)).authorized is False
    assert isinstance(await credentials_for(provider, FOLDER_A, secrets), CredentialsMissing)
    secrets.values[consumer_secret_name(FOLDER_A, "schoology")] = encode_consumer(
        Consumer("ck", "cs")
    )
    secrets.values[key_password_name(FOLDER_A, "schoology")] = encode_key_password("pw")
    assert (await provider_state(provider, FOLDER_A, secrets)).authorized is True
    found = await credentials_for(provider, FOLDER_A, secrets)
    assert isinstance(found, ProviderCredentials) and found.token is None
    signing = found.for_signing()
    assert (signing.consumer_key, signing.consumer_secret, signing.token) == ("ck", "cs", None)

    message = await sign_out("schoology", FOLDER_A, secrets, consumer_only=True)
    assert message == "Forgot the consumer key and secret of schoology."
    assert secrets.values == {}
    again = await sign_out("schoology", FOLDER_A, secrets, consumer_only=True)
    assert again == "schoology had no stored consumer; nothing to remove."


async def test_forgetting_the_consumer_forgets_the_key_password_too() -> None:
    secrets = DictSecrets()
    await authorized(secrets)
    secrets.values[key_password_name(FOLDER_A, "sandbox")] = encode_key_password("pw")
    await sign_out("sandbox", FOLDER_A, secrets, forget_consumer=True)
    assert key_password_name(FOLDER_A, "sandbox") not in secrets.values
