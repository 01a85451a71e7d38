"""RSA private keys as providers hand them out: PEM (plain or encrypted with a password) or PKCS#12
(`.p12`/`.pfx`, Mastercard's signing keys), turned into unencrypted PEM text kept in memory only.

Pure: the caller reads the file (`key_files`) and finds the password (secret storage, a prompt,
an environment variable); `load_private_key` raises `PrivateKeyError` saying what is wrong, and
whether a (right) password would help.
"""

from __future__ import annotations

PKCS12_SUFFIXES = (".p12", ".pfx")
PEM_SUFFIXES = (".pem", ".key")


class PrivateKeyError(Exception):
    """The key cannot be used; `needs_password` is True when a password (or another one) is what
    is missing, so a front end can ask for it."""

    def __init__(self, message: str, *, needs_password: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.needs_password = needs_password


def is_pkcs12(name: str, data: bytes) -> bool:
    """A `.p12`/`.pfx` file, or a file that is neither named nor written as PEM."""
    lower = name.lower()
    if lower.endswith(PKCS12_SUFFIXES):
        return True
    return not lower.endswith(PEM_SUFFIXES) and not data.lstrip().startswith(b"-----")


def load_private_key(data: bytes, name: str, password: str | None = None) -> str:
    """The RSA private key in `data` (the file `name`) as unencrypted PEM text."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

    key = (
        _pkcs12_key(data, name, password)
        if is_pkcs12(name, data)
        else _pem_key(data, name, password)
    )
    if not isinstance(key, RSAPrivateKey):
        raise PrivateKeyError(
            f"{name} holds a private key that is not an RSA key: RSA-SHA1/256/512 need an RSA "
            "private key."
        )
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return pem.decode("ascii")


def needs_password(data: bytes, name: str) -> bool:
    """Whether the key in `data` can only be read with a password."""
    try:
        load_private_key(data, name)
    except PrivateKeyError as error:
        return error.needs_password
    return False


def _pem_key(data: bytes, name: str, password: str | None) -> object:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    if b"PUBLIC KEY-----" in data and b"PRIVATE KEY-----" not in data:
        raise PrivateKeyError(
            f"{name} is a public key: signing needs the consumer's private key "
            "(-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)."
        )
    encrypted = b"ENCRYPTED" in data
    try:
        return load_pem_private_key(
            data, password=password.encode("utf-8") if password and encrypted else None
        )
    except TypeError as error:
        raise PrivateKeyError(
            f"{name} is encrypted: its password is needed.", needs_password=True
        ) from error
    except (ValueError, UnsupportedAlgorithm) as error:
        if encrypted:
            raise PrivateKeyError(
                f"The password of {name} is not right (or the file is damaged).",
                needs_password=True,
            ) from error
        raise PrivateKeyError(
            f"{name} could not be read as a private key: it must be PEM text beginning with "
            "-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----, or a PKCS#12 "
            "(.p12/.pfx) file."
        ) from error


def _pkcs12_key(data: bytes, name: str, password: str | None) -> object:
    from cryptography.hazmat.primitives.serialization import pkcs12

    attempts = [password.encode("utf-8")] if password else [None, b""]
    for attempt in attempts:
        try:
            key, _certificate, _others = pkcs12.load_key_and_certificates(data, attempt)
        except ValueError:
            continue
        if key is None:
            raise PrivateKeyError(f"{name} holds no private key, only certificates.")
        return key
    if password:
        raise PrivateKeyError(
            f"The password of {name} is not right, or it is not a PKCS#12 (.p12/.pfx) file.",
            needs_password=True,
        )
    raise PrivateKeyError(
        f"{name} is a PKCS#12 key store and its password is needed (or it is not a PKCS#12 file).",
        needs_password=True,
    )
