"""The authorization flows' interfaces over LSP: prompts, secrets and progress answered by the
editor.

Prompts and secrets travel as the custom requests in `methods`; the browser opens through
`window/showDocument` (external), messages through `window/showMessage` (with buttons,
`window/showMessageRequest`), progress through work-done progress. Replies to custom requests
arrive as namedtuples or dicts; both are read.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from lsprotocol import types

from oauth_http.lsp.methods import (
    ASK_TEXT,
    DELETE_SECRET,
    GET_SECRET,
    PICK,
    STORE_SECRET,
    AskTextParams,
    PickItem,
    PickParams,
    SecretKeyParams,
    StoreSecretParams,
)
from oauth_http.oauth.errors import SecretStorageError
from oauth_http.oauth.interaction import PickChoice

if TYPE_CHECKING:
    from oauth_http.lsp.server import OAuthHttpServer

logger = logging.getLogger(__name__)


class EditorRequestError(Exception):
    """The editor failed to answer a prompt request (not a cancel: an error)."""


def reply_field(reply: object, name: str) -> object:
    """Field `name` of a custom request's reply, whether a dict, a namedtuple or None."""
    if reply is None:
        return None
    if isinstance(reply, Mapping):
        return reply.get(name)
    return getattr(reply, name, None)


class LspUserInteraction:
    def __init__(self, ls: OAuthHttpServer) -> None:
        self.ls = ls

    async def _request(self, method: str, params: object) -> object:
        try:
            return await self.ls.protocol.send_request_async(method, params)
        except Exception as error:
            raise EditorRequestError(f"the editor did not answer {method} ({error})") from error

    async def ask_text(
        self,
        title: str,
        prompt: str,
        *,
        masked: bool = False,
        placeholder: str = "",
        value: str = "",
    ) -> str | None:
        params: AskTextParams = {
            "title": title,
            "prompt": prompt,
            "masked": masked,
            "placeholder": placeholder,
            "value": value,
        }
        answer = reply_field(await self._request(ASK_TEXT, params), "value")
        return answer if isinstance(answer, str) else None

    async def pick(self, title: str, items: Sequence[PickChoice]) -> str | None:
        choices: list[PickItem] = [
            {"id": item.id, "label": item.label, "description": item.description} for item in items
        ]
        params: PickParams = {"title": title, "placeholder": title, "items": choices}
        chosen = reply_field(await self._request(PICK, params), "id")
        return chosen if isinstance(chosen, str) else None

    async def open_url(self, url: str) -> bool:
        try:
            result = await self.ls.window_show_document_async(
                types.ShowDocumentParams(uri=url, external=True)
            )
        except Exception:
            logger.warning("window/showDocument failed for the authorize page", exc_info=True)
            return False
        return bool(result and result.success)

    async def choose(self, text: str, actions: Sequence[str]) -> str | None:
        """`window/showMessageRequest`; when the flow stops waiting, the request is cancelled
        (`$/cancelRequest`), which a client may use to close the message."""
        request_id = f"oauthHttp-choose-{uuid.uuid4()}"
        params = types.ShowMessageRequestParams(
            type=types.MessageType.Info,
            message=text,
            actions=[types.MessageActionItem(title=action) for action in actions],
        )
        try:
            chosen = await self.ls.protocol.send_request_async(
                types.WINDOW_SHOW_MESSAGE_REQUEST, params, msg_id=request_id
            )
        except asyncio.CancelledError:
            self.ls.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=request_id))
            raise
        except Exception:
            logger.warning("the client did not answer window/showMessageRequest", exc_info=True)
            return None
        title = reply_field(chosen, "title")
        return title if isinstance(title, str) else None

    async def confirm(self, text: str, action: str) -> bool:
        """A warning message with the one button `action`; dismissing it refuses."""
        params = types.ShowMessageRequestParams(
            type=types.MessageType.Warning,
            message=text,
            actions=[types.MessageActionItem(title=action)],
        )
        try:
            chosen = await self.ls.protocol.send_request_async(
                types.WINDOW_SHOW_MESSAGE_REQUEST, params
            )
        except Exception:
            logger.warning("the client did not answer window/showMessageRequest", exc_info=True)
            return False
        return reply_field(chosen, "title") == action

    async def show_info(self, text: str) -> None:
        self._show(types.MessageType.Info, text)

    async def show_error(self, text: str) -> None:
        self._show(types.MessageType.Error, text)

    def _show(self, kind: types.MessageType, text: str) -> None:
        self.ls.window_show_message(types.ShowMessageParams(type=kind, message=text))


