"""Play the user in the browser: open the sandbox's authorize page and press Approve or Deny,
follow the redirect back to a Loopback listener, or create tokens on a persona's page.

Tests and the demo use these where a person would click: they fetch the page over real HTTP,
read the form the page really contains, submit it, and read what the result shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urljoin, urlsplit

if TYPE_CHECKING:
    import requests

PAGE_TIMEOUT_SECONDS = 10


class ApprovalError(RuntimeError):
    """The authorize page did not lead to a PIN (or a denial); the message quotes the page."""


@dataclass(frozen=True)
class Landing:
    """The page the browser lands on after the provider's redirect."""

    url: str
    status: int
    title: str
    message: str | None


def approve_and_follow(authorize_url: str, *, deny: bool = False) -> Landing:
    """Answer the authorize page, then follow the provider's redirect to the callback as a
    browser does (a GET of its Location), and return the page that answers it."""
    import requests

    with requests.Session() as session:
        answer = _answer_authorize_page(session, authorize_url, deny=deny)
        if not answer.is_redirect:
            said = _read_page(answer.text)
            raise ApprovalError(_failure("The authorize page", answer.status_code, said))
        location = urljoin(answer.url, answer.headers["Location"])
        landed = session.get(location, allow_redirects=False, timeout=PAGE_TIMEOUT_SECONDS)
    page = _read_page(landed.text)
    return Landing(location, landed.status_code, page.title, page.message)


def create_tokens(tokens_url: str) -> dict[str, str]:
    """Press "Create an access token" on a persona's tokens page; what it shows, by element id
    (consumer-key, consumer-secret, token, token-secret; or api-key)."""
    import requests

    with requests.Session() as session:
        page = session.get(tokens_url, timeout=PAGE_TIMEOUT_SECONDS)
        form = _read_page(page.text)
        if page.status_code != 200 or form.action is None or "create" not in form.buttons:
            raise ApprovalError(_failure("The tokens page", page.status_code, form))
        created = session.request(
            form.method,
            urljoin(page.url, form.action),
            data=[*form.fields, form.buttons["create"]],
            timeout=PAGE_TIMEOUT_SECONDS,
        )
    shown = _read_page(created.text)
    if created.status_code != 200 or not shown.codes:
        raise ApprovalError(_failure("Creating a token", created.status_code, shown))
    return dict(shown.codes)


def _answer_authorize_page(
    session: requests.Session, authorize_url: str, *, deny: bool
) -> requests.Response:
    page = session.get(authorize_url, timeout=PAGE_TIMEOUT_SECONDS)
    form = _read_page(page.text)
    if page.status_code != 200 or form.action is None:
        raise ApprovalError(_failure("The authorize page", page.status_code, form))
    choice = "deny" if deny else "approve"
    button = form.buttons.get(choice)
    if button is None:
        raise ApprovalError(f"The authorize page has no {choice.title()} button.")
    return session.request(
        form.method,
        urljoin(page.url, form.action),
        data=[*form.fields, button],
        allow_redirects=False,
        timeout=PAGE_TIMEOUT_SECONDS,
    )


def approve(authorize_url: str, *, deny: bool = False) -> str:
    """Answer the authorize page at `authorize_url` and return what the user would see.

    Approving returns the PIN shown in `<code id="pin">` (or, when the consumer gave a callback
    URL, the `oauth_verifier` of the redirect, which is not followed). Denying returns the
    page's message ("Access denied"). Raises ApprovalError with the page's message otherwise.
    """
    import requests

    with requests.Session() as session:
        answer = _answer_authorize_page(session, authorize_url, deny=deny)
    choice = "deny" if deny else "approve"
    if answer.is_redirect:
        location = answer.headers.get("Location", "")
        verifier = parse_qs(urlsplit(location).query).get("oauth_verifier")
        if deny or not verifier:
            raise ApprovalError(f"The provider redirected to {location} without a verifier.")
        return verifier[0]
    result = _read_page(answer.text)
    if answer.status_code != 200:
        raise ApprovalError(_failure(f"Pressing {choice.title()}", answer.status_code, result))
    if deny:
        if result.message is None:
            raise ApprovalError("Pressing Deny did not show a message.")
        return result.message
    if result.pin is None:
        raise ApprovalError(f"Pressing Approve showed no PIN: {result.message or result.title}")
    return result.pin


def _failure(what: str, status: int, page: _Page) -> str:
    said = page.message or page.title or "no message"
    return f"{what} answered HTTP {status}: {said}"


@dataclass
class _Page:
    title: str = ""
    message: str | None = None
    pin: str | None = None
    action: str | None = None
    method: str = "GET"
    fields: list[tuple[str, str]] = field(default_factory=list)
    buttons: dict[str, tuple[str, str]] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)


def _read_page(html: str) -> _Page:
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    return reader.page


class _PageReader(HTMLParser):
    """Collects the first form, its inputs and buttons, every `<code id>` (the PIN, issued
    tokens), the title and the message."""

    def __init__(self) -> None:
        super().__init__()
        self.page = _Page()
        self._capture: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and self.page.action is None:
            self.page.action = attributes.get("action", "")
            self.page.method = attributes.get("method", "get").upper()
        elif tag == "input" and "name" in attributes and attributes.get("type") != "submit":
            self.page.fields.append((attributes["name"], attributes.get("value", "")))
        elif tag == "button" and "name" in attributes:
            value = attributes.get("value", "")
            self.page.buttons[value] = (attributes["name"], value)
        elif tag == "code" and attributes.get("id"):
            self._start(f"code:{attributes['id']}")
        elif tag == "title":
            self._start("title")
        elif attributes.get("id") == "message":
            self._start("message")

    def handle_endtag(self, tag: str) -> None:
        if self._capture is None:
            return
        text = " ".join("".join(self._text).split())
        if self._capture.startswith("code:") and tag == "code":
            self.page.codes[self._capture[5:]] = text
            if self._capture == "code:pin":
                self.page.pin = text
        elif self._capture == "title" and tag == "title":
            self.page.title = text
        elif self._capture == "message":
            self.page.message = text
        else:
            return
        self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._text.append(data)

    def _start(self, what: str) -> None:
        self._capture = what
        self._text = []
