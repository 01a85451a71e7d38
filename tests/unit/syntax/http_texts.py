"""Hypothesis strategies for `.http` texts: lines built from fragments of every syntax the parser
knows (good and broken), with every kind of line break, or any text at all."""

from __future__ import annotations

from hypothesis import strategies as st

FRAGMENTS = [
    "",
    " ",
    "\t",
    "###",
    "### title ü",
    "#####",
    "# comment",
    "// comment",
    "# @name login",
    "// @name=a",
    "# @name",
    "# @oauth1 sandbox",
    "# @oauth1",
    "# @timeout 5",
    "# @timeout x",
    "# @prompt otp Code",
    "# @prompt",
    "# @no-redirect",
    "# @no-cookie-jar",
    "# @note",
    "# @oath1 x",
    "@host = http://127.0.0.1",
    "@v = a\\n{{host}}",
    "@bad",
    "@a.b = 1",
    "GET http://x/{{a}}",
    "get https://bücher.example/😀",
    "POST {{host}}/items HTTP/1.1",
    "PUT /p HTTP/2",
    "QUERY x y z",
    "GET",
    "OPTIONS *",
    "ftp://x",
    "  /continued",
    "    ?page=2",
    "&size=1",
    "Content-Type: application/json",
    "Host: example.com",
    "X-A: {{$timestamp -1 h}}",
    "  folded",
    ": nothing",
    "no colon",
    "{",
    '  "a": "{{login.response.body.$.id}}"',
    "}",
    "< ./file.json",
    "<@latin1 ./f.xml",
    "<@ {{dir}}/x",
    "--boundary",
    "> {% client.test() %}",
    "> {%",
    "%}",
    "> ./handler.js",
    "<> previous.json",
    "{{",
    "}}",
    "\\{{x}}",
    "{{ }}",
    "{{a b}}",
    "{{$nope}}",
    '{{$datetime "DD MMM" 1 d}}',
    "{{x.resp.body}}",
    "{{%enc}}",
    "\ufeff",
    "\ufeff###",
    "\x0c\x0b\x1c\u2028",
]

line_breaks = st.sampled_from(["\n", "\r\n", "\r"])
fragment = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12))


@st.composite
def http_texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(fragment, line_breaks), max_size=30))
    return "".join(text + brk for text, brk in parts) + draw(fragment)


texts = st.one_of(http_texts(), st.text(max_size=300))