class LspSecretStore:
    """The editor's SecretStorage through `oauthHttp/getSecret`, `storeSecret`, `deleteSecret`."""

    def __init__(self, ls: OAuthHttpServer) -> None:
        self.ls = ls
        # The server's cache of secrets already read, so repeated sends do not ask the editor
        # each time; every store and delete goes through here, which keeps it current.
        self._cache: dict[str, str | None] = ls.secret_cache

    async def _request(self, method: str, params: object, action: str) -> object:
        try:
            return await self.ls.protocol.send_request_async(method, params)
        except Exception as error:
            raise SecretStorageError(f"the editor could not {action} a secret ({error})") from error

    async def get(self, key: str) -> str | None:
        if key in self._cache:
            return self._cache[key]
        params: SecretKeyParams = {"key": key}
        value = reply_field(await self._request(GET_SECRET, params, "read"), "value")
        found = value if isinstance(value, str) else None
        self._cache[key] = found
        return found

    async def store(self, key: str, value: str) -> None:
        params: StoreSecretParams = {"key": key, "value": value}
        self._cache.pop(key, None)
        await self._request(STORE_SECRET, params, "store")
        self._cache[key] = value

    async def delete(self, key: str) -> None:
        params: SecretKeyParams = {"key": key}
        self._cache.pop(key, None)
        await self._request(DELETE_SECRET, params, "delete")
        self._cache[key] = None


class LspProgress:
    """Work-done progress, one token per `begin`; cancellable when the client allows it."""

    def __init__(self, ls: OAuthHttpServer) -> None:
        self.ls = ls
        self.token: str | None = None

    def _client_shows_progress(self) -> bool:
        window = self.ls.client_capabilities.window
        return bool(window and window.work_done_progress)

    async def begin(self, title: str, message: str) -> None:
        if not self._client_shows_progress():
            return
        token = f"oauthHttp-{uuid.uuid4()}"
        try:
            await self.ls.work_done_progress.create_async(token)
        except Exception:
            logger.warning("the client refused a progress token", exc_info=True)
            return
        self.token = token
        self.ls.work_done_progress.begin(
            token, types.WorkDoneProgressBegin(title=title, message=message, cancellable=True)
        )

    async def report(self, message: str) -> None:
        if self.token is not None:
            self.ls.work_done_progress.report(
                self.token, types.WorkDoneProgressReport(message=message)
            )

    async def end(self, message: str) -> None:
        if self.token is None:
            return
        self.ls.work_done_progress.end(
            self.token, types.WorkDoneProgressEnd(message=message or None)
        )
        # pygls keeps every ended token otherwise (openlawlibrary/pygls#607)
        self.ls.work_done_progress.tokens.pop(self.token, None)
        self.token = None

    @property
    def cancelled(self) -> bool:
        if self.token is None:
            return False
        future = self.ls.work_done_progress.tokens.get(self.token)
        return bool(future is not None and future.cancelled())

    def on_cancel(self, callback: Callable[[], None]) -> None:
        """Call `callback` as soon as the user cancels (pygls cancels the token's future when
        `window/workDoneProgress/cancel` arrives); at once when already cancelled."""
        future = self.ls.work_done_progress.tokens.get(self.token) if self.token else None
        if future is not None:
            future.add_done_callback(lambda done: callback() if done.cancelled() else None)
