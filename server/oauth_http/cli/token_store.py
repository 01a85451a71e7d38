"""Where the CLI keeps consumer and token secrets: the OS keyring, and/or a `--token-file`.

The keyring is used when `keyring` has a usable backend (not its `fail` or `null` one). A token
file is a JSON object mapping each secret name to its value, created with mode 0600. With neither
there is nowhere safe to keep a token, and the caller says so.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.interaction import SecretStore

KEYRING_SERVICE = "oauth-http"


def keyring_usable() -> bool:
    """True when keyring's chosen backend can store passwords."""
    try:
        import keyring
        from keyring.backends import fail, null
    except ImportError:
        return False
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    return getattr(backend, "priority", 1) > 0


class KeyringSecretStore:
    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service

    async def get(self, key: str) -> str | None:
        import keyring

        try:
            return keyring.get_password(self.service, key)
        except keyring.errors.KeyringError as error:
            raise SecretStorageError(f"the keyring could not read a secret ({error})") from error

    async def store(self, key: str, value: str) -> None:
        import keyring

        try:
            keyring.set_password(self.service, key, value)
        except keyring.errors.KeyringError as error:
            raise SecretStorageError(f"the keyring could not store a secret ({error})") from error

    async def delete(self, key: str) -> None:
        import keyring

        try:
            keyring.delete_password(self.service, key)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as error:
            raise SecretStorageError(f"the keyring could not delete a secret ({error})") from error


class TokenFileSecretStore:
    """Secrets in one JSON file readable only by its owner (mode 0600)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, object]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as error:
            raise SecretStorageError(f"cannot read {self.path} ({error.strerror})") from error
        try:
            data = json.loads(text) if text.strip() else {}
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise SecretStorageError(
                f"{self.path} is not a token file (a JSON object): move it away or choose "
                "another --token-file"
            )
        return data

    def _write(self, data: dict[str, object]) -> None:
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2, sort_keys=True)
                handle.write("\n")
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise SecretStorageError(f"cannot write {self.path} ({error.strerror})") from error

    async def get(self, key: str) -> str | None:
        value = self._read().get(key)
        if value is None:
            return None
        return value if isinstance(value, str) else json.dumps(value)

    async def store(self, key: str, value: str) -> None:
        data = self._read()
        try:
            data[key] = json.loads(value)
        except ValueError:
            data[key] = value
        self._write(data)

    async def delete(self, key: str) -> None:
        data = self._read()
        if data.pop(key, None) is not None:
            self._write(data)


class BothSecretStores:
    """Reads from the first store that has a secret; stores and deletes in every store."""

    def __init__(self, *stores: SecretStore) -> None:
        self.stores = stores

    async def get(self, key: str) -> str | None:
        for store in self.stores:
            value = await store.get(key)
            if value is not None:
                return value
        return None

    async def store(self, key: str, value: str) -> None:
        for store in self.stores:
            await store.store(key, value)

    async def delete(self, key: str) -> None:
        for store in self.stores:
            await store.delete(key)


def open_secret_store(token_file: Path | None) -> tuple[SecretStore, str] | str:
    """The store to use and where it keeps things, or (a str) why there is none."""
    stores: list[SecretStore] = []
    places: list[str] = []
    if keyring_usable():
        stores.append(KeyringSecretStore())
        places.append("the system keyring")
    if token_file is not None:
        stores.append(TokenFileSecretStore(token_file))
        places.append(str(token_file))
    if not stores:
        return (
            "No usable keyring backend was found, so there is nowhere safe to keep the token: "
            "pass --token-file PATH (written with mode 0600), or install a keyring backend."
        )
    return (stores[0] if len(stores) == 1 else BothSecretStores(*stores)), " and ".join(places)
