"""The language half of the server over stdio: lenses, symbols, folding, hover, definition,
completion and diagnostics on the examples and on broken documents."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
from lsprotocol import types
from oauth_http.lsp import methods

from tests.lsp.editor import EditorClient, ServerOptions
from tests.paths import EXAMPLES


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The examples, in a folder whose name is not ASCII."""
    folder = tmp_path / "project ü"
    shutil.copytree(EXAMPLES, folder)
    return folder


@pytest.fixture
def server_options() -> ServerOptions:
    return ServerOptions(settings={"environment": "sandbox"})


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines()) if needle in line)


async def test_server_advertises_its_features(client: EditorClient) -> None:
    result: types.InitializeResult = client.initialize_result
    capabilities = result.capabilities
    assert result.server_info is not None and result.server_info.name == "oauth-http"
    assert capabilities.code_lens_provider is not None
    assert capabilities.code_lens_provider.resolve_provider is True
    assert capabilities.hover_provider and capabilities.definition_provider
    assert capabilities.document_symbol_provider and capabilities.folding_range_provider
    assert capabilities.completion_provider is not None
    sync = capabilities.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions)
    assert sync.change == types.TextDocumentSyncKind.Incremental
    assert capabilities.execute_command_provider is not None
    assert {methods.AUTHORIZE, methods.SIGN_OUT, methods.PROVIDERS} <= set(
        capabilities.execute_command_provider.commands
    )


async def test_code_lenses_send_and_authorize(client: EditorClient) -> None:
    path = client.folder / "twitter.http"
    text = path.read_text(encoding="utf-8")
    uri = client.open(path)
    document = types.TextDocumentIdentifier(uri=uri)
    params = types.CodeLensParams(text_document=document)
    first = await client.lsp.text_document_code_lens_async(params)
    assert first is not None and len(first) == 3, "until the token is looked up: Send only"
    refreshes = client.editor.lens_refreshes
    await asyncio.wait_for(refreshes.wait(), timeout=10)
    lenses = await client.lsp.text_document_code_lens_async(params)
    assert lenses is not None
    request_lines = [line_of(text, "GET {{apiUrl}}/account"), line_of(text, "home_timeline")]
    request_lines.append(line_of(text, "POST {{apiUrl}}"))
    assert sorted({lens.range.start.line for lens in lenses}) == request_lines
    assert all(lens.command is None for lens in lenses), "lenses are resolved lazily"
    resolved = [await client.lsp.code_lens_resolve_async(lens) for lens in lenses]
    titles = sorted(lens.command.title for lens in resolved if lens.command)
    assert titles == ["Authorize sandbox"] * 3 + ["Send request"] * 3
    send = next(lens for lens in resolved if lens.command and lens.command.title == "Send request")
    assert send.command is not None
    assert send.command.command == methods.SEND
    assert list(send.command.arguments or []) == [{"uri": uri, "line": send.range.start.line}]


async def test_no_authorize_lens_once_the_provider_holds_a_token(client: EditorClient) -> None:
    project = client.folder
    client.editor.vault[f"oauthHttp:{project.as_uri()}:sandbox:token"] = json.dumps(
        {"token": "t", "secret": "s"}
    )
    uri = client.open(project / "twitter.http")
    document = types.TextDocumentIdentifier(uri=uri)
    await client.lsp.text_document_code_lens_async(types.CodeLensParams(text_document=document))
    await asyncio.sleep(0.5)
    refreshes = client.editor.lens_refreshes
    assert not refreshes.is_set(), "nothing to refresh: the provider is authorized"
    lenses = await client.lsp.text_document_code_lens_async(
        types.CodeLensParams(text_document=document)
    )
    assert lenses is not None and len(lenses) == 3


async def test_a_sign_out_elsewhere_brings_the_authorize_lens_back(
    client: EditorClient,
) -> None:
    project = client.folder
    key = f"oauthHttp:{project.as_uri()}:sandbox:token"
    client.editor.vault[key] = json.dumps({"token": "t", "secret": "s"})
    uri = client.open(project / "twitter.http")
    params = types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri))
    await client.lsp.text_document_code_lens_async(params)
    await asyncio.sleep(0.3)  # the token is read and cached: no Authorize lens
    refreshes = client.editor.lens_refreshes
    assert not refreshes.is_set()

    del client.editor.vault[key]
    client.lsp.protocol.notify(methods.SECRET_CHANGED, {"key": key})
    await asyncio.wait_for(refreshes.wait(), timeout=10)
    refreshes.clear()
    await client.lsp.text_document_code_lens_async(params)
    await asyncio.wait_for(refreshes.wait(), timeout=10)  # read again: the token is gone
    lenses = await client.lsp.text_document_code_lens_async(params)
    assert lenses is not None
    assert sum(1 for lens in lenses if lens.data and len(lens.data) == 2) == 3, "Authorize x3"

    client.lsp.protocol.notify(methods.SECRET_CHANGED, {"key": "oauthHttp:unknown"})
    client.lsp.protocol.notify(methods.SECRET_CHANGED, {"nokey": 1})
    hover = await client.lsp.text_document_hover_async(
        types.HoverParams(
            text_document=params.text_document, position=types.Position(line=0, character=0)
        )
    )
    assert hover is None or hover.contents is not None, "the server answers after odd notifications"


