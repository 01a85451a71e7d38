"""Which body files a send may read without asking: those inside the document's workspace folder.

A body include (`< path`, `<@ path`, also inside a multipart part) is read only when its real path
(variables substituted, `~` expanded, `..` and symlinks resolved) lies inside the real path of
the workspace folder, or when the user allowed that real path (or a folder above it). Anything
else is not read and the request is not sent (`outside_failure`), so a shared `.http` file cannot
upload `/etc/passwd`, `../../secret` or a symlink's target to wherever its URL points.

`is_outside` is the rule, pure over normalized absolute paths; `real_path` is its one step on
the file system. `IncludeReach` holds what one send may read; `outside_includes` lists the
includes of a body that it may not, for the front end to ask about before the send.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from oauth_http.sending import failures
from oauth_http.sending.failures import Failure
from oauth_http.sending.files import FileReader, find_include
from oauth_http.syntax.model import BodyInclude, BodyPart

DEFAULT_HINT = "Move the file into the workspace folder, or allow it, then send again."


def real_path(path: Path) -> Path:
    """`path` absolute, with `~`, `..` and every symlink resolved (as far as it exists)."""
    return Path(os.path.realpath(path.expanduser()))


def is_within(path: PurePath, folder: PurePath) -> bool:
    """`path` is `folder` or lies below it; both absolute and normalized (no `..` is trusted)."""
    if ".." in path.parts or ".." in folder.parts:
        return False
    return path == folder or folder in path.parents


def is_outside(path: PurePath, folder: PurePath | None, allowed: Iterable[PurePath] = ()) -> bool:
    """A send needs the user's leave to read `path` (a real path): it is not inside the
    workspace folder `folder` (a real path; None when the document has none) nor inside any of
    the `allowed` real paths."""
    if folder is not None and is_within(path, folder):
        return False
    return not any(is_within(path, leave) for leave in allowed)


@dataclass(frozen=True)
class IncludeReach:
    """What one send may read: files inside `folder` (the workspace folder, or the document's
    folder without one) and the `allowed` real paths. `how_to_allow(path)` is the next step a
    refusal names (it differs between the editor and the CLI)."""

    folder: Path | None
    allowed: frozenset[Path] = frozenset()
    how_to_allow: Callable[[Path], str] | None = field(default=None, compare=False)

    def outside(self, found: Path) -> Path | None:
        """The real path of `found` when this send may not read it, else None."""
        real = real_path(found)
        return real if self.excludes(real) else None

    def excludes(self, real: Path) -> bool:
        """This send may not read the file at `real` (a real path)."""
        folder = real_path(self.folder) if self.folder is not None else None
        return is_outside(real, folder, self.allowed)

    def hint(self, real: Path) -> str:
        return self.how_to_allow(real) if self.how_to_allow is not None else DEFAULT_HINT


@dataclass(frozen=True)
class OutsideInclude:
    """An include whose file lies outside what the send may read: as written, and its real path."""

    include: BodyInclude
    real: Path


def outside_includes(
    parts: Sequence[BodyPart] | None,
    bases: Sequence[Path | None],
    reach: IncludeReach,
    files: FileReader,
) -> list[OutsideInclude]:
    """The includes among `parts` (paths already resolved) that exist and lie outside `reach`,
    each real path once. Missing files are left to the send, which says where it looked."""
    found: list[OutsideInclude] = []
    for part in parts or ():
        if isinstance(part, str):
            continue
        lookup = find_include(part.path, bases, files)
        if lookup.found is None:
            continue
        real = reach.outside(lookup.found)
        if real is not None and all(known.real != real for known in found):
            found.append(OutsideInclude(part, real))
    return found


def outside_failure(include: BodyInclude, real: Path, reach: IncludeReach) -> Failure:
    """Why the send stops at an include outside `reach`: the file, its real path, the folder."""
    line = include.span.start_line + 1
    written = "" if Path(include.path) == real else f" ({include.path!r})"
    where = f"the workspace folder {reach.folder}" if reach.folder else "any workspace folder"
    return Failure(
        failures.INCLUDE_OUTSIDE,
        f"The body file {real}{written}, line {line}, is outside {where}: it was not read, "
        "and the request was not sent.",
        reach.hint(real),
    )
