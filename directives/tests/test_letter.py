"""The Decree-30 document API (directives.documents): letter head, subject or title, body, tables
of figures, recipients and signature, and what the DOCX says about fonts, sizes and pages."""

import io
from collections.abc import Sequence
from datetime import date

from django.test import SimpleTestCase
from docx import Document as read_docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Pt

from directives.documents import (
    MOTTO,
    MOTTO_LINE,
    Columns,
    Letter,
    Letterhead,
    Para,
    Signature,
    Table,
    figures,
    heading,
    listed,
    number,
    paragraph,
    render_docx,
)
from directives.documents.fonts import text_width_mm
from directives.documents.layout import MARGINS_MM

HEAD = Letterhead(
    issuing_body="Sở Thông tin và Truyền thông",
    parent_body="UBND tỉnh Đắk Nông",
    place="Đắk Nông",
    reference="12/BC-STTTT",
    day=date(2021, 5, 5),
)
SIGNATURE = Signature("PHÓ GIÁM ĐỐC", "Nguyễn Văn A", authority="KT.", head_title="GIÁM ĐỐC")


def report(**changes: object) -> Letter:
    options: dict[str, object] = {
        "head": HEAD,
        "kind": "BÁO CÁO",
        "subject": "Tình hình phòng, chống dịch tuần từ 03/5 đến 09/5/2021",
        "addressees": ["Ủy ban nhân dân tỉnh"],
        "body": [
            paragraph("Tình hình dịch bệnh trên địa bàn tỉnh trong tuần như sau:"),
            heading("1. Số ca mắc"),
            figures(["Huyện", "Ca mắc", "Tỷ lệ"], [["Cư Jút", 1234, 12.5], ["Đắk Mil", 3, None]], total="Tổng cộng"),
        ],
        "recipients": ["UBND tỉnh (b/c)"],
        "archive": "VT, NVY",
        "signature": SIGNATURE,
    }
    options.update(changes)
    return Letter(**options)  # type: ignore[arg-type]


def texts(blocks: Sequence[object]) -> list[str]:
    return [block.plain for block in blocks if isinstance(block, Para)]


