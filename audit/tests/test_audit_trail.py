"""The audit trail: every change a person makes is written down, with who, through what, before and after."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, User
from audit.models import AuditEntry
from territory.actions import set_population
from territory.models import AdminUnit, Level, Organisation, OrganisationKind
from testing import PASSWORD, JurisdictionTestCase, add_village, make_user

NEW_PASSWORD = "lantern-mango-river-42"


def entries_for(instance: object) -> list[AuditEntry]:
    model = type(instance)
    return list(
        AuditEntry.objects.filter(
            content_type__app_label=model._meta.app_label,  # type: ignore[attr-defined]
            content_type__model=model._meta.model_name,  # type: ignore[attr-defined]
            object_id=str(instance.pk),  # type: ignore[attr-defined]
        ).order_by("id")
    )


def all_entries_text() -> str:
    return json.dumps([[e.object_repr, e.before, e.after] for e in AuditEntry.objects.all()], ensure_ascii=False)


def management_form(prefix: str) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


class AuditTrailTests(JurisdictionTestCase):
    def organisation_form(self, organisation: Organisation, **changes: str) -> dict[str, str]:
        data = {
            "code": organisation.code,
            "name": organisation.name,
            "short_name": organisation.short_name,
            "kind": organisation.kind,
            "unit": str(organisation.unit_id),
            "email": organisation.email,
            "_save": "Save",
        }
        data.update(changes)
        return data

    def user_form(self, user: User, **changes: str) -> dict[str, str]:
        data = {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "is_active": "on",
            "date_joined_0": timezone.localtime(user.date_joined).strftime("%Y-%m-%d"),
            "date_joined_1": timezone.localtime(user.date_joined).strftime("%H:%M:%S"),
            "full_name": user.full_name,
            "phone": user.phone,
            "_save": "Save",
            **management_form("roles"),
        }
        data.update(changes)
        return data

    def import_page_upload(self, client: Client) -> None:
        text = (
            "Mã xã,Tên thôn,Loại,Dân số\n"
            f"{self.commune_b.code},Thôn Tân Lập,Thôn,640\n"
            f"{self.commune_a.code},Buôn Jun,Buôn,320\n"
        )
        upload = SimpleUploadedFile("thon.csv", text.encode("utf-8"), content_type="text/csv")
        response = client.post(reverse("units:village_import"), {"file": upload})
        self.assertEqual(response.status_code, 200)

    # (a) the admin

    def test_change_through_the_admin_is_recorded_with_before_and_after(self) -> None:
        organisation = self.press_agency
        old_email = organisation.email
        url = f"/admin/territory/organisation/{organisation.pk}/change/"

        response = self.client_for(self.admin).post(
            url, self.organisation_form(organisation, email="toasoan@baodaknong.vn")
        )

        self.assertEqual(response.status_code, 302)
        [entry] = entries_for(organisation)
        self.assertEqual(entry.actor, self.admin)
        self.assertEqual(entry.actor_name, "admin")
        self.assertEqual((entry.source, entry.action), ("admin", "update"))
        assert entry.before is not None and entry.after is not None
        self.assertEqual(entry.before["email"], old_email)
        self.assertEqual(entry.after["email"], "toasoan@baodaknong.vn")
        self.assertEqual(entry.changed_fields(), [("email", old_email, "toasoan@baodaknong.vn")])

    def test_population_change_through_the_admin_is_recorded(self) -> None:
        village = self.village_a
        url = f"/admin/territory/adminunit/{village.pk}/change/"
        data = {
            "scheme": village.scheme,
            "code": village.code,
            "level": village.level,
            "type_name": village.type_name,
            "name": village.name,
            "short_name": village.short_name,
            "parent": str(village.parent_id),
            "latitude": "",
            "longitude": "",
            "population": "1234",
            "_save": "Save",
        }

        response = self.client_for(self.admin).post(url, data)

        self.assertEqual(response.status_code, 302)
        village.refresh_from_db()
        self.assertEqual(village.population, 1234)
        [entry] = entries_for(village)
        self.assertEqual((entry.actor, entry.source, entry.action), (self.admin, "admin", "update"))
        self.assertEqual(entry.changed_fields(), [("population", None, 1234)])

    def test_saving_the_admin_form_unchanged_records_nothing(self) -> None:
        organisation = self.press_agency
        url = f"/admin/territory/organisation/{organisation.pk}/change/"

        response = self.client_for(self.admin).post(url, self.organisation_form(organisation))

        self.assertEqual(response.status_code, 302)
        self.assertEqual(entries_for(organisation), [])

    # (b) a web page

    def test_villages_created_by_the_import_page_are_recorded(self) -> None:
        self.import_page_upload(self.client_for(self.admin))

        created = AdminUnit.objects.filter(level=Level.VILLAGE, name__in=["Thôn Tân Lập", "Buôn Jun"])
        self.assertEqual(created.count(), 2)
        for village in created:
            with self.subTest(village=village.name):
                [entry] = entries_for(village)
                self.assertEqual((entry.actor, entry.actor_name), (self.admin, "admin"))
                self.assertEqual((entry.source, entry.action), ("web", "create"))
                self.assertIsNone(entry.before)
                assert entry.after is not None
                self.assertEqual(entry.after["code"], village.code)
                self.assertEqual(entry.after["population"], village.population)
                self.assertEqual(entry.after["parent_id"], village.parent_id)
        self.assertEqual(AuditEntry.objects.count(), 2)

    def test_dry_run_on_the_import_page_records_nothing(self) -> None:
        text = f"Mã xã,Tên thôn,Loại,Dân số\n{self.commune_b.code},Thôn Tân Lập,Thôn,640\n"
        upload = SimpleUploadedFile("thon.csv", text.encode("utf-8"), content_type="text/csv")

        response = self.client_for(self.admin).post(reverse("units:village_import"), {"file": upload, "dry_run": "on"})

        self.assertEqual(response.status_code, 200)
        self.assertEqual(AuditEntry.objects.count(), 0)

    def test_villages_created_by_the_command_name_the_command(self) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "thon.csv"
            path.write_text(
                f"Mã xã,Tên thôn,Loại,Dân số\n{self.commune_b.code},Thôn Tân Lập,Thôn,640\n", encoding="utf-8"
            )
            call_command("import_villages", str(path), stdout=StringIO(), stderr=StringIO())

        village = AdminUnit.objects.get(level=Level.VILLAGE, name="Thôn Tân Lập")
        [entry] = entries_for(village)
        self.assertIsNone(entry.actor)
        self.assertEqual((entry.actor_name, entry.source, entry.action), ("import_villages", "command", "create"))

    # (c) deletes

    def test_delete_through_the_admin_is_recorded_with_the_values_before(self) -> None:
        village = add_village(self.commune_b, 7, "Thôn Bảy")
        set_population(village, 512)
        village_id = village.pk
        url = f"/admin/territory/adminunit/{village_id}/delete/"

        response = self.client_for(self.admin).post(url, {"post": "yes"})

        self.assertEqual(response.status_code, 302)
        self.assertFalse(AdminUnit.objects.filter(pk=village_id).exists())
        [entry] = AuditEntry.objects.filter(object_id=str(village_id), content_type__model="adminunit")
        self.assertEqual((entry.actor, entry.source, entry.action), (self.admin, "admin", "delete"))
        self.assertEqual(entry.object_repr, "Thôn Bảy")
        assert entry.before is not None
        self.assertEqual(entry.before["code"], f"{self.commune_b.code}-007")
        self.assertEqual(entry.before["population"], 512)
        self.assertIsNone(entry.after)

    def test_deleting_an_organisation_through_the_admin_is_recorded(self) -> None:
        organisation = Organisation.objects.create(
            code="67-dai-phat-thanh",
            name="Đài Phát thanh và Truyền hình Đắk Nông",
            kind=OrganisationKind.PRESS,
            unit=self.province,
            email="pttd@daknong.gov.vn",
        )
        organisation_id = organisation.pk

        response = self.client_for(self.admin).post(
            f"/admin/territory/organisation/{organisation_id}/delete/", {"post": "yes"}
        )

        self.assertEqual(response.status_code, 302)
        [entry] = AuditEntry.objects.filter(object_id=str(organisation_id), content_type__model="organisation")
        self.assertEqual(entry.action, "delete")
        assert entry.before is not None
        self.assertEqual(entry.before["email"], "pttd@daknong.gov.vn")
        self.assertEqual(entry.before["code"], "67-dai-phat-thanh")

    # (d) API tokens

    def test_creating_an_api_token_records_no_secret(self) -> None:
        response = Client().post(
            "/api/v1/auth/token", {"username": "admin", "password": PASSWORD}, content_type="application/json"
        )

        self.assertEqual(response.status_code, 200)
        key = response.json()["token"]
        token = ApiToken.objects.get(prefix=key[:8])
        text = all_entries_text()
        self.assertNotIn(key, text)
        self.assertNotIn(token.key_hash, text)

    def test_creating_an_api_token_is_recorded_with_the_hash_masked(self) -> None:
        response = Client().post(
            "/api/v1/auth/token", {"username": "admin", "password": PASSWORD}, content_type="application/json"
        )

        self.assertEqual(response.status_code, 200)
        token = ApiToken.objects.get(prefix=response.json()["token"][:8])
        [entry] = entries_for(token)
        self.assertEqual((entry.actor, entry.source, entry.action), (self.admin, "api", "create"))
        assert entry.after is not None
        self.assertNotEqual(entry.after["key_hash"], token.key_hash)
        self.assertEqual(entry.after["user_id"], self.admin.pk)

    def test_refused_token_request_records_nothing(self) -> None:
        response = Client().post(
            "/api/v1/auth/token", {"username": "admin", "password": "wrong-password-1"}, content_type="application/json"
        )

        self.assertEqual(response.status_code, 401)
        self.assertEqual(AuditEntry.objects.count(), 0)

    # (e) no person acting

    def test_loaders_and_code_run_without_a_person_record_nothing(self) -> None:
        # setUpTestData loaded units, organisations and users with no one acting.
        self.assertEqual(AuditEntry.objects.count(), 0)

        add_village(self.commune_a, 9)
        set_population(self.village_b, 99)
        make_user("clerk")

        self.assertEqual(AuditEntry.objects.count(), 0)

    def test_signing_in_and_using_the_api_record_nothing(self) -> None:
        client = Client()
        response = client.post(reverse("login"), {"username": "admin", "password": PASSWORD})
        self.assertEqual(response.status_code, 302)
        self.admin.refresh_from_db()
        self.assertIsNotNone(self.admin.last_login)

        api = Client().get("/api/v1/me", headers=self.api_headers(self.officer_a))

        self.assertEqual(api.status_code, 200)
        self.assertEqual(AuditEntry.objects.count(), 0)

    # (f) the audit page

    def test_audit_page_is_for_administrators_only(self) -> None:
        url = reverse("audit:entries")
        self.assertEqual(self.client_for(self.admin).get(url).status_code, 200)
        for user in (self.province_officer, self.district_officer, self.officer_a, self.inspector, self.press):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get(url).status_code, 403)
        anonymous = Client().get(url)
        self.assertEqual(anonymous.status_code, 302)

    def test_audit_page_filters_by_user(self) -> None:
        admin = self.client_for(self.admin)
        organisation = self.press_agency
        admin.post(
            f"/admin/territory/organisation/{organisation.pk}/change/",
            self.organisation_form(organisation, email="toasoan@baodaknong.vn"),
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "thon.csv"
            path.write_text(f"Mã xã,Tên thôn,Loại\n{self.commune_b.code},Thôn Lệnh,Thôn\n", encoding="utf-8")
            call_command("import_villages", str(path), stdout=StringIO(), stderr=StringIO())
        self.assertEqual(AuditEntry.objects.count(), 2)

        response = admin.get(reverse("audit:entries"), {"user": "admin"})

        self.assertEqual(response.status_code, 200)
        shown = list(response.context["page"])
        self.assertEqual([(e.actor_name, e.object_repr) for e in shown], [("admin", str(organisation))])
        self.assertNotIn("Thôn Lệnh", response.content.decode())

    def test_audit_page_filters_by_record(self) -> None:
        admin = self.client_for(self.admin)
        organisation = self.press_agency
        url = f"/admin/territory/organisation/{organisation.pk}/change/"
        admin.post(url, self.organisation_form(organisation, email="a@baodaknong.vn"))
        organisation.refresh_from_db()
        admin.post(url, self.organisation_form(organisation, email="b@baodaknong.vn"))
        self.import_page_upload(admin)
        self.assertEqual(AuditEntry.objects.count(), 4)

        response = admin.get(reverse("audit:entries"), {"type": "territory.organisation", "id": str(organisation.pk)})

        self.assertEqual(response.status_code, 200)
        shown = list(response.context["page"])
        self.assertEqual(len(shown), 2)
        self.assertTrue(
            all(e.content_type.model == "organisation" and e.object_id == str(organisation.pk) for e in shown)
        )
        # Newest first.
        self.assertEqual([e.after["email"] for e in shown], ["b@baodaknong.vn", "a@baodaknong.vn"])
        self.assertNotIn("Thôn Tân Lập", response.content.decode())

    # (g) passwords

    def test_user_changed_through_the_admin_is_recorded_without_the_password_hash(self) -> None:
        clerk = make_user("clerk")
        url = f"/admin/accounts/user/{clerk.pk}/change/"

        response = self.client_for(self.admin).post(url, self.user_form(clerk, full_name="Nguyễn Văn Thư"))

        self.assertEqual(response.status_code, 302)
        [entry] = entries_for(clerk)
        self.assertEqual((entry.actor, entry.source, entry.action), (self.admin, "admin", "update"))
        # The admin's date-time widget drops date_joined's microseconds, so that may show as changed too.
        self.assertIn(("full_name", "", "Nguyễn Văn Thư"), entry.changed_fields())
        assert entry.before is not None and entry.after is not None
        self.assertEqual(entry.before["password"], entry.after["password"])
        self.assertNotIn(clerk.password, all_entries_text())

    def test_user_created_through_the_admin_is_recorded_without_the_password_hash(self) -> None:
        data = {
            "username": "clerk",
            "usable_password": "true",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "_save": "Save",
            **management_form("roles"),
        }

        response = self.client_for(self.admin).post("/admin/accounts/user/add/", data)

        self.assertEqual(response.status_code, 302)
        clerk = User.objects.get(username="clerk")
        self.assertTrue(clerk.check_password(NEW_PASSWORD))
        [entry] = entries_for(clerk)
        self.assertEqual((entry.actor, entry.action), (self.admin, "create"))
        assert entry.after is not None
        self.assertIn("password", entry.after)
        self.assertNotEqual(entry.after["password"], clerk.password)
        self.assertNotIn(clerk.password, all_entries_text())
        self.assertNotIn(NEW_PASSWORD, all_entries_text())

    def test_password_changed_through_the_admin_is_recorded_without_the_hash(self) -> None:
        clerk = make_user("clerk")
        old_hash = clerk.password
        url = f"/admin/accounts/user/{clerk.pk}/password/"

        response = self.client_for(self.admin).post(
            url, {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
        )

        self.assertEqual(response.status_code, 302)
        clerk.refresh_from_db()
        self.assertTrue(clerk.check_password(NEW_PASSWORD))
        text = all_entries_text()
        self.assertNotIn(old_hash, text)
        self.assertNotIn(clerk.password, text)
        self.assertNotIn(NEW_PASSWORD, text)
        # That the password was changed, and by whom, is on the record.
        [entry] = entries_for(clerk)
        self.assertEqual((entry.actor, entry.source, entry.action), (self.admin, "admin", "update"))
        self.assertIn("password", [name for name, _old, _new in entry.changed_fields()])
