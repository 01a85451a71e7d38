"""`oauth-http sign`: sign one request and print its base string, signature and signed form.

Secrets given on the command line are never printed: with PLAINTEXT the signature is the
secrets themselves, so it is shown masked.
"""

from __future__ import annotations

import argparse
import re
import sys

MASK = "****"
_SIGNATURE_VALUE = re.compile(r'(oauth_signature=)("?)[^"&,\s]*')


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--method", required=True, help="HTTP method, e.g. GET or POST")
    parser.add_argument("--url", required=True, help="absolute URL, with its query string")
    parser.add_argument("--body", help="request body text (a form body is signed per RFC 5849)")
    parser.add_argument("--content-type", help="Content-Type of the body")
    parser.add_argument("--consumer-key", required=True, help="the application's consumer key")
    parser.add_argument("--consumer-secret", default="", help="the consumer secret (HMAC)")
    parser.add_argument("--token", help="the access (or request) token")
    parser.add_argument("--token-secret", help="the token secret")
    parser.add_argument(
        "--signature-method",
        default="HMAC-SHA1",
        help="HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, "
        "RSA-SHA512 or PLAINTEXT",
    )
    parser.add_argument("--placement", default="header", help="header (default), query or body")
    parser.add_argument("--rsa-key", metavar="FILE", help="PEM file of the RSA private key")
    parser.add_argument("--realm", help="realm for the Authorization header")
    parser.add_argument("--nonce", help="fixed nonce (default: random)")
    parser.add_argument("--timestamp", help="fixed timestamp in seconds (default: now)")
    parser.add_argument("--callback", help="oauth_callback, for a request-token request")
    parser.add_argument("--verifier", help="oauth_verifier, for an access-token request")


def run(args: argparse.Namespace) -> int:
    from oauth_http.oauth.signing import (
        Credentials,
        OutgoingRequest,
        Placement,
        SignatureMethod,
        SigningError,
        SigningOptions,
        sign_request,
    )

    try:
        method = SignatureMethod.parse(args.signature_method)
        placement = Placement.parse(args.placement)
        rsa_key = _read_key(args.rsa_key) if args.rsa_key else None
        headers = [("Content-Type", args.content_type)] if args.content_type else []
        body = args.body.encode("utf-8") if args.body is not None else None
        signed = sign_request(
            OutgoingRequest(args.method, args.url, headers, body),
            Credentials(
                args.consumer_key, args.consumer_secret, args.token, args.token_secret, rsa_key
            ),
            SigningOptions(
                method,
                placement,
                realm=args.realm,
                callback=args.callback,
                verifier=args.verifier,
                nonce=args.nonce,
                timestamp=args.timestamp,
            ),
        )
    except (SigningError, _KeyFileError) as error:
        print(f"oauth-http sign: {error}", file=sys.stderr)
        return 2

    plaintext = method is SignatureMethod.PLAINTEXT
    sections = [
        (
            "Signature base string",
            signed.base_string or "(none: PLAINTEXT signs no base string)",
        ),
        (
            f"Signature ({method.value})",
            f"{MASK} (PLAINTEXT's signature is the secrets)" if plaintext else signed.signature,
        ),
    ]
    if placement is Placement.HEADER:
        authorization = next(v for k, v in signed.headers if k == "Authorization")
        sections.append(("Authorization header", _masked(authorization, plaintext)))
    elif placement is Placement.QUERY:
        sections.append(("Signed URL", _masked(signed.url, plaintext)))
    else:
        signed_body = (signed.body or b"").decode("utf-8")
        sections.append(("Signed body", _masked(signed_body, plaintext)))
    print("\n\n".join(f"{label}:\n{value}" for label, value in sections))
    return 0


class _KeyFileError(Exception):
    pass


def _read_key(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as key_file:
            return key_file.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise _KeyFileError(f"Cannot read the RSA key file {path}: {reason}.") from error


def _masked(text: str, plaintext: bool) -> str:
    return _SIGNATURE_VALUE.sub(rf"\g<1>\g<2>{MASK}", text) if plaintext else text
