"""The directive rendered as DOCX and PDF in the layout of Nghị định 30/2020/NĐ-CP."""

import io
import zipfile
from datetime import date
from xml.dom.minidom import parseString

from directives import official
from directives.actions import record_incoming
from directives.documents import font_files
from directives.models import Directive

from .base import DirectiveTestCase


class DocumentTests(DirectiveTestCase):
    directive: Directive

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        incoming = record_incoming(
            by=cls.writer,
            organisation=cls.department,
            number="2240/UBND-KGVX",
            issued_on=date(2021, 5, 10),
            issuer="UBND tỉnh",
            subject="triển khai ý kiến chỉ đạo của Thường trực Tỉnh ủy",
        )
        cls.directive = cls.make_issued(on=date(2021, 5, 5), implements=[incoming.pk], is_public=True)

    def docx_text(self, content: bytes) -> tuple[str, str]:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            self.assertIn("[Content_Types].xml", package.namelist())
            return package.read("word/document.xml").decode(), package.read("word/styles.xml").decode()

    def test_the_docx_has_every_part_of_the_official_layout(self) -> None:
        response = self.api_get(self.writer, f"/api/v1/directives/{self.directive.pk}/document.docx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], official.CONTENT_TYPES["docx"])
        self.assertIn('filename="1-STTTT-TTBCXB.docx"', response["Content-Disposition"])
        document, styles = self.docx_text(response.content)
        for text in (
            "UBND TỈNH ĐẮK NÔNG",
            "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 1/STTTT-TTBCXB",
            "Đắk Nông, ngày 05 tháng 5 năm 2021",
            "V/v tuyên truyền phòng, chống dịch Covid-19",
            "Kính gửi:",
            "- Các cơ quan báo chí trên địa bàn tỉnh;",
            "- UBND các xã, phường, thị trấn.",
            "Thực hiện Công văn số 2240/UBND-KGVX ngày 10/5/2021 của UBND tỉnh về việc triển khai",
            "1. Thông tin, tuyên truyền kịp thời",
            "3. Tiếp tục truyền thông",
            "trước ngày 31/05/2021",
            "Nơi nhận:",
            "- UBND tỉnh (b/c);",
            "- Sở Y tế (phối hợp);",
            "- Lưu: VT, TTBCXB.",
            "KT. GIÁM ĐỐC",
            "PHÓ GIÁM ĐỐC",
            "Nguyễn Văn A",
        ):
            with self.subTest(text=text):
                self.assertIn(text, document)
        self.assertIn('w:ascii="Times New Roman"', styles)
        self.assertIn('<w:sz w:val="28"/>', styles)  # 14 pt
        self.assertNotIn("DỰ THẢO", document)

    def test_a_draft_says_so_and_has_no_number_or_date(self) -> None:
        draft = self.make_draft()
        document, _styles = self.docx_text(official.render(official.build(draft), "docx"))
        self.assertIn("DỰ THẢO", document)
        self.assertIn("Số: …/STTTT-TTBCXB", document)
        self.assertIn("Đắk Nông, ngày      tháng      năm", document)

    def test_text_with_markup_is_escaped(self) -> None:
        draft = self.make_draft(items=['<w:p>"&" nội dung</w:p>'])
        document, _styles = self.docx_text(official.render(official.build(draft), "docx"))
        self.assertIn('&lt;w:p&gt;"&amp;" nội dung&lt;/w:p&gt;', document)
        parseString(document)  # noqa: S318 — our own output, still well-formed XML

    def test_the_pdf_embeds_a_font_with_vietnamese_letters(self) -> None:
        response = self.api_get(self.officer_a, f"/api/v1/directives/{self.directive.pk}/document.pdf")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertTrue(b"FontFile2" in response.content)  # an embedded TrueType font, not a core font
        family = font_files().family
        self.assertIn(family.encode(), response.content)
        self.assertIn(family, {"Tinos", "LiberationSerif", "SourceSerifPro"})

    def test_a_single_addressee_stands_on_the_kinh_gui_line(self) -> None:
        draft = self.make_draft(groups=[], organisations=["67-bao-dak-nong"])
        blocks = [b for b in official.build(draft).blocks if getattr(b, "kind", "") == "para"]
        self.assertIn("Kính gửi: Báo Đắk Nông.", [b.plain for b in blocks])  # type: ignore[union-attr]

    def test_the_web_page_shows_the_letter_and_its_downloads(self) -> None:
        page = self.client_for(self.writer).get(f"/directives/{self.directive.pk}/")
        self.assertContains(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        self.assertContains(page, "Số: 1/STTTT-TTBCXB")
        docx = self.client_for(self.writer).get(f"/directives/{self.directive.pk}/document.docx")
        self.assertEqual(docx.status_code, 200)
        # A recipient downloads it too.
        recipient = self.client_for(self.officer_b).get(f"/directives/{self.directive.pk}/document.docx")
        self.assertEqual(recipient.status_code, 200)
