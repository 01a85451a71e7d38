"""The Paste flow's questions: the access token and its secret made on the provider's site (both
masked, the token first), or one three-part API key `consumer:token:secret` (Canonical MAAS)
that also gives the consumer key, with an empty consumer secret."""

from __future__ import annotations

from dataclasses import dataclass

from oauth_http.oauth.flow_outcomes import AuthorizeOutcome, Failed
from oauth_http.oauth.flow_steps import FlowSteps, NewConsumer
from oauth_http.oauth.interaction import AccessToken, Consumer

API_KEY_PARTS = 3


@dataclass(frozen=True)
class Pasted:
    """What was pasted: the token, and the consumer when the paste held it too."""

    token: AccessToken
    consumer: NewConsumer | None = None


async def paste_token(steps: FlowSteps) -> Pasted | AuthorizeOutcome:
    """The access token and token secret, typed (pasted) into two masked boxes."""
    label = steps.provider.label
    token = await steps.ask(
        "access token",
        f"Access token (token ID) you created on {label}'s site",
        masked=True,
        placeholder="access token",
    )
    if not isinstance(token, str):
        return token
    secret = await steps.ask(
        "token secret",
        f"Token secret of that access token, from {label}'s site",
        masked=True,
        placeholder="token secret",
    )
    if not isinstance(secret, str):
        return secret
    return Pasted(AccessToken(token, secret))


async def paste_api_key(steps: FlowSteps) -> Pasted | AuthorizeOutcome:
    """A `consumer:token:secret` API key in one masked box (asked again once when it does not
    have its three parts)."""
    label = steps.provider.label
    prompt = f"API key from {label} (consumer:token:secret)"
    for attempt in range(2):
        answer = await steps.ask(
            "API key",
            prompt if attempt == 0 else f"The API key must have three parts. {prompt}",
            masked=True,
            placeholder="consumer:token:secret",
        )
        if not isinstance(answer, str):
            return answer
        parts = answer.split(":")
        if len(parts) == API_KEY_PARTS and all(part.strip() for part in parts):
            consumer_key, token, secret = (part.strip() for part in parts)
            consumer = NewConsumer(Consumer(consumer_key, ""), asked=True)
            return Pasted(AccessToken(token, secret), consumer)
    return Failed(
        f"The API key for {steps.provider.id} must be three parts separated by colons "
        "(consumer:token:secret), as MAAS shows it; nothing was stored."
    )
