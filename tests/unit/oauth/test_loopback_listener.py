"""The real Loopback listener on 127.0.0.1, driven over real HTTP: the callback request is held
until the flow answers it, other paths and methods never reach the flow, a closed listener
answers what it held and refuses connections, and a port in use is refused with the fix."""

from __future__ import annotations

import asyncio
import socket

import pytest
import requests
from oauth_http.oauth.loopback import CallbackAddress, LoopbackError, landing_page
from oauth_http.oauth.loopback_listener import AsyncioLoopbackServer

PATH = "/oauth-http/callback"


def get(url: str) -> requests.Response:
    return requests.get(url, timeout=10, allow_redirects=False)


async def test_the_callback_is_held_until_the_flow_answers() -> None:
    listener = await AsyncioLoopbackServer().listen(CallbackAddress("127.0.0.1", 0, PATH))
    try:
        url = listener.callback_url
        assert url.startswith("http://127.0.0.1:") and url.endswith(PATH)
        browser = asyncio.ensure_future(
            asyncio.to_thread(get, f"{url}?oauth_token=t&oauth_verifier=v%20w")
        )
        request = await asyncio.wait_for(listener.next_callback(), 10)
        assert (request.token, request.verifier) == ("t", "v w")
        assert not browser.done()
        await listener.answer(landing_page("Authorized X", "done", succeeded=True))
        response = await browser
        assert response.status_code == 200
        assert "Authorized X" in response.text and "You can close this page." in response.text
        assert response.headers["Cache-Control"] == "no-store"
    finally:
        await listener.close()


async def test_other_paths_and_methods_do_not_reach_the_flow() -> None:
    listener = await AsyncioLoopbackServer().listen(CallbackAddress("127.0.0.1", 0, PATH))
    base = listener.callback_url.removesuffix(PATH)
    try:
        assert (await asyncio.to_thread(get, f"{base}/favicon.ico")).status_code == 404
        posted = await asyncio.to_thread(requests.post, f"{base}{PATH}?oauth_token=t", timeout=10)
        assert posted.status_code == 405
        # Both were answered already; the first request the flow sees is the next real one.
        browser = asyncio.ensure_future(asyncio.to_thread(get, f"{base}{PATH}?first=yes"))
        assert (await asyncio.wait_for(listener.next_callback(), 10)).query == {"first": "yes"}
        await listener.answer("ok")
        await browser
    finally:
        await listener.close()


async def test_closing_answers_what_was_held_and_stops_listening() -> None:
    listener = await AsyncioLoopbackServer().listen(CallbackAddress("127.0.0.1", 0, PATH))
    url = listener.callback_url
    browser = asyncio.ensure_future(asyncio.to_thread(get, f"{url}?oauth_token=t"))
    await asyncio.wait_for(listener.next_callback(), 10)
    await listener.close()
    response = await browser
    assert response.status_code == 200 and "This authorization is over" in response.text
    with pytest.raises(requests.ConnectionError):
        await asyncio.to_thread(get, url)


async def test_a_fixed_port_and_path_are_used() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    listener = await AsyncioLoopbackServer().listen(CallbackAddress("localhost", port, "/back"))
    try:
        assert listener.callback_url == f"http://localhost:{port}/back"
        browser = asyncio.ensure_future(
            asyncio.to_thread(get, f"http://127.0.0.1:{port}/back?oauth_verifier=v")
        )
        assert (await asyncio.wait_for(listener.next_callback(), 10)).verifier == "v"
        await listener.answer("ok")
        assert (await browser).text == "ok"
    finally:
        await listener.close()


async def test_a_port_in_use_is_refused_with_what_to_do(taken_port: int) -> None:
    with pytest.raises(LoopbackError) as refused:
        await AsyncioLoopbackServer().listen(CallbackAddress("127.0.0.1", taken_port, PATH))
    assert f"Port {taken_port} on 127.0.0.1 is in use" in refused.value.message
    assert '"Callback"' in refused.value.message


async def test_garbage_gets_a_400_and_the_listener_keeps_working() -> None:
    listener = await AsyncioLoopbackServer().listen(CallbackAddress("127.0.0.1", 0, PATH))
    port = int(listener.callback_url.split(":")[2].split("/")[0])
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"HELLO\r\n\r\n")
        await writer.drain()
        assert (await reader.read()).startswith(b"HTTP/1.1 400 Bad Request")
        writer.close()
        browser = asyncio.ensure_future(asyncio.to_thread(get, f"{listener.callback_url}?a=b"))
        assert (await asyncio.wait_for(listener.next_callback(), 10)).query == {"a": "b"}
        await listener.answer("fine")
        assert (await browser).text == "fine"
    finally:
        await listener.close()
