"""`oauthHttp.curlRequest`: the request at a line, ready to paste into a terminal, with its secrets.

The job is built exactly as `oauthHttp.send` builds it (`workspace.send_flow.prepare_job`: the
same variable scope with the session's responses, `# @prompt` values asked) and, when it has
`# @oauth1`, signed with a fresh nonce and timestamp, but it is not sent. The panel's records are
masked, so this is the only way "Copy as cURL" can include the access token and a valid
signature. Unlike a send, a provider that is not authorized is not offered for authorization:
the answer says so.

The answer holds the access token and a live signature: nothing here logs or stores it.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Sequence
from typing import Any

from oauth_http.lsp.arguments import MissingArguments, read_arguments
from oauth_http.lsp.client_interaction import EditorRequestError
from oauth_http.lsp.methods import CURL_REQUEST, CurlRequest, CurlRequestArguments, CurlRequestError
from oauth_http.lsp.send_commands import EditorSends
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.signing import OutgoingRequest
from oauth_http.sending.failures import Failure
from oauth_http.sending.prepare import prepare_signed


class _CopyOnly(EditorSends):
    """Prepares like a send, but never offers to authorize."""

    async def authorize_first(self, provider_id: str) -> bool:
        return False


async def curl_request_command(
    ls: OAuthHttpServer, arguments: Sequence[Any]
) -> CurlRequest | CurlRequestError:
    """The request at `line` of `uri`, prepared and signed but not sent, or `{"error"}`."""
    given = read_arguments(CurlRequestArguments, CURL_REQUEST, arguments)
    if isinstance(given, MissingArguments):
        return _error("oauthHttp.curlRequest needs the document's uri and the request's line.")
    uri, line = given["uri"], given["line"]
    parsed = ls.documents.parsed_or_file(uri)
    if parsed is None:
        return _error(f"Cannot read {uri} to build the request from it.")
    request = parsed.request_at(line)
    if request is None:
        return _error(
            f"There is no request at line {line + 1} of the file any more; send it again from "
            "the .http file, then copy it."
        )
    try:
        prepared_job = await ls.sends.prepare_job(
            ls.context_for(uri), parsed, request, _CopyOnly(ls, uri)
        )
    except (EditorRequestError, SecretStorageError) as error:
        return _error(f"Cannot build the request: {error}.")
    if prepared_job is None:
        return _error("A prompt for the request was cancelled.")
    job, _ = prepared_job
    prepared = await asyncio.to_thread(prepare_signed, job)  # file reads, RSA signing
    if isinstance(prepared, Failure):
        return _error(f"{prepared.message} {prepared.hint}")
    return _answer(prepared)


def _error(message: str) -> CurlRequestError:
    return CurlRequestError(error=message)


def _answer(outgoing: OutgoingRequest) -> CurlRequest:
    body = outgoing.body
    text: str | None = None
    if body is not None:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and "\0" in text:
            text = None  # a shell argument cannot hold a NUL character
    encoded = base64.b64encode(body).decode("ascii") if body is not None and text is None else None
    return CurlRequest(
        method=outgoing.method,
        url=outgoing.url,
        headers=[[name, value] for name, value in outgoing.headers],
        bodyText=text,
        bodyBase64=encoded,
    )
