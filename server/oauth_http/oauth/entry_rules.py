"""Checks of an auth entry that involve more than one key, run once its provider is built: a
private key without an RSA method, an RSA method without a key, a Loopback callback that is not on
this machine, a paste format for a flow that pastes nothing."""

from __future__ import annotations

from oauth_http.oauth.auth_keys import (
    CALLBACK,
    FLOW,
    PASTE_FORMAT,
    PRIVATE_KEY_FILE,
    SIGNATURE_METHOD,
)
from oauth_http.oauth.entry_options import EntryReader
from oauth_http.oauth.loopback import callback_address
from oauth_http.oauth.provider_model import Provider


def check_provider(reader: EntryReader, provider: Provider) -> None:
    """Report the cross-key problems of the entry that gave `provider`."""
    entry = reader.entry
    if provider.private_key_file and not provider.uses_rsa and PRIVATE_KEY_FILE in entry:
        reader.problem(
            PRIVATE_KEY_FILE,
            f'"{PRIVATE_KEY_FILE}" is used only by RSA signature methods; this provider signs '
            f'with {provider.signature_method}. Remove it or set "{SIGNATURE_METHOD}" to RSA-SHA1.',
            severity="warning",
        )
    if provider.uses_rsa and not provider.private_key_file and SIGNATURE_METHOD in entry:
        reader.problem(
            SIGNATURE_METHOD,
            f'{provider.signature_method} needs "{PRIVATE_KEY_FILE}": add the path of the private '
            "key (PEM, or PKCS#12 .p12/.pfx) whose public key the provider has.",
        )
    if provider.flow == "Loopback" and (CALLBACK in entry or FLOW in entry):
        address = callback_address(provider.callback)
        if isinstance(address, str):
            reader.problem(CALLBACK if CALLBACK in entry else FLOW, address)
    if PASTE_FORMAT in entry and provider.flow != "Paste":
        reader.problem(
            PASTE_FORMAT,
            f'"{PASTE_FORMAT}" is used only by the Paste flow; this provider uses the '
            f'{provider.flow} flow. Remove it or set "{FLOW}" to "Paste".',
            severity="warning",
        )
