"""Play the user in the browser: open the sandbox's authorize page and press Approve or Deny.

Tests and the demo use `approve()` where a person would click: it fetches the page over real
HTTP, reads the form the page really contains, submits it, and reads the PIN off the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

PAGE_TIMEOUT_SECONDS = 10


class ApprovalError(RuntimeError):
    """The authorize page did not lead to a PIN (or a denial); the message quotes the page."""


def approve(authorize_url: str, *, deny: bool = False) -> str:
    """Answer the authorize page at `authorize_url` and return what the user would see.

    Approving returns the PIN shown in `<code id="pin">` (or, when the consumer gave a callback
    URL, the `oauth_verifier` of the redirect, which is not followed). Denying returns the
    page's message ("Access denied"). Raises ApprovalError with the page's message otherwise.
    """
    import requests

    with requests.Session() as session:
        page = session.get(authorize_url, timeout=PAGE_TIMEOUT_SECONDS)
        form = _read_page(page.text)
        if page.status_code != 200 or form.action is None:
            raise ApprovalError(_failure("The authorize page", page.status_code, form))
        choice = "deny" if deny else "approve"
        button = form.buttons.get(choice)
        if button is None:
            raise ApprovalError(f"The authorize page has no {choice.title()} button.")
        fields = [*form.fields, button]
        answer = session.request(
            form.method,
            urljoin(page.url, form.action),
            data=fields,
            allow_redirects=False,
            timeout=PAGE_TIMEOUT_SECONDS,
        )
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


def _read_page(html: str) -> _Page:
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    return reader.page


class _PageReader(HTMLParser):
    """Collects the first form, its inputs and buttons, the PIN, the title and the message."""

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
        elif tag == "code" and attributes.get("id") == "pin":
            self._start("pin")
        elif tag == "title":
            self._start("title")
        elif attributes.get("id") == "message":
            self._start("message")

    def handle_endtag(self, tag: str) -> None:
        if self._capture is None:
            return
        text = " ".join("".join(self._text).split())
        if self._capture == "pin" and tag == "code":
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
