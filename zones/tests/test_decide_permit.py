"""Officers of the permit's origin approve, reject or revoke it; the operator is told by email."""

from django.core import mail

from zones.actions.permits import register_permit
from zones.models import PermitStatus

from .base import ZonesTestCase, permit_input


class DecidePermitTests(ZonesTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.owner.email = "owner@example.com"
        self.owner.save()
        self.permit = register_permit(permit_input(self.commune_a, self.other_commune), by=self.owner)

    def post(self, user, decision, **body):  # type: ignore[no-untyped-def]
        return self.api_post(user, f"/api/v1/permits/{self.permit.pk}/{decision}", body)

    def test_an_officer_of_the_origin_approves_and_the_operator_is_told(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            response = self.post(self.officer_a, "approve", note="Đủ điều kiện")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "approved")
        self.permit.refresh_from_db()
        self.assertEqual(self.permit.decided_by, self.officer_a)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn(self.permit.number, mail.outbox[0].subject)
        self.assertEqual(self.post(self.officer_a, "approve").status_code, 409)  # already decided

    def test_outside_the_origins_jurisdiction_nobody_decides(self) -> None:
        self.assertEqual(self.post(self.officer_b, "approve").status_code, 404)  # cannot even see it
        self.assertEqual(self.post(self.other_district_officer, "approve").status_code, 404)
        self.assertEqual(self.post(self.owner, "approve").status_code, 403)  # the operator sees it, cannot approve
        self.assertEqual(self.post(self.inspector, "approve").status_code, 403)
        self.permit.refresh_from_db()
        self.assertEqual(self.permit.status, PermitStatus.PENDING)

    def test_rejecting_and_revoking_need_a_reason(self) -> None:
        self.assertEqual(self.post(self.officer_a, "reject", reason=" ").status_code, 422)
        self.assertEqual(self.post(self.officer_a, "revoke", reason="Sai lộ trình").status_code, 409)  # not approved
        self.assertEqual(self.post(self.officer_a, "reject", reason="Thiếu giấy tờ xe").status_code, 200)
        self.permit.refresh_from_db()
        self.assertEqual((self.permit.status, self.permit.decision_note), (PermitStatus.REJECTED, "Thiếu giấy tờ xe"))

    def test_revoking_an_approved_permit(self) -> None:
        self.post(self.district_officer, "approve")
        self.assertEqual(self.post(self.district_officer, "revoke", reason="").status_code, 422)
        response = self.post(self.district_officer, "revoke", reason="Xe chở hàng không đúng giấy phép")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["status"], "revoked")
        self.assertIsNotNone(response.json()["revoked_at"])

    def test_the_decision_buttons_on_the_permit_page(self) -> None:
        client = self.client_for(self.officer_a)
        page = client.get(f"/permits/{self.permit.pk}/")
        self.assertTrue(page.context["can_decide"])
        self.assertFalse(self.client_for(self.owner).get(f"/permits/{self.permit.pk}/").context["can_decide"])
        self.assertEqual(self.client_for(self.officer_b).get(f"/permits/{self.permit.pk}/").status_code, 404)
        response = client.post(f"/permits/{self.permit.pk}/approve/", {"note": ""})
        self.assertRedirects(response, f"/permits/{self.permit.pk}/")
        self.permit.refresh_from_db()
        self.assertEqual(self.permit.status, PermitStatus.APPROVED)
        self.assertEqual(client.post(f"/permits/{self.permit.pk}/approve/", {}).status_code, 409)
        response = client.post(f"/permits/{self.permit.pk}/revoke/", {"reason": "Sai lộ trình"})
        self.assertRedirects(response, f"/permits/{self.permit.pk}/")
        self.permit.refresh_from_db()
        self.assertEqual(self.permit.status, PermitStatus.REVOKED)
