"""Every route of the site and the API × every demo role × a unit or place of the role's own
jurisdiction, of a sibling's and of the parent: the outcome is the one declared with the route
(`access=` of a page's `lib.routes.route` or of an API operation on a `lib.routes.Router`; rules in
testing/access.py), and a route with no declaration fails the test. A new page or endpoint is
covered without writing a test.

Allowed means an answer other than a refusal (200, a redirect elsewhere, or 4xx for the empty
input a probe sends); refused means 401, 403, 404 or the redirect to the sign-in page. A server
error fails whatever the rule. An API operation is probed with its own method (the PATCH of
/violations/{id} apart from its GET), with an empty JSON body; a page with GET, and with an empty
POST if it answers 405. An endpoint that checks its body before the record answers 422 to every
signed-in role, and its declaration says so ("signed-in"); what a role may change there is its
action's own test.

`ACCESS_DISCOVER=1 pytest phongdich/tests/test_authorization_matrix.py -s` prints the rules that
match what each route does, to declare a new route (`ACCESS_ONLY=name,…` probes only those).
"""

import os
import time
from typing import Any

from django.test import Client

from testing import SafetyTestCase, make_place
from testing.access import ROLES, RULES, api_declarations, api_methods, declared_rule, routes_to_probe
from testing.routes import Route
from testing.suite_report import note

MISSING = "999999"
PLACE_ROUTES = ("places/<int:pk>", "api/v1/establishments/<place_id>", "api/v1/establishments/<establishment_id>")


class AuthorizationMatrixTests(SafetyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.places = {
            "own": make_place(self.commune_a, "Chợ Đức Mạnh", owners=[self.owner]),
            "sibling": make_place(self.commune_b, "Chợ Đức Minh"),
            "parent": make_place(self.district, "Bến xe Đắk Mil"),
        }
        self.units = {"own": self.commune_a, "sibling": self.commune_b, "parent": self.district}
        users = {
            "admin": self.admin,
            "province": self.province_officer,
            "district": self.district_officer,
            "commune_a": self.officer_a,
            "commune_b": self.officer_b,
            "inspector": self.inspector,
            "press": self.press,
            "owner": self.owner,
        }
        self.users = users
        self.clients: dict[str, Client] = {"anonymous": Client()}
        for role, user in users.items():
            client = Client()
            client.force_login(user)
            self.clients[role] = client

    def client_for_probe(self, route: Route, role: str) -> Client:
        """The role's client; signing out is probed with a client of its own."""
        if route.name != "logout" or role == "anonymous":
            return self.clients[role]
        client = Client()
        client.force_login(self.users[role])
        return client

    def variants(self, route: Route) -> dict[str, dict[str, str]]:
        """The parameters to probe the route with, by variant (own, sibling, parent, or a record
        nobody has)."""
        params = set(route.parameters)
        if {"scheme", "code"} <= params:
            return {
                variant: {"scheme": unit.scheme, "code": unit.code, "version": "1"}
                for variant, unit in self.units.items()
            }
        if route.pattern.startswith(PLACE_ROUTES):
            return {variant: {name: str(place.pk) for name in params} for variant, place in self.places.items()}
        if route.pattern in ("p/<str:code>", "api/v1/public/places/<public_code>"):
            return {variant: {name: place.public_code for name in params} for variant, place in self.places.items()}
        if params:
            return {"missing": {name: "accept" if name == "action" else MISSING for name in params}}
        return {"none": {}}

    def path(self, route: Route, values: dict[str, str]) -> str:
        path = "/" + route.pattern
        for name, value in values.items():
            for form in (f"<{name}>", f"<int:{name}>", f"<str:{name}>", f"<slug:{name}>", f"<tracking:{name}>"):
                path = path.replace(form, value)
        return path

    def probe(self, client: Client, path: str, method: str = "GET") -> int:
        """The status of the route's answer: an API operation asked with its own method, a page
        with GET, else with POST."""
        if method != "GET":
            response = client.generic(method, path, "{}", content_type="application/json")
        else:
            response = client.get(path)
            if response.status_code == 405:
                response = client.post(path, {})
        if response.status_code in (301, 302) and "/login/" in response.get("Location", ""):
            return 401
        return response.status_code

    def test_every_route_for_every_role(self) -> None:
        api, methods = api_declarations(), api_methods()
        discover = os.environ.get("ACCESS_DISCOVER")
        undeclared, wrong, errors = [], [], []
        probes = 0
        started = time.monotonic()
        only = [name for name in os.environ.get("ACCESS_ONLY", "").split(",") if name]
        for route in routes_to_probe():
            key = route.name or route.pattern
            if only and key not in only:
                continue
            rule = declared_rule(route, api)
            if rule is None and not discover:
                undeclared.append(key)
                continue
            observed: dict[tuple[str, str], bool] = {}
            method = methods.get(route.name.removeprefix("api:"), "GET") if route.name.startswith("api:") else "GET"
            for variant, values in self.variants(route).items():
                path = self.path(route, values)
                for role in ROLES:
                    method = (
                        methods.get(route.name.removeprefix("api:"), "GET") if route.name.startswith("api:") else "GET"
                    )
                    status = self.probe(self.client_for_probe(route, role), path, method)
                    probes += 1
                    if status >= 500:
                        errors.append(f"{role} {path} → {status}")
                    observed[(role, variant)] = status not in (401, 403, 404)
            if discover:
                print(f"{key}\t{self.matching_rules(observed)}")
                continue
            assert rule is not None
            expected = RULES[rule]
            for (role, variant), allowed in observed.items():
                wanted = expected(role, variant if variant in ("own", "sibling", "parent") else "own")
                if allowed != wanted:
                    wrong.append(f"{key} [{rule}] {role}/{variant}: {'allowed' if allowed else 'refused'}")
        note(f"authorization matrix: {probes} probes, {len(wrong)} differ, in {time.monotonic() - started:.1f} s")
        self.assertEqual(errors, [])
        self.assertEqual(undeclared, [], "routes with no declared access")
        self.assertEqual(wrong, [])

    def matching_rules(self, observed: dict[tuple[str, str], bool]) -> Any:
        found = [
            name
            for name, rule in RULES.items()
            if all(
                rule(role, variant if variant in ("own", "sibling", "parent") else "own") == allowed
                for (role, variant), allowed in observed.items()
            )
        ]
        return found or sorted(key for key, allowed in observed.items() if allowed)
