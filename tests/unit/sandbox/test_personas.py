"""The sandbox's personas over real HTTP, each as strict as the provider it plays: what it accepts
from a correct client (requests-oauthlib, or OAuth HTTP's signer where oauthlib cannot express the
quirk) and what it refuses, with the `oauth_problem` a real provider would answer."""

from __future__ import annotations

import http.client
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

import requests
from oauth_http.oauth.signing import (
    BodyHash,
    Credentials,
    OutgoingRequest,
    Placement,
    SignatureMethod,
    SigningOptions,
    sign_request,
)
from oauth_http.sandbox.accounts import demo_rsa_private_key
from oauth_http.sandbox.browser import approve, approve_and_follow, create_tokens
from oauth_http.sandbox.personas import NETSUITE_ACCOUNT_ID, PERSONAS_BY_NAME
from oauth_http.sandbox.server import RunningSandbox
from requests_oauthlib import OAuth1  # type: ignore[import-untyped]


def base(sandbox: RunningSandbox, name: str) -> str:
    return f"{sandbox.url}/personas/{name}"


def consumer(name: str) -> tuple[str, str]:
    found = PERSONAS_BY_NAME[name].consumer
    return found.key, found.secret or ""


def problem(response: requests.Response) -> dict[str, str]:
    assert response.status_code == 401, response.text
    return dict(parse_qsl(response.text))


def ours(
    method: str,
    url: str,
    credentials: Credentials,
    body: bytes | None = None,
    headers: list[tuple[str, str]] | None = None,
    **options: Any,
) -> requests.Response:
    signed = sign_request(
        OutgoingRequest(method, url, headers or [], body), credentials, SigningOptions(**options)
    )
    return requests.request(
        signed.method, signed.url, headers=dict(signed.headers), data=signed.body, timeout=10
    )


def callback_request_token(sandbox: RunningSandbox, callback: str) -> str:
    """A request token of the callback persona for `callback`."""
    key, secret = consumer("callback")
    fetched = requests.post(
        f"{base(sandbox, 'callback')}/oauth/request_token",
        auth=OAuth1(key, secret, callback_uri=callback),
        timeout=10,
    )
    return dict(parse_qsl(fetched.text))["oauth_token"]


def test_the_personas_page_lists_every_persona(sandbox: RunningSandbox) -> None:
    page = requests.get(f"{sandbox.url}/personas", timeout=10).text
    for name in PERSONAS_BY_NAME:
        assert f"<b>{name}</b>" in page
    assert "callback only" in page


def test_the_callback_persona_refuses_oob(sandbox: RunningSandbox) -> None:
    key, secret = consumer("callback")
    answer = requests.post(
        f"{base(sandbox, 'callback')}/oauth/request_token",
        auth=OAuth1(key, secret, callback_uri="oob"),
        timeout=10,
    )
    refused = problem(answer)
    assert refused["oauth_problem"] == "parameter_rejected"
    assert "shows no PIN" in refused["oauth_problem_advice"]


def test_the_callback_persona_redirects_with_the_verifier(sandbox: RunningSandbox) -> None:
    key, secret = consumer("callback")
    root = base(sandbox, "callback")
    callback = "http://127.0.0.1:9/back?state=1"
    fetched = requests.post(
        f"{root}/oauth/request_token", auth=OAuth1(key, secret, callback_uri=callback), timeout=10
    )
    token = dict(parse_qsl(fetched.text))
    assert token["oauth_callback_confirmed"] == "true"
    verifier = approve(f"{root}/oauth/authorize?oauth_token={token['oauth_token']}")
    access = requests.post(
        f"{root}/oauth/access_token",
        auth=OAuth1(
            key, secret, token["oauth_token"], token["oauth_token_secret"], verifier=verifier
        ),
        timeout=10,
    )
    granted = dict(parse_qsl(access.text))
    assert granted["screen_name"] == "sandbox_user"
    who = requests.get(
        f"{root}/api/whoami",
        auth=OAuth1(key, secret, granted["oauth_token"], granted["oauth_token_secret"]),
        timeout=10,
    )
    assert who.status_code == 200 and who.json()["token"] == "access"


def test_the_callback_persona_sends_a_denial_back_to_the_callback(
    sandbox: RunningSandbox,
) -> None:
    root = base(sandbox, "callback")
    token = callback_request_token(sandbox, f"{sandbox.url}/?from=callback")
    landed = approve_and_follow(f"{root}/oauth/authorize?oauth_token={token}", deny=True)
    assert parse_qs(urlsplit(landed.url).query) == {"from": ["callback"], "denied": [token]}
    again = requests.post(
        f"{root}/oauth/authorize",
        data={"oauth_token": token, "action": "approve"},
        allow_redirects=False,
        timeout=10,
    )
    assert again.status_code == 400  # already answered


