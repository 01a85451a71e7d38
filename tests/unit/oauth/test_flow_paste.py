"""The Paste and Consumer Only flows, and private keys with a password in any flow, with fakes at
the seams: what is asked (and masked), what is stored, and that a cancel stores nothing."""

from __future__ import annotations

import json
from dataclasses import replace

from oauth_http.oauth.flow import Authorized, Cancelled, Failed
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.secret_keys import (
    consumer_secret_name,
    encode_key_password,
    key_password_name,
    token_secret_name,
)
from oauth_http.sandbox.accounts import (
    DEMO_RSA_PKCS12_PASSWORD,
    demo_rsa_private_key,
)

from tests.unit.oauth.flow_fakes import (
    FOLDER,
    DictSecrets,
    FakeInteraction,
    FakeTransport,
    run_flow,
)

PASTE = Provider(
    id="netsuite",
    label="NetSuite",
    request_token_url="",
    authorize_url="",
    access_token_url="",
    flow="Paste",
    signature_method="HMAC-SHA256",
)
MAAS = replace(PASTE, id="maas", label="MAAS", paste_format="consumer:token:secret")
CONSUMER_ONLY = replace(PASTE, id="schoology", label="Schoology", flow="Consumer Only")
MASTERCARD = replace(
    CONSUMER_ONLY,
    id="mastercard",
    label="Mastercard",
    signature_method="RSA-SHA256",
    private_key_file="signing.p12",
)


async def run(
    provider: Provider,
    interaction: FakeInteraction,
    secrets: DictSecrets | None = None,
    transport: FakeTransport | None = None,
) -> Authorized | Cancelled | Failed:
    return await run_flow(provider, interaction, secrets=secrets, transport=transport)


def stored(secrets: DictSecrets, name: str) -> object:
    return json.loads(secrets.values[name])


async def test_paste_asks_the_consumer_then_the_token_and_its_secret_masked() -> None:
    interaction, secrets, transport = (
        FakeInteraction(["ck", "cs", " token-id ", "token-secret"]),
        DictSecrets(),
        FakeTransport(),
    )
    outcome = await run(PASTE, interaction, secrets, transport)
    assert outcome == Authorized("netsuite", None, "Stored the access token for netsuite")
    assert [ask.masked for ask in interaction.asked] == [False, True, True, True]
    assert "Access token (token ID)" in interaction.asked[2].prompt
    assert "Token secret" in interaction.asked[3].prompt
    assert stored(secrets, consumer_secret_name(FOLDER, "netsuite")) == {
        "key": "ck",
        "secret": "cs",
    }
    token = stored(secrets, token_secret_name(FOLDER, "netsuite"))
    assert token == {
        "token": "token-id",
        "secret": "token-secret",
        "screenName": None,
        "userId": None,
    }
    assert transport.consumers == [] and interaction.opened == []


async def test_paste_with_the_consumer_in_the_env_file_asks_two_boxes() -> None:
    interaction, secrets = FakeInteraction(["t", "s"]), DictSecrets()
    provider = replace(PASTE, consumer_key="ck", consumer_secret="cs")
    assert isinstance(await run(provider, interaction, secrets), Authorized)
    assert len(interaction.asked) == 2 and all(ask.masked for ask in interaction.asked)
    assert consumer_secret_name(FOLDER, "netsuite") not in secrets.values


async def test_a_cancelled_paste_stores_nothing() -> None:
    secrets = DictSecrets()
    outcome = await run(PASTE, FakeInteraction(["ck", "cs", "token", None]), secrets)
    assert isinstance(outcome, Cancelled) and secrets.values == {}


async def test_a_maas_api_key_is_one_masked_box_of_three_parts() -> None:
    interaction, secrets = FakeInteraction(["no-colons", "ck:tk:ts"]), DictSecrets()
    outcome = await run(MAAS, interaction, secrets)
    assert isinstance(outcome, Authorized)
    assert [ask.masked for ask in interaction.asked] == [True, True]
    assert "three parts" in interaction.asked[1].prompt
    assert stored(secrets, consumer_secret_name(FOLDER, "maas")) == {"key": "ck", "secret": ""}
    token = stored(secrets, token_secret_name(FOLDER, "maas"))
    assert isinstance(token, dict) and (token["token"], token["secret"]) == ("tk", "ts")
    failed = await run(MAAS, FakeInteraction(["a:b", "a::c"]), DictSecrets())
    assert isinstance(failed, Failed) and "consumer:token:secret" in failed.message


