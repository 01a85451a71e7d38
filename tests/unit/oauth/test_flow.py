"""The PIN flow with fakes at its seams: what it asks, opens, stores, and when it stores nothing."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from oauth_http.oauth.flow import Authorized, Cancelled, Failed
from oauth_http.oauth.presets import PRESETS_BY_ID
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.secret_keys import consumer_secret_name, token_secret_name

from tests.unit.oauth.flow_fakes import (
    FOLDER,
    DictSecrets,
    FakeInteraction,
    FakeProgress,
    FakeTransport,
    run_flow,
)

SANDBOX = PRESETS_BY_ID["sandbox"]
EXAMPLE = Provider(
    id="example",
    label="Example",
    request_token_url="https://api.example.com/r",
    authorize_url="https://api.example.com/authorize?lang=en",
    access_token_url="https://api.example.com/a",
    authorize_parameters=(("perms", "read"),),
)
UNRELATED = {"oauthHttp:file:///elsewhere:sandbox:token": '{"token": "t", "secret": "s"}'}


async def run(
    provider: Provider,
    interaction: FakeInteraction,
    secrets: DictSecrets | None = None,
    transport: FakeTransport | None = None,
    progress: FakeProgress | None = None,
) -> Authorized | Cancelled | Failed:
    return await run_flow(
        provider, interaction, secrets=secrets, transport=transport, progress=progress
    )


async def test_a_full_authorization_asks_opens_exchanges_and_stores() -> None:
    interaction = FakeInteraction(["sandbox-consumer", " sandbox-secret ", "  1234567 "])
    secrets, transport, progress = DictSecrets(), FakeTransport(), FakeProgress()
    outcome = await run(SANDBOX, interaction, secrets, transport, progress)

    assert outcome == Authorized("sandbox", "sandbox_user", "Authorized sandbox as sandbox_user")
    key_ask, secret_ask, pin_ask = interaction.asked
    assert (key_ask.masked, key_ask.value) == (False, "sandbox-consumer")
    assert secret_ask.masked is True
    assert "PIN" in pin_ask.prompt and not pin_ask.masked
    assert interaction.opened == ["http://127.0.0.1:8765/oauth/authorize?oauth_token=request-token"]
    assert any(interaction.opened[0] in info for info in interaction.infos)
    assert [c.secret for c in transport.consumers] == ["sandbox-secret"]
    assert transport.verifiers == ["1234567"]
    assert len(progress.began) == 2 and progress.ended == 2
    assert json.loads(secrets.values[consumer_secret_name(FOLDER, "sandbox")]) == {
        "key": "sandbox-consumer",
        "secret": "sandbox-secret",
    }
    assert json.loads(secrets.values[token_secret_name(FOLDER, "sandbox")]) == {
        "token": "access-token",
        "secret": "access-secret",
        "screenName": "sandbox_user",
        "userId": "42",
    }


async def test_the_authorize_address_keeps_its_query_and_adds_the_parameters() -> None:
    interaction = FakeInteraction(["key", "secret", "pin"])
    await run(EXAMPLE, interaction)
    assert interaction.opened == [
        "https://api.example.com/authorize?lang=en&oauth_token=request-token&perms=read"
    ]


async def test_when_the_browser_does_not_open_the_prompt_says_so() -> None:
    interaction = FakeInteraction(["key", "secret", "pin"], opens=False)
    outcome = await run(EXAMPLE, interaction)
    assert isinstance(outcome, Authorized)
    assert "did not open" in interaction.asked[-1].prompt
    assert any("https://api.example.com/authorize?" in info for info in interaction.infos)


@pytest.mark.parametrize("cancel_at", [0, 1, 2])
async def test_cancelling_any_prompt_stores_nothing(cancel_at: int) -> None:
    answers: list[str | None] = ["key", "secret", "pin"]
    answers[cancel_at] = None
    secrets = DictSecrets(dict(UNRELATED))
    transport = FakeTransport()
    outcome = await run(SANDBOX, FakeInteraction(answers[: cancel_at + 1]), secrets, transport)
    assert isinstance(outcome, Cancelled)
    assert "nothing was stored" in outcome.message
    assert secrets.values == UNRELATED
    assert transport.verifiers == []


async def test_an_empty_answer_is_asked_again_once_then_the_flow_fails() -> None:
    interaction = FakeInteraction(["key", "secret", "", "   "])
    secrets = DictSecrets()
    outcome = await run(SANDBOX, interaction, secrets)
    assert isinstance(outcome, Failed)
    assert "No PIN was entered" in outcome.message and "run Authorize again" in outcome.message
    assert "cannot be empty" in interaction.asked[3].prompt
    assert secrets.values == {}


async def test_an_empty_answer_then_a_real_one_goes_on() -> None:
    transport = FakeTransport()
    outcome = await run(SANDBOX, FakeInteraction(["", "key", "secret", "pin"]), None, transport)
    assert isinstance(outcome, Authorized)
    assert transport.consumers[0].key == "key"


@pytest.mark.parametrize("step", ["request", "access"])
async def test_a_failed_token_request_fails_with_its_message_and_stores_nothing(step: str) -> None:
    message = "Sandbox refused the access token request (HTTP 401, verifier_invalid): ..."
    transport = FakeTransport(
        fail_request=message if step == "request" else None,
        fail_access=message if step == "access" else None,
    )
    secrets = DictSecrets(dict(UNRELATED))
    answers: list[str | None] = ["key", "secret", "pin"] if step == "access" else ["key", "secret"]
    progress = FakeProgress()
    outcome = await run(SANDBOX, FakeInteraction(answers), secrets, transport, progress)
    assert outcome == Failed(message)
    assert secrets.values == UNRELATED
    assert progress.ended == len(progress.began)


async def test_cancelling_the_progress_while_waiting_stores_nothing() -> None:
    secrets = DictSecrets()
    progress = FakeProgress(cancel_after_begin=True)
    outcome = await run(
        SANDBOX, FakeInteraction(["key", "secret"]), secrets, FakeTransport(hang=True), progress
    )
    assert isinstance(outcome, Cancelled)
    assert secrets.values == {}
    assert progress.ended == 1


async def test_a_consumer_secret_from_the_env_file_is_not_asked_nor_stored() -> None:
    provider = replace(EXAMPLE, consumer_key="env-key", consumer_secret="env-secret")
    interaction, secrets, transport = FakeInteraction(["pin"]), DictSecrets(), FakeTransport()
    outcome = await run(provider, interaction, secrets, transport)
    assert isinstance(outcome, Authorized)
    assert [ask.placeholder for ask in interaction.asked] == ["PIN"]
    assert (transport.consumers[0].key, transport.consumers[0].secret) == ("env-key", "env-secret")
    assert list(secrets.values) == [token_secret_name(FOLDER, "example")]


async def test_a_stored_consumer_is_reused_on_the_next_authorization() -> None:
    secrets = DictSecrets()
    await run(SANDBOX, FakeInteraction(["k", "s", "pin"]), secrets)
    again, transport = FakeInteraction(["pin2"]), FakeTransport()
    outcome = await run(SANDBOX, again, secrets, transport)
    assert isinstance(outcome, Authorized)
    assert len(again.asked) == 1
    assert (transport.consumers[0].key, transport.consumers[0].secret) == ("k", "s")


async def test_an_env_key_different_from_the_stored_one_asks_only_the_secret() -> None:
    secrets = DictSecrets()
    await run(EXAMPLE, FakeInteraction(["old-key", "old-secret", "pin"]), secrets)
    interaction, transport = FakeInteraction(["new-secret", "pin"]), FakeTransport()
    await run(replace(EXAMPLE, consumer_key="new-key"), interaction, secrets, transport)
    assert interaction.asked[0].masked
    assert (transport.consumers[0].key, transport.consumers[0].secret) == ("new-key", "new-secret")
    stored = json.loads(secrets.values[consumer_secret_name(FOLDER, "example")])
    assert stored == {"key": "new-key", "secret": "new-secret"}


async def test_an_rsa_provider_asks_no_consumer_secret() -> None:
    provider = replace(EXAMPLE, signature_method="RSA-SHA1", private_key_file="key.pem")
    interaction, transport = FakeInteraction(["rsa-key", "pin"]), FakeTransport()
    outcome = await run(provider, interaction, DictSecrets(), transport)
    assert isinstance(outcome, Authorized)
    assert [ask.masked for ask in interaction.asked] == [False, False]
    assert transport.consumers[0].secret == ""


async def test_an_unusable_provider_fails_before_asking_anything() -> None:
    jira = PRESETS_BY_ID["jira"]
    interaction = FakeInteraction([])
    outcome = await run(replace(jira, unresolved_variables=("jiraBaseUrl",)), interaction)
    assert isinstance(outcome, Failed) and "jiraBaseUrl" in outcome.message
    assert interaction.asked == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"user_id": "42"}, "Authorized example as 42"),
        ({"username": "flickr_person", "user_nsid": "1@N0"}, "Authorized example as flickr_person"),
        ({}, "Authorized example"),
    ],
)
async def test_the_message_names_whoever_the_provider_says(
    extra: dict[str, str], message: str
) -> None:
    outcome = await run(
        EXAMPLE, FakeInteraction(["k", "s", "p"]), None, FakeTransport(access_extra=extra)
    )
    assert isinstance(outcome, Authorized) and outcome.message == message


async def test_a_secret_storage_failure_is_a_clear_failure() -> None:
    outcome = await run(SANDBOX, FakeInteraction(["k", "s", "p"]), DictSecrets(fail_on_store=True))
    assert isinstance(outcome, Failed)
    assert "the keychain is locked" in outcome.message
