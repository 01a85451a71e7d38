"""From a parsed request to the request to send: variables, body includes, URL, settings.

`prepare` resolves every reference with the caller's `VariableScope`, builds the body
(`outgoing_body`: inline text and includes, `<@` ones with variables substituted), makes the
URL absolute and normalized, adds default headers and reads the per-request settings
(`# @timeout`, `# @no-redirect`, `# @no-cookie-jar`, also as file defaults). Anything that stops
the send (an unresolved variable, a missing include, a bad URL, a provider without a token, a
signed request to an origin that is not its provider's, PLAINTEXT without TLS) is
the `failure` of the result, next to the request as far as it could be built, for the record.
`prepare_signed` goes one step further for callers that hand the request to someone else
("Copy as cURL" with secrets): prepared and signed afresh, but not sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from oauth_http import __version__
from oauth_http.oauth.signing import OutgoingRequest, SigningError
from oauth_http.oauth.signing_url import normalize_url
from oauth_http.sending import failures
from oauth_http.sending.failures import Failure
from oauth_http.sending.files import DiskFileReader, FileReader
from oauth_http.sending.masking import mask_url
from oauth_http.sending.oauth_setup import OAuthSetup, Signer, not_authorized, provider_id_for
from oauth_http.sending.outgoing_body import build_body
from oauth_http.sending.outside_files import IncludeReach
from oauth_http.syntax.model import Directive, Request
from oauth_http.syntax.parsed_document import ParsedDocument
from oauth_http.variables.results import Unresolved
from oauth_http.variables.scope import VariableScope

USER_AGENT = f"oauth-http/{__version__}"
DEFAULT_HEADERS = (
    ("User-Agent", USER_AGENT),
    ("Accept", "*/*"),
    ("Accept-Encoding", "gzip, deflate"),
)


@dataclass(frozen=True)
class SendJob:
    """One request to send, with everything around it the caller knows.

    `request` has absolute positions (`ParsedDocument.request_at` / `requests()`); `scope` has the
    prompt values filled in and the session's `ResponseStore` as its request values; `document`
    gives the file's default directives; includes are looked for in `document_dir`, then
    `workspace_dir`, and read only inside `includes` (by default the workspace folder, else the
    document's folder, with nothing else allowed). `oauth` is what `load_oauth` gave for a
    signed request (None when the request is not signed). `timeout` replaces the default
    timeout for requests without `# @timeout`.
    """

    request: Request
    scope: VariableScope
    document: ParsedDocument | None = None
    uri: str = ""
    document_dir: Path | None = None
    workspace_dir: Path | None = None
    oauth: OAuthSetup | Failure | None = None
    timeout: float | None = None
    includes: IncludeReach | None = None

    def include_dirs(self) -> list[Path | None]:
        """Where includes are looked for, in order."""
        return [self.document_dir, self.workspace_dir]

    def include_reach(self) -> IncludeReach:
        """What this send may read: `includes`, else the workspace (or document) folder."""
        return self.includes or IncludeReach(self.workspace_dir or self.document_dir)


@dataclass(frozen=True)
class Prepared:
    """The request ready to sign and send; `failure` set when it must not be sent."""

    outgoing: OutgoingRequest
    timeout: float
    follow_redirects: bool
    use_cookies: bool
    signer: Signer | None
    provider_id: str | None
    failure: Failure | None = None


def prepare(job: SendJob, files: FileReader, default_timeout: float) -> Prepared:
    request = job.request
    file_directives = job.document.file_directives() if job.document is not None else []
    settings = _Settings.read([*file_directives, *request.directives])
    resolved = job.scope.resolve_request(request)
    unresolved = list(resolved.unresolved)
    headers = list(resolved.headers)
    body, body_failure = build_body(
        resolved.body,
        content_type_header=_header(headers, "Content-Type"),
        include_dirs=job.include_dirs(),
        files=files,
        reach=job.include_reach(),
        scope=job.scope,
        unresolved=unresolved,
    )
    for name, value in DEFAULT_HEADERS:
        if _header(headers, name) is None:
            headers.append((name, value))
    url, url_failure = _absolute_url(resolved.url, headers)
    if unresolved:
        url = resolved.url.strip()  # shown as written, `{{name}}` and all
    outgoing = OutgoingRequest(request.method.upper(), url, headers, body)
    provider_id = provider_id_for(request, file_directives)
    signer, oauth_failure = _signer(provider_id, job.oauth)
    failure = (
        (_unresolved_failure(unresolved) if unresolved else None)
        or body_failure
        or url_failure
        or oauth_failure
        or (signer.refusal(url) if signer is not None else None)
    )
    return Prepared(
        outgoing,
        settings.timeout or job.timeout or default_timeout,
        not settings.no_redirect,
        not settings.no_cookie_jar,
        signer,
        provider_id,
        failure,
    )


def prepare_signed(job: SendJob, files: FileReader | None = None) -> OutgoingRequest | Failure:
    """The request exactly as a send would put it on the wire (signed with a fresh nonce and
    timestamp when it is signed at all), unmasked, or why it cannot be sent. Nothing is sent."""
    # The timeout is part of a send, not of the request, so any value does here.
    prepared = prepare(job, files or DiskFileReader(), default_timeout=0.0)
    if prepared.failure is not None:
        return prepared.failure
    if prepared.signer is None:
        return prepared.outgoing
    try:
        signed = prepared.signer.sign(prepared.outgoing)
    except SigningError as error:
        return Failure(
            failures.SIGNING,
            str(error),
            "Fix the request's body or Content-Type (see the message), then try again.",
        )
    return OutgoingRequest(signed.method, signed.url, signed.headers, signed.body)


@dataclass(frozen=True)
class _Settings:
    timeout: float | None
    no_redirect: bool
    no_cookie_jar: bool

    @classmethod
    def read(cls, directives: list[Directive]) -> _Settings:
        timeout = None
        for directive in directives:
            if directive.word == "timeout":
                try:
                    seconds = float(directive.argument)
                except ValueError:
                    continue
                timeout = seconds if seconds > 0 else timeout
        words = {directive.word for directive in directives}
        return cls(timeout, "no-redirect" in words, "no-cookie-jar" in words)


def _header(headers: list[tuple[str, str]], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def _absolute_url(url: str, headers: list[tuple[str, str]]) -> tuple[str, Failure | None]:
    """The URL with a scheme and host (`http://` by default, the Host header for `/path`)."""
    text = url.strip()
    if text.startswith("/"):
        host = (_header(headers, "Host") or "").strip()
        if not host:
            return text, failures.invalid_url(
                mask_url(text), "a URL that starts with '/' needs a Host header"
            )
        text = (host.rstrip("/") if "://" in host else f"http://{host}") + text
    elif "://" not in text:
        text = f"http://{text}"
    try:
        return normalize_url(text), None
    except SigningError:
        return text, failures.invalid_url(mask_url(text), "it needs http:// or https:// and a host")


def _signer(
    provider_id: str | None, oauth: OAuthSetup | Failure | None
) -> tuple[Signer | None, Failure | None]:
    if provider_id is None:
        return None, None
    if isinstance(oauth, Failure):
        return None, oauth
    if oauth is None:
        return None, not_authorized(provider_id)
    try:
        return Signer(oauth), None
    except SigningError as error:
        return None, Failure(
            failures.SIGNING,
            str(error),
            f"Fix the provider's signature settings for {provider_id}.",
        )


def _unresolved_failure(unresolved: list[Unresolved]) -> Failure:
    first = unresolved[0]
    where = f" (line {first.span.start_line + 1})"
    more = len(unresolved) - 1
    others = (
        f" {more} more reference{'s' if more > 1 else ''} cannot be resolved either."
        if more
        else ""
    )
    what = first.raw or first.name or "A reference"
    return Failure(
        failures.UNRESOLVED_VARIABLE,
        f"{what}{where} has no value: {first.message}{others}",
        "Define the variable (or send the request it comes from), then send again; the "
        "request was not sent.",
    )