async def test_consumer_only_stores_the_consumer_and_no_token() -> None:
    interaction, secrets = FakeInteraction(["ck", "cs"]), DictSecrets()
    outcome = await run(CONSUMER_ONLY, interaction, secrets)
    assert isinstance(outcome, Authorized)
    assert outcome.message.startswith("schoology is ready")
    assert list(secrets.values) == [consumer_secret_name(FOLDER, "schoology")]


async def test_consumer_only_from_the_env_file_asks_and_stores_nothing() -> None:
    interaction, secrets = FakeInteraction([]), DictSecrets()
    provider = replace(CONSUMER_ONLY, consumer_key="ck", consumer_secret="cs")
    assert isinstance(await run(provider, interaction, secrets), Authorized)
    assert interaction.asked == [] and secrets.values == {}


async def test_a_pkcs12_key_asks_its_password_once_and_keeps_it() -> None:
    secrets = DictSecrets()
    interaction = FakeInteraction(["mc-key", "wrong", DEMO_RSA_PKCS12_PASSWORD])
    outcome = await run(MASTERCARD, interaction, secrets)
    assert isinstance(outcome, Authorized), outcome
    key_ask, first, second = interaction.asked
    assert not key_ask.masked and first.masked and second.masked
    assert "signing.p12" in first.prompt and "not right" in second.prompt
    assert stored(secrets, key_password_name(FOLDER, "mastercard")) == {
        "password": DEMO_RSA_PKCS12_PASSWORD
    }
    assert stored(secrets, consumer_secret_name(FOLDER, "mastercard")) == {
        "key": "mc-key",
        "secret": "",
    }
    again = FakeInteraction([])
    assert isinstance(await run(MASTERCARD, again, secrets), Authorized)
    assert again.asked == []


async def test_a_key_password_that_stays_wrong_fails_and_stores_nothing() -> None:
    secrets = DictSecrets()
    interaction = FakeInteraction(["mc-key", "wrong", "still wrong"])
    outcome = await run(MASTERCARD, interaction, secrets)
    assert isinstance(outcome, Failed) and "not right" in outcome.message
    assert secrets.values == {}
    cancelled = await run(MASTERCARD, FakeInteraction(["mc-key", None]), secrets)
    assert isinstance(cancelled, Cancelled) and secrets.values == {}


async def test_a_stored_password_that_became_wrong_is_asked_again() -> None:
    secrets = DictSecrets(
        {key_password_name(FOLDER, "mastercard"): encode_key_password("outdated")}
    )
    provider = replace(MASTERCARD, consumer_key="mc-key")
    interaction = FakeInteraction([DEMO_RSA_PKCS12_PASSWORD])
    assert isinstance(await run(provider, interaction, secrets), Authorized)
    assert "not right" in interaction.asked[0].prompt


async def test_a_missing_key_file_fails_with_its_path() -> None:
    provider = replace(MASTERCARD, consumer_key="mc-key", private_key_file="gone.p12")
    outcome = await run(provider, FakeInteraction([]))
    assert isinstance(outcome, Failed)
    assert "Cannot read the private key file gone.p12" in outcome.message


async def test_the_pin_flow_hands_the_opened_key_to_the_transport() -> None:
    provider = Provider(
        id="jira",
        label="Jira",
        request_token_url="https://jira.example.com/r",
        authorize_url="https://jira.example.com/a",
        access_token_url="https://jira.example.com/t",
        signature_method="RSA-SHA1",
        private_key_file="signing.p12",
        consumer_key="jira-key",
    )
    transport = FakeTransport()
    interaction = FakeInteraction([DEMO_RSA_PKCS12_PASSWORD, "1234"])
    assert isinstance(await run(provider, interaction, transport=transport), Authorized)
    (consumer,) = transport.consumers
    assert consumer.private_key == demo_rsa_private_key()
    assert "private_key" not in repr(consumer) and "BEGIN" not in repr(consumer)