async def test_symbols_and_folding(client: EditorClient) -> None:
    path = client.folder / "basics.http"
    text = path.read_text(encoding="utf-8")
    uri = client.open(path)
    document = types.TextDocumentIdentifier(uri=uri)
    symbols = await client.lsp.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=document)
    )
    names = [symbol.name for symbol in symbols or []]
    assert names == [
        "@base",
        "echo",
        "A JSON body, with a request id from a system variable",
        "A form body over several lines, REST Client style",
        "A long query string on continuation lines",
    ]
    folds = await client.lsp.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=document)
    )
    assert folds is not None
    starts = sorted(fold.start_line for fold in folds)
    assert starts[0] == line_of(text, "### Echo")
    assert len(folds) == 4


async def test_hover_shows_value_and_source(client: EditorClient) -> None:
    path = client.folder / "twitter.http"
    text = path.read_text(encoding="utf-8")
    uri = client.open(path)
    line = line_of(text, "home_timeline")
    column = text.splitlines()[line].index("{{apiUrl}}") + 3
    hover = await client.lsp.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=at(line, column)
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert "http://127.0.0.1:8765/1.1" in hover.contents.value
    assert "environment `sandbox` in http-client.env.json" in hover.contents.value


async def test_hover_masks_secret_looking_values(client: EditorClient) -> None:
    project = client.folder
    text = "@apiToken = abcdefghijklmnop\n\nGET http://127.0.0.1:1/x?t={{apiToken}}\n"
    uri = client.open(project / "secret.http", text)
    hover = await client.lsp.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(2, 30))
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    assert "abcdefghijklmnop" not in hover.contents.value and "ab…" not in hover.contents.value
    assert "••••" in hover.contents.value, "masked whole"
    assert "apiToken" in hover.contents.value


async def test_definition_of_file_and_environment_variables(client: EditorClient) -> None:
    project = client.folder
    basics = (project / "basics.http").read_text(encoding="utf-8")
    uri = client.open(project / "basics.http")
    line = line_of(basics, "GET {{base}}/1.1/echo?q")
    location = await client.lsp.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=at(line, 7)
        )
    )
    assert isinstance(location, types.Location)
    assert location.uri == uri
    assert location.range.start.line == line_of(basics, "@base =")

    line = line_of(basics, "User-Agent: {{userAgent}}")
    location = await client.lsp.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=at(line, 15)
        )
    )
    assert isinstance(location, types.Location)
    assert location.uri.endswith("http-client.env.json")
    env_text = (project / "http-client.env.json").read_text(encoding="utf-8")
    assert location.range.start.line == line_of(env_text, '"userAgent"')


BROKEN = """\
@dup = 1

### one
# @name twice
get http://127.0.0.1:1/a

### two
# @name twice
# @oauth1 nosuchprovider
GET http://127.0.0.1:1/b?x={{undefinedThing}}&t={{$nosuchsystem}}
Content-Type: text/plain
NoColonHeader

body on a GET

### three
POST http://127.0.0.1:1/c
Content-Type: text/plain

< ./missing-file.txt
"""


async def test_diagnostics_name_each_problem(client: EditorClient) -> None:
    project = client.folder
    uri = client.open(project / "broken.http", BROKEN)
    found = await client.diagnostics(uri)
    by_line: dict[int, list[types.Diagnostic]] = {}
    for diagnostic in found:
        by_line.setdefault(diagnostic.range.start.line, []).append(diagnostic)
    messages = "\n".join(f"{d.range.start.line}: {d.message}" for d in found)

    def has(line_text: str, *words: str) -> types.Diagnostic:
        line = line_of(BROKEN, line_text)
        for diagnostic in by_line.get(line, []):
            if all(word.lower() in diagnostic.message.lower() for word in words):
                return diagnostic
        raise AssertionError(f"no diagnostic with {words} on line {line}:\n{messages}")

    assert has("get http", "GET").severity == types.DiagnosticSeverity.Warning
    assert "undefinedThing" in has("undefinedThing", "undefinedThing").message
    has("undefinedThing", "nosuchsystem")
    has("# @oauth1 nosuchprovider", "nosuchprovider")
    has("NoColonHeader", "colon")
    has("< ./missing-file.txt", "missing-file.txt", "not found")
    duplicate = [d for d in found if "'twice'" in d.message and "already used" in d.message]
    assert duplicate, messages
    body = has("body on a GET", "body")
    assert body.severity == types.DiagnosticSeverity.Information


