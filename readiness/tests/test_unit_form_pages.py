"""The forms of a unit's readiness page sent from the page: a drill the unit held and a pledge of
a level above. A refusal shows the page again with what was typed and each mistake at its field;
nothing is written."""

from datetime import date, timedelta

from readiness.models import Drill, Pledge, ResourceKind

from .base import ReadinessTestCase


class UnitFormPageTests(ReadinessTestCase):
    def url(self, step: str = "") -> str:
        return f"/readiness/units/legacy/{self.commune_a.code}/{step}"

    def drill(self, **changes: str) -> dict[str, str]:
        return {
            "held_on": "2021-05-10",
            "scenario": self.first.code,
            "participants": "35",
            "findings": "Thiếu xe chuyển bệnh nhân",
            **changes,
        }

    def test_a_drill_is_recorded_from_the_page(self) -> None:
        response = self.client_for(self.officer_a).post(self.url("drill/"), self.drill())
        self.assertRedirects(response, self.url())
        drill = Drill.objects.get()
        self.assertEqual(
            (drill.held_on, drill.participants, drill.recorded_by), (date(2021, 5, 10), 35, self.officer_a)
        )

    def test_a_drill_left_without_participants_counts_nobody(self) -> None:
        self.client_for(self.officer_a).post(self.url("drill/"), self.drill(participants=""))
        self.assertEqual(Drill.objects.get().participants, 0)

    def test_a_refused_drill_keeps_its_findings_and_says_what_is_wrong_at_the_field(self) -> None:
        tomorrow = (date.today() + timedelta(days=1)).isoformat()
        response = self.client_for(self.officer_a).post(self.url("drill/"), self.drill(held_on=tomorrow))
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn('data-field-error="held_on"', page)
        self.assertIn("Thiếu xe chuyển bệnh nhân</textarea>", page)
        self.assertIn("<details open>", page)
        bad = self.client_for(self.officer_a).post(self.url("drill/"), self.drill(participants="ba mươi"))
        self.assertContains(bad, 'data-field-error="participants"', status_code=400)
        self.assertFalse(Drill.objects.exists())

    def test_a_sibling_commune_may_not_record_a_drill_here(self) -> None:
        response = self.client_for(self.officer_b).post(self.url("drill/"), self.drill())
        self.assertIn(response.status_code, (403, 404))
        self.assertFalse(Drill.objects.exists())

    def test_the_district_pledges_to_its_commune_from_the_communes_page(self) -> None:
        kind = ResourceKind.objects.filter(is_active=True).first()
        assert kind is not None
        client = self.client_for(self.district_officer)
        response = client.post(self.url("pledge/"), {"by_unit": self.district.pk, "kind": kind.code, "quantity": "4"})
        self.assertRedirects(response, self.url())
        pledge = Pledge.objects.get()
        self.assertEqual(
            (pledge.unit, pledge.by_unit, pledge.kind, pledge.quantity), (self.commune_a, self.district, kind, 4)
        )

    def test_a_pledge_refused_keeps_its_quantity_at_the_field(self) -> None:
        kind = ResourceKind.objects.filter(is_active=True).first()
        assert kind is not None
        client = self.client_for(self.district_officer)
        response = client.post(self.url("pledge/"), {"by_unit": self.district.pk, "kind": kind.code, "quantity": "-4"})
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn('data-field-error="quantity"', page)
        self.assertIn('value="-4"', page)
        foreign = client.post(
            self.url("pledge/"), {"by_unit": self.other_district.pk, "kind": kind.code, "quantity": "4"}
        )
        self.assertContains(foreign, 'data-field-error="by_unit"', status_code=400)
        self.assertFalse(Pledge.objects.exists())

    def test_who_may_not_change_the_unit_is_refused_before_the_form_is_read(self) -> None:
        for step, user in (("drill/", self.inspector), ("pledge/", self.officer_a), ("lend/", self.inspector)):
            with self.subTest(step=step, user=user.username):
                self.assertEqual(self.client_for(user).post(self.url(step), {}).status_code, 403)
        self.assertFalse(Drill.objects.exists())
        self.assertFalse(Pledge.objects.exists())