def test_netsuite_wants_its_realm_and_hmac_sha256_only(sandbox: RunningSandbox) -> None:
    issued = create_tokens(f"{base(sandbox, 'netsuite')}/tokens")
    key, secret, token, token_secret = (
        issued["consumer-key"],
        issued["consumer-secret"],
        issued["token"],
        issued["token-secret"],
    )
    url = f"{base(sandbox, 'netsuite')}/api/whoami"

    def with_auth(**options: Any) -> requests.Response:
        return requests.get(
            url, auth=OAuth1(key, secret, token, token_secret, **options), timeout=10
        )

    good = with_auth(signature_method="HMAC-SHA256", realm=NETSUITE_ACCOUNT_ID)
    assert good.status_code == 200, good.text
    assert good.json()["signature_method"] == "HMAC-SHA256"
    absent = problem(with_auth(signature_method="HMAC-SHA256"))
    assert absent["oauth_problem"] == "parameter_absent"
    assert f'realm="{NETSUITE_ACCOUNT_ID}"' in absent["oauth_problem_advice"]
    wrong = problem(with_auth(signature_method="HMAC-SHA256", realm="4539762"))
    assert wrong["oauth_problem"] == "parameter_rejected"
    sha1 = problem(with_auth(realm=NETSUITE_ACCOUNT_ID))
    assert sha1["oauth_problem"] == "signature_method_rejected"
    query = problem(
        with_auth(signature_method="HMAC-SHA256", realm=NETSUITE_ACCOUNT_ID, signature_type="query")
    )
    assert query["oauth_problem"] == "parameter_rejected"


def test_a_bad_signature_gets_the_base_string_the_persona_computed(
    sandbox: RunningSandbox,
) -> None:
    issued = create_tokens(f"{base(sandbox, 'tokens')}/tokens")
    answer = requests.get(
        f"{base(sandbox, 'tokens')}/api/whoami?x=1",
        auth=OAuth1(
            issued["consumer-key"], "not-the-secret", issued["token"], issued["token-secret"]
        ),
        timeout=10,
    )
    refused = problem(answer)
    assert refused["oauth_problem"] == "signature_invalid"
    assert refused["debug_signature_base_string"].startswith("GET&http%3A%2F%2F127.0.0.1%3A")
    assert "x%3D1" in refused["debug_signature_base_string"]


def test_mastercard_wants_a_sha256_body_hash_even_without_a_body(sandbox: RunningSandbox) -> None:
    url = f"{base(sandbox, 'mastercard')}/api/echo"
    credentials = Credentials("mastercard-consumer", rsa_key=demo_rsa_private_key())
    rsa256 = SignatureMethod.RSA_SHA256
    got = ours("GET", url, credentials, signature_method=rsa256, body_hash=BodyHash.ALWAYS)
    assert got.status_code == 200, got.text
    assert got.json()["oauth"]["oauth_body_hash"] == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    posted = ours(
        "POST",
        url,
        credentials,
        b'{"amount": 1}',
        [("Content-Type", "application/json")],
        signature_method=rsa256,
        body_hash=BodyHash.ALWAYS,
    )
    assert posted.status_code == 200, posted.text
    missing = problem(ours("GET", url, credentials, signature_method=rsa256))
    assert missing["oauth_problem"] == "parameter_absent"
    assert missing["oauth_parameters_absent"] == "oauth_body_hash"
    sha1 = problem(
        ours(
            "GET",
            url,
            credentials,
            signature_method=SignatureMethod.RSA_SHA1,
            body_hash=BodyHash.ALWAYS,
        )
    )
    assert sha1["oauth_problem"] == "signature_method_rejected"
    # requests-oauthlib signs a JSON body without any body hash: Mastercard refuses that.
    without_hash = requests.post(
        url,
        data=b'{"amount": 1}',
        headers={"Content-Type": "application/json"},
        auth=OAuth1(
            "mastercard-consumer", signature_method="RSA-SHA256", rsa_key=demo_rsa_private_key()
        ),
        timeout=10,
    )
    assert problem(without_hash)["oauth_parameters_absent"] == "oauth_body_hash"


