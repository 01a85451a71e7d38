"""Builds `bundled/libs`: the language server and its pinned dependencies, shipped in the .vsix.

`requirements.txt` (next to this file, made by `make ext-requirements`) pins every dependency
with hashes and environment markers. One bundle serves every supported Python (3.10 to 3.14):

- Pure-Python packages are installed with `--implementation py` for the oldest supported
  Python; a package is included when its marker holds for any supported Python on this
  platform (so `exceptiongroup`, needed on 3.10 only, is there even when 3.11 builds it).
- `cryptography` and `cffi` have compiled wheels: they are installed for the platform this runs
  on, so the bundle (and the .vsix) is specific to that platform (e.g. linux-x64). cryptography's
  abi3 wheel serves every Python; cffi's `_cffi_backend` module is per Python version, so it is
  installed once per supported version and the modules sit side by side.
- Finally the `oauth_http` package itself, built from the repository.

`--plan` prints what would be installed, as JSON, without touching the network.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from packaging.markers import Marker
from packaging.tags import platform_tags

SUPPORTED_PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")
NATIVE = ("cryptography", "cffi")
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Requirement:
    name: str
    line: str
    marker: str | None


def parse_requirements(text: str) -> list[Requirement]:
    """Entries of a hashed requirements file: `name==version ; marker \\` plus hash lines."""
    entries: list[Requirement] = []
    current: list[str] = []
    for raw in [*text.splitlines(), ""]:
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if line and raw[:1].isspace() and current:
            current.append(line.strip().rstrip("\\").strip())
            continue
        if current:
            head, _, marker = current[0].partition(";")
            name = head.split("==", 1)[0].strip().lower().replace("_", "-")
            hashes = " ".join(current[1:])
            line_text = f"{head.strip()} {hashes}".strip()
            entries.append(Requirement(name, line_text, marker.strip() or None))
            current = []
        if line:
            current = [line.rstrip("\\").strip()]
    return entries


def applies(requirement: Requirement, pythons: tuple[str, ...] = SUPPORTED_PYTHONS) -> bool:
    """True when the marker holds for at least one supported Python on this platform."""
    if requirement.marker is None:
        return True
    marker = Marker(requirement.marker)
    return any(
        marker.evaluate({"python_version": version, "python_full_version": f"{version}.0"})
        for version in pythons
    )


def plan(requirements: list[Requirement]) -> dict[str, list[str]]:
    kept = [r for r in requirements if applies(r)]
    return {
        "pure": sorted(r.name for r in kept if r.name not in NATIVE),
        "native": sorted(r.name for r in kept if r.name in NATIVE),
        "skipped": sorted(r.name for r in requirements if not applies(r)),
    }


def pip(target: Path, requirements: Path, *selection: str) -> None:
    """`pip install` of hash-pinned wheels, no dependencies, into `target`."""
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile"]
    pinned = ["--require-hashes", "--only-binary=:all:", "-r", str(requirements)]
    subprocess.run([*command, "--target", str(target), *selection, *pinned], check=True)


def write_requirements(folder: Path, name: str, entries: list[Requirement]) -> Path:
    path = folder / name
    path.write_text("".join(f"{entry.line}\n" for entry in entries), encoding="utf-8")
    return path


def for_python(version: str, implementation: str, abi: str | None = None) -> list[str]:
    """pip's options that select wheels for another Python (and, for cp, this platform)."""
    options = ["--implementation", implementation, "--python-version", version]
    if abi is not None:
        options += ["--abi", abi]
    if implementation == "cp":
        options += [argument for tag in platform_tags() for argument in ("--platform", tag)]
    return options


def install_native(target: Path, work: Path, entries: list[Requirement]) -> None:
    for entry in entries:
        requirements = write_requirements(work, f"{entry.name}.txt", [entry])
        if entry.name != "cffi":
            pip(target, requirements, *for_python(SUPPORTED_PYTHONS[0], "cp"))
            continue
        for version in SUPPORTED_PYTHONS:
            staging = work / f"cffi-{version}"
            abi = "cp" + version.replace(".", "")
            pip(staging, requirements, *for_python(version, "cp", abi))
            shutil.copytree(staging, target, dirs_exist_ok=True)


def install_project(target: Path, work: Path, project: Path) -> None:
    staging = work / "project"
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-compile"]
    subprocess.run([*command, "--target", str(staging), str(project)], check=True)
    for item in staging.iterdir():
        if item.name.startswith("oauth_http"):
            shutil.copytree(item, target / item.name)


def build(requirements_file: Path, project: Path, target: Path) -> None:
    entries = parse_requirements(requirements_file.read_text("utf-8"))
    requirements = [entry for entry in entries if applies(entry)]
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        pure = [entry for entry in requirements if entry.name not in NATIVE]
        pure_file = write_requirements(work, "pure.txt", pure)
        pip(target, pure_file, *for_python(SUPPORTED_PYTHONS[0], "py"))
        install_native(target, work, [entry for entry in requirements if entry.name in NATIVE])
        install_project(target, work, project)
    for leftover in [target / "bin", *target.rglob("__pycache__")]:
        shutil.rmtree(leftover, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", type=Path, default=HERE / "requirements.txt")
    parser.add_argument("--project", type=Path, default=HERE.parent.parent)
    parser.add_argument("--target", type=Path, default=HERE.parent.parent / "bundled" / "libs")
    parser.add_argument("--plan", action="store_true", help="print the plan as JSON and stop")
    args = parser.parse_args()
    if args.plan:
        entries = parse_requirements(args.requirements.read_text("utf-8"))
        print(json.dumps(plan(entries), indent=2))
        return 0
    build(args.requirements, args.project, args.target)
    print(f"Bundled the server and its dependencies in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
