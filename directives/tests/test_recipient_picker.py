"""A directive's recipients are picked, not Ctrl-clicked: the recipient picker finds organisations
and the letter's recipient groups by name without accents; choosing a group adds its members.
Only the organisations of the provinces the writer writes in are offered or taken."""

from django.urls import reverse

from directives.models import Directive
from lib.picker import PICK_LIMIT
from territory.models import AdminUnit, Organisation, Scheme
from territory.organisations import load_organisations

from .base import DirectiveTestCase


class TwoProvincesTestCase(DirectiveTestCase):
    """The writer of Đắk Nông, and a newspaper of Lâm Đồng they do not write to."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        lam_dong = AdminUnit.objects.get(scheme=Scheme.Y2025, code="68")
        load_organisations(lam_dong, [{"code": "68-bao-lam-dong", "kind": "press", "name": "Báo Lâm Đồng"}])


class RecipientPickerTests(TwoProvincesTestCase):
    url = reverse("directives:recipient_pick")

    def matches(self, user, text):  # type: ignore[no-untyped-def]
        response = self.client_for(user).get(self.url, {"q": text})
        self.assertEqual(response.status_code, 200)
        return response.json()["results"]

    def test_an_organisation_is_found_without_accents(self) -> None:
        found = self.matches(self.writer, "bao dak nong")
        self.assertEqual([(m["value"], m["label"]) for m in found], [("67-bao-dak-nong", "Báo Đắk Nông")])

    def test_a_recipient_group_comes_first_with_its_members(self) -> None:
        found = self.matches(self.writer, "ubnd cac xa")
        group = found[0]
        self.assertEqual((group["value"], group["label"]), ("group:ubnd-xa-legacy-67", "UBND các xã, phường, thị trấn"))
        members = {m["value"] for m in group["members"]}
        self.assertEqual(members, set(self.group("ubnd-xa").members.values_list("code", flat=True)))
        self.assertIn(self.commune_committee(self.commune_a).code, members)

    def test_no_more_than_the_limit_and_nothing_for_an_empty_search(self) -> None:
        self.assertEqual(len(self.matches(self.writer, "ubnd")), PICK_LIMIT)
        self.assertEqual(self.matches(self.writer, " "), [])

    def test_only_the_provinces_the_writer_writes_in(self) -> None:
        self.assertEqual(self.matches(self.writer, "bao lam dong"), [])
        self.assertEqual(self.matches(self.owner, "bao dak nong"), [])
        self.assertEqual(self.client.get(self.url, {"q": "bao"}).status_code, 302)


class ComposeWithRecipientPickerTests(TwoProvincesTestCase):
    def form(self, **changes):  # type: ignore[no-untyped-def]
        return {
            "issuer": self.department.pk,
            "symbol": "STTTT-TTBCXB",
            "subject": "tuyên truyền",
            "items": "Nội dung thứ nhất",
            "report_every": "0",
            "signer_title": "Giám đốc",
            "signer_name": "Nguyễn Văn A",
            **changes,
        }

    def test_the_composer_offers_the_picker_instead_of_a_long_list(self) -> None:
        page = self.client_for(self.writer).get(reverse("directives:new"))
        self.assertContains(page, f'data-picker="{reverse("directives:recipient_pick")}"')
        self.assertContains(page, "data-picker-multiple")
        self.assertNotContains(page, '<select name="organisations"')

    def test_the_picked_organisations_are_the_recipients(self) -> None:
        committee = self.commune_committee(self.commune_a)
        response = self.client_for(self.writer).post(
            reverse("directives:new"), self.form(organisations=f"67-bao-dak-nong, {committee.code}")
        )
        directive = Directive.objects.get()
        self.assertRedirects(response, reverse("directives:detail", args=[directive.pk]))
        self.assertEqual(set(directive.recipient_organisations.all()), {self.press_agency, committee})
        page = self.client_for(self.writer).get(reverse("directives:edit", args=[directive.pk]))
        self.assertContains(page, "Báo Đắk Nông")

    def test_an_organisation_of_another_province_or_no_organisation_is_the_fields_error(self) -> None:
        self.assertTrue(Organisation.objects.filter(code="68-bao-lam-dong").exists())
        for codes in ("khong-co-ai", "67-bao-dak-nong, 68-bao-lam-dong"):
            response = self.client_for(self.writer).post(reverse("directives:new"), self.form(organisations=codes))
            self.assertContains(response, 'data-field-error="organisations"', status_code=400)
        self.assertFalse(Directive.objects.exists())
