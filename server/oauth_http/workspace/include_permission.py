"""Asking before a send reads a body file outside the workspace folder, for both front ends.

Before a request is handed to the front end to send, `allow_outside_includes` looks at its body
includes (paths resolved as the send resolves them); each one whose real path lies outside the
workspace folder (`sending.outside_files`) is put to the front end's `OutsidePermission`. The
paths it allows go into the job's `IncludeReach`; the send refuses every other outside file,
naming it, and sends nothing.

The editor's permission (`StoredPermission`) asks through `UserInteraction.choose`, naming the
file, and keeps each allowed real path in the secret store under the workspace folder
(`allowedPaths`), outside the workspace's own files, so that workspace does not ask again; a
refusal is not kept, so the next send asks again. The CLI's is the `--allow-outside` paths of
one run.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Protocol

from oauth_http.oauth.interaction import SecretStore, UserInteraction
from oauth_http.oauth.secret_keys import allowed_paths_name, decode_strings, encode_strings
from oauth_http.sending.files import DiskFileReader
from oauth_http.sending.outside_files import IncludeReach, is_outside, outside_includes
from oauth_http.sending.prepare import SendJob
from oauth_http.workspace.contexts import DocumentContext

ALLOW = "Allow in this workspace"
DECLINE = "Do not send"


class OutsidePermission(Protocol):
    """Whether a send may read files outside the workspace folder, and how to allow one."""

    async def allowed(self, folder_uri: str) -> frozenset[Path]:
        """The real paths already allowed for the workspace folder (a file, or a folder and
        everything below it)."""
        ...

    async def ask(self, path: Path, folder: Path | None, folder_uri: str) -> bool:
        """True when the user allows the send to read `path` (a real path) just now."""
        ...

    def how_to_allow(self, path: Path) -> str:
        """The next step a refused send names."""
        ...


async def allow_outside_includes(
    job: SendJob, context: DocumentContext, permission: OutsidePermission
) -> SendJob:
    """`job` with the outside files its body reads that the user allows (asked when needed)."""
    reach = IncludeReach(job.include_reach().folder, how_to_allow=permission.how_to_allow)
    request = job.request
    if request.body is None or not request.body.includes:
        return replace(job, includes=reach)
    parts = job.scope.resolve_request(request).body
    outside = outside_includes(parts, job.include_dirs(), reach, DiskFileReader())
    if not outside:
        return replace(job, includes=reach)
    allowed = set(await permission.allowed(context.folder_uri))
    for found in outside:
        if is_outside(found.real, None, allowed) and await permission.ask(
            found.real, reach.folder, context.folder_uri
        ):
            allowed.add(found.real)
    return replace(job, includes=replace(reach, allowed=frozenset(allowed)))


class StoredPermission:
    """The editor's permission: asks with a message box, keeps allowed paths per workspace."""

    def __init__(self, interaction: UserInteraction, secrets: SecretStore) -> None:
        self.interaction = interaction
        self.secrets = secrets

    async def allowed(self, folder_uri: str) -> frozenset[Path]:
        return frozenset(Path(path) for path in await self._stored(folder_uri))

    async def ask(self, path: Path, folder: Path | None, folder_uri: str) -> bool:
        where = f"the workspace folder {folder}" if folder else "any workspace folder"
        chosen = await self.interaction.choose(
            f"This request's body reads {path}, outside {where}. A .http file can come from "
            "someone else: allow it to read and send this file from this workspace?",
            [ALLOW, DECLINE],
        )
        if chosen != ALLOW:
            return False
        stored = await self._stored(folder_uri)
        if str(path) not in stored:
            value = encode_strings([*stored, str(path)])
            await self.secrets.store(allowed_paths_name(folder_uri), value)
        return True

    def how_to_allow(self, path: Path) -> str:
        return (
            f'Send again and choose "{ALLOW}" to send this file, or move it into the '
            "workspace folder."
        )

    async def _stored(self, folder_uri: str) -> list[str]:
        text = await self.secrets.get(allowed_paths_name(folder_uri))
        return [path for path in decode_strings(text) if Path(path).is_absolute()]
