"""How a provider's requests are signed: its settings turned into `SigningOptions`, once, for
every front end (a send, Copy as cURL, `oauth-http sign --provider`)."""

from __future__ import annotations

from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.signature_methods import BodyHash, Placement, SignatureMethod
from oauth_http.oauth.signing import SigningOptions


def signing_options(provider: Provider) -> SigningOptions:
    """The options that sign `provider`'s requests (a fresh nonce and timestamp each time)."""
    return SigningOptions(
        signature_method=SignatureMethod.parse(provider.signature_method),
        placement=Placement.parse(provider.signature_placement),
        realm=provider.realm or None,
        include_version=provider.include_version,
        body_hash=BodyHash.parse(provider.body_hash),
        send_empty_token=provider.send_empty_token,
    )
