"""Where the CLI keeps consumer and token secrets: the OS keyring, and/or a `--token-file`.

The keyring is used when `keyring` has a usable backend (not its `fail` or `null` one). A token
file is a JSON object mapping each secret name to its value. It is written through a fresh
temporary file in its own folder (`tempfile.mkstemp`: a random name opened with `O_EXCL`, mode
0600, so a name or link another user prepared cannot catch the secret), flushed to disk and
renamed over it; it is read only when it is a regular file, never through a symbolic link
(`O_NOFOLLOW`). With neither there is nowhere safe to keep a token, and the caller says so.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
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
        text = self._read_text()
        if text is None:
            return {}
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

    def _read_text(self) -> str | None:
        """The file's text, None when there is none; never through a link, never from a FIFO."""
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
        try:
            descriptor = os.open(self.path, flags)
        except FileNotFoundError:
            return None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise SecretStorageError(
                    f"{self.path} is a symbolic link, and a token file is never read through "
                    "one: pass the real file's path as --token-file"
                ) from error
            raise SecretStorageError(f"cannot read {self.path} ({error.strerror})") from error
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise SecretStorageError(
                    f"{self.path} is not a regular file: choose another --token-file"
                )
            try:
                return handle.read().decode("utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise SecretStorageError(f"cannot read {self.path} ({error})") from error

    def _write(self, data: dict[str, object]) -> None:
        text = json.dumps(data, indent=2, sort_keys=True) + "\n"
        folder = self.path.parent
        try:
            descriptor, temporary = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=folder
            )
        except OSError as error:
            raise SecretStorageError(f"cannot write {self.path} ({error.strerror})") from error
        try:
            with os.fdopen(descriptor, "wb") as handle:
                os.fchmod(handle.fileno(), 0o600)
                handle.write(text.encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise SecretStorageError(f"cannot write {self.path} ({error.strerror})") from error
        _sync_folder(folder)

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


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk too, where the system lets a folder be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


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
