"""The helpers every page and endpoint uses to read the signed-in user and the unit asked for."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from accounts import jurisdiction
from accounts.http import request_user
from testing import JurisdictionTestCase


class RequestHelperTests(JurisdictionTestCase):
    def request(self, user):  # type: ignore[no-untyped-def]
        request = RequestFactory().get("/")
        request.user = user
        return request

    def test_request_user_is_the_signed_in_user(self) -> None:
        self.assertEqual(request_user(self.request(self.officer_a)), self.officer_a)

    def test_request_user_refuses_an_anonymous_visitor(self) -> None:
        with self.assertRaises(PermissionDenied):
            request_user(self.request(AnonymousUser()))

    def test_no_unit_asked_gives_the_home_unit(self) -> None:
        self.assertEqual(jurisdiction.unit_or_home(self.district_officer, ""), self.district)

    def test_a_unit_inside_the_jurisdiction(self) -> None:
        self.assertEqual(jurisdiction.unit_or_home(self.district_officer, self.commune_a.code), self.commune_a)

    def test_a_sibling_unit_is_refused(self) -> None:
        with self.assertRaises(PermissionDenied):
            jurisdiction.unit_or_home(self.officer_a, self.commune_b.code)

    def test_a_parent_unit_is_refused(self) -> None:
        with self.assertRaises(PermissionDenied):
            jurisdiction.unit_or_home(self.officer_a, self.district.code)

    def test_no_jurisdiction_is_refused(self) -> None:
        with self.assertRaises(PermissionDenied):
            jurisdiction.unit_or_home(self.owner, None)

    def test_an_unknown_code_is_not_found(self) -> None:
        with self.assertRaises(Http404):
            jurisdiction.unit_or_home(self.province_officer, "no-such-unit")
