"""Where a document sits: its workspace folder, its own folder, and the folders searched for env
files.

Working this out takes path and URI parsing that costs far more than the few `stat` calls a
context check needs, so a layout is computed once per document and workspace-folder set; only
which candidate folder holds an env file is checked again each time (a file may appear).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pygls.uris import from_fs_path, to_fs_path

from oauth_http.variables.environments import PRIVATE_FILE, PUBLIC_FILE

ENV_FILE_NAMES = (PUBLIC_FILE, PRIVATE_FILE)


@dataclass(frozen=True)
class DocumentLayout:
    folder_path: Path | None
    folder_uri: str
    document_dir: Path | None
    # For each folder from the document's up to its workspace folder: its env files' paths.
    env_candidates: tuple[tuple[str, ...], ...]
    dotenv_path: str | None

    def env_paths(self) -> tuple[str, ...]:
        """Both env file paths of the nearest folder holding either of them, else ()."""
        for paths in self.env_candidates:
            if any(os.path.isfile(path) for path in paths):
                return paths
        return ()


def layout_of(uri: str | None, folder_uris: list[str], root_path: str | None) -> DocumentLayout:
    folder_path = _folder_of(uri, folder_uris, root_path)
    document_dir = _directory_of(uri) or folder_path
    return DocumentLayout(
        folder_path=folder_path,
        folder_uri=uri_of_path(str(folder_path)) if folder_path else (uri or ""),
        document_dir=document_dir,
        env_candidates=tuple(
            tuple(str(directory / name) for name in ENV_FILE_NAMES)
            for directory in _search_dirs(document_dir, folder_path)
        ),
        dotenv_path=str(document_dir / ".env") if document_dir else None,
    )


@lru_cache(maxsize=4096)
def uri_of_path(path: str) -> str:
    """The `file:` URI of a path, spelled as the editor spells it."""
    return from_fs_path(path) or Path(path).as_uri()


def _folder_of(uri: str | None, folder_uris: list[str], root_path: str | None) -> Path | None:
    """The innermost workspace folder holding the document, else the document's own folder."""
    folders = [Path(path) for folder in folder_uris if (path := to_fs_path(folder))]
    if not folders and root_path:
        folders = [Path(root_path)]
    document_path = Path(path) if uri and (path := to_fs_path(uri)) else None
    if document_path is None:
        return folders[0] if folders else None
    containing = [folder for folder in folders if document_path.is_relative_to(folder)]
    if containing:
        return max(containing, key=lambda folder: len(folder.parts))
    return document_path.parent


def _directory_of(uri: str | None) -> Path | None:
    path = to_fs_path(uri) if uri else None
    return Path(path).parent if path and uri and uri.startswith("file:") else None


def _search_dirs(start: Path | None, stop: Path | None) -> list[Path]:
    """`start`, then its parents up to `stop` when `start` lies inside it."""
    directories: list[Path] = []
    directory = start
    while directory is not None:
        directories.append(directory)
        if stop is None or directory in (stop, directory.parent):
            break
        if not directory.is_relative_to(stop):
            break
        directory = directory.parent
    return directories
