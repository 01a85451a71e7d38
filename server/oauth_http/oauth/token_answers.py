"""What RFC 5849 requires of a token answer, and a provider's answer as it may be shown (masked).

A request-token answer (section 2.1) must hold `oauth_token`, `oauth_token_secret` and
`oauth_callback_confirmed=true`; an access-token answer (section 2.3) `oauth_token` and
`oauth_token_secret`. An answer missing one is refused, naming the field, before anything is
stored. A present but empty `oauth_token_secret` is accepted (Evernote and other providers whose
tokens sign with the consumer secret alone answer so); an empty `oauth_token` is not a token.

Wherever an answer is quoted in a message, the value of every secret-looking name
(`variables.masking.looks_secret`: `oauth_token`, `oauth_token_secret`, ...) is masked whole.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import unquote_plus

from oauth_http.oauth.errors import TokenRequestError
from oauth_http.variables.masking import looks_secret, mask

if TYPE_CHECKING:
    import requests

    from oauth_http.oauth.token_errors import TokenStep

_FORM = re.compile(r"[^\s&=]+=[^\s&]*(?:&[^\s&=]*=?[^\s&]*)*")
_JSON_MEMBER = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"')
_SHOWN = 200


def mask_answer_text(text: str) -> str:
    """`text` (a form-encoded answer, or any other body) with secret-looking values masked."""
    stripped = text.strip()
    if _FORM.fullmatch(stripped):
        pieces = []
        for piece in stripped.split("&"):
            name, equals, value = piece.partition("=")
            secret = equals and value and looks_secret(unquote_plus(name))
            pieces.append(f"{name}={mask(value)}" if secret else piece)
        return "&".join(pieces)

    def member(match: re.Match[str]) -> str:
        name, colon, value = match.groups()
        return f'"{name}"{colon}"{mask(value)}"' if looks_secret(name) else match.group(0)

    return _JSON_MEMBER.sub(member, text)


def shown_answer(response: requests.Response | None, fields: Mapping[str, str]) -> str:
    """The answer for a message: `HTTP 200: oauth_token=••••&...`, at most about a line."""
    text = " ".join(response.text.split()) if response is not None else ""
    if not text:
        text = "&".join(f"{name}={value}" for name, value in fields.items())
    masked = mask_answer_text(text)
    if len(masked) > _SHOWN:
        masked = masked[:_SHOWN] + "…"
    status = f"HTTP {response.status_code}" if response is not None else "the answer"
    return f"{status}: {masked}" if masked else f"{status}, empty"


def missing_field(fields: Mapping[str, str], *, access: bool) -> str | None:
    """The first field RFC 5849 requires that the answer lacks, as the message names it."""
    if not fields.get("oauth_token"):
        return "oauth_token"
    if "oauth_token_secret" not in fields:
        return "oauth_token_secret"
    if not access and fields.get("oauth_callback_confirmed", "").lower() != "true":
        return "oauth_callback_confirmed=true"
    return None


def check_answer(
    step: TokenStep, fields: Mapping[str, str], response: requests.Response | None
) -> None:
    """Raise the refusal when the answer lacks a field RFC 5849 requires of it."""
    missing = missing_field(fields, access=step.access)
    if missing is None:
        return
    section = "2.3" if step.access else "2.1"
    raise TokenRequestError(
        f"{step.provider.label} answered the {step.name} without {missing} "
        f"({shown_answer(response, fields)}), which RFC 5849 section {section} requires; "
        f"the answer was refused and nothing was stored. Check the {step.url_key} "
        f"({step.url}) and the provider's OAuth 1.0a settings.",
        kind="token-field-missing",
    )
