"""Every paged list links to its other pages the same way: "Page n of m", and the links keep the
list's filters."""

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.test import RequestFactory, SimpleTestCase
from django.utils import translation


def visitor_asking(path: str) -> HttpRequest:
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    return request


class PagerTests(SimpleTestCase):
    def render(self, number: int, query: str = "") -> str:
        page = Paginator(range(25), 10).get_page(number)
        with translation.override("vi"):
            return render_to_string("_pager.html", {"page": page}, request=visitor_asking("/list/" + query))

    def test_a_middle_page_links_both_ways_and_keeps_the_filters(self) -> None:
        html = self.render(2, "?status=pending&unit=67&page=2")
        self.assertIn('href="?status=pending&amp;unit=67&amp;page=1"', html)
        self.assertIn('href="?status=pending&amp;unit=67&amp;page=3"', html)
        self.assertIn("Trang 2/3", html)

    def test_the_first_page_has_no_link_back(self) -> None:
        html = self.render(1)
        self.assertIn('href="?page=2"', html)
        self.assertNotIn("page=0", html)
        self.assertIn("Trang 1/3", html)

    def test_a_single_page_shows_no_pager(self) -> None:
        page = Paginator(range(5), 10).get_page(1)
        html = render_to_string("_pager.html", {"page": page}, request=visitor_asking("/list/"))
        self.assertEqual(html.strip(), "")
