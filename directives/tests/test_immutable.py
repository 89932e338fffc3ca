"""An issued directive never changes; a correction is a new document that references it."""

from typing import Any

from django.urls import reverse

from directives.admin import DirectiveAdmin
from directives.models import Directive

from .base import DirectiveTestCase

REPLACEMENT = {
    "issuer": "67-stttt",
    "subject": "khác",
    "symbol": "STTTT-KHAC",
    "place": "Đắk Nông",
    "issuing_body": "Sở",
    "items": ["Một"],
    "groups": ["bao-chi-legacy-67"],
    "signer_title": "Giám đốc",
    "signer_name": "B",
}


class ImmutableTests(DirectiveTestCase):
    def replace(self, directive: Directive) -> Any:
        """PUT the directive's whole content again, as another document."""
        return self.api_put(self.writer, f"/api/v1/directives/{directive.pk}", REPLACEMENT)

    def test_editing_an_issued_directive_is_a_conflict_and_changes_nothing(self) -> None:
        directive = self.make_issued()
        before = self.api_get(self.writer, f"/api/v1/directives/{directive.pk}").json()
        response = self.replace(directive)
        self.assertEqual(response.status_code, 409)
        after = self.api_get(self.writer, f"/api/v1/directives/{directive.pk}").json()
        for field in ("subject", "symbol", "items", "signer_name", "reference"):
            self.assertEqual(before[field], after[field])

    def test_a_draft_can_be_replaced(self) -> None:
        draft = self.make_draft()
        response = self.replace(draft)
        self.assertEqual(response.status_code, 200)
        self.assertEqual([i["text"] for i in response.json()["items"]], ["Một"])

    def test_the_edit_page_of_an_issued_directive_sends_back_to_it(self) -> None:
        directive = self.make_issued()
        response = self.client_for(self.writer).post(reverse("directives:edit", args=[directive.pk]), {"subject": "x"})
        self.assertRedirects(response, reverse("directives:detail", args=[directive.pk]))
        self.assertEqual(Directive.objects.get(pk=directive.pk).subject, directive.subject)

    def test_the_admin_cannot_change_or_delete_an_issued_directive(self) -> None:
        from django.contrib.admin.sites import site
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        request.user = self.admin
        model_admin = DirectiveAdmin(Directive, site)
        issued, draft = self.make_issued(), self.make_draft()
        self.assertFalse(model_admin.has_change_permission(request, issued))
        self.assertFalse(model_admin.has_delete_permission(request, issued))
        self.assertTrue(model_admin.has_change_permission(request, draft))

    def test_a_correction_is_a_new_draft_that_references_the_original(self) -> None:
        original = self.make_issued()
        response = self.client.post(
            f"/api/v1/directives/{original.pk}/corrections", headers=self.api_headers(self.writer)
        )
        self.assertEqual(response.status_code, 201)
        body = response.json()
        self.assertEqual(body["corrects"], original.pk)
        self.assertEqual(body["status"], "draft")
        self.assertEqual(len(body["items"]), original.items.count())
        self.assertNotEqual(body["id"], original.pk)
        self.assertEqual(Directive.objects.get(pk=original.pk).status, "issued")

    def test_only_an_issued_directive_can_be_corrected(self) -> None:
        draft = self.make_draft()
        response = self.client.post(f"/api/v1/directives/{draft.pk}/corrections", headers=self.api_headers(self.writer))
        self.assertEqual(response.status_code, 422)
        self.assertEqual(Directive.objects.count(), 1)
