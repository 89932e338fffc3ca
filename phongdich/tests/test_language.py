import gettext
from pathlib import Path

import polib
from django.conf import settings

from testing import JurisdictionTestCase

LOCALE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"


class LanguageTests(JurisdictionTestCase):
    def test_vietnamese_by_default_whatever_the_browser_prefers(self) -> None:
        response = self.client.get("/login/", headers={"Accept-Language": "en-US,en;q=0.9"})
        self.assertContains(response, '<html lang="vi">')
        self.assertContains(response, "Đăng nhập")
        self.assertEqual(response["Content-Language"], "vi")

    def test_switching_to_english_persists_across_pages(self) -> None:
        client = self.client_for(self.officer_a)
        response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
        self.assertRedirects(response, "/login/", fetch_redirect_response=False)
        cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
        self.assertEqual(cookie.value, "en")
        self.assertGreaterEqual(int(cookie["max-age"]), 30 * 24 * 3600)
        page = client.get(f"/units/legacy/{self.commune_a.code}/")
        self.assertContains(page, '<html lang="en">')
        self.assertContains(page, "Sign out")
        client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
        self.assertContains(client.get("/login/"), "Đăng nhập")

    def test_an_unknown_language_falls_back_to_vietnamese(self) -> None:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        self.assertContains(self.client.get("/login/"), '<html lang="vi">')

    def test_admin_is_in_vietnamese(self) -> None:
        response = self.client_for(self.admin).get("/admin/")
        self.assertContains(response, "Đơn vị hành chính")
        self.assertContains(response, "Thoát")

    def test_api_errors_are_in_vietnamese(self) -> None:
        response = self.client.get("/api/v1/units/legacy/00000")
        self.assertIn("Không có đơn vị hành chính", response.json()["detail"])


class TranslationCatalogueTests(JurisdictionTestCase):
    def test_every_string_is_translated_and_compiled(self) -> None:
        catalogue = polib.pofile(str(LOCALE / "django.po"))
        self.assertEqual([e.msgid for e in catalogue.untranslated_entries()], [])
        self.assertEqual([e.msgid for e in catalogue.fuzzy_entries()], [])
        with (LOCALE / "django.mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        stale = [e.msgid for e in catalogue if not e.msgid_plural and compiled.gettext(e.msgid) != e.msgstr]
        self.assertEqual(stale, [], "run `make messages` to recompile django.mo")
