"""A provider's "Private Key File" read into PEM text, with the password kept for it in secret
storage: what signing and the token requests of RSA providers use.

Reading goes through `KeyFiles` (the disk in the product, a dictionary in tests); a relative path
is taken from the workspace folder. Every failure is a `PrivateKeyError` that names the file and
the key to fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from oauth_http.oauth.interaction import SecretStore
from oauth_http.oauth.private_keys import PrivateKeyError, load_private_key
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.secret_keys import decode_key_password, key_password_name


class KeyFiles(Protocol):
    def read_bytes(self, path: Path) -> bytes:
        """The file's content; raises OSError."""
        ...


class DiskKeyFiles:
    def read_bytes(self, path: Path) -> bytes:
        return path.read_bytes()


def key_path(provider: Provider, base: Path | None) -> Path:
    path = Path(provider.private_key_file or "").expanduser()
    return base / path if not path.is_absolute() and base is not None else path


def where_to_fix(provider: Provider) -> str:
    return f'"Private Key File" under "Security": {{"Auth": {{"{provider.id}": ...}}}}'


def read_key_file(provider: Provider, files: KeyFiles, base: Path | None) -> tuple[Path, bytes]:
    """The key file's path and bytes, or a PrivateKeyError saying why it cannot be read."""
    path = key_path(provider, base)
    try:
        return path, files.read_bytes(path)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise PrivateKeyError(
            f"Cannot read the private key file {path} ({reason}): check "
            f"{where_to_fix(provider)} in http-client.env.json."
        ) from None


def provider_key(
    provider: Provider, files: KeyFiles, base: Path | None, password: str | None
) -> str:
    """The provider's private key as PEM text, opened with `password` when it needs one."""
    path, data = read_key_file(provider, files, base)
    return load_private_key(data, str(path), password)


async def stored_key_password(provider: Provider, folder: str, secrets: SecretStore) -> str | None:
    return decode_key_password(await secrets.get(key_password_name(folder, provider.id)))
