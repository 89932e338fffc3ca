"""The audit trail's filter is picked, not typed: who from a user picker, the kind of record
from a list of names, the record's number; a kind that does not exist is the field's error."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from audit.forms import record_types
from audit.models import AuditEntry
from testing import JurisdictionTestCase


class AuditFilterPickerTests(JurisdictionTestCase):
    url = reverse("audit:entries")
    pick = reverse("audit:actor_pick")

    def setUp(self) -> None:
        super().setUp()
        self.admin.full_name = "Nguyễn Thị Hoa"
        self.admin.save()
        for actor, record in (("admin", self.commune_a), ("someone", self.commune_b), ("someone", self.press_agency)):
            AuditEntry.objects.create(
                actor_name=actor,
                source="web",
                action="update",
                content_type=ContentType.objects.get_for_model(record),
                object_id=str(record.pk),
                object_repr=str(record),
            )

    def test_the_filter_offers_a_user_picker_and_named_kinds_of_record(self) -> None:
        page = self.client_for(self.admin).get(self.url)
        self.assertContains(page, f'data-picker="{self.pick}"')
        self.assertContains(page, '<option value="safety.establishment">Cơ sở</option>', html=False)
        self.assertNotContains(page, 'placeholder="territory.adminunit"')

    def test_the_user_picker_finds_users_by_username_or_name_for_the_administrator_only(self) -> None:
        found = self.client_for(self.admin).get(self.pick, {"q": "Hoa"}).json()["results"]
        self.assertEqual(found, [{"value": "admin", "label": "Nguyễn Thị Hoa (admin)"}])
        for typed in ("nguyen thi", "NGUYỄN", "hoa"):
            found = self.client_for(self.admin).get(self.pick, {"q": typed}).json()["results"]
            self.assertEqual([m["value"] for m in found], ["admin"], typed)
        found = self.client_for(self.admin).get(self.pick, {"q": "commune"}).json()["results"]
        self.assertEqual([m["value"] for m in found], ["commune_a", "commune_b"])
        for user in (self.province_officer, self.officer_a):
            self.assertEqual(self.client_for(user).get(self.pick, {"q": "admin"}).status_code, 403)

    def test_the_label_the_picker_writes_filters_by_its_username(self) -> None:
        page = self.client_for(self.admin).get(self.url, {"user": "Nguyễn Thị Hoa (admin)"})
        self.assertEqual(len(page.context["rows"]), 1)
        self.assertEqual(page.context["user_filter"], "admin")

    def test_a_kind_of_record_that_does_not_exist_is_the_fields_error(self) -> None:
        page = self.client_for(self.admin).get(self.url, {"type": "auth.permission"})
        self.assertContains(page, 'data-field-error="type"', status_code=400)
        page = self.client_for(self.admin).get(self.url, {"type": "territory.adminunit"})
        self.assertEqual(page.status_code, 200)
        self.assertEqual(len(page.context["rows"]), 2)
        self.assertTrue(all(entry.content_type.model == "adminunit" for entry, _changes in page.context["rows"]))

    def test_every_kind_of_record_is_named_in_vietnamese(self) -> None:
        with translation.override("en"):
            english = {value: str(label) for value, label in record_types()}
        with translation.override("vi"):
            vietnamese = {value: str(label) for value, label in record_types()}
        self.assertIn("safety.establishment", vietnamese)
        self.assertEqual([value for value in english if english[value] == vietnamese[value]], [])
