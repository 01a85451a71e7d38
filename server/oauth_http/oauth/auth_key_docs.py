"""What each key of an OAuth1 auth entry means, and each value of the keys with fixed values:
the text completion and hover show in env files."""

from __future__ import annotations

from oauth_http.oauth import auth_keys as keys
from oauth_http.oauth.entry_options import CHOICES_BY_KEY

KEY_DOCS: dict[str, str] = {
    keys.TYPE: '"OAuth1" for an OAuth 1.0a provider (other types are left to other tools).',
    keys.REQUEST_TOKEN_URL: "Where the PIN and Loopback flows ask for a request token.",
    keys.AUTHORIZE_URL: "The page where the user approves access (opened in the browser).",
    keys.ACCESS_TOKEN_URL: "Where the request token and verifier are exchanged for a token.",
    keys.CONSUMER_KEY: "The application's consumer key (API key); asked when left out.",
    keys.CONSUMER_SECRET: "The consumer secret. Better kept in secret storage (asked when left "
    "out) or in http-client.private.env.json.",
    keys.SIGNATURE_METHOD: "How requests are signed.",
    keys.SIGNATURE_PLACEMENT: "Where the OAuth parameters travel.",
    keys.PRIVATE_KEY_FILE: "The RSA private key, PEM or PKCS#12 (.p12/.pfx), relative to this "
    "file; its password is asked once and kept in secret storage.",
    keys.REALM: "The realm of the Authorization header (NetSuite: the account ID; Schoology: "
    '"Schoology API").',
    keys.CALLBACK: '"oob" for the PIN flow; for the Loopback flow a registered '
    "http://127.0.0.1:PORT/PATH (left out: a free port).",
    keys.AUTHORIZE_PARAMETERS: 'Extra query parameters of the authorize page, e.g. {"perms": '
    '"write"}.',
    keys.API_ORIGINS: "The origins (besides the token URLs') this provider's credentials may be "
    'sent to, e.g. ["https://api.example.com", "https://*.example.com"]. Needed by a Paste or '
    "Consumer Only provider, which has no token URLs.",
    keys.FLOW: "How the credentials are obtained.",
    keys.BODY_HASH: "When oauth_body_hash is sent (with the signature method's digest).",
    keys.INCLUDE_VERSION: 'Whether oauth_version="1.0" is sent (it is optional; WooCommerce\'s '
    "client leaves it out).",
    keys.SEND_EMPTY_TOKEN: 'Send oauth_token="" when there is no token (Schoology\'s '
    "two-legged requests).",
    keys.PASTE_FORMAT: "What the Paste flow asks for.",
}

VALUE_DOCS: dict[str, dict[str, str]] = {
    keys.FLOW: {
        "PIN": "Three-legged, out of band: approve in the browser, type the PIN it shows.",
        "Loopback": "Three-legged: the browser comes back to OAuth HTTP on 127.0.0.1 (for "
        "providers that only redirect: Tumblr, Evernote, Garmin).",
        "Paste": "Paste the access token and secret made on the provider's site (NetSuite, "
        "Magento, MAAS, X's developer portal).",
        "Consumer Only": "No token: requests are signed with the consumer alone (Mastercard, "
        "WooCommerce, Schoology, LTI 1.1).",
    },
    keys.BODY_HASH: {
        "Auto": "For non-form bodies with content (oauthlib's rule).",
        "Always": "Every request without a form body, the empty string hashed when there is "
        "none (Mastercard).",
        "Never": "Never (WooCommerce).",
    },
    keys.SIGNATURE_PLACEMENT: {
        "header": "The Authorization header.",
        "query": "The query string (WooCommerce over plain http).",
        "body": "A form-encoded body.",
    },
    keys.PASTE_FORMAT: {
        "Token and Secret": "Two masked boxes: the access token (token ID), then its secret.",
        "consumer:token:secret": "One API key holding the consumer key, the token and its "
        "secret (Canonical MAAS); the consumer secret is empty.",
    },
    keys.SIGNATURE_METHOD: {
        method: (
            "PLAINTEXT sends the secrets themselves: use it over https only."
            if method == "PLAINTEXT"
            else f"Signs with {method}."
        )
        for method in CHOICES_BY_KEY[keys.SIGNATURE_METHOD].values
    },
    keys.INCLUDE_VERSION: {"true": "Send oauth_version (the default).", "false": "Leave it out."},
    keys.SEND_EMPTY_TOKEN: {
        "true": 'Send oauth_token="" without a token.',
        "false": "Leave oauth_token out without a token (the default).",
    },
}
BOOLEAN_KEYS = (keys.INCLUDE_VERSION, keys.SEND_EMPTY_TOKEN)


def key_markdown(key: str) -> str | None:
    """The hover text of a key, with its values when it has a fixed set."""
    doc = KEY_DOCS.get(key)
    if doc is None:
        return None
    values = VALUE_DOCS.get(key)
    listed = "".join(f"\n- `{value}`: {text}" for value, text in values.items()) if values else ""
    return f"**{key}**: {doc}{listed}"


def value_markdown(key: str, value: str) -> str | None:
    text = VALUE_DOCS.get(key, {}).get(value)
    return f"**{key}** `{value}`: {text}" if text else None
