"""Every custom method and command between the server and the VS Code extension, in one place.

The TypeScript twin is `extension/src/protocol.ts`; change both together. Payload keys are
camelCase JSON identifiers (pygls turns replies to custom requests into namedtuples, so keys must be
valid Python identifiers). Header maps travel as lists of `[name, value]` pairs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypedDict

if TYPE_CHECKING:
    # The response record's types are the core's (`sending/record_types.py`) and part of this
    # wire schema as the `oauthHttp/response` payload, so they are re-exported here (`X as X`).
    # For type checkers only: the server loads this module at start, and `sending/` must not
    # load until a request is sent.
    from oauth_http.sending.record_types import RecordBody as RecordBody  # noqa: PLC0414
    from oauth_http.sending.record_types import RecordError as RecordError  # noqa: PLC0414
    from oauth_http.sending.record_types import RecordOAuth as RecordOAuth  # noqa: PLC0414
    from oauth_http.sending.record_types import RecordRequest as RecordRequest  # noqa: PLC0414
    from oauth_http.sending.record_types import RecordTiming as RecordTiming  # noqa: PLC0414
    from oauth_http.sending.record_types import ResponseRecord as ResponseRecord  # noqa: PLC0414

# Commands the client runs with workspace/executeCommand (also the CodeLens commands).
SEND = "oauthHttp.send"
SEND_ALL = "oauthHttp.sendAll"
AUTHORIZE = "oauthHttp.authorize"
SIGN_OUT = "oauthHttp.signOut"
PROVIDERS = "oauthHttp.providers"
ENVIRONMENTS = "oauthHttp.environments"
MOVE_CONSUMER_SECRET = "oauthHttp.moveConsumerSecret"
CURL_REQUEST = "oauthHttp.curlRequest"

# Requests from the server to the client.
ASK_TEXT = "oauthHttp/askText"
PICK = "oauthHttp/pick"
GET_SECRET = "oauthHttp/getSecret"
STORE_SECRET = "oauthHttp/storeSecret"
DELETE_SECRET = "oauthHttp/deleteSecret"

# Notifications from the server to the client.
RESPONSE = "oauthHttp/response"
PROVIDERS_CHANGED = "oauthHttp/providersChanged"

# Notifications from the client to the server.
SECRET_CHANGED = "oauthHttp/secretChanged"
# The user trusted the workspace (no params): sending and authorizing are allowed from now on.
WORKSPACE_TRUSTED = "oauthHttp/workspaceTrusted"

# Requests from the client to the server. Debug only: registered when the server runs with
# OAUTH_HTTP_DEBUG_STATS=1 (`make bench`'s soak reads it); the extension never sends it.
DEBUG_STATS = "oauthHttp/debugStats"


class AskTextParams(TypedDict):
    """Ask for one line of text. Reply `{"value": str}`, or `{"value": None}` when cancelled."""

    title: str
    prompt: str
    masked: bool
    placeholder: str
    value: str


class PickItem(TypedDict):
    id: str
    label: str
    description: str


class PickParams(TypedDict):
    """Pick one item. Reply `{"id": str}`, or `{"id": None}` when cancelled."""

    title: str
    placeholder: str
    items: list[PickItem]


class SecretKeyParams(TypedDict):
    """Get (reply `{"value": str | None}`) or delete (reply `{}`) one workspace secret; also the
    `oauthHttp/secretChanged` notification: the editor's secret storage changed that key (another
    window signed out, say), so the server reads it again when it needs it."""

    key: str


class StoreSecretParams(TypedDict):
    """Store one workspace secret. Reply `{}`."""

    key: str
    value: str


class SendArguments(TypedDict, total=False):
    """Arguments of `oauthHttp.send`: the document and the request, by line or by name."""

    uri: str
    line: int
    name: str


class SendAllArguments(TypedDict):
    """Arguments of `oauthHttp.sendAll`."""

    uri: str


class SendAnswer(TypedDict, total=False):
    """`oauthHttp.send`'s answer. The record itself arrives first, as the `oauthHttp/response`
    notification `recordId` names; `status` is "sent", "cancelled" or "failed" (with `message`,
    also shown to the user)."""

    status: str
    recordId: str
    message: str


class SendAllAnswer(TypedDict, total=False):
    """`oauthHttp.sendAll`'s answer: `status` "done", "stopped" (at the failed request on `line`),
    "cancelled" or "failed" (with `message`); `sent` counts the records sent."""

    status: str
    sent: int
    line: int
    message: str


class CurlRequestArguments(TypedDict):
    """Arguments of `oauthHttp.curlRequest`: the document and a line of the request (0-based)."""

    uri: str
    line: int


class CurlRequest(TypedDict):
    """`oauthHttp.curlRequest`'s answer: the request as a send would put it on the wire, signed
    afresh and NOT masked (for "Copy as cURL" with secrets; never log or store it). The body is
    `bodyText` when it is UTF-8 text without NUL characters, else `bodyBase64`."""

    method: str
    url: str
    headers: list[list[str]]
    bodyText: str | None
    bodyBase64: str | None


class CurlRequestError(TypedDict):
    """`oauthHttp.curlRequest`'s answer when the request cannot be prepared: why, and what to do."""

    error: str


class AuthorizeArguments(TypedDict, total=False):
    """Arguments of `oauthHttp.authorize`; without `provider` the user picks one."""

    uri: str
    provider: str


class SignOutArguments(TypedDict, total=False):
    uri: str
    provider: str
    forgetConsumer: bool


class CommandOutcome(TypedDict):
    """The answer of `oauthHttp.authorize`, `signOut` and `moveConsumerSecret`: `status` is
    "authorized", "signedOut", "moved", "cancelled" or "failed"; `message` says what happened."""

    status: str
    message: str


class DocumentArguments(TypedDict, total=False):
    """Arguments of `oauthHttp.environments`: the document they apply to."""

    uri: str


class EnvironmentsAnswer(TypedDict):
    """`oauthHttp.environments`' answer: the environment names, the selected one, and the env
    files they come from."""

    environments: list[str]
    selected: str | None
    files: list[str]


class MoveConsumerSecretArguments(TypedDict):
    """Arguments of `oauthHttp.moveConsumerSecret` (the server's own Quick Fix): where the
    "Consumer Secret" key starts in the env file (0-based line, UTF-16 character)."""

    uri: str
    line: int
    character: int


class ProvidersArguments(TypedDict, total=False):
    """Arguments of `oauthHttp.providers`: with `onlyUsed`, only the providers that the
    document's `# @oauth1` lines name (for the status bar); else every provider it can use."""

    uri: str
    onlyUsed: bool


class ProviderState(TypedDict):
    """One entry of `oauthHttp.providers`' answer. `authorized`: it can sign (a token is stored,
    or for a "Consumer Only" `flow` its consumer is known); `flow` is "PIN", "Loopback", "Paste"
    or "Consumer Only"."""

    id: str
    label: str
    authorized: bool
    source: Literal["preset", "environment", "preset+environment"]
    flow: str