async def test_env_file_problems_are_reported_in_the_env_file(client: EditorClient) -> None:
    project = client.folder
    env_path = project / "http-client.env.json"
    broken = '{\n  "sandbox": {\n    "apiUrl": [1, 2]\n  },\n  "oops": 3\n}\n'
    env_uri = client.open(env_path, broken)
    found = await client.diagnostics(env_uri)
    lines = sorted(d.range.start.line for d in found)
    assert lines == [2, 4], [d.message for d in found]


async def test_completion_in_each_place(client: EditorClient) -> None:
    project = client.folder
    text = (
        "@host = http://127.0.0.1:1\n"
        "# @\n"
        "# @oauth1 \n"
        "GET {{host}}/x?a={{$\n"
        "Content-Type: \n"
        "Acc\n"
        "\n"
        "### next\n"
        "PO\n"
        "X-A: {{\n"
    )
    uri = client.open(project / "complete.http", text)
    document = types.TextDocumentIdentifier(uri=uri)

    async def labels(line: int) -> list[str]:
        character = len(text.splitlines()[line])
        result = await client.lsp.text_document_completion_async(
            types.CompletionParams(text_document=document, position=at(line, character))
        )
        items = result.items if isinstance(result, types.CompletionList) else result or []
        return [item.label for item in items]

    assert {"oauth1", "name", "prompt", "timeout", "no-redirect"} <= set(await labels(1))
    assert {"sandbox", "twitter", "flickr"} <= set(await labels(2))
    assert {"timestamp", "guid", "randomInt", "datetime"} <= set(await labels(3))
    assert "application/json" in await labels(4)
    assert "Accept" in await labels(5)
    assert "POST" in await labels(8)
    variables = await labels(9)
    assert "host" in variables
    assert "apiUrl" in variables, "environment variables are offered too"


async def test_edits_move_lenses_and_bad_input_keeps_server_up(client: EditorClient) -> None:
    project = client.folder
    uri = client.open(project / "edit.http", "GET http://127.0.0.1:1/a\n")
    document = types.TextDocumentIdentifier(uri=uri)
    garbage = "\x00{{\r\n###\r\n\t}}{{$\u2028 @x=\n< \n\ud7ff GET ::: HTTP/9\r<> {% x"
    client.lsp.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=at(0, 0), end=at(0, 0)), text=garbage
                ),
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=at(0, 0), end=at(0, 0)), text="# top\n\n"
                ),
            ],
        )
    )
    lenses = await client.lsp.text_document_code_lens_async(
        types.CodeLensParams(text_document=document)
    )
    assert lenses is not None
    await client.diagnostics(uri)
    for line in range(8):
        await client.lsp.text_document_hover_async(
            types.HoverParams(text_document=document, position=at(line, 2))
        )
    symbols = await client.lsp.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=document)
    )
    assert symbols is not None


async def test_utf16_columns_on_lines_with_emoji(client: EditorClient) -> None:
    project = client.folder
    text = "@v = 1\r\n\r\nGET http://127.0.0.1:1/😀😀?q={{v}}\r\n"
    uri = client.open(project / "emoji.http", text)
    # In UTF-16 each emoji is two units: "GET http://127.0.0.1:1/" is 23, the emoji 4, "?q=" 3.
    hover = await client.lsp.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(2, 32))
    )
    assert hover is not None and hover.range is not None
    assert hover.range.start.character == 30
    assert hover.range.end.character == 35


async def test_environments_command_lists_the_env_file(client: EditorClient) -> None:
    project = client.folder
    uri = (project / "basics.http").as_uri()
    result = await client.execute(methods.ENVIRONMENTS, {"uri": uri})
    assert result["environments"] == ["sandbox", "x"]
    assert result["selected"] == "sandbox"
    assert [Path(p).name for p in result["files"]] == ["http-client.env.json"]


@pytest.mark.parametrize(
    "example", sorted(str(p.relative_to(EXAMPLES)) for p in EXAMPLES.rglob("*.http"))
)
async def test_examples_have_no_problems(client: EditorClient, example: str) -> None:
    project = client.folder
    uri = client.open(project / example)
    found = await client.diagnostics(uri)
    serious = [
        f"{d.range.start.line + 1}: {d.message}"
        for d in found
        if d.severity in (types.DiagnosticSeverity.Error, types.DiagnosticSeverity.Warning)
    ]
    assert serious == []


async def test_providers_of_one_document_for_the_status_bar(client: EditorClient) -> None:
    project = client.folder
    uri = client.open(project / "twitter.http")
    used = await client.execute(methods.PROVIDERS, {"uri": uri, "onlyUsed": True})
    assert [(p["id"], p["authorized"]) for p in used] == [("sandbox", False)]
    every = await client.execute(methods.PROVIDERS, {"uri": uri})
    assert {"sandbox", "twitter", "flickr"} <= {p["id"] for p in every}
