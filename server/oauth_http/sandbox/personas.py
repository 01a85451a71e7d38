"""The sandbox's personas: one local provider per kind of quirk real OAuth 1.0a providers have,
each under `/personas/NAME/`, as strict as the provider it plays.

Their consumer keys and secrets are public demo values for providers that only listen on
127.0.0.1 (like the sandbox's own). Each persona's rules are checked by `persona_rules`, its
endpoints served by `persona_apps`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from oauth_http.sandbox.accounts import Consumer, demo_rsa_public_key

TokenPage = Literal["token", "api-key"]
ALL_PLACEMENTS = ("header", "query", "body")
NETSUITE_ACCOUNT_ID = "1234567_SB1"
SCHOOLOGY_REALM = "Schoology API"


@dataclass(frozen=True)
class Persona:
    """A provider with one kind of quirk.

    `three_legged`: it has request-token, authorize and access-token endpoints (`oob_allowed`
    False: it only redirects to a callback). `token_page`: a page issues access tokens to paste
    ("token": token and secret; "api-key": one `consumer:token:secret` key). `needs_token`
    False: its API takes requests signed by the consumer alone. The rest are what its API and
    token endpoints insist on.
    """

    name: str
    plays: str
    quirk: str
    consumers: tuple[Consumer, ...]
    three_legged: bool = False
    oob_allowed: bool = True
    redirect_denial: bool = False
    token_page: TokenPage | None = None
    needs_token: bool = True
    placements: tuple[str, ...] = ALL_PLACEMENTS
    realm: str | None = None
    body_hash_required: bool = False
    user_agent_required: bool = False
    empty_token_required: bool = False

    @property
    def consumer(self) -> Consumer:
        """The persona's (first) demo consumer."""
        return self.consumers[0]


def _consumer(name: str, *methods: str, secret: str | None = None) -> Consumer:
    return Consumer(
        f"{name}-consumer",
        f"OAuth HTTP {name} persona app",
        secret=f"{name}-secret" if secret is None else secret,
        methods=methods,
    )


PERSONAS: tuple[Persona, ...] = (
    Persona(
        name="callback",
        plays="Tumblr, Evernote, Garmin (and WordPress with a registered callback)",
        quirk="callback only: refuses oob and redirects to the callback with the verifier",
        consumers=(_consumer("callback", "HMAC-SHA1", "PLAINTEXT"),),
        three_legged=True,
        oob_allowed=False,
        redirect_denial=True,
    ),
    Persona(
        name="netsuite",
        plays="NetSuite token-based authentication",
        quirk=f'realm required (the account ID, "{NETSUITE_ACCOUNT_ID}") and HMAC-SHA256 only; '
        "tokens are issued on a page to paste",
        consumers=(_consumer("netsuite", "HMAC-SHA256"),),
        token_page="token",
        realm=NETSUITE_ACCOUNT_ID,
        placements=("header",),
    ),
    Persona(
        name="tokens",
        plays="Magento / Adobe Commerce integrations, MediaWiki owner-only consumers, X portal",
        quirk="tokens issued on a page to paste",
        consumers=(_consumer("tokens", "HMAC-SHA1", "HMAC-SHA256"),),
        token_page="token",
    ),
    Persona(
        name="mastercard",
        plays="Mastercard Developers",
        quirk="consumer only, RSA-SHA256, oauth_body_hash required (the empty body's too)",
        consumers=(
            Consumer(
                "mastercard-consumer",
                "OAuth HTTP mastercard persona app",
                rsa_public_key=demo_rsa_public_key(),
                methods=("RSA-SHA256",),
            ),
        ),
        needs_token=False,
        body_hash_required=True,
        placements=("header",),
    ),
    Persona(
        name="woocommerce",
        plays="WooCommerce's REST API over plain http",
        quirk="consumer only, the parameters in the query only",
        consumers=(_consumer("woocommerce", "HMAC-SHA1", "HMAC-SHA256"),),
        needs_token=False,
        placements=("query",),
    ),
    Persona(
        name="schoology",
        plays="Schoology two-legged requests",
        quirk=f'consumer only, realm "{SCHOOLOGY_REALM}" and an empty oauth_token required',
        consumers=(_consumer("schoology", "HMAC-SHA1", "PLAINTEXT"),),
        needs_token=False,
        realm=SCHOOLOGY_REALM,
        placements=("header",),
        empty_token_required=True,
    ),
    Persona(
        name="plaintext",
        plays="Canonical MAAS (pasted API key) and Discogs (PIN flow)",
        quirk="PLAINTEXT only, a User-Agent required; API keys consumer:token:secret issued on "
        "a page (empty consumer secret)",
        consumers=(
            _consumer("maas", "PLAINTEXT", secret=""),
            _consumer("discogs", "PLAINTEXT"),
        ),
        three_legged=True,
        token_page="api-key",
        user_agent_required=True,
    ),
)
PERSONAS_BY_NAME: dict[str, Persona] = {persona.name: persona for persona in PERSONAS}
