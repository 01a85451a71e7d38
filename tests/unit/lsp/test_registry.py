"""The handler table: every entry resolves to a real function with the signature the protocol
calls it with, and every command reads its arguments one typed way."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Sequence
from typing import Any

import pytest
from lsprotocol import types
from oauth_http.lsp import methods
from oauth_http.lsp.arguments import MissingArguments, read_arguments
from oauth_http.lsp.main import create_server
from oauth_http.lsp.registry import COMMANDS, FEATURES, Command, Feature
from oauth_http.lsp.server import OAuthHttpServer

CUSTOM_NOTIFICATIONS = {methods.SECRET_CHANGED, methods.WORKSPACE_TRUSTED}


def _hints(function: Any) -> dict[str, Any]:
    return typing.get_type_hints(function)


@pytest.mark.parametrize("feature", FEATURES, ids=lambda f: f.method)
def test_each_feature_handler_takes_the_server_and_its_methods_params(
    feature: Feature[Any, Any],
) -> None:
    handler = feature.load()
    assert inspect.iscoroutinefunction(handler) is feature.is_async, "is_async is wrong"
    parameters = list(inspect.signature(handler).parameters)
    assert len(parameters) == 2, f"{handler.__qualname__} takes {parameters}"
    hints = _hints(handler)
    assert hints[parameters[0]] is OAuthHttpServer
    if feature.method in CUSTOM_NOTIFICATIONS:
        return
    expected = types.METHOD_TO_TYPES[feature.method][2]
    assert hints[parameters[1]] is (expected or type(None)), (
        f"{handler.__qualname__} is called with {expected}"
    )


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_each_command_handler_is_async_and_takes_the_raw_arguments(command: Command[Any]) -> None:
    handler = command.load()
    assert inspect.iscoroutinefunction(handler)
    parameters = list(inspect.signature(handler).parameters)
    hints = _hints(handler)
    assert [hints[name] for name in parameters] == [OAuthHttpServer, Sequence[Any]]


def test_every_command_that_sends_reads_request_files_or_authorizes_is_restricted() -> None:
    """In Restricted Mode these answer their refusal (`workspace_trust.py`); the others only
    read the workspace or the editor's secret storage."""
    restricted = {command.name for command in COMMANDS if command.restricted is not None}
    assert restricted == {methods.SEND, methods.SEND_ALL, methods.AUTHORIZE, methods.CURL_REQUEST}
    for command in COMMANDS:
        if command.restricted is not None:
            parameters = list(inspect.signature(command.restricted()).parameters)
            assert len(parameters) == 1, command.name


def test_the_table_covers_every_command_and_nothing_twice() -> None:
    names = [command.name for command in COMMANDS]
    declared = {
        value
        for name, value in vars(methods).items()
        if name.isupper() and isinstance(value, str) and value.startswith("oauthHttp.")
    }
    assert sorted(names) == sorted(declared)
    assert len({feature.method for feature in FEATURES}) == len(FEATURES)


def test_the_server_registers_every_entry() -> None:
    server = create_server()
    assert {c.name for c in COMMANDS} <= set(server.protocol.fm.commands)
    assert {f.method for f in FEATURES} <= set(server.protocol.fm.features)


def test_arguments_are_read_into_the_typed_dict() -> None:
    read = read_arguments(
        methods.SendArguments, methods.SEND, [{"uri": "file:///a.http", "line": 3, "x": 1}]
    )
    assert read == {"uri": "file:///a.http", "line": 3}


def test_values_of_the_wrong_type_are_dropped_and_required_ones_reported() -> None:
    dropped = read_arguments(
        methods.SignOutArguments, methods.SIGN_OUT, [{"provider": "", "forgetConsumer": "yes"}]
    )
    assert dropped == {}
    missing = read_arguments(
        methods.CurlRequestArguments, methods.CURL_REQUEST, [{"uri": "f", "line": True}]
    )
    assert isinstance(missing, MissingArguments) and missing.keys == ("line",)
    assert "oauthHttp.curlRequest needs line" in missing.message


def test_a_bare_string_and_a_namedtuple_are_read_too() -> None:
    assert read_arguments(
        methods.AuthorizeArguments, methods.AUTHORIZE, ["sandbox"], bare_string="provider"
    ) == {"provider": "sandbox"}

    class Given(typing.NamedTuple):
        uri: str
        onlyUsed: bool  # noqa: N815 (the wire name)

    assert read_arguments(
        methods.ProvidersArguments, methods.PROVIDERS, [Given("file:///a", True)]
    ) == {"uri": "file:///a", "onlyUsed": True}
    assert read_arguments(methods.ProvidersArguments, methods.PROVIDERS, []) == {}
