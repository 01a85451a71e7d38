"""Turn what oauthlib and cryptography refuse into messages that name the cause and the fix."""

from __future__ import annotations

from oauth_http.oauth.signature_methods import Placement, SigningError

_FORM = "application/x-www-form-urlencoded"


def explain_oauthlib_error(
    message: str, http_method: str, content_type: str | None, placement: Placement
) -> str:
    """The user-facing explanation of one of oauthlib's ValueErrors from `Client.sign`."""
    shown_type = content_type or "not set"
    if message.startswith("Headers indicate a multipart body"):
        return (
            f"The body is form-encoded (name=value&...) but Content-Type is {shown_type}: "
            "OAuth 1.0a cannot sign parameters inside a multipart body. Set Content-Type: "
            f"{_FORM} to sign them, or send a real multipart body."
        )
    if message.startswith("Headers indicate a formencoded body"):
        return (
            f"Content-Type is {_FORM} but the body is not form-encoded (name=value&... with "
            "percent-encoded values): encode the body, or set the Content-Type it really has."
        )
    if message.startswith("Body contains parameters"):
        return (
            f"The body looks like form parameters (name=value), but Content-Type is "
            f"{shown_type}: add Content-Type: {_FORM} so they are signed, or set the "
            "Content-Type that matches the body."
        )
    if message.startswith("Body signatures may only be used"):
        return (
            f"Placement 'body' puts the OAuth parameters in a form body, but this request's "
            f"Content-Type is {shown_type}: use placement 'header' or 'query', or send a "
            f"{_FORM} body."
        )
    if message.startswith("GET/HEAD requests should not include body"):
        advice = (
            "use placement 'header' or 'query'"
            if placement is Placement.BODY
            else "move the parameters into the query string, or use POST"
        )
        return f"A {http_method} request cannot carry signed body parameters: {advice}."
    return f"The request could not be signed: {message}"


def parse_rsa_private_key(pem: str) -> object:
    """Load an unencrypted RSA private key from PEM text, or raise SigningError saying why."""
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    if "PUBLIC KEY-----" in pem:
        raise SigningError(
            "The RSA key given is a public key: signing needs the consumer's private key "
            "(-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)."
        )
    try:
        key = load_pem_private_key(pem.encode("utf-8"), password=None)
    except TypeError as error:
        raise SigningError(
            "The RSA private key is encrypted with a passphrase: export it without one "
            "(openssl rsa -in key.pem -out plain.pem)."
        ) from error
    except (ValueError, UnsupportedAlgorithm) as error:
        raise SigningError(
            "The RSA private key could not be read: it must be PEM text beginning with "
            "-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----."
        ) from error
    if not isinstance(key, RSAPrivateKey):
        raise SigningError(
            "The private key is not an RSA key: RSA-SHA1/256/512 need an RSA private key."
        )
    return key
