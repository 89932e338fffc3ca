"""Every form a demo user reaches, sent with input no person should send: nothing at all, text too
long, a number that is not one, a date that does not exist, a choice the form does not offer, a
hidden field tampered with. The answer is the form again, a refusal or a redirect, never a server
error. The pages are found by following links from the home page, as each demo user and as a
visitor; a form seen on many pages of one kind (every place's page), or by several users, is sent
once, by the first user who reaches it.

Run on SQLite only: the pages are the same on PostgreSQL, whose own suite has the real-server tests.
"""

import re
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client, TestCase

from accounts.models import User
from testing import suite_report

USERS = ["admin", "district", "commune", "inspector", "press", "owner", None]
PAGES_PER_USER = 200  # every kind of page a demo user reaches fits (about 100 each)
SKIPPED = ("/api/", "/admin/", "/static/", "/media/", "/logout/", "/i18n/", "/healthz")
TEXT = {"text", "search", "tel", "email", "url", "password", "textarea"}


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (name, kind, value)
    options: dict[str, list[str]] = field(default_factory=dict)

    def shape(self) -> tuple[str, str, tuple[str, ...]]:
        """The form's kind: its address with every number the same, and its field names."""
        return self.method, re.sub(r"\d+", "N", urlsplit(self.action).path), tuple(sorted({f[0] for f in self.fields}))


class Page(HTMLParser):
    """The links and the forms of a page."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href", "").startswith("/"):
            self.links.append(urljoin(self.url, a["href"]).split("#")[0])
        elif tag == "form":
            self.forms.append(Form(urljoin(self.url, a.get("action") or self.url), a.get("method", "get").lower()))
        elif self.forms and tag in ("input", "textarea", "select") and a.get("name"):
            kind = a.get("type", "text").lower() if tag == "input" else tag
            if kind not in ("submit", "button", "image", "reset", "file") and a["name"] != "csrfmiddlewaretoken":
                self.forms[-1].fields.append((a["name"], kind, a.get("value", "")))
            if tag == "select":
                self.select = a["name"]
                self.forms[-1].options.setdefault(a["name"], [])
        elif tag == "option" and self.select is not None and self.forms:
            self.forms[-1].options[self.select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None


def bad_values(kind: str, value: str, variant: str) -> str:
    """What a variant sends in a field of this kind (a hidden field keeps its value but in the
    last variant)."""
    if variant == "empty":
        return value if kind == "hidden" else ""
    if variant == "too long":
        return {"number": "1" + "0" * 40, "date": "2021-02-30", "select": "999999999", "checkbox": "on"}.get(
            kind, value if kind == "hidden" else "Ạ" * 5000
        )
    if variant == "not what is asked":
        return {"number": "mười", "date": "hôm qua", "select": "không-có", "checkbox": "x"}.get(
            kind, value if kind == "hidden" else "-1"
        )
    return "99999999999999999999"  # "tampered": every field, hidden ones too


VARIANTS = ("empty", "too long", "not what is asked", "tampered")


def crawl(client: Client) -> Iterator[tuple[str, Page]]:
    """The pages reached by following links from the home page, at most PAGES_PER_USER, one of
    each kind (the same address with other numbers counts once)."""
    queue: deque[str] = deque(["/"])
    seen: set[str] = set()
    while queue and len(seen) < PAGES_PER_USER:
        url = queue.popleft()
        kind = re.sub(r"\d+", "N", urlsplit(url).path)
        if kind in seen or url.startswith(SKIPPED) or re.search(r"\.(xlsx|docx|pdf|csv|png|svg|css|rss|atom)$", kind):
            continue
        seen.add(kind)
        response = client.get(url, follow=True)  # a signed-in user's home page is their unit's
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if response.redirect_chain:
            url = urljoin(url, response.redirect_chain[-1][0])
        page = Page(url)
        page.feed(response.content.decode())
        yield url, page
        queue.extend(page.links)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="sent once, on SQLite: the pages are the same everywhere")
class PageFormFuzzTests(TestCase):
    """The demo takes seconds to load: loaded once, rolled back after the test."""

    @classmethod
    def setUpTestData(cls) -> None:
        cache.clear()
        call_command("load_demo", stdout=StringIO())

    def test_bad_input_in_any_form_never_gets_a_server_error(self) -> None:
        started = time.monotonic()
        problems: list[str] = []
        sent, pages, shapes = 0, 0, set()
        for username in USERS:
            client = Client(raise_request_exception=False)
            if username is not None:
                client.force_login(User.objects.get(username=username))
            for url, page in list(crawl(client)):
                pages += 1
                for form in page.forms:
                    if form.action.startswith(SKIPPED) or form.shape() in shapes or not form.fields:
                        continue
                    shapes.add(form.shape())
                    for variant in VARIANTS:
                        data = {name: bad_values(kind, value, variant) for name, kind, value in form.fields}
                        send = client.post if form.method == "post" else client.get
                        response = send(form.action, data)
                        sent += 1
                        if response.status_code >= 500:
                            problems.append(
                                f"{username or 'visitor'} {form.method} {form.action} ({variant}): "
                                f"{response.status_code}, form on {url}"
                            )
        suite_report.note(
            f"page forms: {sent} bad inputs to {len(shapes)} forms on {pages} pages of "
            f"{len(USERS)} users, {len(problems)} server errors, in {time.monotonic() - started:.0f} s"
        )
        self.assertGreater(len(shapes), 60)  # the crawl still reaches the forms
        self.assertEqual(problems, [])
