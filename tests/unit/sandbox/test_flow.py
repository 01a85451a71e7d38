"""The three-legged dance with requests-oauthlib against the sandbox, its pages and its API."""

from __future__ import annotations

import re
import threading
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import requests
from oauth_http.oauth.signing import (
    Credentials,
    OutgoingRequest,
    Placement,
    SigningOptions,
    sign_request,
)
from oauth_http.sandbox import accounts
from oauth_http.sandbox.browser import ApprovalError, approve
from oauth_http.sandbox.server import RunningSandbox, start_sandbox

from tests.oauth1_reference import OAuth1Session, TokenRequestDenied


def new_session(sandbox: RunningSandbox, callback: str = "oob") -> OAuth1Session:
    session = OAuth1Session(
        accounts.SANDBOX_CONSUMER_KEY,
        client_secret=accounts.SANDBOX_CONSUMER_SECRET,
        callback_uri=callback,
    )
    tokens = session.fetch_request_token(sandbox.url + "/oauth/request_token")
    assert tokens["oauth_callback_confirmed"] == "true"
    return session


def authorize_url(session: OAuth1Session, sandbox: RunningSandbox) -> str:
    return str(session.authorization_url(sandbox.url + "/oauth/authorize"))


def test_pin_dance_then_the_api(sandbox: RunningSandbox) -> None:
    session = new_session(sandbox)
    pin = approve(authorize_url(session, sandbox))
    assert re.fullmatch(r"\d{7}", pin)
    tokens = session.fetch_access_token(sandbox.url + "/oauth/access_token", verifier=pin)
    assert tokens["user_id"] == str(accounts.SANDBOX_USER_ID)
    assert tokens["screen_name"] == "sandbox_user"

    me = session.get(sandbox.url + "/1.1/account/verify_credentials.json")
    assert me.status_code == 200
    assert me.json() == {
        "id": accounts.SANDBOX_USER_ID,
        "id_str": str(accounts.SANDBOX_USER_ID),
        "screen_name": "sandbox_user",
        "name": accounts.SANDBOX_USER_NAME,
    }

    status = "Hello from the dance: + & % ünïcode ✓"
    created = session.post(sandbox.url + "/1.1/statuses/update.json", data={"status": status})
    assert created.status_code == 200, created.text
    tweet = created.json()
    assert tweet["text"] == status
    assert tweet["id_str"] == str(tweet["id"])
    assert tweet["user"]["screen_name"] == "sandbox_user"
    assert re.fullmatch(r"\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} \+0000 \d{4}", tweet["created_at"])

    timeline = session.get(sandbox.url + "/1.1/statuses/home_timeline.json", params={"count": 2})
    assert timeline.status_code == 200
    newest = timeline.json()
    assert len(newest) == 2
    assert newest[0]["id"] == tweet["id"]
    assert {"id", "text", "created_at", "user"} <= set(newest[1])


def test_request_token_is_single_use(sandbox: RunningSandbox) -> None:
    session = new_session(sandbox)
    url = authorize_url(session, sandbox)
    pin = approve(url)
    session.fetch_access_token(sandbox.url + "/oauth/access_token", verifier=pin)
    with pytest.raises(ApprovalError, match="HTTP 400: This authorization request is unknown"):
        approve(url)


def test_access_token_exchange_happens_once(sandbox: RunningSandbox) -> None:
    session = new_session(sandbox)
    request_token = session.auth.client.resource_owner_key
    request_secret = session.auth.client.resource_owner_secret
    pin = approve(authorize_url(session, sandbox))
    session.fetch_access_token(sandbox.url + "/oauth/access_token", verifier=pin)
    again = sign_request(
        OutgoingRequest("POST", sandbox.url + "/oauth/access_token"),
        Credentials(
            accounts.SANDBOX_CONSUMER_KEY,
            accounts.SANDBOX_CONSUMER_SECRET,
            request_token,
            request_secret,
        ),
        SigningOptions(verifier=pin),
    )
    response = requests.post(again.url, headers=dict(again.headers), timeout=10)
    assert response.status_code == 401
    assert "oauth_problem=token_used" in response.text


def test_deny_shows_access_denied_and_kills_the_token(sandbox: RunningSandbox) -> None:
    session = new_session(sandbox)
    url = authorize_url(session, sandbox)
    assert approve(url, deny=True) == "Access denied"
    with pytest.raises(TokenRequestDenied) as denied:
        session.fetch_access_token(sandbox.url + "/oauth/access_token", verifier="0000000")
    assert denied.value.status_code == 401
    assert "permission_denied" in denied.value.response.text
    with pytest.raises(ApprovalError):
        approve(url)


