"""The Loopback flow with fakes at its seams: the callback it sends, the checks on the browser's
redirect, the page it answers, "Enter the code instead", cancel, timeout and a port in use; the
listener is closed in every case and nothing is stored unless the whole flow succeeds."""

from __future__ import annotations

import json
from dataclasses import replace

from oauth_http.oauth.flow import Authorized, Cancelled, Failed
from oauth_http.oauth.flow_loopback import ENTER_CODE, WAITING
from oauth_http.oauth.loopback import CallbackAddress
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.secret_keys import token_secret_name

from tests.unit.oauth.flow_fakes import (
    FOLDER,
    DictSecrets,
    FakeInteraction,
    FakeProgress,
    FakeTransport,
    run_flow,
)
from tests.unit.oauth.loopback_fakes import CALLBACK_URL, FakeLoopbackServer

TUMBLR_LIKE = Provider(
    id="tumblr",
    label="Tumblr",
    request_token_url="https://www.tumblr.com/oauth/request_token",
    authorize_url="https://www.tumblr.com/oauth/authorize",
    access_token_url="https://www.tumblr.com/oauth/access_token",
    flow="Loopback",
    consumer_key="key",
    consumer_secret="secret",
)
AUTHORIZE_URL = "https://www.tumblr.com/oauth/authorize?oauth_token=request-token"


async def run(
    interaction: FakeInteraction,
    server: FakeLoopbackServer,
    *,
    provider: Provider = TUMBLR_LIKE,
    secrets: DictSecrets | None = None,
    transport: FakeTransport | None = None,
    progress: FakeProgress | None = None,
    timeout: float = 60,
) -> Authorized | Cancelled | Failed:
    return await run_flow(
        provider,
        interaction,
        secrets=secrets,
        transport=transport,
        progress=progress,
        loopback=server,
        timeout=timeout,
    )


def browser(server: FakeLoopbackServer, **query: str) -> FakeInteraction:
    """An interaction whose browser comes back with `query` as soon as the page is opened."""
    return FakeInteraction([], on_open=lambda url: server.listener.redirect(**query))


async def test_the_browser_comes_back_with_the_verifier() -> None:
    server, secrets, transport, progress = (
        FakeLoopbackServer(),
        DictSecrets(),
        FakeTransport(),
        FakeProgress(),
    )
    interaction = browser(server, oauth_token="request-token", oauth_verifier="v-123")
    outcome = await run(
        interaction, server, secrets=secrets, transport=transport, progress=progress
    )

    assert outcome == Authorized("tumblr", "sandbox_user", "Authorized tumblr as sandbox_user")
    assert server.addresses == [CallbackAddress("127.0.0.1", 0, "/oauth-http/callback")]
    assert transport.callbacks == [CALLBACK_URL]
    assert transport.verifiers == ["v-123"]
    assert interaction.opened == [AUTHORIZE_URL]
    (offer,) = interaction.offers
    assert f"approve access at {AUTHORIZE_URL}\n" in offer
    assert WAITING in progress.began and progress.ended == len(progress.began)
    (page,) = server.listener.pages
    assert "Authorized Tumblr" in page and "You can close this page." in page
    assert server.listener.closed
    stored = json.loads(secrets.values[token_secret_name(FOLDER, "tumblr")])
    assert stored["token"] == "access-token"
    assert interaction.asked == []


async def test_another_request_token_is_refused_and_nothing_is_stored() -> None:
    server, secrets, transport = FakeLoopbackServer(), DictSecrets(), FakeTransport()
    interaction = browser(server, oauth_token="someone-else", oauth_verifier="v")
    outcome = await run(interaction, server, secrets=secrets, transport=transport)
    assert isinstance(outcome, Failed)
    assert "another request token" in outcome.message and "nothing was" in outcome.message
    assert transport.verifiers == [] and secrets.values == {}
    (page,) = server.listener.pages
    assert "Authorization failed" in page and "another request token" in page
    assert server.listener.closed


