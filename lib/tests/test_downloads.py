"""Export downloads: a workbook streamed from a temporary file, a file made in memory, and a
refusal in plain text."""

from django import forms
from django.test import SimpleTestCase

from lib.downloads import XLSX, attachment, form_errors, refusal, xlsx_download


class DownloadTests(SimpleTestCase):
    def test_a_workbook_is_streamed_as_a_download(self) -> None:
        response = xlsx_download(lambda handle: handle.write(b"PK\x03\x04 rows"), "co-so.xlsx")
        self.assertEqual(response["Content-Type"], XLSX)
        self.assertIn('attachment; filename="co-so.xlsx"', response["Content-Disposition"])
        self.assertEqual(b"".join(response.streaming_content), b"PK\x03\x04 rows")  # type: ignore[arg-type]

    def test_a_file_made_in_memory(self) -> None:
        response = attachment("a,b\n", "text/csv; charset=utf-8", "mau.csv")
        self.assertEqual(response["Content-Disposition"], 'attachment; filename="mau.csv"')
        self.assertEqual(response.content, b"a,b\n")

    def test_a_refusal_says_the_form_errors_in_plain_text(self) -> None:
        class PeriodForm(forms.Form):
            start = forms.DateField(error_messages={"invalid": "Not a date."})

        form = PeriodForm({"start": "soon"})
        response = refusal(form_errors(form), 413)
        self.assertEqual((response.status_code, response["Content-Type"]), (413, "text/plain; charset=utf-8"))
        self.assertEqual(response.content.decode(), "start: Not a date.")
