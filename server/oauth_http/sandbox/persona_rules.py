"""What a persona insists on beyond a valid signature, checked the way its real provider does:
the realm, where the OAuth parameters travel, a body hash, an empty `oauth_token`, a User-Agent.

`verify_for(persona, state, request, kind)` is the persona's whole check: the User-Agent first
(Discogs refuses such requests before looking at OAuth), then the sandbox's verification with
oauthlib's provider side (which answers the base string it computed when a signature fails),
then the persona's OAuth rules.
"""

from __future__ import annotations

from oauthlib.oauth1.rfc5849 import utils  # type: ignore[import-untyped]

from oauth_http.sandbox.messages import IncomingRequest
from oauth_http.sandbox.personas import Persona
from oauth_http.sandbox.state import SandboxState
from oauth_http.sandbox.verification import (
    OAuthProblemError,
    TokenKind,
    VerifiedRequest,
    verify_request,
)


class UserAgentMissingError(Exception):
    """The request has no User-Agent header (answered 403, not as an OAuth problem)."""


def verify_for(
    persona: Persona, state: SandboxState, request: IncomingRequest, kind: TokenKind
) -> VerifiedRequest:
    if persona.user_agent_required and not (request.header("User-Agent") or "").strip():
        raise UserAgentMissingError
    verified = verify_request(request, state, kind)
    check_rules(persona, request, verified)
    return verified


def check_rules(persona: Persona, request: IncomingRequest, verified: VerifiedRequest) -> None:
    """Raise OAuthProblemError when the verified request breaks one of the persona's rules."""
    placement = verified.placement.value
    if placement not in persona.placements:
        where = " or ".join(persona.placements)
        raise OAuthProblemError(
            "parameter_rejected",
            f"{persona.plays} takes the OAuth parameters in the {where} only, not the {placement}.",
        )
    if persona.realm is not None:
        realm = header_realm(request)
        if realm != persona.realm:
            said = "no realm" if realm is None else f'realm "{realm}"'
            raise OAuthProblemError(
                "parameter_rejected" if realm is not None else "parameter_absent",
                f'The Authorization header must carry realm="{persona.realm}", not {said}.',
                [("oauth_parameters_absent", "realm")] if realm is None else [],
            )
    needs_hash = persona.body_hash_required and not request.is_form
    if needs_hash and "oauth_body_hash" not in verified.oauth_params:
        raise OAuthProblemError(
            "parameter_absent",
            "oauth_body_hash is required on every request, the hash of the empty string when "
            "there is no body.",
            [("oauth_parameters_absent", "oauth_body_hash")],
        )
    if persona.empty_token_required and "oauth_token" not in verified.oauth_params:
        raise OAuthProblemError(
            "parameter_absent",
            'Two-legged requests must still send oauth_token, as an empty string ("").',
            [("oauth_parameters_absent", "oauth_token")],
        )


def header_realm(request: IncomingRequest) -> str | None:
    """The realm of the OAuth Authorization header, or None when it has none."""
    header = request.header("Authorization")
    if header is None or header[:6].lower() != "oauth ":
        return None
    try:
        pairs = utils.parse_authorization_header(header)
    except ValueError:
        return None
    return next((utils.unescape(value) for name, value in pairs if name == "realm"), None)
