"""The personas' endpoints under `/personas/NAME/`: the three OAuth legs for those that have them,
the page that issues tokens to paste, and a small API (`api/whoami`, `api/echo`) that answers
only requests the persona's rules accept. Each persona keeps its own state (consumers, tokens,
nonces), so one cannot sign for another.
"""

from __future__ import annotations

from collections.abc import Callable

from oauth_http.sandbox.accounts import SANDBOX_REALM
from oauth_http.sandbox.messages import IncomingRequest, Response
from oauth_http.sandbox.persona_pages import issued_page, personas_page, tokens_form_page
from oauth_http.sandbox.persona_rules import UserAgentMissingError, verify_for
from oauth_http.sandbox.personas import PERSONAS, Persona
from oauth_http.sandbox.state import SandboxState
from oauth_http.sandbox.three_legged import ThreeLegged
from oauth_http.sandbox.verification import OAuthProblemError, TokenKind, VerifiedRequest

PERSONAS_PREFIX = "/personas"
MASK = "****"


class PersonaApp:
    def __init__(self, persona: Persona, clock: Callable[[], float]) -> None:
        self.persona = persona
        self.state = SandboxState(persona.consumers, clock)
        self._legs = ThreeLegged(
            self.state,
            self._verify,
            oob_allowed=persona.oob_allowed,
            redirect_denial=persona.redirect_denial,
        )

    def _verify(self, request: IncomingRequest, kind: TokenKind) -> VerifiedRequest:
        return verify_for(self.persona, self.state, request, kind)

    def handle(self, request: IncomingRequest, path: str) -> Response:
        routes: dict[str, Callable[[IncomingRequest], Response]] = {
            "api/whoami": self._whoami,
            "api/echo": self._echo,
        }
        if self.persona.three_legged:
            routes["oauth/request_token"] = self._legs.request_token
            routes["oauth/authorize"] = self._legs.authorize
            routes["oauth/access_token"] = self._legs.access_token
        if self.persona.token_page:
            routes["tokens"] = self._tokens
        handler = routes.get(path)
        if handler is None:
            known = ", ".join(sorted(routes))
            return _error(404, f"The {self.persona.name} persona has no {path!r} ({known}).")
        try:
            return handler(request)
        except UserAgentMissingError:
            return _error(403, "A User-Agent header naming your application is required.")
        except OAuthProblemError as problem:
            response = Response.form(401, problem.as_pairs())
            response.headers.append(("WWW-Authenticate", f'OAuth realm="{SANDBOX_REALM}"'))
            return response

    def _api_kind(self) -> TokenKind:
        return "access" if self.persona.needs_token else "none"

    def _whoami(self, request: IncomingRequest) -> Response:
        verified = self._verify(request, self._api_kind())
        return Response.json(200, self._described(request, verified))

    def _echo(self, request: IncomingRequest) -> Response:
        verified = self._verify(request, self._api_kind())
        answer = self._described(request, verified)
        answer["method"] = request.method
        answer["query"] = [list(pair) for pair in request.query_pairs()]
        answer["form"] = [list(pair) for pair in request.form_pairs()]
        answer["body"] = request.body.decode("utf-8", errors="replace")
        return Response.json(200, answer)

    def _described(self, request: IncomingRequest, verified: VerifiedRequest) -> dict[str, object]:
        oauth = {
            name: MASK if name == "oauth_signature" else value
            for name, value in verified.oauth_params.items()
        }
        return {
            "persona": self.persona.name,
            "consumer_key": verified.consumer.key,
            "signature_method": verified.signature_method,
            "placement": verified.placement.value,
            "token": "access" if verified.access_token else None,
            "oauth": oauth,
            "signature_base_string": verified.base_string,
            "user_agent": request.header("User-Agent"),
        }

    def _tokens(self, request: IncomingRequest) -> Response:
        if request.method == "GET":
            return Response.html(200, tokens_form_page(self.persona))
        if request.method != "POST":
            return _error(405, "The tokens page takes GET and POST.")
        consumer = self.persona.consumer
        access = self.state.issue_access_token(consumer.key)
        if self.persona.token_page == "api-key":
            values = [("API key", "api-key", f"{consumer.key}:{access.token}:{access.secret}")]
        else:
            values = [
                ("Consumer key", "consumer-key", consumer.key),
                ("Consumer secret", "consumer-secret", consumer.secret or ""),
                ("Access token", "token", access.token),
                ("Token secret", "token-secret", access.secret),
            ]
        return Response.html(200, issued_page(self.persona, values))


class PersonaApps:
    """Every persona, routed by the first path segment after `/personas/`."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.apps = {persona.name: PersonaApp(persona, clock) for persona in PERSONAS}

    def handle(self, request: IncomingRequest) -> Response:
        rest = request.path[len(PERSONAS_PREFIX) :].strip("/")
        if not rest:
            return Response.html(200, personas_page(PERSONAS))
        name, _, path = rest.partition("/")
        app = self.apps.get(name)
        if app is None:
            return _error(404, f"No persona {name!r}; see {PERSONAS_PREFIX}/.")
        return app.handle(request, path)


def _error(status: int, message: str) -> Response:
    return Response.json(status, {"errors": [{"message": message}]})
