"""An officer creates an exam or an election on the events page: a form that keeps what was typed
and says what is wrong at the field, organised only by a unit of theirs."""

from events.models import Event

from .base import EventTestCase

URL = "/events/"


class EventCreatePageTests(EventTestCase):
    def form(self, **changes: object) -> dict[str, object]:
        return {
            "name": "Kỳ thi tốt nghiệp THPT 2021",
            "kind": "exam",
            "unit": self.district.pk,
            "starts_on": "2021-07-07",
            "ends_on": "2021-07-08",
            "plans_due_days": "5",
            **changes,
        }

    def test_an_officer_creates_an_event_of_their_unit(self) -> None:
        response = self.client_for(self.district_officer).post(URL, self.form())
        event = Event.objects.get(name="Kỳ thi tốt nghiệp THPT 2021")
        self.assertRedirects(response, f"/events/{event.pk}/")
        self.assertEqual((event.kind, event.unit, event.plans_due_days), ("exam", self.district, 5))
        self.assertEqual(event.created_by, self.district_officer)

    def test_the_form_offers_only_the_officers_own_units(self) -> None:
        page = self.client_for(self.district_officer).get(URL).content.decode()
        self.assertIn(f'<option value="{self.district.pk}"', page)
        self.assertNotIn(f'<option value="{self.other_district.pk}"', page)

    def test_a_wrong_form_keeps_what_was_typed_and_says_what_is_wrong_at_the_field(self) -> None:
        response = self.client_for(self.district_officer).post(URL, self.form(ends_on="2021-07-01"))
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn('value="Kỳ thi tốt nghiệp THPT 2021"', page)
        self.assertIn('data-field-error="ends_on"', page)
        self.assertIn("Ngày kết thúc trước ngày bắt đầu.", page)
        self.assertIn("<details open", page)
        self.assertEqual(Event.objects.filter(name="Kỳ thi tốt nghiệp THPT 2021").count(), 0)

    def test_a_missing_name_or_day_is_refused_at_its_field(self) -> None:
        response = self.client_for(self.district_officer).post(URL, self.form(name="", starts_on=""))
        self.assertEqual(response.status_code, 400)
        page = response.content.decode()
        self.assertIn('data-field-error="name"', page)
        self.assertIn('data-field-error="starts_on"', page)
        self.assertEqual(Event.objects.count(), 1)

    def test_a_unit_of_a_sibling_is_refused_and_nothing_is_created(self) -> None:
        response = self.client_for(self.district_officer).post(URL, self.form(unit=self.other_district.pk))
        self.assertEqual(response.status_code, 400)
        self.assertIn('data-field-error="unit"', response.content.decode())
        self.assertEqual(Event.objects.count(), 1)

    def test_who_changes_no_unit_sees_no_form_and_may_not_post(self) -> None:
        for user in (self.inspector, self.owner):
            with self.subTest(user=user.username):
                client = self.client_for(user)
                self.assertNotContains(client.get(URL), 'data-testid="new-event"')
                self.assertEqual(client.post(URL, self.form()).status_code, 403)
        self.assertEqual(Event.objects.count(), 1)
