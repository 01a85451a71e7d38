"""XPath for `{{NAME.response.body.//reply[1]/@id}}`, over the standard library's ElementTree.

ElementTree understands a subset of XPath (child and descendant steps, `*`, `.`, `..`, and the
predicates `[@a]`, `[@a='v']`, `[tag]`, `[tag='v']`, `[n]`, `[last()]`). On top of it this module
accepts absolute paths (`/root/child`, `//name`), a final attribute step (`/@id`, `//@id`) and a
final `text()`. Namespaces are dropped from tag names, so `//entry` finds `<atom:entry>`. The first
match is taken, as REST Client does: an element gives its text content, an attribute its value.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

_NAMESPACE = re.compile(r"^\{[^}]*\}")
_ATTRIBUTE_NAME = re.compile(r"[\w.:-]+")
_TEXT_STEP = "/text()"


def parse_xml(data: bytes) -> ElementTree.Element | None:
    """The document's root element with namespaces dropped, or None when it is not XML."""
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return None
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = _NAMESPACE.sub("", element.tag)
        for name in [n for n in element.attrib if n.startswith("{")]:
            element.attrib[_NAMESPACE.sub("", name)] = element.attrib.pop(name)
    return root


def first_match(path: str, root: ElementTree.Element) -> str | None:
    """The text of the first node `path` selects below (or at) `root`; None when none does."""
    text = path.strip()
    want_text = text.endswith(_TEXT_STEP)
    if want_text:
        text = text[: -len(_TEXT_STEP)]
    text, attribute = _split_attribute(text)
    element_path = _relative(text)
    if element_path is None:
        return None
    document = ElementTree.Element("document")
    document.append(root)
    try:
        found = document.find(element_path)
    except (SyntaxError, KeyError, ValueError, TypeError):
        return None
    if found is None:
        return None
    if attribute is not None:
        return found.get(attribute)
    if want_text:
        return found.text or ""
    return "".join(found.itertext())


def _split_attribute(path: str) -> tuple[str, str | None]:
    """`//a/@id` -> (`//a[@id]`, `id`): the elements that have the attribute, and its name."""
    at = path.rfind("@")
    name = path[at + 1 :]
    if at < 0 or _ATTRIBUTE_NAME.fullmatch(name) is None or (at and path[at - 1] != "/"):
        return path, None
    element = path[:at]
    if element in ("", "/") or element.endswith("//"):
        element = (element or "/") + "*"
    else:
        element = element[:-1]
    return f"{element}[@{name}]", name


def _relative(path: str) -> str | None:
    """`path` made relative to a wrapper element holding the root (ElementTree's only form)."""
    if not path:
        return None
    if path.startswith("/"):
        return "." + path
    if path.startswith("."):
        return path
    return ".//" + path
