"""The presets that sign with the consumer credentials alone (one-legged, no token).

Sources: Mastercard's signer (Mastercard/oauth1-signer-python, oauth1/oauth.py: RSA-SHA256,
`oauth_body_hash` of the payload, the empty string when there is none, SHA-256; its README's hosts
sandbox.api.mastercard.com and api.mastercard.com; the PKCS#12 key of authenticationutils.py);
WooCommerce's client (woocommerce/wc-api-python, woocommerce/oauth.py: query parameters,
HMAC-SHA256, no oauth_version, no body hash; OAuth only over plain http, Basic auth over https);
Schoology's "Authentication" page (two-legged OAuth: realm "Schoology API", and "the oauth_token
still needs to be defined, but should be an empty string").
"""

from __future__ import annotations

from oauth_http.oauth.provider_model import Provider

CONSUMER_ONLY_PRESETS: tuple[Provider, ...] = (
    Provider(
        id="mastercard",
        label="Mastercard Developers",
        api_origins=("https://sandbox.api.mastercard.com", "https://api.mastercard.com"),
        signature_method="RSA-SHA256",
        flow="Consumer Only",
        body_hash="Always",
        description=(
            "Mastercard Developers APIs (sandbox.api.mastercard.com and api.mastercard.com): "
            "one-legged, no token. RSA-SHA256 with the PKCS#12 signing key of your project: set "
            '"Private Key File" to the .p12 (its password is asked once and kept in secret '
            "storage). oauth_body_hash is sent on every request, the SHA-256 of the empty string "
            "when there is no body, as Mastercard's signers do."
        ),
    ),
    Provider(
        id="woocommerce",
        label="WooCommerce (REST API over http)",
        api_origins=("{{woocommerceSiteUrl}}",),
        signature_method="HMAC-SHA256",
        signature_placement="query",
        flow="Consumer Only",
        body_hash="Never",
        include_version=False,
        description=(
            "The WooCommerce REST API over plain http: one-legged, the parameters in the query, "
            "HMAC-SHA256 without oauth_version, as WooCommerce's own client signs (over https "
            "WooCommerce takes Basic authentication instead). Define woocommerceSiteUrl; the "
            "API is under {{woocommerceSiteUrl}}/wp-json/wc/v3/."
        ),
    ),
    Provider(
        id="schoology",
        label="Schoology (two-legged)",
        api_origins=("https://api.schoology.com",),
        realm="Schoology API",
        flow="Consumer Only",
        send_empty_token=True,
        description=(
            "Schoology two-legged OAuth: the API key and secret from /api on your Schoology "
            'site, realm "Schoology API" and an empty oauth_token, as Schoology asks.'
        ),
    ),
)
