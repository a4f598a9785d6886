"""An XSS corpus entered through the admin's own edit form never renders unescaped anywhere.

The corpus goes into every kind of field a municipality editor can fill in: plain text, rich
text (through Wagtail's whitelister, including a hand-made Draftail link to javascript:),
StreamField blocks, tags, promote fields. Then every public output that exists is checked:
pages, listings, search results, feeds, the API and the open-data exports.
"""

from __future__ import annotations

import csv
import io
import json
import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from defusedxml import ElementTree
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.models import User
from practices.models import PracticePage
from tests import factories

MARKER = "xsskorpus"
PAYLOADS = [
    '<script>alert("xss-1")</script>',
    '"><img src=x onerror=alert("xss-2")>',
    "'><svg onload=alert('xss-3')>",
    '<a href="javascript:alert(4)">klick</a>',
    '<iframe src="javascript:alert(5)"></iframe>',
    '<div style="background:url(javascript:alert(6))">stil</div>',
    '<table><tr><td onmouseover="alert(7)">cell</td></tr></table>',
    "<svg><script>alert(8)</script></svg>",
    '<<SCRIPT>alert("xss-9");//<</SCRIPT>',
    "</textarea></title><script>alert(10)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(11)>",
    '" onfocus="alert(12)" autofocus="',
    "javascript:alert(13)",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxNCk8L3NjcmlwdD4="></object>',
    "<p>broken <b><i>markup</p></b> <!-- comment --> <![CDATA[x]]>",
    "{{ request.user }} {% now 'Y' %}",
]
PLAIN = f"{MARKER} " + " ".join(PAYLOADS)
EVIL_URLS = [
    "javascript:alert(20)",
    " JaVaScRiPt:alert(21)",
    "java\tscript:alert(22)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgyMyk8L3NjcmlwdD4=",
    'https://example.org/"onmouseover="alert(24)',
    "vbscript:msgbox(25)",
]
BLOCK_TYPES = ["unstyled", "unordered-list-item", "ordered-list-item"]


def contentstate() -> str:
    """Draftail's JSON as a crafted POST could send it: payloads as text, evil link targets.

    This is what the admin form receives (the editor never posts HTML), so it is the real
    attack surface of rich text fields.
    """
    blocks, entities = [], {}
    for i, text in enumerate([MARKER, *PAYLOADS]):
        entity_ranges = []
        if i < len(EVIL_URLS):
            entities[str(i)] = {
                "type": "LINK",
                "mutability": "MUTABLE",
                "data": {"url": EVIL_URLS[i]},
            }
            entity_ranges = [{"offset": 0, "length": min(5, len(text)), "key": i}]
        blocks.append(
            {
                "key": f"k{i:04d}",
                "type": BLOCK_TYPES[i % len(BLOCK_TYPES)],
                "depth": 0,
                "text": text,
                "inlineStyleRanges": [{"offset": 0, "length": len(text), "style": "BOLD"}],
                "entityRanges": entity_ranges,
                "data": {},
            }
        )
    return json.dumps({"blocks": blocks, "entityMap": entities})


EVIL_CONTENTSTATE = contentstate()
# Well-formed HTML through Wagtail's own HTML-to-editor conversion (what a paste produces).
RICH_HTML = rich_text(
    f"<p>{MARKER}</p>"
    '<p><a href="javascript:alert(26)">länk</a> <b onclick="alert(27)">fet</b></p>'
    '<table><tr><td onmouseover="alert(28)">cell</td></tr></table>'
    "<p><script>alert(29)</script><svg onload=alert(30)></svg></p>"
)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"}
DANGEROUS_TAGS = {"iframe", "object", "embed", "svg", "math", "style", "base", "form"}
#: The SVG our own templates draw (the county map and its legend): an injected <svg> has none
#: of these classes, and none of the payloads above carries one.
OUR_SVG_CLASSES = {"county-map__svg", "county-map__swatch"}
HTML_FEED_ELEMENTS = {"description", "summary", "content", "encoded"}
RICH_KEYS = {
    "challenge",
    "what_was_done",
    "results",
    "lessons_learned",
    "what_did_not_work",
    "transferability",
    "resources_needed",
    "scale_notes",
    "adaptation_notes",
    "body",
    "intro",
}


