"""The CLI's secret stores (keyring, token file, both) and its terminal prompts on piped input."""

from __future__ import annotations

import io
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from oauth_http.cli.terminal import TerminalInteraction
from oauth_http.cli.token_store import (
    BothSecretStores,
    KeyringSecretStore,
    TokenFileSecretStore,
    keyring_usable,
    open_secret_store,
)
from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.interaction import PickChoice


class MemoryKeyring(KeyringBackend):
    """A keyring backend kept in memory, standing in for the OS keychain."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.passwords:
            raise keyring.errors.PasswordDeleteError(username)
        del self.passwords[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


async def test_the_token_file_is_private_json(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0o644)
    store = TokenFileSecretStore(path)
    await store.store("a:token", json.dumps({"token": "t", "secret": "s"}))
    await store.store("a:note", "plain text")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "a:note": "plain text",
        "a:token": {"secret": "s", "token": "t"},
    }
    assert json.loads(await store.get("a:token") or "") == {"token": "t", "secret": "s"}
    assert await store.get("a:note") == "plain text"
    await store.delete("a:token")
    assert await store.get("a:token") is None
    assert [p.name for p in tmp_path.iterdir()] == ["tokens.json"]


async def test_a_file_that_is_not_a_token_file_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my notes", encoding="utf-8")
    store = TokenFileSecretStore(path)
    with pytest.raises(SecretStorageError, match="is not a token file"):
        await store.store("k", "v")
    assert path.read_text(encoding="utf-8") == "my notes"


async def test_an_unwritable_place_is_a_clear_error(tmp_path: Path) -> None:
    store = TokenFileSecretStore(tmp_path / "missing-dir" / "tokens.json")
    with pytest.raises(SecretStorageError, match="cannot write"):
        await store.store("k", "v")


SECRET = "Tq4consumer-secret-Vw"


async def test_a_predictable_temporary_name_prepared_by_someone_else_catches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another user pre-creates the temporary file (a link to a file of theirs, and a plain
    world-readable file) under the names the store would use: the secret goes into neither."""
    path = tmp_path / "tokens.json"
    theirs = tmp_path / "theirs.txt"
    theirs.write_text("", encoding="utf-8")
    old_name = tmp_path / f".tokens.json.{os.getpid()}.tmp"  # the name an older version used
    old_name.symlink_to(theirs)
    taken = tmp_path / ".tokens.json.taken.tmp"
    taken.symlink_to(theirs)
    readable = tmp_path / ".tokens.json.readable.tmp"
    readable.write_text("", encoding="utf-8")
    readable.chmod(0o666)
    names = iter(["taken", "readable", "fresh"])
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: names)
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        synced.append(descriptor)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    await TokenFileSecretStore(path).store("a:consumer", SECRET)
    assert theirs.read_text(encoding="utf-8") == "" and readable.read_text(encoding="utf-8") == ""
    assert SECRET in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and not path.is_symlink()
    assert not (tmp_path / ".tokens.json.fresh.tmp").exists(), "renamed into place"
    assert synced, "the data is flushed to disk before the rename"


async def test_a_token_file_that_is_a_link_is_neither_read_nor_followed(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps({"a:token": {"token": "planted", "secret": "x"}}), "utf-8")
    path = tmp_path / "tokens.json"
    path.symlink_to(theirs)
    store = TokenFileSecretStore(path)
    with pytest.raises(SecretStorageError, match="is a symbolic link") as caught:
        await store.get("a:token")
    assert "pass the real file's path as --token-file" in str(caught.value)
    with pytest.raises(SecretStorageError, match="is a symbolic link"):
        await store.store("a:consumer", SECRET)
    assert SECRET not in theirs.read_text(encoding="utf-8") and path.is_symlink()


async def test_a_token_file_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    os.mkfifo(path)
    with pytest.raises(SecretStorageError, match="is not a regular file"):
        await TokenFileSecretStore(path).get("a:token")


def test_the_fail_backend_is_not_usable(no_keyring: None, tmp_path: Path) -> None:
    assert keyring_usable() is False
    assert isinstance(open_secret_store(None), str)
    chosen = open_secret_store(tmp_path / "t.json")
    assert not isinstance(chosen, str)
    assert isinstance(chosen[0], TokenFileSecretStore) and chosen[1] == str(tmp_path / "t.json")


async def test_a_usable_keyring_is_used_and_the_token_file_too(
    memory_keyring: MemoryKeyring, tmp_path: Path
) -> None:
    assert keyring_usable() is True
    only_keyring = open_secret_store(None)
    assert not isinstance(only_keyring, str)
    assert isinstance(only_keyring[0], KeyringSecretStore)
    assert only_keyring[1] == "the system keyring"

    both = open_secret_store(tmp_path / "t.json")
    assert not isinstance(both, str) and isinstance(both[0], BothSecretStores)
    await both[0].store("name", "value")
    assert memory_keyring.passwords == {("oauth-http", "name"): "value"}
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8")) == {"name": "value"}
    await both[0].delete("name")
    await both[0].delete("name")
    assert memory_keyring.passwords == {}
    assert await both[0].get("name") is None


def terminal(text: str) -> tuple[TerminalInteraction, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return TerminalInteraction(stdin=io.StringIO(text), stdout=out, stderr=err), out, err


async def test_piped_input_answers_one_line_per_question_in_order() -> None:
    interaction, _, err = terminal("first\n\n\nlast\n")
    assert await interaction.ask_text("t", "Consumer key") == "first"
    assert await interaction.ask_text("t", "Key", value="prefilled") == "prefilled"
    assert await interaction.ask_text("t", "Secret", masked=True) == ""
    assert await interaction.ask_text("t", "PIN") == "last"
    assert await interaction.ask_text("t", "More") is None
    assert "Key [prefilled]: " in err.getvalue()
    assert "last" not in err.getvalue()


async def test_no_browser_prints_and_pick_reads_a_number() -> None:
    interaction, out, err = terminal("2\n")
    interaction.open_browser = False
    assert await interaction.open_url("http://127.0.0.1:1/authorize") is False
    await interaction.show_info("visit http://127.0.0.1:1/authorize")
    assert out.getvalue() == "visit http://127.0.0.1:1/authorize\n"
    choices = [PickChoice("a", "A"), PickChoice("b", "B", "authorized")]
    assert await interaction.pick("Which?", choices) == "b"
    assert "2. B (authorized)" in err.getvalue()
