"""The Loopback flow: `oauth_callback` is a listener on 127.0.0.1 opened for this one
authorization, and the browser's redirect brings `oauth_token` (checked against the request
token) and `oauth_verifier`.

While it waits the flow shows a cancellable progress ("Waiting for the browser…") and a message
with the authorize address and one action, "Enter the code instead", for a browser that cannot
reach this machine: the verifier (or the whole address the browser was sent to) is then typed.
The wait ends on the redirect, a cancel, or `timeout` seconds. The listener is closed in every
case; the browser's page is answered once the exchange is done, so it says how it ended.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from oauth_http.oauth.flow_outcomes import AuthorizeOutcome, Failed
from oauth_http.oauth.flow_steps import CANCEL_POLL_SECONDS, FlowSteps, NewConsumer
from oauth_http.oauth.interaction import AccessToken, RequestToken, TokenTransport
from oauth_http.oauth.loopback import (
    CallbackListener,
    CallbackRequest,
    LoopbackError,
    LoopbackServer,
    callback_address,
    landing_page,
)
from oauth_http.oauth.provider_model import authorize_address

ENTER_CODE = "Enter the code instead"
WAITING = "Waiting for the browser…"
DEFAULT_TIMEOUT_SECONDS = 300.0


@dataclass(frozen=True)
class _Verifier:
    value: str
    from_browser: bool


async def loopback_token(
    steps: FlowSteps,
    chosen: NewConsumer,
    transport: TokenTransport,
    server: LoopbackServer,
    timeout: float,
) -> AccessToken | AuthorizeOutcome:
    """The access token, after the browser came back to the listener (or the code was typed)."""
    address = callback_address(steps.provider.callback)
    if isinstance(address, str):
        return Failed(address)
    try:
        listener = await server.listen(address)
    except LoopbackError as error:
        return Failed(error.message)
    try:
        return await _authorize(steps, chosen, transport, listener, timeout)
    finally:
        await listener.close()


async def _authorize(
    steps: FlowSteps,
    chosen: NewConsumer,
    transport: TokenTransport,
    listener: CallbackListener,
    timeout: float,
) -> AccessToken | AuthorizeOutcome:
    provider = steps.provider
    with_callback = replace(provider, callback=listener.callback_url)
    request_token = await steps.network(
        f"Requesting a request token from {provider.label}…",
        transport.fetch_request_token(with_callback, chosen.consumer),
    )
    if not isinstance(request_token, RequestToken):
        return request_token
    verifier = await _wait_for_verifier(steps, listener, request_token, timeout)
    if not isinstance(verifier, _Verifier):
        return verifier
    access = await steps.network(
        f"Exchanging the verifier for an access token at {provider.label}…",
        transport.fetch_access_token(provider, chosen.consumer, request_token, verifier.value),
    )
    if verifier.from_browser:
        await listener.answer(_page_after(provider.label, access))
    return access


async def _wait_for_verifier(
    steps: FlowSteps, listener: CallbackListener, request_token: RequestToken, timeout: float
) -> _Verifier | AuthorizeOutcome:
    label = steps.provider.label
    url = authorize_address(steps.provider, request_token.token)
    opened = await steps.interaction.open_url(url)
    where = "" if opened else " (the browser did not open: open the address yourself)"
    offer: asyncio.Future[str | None] | None = asyncio.ensure_future(
        steps.interaction.choose(
            f"To authorize {label}, approve access at {url}\n"
            f"The browser comes back to OAuth HTTP by itself once you approve{where}.",
            [ENTER_CODE],
        )
    )
    arrival = asyncio.ensure_future(listener.next_callback())
    await steps.progress.begin(steps.title, WAITING)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    try:
        while True:
            waiting: set[asyncio.Future[Any]] = {arrival}
            if offer is not None:
                waiting.add(offer)
            done, _ = await asyncio.wait(waiting, timeout=CANCEL_POLL_SECONDS)
            if arrival in done:
                return await _checked(steps, listener, arrival.result(), request_token)
            if offer is not None and offer in done:
                if offer.result() == ENTER_CODE:
                    return await _typed_code(steps, request_token)
                offer = None  # dismissed: the browser may still come back
            if steps.progress.cancelled:
                return steps.cancelled
            if loop.time() >= deadline:
                return Failed(
                    f"The browser did not come back from {label} within {timeout:g} s, so "
                    "nothing was stored. Authorize again and approve in the browser (or enter "
                    "the code instead)."
                )
    finally:
        arrival.cancel()
        if offer is not None:
            offer.cancel()
        await steps.progress.end("")


async def _checked(
    steps: FlowSteps,
    listener: CallbackListener,
    request: CallbackRequest,
    request_token: RequestToken,
) -> _Verifier | AuthorizeOutcome:
    """The verifier of the browser's redirect, or (with the page answered) why it is refused."""
    label = steps.provider.label
    failure: Failed | None = None
    if request.denied:
        failure = Failed(
            f"Access was denied on {label}'s authorize page, so nothing was stored. Authorize "
            "again and approve."
        )
    elif request.token != request_token.token:
        failure = Failed(
            f"The browser came back with another request token than the one this authorization "
            f"of {steps.provider.id} asked for (a page of an earlier attempt?), so nothing was "
            "stored. Authorize again."
        )
    elif not request.verifier:
        failure = Failed(
            f"The browser came back from {label} without an oauth_verifier, so nothing was "
            "stored. Authorize again."
        )
    if failure is not None:
        await listener.answer(
            landing_page("Authorization failed", failure.message, succeeded=False)
        )
        return failure
    return _Verifier(request.verifier, from_browser=True)


async def _typed_code(
    steps: FlowSteps, request_token: RequestToken
) -> _Verifier | AuthorizeOutcome:
    """The verifier typed by the user: the code the page shows, or the whole address the browser
    was sent to (its `oauth_token` must then be this authorization's)."""
    answer = await steps.ask(
        "code",
        f"Enter the code (oauth_verifier) {steps.provider.label} shows, or paste the whole "
        "address the browser was sent to",
        placeholder="code or http://127.0.0.1:…/?oauth_token=…&oauth_verifier=…",
    )
    if not isinstance(answer, str):
        return answer
    if "oauth_verifier=" not in answer:
        return _Verifier(answer, from_browser=False)
    query = dict(parse_qsl(urlsplit(answer).query or answer, keep_blank_values=True))
    if query.get("oauth_token", request_token.token) != request_token.token:
        return Failed(
            "That address belongs to another authorization (its oauth_token is not this "
            "one's), so nothing was stored. Authorize again."
        )
    return _Verifier(query.get("oauth_verifier", ""), from_browser=False)


def _page_after(label: str, access: AccessToken | AuthorizeOutcome) -> str:
    if isinstance(access, AccessToken):
        return landing_page(
            f"Authorized {label}",
            f"OAuth HTTP is authorized with {label}; the token is kept in its secret storage.",
            succeeded=True,
        )
    return landing_page("Authorization failed", access.message, succeeded=False)
