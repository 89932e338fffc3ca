"""Recording incoming documents: number, date, issuer, subject and file, checked."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directives import actions
from directives.models import IncomingDocument
from lib.uploads import FileTooLarge

from .base import DirectiveTestCase


class IncomingTests(DirectiveTestCase):
    def post(self, user, **changes):  # type: ignore[no-untyped-def]
        payload = {
            "organisation": "67-stttt",
            "number": "2240/UBND-KGVX",
            "issued_on": "2021-05-10",
            "issuer": "UBND tỉnh",
            "subject": "triển khai ý kiến chỉ đạo",
        }
        payload.update(changes)
        return self.api_post(user, "/api/v1/incoming-documents", payload)

    def test_recorded_once(self) -> None:
        self.assertEqual(self.post(self.writer).status_code, 201)
        again = self.post(self.writer)
        self.assertEqual(again.status_code, 422)
        self.assertEqual(again.json()["errors"][0]["field"], "number")
        self.assertEqual(IncomingDocument.objects.count(), 1)

    def test_bad_numbers_and_dates_are_refused(self) -> None:
        self.assertEqual(self.post(self.writer, number="công văn 2240").status_code, 422)
        self.assertEqual(self.post(self.writer, issued_on="2999-01-01").status_code, 422)
        self.assertEqual(self.post(self.writer, organisation="khong-co").status_code, 422)
        self.assertFalse(IncomingDocument.objects.exists())

    def test_only_for_an_organisation_one_acts_for(self) -> None:
        self.assertEqual(self.post(self.officer_a).status_code, 403)
        self.assertEqual(self.post(self.press, organisation="67-stttt").status_code, 403)

    def test_a_sibling_does_not_see_anothers_incoming(self) -> None:
        committee = self.commune_committee(self.commune_a).code
        self.assertEqual(self.post(self.officer_a, organisation=committee).status_code, 201)
        seen = self.api_get(self.officer_b, "/api/v1/incoming-documents").json()
        self.assertEqual(seen, [])
        seen = self.api_get(self.district_officer, "/api/v1/incoming-documents").json()
        self.assertEqual(len(seen), 1)

    def form(self, upload):  # type: ignore[no-untyped-def]
        return self.client_for(self.writer).post(
            reverse("directives:incoming"),
            {
                "organisation": self.department.pk,
                "number": "2245/UBND-KGVX",
                "issued_on": "2021-05-11",
                "issuer": "UBND tỉnh",
                "subject": "chỉ đạo của Thủ tướng",
                "file": upload,
            },
        )

    def test_the_page_keeps_a_pdf(self) -> None:
        response = self.form(SimpleUploadedFile("2245.pdf", b"%PDF-1.4 test", content_type="application/pdf"))
        self.assertEqual(response.status_code, 302)
        document = IncomingDocument.objects.get()
        self.assertTrue(document.file.name.endswith(".pdf"))
        download = self.client_for(self.writer).get(reverse("directives:incoming_file", args=[document.pk]))
        self.assertEqual(download.status_code, 200)
        self.assertEqual(
            self.client_for(self.officer_b).get(reverse("directives:incoming_file", args=[document.pk])).status_code,
            404,
        )

    def test_a_file_that_is_not_what_it_says_is_refused(self) -> None:
        response = self.form(SimpleUploadedFile("2245.pdf", b"MZ\x90\x00 not a pdf"))
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'data-field-error="file"', status_code=400)
        self.assertEqual(self.form(SimpleUploadedFile("2245.exe", b"%PDF")).status_code, 400)
        self.assertFalse(IncomingDocument.objects.exists())

    def test_a_file_too_large_is_413(self) -> None:
        big = SimpleUploadedFile("2245.pdf", b"%PDF" + b"0" * 64)
        big.size = actions.MAX_FILE_BYTES + 1
        with self.assertRaises(FileTooLarge):
            actions.record_incoming(
                by=self.writer,
                organisation=self.department,
                number="1/UBND",
                issued_on=self.directive_day(),
                issuer="UBND tỉnh",
                subject="x",
                file=big,
            )
        self.assertFalse(IncomingDocument.objects.exists())

    def directive_day(self):  # type: ignore[no-untyped-def]
        from datetime import date

        return date(2021, 5, 10)
