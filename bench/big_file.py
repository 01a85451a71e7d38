"""A big, realistic `.http` file for the speed benchmarks: `generate(10_000)` is about 1.7 MB.

Deterministic (a fixed seed), and varied the way real files are: titles, `# @name`, some
`# @oauth1 sandbox`, file variables at the top, `{{variables}}` and request variables, headers,
JSON and form bodies, multi-line queries, and a few `{{$timestamp}}`.
"""

from __future__ import annotations

import random

_HEADER = """\
@baseUrl = http://127.0.0.1:8765
@api = {{baseUrl}}/1.1
@token = local-development-token
@userAgent = oauth-http-bench/1.0
@contentType = application/json

# @oauth1 sandbox

"""

_RESOURCES = ("users", "statuses", "lists", "favorites", "photos", "boards", "cards", "pages")
_WORDS = ("alpha", "beta", "gamma", "delta", "omega", "kappa", "sigma", "lambda", "zeta")


def _get(i: int, rng: random.Random) -> str:
    resource = rng.choice(_RESOURCES)
    return (
        f"### List {resource} page {i}\n"
        f"# @name list{i}\n"
        f"GET {{{{api}}}}/{resource}/list.json?count={rng.randint(5, 200)}&page={i % 50} HTTP/1.1\n"
        "Accept: application/json\n"
        "User-Agent: {{userAgent}}\n"
        "\n"
    )


def _create(i: int, rng: random.Random) -> str:
    word = rng.choice(_WORDS)
    return (
        f"### Create {word} item {i}\n"
        f"# @name create{i}\n"
        "POST {{baseUrl}}/items\n"
        "Content-Type: {{contentType}}\n"
        "Authorization: Bearer {{token}}\n"
        "\n"
        "{\n"
        f'  "name": "{word} item {i}",\n'
        f'  "price": {rng.randint(1, 9999) / 100},\n'
        f'  "tags": ["{word}", "{rng.choice(_WORDS)}"],\n'
        '  "created": {{$timestamp}}\n'
        "}\n"
        "\n"
    )


def _status(i: int, rng: random.Random) -> str:
    return (
        f"### Post a status {i}\n"
        "# @oauth1 sandbox\n"
        "POST {{api}}/statuses/update.json\n"
        "Content-Type: application/x-www-form-urlencoded\n"
        "\n"
        f"status=Hello+from+request+{i}+{rng.choice(_WORDS)}&trim_user=true\n"
        "\n"
    )


def _chained(i: int, rng: random.Random) -> str:
    target = max(1, i - rng.randint(1, 40))
    target -= target % 5
    target += 1  # `_create` requests have i % 5 == 1
    return (
        f"### Read back item {i}\n"
        f"GET {{{{baseUrl}}}}/items/{{{{create{target}.response.body.$.id}}}}\n"
        "Accept: application/json\n"
        "\n"
    )


def _search(i: int, rng: random.Random) -> str:
    return (
        f"### Search {i}\n"
        "# @oauth1 sandbox\n"
        "# @timeout 20\n"
        "GET {{api}}/search/tweets.json\n"
        f"    ?q={rng.choice(_WORDS)}%20{rng.choice(_WORDS)}\n"
        f"    &count={rng.randint(10, 100)}\n"
        "    &result_type=recent\n"
        "Accept: application/json\n"
        "\n"
    )


_KINDS = (_get, _create, _status, _chained, _search)


def generate(count: int = 10_000) -> str:
    """A `.http` document of `count` requests after a few file variables."""
    rng = random.Random(20240601)
    parts = [_HEADER]
    parts.extend(_KINDS[i % len(_KINDS)](i, rng) for i in range(count))
    return "".join(parts)


if __name__ == "__main__":
    text = generate()
    print(f"{len(text.encode()) / 1e6:.2f} MB, {text.count(chr(10))} lines")
