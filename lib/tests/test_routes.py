from django.http import HttpRequest, HttpResponse
from django.test import SimpleTestCase
from django.urls import URLPattern, include, path
from ninja import Router as NinjaRouter

from lib.routes import Router, access_of, route


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


class RouterTests(SimpleTestCase):
    def test_an_operation_keeps_its_rule_and_its_options(self) -> None:
        router = Router(tags=["things"])

        @router.post("/things", response={201: int}, access="signed-in", summary="Add a thing", url_name="add_thing")
        def add_thing(request: HttpRequest) -> int:
            return 1

        self.assertEqual(access_of(add_thing), "signed-in")
        (operation,) = router.path_operations["/things"].operations
        self.assertEqual((operation.view_func, operation.methods), (add_thing, ["POST"]))
        self.assertEqual((operation.summary, operation.url_name), ("Add a thing", "add_thing"))
        self.assertEqual(list(operation.response_models), [201])

    def test_every_method_declares_a_rule(self) -> None:
        router = Router()
        rules = {"get": "public", "post": "signed-in", "put": "nobody", "patch": "officers", "delete": "changers"}
        for method, rule in rules.items():

            def operation(request: HttpRequest) -> None:
                return None

            getattr(router, method)(f"/{method}", access=rule)(operation)
            self.assertEqual(access_of(operation), rule)
            (declared,) = router.path_operations[f"/{method}"].operations
            self.assertEqual(declared.methods, [method.upper()])

    def test_an_operation_on_ninjas_own_router_has_no_rule(self) -> None:
        router = NinjaRouter()

        @router.get("/things")
        def list_things(request: HttpRequest) -> None:
            return None

        self.assertIsNone(access_of(list_things))

    def test_an_operation_cannot_leave_its_rule_out(self) -> None:
        with self.assertRaises(TypeError):
            Router().get("/things")  # type: ignore[call-arg]