def test_unknown_request_token_page(sandbox: RunningSandbox) -> None:
    url = sandbox.url + "/oauth/authorize?oauth_token=req-unknown"
    page = requests.get(url, timeout=10)
    assert page.status_code == 400
    assert "text/html" in page.headers["Content-Type"]
    with pytest.raises(ApprovalError, match="answered HTTP 400: This authorization request is"):
        approve(url)


def test_callback_url_gets_a_redirect_with_the_verifier(sandbox: RunningSandbox) -> None:
    session = new_session(sandbox, callback="http://127.0.0.1:9/ready?x=1")
    url = authorize_url(session, sandbox)
    token = parse_qs(urlsplit(url).query)["oauth_token"][0]
    page = requests.get(url, timeout=10)
    answer = requests.post(
        sandbox.url + "/oauth/authorize",
        data={"oauth_token": token, "action": "approve"},
        allow_redirects=False,
        timeout=10,
    )
    assert page.status_code == 200
    assert answer.status_code == 302
    location = urlsplit(answer.headers["Location"])
    assert location.netloc == "127.0.0.1:9"
    query = parse_qs(location.query)
    assert query["x"] == ["1"]
    assert query["oauth_token"] == [token]
    tokens = session.fetch_access_token(
        sandbox.url + "/oauth/access_token", verifier=query["oauth_verifier"][0]
    )
    assert tokens["screen_name"] == "sandbox_user"


def test_approve_returns_the_verifier_of_a_callback_redirect(sandbox: RunningSandbox) -> None:
    session = new_session(sandbox, callback="http://127.0.0.1:9/ready")
    verifier = approve(authorize_url(session, sandbox))
    tokens = session.fetch_access_token(sandbox.url + "/oauth/access_token", verifier=verifier)
    assert tokens["user_id"] == str(accounts.SANDBOX_USER_ID)


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.targets += [value or "" for name, value in attrs if name in ("href", "action", "src")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def collect(html: str) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(html)
    return collector


def test_pages_name_the_app_and_link_relatively(sandbox: RunningSandbox) -> None:
    session = new_session(sandbox)
    authorize_page = requests.get(authorize_url(session, sandbox), timeout=10).text
    index_page = requests.get(sandbox.url + "/", timeout=10).text
    page = collect(authorize_page)
    assert accounts.SANDBOX_APP_NAME in "".join(page.text)
    assert page.targets == ["authorize"]
    index = collect(index_page)
    assert index.targets
    for target in index.targets:
        assert not target.startswith(("/", "http:", "https:")), target


def test_rsa_consumer_completes_the_dance(sandbox: RunningSandbox) -> None:
    session = OAuth1Session(
        accounts.SANDBOX_RSA_CONSUMER_KEY,
        callback_uri="oob",
        signature_method="RSA-SHA256",
        rsa_key=accounts.demo_rsa_private_key(),
    )
    session.fetch_request_token(sandbox.url + "/oauth/request_token")
    pin = approve(session.authorization_url(sandbox.url + "/oauth/authorize"))
    session.fetch_access_token(sandbox.url + "/oauth/access_token", verifier=pin)
    me = session.get(sandbox.url + "/1.1/account/verify_credentials.json")
    assert me.json()["screen_name"] == "sandbox_user"


def test_concurrent_signed_requests_all_verify(sandbox: RunningSandbox) -> None:
    credentials = Credentials(
        accounts.SANDBOX_CONSUMER_KEY,
        accounts.SANDBOX_CONSUMER_SECRET,
        accounts.SANDBOX_ACCESS_TOKEN,
        accounts.SANDBOX_ACCESS_TOKEN_SECRET,
    )
    statuses: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(5):
            signed = sign_request(
                OutgoingRequest("GET", sandbox.url + "/1.1/account/verify_credentials.json"),
                credentials,
                SigningOptions(),
            )
            response = requests.get(signed.url, headers=dict(signed.headers), timeout=10)
            with lock:
                statuses.append(response.status_code)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [200] * 40


def test_request_log_masks_signature_token_and_verifier(capfd: pytest.CaptureFixture[str]) -> None:
    credentials = Credentials(
        accounts.SANDBOX_CONSUMER_KEY,
        accounts.SANDBOX_CONSUMER_SECRET,
        accounts.SANDBOX_ACCESS_TOKEN,
        accounts.SANDBOX_ACCESS_TOKEN_SECRET,
    )
    with start_sandbox(log_requests=True) as logged:
        signed = sign_request(
            OutgoingRequest("GET", logged.url + "/1.1/echo?x=1"),
            credentials,
            SigningOptions(placement=Placement.QUERY),
        )
        assert requests.get(signed.url, timeout=10).status_code == 200
    log = capfd.readouterr().err
    assert "GET /1.1/echo?x=1" in log
    assert "oauth_signature=****" in log
    assert accounts.SANDBOX_ACCESS_TOKEN not in log
    assert quote(signed.signature, safe="") not in log
