"""The three legs of OAuth 1.0a on the provider's side (request token, authorize page, access
token) over one `SandboxState`, shared by the sandbox and the personas that have them.

`verify` checks each signed request (the sandbox's plain check, or a persona's stricter one).
`oob_allowed` False plays a provider that only redirects (Tumblr, Evernote, Garmin), and
`redirect_denial` sends the browser back with `denied=TOKEN`, as X does, instead of showing a page.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from oauth_http.sandbox import pages
from oauth_http.sandbox.accounts import SANDBOX_SCREEN_NAME
from oauth_http.sandbox.messages import IncomingRequest, Response
from oauth_http.sandbox.state import RequestTokenStatus, SandboxState
from oauth_http.sandbox.verification import OAuthProblemError, TokenKind, VerifiedRequest

Verify = Callable[[IncomingRequest, TokenKind], VerifiedRequest]


class ThreeLegged:
    def __init__(
        self,
        state: SandboxState,
        verify: Verify,
        *,
        oob_allowed: bool = True,
        redirect_denial: bool = False,
    ) -> None:
        self.state = state
        self.verify = verify
        self.oob_allowed = oob_allowed
        self.redirect_denial = redirect_denial

    def request_token(self, request: IncomingRequest) -> Response:
        verified = self.verify(request, "none")
        callback = verified.oauth_params.get("oauth_callback", "")
        if not callback:
            raise OAuthProblemError(
                "parameter_absent",
                "Send oauth_callback: oob for a PIN, or your callback URL.",
                [("oauth_parameters_absent", "oauth_callback")],
            )
        if callback == "oob" and not self.oob_allowed:
            raise OAuthProblemError(
                "parameter_rejected",
                "This provider shows no PIN (no out-of-band authorization): send the callback "
                "URL the browser is to come back to.",
                [("oauth_parameters_rejected", "oauth_callback")],
            )
        if callback != "oob" and not _is_absolute_http_url(callback):
            raise OAuthProblemError(
                "parameter_rejected",
                "oauth_callback must be oob or an absolute http(s) URL.",
                [("oauth_parameters_rejected", "oauth_callback")],
            )
        record = self.state.issue_request_token(verified.consumer.key, callback)
        return Response.form(
            200,
            [
                ("oauth_token", record.token),
                ("oauth_token_secret", record.secret),
                ("oauth_callback_confirmed", "true"),
            ],
        )

    def authorize(self, request: IncomingRequest) -> Response:
        params = dict(request.params())
        token = params.get("oauth_token", "")
        record = self.state.request_token(token) if token else None
        if record is None or record.status is not RequestTokenStatus.PENDING:
            return Response.html(
                400,
                pages.error_page(
                    "This authorization request is unknown, expired or already answered. "
                    "Start the sign-in again from the application."
                ),
            )
        consumer = self.state.consumer(record.consumer_key)
        app_name = consumer.app_name if consumer else record.consumer_key
        if request.method == "GET":
            return Response.html(200, pages.authorize_page(app_name, SANDBOX_SCREEN_NAME, token))
        decided = self.state.decide(token, approve=params.get("action") == "approve")
        if decided is None:
            return Response.html(400, pages.error_page("This request was already answered."))
        if decided.status is RequestTokenStatus.DENIED or decided.verifier is None:
            if self.redirect_denial and decided.callback != "oob":
                return Response.redirect(_with_query(decided.callback, [("denied", token)]))
            return Response.html(200, pages.denied_page(app_name))
        if decided.callback == "oob":
            return Response.html(200, pages.pin_page(app_name, decided.verifier))
        query = [("oauth_token", token), ("oauth_verifier", decided.verifier)]
        return Response.redirect(_with_query(decided.callback, query))

    def access_token(self, request: IncomingRequest) -> Response:
        verified = self.verify(request, "request")
        verifier = verified.oauth_params.get("oauth_verifier", "")
        if not verifier:
            raise OAuthProblemError(
                "parameter_absent",
                "Send oauth_verifier: the PIN the user was shown.",
                [("oauth_parameters_absent", "oauth_verifier")],
            )
        assert verified.request_token is not None
        access = self.state.exchange(verified.request_token.token, verifier)
        if access is None:
            raise OAuthProblemError(
                "verifier_invalid", "The verifier (PIN) does not match; check it and retry."
            )
        return Response.form(
            200,
            [
                ("oauth_token", access.token),
                ("oauth_token_secret", access.secret),
                ("user_id", str(access.user_id)),
                ("screen_name", SANDBOX_SCREEN_NAME),
            ],
        )


def _with_query(url: str, pairs: list[tuple[str, str]]) -> str:
    separator = "&" if urlsplit(url).query else "?"
    return f"{url}{separator}{urlencode(pairs)}"


def _is_absolute_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
