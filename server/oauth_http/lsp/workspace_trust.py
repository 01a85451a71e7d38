"""Workspace Trust: what the server does in VS Code's Restricted Mode, and the grant of trust.

The editor says whether the workspace is trusted in `initializationOptions.workspaceTrusted`
(absent: trusted, as for an editor without Workspace Trust) and sends `oauthHttp/workspaceTrusted`
when the user trusts it; VS Code never takes trust back without reloading the window, so there is
no way back. In Restricted Mode the language features answer as usual, but every command that
reaches the network, reads local files for a request or starts an authorization (`registry.py`
marks them with `restricted=`) is refused with `restricted_message`, and the lenses say what
trusting the workspace would allow; their command opens VS Code's Manage Workspace Trust editor.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from oauth_http.lsp import methods
from oauth_http.lsp.server import OAuthHttpServer

# VS Code's own command that opens the Workspace Trust editor.
MANAGE_TRUST_COMMAND = "workbench.trust.manage"

INITIALIZATION_OPTION = "workspaceTrusted"


def restricted_message(action: str) -> str:
    """Why `action` ("send requests") was refused, and where to allow it."""
    return f"This workspace is in Restricted Mode: trust it to {action} (Manage Workspace Trust)."


def trusted_at_start(initialization_options: object) -> bool:
    """Whether the editor started the server in a trusted workspace: only an explicit `false`
    means Restricted Mode."""
    if isinstance(initialization_options, dict):
        return initialization_options.get(INITIALIZATION_OPTION) is not False
    return True


def workspace_trusted(ls: OAuthHttpServer, params: Any) -> None:
    """`oauthHttp/workspaceTrusted`: the user trusted the workspace; the lenses turn into
    "Send request" and "Authorize PROVIDER"."""
    if ls.workspace_trusted:
        return
    ls.workspace_trusted = True
    from oauth_http.lsp.code_lens import refresh_code_lenses

    refresh_code_lenses(ls)


def trust_lens(title: str) -> types.Command:
    """A lens that shows what trusting the workspace would allow and opens Manage Workspace
    Trust."""
    return types.Command(title=title, command=MANAGE_TRUST_COMMAND)


def _warn(ls: OAuthHttpServer, message: str) -> str:
    ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))
    return message


def refuse_send(ls: OAuthHttpServer) -> methods.SendAnswer:
    return {"status": "failed", "message": _warn(ls, restricted_message("send requests"))}


def refuse_send_all(ls: OAuthHttpServer) -> methods.SendAllAnswer:
    return {"status": "failed", "message": _warn(ls, restricted_message("send requests"))}


def refuse_authorize(ls: OAuthHttpServer) -> methods.CommandOutcome:
    return {"status": "failed", "message": _warn(ls, restricted_message("authorize providers"))}


def refuse_curl(ls: OAuthHttpServer) -> methods.CurlRequestError:
    """The panel shows the error itself ("Nothing was copied. ...")."""
    return {"error": restricted_message("copy requests with their credentials")}
