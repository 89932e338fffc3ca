"""A Decree-30 document as a reader sees it: the DOCX laid out by LibreOffice (a real word
processor, headless) and the PDF fpdf2 writes, read back line by line. The quốc hiệu and the
issuing body each stand on one line, page 2 is numbered at the top and page 1 is not, the place
and date are italic (in the PDF, in the embedded face's italic)."""

from datetime import date
from typing import TYPE_CHECKING
from unittest import skipUnless

from django.test import SimpleTestCase

from directives.documents import (
    MOTTO,
    MOTTO_LINE,
    Letter,
    Letterhead,
    Signature,
    figures,
    font_files,
    heading,
    paragraph,
    render_docx,
    render_pdf,
)
from testing.rendered import NO_POPPLER, NO_SOFFICE, PDFTOHTML, SOFFICE, Page, docx_to_pdf, pdf_pages

ISSUING_BODY = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"  # about as long as fits beside the quốc hiệu at 12 pt
PARENT_BODY = "UBND TỈNH ĐẮK NÔNG"
PLACE_AND_DATE = "Đắk Nông, ngày 05 tháng 5 năm 2021"


def long_report() -> Letter:
    """A báo cáo of three pages or so: paragraphs and a table of figures that runs over a page."""
    text = (
        "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc tăng cường các biện pháp phòng, chống dịch "
        "bệnh trên địa bàn, Sở Thông tin và Truyền thông báo cáo kết quả thực hiện trong tuần như sau:"
    )
    return Letter(
        head=Letterhead(ISSUING_BODY, "Đắk Nông", "12/BC-STTTT", date(2021, 5, 5), parent_body=PARENT_BODY),
        kind="BÁO CÁO",
        subject="Kết quả tuyên truyền phòng, chống dịch Covid-19 tuần từ 03/5 đến 09/5/2021",
        addressees=["Ủy ban nhân dân tỉnh"],
        body=[
            *(paragraph(text) for _ in range(8)),
            heading("1. Theo địa bàn"),
            figures(
                ["Địa bàn", "Số hoạt động", "Số lượt phát", "Số thôn, buôn"],
                [[f"Xã số {index}", index * 1234, index * 7, index] for index in range(1, 41)],
                total="Tổng cộng",
            ),
            *(paragraph(text) for _ in range(4)),
        ],
        recipients=["UBND tỉnh (b/c)"],
        archive="VT, TTBCXB",
        signature=Signature("PHÓ GIÁM ĐỐC", "Nguyễn Văn A", authority="KT.", head_title="GIÁM ĐỐC"),
    )


# The checks are a mixin so that they run only in the classes that render a document.
if TYPE_CHECKING:
    _Checks = SimpleTestCase
else:
    _Checks = object


class ReadBack(_Checks):
    """What both renderings must show; `pages` is set by each class, once."""

    pages: list[Page]

    def first_page_text(self) -> list[str]:
        return [line.text for line in self.pages[0].lines]

    def test_the_document_runs_over_pages(self) -> None:
        self.assertGreaterEqual(len(self.pages), 2)

    def test_the_quoc_hieu_stands_on_one_line(self) -> None:
        lines = self.first_page_text()
        self.assertTrue(any(MOTTO in line for line in lines), lines[:6])
        self.assertTrue(any(MOTTO_LINE in line for line in lines), lines[:6])

    def test_the_issuing_body_stands_on_one_line(self) -> None:
        lines = self.first_page_text()
        self.assertTrue(any(ISSUING_BODY in line for line in lines), lines[:6])
        self.assertTrue(any(PARENT_BODY in line for line in lines), lines[:6])
        # the two columns of the head share their lines: the body beside the tiêu ngữ, not under it
        self.assertTrue(any(ISSUING_BODY in line and MOTTO_LINE in line for line in lines), lines[:6])

    def test_page_numbers_from_page_two(self) -> None:
        first, second = self.pages[0], self.pages[1]
        self.assertFalse([line.text for line in first.lines if line.text.isdigit()], "page 1 has no number")
        top = second.lines[0]
        self.assertEqual(top.text, "2")
        self.assertLess(top.top_mm, 20, "the number stands in the top margin")
        if len(self.pages) > 2:
            self.assertEqual(self.pages[2].lines[0].text, "3")

    def test_the_place_and_date_are_italic(self) -> None:
        piece = self.pages[0].piece_with(PLACE_AND_DATE)
        assert piece is not None, self.first_page_text()[:6]
        self.assertTrue(piece.italic, piece)


@skipUnless(SOFFICE, NO_SOFFICE)
@skipUnless(PDFTOHTML, NO_POPPLER)
class DocxInLibreOfficeTests(ReadBack, SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.pages = pdf_pages(docx_to_pdf(render_docx(long_report().document())))  # one conversion, ~3 s


@skipUnless(PDFTOHTML, NO_POPPLER)
class PdfTests(ReadBack, SimpleTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.pages = pdf_pages(render_pdf(long_report().document()))

    def test_the_place_and_date_use_the_faces_italic(self) -> None:
        piece = self.pages[0].piece_with(PLACE_AND_DATE)
        assert piece is not None
        fonts = font_files()
        if fonts.italic is None:
            self.skipTest(f"{fonts.family} has no italic with Vietnamese letters; install fonts-croscore")
        self.assertIn(f"{fonts.family}Italic", piece.font.replace("-", ""))
        self.assertIn(fonts.family, {"Tinos", "LiberationSerif"})