class LetterHeadTests(SimpleTestCase):
    def head(self, letter: Letter) -> Columns:
        head = next(block for block in letter.document().blocks if isinstance(block, Columns))
        return head

    def test_each_head_line_stands_alone_and_fits_its_column(self) -> None:
        head = self.head(report())
        self.assertEqual(texts(head.left), ["UBND TỈNH ĐẮK NÔNG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 12/BC-STTTT"])
        self.assertEqual(texts(head.right), [MOTTO, MOTTO_LINE, "Đắk Nông, ngày 05 tháng 5 năm 2021"])
        page = 210 - MARGINS_MM[1] - MARGINS_MM[3]
        left, right = page * head.left_share, page * (1 - head.left_share)
        self.assertLessEqual(text_width_mm("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", 12, bold=True), left)
        self.assertLessEqual(text_width_mm(MOTTO, 12, bold=True), right)
        self.assertEqual(head.padding_mm, 0)

    def test_sizes_and_styles_of_the_decree(self) -> None:
        head = self.head(report())
        parent, body, _rule, number_line = head.left
        motto, motto_line, place_date = head.right
        assert isinstance(parent, Para) and isinstance(body, Para) and isinstance(number_line, Para)
        assert isinstance(motto, Para) and isinstance(motto_line, Para) and isinstance(place_date, Para)
        self.assertEqual((parent.size, parent.runs[0].bold), (12, False))
        self.assertEqual((body.size, body.runs[0].bold), (12, True))
        self.assertEqual((motto.size, motto.runs[0].bold), (12, True))
        self.assertEqual((motto_line.size, motto_line.runs[0].bold, motto_line.runs[0].underline), (13, True, True))
        self.assertEqual((place_date.size, place_date.runs[0].italic), (14, True))
        self.assertEqual(number_line.size, 13)

    def test_a_body_name_too_long_for_one_line_is_broken_between_words(self) -> None:
        long_name = "Ban Chỉ đạo phòng, chống dịch Covid-19 và các bệnh truyền nhiễm tỉnh Đắk Nông"
        head = Letterhead(issuing_body=long_name, place="Đắk Nông", reference="1/BCĐ")
        columns = self.head(report(head=head))
        lines = [block for block in columns.left if isinstance(block, Para) and block.runs[0].bold]
        self.assertGreater(len(lines), 1)
        self.assertEqual(" ".join(line.plain for line in lines), long_name.upper())
        page = 210 - MARGINS_MM[1] - MARGINS_MM[3]
        for line in lines:
            self.assertLessEqual(text_width_mm(line.plain, 12, bold=True), page * columns.left_share)
        self.assertEqual(texts(columns.right)[0], MOTTO)  # the quốc hiệu stays whole

    def test_a_long_name_is_broken_into_even_lines(self) -> None:
        head = Letterhead(issuing_body="Ủy ban nhân dân thành phố Gia Nghĩa", place="Gia Nghĩa")
        columns = self.head(report(head=head))
        self.assertEqual(texts(columns.left)[:2], ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ GIA NGHĨA"])

    def test_a_draft_has_blanks_for_the_date(self) -> None:
        letter = report(head=Letterhead("Sở Y tế", "Đắk Nông", "…/SYT-NVY"), draft=True)
        blocks = letter.document().blocks
        self.assertEqual(texts(blocks)[0], "DỰ THẢO")
        self.assertIn("Đắk Nông, ngày      tháng      năm", texts(self.head(letter).right))


class LetterPartsTests(SimpleTestCase):
    def test_a_report_has_its_kind_and_subject_as_title(self) -> None:
        lines = texts(report().document().blocks)
        self.assertIn("BÁO CÁO", lines)
        self.assertIn("Tình hình phòng, chống dịch tuần từ 03/5 đến 09/5/2021", lines)
        self.assertIn("Kính gửi: Ủy ban nhân dân tỉnh.", lines)
        self.assertNotIn("V/v", " ".join(lines))

    def test_a_cong_van_has_its_subject_under_the_number(self) -> None:
        letter = report(kind="", subject="tuyên truyền phòng, chống dịch", addressees=["Sở Y tế", "Báo Đắk Nông"])
        head = next(block for block in letter.document().blocks if isinstance(block, Columns))
        self.assertEqual(texts(head.left)[-1], "V/v tuyên truyền phòng, chống dịch")
        lines = texts(letter.document().blocks)
        self.assertNotIn("BÁO CÁO", lines)
        self.assertIn("- Sở Y tế;", lines)
        self.assertIn("- Báo Đắk Nông.", lines)

    def test_recipients_and_signature_close_the_letter(self) -> None:
        closing = report().document().blocks[-1]
        assert isinstance(closing, Columns)
        self.assertEqual(texts(closing.left), ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Lưu: VT, NVY."])
        self.assertEqual(
            [line for line in texts(closing.right) if line], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn A"]
        )

    def test_a_table_of_figures(self) -> None:
        table = figures(["Huyện", "Ca mắc", "Tỷ lệ"], [["Cư Jút", 1234, 12.5], ["Đắk Mil", 3, None]], total="Tổng")
        self.assertEqual(table.rows, [["Cư Jút", "1.234", "12,5"], ["Đắk Mil", "3", ""], ["Tổng", "1.237", ""]])
        self.assertEqual(table.numeric, {1, 2})
        self.assertTrue(table.bold_last_row)
        self.assertAlmostEqual(sum(table.widths), 1)
        self.assertEqual(table.widths[0], 2 * table.widths[1])

    def test_a_table_adds_only_the_columns_it_is_told_and_aligns_shares(self) -> None:
        table = figures(
            ["Hình thức", "Hoạt động", "Số lượng", "Tỷ lệ"],
            [["Loa", 2, 30, "40%"], ["Báo", 3, 4, "60%"]],
            total="Tổng cộng",
            summed={1},
            numeric={1, 2, 3},
        )
        self.assertEqual(table.rows[-1], ["Tổng cộng", "5", "", ""])
        self.assertEqual(table.numeric, {1, 2, 3})

    def test_a_table_that_does_not_add_up_is_refused(self) -> None:
        with self.assertRaises(ValueError):
            figures(["A", "B"], [["x", 1, 2]])
        with self.assertRaises(ValueError):
            figures(["A", "B"], [["x", 1]], widths=[0.5, 0.6])

    def test_a_list_ends_with_a_full_stop(self) -> None:
        self.assertEqual(texts(listed(["Huyện Cư Jút", "Huyện Tuy Đức"])), ["- Huyện Cư Jút;", "- Huyện Tuy Đức."])
        self.assertEqual(listed([]), [])

    def test_numbers_are_printed_the_vietnamese_way(self) -> None:
        self.assertEqual([number(1234567), number(12.5), number(3.0), number(0)], ["1.234.567", "12,5", "3", "0"])


class DocxTests(SimpleTestCase):
    docx: DocxDocument

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.docx = read_docx(io.BytesIO(render_docx(report().document())))

    def test_the_page_is_a4_with_the_decree_margins(self) -> None:
        section = self.docx.sections[0]
        top, right, bottom, left = MARGINS_MM
        lengths = (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.right_margin,
            section.bottom_margin,
            section.left_margin,
        )
        self.assertEqual([round(length.mm, 1) for length in lengths if length], [210, 297, top, right, bottom, left])

    def test_page_numbers_from_page_two(self) -> None:
        section = self.docx.sections[0]
        self.assertTrue(section.different_first_page_header_footer)
        self.assertIn(" PAGE ", section.header._element.xml)
        self.assertNotIn("PAGE", section.first_page_header._element.xml)

    def test_times_new_roman_at_the_body_size(self) -> None:
        normal = self.docx.styles["Normal"]
        self.assertEqual((normal.font.name, normal.font.size), ("Times New Roman", Pt(14)))  # type: ignore[attr-defined]
        fonts = normal.element.rPr.rFonts
        self.assertEqual(fonts.get(qn("w:eastAsia")), "Times New Roman")

    def test_the_head_runs_carry_the_decree_styles(self) -> None:
        head = self.docx.tables[0]
        runs = {run.text: run for cell in head.rows[0].cells for p in cell.paragraphs for run in p.runs}
        motto, motto_line, place_date = runs[MOTTO], runs[MOTTO_LINE], runs["Đắk Nông, ngày 05 tháng 5 năm 2021"]
        self.assertEqual((motto.bold, motto.font.size), (True, Pt(12)))
        self.assertEqual((motto_line.bold, motto_line.underline, motto_line.font.size), (True, True, Pt(13)))
        self.assertEqual((place_date.italic, place_date.font.size), (True, Pt(14)))
        self.assertEqual(runs["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"].bold, True)
        self.assertIsNone(runs["UBND TỈNH ĐẮK NÔNG"].bold)

    def test_table_properties_are_in_the_order_word_requires(self) -> None:
        order = [
            "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
            "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
        ]  # fmt: skip
        for table in self.docx.tables:
            tags = [child.tag.rsplit("}", 1)[-1] for child in table._tbl.tblPr]
            self.assertEqual(tags, sorted(tags, key=order.index))
            self.assertIn("tblCellMar", tags)

    def test_the_table_of_figures_is_a_bordered_grid_with_a_repeated_header(self) -> None:
        grid = self.docx.tables[1]
        self.assertEqual(grid.style.name, "Table Grid")  # type: ignore[union-attr]
        self.assertEqual([cell.text for cell in grid.rows[-1].cells], ["Tổng cộng", "1.237", ""])
        self.assertIn("w:tblHeader", grid.rows[0]._tr.xml)
        bold = [[run.bold for cell in row.cells for run in cell.paragraphs[0].runs] for row in grid.rows]
        self.assertEqual(bold, [[True] * 3, [None] * 3, [None] * 3, [True] * 3])  # header, rows, total
        self.assertEqual(grid.rows[1].cells[1].paragraphs[0].alignment, 2)  # right


class LayoutTypesTests(SimpleTestCase):
    def test_the_body_keeps_the_blocks_it_was_given(self) -> None:
        table = Table(["A"], [["1"]], [1.0])
        blocks = report(body=[table]).document().blocks
        self.assertIn(table, blocks)
