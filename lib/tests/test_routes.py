from django.http import HttpRequest, HttpResponse
from django.test import SimpleTestCase
from django.urls import URLPattern, include, path

from lib.routes import access_of, route


def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


class RouteTests(SimpleTestCase):
    def test_a_route_keeps_its_rule_and_is_djangos_path(self) -> None:
        declared = route("things/<int:pk>/", page, {"kind": "x"}, name="thing", access="nobody")
        plain = path("things/<int:pk>/", page, {"kind": "x"}, name="thing")
        self.assertEqual(access_of(declared), "nobody")
        self.assertEqual(
            (declared.name, str(declared.pattern), declared.default_args), ("thing", "things/<int:pk>/", {"kind": "x"})
        )
        self.assertEqual(
            (plain.name, str(plain.pattern), plain.default_args), ("thing", "things/<int:pk>/", {"kind": "x"})
        )

    def test_a_plain_path_has_no_rule(self) -> None:
        self.assertIsNone(access_of(path("things/", page, name="things")))

    def test_a_route_in_an_included_list_keeps_its_rule(self) -> None:
        resolver = path("things/<int:pk>/", include([route("edit/", page, name="edit", access="jurisdiction")]))
        (inner,) = resolver.url_patterns
        assert isinstance(inner, URLPattern)
        self.assertEqual(access_of(inner), "jurisdiction")
