"""The messages of unresolved references: what is missing and the next step to fix it."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from oauth_http.syntax.model import VariableRef
from oauth_http.variables.environments import Environments


def undefined_message(name: str, environment: str | None, environments: Environments | None) -> str:
    """Why `{{name}}` has no value, and how to give it one."""
    if environment:
        message = (
            f"Variable '{name}' is not defined in this file or in environment "
            f"'{environment}'. Define it with '@{name} = ...' or add it to "
            "http-client.env.json."
        )
    else:
        message = (
            f"Variable '{name}' is not defined in this file, and no environment is selected. "
            f"Define it with '@{name} = ...' or add it to http-client.env.json and select "
            "that environment."
        )
    others = environments.environments_defining(name) if environments else []
    others = [other for other in others if other != environment]
    if others:
        listed = ", ".join(f"'{other}'" for other in others)
        message += f" It is defined in environment {listed}."
    return message


def request_message(ref: VariableRef, request_names: AbstractSet[str]) -> str:
    """Why a request variable has no value: no such request, or no answer from its response."""
    if ref.name not in request_names:
        return (
            f"No request is named '{ref.name}' in this file: add '# @name {ref.name}' above "
            f"the request whose {ref.args[0] if ref.args else 'response'} {ref.raw} reads."
        )
    part = ref.args[1] if len(ref.args) > 1 else "body"
    path = ref.args[2] if len(ref.args) > 2 else "*"
    what = f"a header '{path}'" if part == "headers" else f"a body matching '{path}'"
    return (
        f"{ref.raw} has no value yet: send the request '{ref.name}' first, and check that its "
        f"{ref.args[0] if ref.args else 'response'} has {what}."
    )
