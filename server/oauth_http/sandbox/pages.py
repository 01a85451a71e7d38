"""The sandbox's HTML pages: the index, the authorize form, the PIN, denial and error pages.

Every link and form action is relative, so the pages also work behind a path prefix such as
code-server's `/proxy/8765/`. Every interpolated value is HTML-escaped.
"""

from __future__ import annotations

from html import escape

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;"
    "color:#1f2328}h1{font-size:1.4rem}button{font-size:1rem;padding:.5rem 1.2rem;margin-right:"
    ".5rem}code#pin{font-size:2rem;letter-spacing:.2rem;padding:.3rem .6rem;background:#eef}"
    ".error{color:#b3261e}"
)


def page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def authorize_page(app_name: str, screen_name: str, request_token: str) -> str:
    app = escape(app_name)
    return page(
        f"Authorize {app_name}",
        f'<h1>Authorize <span id="app">{app}</span> to use your account?</h1>\n'
        f"<p>Signed in as <b>@{escape(screen_name)}</b> on the OAuth HTTP sandbox.</p>\n"
        f"<p>{app} will be able to read your timeline and post updates.</p>\n"
        '<form method="post" action="authorize">\n'
        f'<input type="hidden" name="oauth_token" value="{escape(request_token)}">\n'
        '<button type="submit" name="action" value="approve" id="approve">Approve</button>\n'
        '<button type="submit" name="action" value="deny" id="deny">Deny</button>\n'
        "</form>",
    )


def pin_page(app_name: str, pin: str) -> str:
    return page(
        "Authorized",
        f"<h1>You authorized {escape(app_name)}</h1>\n"
        f"<p>Enter this PIN in {escape(app_name)} to finish:</p>\n"
        f'<p><code id="pin">{escape(pin)}</code></p>',
    )


def denied_page(app_name: str) -> str:
    return page(
        "Access denied",
        f'<h1 id="message">Access denied</h1>\n'
        f"<p>{escape(app_name)} was not given access to your account. "
        "You can close this page.</p>",
    )


def error_page(message: str) -> str:
    return page(
        "Sandbox error",
        f'<h1>Something went wrong</h1>\n<p class="error" id="message">{escape(message)}</p>',
    )


def index_page(address: str) -> str:
    links = "\n".join(
        f'<li><a href="{href}">{escape(label)}</a></li>'
        for href, label in (
            ("1.1/account/verify_credentials.json", "GET 1.1/account/verify_credentials.json"),
            ("1.1/statuses/home_timeline.json", "GET 1.1/statuses/home_timeline.json"),
            ("1.1/echo", "ANY 1.1/echo"),
        )
    )
    return page(
        "OAuth HTTP sandbox",
        "<h1>OAuth HTTP sandbox</h1>\n"
        f"<p>A local OAuth 1.0a provider at <code>{escape(address)}</code>. "
        "Endpoints (signed requests only):</p>\n"
        "<ul>\n<li>POST oauth/request_token</li>\n<li>GET oauth/authorize</li>\n"
        f"<li>POST oauth/access_token</li>\n{links}\n</ul>\n"
        '<p>And the <a href="personas">personas</a>: providers with real providers\' quirks.</p>',
    )
