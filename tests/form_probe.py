"""Read the POST forms of a rendered page as a browser without JavaScript would submit them,
and walk the URL resolver: shared by the tests that probe every admin form with bad input."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass
class HtmlForm:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._multiple = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = HtmlForm(action=a.get("action", ""))
            self.forms.append(self._form)
        if self._form is None or not a.get("name") and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self._form.fields.append(
                (a["name"], a.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []
        elif tag == "select":
            self._select, self._options, self._multiple = a["name"], [], "multiple" in a
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and self._options and not self._multiple:
                chosen = [self._options[0][0]]
            self._form.fields.extend((self._select, value) for value in chosen)
            self._select = None


def post_forms(html: str) -> list[HtmlForm]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


@dataclass(frozen=True)
class Route:
    name: str  # namespace:name
    route: str  # the pattern's text, for reports
    params: tuple[tuple[str, str], ...]  # (keyword, "int" | "str" | "path" | "uuid" | "regex")


def _params(pattern) -> list[tuple[str, str]]:
    converters = getattr(pattern, "converters", None)
    if converters is not None:  # path() syntax
        return [
            (name, type(conv).__name__.removesuffix("Converter").lower())
            for name, conv in converters.items()
        ]
    return [(name, "regex") for name in pattern.regex.groupindex]


def named_routes(prefix: str = "") -> Iterator[Route]:
    """Every named URL pattern whose pattern text starts with `prefix` (e.g. "admin/")."""

    def walk(patterns, namespace: str, text: str, params: list) -> Iterator[Route]:
        for entry in patterns:
            here = params + _params(entry.pattern)
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, ns, text + str(entry.pattern), here)
            elif isinstance(entry, URLPattern) and entry.name:
                full = text + str(entry.pattern)
                if full.lstrip("^").startswith(prefix):
                    yield Route(f"{namespace}{entry.name}", full, tuple(here))

    seen: set[str] = set()
    for route in walk(get_resolver().url_patterns, "", "", []):
        if route.name not in seen:
            seen.add(route.name)
            yield route