def test_woocommerce_takes_the_query_only(sandbox: RunningSandbox) -> None:
    key, secret = consumer("woocommerce")
    url = f"{base(sandbox, 'woocommerce')}/api/whoami?per_page=2"
    credentials = Credentials(key, secret)
    good = ours(
        "GET",
        url,
        credentials,
        signature_method=SignatureMethod.HMAC_SHA256,
        placement=Placement.QUERY,
        include_version=False,
    )
    assert good.status_code == 200, good.text
    assert good.json()["placement"] == "query" and good.json()["token"] is None
    header = problem(ours("GET", url, credentials, signature_method=SignatureMethod.HMAC_SHA256))
    assert header["oauth_problem"] == "parameter_rejected"
    assert "in the query only" in header["oauth_problem_advice"]


def test_schoology_wants_its_realm_and_an_empty_token(sandbox: RunningSandbox) -> None:
    key, secret = consumer("schoology")
    url = f"{base(sandbox, 'schoology')}/api/whoami"
    credentials = Credentials(key, secret)
    good = ours("GET", url, credentials, realm="Schoology API", send_empty_token=True)
    assert good.status_code == 200, good.text
    assert good.json()["oauth"]["oauth_token"] == ""
    plaintext = ours(
        "GET",
        url,
        credentials,
        realm="Schoology API",
        send_empty_token=True,
        signature_method=SignatureMethod.PLAINTEXT,
    )
    assert plaintext.status_code == 200, plaintext.text
    no_token = problem(ours("GET", url, credentials, realm="Schoology API"))
    assert no_token["oauth_parameters_absent"] == "oauth_token"
    no_realm = problem(ours("GET", url, credentials, send_empty_token=True))
    assert no_realm["oauth_parameters_absent"] == "realm"


def test_the_plaintext_persona_wants_a_user_agent_and_plaintext(sandbox: RunningSandbox) -> None:
    api_key = create_tokens(f"{base(sandbox, 'plaintext')}/tokens")["api-key"]
    key, token, secret = api_key.split(":")
    assert key == "maas-consumer"
    url = f"{base(sandbox, 'plaintext')}/api/whoami"
    auth = OAuth1(key, "", token, secret, signature_method="PLAINTEXT")
    good = requests.get(url, auth=auth, headers={"User-Agent": "maas-cli/3.5"}, timeout=10)
    assert good.status_code == 200, good.text
    assert good.json()["user_agent"] == "maas-cli/3.5"
    hmac = OAuth1(key, "", token, secret)
    refused = requests.get(url, auth=hmac, headers={"User-Agent": "x"}, timeout=10)
    assert problem(refused)["oauth_problem"] == "signature_method_rejected"
    prepared = requests.Request("GET", url, auth=auth).prepare()
    connection = http.client.HTTPConnection("127.0.0.1", sandbox.port, timeout=10)
    connection.putrequest("GET", urlsplit(url).path, skip_accept_encoding=True)
    connection.putheader("Authorization", prepared.headers["Authorization"])
    connection.endheaders()
    no_agent = connection.getresponse()
    assert no_agent.status == 403
    assert b"User-Agent header naming your application" in no_agent.read()
    connection.close()


def test_the_plaintext_persona_runs_discogs_pin_flow(sandbox: RunningSandbox) -> None:
    key, secret = "discogs-consumer", "discogs-secret"
    root = base(sandbox, "plaintext")
    fetched = requests.post(
        f"{root}/oauth/request_token",
        auth=OAuth1(key, secret, callback_uri="oob", signature_method="PLAINTEXT"),
        timeout=10,
    )
    token = dict(parse_qsl(fetched.text))
    pin = approve(f"{root}/oauth/authorize?oauth_token={token['oauth_token']}")
    assert pin.isdigit()


def test_an_unknown_persona_or_page_is_a_404(sandbox: RunningSandbox) -> None:
    assert requests.get(f"{sandbox.url}/personas/nobody/api/whoami", timeout=10).status_code == 404
    missing = requests.get(f"{base(sandbox, 'mastercard')}/tokens", timeout=10)
    assert missing.status_code == 404
    assert "api/echo" in missing.json()["errors"][0]["message"]


def test_the_landing_page_after_a_redirect_is_read_like_a_browser(
    sandbox: RunningSandbox,
) -> None:
    root = base(sandbox, "callback")
    token = callback_request_token(sandbox, f"{sandbox.url}/")
    landed = approve_and_follow(f"{root}/oauth/authorize?oauth_token={token}")
    query = parse_qs(urlsplit(landed.url).query)
    assert query["oauth_token"] == [token] and query["oauth_verifier"][0].isdigit()
    assert landed.status == 200 and landed.title == "OAuth HTTP sandbox"
