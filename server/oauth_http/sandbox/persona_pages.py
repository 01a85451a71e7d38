"""The personas' HTML pages: the list of personas, and the page where a persona issues access
tokens to paste (the "Access Tokens" page of NetSuite, Magento's integration page, MAAS's API
keys). Links and form actions are relative, values HTML-escaped; each issued value sits in a
`<code id="...">` so a test (or the demo) can read it as a person would copy it."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from oauth_http.sandbox.pages import page
from oauth_http.sandbox.personas import Persona


def personas_page(personas: Sequence[Persona]) -> str:
    rows = "\n".join(
        f"<li><b>{escape(p.name)}</b> ({escape(p.plays)}): {escape(p.quirk)}."
        + (' <a href="personas/' + escape(p.name) + '/tokens">Tokens</a>' if p.token_page else "")
        + "</li>"
        for p in personas
    )
    return page(
        "OAuth HTTP sandbox personas",
        "<h1>Personas</h1>\n<p>Each plays a real provider's quirks under "
        f"<code>/personas/NAME/</code>:</p>\n<ul>\n{rows}\n</ul>",
    )


def _credential_rows(values: Sequence[tuple[str, str, str]]) -> str:
    return "\n".join(
        f'<tr><th>{escape(label)}</th><td><code id="{element_id}">{escape(value)}</code></td></tr>'
        for label, element_id, value in values
    )


def tokens_form_page(persona: Persona) -> str:
    consumer = persona.consumer
    return page(
        f"{persona.name}: access tokens",
        f"<h1>Access tokens of the {escape(persona.name)} persona</h1>\n"
        f"<p>It plays {escape(persona.plays)}. The application:</p>\n"
        f"<table>\n{_credential_rows([('Consumer key', 'consumer-key', consumer.key)])}\n"
        "</table>\n"
        '<form method="post" action="tokens">\n'
        '<button type="submit" name="action" value="create" id="create">Create an access '
        "token</button>\n</form>",
    )


def issued_page(persona: Persona, values: Sequence[tuple[str, str, str]]) -> str:
    return page(
        f"{persona.name}: token created",
        "<h1>Access token created</h1>\n"
        "<p>Copy these now: they are shown once.</p>\n"
        f'<table id="issued">\n{_credential_rows(values)}\n</table>',
    )
