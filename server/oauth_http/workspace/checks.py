"""Problems of a `.http` file that need its workspace: undefined variables, unknown providers,
missing include files and include files outside the workspace folder, which a send asks about
before reading, and signed requests whose URL (resolved with the selected environment) is not on
their provider's origins or would carry PLAINTEXT without TLS (the language server shows them as
diagnostics)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from oauth_http.oauth.errors import ProviderLookupError
from oauth_http.oauth.origins import allows, origin_of, plaintext_allowed, provider_origins
from oauth_http.oauth.provider_model import Provider
from oauth_http.oauth.providers import ProviderRegistry, lookup_provider
from oauth_http.sending.files import DiskFileReader, find_include
from oauth_http.sending.oauth_setup import provider_id_for
from oauth_http.sending.outside_files import IncludeReach
from oauth_http.syntax.model import BodyInclude, RefKind
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.syntax.spans import Problem, Severity, Span
from oauth_http.workspace.contexts import DocumentContext

UNDEFINED_VARIABLE = "undefined-variable"
UNKNOWN_PROVIDER = "unknown-provider"
INCLUDE_NOT_FOUND = "include-not-found"
INCLUDE_OUTSIDE = "include-outside"
FOREIGN_ORIGIN = "foreign-origin"
PLAINTEXT_WITHOUT_TLS = "plaintext-without-tls"

AllowedOrigins = Callable[[str], tuple[str, ...]]
"""The origins the user allowed a provider (by id) besides its own, as far as known."""


def _none_allowed(provider_id: str) -> tuple[str, ...]:
    return ()


def workspace_problems(
    context: DocumentContext, parsed: ParsedDocument, allowed: AllowedOrigins = _none_allowed
) -> list[Problem]:
    problems: list[Problem] = []
    scope = context.scope(parsed)
    request_names = {
        b.parsed.request.name for b in parsed.blocks if b.parsed.request and b.parsed.request.name
    }
    for block in parsed.blocks:
        offset = block.start_line
        refs = [r for v in block.parsed.file_variables for r in v.refs]
        request = block.parsed.request
        if request is not None:
            refs.extend(request.refs)
        for ref in refs:
            # Cheap checks first: most references are fine, and shifting each one costs more.
            if ref.kind is RefKind.SYSTEM:
                continue
            if ref.kind is RefKind.CUSTOM and scope.is_defined(
                ref.name, ref.span.start_line + offset
            ):
                continue
            if ref.kind is RefKind.REQUEST and ref.name in request_names:
                continue
            unresolved = scope.check_ref(ref.shift(offset))
            if unresolved is not None:
                problems.append(
                    Problem(
                        unresolved.span, unresolved.message, Severity.WARNING, UNDEFINED_VARIABLE
                    )
                )
        if request is not None and request.body is not None and request.body.includes:
            problems.extend(
                _include_problems(context, [i.shift(offset) for i in request.body.includes])
            )
    problems.extend(provider_problems(context, parsed))
    problems.extend(origin_problems(context, parsed, allowed))
    return problems


def origin_problems(
    context: DocumentContext, parsed: ParsedDocument, allowed: AllowedOrigins = _none_allowed
) -> list[Problem]:
    """Signed requests whose URL resolves outside their provider's origins (and those the user
    allowed), or to plain http with PLAINTEXT; a URL that does not resolve yet is left alone.

    The requests of a file share a few providers and a few hosts, and this runs on every edit:
    each provider is looked up once, and each distinct start of a URL as written (its scheme, host
    and port, or the variables that give them) is resolved and judged once per provider. On
    10,000 requests that is milliseconds instead of a second.
    """
    registry = context.provider_registry()
    file_directives = parsed.file_directives()
    scope = context.scope(parsed)
    providers: dict[str, tuple[Provider, tuple[str, ...]] | None] = {}
    verdicts: dict[tuple[str, str], tuple[str, str] | None] = {}
    problems: list[Problem] = []
    for block in parsed.blocks:
        request = block.parsed.request
        provider_id = provider_id_for(request, file_directives) if request else None
        if request is None or provider_id is None:
            continue
        if provider_id not in providers:
            provider = registry.providers.get(provider_id)
            usable = provider is not None and not isinstance(
                lookup_provider(provider_id, registry), ProviderLookupError
            )
            providers[provider_id] = (
                (provider, allowed(provider_id)) if usable and provider else None
            )
        signer = providers[provider_id]
        if signer is None:
            continue
        span = request.url_span.shift(block.start_line)
        start = _origin_text(request.url)
        if (provider_id, start) not in verdicts:
            resolved = scope.resolve_text(start, span.start_line, span.start_col)
            url = resolved.text.strip()
            verdict = None
            if not resolved.unresolved and url and not url.startswith("/"):
                url = url if "://" in url else f"http://{url}"
                verdict = _origin_problem(signer[0], url, signer[1])
            verdicts[(provider_id, start)] = verdict
        problem = verdicts[(provider_id, start)]
        if problem is not None:
            problems.append(Problem(span, problem[1], Severity.WARNING, problem[0]))
    return problems


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def _origin_text(url: str) -> str:
    """`url` as written up to its path, query or fragment: the part that says its origin."""
    text = url.strip()
    scheme = _SCHEME.match(text)
    index = scheme.end() if scheme else 0
    while index < len(text):
        if text.startswith("{{", index):
            close = text.find("}}", index)
            if close < 0:
                return text
            index = close + 2
        elif text[index] in "/?#":
            return text[:index]
        else:
            index += 1
    return text


def _origin_problem(
    provider: Provider, url: str, allowed: tuple[str, ...]
) -> tuple[str, str] | None:
    origin = origin_of(url)
    if origin is None:
        return None
    if not allows(provider, url, allowed):
        own = ", ".join(provider_origins(provider)) or "its token URLs"
        return FOREIGN_ORIGIN, (
            f"{origin} is not an origin of {provider.id} ({own}): a send is refused, so that "
            f"{provider.id}'s credentials do not go there, unless you allow {origin} for "
            f"{provider.id}."
        )
    if provider.signature_method == "PLAINTEXT" and not plaintext_allowed(url):
        return PLAINTEXT_WITHOUT_TLS, (
            f"{provider.id} signs with PLAINTEXT (the secrets themselves in the request), and "
            f"{origin} is plain http: a send is refused. Use https:// (or a loopback address)."
        )
    return None


def _include_problems(context: DocumentContext, includes: list[BodyInclude]) -> list[Problem]:
    problems: list[Problem] = []
    reach = IncludeReach(context.folder_path or context.document_dir)
    for include in includes:
        if "{{" in include.path:
            continue
        found = _include_path(context, include.path)
        if found is None:
            problems.append(
                Problem(
                    include.path_span,
                    f"File '{include.path}' not found (looked next to this file"
                    + (" and in the workspace folder" if context.folder_path else "")
                    + "). Check the path; relative paths start from the .http file's folder.",
                    Severity.ERROR,
                    INCLUDE_NOT_FOUND,
                )
            )
        elif (outside := reach.outside(found)) is not None:
            problems.append(
                Problem(
                    include.path_span,
                    f"'{include.path}' reads {outside}, outside the workspace folder: sending "
                    "asks you first.",
                    Severity.WARNING,
                    INCLUDE_OUTSIDE,
                )
            )
    return problems


def _include_path(context: DocumentContext, written: str) -> Path | None:
    """Where `< written` points, as a send looks for it (`sending.files.find_include`)."""
    bases = [context.document_dir, context.folder_path]
    return find_include(written, bases, DiskFileReader()).found


def provider_problems(context: DocumentContext, parsed: ParsedDocument) -> list[Problem]:
    """`# @oauth1 <id>` naming a provider the workspace does not know, or one not usable yet."""
    registry = context.provider_registry()
    verdicts: dict[str, Problem | None] = {}
    problems: list[Problem] = []
    located = [(d, 0) for d in parsed.file_directives()]
    for block in parsed.blocks:
        if block.parsed.request is not None:
            located.extend((d, block.start_line) for d in block.parsed.request.directives)
    for directive, offset in located:
        if directive.word != "oauth1" or not directive.argument:
            continue
        if directive.argument not in verdicts:
            verdicts[directive.argument] = _provider_verdict(directive.argument, registry)
        verdict = verdicts[directive.argument]
        if verdict is not None:
            problems.append(replace(verdict, span=directive.argument_span.shift(offset)))
    return problems


def _provider_verdict(provider_id: str, registry: ProviderRegistry) -> Problem | None:
    found = lookup_provider(provider_id, registry)
    if not isinstance(found, ProviderLookupError):
        return None
    severity = Severity.WARNING if provider_id in registry.providers else Severity.ERROR
    return Problem(Span(0, 0, 0, 0), found.message, severity, UNKNOWN_PROVIDER)
