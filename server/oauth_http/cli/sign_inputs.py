"""What `oauth-http sign` signs with, from its arguments, the environment and a stored provider.

Secrets need not be arguments (which other users can see in the process list): without
`--consumer-secret` and `--token-secret` they come from `OAUTH_CONSUMER_SECRET` and
`OAUTH_TOKEN_SECRET` (the latter only with `--token`); an encrypted key's password from
`OAUTH_KEY_PASSWORD` or a hidden prompt.
With `--provider ID` the provider's settings ("Signature Method", "Body Hash", ...) and its stored
consumer, token and key password are the defaults, and every flag given overrides them.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from oauth_http.oauth.credentials import (
    CredentialsMissing,
    ProviderCredentials,
    credentials_for,
)
from oauth_http.oauth.errors import ProviderLookupError, SecretStorageError
from oauth_http.oauth.key_files import DiskKeyFiles, provider_key, stored_key_password
from oauth_http.oauth.private_keys import PrivateKeyError, load_private_key
from oauth_http.oauth.provider_signing import signing_options
from oauth_http.oauth.providers import lookup_provider
from oauth_http.oauth.signing import (
    BodyHash,
    Credentials,
    OutgoingRequest,
    Placement,
    SignatureMethod,
    SigningOptions,
)

CONSUMER_SECRET_VARIABLE = "OAUTH_CONSUMER_SECRET"
TOKEN_SECRET_VARIABLE = "OAUTH_TOKEN_SECRET"
KEY_PASSWORD_VARIABLE = "OAUTH_KEY_PASSWORD"


class SignInputError(Exception):
    """The inputs cannot be used; the message says why and what to change."""


@dataclass(frozen=True)
class SignInputs:
    request: OutgoingRequest
    credentials: Credentials
    options: SigningOptions


def sign_inputs(args: argparse.Namespace) -> SignInputs:
    headers = [("Content-Type", args.content_type)] if args.content_type else []
    body = args.body.encode("utf-8") if args.body is not None else None
    request = OutgoingRequest(args.method, args.url, headers, body)
    if args.provider:
        credentials, options = _from_provider(args)
    else:
        credentials, options = _from_arguments(args), SigningOptions()
    return SignInputs(request, credentials, _overridden(options, args))


def _from_arguments(args: argparse.Namespace) -> Credentials:
    if not args.consumer_key:
        raise SignInputError("--consumer-key is required (or --provider ID for a stored one).")
    return Credentials(
        args.consumer_key,
        _secret(args.consumer_secret, CONSUMER_SECRET_VARIABLE) or "",
        args.token,
        _secret(args.token_secret, TOKEN_SECRET_VARIABLE if args.token else None),
        _key_from_file(args.rsa_key) if args.rsa_key else None,
    )


def _overridden(options: SigningOptions, args: argparse.Namespace) -> SigningOptions:
    """`options` with every signing flag that was given."""
    changes: dict[str, object] = {
        "callback": args.callback,
        "verifier": args.verifier,
        "nonce": args.nonce,
        "timestamp": args.timestamp,
    }
    if args.signature_method is not None:
        changes["signature_method"] = SignatureMethod.parse(args.signature_method)
    if args.placement is not None:
        changes["placement"] = Placement.parse(args.placement)
    if args.realm is not None:
        changes["realm"] = args.realm
    if args.body_hash is not None:
        changes["body_hash"] = BodyHash.parse(args.body_hash)
    if args.no_version:
        changes["include_version"] = False
    if args.empty_token:
        changes["send_empty_token"] = True
    return replace(options, **changes)  # type: ignore[arg-type]


def _secret(given: str | None, variable: str | None) -> str | None:
    """The flag's value, else the environment variable's (none: a token secret without a
    token is not taken from the environment)."""
    if given is not None or variable is None:
        return given
    return os.environ.get(variable)


def _key_from_file(path: str) -> str:
    try:
        data = Path(path).expanduser().read_bytes()
    except OSError as error:
        raise SignInputError(
            f"Cannot read the RSA key file {path}: {error.strerror or error}."
        ) from error
    password = os.environ.get(KEY_PASSWORD_VARIABLE)
    try:
        return load_private_key(data, path, password)
    except PrivateKeyError as error:
        if not error.needs_password or password is not None or not sys.stdin.isatty():
            hint = f" Set {KEY_PASSWORD_VARIABLE}." if error.needs_password else ""
            raise SignInputError(f"{error.message}{hint}") from error
    try:
        typed = getpass.getpass(f"Password of {path}: ", stream=sys.stderr)
        return load_private_key(data, path, typed)
    except (PrivateKeyError, EOFError) as error:
        message = error.message if isinstance(error, PrivateKeyError) else "No password entered."
        raise SignInputError(message) from error


def _from_provider(args: argparse.Namespace) -> tuple[Credentials, SigningOptions]:
    from oauth_http.cli.context import context_for_dir
    from oauth_http.cli.token_store import open_secret_store

    context = context_for_dir(args.dir, args.env)
    if isinstance(context, str):
        raise SignInputError(context)
    provider = lookup_provider(args.provider, context.provider_registry())
    if isinstance(provider, ProviderLookupError):
        raise SignInputError(provider.message)
    store = open_secret_store(args.token_file)
    if isinstance(store, str):
        raise SignInputError(store)
    secrets, _ = store
    folder = context.secret_folders[0] if context.secret_folders else context.folder_uri

    async def load() -> tuple[ProviderCredentials | CredentialsMissing, str | None]:
        return (
            await credentials_for(provider, folder, secrets),
            await stored_key_password(provider, folder, secrets),
        )

    try:
        stored, password = asyncio.run(load())
    except SecretStorageError as error:
        raise SignInputError(f"Secret storage failed: {error.message}.") from error
    if isinstance(stored, CredentialsMissing):
        raise SignInputError(stored.message)
    rsa_key = None
    if provider.uses_rsa:
        try:
            rsa_key = provider_key(provider, DiskKeyFiles(), context.folder_path, password)
        except PrivateKeyError as error:
            raise SignInputError(error.message) from error
    given = {
        "consumer_key": args.consumer_key,
        "consumer_secret": args.consumer_secret,
        "token": args.token,
        "token_secret": args.token_secret,
    }
    changes = {name: value for name, value in given.items() if value is not None}
    return replace(stored.for_signing(rsa_key), **changes), signing_options(provider)
