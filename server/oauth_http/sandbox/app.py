"""The sandbox's endpoints: the three OAuth legs, a small Twitter-like API and an echo endpoint.

`SandboxApp.handle` maps one IncomingRequest to one Response and knows nothing of sockets, so
the HTTP adapter in `server.py` stays thin.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

from oauth_http.sandbox import pages
from oauth_http.sandbox.accounts import (
    SANDBOX_REALM,
    SANDBOX_SCREEN_NAME,
    SANDBOX_USER_ID,
    SANDBOX_USER_NAME,
)
from oauth_http.sandbox.messages import IncomingRequest, Response
from oauth_http.sandbox.state import RequestTokenStatus, SandboxState, Tweet
from oauth_http.sandbox.verification import OAuthProblemError, VerifiedRequest, verify_request

MAX_STATUS_LENGTH = 280
DEFAULT_TIMELINE_COUNT = 20
MAX_TIMELINE_COUNT = 200
MASK = "****"

Handler = Callable[[IncomingRequest], Response]


class SandboxApp:
    """Routes requests to the endpoint handlers over one SandboxState."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state
        self._routes: dict[str, tuple[tuple[str, ...], Handler]] = {
            "/": (("GET", "HEAD"), self._index),
            "/oauth/request_token": (("POST", "GET"), self._request_token),
            "/oauth/authorize": (("GET", "POST"), self._authorize),
            "/oauth/access_token": (("POST", "GET"), self._access_token),
            "/1.1/account/verify_credentials.json": (("GET",), self._verify_credentials),
            "/1.1/statuses/home_timeline.json": (("GET",), self._home_timeline),
            "/1.1/statuses/update.json": (("POST",), self._update),
            "/1.1/echo": ((), self._echo),
        }

    def handle(self, request: IncomingRequest) -> Response:
        route = self._routes.get(request.path)
        if route is None:
            return _api_error(404, 34, f"No endpoint at {request.path}.")
        methods, handler = route
        if methods and request.method not in methods:
            response = _api_error(405, 405, f"{request.path} accepts {', '.join(methods)}.")
            response.headers.append(("Allow", ", ".join(methods)))
            return response
        try:
            return handler(request)
        except OAuthProblemError as problem:
            return problem_response(problem)

    def _index(self, request: IncomingRequest) -> Response:
        return Response.html(200, pages.index_page(f"http://{request.host}"))

    def _request_token(self, request: IncomingRequest) -> Response:
        verified = verify_request(request, self.state, "none")
        callback = verified.oauth_params.get("oauth_callback", "")
        if not callback:
            raise OAuthProblemError(
                "parameter_absent",
                "Send oauth_callback: oob for a PIN, or your callback URL.",
                [("oauth_parameters_absent", "oauth_callback")],
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

    def _authorize(self, request: IncomingRequest) -> Response:
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
            return Response.html(200, pages.denied_page(app_name))
        if decided.callback == "oob":
            return Response.html(200, pages.pin_page(app_name, decided.verifier))
        separator = "&" if urlsplit(decided.callback).query else "?"
        query = urlencode([("oauth_token", token), ("oauth_verifier", decided.verifier)])
        return Response.redirect(f"{decided.callback}{separator}{query}")

    def _access_token(self, request: IncomingRequest) -> Response:
        verified = verify_request(request, self.state, "request")
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

    def _verify_credentials(self, request: IncomingRequest) -> Response:
        verify_request(request, self.state, "access")
        return Response.json(200, user_json())

    def _home_timeline(self, request: IncomingRequest) -> Response:
        verify_request(request, self.state, "access")
        raw_count = dict(request.query_pairs()).get("count", str(DEFAULT_TIMELINE_COUNT))
        if not raw_count.isdigit() or not 1 <= int(raw_count) <= MAX_TIMELINE_COUNT:
            return _api_error(400, 44, f"count must be a number from 1 to {MAX_TIMELINE_COUNT}.")
        return Response.json(200, [tweet_json(t) for t in self.state.timeline(int(raw_count))])

    def _update(self, request: IncomingRequest) -> Response:
        verified = verify_request(request, self.state, "access")
        status = dict(request.params()).get("status", "")
        if not status.strip():
            return _api_error(400, 170, "Missing required parameter: status.")
        if len(status) > MAX_STATUS_LENGTH:
            return _api_error(403, 186, f"Status is over {MAX_STATUS_LENGTH} characters.")
        assert verified.access_token is not None
        tweet = self.state.post_tweet(status, verified.access_token.user_id)
        return Response.json(200, tweet_json(tweet))

    def _echo(self, request: IncomingRequest) -> Response:
        verified = verify_request(request, self.state, "optional_access")
        return Response.json(200, echo_json(request, verified))


def problem_response(problem: OAuthProblemError) -> Response:
    response = Response.form(401, problem.as_pairs())
    response.headers.append(("WWW-Authenticate", f'OAuth realm="{SANDBOX_REALM}"'))
    return response


def user_json() -> dict[str, object]:
    return {
        "id": SANDBOX_USER_ID,
        "id_str": str(SANDBOX_USER_ID),
        "screen_name": SANDBOX_SCREEN_NAME,
        "name": SANDBOX_USER_NAME,
    }


def tweet_json(tweet: Tweet) -> dict[str, object]:
    return {
        "id": tweet.id,
        "id_str": str(tweet.id),
        "text": tweet.text,
        "created_at": _twitter_date(tweet.created_at),
        "user": user_json(),
    }


def echo_json(request: IncomingRequest, verified: VerifiedRequest) -> dict[str, object]:
    oauth = {
        name: MASK if name == "oauth_signature" else value
        for name, value in verified.oauth_params.items()
    }
    return {
        "method": request.method,
        "path": request.path,
        "query": [list(pair) for pair in request.query_pairs()],
        "form": [list(pair) for pair in request.form_pairs()],
        "oauth": oauth,
        "oauth_placement": verified.placement.value,
        "signature_method": verified.signature_method,
        "signature_base_string": verified.base_string,
        "content_type": request.header("Content-Type"),
        "body": request.body.decode("utf-8", errors="replace"),
        "token": "access" if verified.access_token else None,
    }


def _api_error(status: int, code: int, message: str) -> Response:
    return Response.json(status, {"errors": [{"code": code, "message": message}]})


def _is_absolute_http_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _twitter_date(epoch: float) -> str:
    """Twitter v1.1's date format, e.g. `Wed Oct 10 20:19:24 +0000 2018` (locale-independent)."""
    t = time.gmtime(epoch)
    return (
        f"{_DAYS[t.tm_wday]} {_MONTHS[t.tm_mon - 1]} {t.tm_mday:02d} "
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000 {t.tm_year}"
    )
