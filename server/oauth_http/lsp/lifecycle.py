"""The server's life cycle: settings at initialize and on change, warm-up (and the sweep of the
body folders dead processes left), and shutdown.

Kept apart from document syncing so that answering `initialize` imports nothing heavy.
"""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types

from oauth_http.lsp.registry import warm_up
from oauth_http.lsp.server import OAuthHttpServer
from oauth_http.lsp.workspace_trust import trusted_at_start

logger = logging.getLogger(__name__)

CONFIGURATION_SECTION = "oauthHttp"


async def _load_settings(ls: OAuthHttpServer) -> None:
    try:
        sections = await ls.workspace_configuration_async(
            types.ConfigurationParams(
                items=[types.ConfigurationItem(section=CONFIGURATION_SECTION)]
            )
        )
    except Exception:  # the client may not support workspace/configuration
        logger.info("The client did not answer workspace/configuration; using defaults")
        return
    if sections:
        ls.settings.update(sections[0])
    ls.contexts.invalidate()
    from oauth_http.lsp import diagnostics

    diagnostics.schedule_all(ls)


def initialize(ls: OAuthHttpServer, params: types.InitializeParams) -> None:
    """Settings may come with `initializationOptions.settings`, so the first features see them
    before the workspace/configuration round trip has finished; `workspaceTrusted` says whether
    the workspace is trusted (`workspace_trust.py`)."""
    options = params.initialization_options
    ls.workspace_trusted = trusted_at_start(options)
    if isinstance(options, dict) and isinstance(options.get("settings"), dict):
        ls.settings.update(options["settings"])


def _sweep_body_folders() -> None:
    """Remove the body folders of servers and CLI runs that died without cleaning up."""
    from oauth_http.sending.body_folders import default_root, sweep_dead_folders

    sweep_dead_folders(default_root())


async def initialized(ls: OAuthHttpServer, params: types.InitializedParams) -> None:
    loop = asyncio.get_running_loop()
    loop.run_in_executor(None, warm_up)
    loop.run_in_executor(None, _sweep_body_folders)
    await _load_settings(ls)


async def did_change_configuration(
    ls: OAuthHttpServer, params: types.DidChangeConfigurationParams
) -> None:
    await _load_settings(ls)


def shutdown(ls: OAuthHttpServer, params: None) -> None:
    """Close HTTP sessions and delete temporary body files before the client stops us."""
    ls.close_sends()
