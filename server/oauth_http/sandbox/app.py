"""The sandbox's endpoints: the three OAuth legs, a small Twitter-like API, an echo endpoint, and
the personas under `/personas/NAME/` (providers with real providers' quirks, `persona_apps`).

`SandboxApp.handle` maps one IncomingRequest to one Response and knows nothing of sockets, so
the HTTP adapter in `server.py` stays thin.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from oauth_http.sandbox import pages
from oauth_http.sandbox.accounts import (
    SANDBOX_REALM,
    SANDBOX_SCREEN_NAME,
    SANDBOX_USER_ID,
    SANDBOX_USER_NAME,
)
from oauth_http.sandbox.messages import IncomingRequest, Response
from oauth_http.sandbox.persona_apps import PERSONAS_PREFIX, PersonaApps
from oauth_http.sandbox.state import SandboxState, Tweet
from oauth_http.sandbox.three_legged import ThreeLegged
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
        self._legs = ThreeLegged(state, lambda request, kind: verify_request(request, state, kind))
        self.personas = PersonaApps(state.now)
        self._routes: dict[str, tuple[tuple[str, ...], Handler]] = {
            "/": (("GET", "HEAD"), self._index),
            "/oauth/request_token": (("POST", "GET"), self._legs.request_token),
            "/oauth/authorize": (("GET", "POST"), self._legs.authorize),
            "/oauth/access_token": (("POST", "GET"), self._legs.access_token),
            "/1.1/account/verify_credentials.json": (("GET",), self._verify_credentials),
            "/1.1/statuses/home_timeline.json": (("GET",), self._home_timeline),
            "/1.1/statuses/update.json": (("POST",), self._update),
            "/1.1/echo": ((), self._echo),
        }

    def handle(self, request: IncomingRequest) -> Response:
        if request.path.startswith(PERSONAS_PREFIX):
            return self.personas.handle(request)
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


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _twitter_date(epoch: float) -> str:
    """Twitter v1.1's date format, e.g. `Wed Oct 10 20:19:24 +0000 2018` (locale-independent)."""
    t = time.gmtime(epoch)
    return (
        f"{_DAYS[t.tm_wday]} {_MONTHS[t.tm_mon - 1]} {t.tm_mday:02d} "
        f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000 {t.tm_year}"
    )
