"""The composer fills the heading from the issuer — its name in capitals, its parent body and the
province as địa danh — labels the place field "Địa danh", and never prints "V/v V/v"."""

import io
import re
import zipfile

from directives import official
from directives.forms import DirectiveForm

from .base import DirectiveTestCase


class ComposerHeadingTests(DirectiveTestCase):
    def form(self, **changes: str) -> DirectiveForm:
        data = {
            "issuer": str(self.department.pk),
            "symbol": "STTTT-TTBCXB",
            "subject": "V/v tăng cường tuyên truyền phòng, chống dịch",
            "items": "Nội dung một",
            "report_every": "0",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Nguyễn Văn A",
            "groups": [],
            **changes,
        }
        return DirectiveForm(data, user=self.writer)

    def test_the_issuer_fills_the_heading(self) -> None:
        form = self.form()
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["issuing_body"], "SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH ĐẮK NÔNG")
        self.assertEqual(form.cleaned_data["parent_body"], "UBND TỈNH ĐẮK NÔNG")
        self.assertEqual(form.cleaned_data["place"], "Đắk Nông")

    def test_what_the_writer_typed_is_kept(self) -> None:
        form = self.form(place="Gia Nghĩa", issuing_body="SỞ TT&TT")
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual((form.cleaned_data["place"], form.cleaned_data["issuing_body"]), ("Gia Nghĩa", "SỞ TT&TT"))

    def test_v_v_is_printed_once(self) -> None:
        form = self.form()
        self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data["subject"], "tăng cường tuyên truyền phòng, chống dịch")
        draft = self.make_draft(subject="V/v: tuyên truyền")
        with zipfile.ZipFile(io.BytesIO(official.render(official.build(draft), "docx"))) as docx:
            text = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode())
        self.assertIn("V/v tuyên truyền", text)
        self.assertNotIn("V/v V/v", text)
        self.assertNotIn("V/v: ", text)

    def test_the_page_labels_the_place_dia_danh_and_prefills_a_single_issuer(self) -> None:
        page = self.client_for(self.writer).get("/directives/new/").content.decode()
        self.assertIn("Địa danh", page)
        self.assertIn('value="Đắk Nông"', page)
