"""`oauth-http sign`: sign one request and print its base string, its signature and the signed
request in full, for every method.

PLAINTEXT's signature is the secrets themselves, and it is printed too: the output is the user's
own signature, for the user's own terminal. Secrets need not be arguments (see `sign_inputs`).
"""

from __future__ import annotations

import argparse
import sys

from oauth_http.cli.context import add_workspace_arguments
from oauth_http.cli.sign_inputs import (
    CONSUMER_SECRET_VARIABLE,
    KEY_PASSWORD_VARIABLE,
    TOKEN_SECRET_VARIABLE,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from pathlib import Path

    parser.add_argument("--method", required=True, help="HTTP method, e.g. GET or POST")
    parser.add_argument("--url", required=True, help="absolute URL, with its query string")
    parser.add_argument("--body", help="request body text (a form body is signed per RFC 5849)")
    parser.add_argument("--content-type", help="Content-Type of the body")
    parser.add_argument("--consumer-key", help="the application's consumer key")
    parser.add_argument(
        "--consumer-secret",
        help=f"the consumer secret (default: ${CONSUMER_SECRET_VARIABLE}, which other users of "
        "this machine cannot read in the process list)",
    )
    parser.add_argument("--token", help="the access (or request) token")
    parser.add_argument(
        "--token-secret", help=f"the token secret (default: ${TOKEN_SECRET_VARIABLE})"
    )
    parser.add_argument(
        "--signature-method",
        help="HMAC-SHA1 (default), HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, "
        "RSA-SHA512 or PLAINTEXT",
    )
    parser.add_argument(
        "--placement", "--signature-placement", help="header (default), query or body"
    )
    parser.add_argument(
        "--rsa-key",
        "--private-key-file",
        metavar="FILE",
        help=f"the RSA private key: PEM or PKCS#12 (.p12/.pfx); its password from "
        f"${KEY_PASSWORD_VARIABLE} or asked",
    )
    parser.add_argument("--realm", help="realm for the Authorization header")
    parser.add_argument(
        "--body-hash",
        metavar="MODE",
        help="oauth_body_hash: auto (default: non-form bodies with content), always (the "
        "empty string hashed without a body) or never",
    )
    parser.add_argument(
        "--no-version", action="store_true", help="leave oauth_version out (it is optional)"
    )
    parser.add_argument(
        "--empty-token",
        action="store_true",
        help='send oauth_token="" when there is no token (Schoology\'s two-legged requests)',
    )
    parser.add_argument("--nonce", help="fixed nonce (default: random)")
    parser.add_argument("--timestamp", help="fixed timestamp in seconds (default: now)")
    parser.add_argument("--callback", help="oauth_callback, for a request-token request")
    parser.add_argument("--verifier", help="oauth_verifier, for an access-token request")
    stored = parser.add_argument_group(
        "a stored provider", "sign with a provider's settings and its stored credentials"
    )
    stored.add_argument("--provider", metavar="ID", help="provider id, e.g. netsuite")
    add_workspace_arguments(stored)
    stored.add_argument(
        "--token-file", metavar="PATH", type=Path, help="the token file `authorize` wrote"
    )


def run(args: argparse.Namespace) -> int:
    from oauth_http.cli.sign_inputs import SignInputError, sign_inputs
    from oauth_http.oauth.signing import Placement, SigningError, sign_request

    try:
        inputs = sign_inputs(args)
        signed = sign_request(inputs.request, inputs.credentials, inputs.options)
    except (SigningError, SignInputError) as error:
        print(f"oauth-http sign: {error}", file=sys.stderr)
        return 2

    method = inputs.options.signature_method
    placement = inputs.options.placement
    sections = [
        (
            "Signature base string",
            signed.base_string or "(none: PLAINTEXT signs no base string)",
        ),
        (f"Signature ({method.value})", signed.signature),
    ]
    body = (signed.body or b"").decode("utf-8", errors="replace")
    if placement is Placement.HEADER:
        authorization = next(v for k, v in signed.headers if k == "Authorization")
        sections.append(("Authorization header", authorization))
    elif placement is Placement.QUERY:
        sections.append(("Signed URL", signed.url))
    else:
        sections.append(("Signed body", body))
    request_lines = [f"{signed.method} {signed.url}", *(f"{k}: {v}" for k, v in signed.headers)]
    sections.append(("Signed request", "\n".join(request_lines) + (f"\n\n{body}" if body else "")))
    print("\n\n".join(f"{label}:\n{value}" for label, value in sections))
    return 0