async def test_a_denial_and_a_missing_verifier_fail() -> None:
    for query, wanted in [
        ({"denied": "request-token"}, "Access was denied"),
        ({"oauth_token": "request-token", "oauth_problem": "user_refused"}, "Access was denied"),
        ({"oauth_token": "request-token"}, "without an oauth_verifier"),
    ]:
        server, secrets = FakeLoopbackServer(), DictSecrets()
        outcome = await run(browser(server, **query), server, secrets=secrets)
        assert isinstance(outcome, Failed) and wanted in outcome.message
        assert secrets.values == {} and server.listener.closed


async def test_no_browser_within_the_timeout_fails() -> None:
    server, secrets = FakeLoopbackServer(), DictSecrets()
    outcome = await run(FakeInteraction([]), server, secrets=secrets, timeout=0)
    assert isinstance(outcome, Failed)
    assert "did not come back from Tumblr within 0 s" in outcome.message
    assert secrets.values == {} and server.listener.closed and server.listener.pages == []


async def test_cancelling_the_wait_stores_nothing() -> None:
    server, secrets = FakeLoopbackServer(), DictSecrets()
    progress = FakeProgress(cancel_on=WAITING)
    outcome = await run(FakeInteraction([]), server, secrets=secrets, progress=progress)
    assert isinstance(outcome, Cancelled) and "nothing was stored" in outcome.message
    assert secrets.values == {} and server.listener.closed


async def test_enter_the_code_instead() -> None:
    server, transport = FakeLoopbackServer(), FakeTransport()
    interaction = FakeInteraction([" typed-code "], choice=ENTER_CODE)
    interaction.choice_ready.set()
    outcome = await run(interaction, server, transport=transport)
    assert isinstance(outcome, Authorized)
    assert transport.verifiers == ["typed-code"]
    (ask,) = interaction.asked
    assert "oauth_verifier" in ask.prompt and not ask.masked
    assert server.listener.pages == [] and server.listener.closed


async def test_the_code_may_be_the_whole_address_the_browser_was_sent_to() -> None:
    sent_to = f"{CALLBACK_URL}?oauth_token=request-token&oauth_verifier=from-the-address"
    server, transport = FakeLoopbackServer(), FakeTransport()
    interaction = FakeInteraction([sent_to], choice=ENTER_CODE)
    interaction.choice_ready.set()
    assert isinstance(await run(interaction, server, transport=transport), Authorized)
    assert transport.verifiers == ["from-the-address"]

    wrong = f"{CALLBACK_URL}?oauth_token=stale&oauth_verifier=x"
    interaction = FakeInteraction([wrong], choice=ENTER_CODE)
    interaction.choice_ready.set()
    outcome = await run(interaction, FakeLoopbackServer())
    assert isinstance(outcome, Failed) and "belongs to another authorization" in outcome.message


async def test_a_dismissed_offer_keeps_waiting_for_the_browser() -> None:
    server = FakeLoopbackServer()
    interaction = browser(server, oauth_token="request-token", oauth_verifier="v")
    assert interaction.choice is None  # dismissed at once, as the terminal does
    assert isinstance(await run(interaction, server), Authorized)


async def test_a_port_in_use_fails_before_any_request() -> None:
    server, transport = (
        FakeLoopbackServer(refuse="Port 8400 on 127.0.0.1 is in use"),
        FakeTransport(),
    )
    provider = replace(TUMBLR_LIKE, callback="http://127.0.0.1:8400/back")
    outcome = await run(FakeInteraction([]), server, provider=provider, transport=transport)
    assert outcome == Failed("Port 8400 on 127.0.0.1 is in use")
    assert server.addresses == [CallbackAddress("127.0.0.1", 8400, "/back")]
    assert transport.consumers == []


async def test_a_failed_exchange_says_so_on_the_page() -> None:
    server, secrets = FakeLoopbackServer(), DictSecrets()
    transport = FakeTransport(fail_access="verifier_invalid: the PIN was wrong or expired")
    interaction = browser(server, oauth_token="request-token", oauth_verifier="v")
    outcome = await run(interaction, server, secrets=secrets, transport=transport)
    assert isinstance(outcome, Failed) and "verifier_invalid" in outcome.message
    (page,) = server.listener.pages
    assert "Authorization failed" in page and "verifier_invalid" in page
    assert secrets.values == {}