def unsafe_parts(html: str) -> list[str]:
    """Everything in an HTML document a browser would execute that our templates don't put there."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    problems = []
    for tag in soup.find_all(True):
        if tag.name == "script":
            if tag.get("src") or tag.get("type") in ("application/json", "application/ld+json"):
                if "alert" in (tag.string or ""):
                    problems.append(f"script data: {tag}")
                continue
            problems.append(f"inline script: {tag}")
        ours = tag.name == "svg" and set(tag.get("class") or []) & OUR_SVG_CLASSES
        if (
            tag.name in DANGEROUS_TAGS
            and not ours
            and not (tag.name == "form" and tag.get("method") == "get")
        ):
            problems.append(f"<{tag.name}>")
        for attr, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on"):
                problems.append(f"event handler {attr} on <{tag.name}>")
            if attr.lower() in URL_ATTRIBUTES:
                squashed = re.sub(r"[\s\x00-\x1f]", "", text).lower()
                if squashed.startswith(("javascript:", "vbscript:", "data:text/html")):
                    problems.append(f"{attr}={text!r} on <{tag.name}>")
            if attr.lower() == "style" and "javascript" in text.lower():
                problems.append(f"style={text!r}")
    return problems


RICH_BLOCK_FIELDS = {"paragraph": None, "fact_box": "text"}


def rich_values(data) -> list[str]:
    """HTML strings in a JSON document: rich-text fields and rich-text StreamField blocks.

    Plain-text values (titles, headings, quotes) are data in JSON and may hold "<script>" as
    text; the consumer escapes them. Rich text arrives as HTML and must be clean already.
    """
    found: list[str] = []

    def walk(node, key: str | None = None) -> None:
        if isinstance(node, dict):
            block_type = node.get("type")
            if block_type in RICH_BLOCK_FIELDS and "value" in node:
                value = node["value"]
                field = RICH_BLOCK_FIELDS[block_type]
                value = value.get(field) if field and isinstance(value, dict) else value
                if isinstance(value, str):
                    found.append(value)
                return
            for child_key, value in node.items():
                walk(value, child_key)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str) and key in RICH_KEYS and key != "body":
            found.append(node)

    walk(data)
    return found


class XSSCorpusTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        locales = {
            "sv": Locale.objects.get_or_create(language_code="sv")[0],
            "en": Locale.objects.get_or_create(language_code="en")[0],
        }
        cls.tree = factories.build_site_tree(locales)
        practice = factories.PracticePageFactory(
            parent=cls.tree["municipality_sv"], title="Utgångsläge", slug="utgangslage"
        )
        admin = User.objects.create_superuser("admin", "admin@example.com", "x")
        client = Client()
        client.force_login(admin)
        data = nested_form_data(
            {
                "title": f"{MARKER} <script>alert('title')</script> \" onmouseover=alert(1) '",
                "slug": "xss-korpus",
                "summary": PLAIN[:400],
                "tags": '<script>alert(40)</script>, "><img src=x onerror=alert(41)>',
                "challenge": RICH_HTML,
                "what_was_done": EVIL_CONTENTSTATE,
                "results": EVIL_CONTENTSTATE,
                "evidence_level": "internal",
                "key_figures": streamfield(
                    [("key_figure", {"value": PAYLOADS[1][:40], "label": PAYLOADS[2]})]
                ),
                "lessons_learned": EVIL_CONTENTSTATE,
                "what_did_not_work": EVIL_CONTENTSTATE,
                "transferability": EVIL_CONTENTSTATE,
                "resources_needed": EVIL_CONTENTSTATE,
                "scale_notes": EVIL_CONTENTSTATE,
                "body": streamfield(
                    [
                        ("heading", {"text": PAYLOADS[0], "level": "h2"}),
                        ("paragraph", EVIL_CONTENTSTATE),
                        ("quote", {"quote": PLAIN, "name": PAYLOADS[1], "role": PAYLOADS[11]}),
                        ("fact_box", {"title": PAYLOADS[3][:160], "text": EVIL_CONTENTSTATE}),
                    ]
                ),
                "status": "ongoing",
                "start_date": "2020-01-01",
                "end_date": "",
                "funding": streamfield(
                    [("funding", {"source": "municipal", "description": PAYLOADS[6][:200]})]
                ),
                "last_verified": "2026-01-01",
                "partners": streamfield(
                    [("partner", {"name": PAYLOADS[0], "kind": "other", "role": PAYLOADS[1]})]
                ),
                "sources": streamfield(
                    [
                        (
                            "source",
                            {
                                "title": PAYLOADS[2][:300],
                                "publisher": PAYLOADS[3][:200],
                                "date": "",
                                "language": "",
                                "url": "https://example.org/?q=<script>alert(50)</script>",
                                "supports": PAYLOADS[6][:600],
                            },
                        )
                    ]
                ),
                "example_notice": PAYLOADS[4][:1000],
                "adaptation_notes": EVIL_CONTENTSTATE,
                "seo_title": PAYLOADS[9],
                "search_description": PAYLOADS[11],
                "contact_links": inline_formset([]),
                "comments": inline_formset([]),
                "action-publish": "publish",
            }
        )
        response = client.post(reverse("wagtailadmin_pages:edit", args=[practice.pk]), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        cls.practice = PracticePage.objects.get(pk=practice.pk)
        assert cls.practice.live and MARKER in cls.practice.title

    def assert_html_safe(self, url: str) -> str:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        html = response.content.decode()
        self.assertEqual(unsafe_parts(html), [], url)
        return html

    def reverse_sv(self, name: str, **kwargs) -> str:
        """A renamed URL fails the test (NoReverseMatch) instead of skipping it."""
        with translation.override("sv"):
            return reverse(name, kwargs=kwargs or None)

    def test_practice_page(self):
        html = self.assert_html_safe(self.practice.url)
        self.assertIn(MARKER, html)
        self.assertIn("&lt;script&gt;", html)  # shown as text, not dropped silently

    def test_practice_index_listing(self):
        html = self.assert_html_safe(self.tree["practice_index_sv"].url)
        self.assertIn(MARKER, html)

    def test_home_page_latest_practices(self):
        self.assert_html_safe(self.tree["home_sv"].url)

    def test_municipality_page(self):
        self.assert_html_safe(self.tree["municipality_sv"].url)

    def test_search_results_with_highlighting(self):
        html = self.assert_html_safe(reverse("search:search") + f"?q={MARKER}")
        self.assertIn(MARKER, html)
        # The query itself is echoed safely too.
        self.assert_html_safe(
            reverse("search:search") + "?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
        )

    def test_feeds(self):
        for fmt in ("rss", "atom"):
            url = self.reverse_sv("feeds:practices", fmt=fmt)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn("xml", response["Content-Type"])
            # Feed readers render titles, summaries and content as HTML: check them as HTML.
            # Titles are plain text (XML-escaped); descriptions and content are HTML.
            root = ElementTree.fromstring(response.content)
            texts = [node.text for node in root.iter() if node.text and node.text.strip()]
            self.assertTrue(any(MARKER in text for text in texts), url)
            html_texts = [
                node.text
                for node in root.iter()
                if node.text and node.tag.rsplit("}", 1)[-1] in HTML_FEED_ELEMENTS
            ]
            for text in html_texts:
                self.assertEqual(unsafe_parts(text), [], (url, text[:200]))

    def test_api(self):
        listing = self.reverse_sv("wagtailapi:pages:listing")
        response = self.client.get(listing, {"type": "practices.PracticePage", "fields": "*"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("application/json", response["Content-Type"])
        detail = self.client.get(f"{listing}{self.practice.pk}/")
        self.assertEqual(detail.status_code, 200)
        for body in (response, detail):
            for html in rich_values(json.loads(body.content)):
                self.assertEqual(unsafe_parts(html), [], html[:200])

    def test_open_data_exports(self):
        json_url = self.reverse_sv("open_data:practices_json")
        response = self.client.get(json_url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("application/json", response["Content-Type"])
        for html in rich_values(json.loads(response.content)):
            self.assertEqual(unsafe_parts(html), [], html[:200])
        csv_response = self.client.get(self.reverse_sv("open_data:practices_csv"))
        self.assertEqual(csv_response.status_code, 200)
        rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
        cells = [cell for row in rows for cell in row]
        self.assertTrue(any(MARKER in cell for cell in cells))
        # No cell a spreadsheet would run as a formula.
        self.assertFalse([c for c in cells if c[:1] in ("=", "+", "@")])
        index = self.reverse_sv("open_data:index")
        self.assert_html_safe(index)
