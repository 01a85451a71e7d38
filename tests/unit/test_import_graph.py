"""The layers import downwards only: the core never reaches the adapters, the workspace never the
language server, the CLI only through `serve`.

Every module under server/oauth_http is read with `ast`, not imported: every `import` and `from`
statement counts, inside functions and `if TYPE_CHECKING:` blocks too, with relative imports
resolved. `sandbox/` and `demo.py` are not core and no rule covers them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.paths import PACKAGE as PACKAGE_ROOT


@dataclass(frozen=True)
class ImportRule:
    """Modules under `packages` (except those in `exempt`) must not import `forbidden` or
    anything under it, unless it is `allowed` or under that."""

    packages: tuple[str, ...]
    forbidden: tuple[str, ...]
    allowed: tuple[str, ...] = ()
    exempt: tuple[str, ...] = ()
    why: str = ""


IMPORT_RULES: tuple[ImportRule, ...] = (
    ImportRule(
        packages=(
            "oauth_http.syntax",
            "oauth_http.variables",
            "oauth_http.oauth",
            "oauth_http.sending",
        ),
        forbidden=(
            "oauth_http.lsp",
            "oauth_http.cli",
            "oauth_http.workspace",
            "pygls",
            "lsprotocol",
        ),
        why="the core sits below the workspace layer and both adapters and knows none of them",
    ),
    ImportRule(
        packages=("oauth_http.workspace",),
        forbidden=("oauth_http.lsp", "oauth_http.cli", "lsprotocol", "pygls"),
        allowed=("pygls.uris",),
        why="the workspace layer serves the language server and the CLI alike",
    ),
    ImportRule(
        packages=("oauth_http.cli",),
        forbidden=("oauth_http.lsp",),
        exempt=("oauth_http.cli.serve",),
        why="the CLI reaches the language server only through `oauth-http serve`",
    ),
)


@dataclass(frozen=True)
class Violation:
    module: str
    line: int
    imported: str
    why: str

    def __str__(self) -> str:
        return f"{self.module} line {self.line} imports {self.imported}: {self.why}"


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def _rules_for(module: str) -> list[ImportRule]:
    return [
        rule for rule in IMPORT_RULES if _under(module, rule.packages) and module not in rule.exempt
    ]


def _imported_names(node: ast.AST, module: str, is_package: bool) -> Iterator[str]:
    """The modules (or module attributes) an import statement names, relative ones resolved.

    `from a import b` gives `a.b`: `b` may be a submodule, and a name under a forbidden `a` is
    forbidden anyway."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = module.split(".") if is_package else module.split(".")[:-1]
            if node.level - 1 >= len(package):
                raise ValueError(f"{module} line {node.lineno}: relative import beyond the top")
            parent = ".".join(package[: len(package) - (node.level - 1)])
            base = f"{parent}.{base}" if base else parent
        for alias in node.names:
            yield base if alias.name == "*" else f"{base}.{alias.name}"


def import_violations(module: str, source: str, *, is_package: bool = False) -> list[Violation]:
    """Every import of `source` (the text of `module`) that an entry of IMPORT_RULES forbids."""
    rules = _rules_for(module)
    if not rules:
        return []
    found = []
    for node in ast.walk(ast.parse(source, filename=module)):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for imported in _imported_names(node, module, is_package):
            for rule in rules:
                if _under(imported, rule.forbidden) and not _under(imported, rule.allowed):
                    found.append(Violation(module, node.lineno, imported, rule.why))
    return sorted(found, key=lambda v: v.line)


def _modules() -> Iterator[tuple[str, Path, bool]]:
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        parts = ["oauth_http", *path.relative_to(PACKAGE_ROOT).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        yield ".".join(parts), path, is_package


def test_no_module_imports_what_its_layer_forbids() -> None:
    violations = [
        violation
        for module, path, is_package in _modules()
        for violation in import_violations(module, path.read_text("utf-8"), is_package=is_package)
    ]
    assert not violations, "\n".join(str(v) for v in violations)


def test_every_rule_covers_modules_that_exist() -> None:
    modules = {module for module, _, _ in _modules()}
    for rule in IMPORT_RULES:
        for package in rule.packages:
            assert package in modules, package
            assert any(m.startswith(package + ".") for m in modules), package
        for exempt in rule.exempt:
            assert exempt in modules, exempt


@pytest.mark.parametrize(
    ("module", "source", "line", "imported"),
    [
        (
            "oauth_http.sending.fake",
            "from oauth_http.lsp.methods import ResponseRecord\n",
            1,
            "oauth_http.lsp.methods.ResponseRecord",
        ),
        ("oauth_http.syntax.fake", "import os\n\ndef f():\n    import pygls\n", 4, "pygls"),
        (
            "oauth_http.variables.fake",
            "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    from lsprotocol import types\n",
            4,
            "lsprotocol.types",
        ),
        (
            "oauth_http.oauth.fake",
            "from ..workspace import contexts\n",
            1,
            "oauth_http.workspace.contexts",
        ),
        ("oauth_http.sending", "from ..cli import send\n", 1, "oauth_http.cli.send"),
        ("oauth_http.sending.fake", "from .. import cli\n", 1, "oauth_http.cli"),
        (
            "oauth_http.workspace.fake",
            "from pygls.workspace import TextDocument\n",
            1,
            "pygls.workspace.TextDocument",
        ),
        ("oauth_http.workspace.fake", "import lsprotocol.types as t\n", 1, "lsprotocol.types"),
        ("oauth_http.workspace.fake", "from oauth_http import lsp\n", 1, "oauth_http.lsp"),
        (
            "oauth_http.workspace.fake",
            "from oauth_http.cli.main import *\n",
            1,
            "oauth_http.cli.main",
        ),
        (
            "oauth_http.cli.send",
            "from oauth_http.lsp import methods\n",
            1,
            "oauth_http.lsp.methods",
        ),
    ],
)
def test_a_forbidden_import_is_named_with_its_module_and_line(
    module: str, source: str, line: int, imported: str
) -> None:
    is_package = module == "oauth_http.sending"
    violations = import_violations(module, source, is_package=is_package)
    assert [(v.module, v.line, v.imported) for v in violations] == [(module, line, imported)]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("oauth_http.workspace.fake", "from pygls.uris import from_fs_path\n"),
        ("oauth_http.workspace.fake", "from pygls import uris\n"),
        ("oauth_http.workspace.fake", "from oauth_http.sending.prepare import SendJob\n"),
        ("oauth_http.cli.serve", "def run():\n    from oauth_http.lsp.main import serve\n"),
        ("oauth_http.cli.send", "from oauth_http.workspace.jobs import read_document\n"),
        ("oauth_http.sending.fake", "from . import failures\nfrom ..syntax import model\n"),
        ("oauth_http.sandbox.fake", "from oauth_http.lsp import methods\n"),
        ("oauth_http.lsp.fake", "import pygls.workspace\n"),
    ],
)
def test_allowed_imports_pass(module: str, source: str) -> None:
    assert import_violations(module, source) == []
