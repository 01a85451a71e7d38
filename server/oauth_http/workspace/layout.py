"""Where a document sits: its workspace folder, its own folder, the folders searched for env
files, and the folders whose stored secrets it may use.

The editor and the CLI see a document differently, so there are two ways in:
- `layout_of(uri, folder_uris, root_path)`: a document open in the editor. The innermost
  workspace folder holding it is its folder; env files are searched from the document's folder up
  to that folder.
- `layout_of_file(path)` and `layout_of_directory(path)`: the CLI, which has no workspace folders.
  Env files are searched from the folder upwards to the file system's root; the first folder that
  holds one is the workspace folder. Without one, secrets are looked for under the current
  directory (where `oauth-http authorize` most likely ran), then the file's own folder.

Working a layout out takes path and URI parsing that costs far more than the few `stat` calls a
context check needs, so the editor's layouts are cached (`LayoutCache`); only which candidate
folder holds an env file is checked again each time (a file may appear).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pygls.uris import from_fs_path, to_fs_path

from oauth_http.variables.env_files import PRIVATE_FILE, PUBLIC_FILE

ENV_FILE_NAMES = (PUBLIC_FILE, PRIVATE_FILE)


@dataclass(frozen=True)
class DocumentLayout:
    folder_path: Path | None
    folder_uri: str
    document_dir: Path | None
    # For each folder from the document's up to its workspace folder: its env files' paths.
    env_candidates: tuple[tuple[str, ...], ...]
    dotenv_path: str | None
    # The folder URIs whose stored secrets the document may use, in order; new secrets go to the
    # first. Empty means `(folder_uri,)`.
    secret_folders: tuple[str, ...] = ()

    def env_paths(self) -> tuple[str, ...]:
        """Both env file paths of the nearest folder holding either of them, else ()."""
        for paths in self.env_candidates:
            if any(os.path.isfile(path) for path in paths):
                return paths
        return ()

    def secret_folder_uris(self) -> tuple[str, ...]:
        return self.secret_folders or (self.folder_uri,)


def layout_of(uri: str | None, folder_uris: list[str], root_path: str | None) -> DocumentLayout:
    """The layout of a document open in the editor."""
    folder_path = _folder_of(uri, folder_uris, root_path)
    document_dir = _directory_of(uri) or folder_path
    return DocumentLayout(
        folder_path=folder_path,
        folder_uri=uri_of_path(str(folder_path)) if folder_path else (uri or ""),
        document_dir=document_dir,
        env_candidates=_candidates(_search_dirs(document_dir, folder_path)),
        dotenv_path=str(document_dir / ".env") if document_dir else None,
    )


def layout_of_file(path: Path, cwd: Path | None = None) -> DocumentLayout:
    """The layout the CLI gives a `.http` file (an absolute path)."""
    env_folder = find_env_folder(path.parent)
    folder = env_folder or path.parent
    if env_folder is not None:
        secret_folders: tuple[Path, ...] = (env_folder,)
    else:
        secret_folders = tuple(dict.fromkeys([(cwd or Path.cwd()).resolve(), path.parent]))
    return DocumentLayout(
        folder_path=folder,
        folder_uri=folder.as_uri(),
        document_dir=path.parent,
        env_candidates=_candidates([env_folder] if env_folder else []),
        dotenv_path=str(path.parent / ".env"),
        secret_folders=tuple(secret.as_uri() for secret in secret_folders),
    )


def layout_of_directory(start: Path) -> DocumentLayout:
    """The layout the CLI gives a directory (`oauth-http authorize --dir`; absolute)."""
    env_folder = find_env_folder(start)
    folder = env_folder or start
    return DocumentLayout(
        folder_path=folder,
        folder_uri=folder.as_uri(),
        document_dir=start,
        env_candidates=_candidates([env_folder] if env_folder else []),
        dotenv_path=str(start / ".env"),
    )


def find_env_folder(start: Path) -> Path | None:
    """The first directory from `start` upwards that holds an env file."""
    for folder in (start, *start.parents):
        if any((folder / name).is_file() for name in ENV_FILE_NAMES):
            return folder
    return None


def is_env_file(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in ENV_FILE_NAMES


@lru_cache(maxsize=4096)
def uri_of_path(path: str) -> str:
    """The `file:` URI of a path, spelled as the editor spells it."""
    return from_fs_path(path) or Path(path).as_uri()


def path_of_uri(uri: str) -> str | None:
    """The file system path of a `file:` URI; None for other schemes."""
    return to_fs_path(uri) if uri.startswith("file:") else None


class LayoutCache:
    """The editor's layouts, one per document and set of workspace folders."""

    def __init__(self) -> None:
        self._layouts: dict[tuple[str | None, tuple[str, ...], str | None], DocumentLayout] = {}

    def of(self, uri: str | None, folder_uris: list[str], root_path: str | None) -> DocumentLayout:
        key = (uri, tuple(folder_uris), root_path)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = layout_of(uri, folder_uris, root_path)
        return layout

    def forget(self, uri: str) -> None:
        for key in [key for key in self._layouts if key[0] == uri]:
            del self._layouts[key]


def _candidates(directories: list[Path]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(str(directory / name) for name in ENV_FILE_NAMES) for directory in directories
    )


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
