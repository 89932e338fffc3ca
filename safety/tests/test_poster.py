"""The A4 QR poster (PDF): for the place's owners and the officers of its jurisdiction only; the
QR code opens the place's public page; names are printed as the literal text they are."""

import re
import zlib
from decimal import Decimal

import segno
from django.test import override_settings
from django.utils import translation

from safety.actions.assessments import submit_assessment
from safety.models import STATE_COLOURS, OperatingStatus, PublicState, Registration
from testing import SAFE_ANSWERS, SafetyTestCase, make_place, make_user


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """A PDF literal string starting after its "(": its bytes and the index after its ")"."""
    out, depth, i = bytearray(), 1, start
    escapes = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}
    while True:
        c = data[i]
        if c == ord("\\"):
            nxt = data[i + 1]
            if nxt in escapes:
                out += escapes[nxt]
                i += 2
            elif chr(nxt).isdigit():
                digits = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4])
                assert digits is not None
                out.append(int(digits.group(), 8))
                i += 1 + len(digits.group())
            else:
                out.append(nxt)
                i += 2
            continue
        if c == ord("("):
            depth += 1
        elif c == ord(")"):
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(c)
        i += 1


def _object(pdf: bytes, number: int) -> bytes:
    start = pdf.index(b"\n%d 0 obj" % number)
    return pdf[start : pdf.index(b"endobj", start)]


def _stream(obj: bytes) -> bytes:
    length = int(re.search(rb"/Length (\d+)", obj).group(1))  # type: ignore[union-attr]
    data = obj[obj.index(b"stream\n") + 7 :][:length]
    return zlib.decompress(data) if b"/FlateDecode" in obj else data


def pdf_text(pdf: bytes) -> list[str]:
    """The lines of text drawn on the (single) page, read through each font's ToUnicode map."""
    fonts = dict(re.findall(rb"/(F\d+) (\d+) 0 R", re.search(rb"/Font <<(.*?)>>", pdf, re.S).group(1)))  # type: ignore[union-attr]
    maps: dict[bytes, dict[int, str]] = {}
    for name, number in fonts.items():
        to_unicode = int(re.search(rb"/ToUnicode (\d+) 0 R", _object(pdf, int(number))).group(1))  # type: ignore[union-attr]
        cmap = _stream(_object(pdf, to_unicode))
        maps[name] = {
            int(glyph, 16): chr(int(char, 16)) for glyph, char in re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]{4})>", cmap)
        }
    content = page_content(pdf)
    lines, font, i = [], b"", 0
    token = re.compile(rb"/(F\d+) [\d.]+ Tf|\(")
    while (match := token.search(content, i)) is not None:
        if match.group(1):
            font, i = match.group(1), match.end()
            continue
        raw, i = _literal(content, match.end())
        glyphs = [int.from_bytes(raw[k : k + 2], "big") for k in range(0, len(raw), 2)]
        lines.append("".join(maps[font].get(g, "?") for g in glyphs))
    return lines


def page_content(pdf: bytes) -> bytes:
    page = int(re.search(rb"/Contents (\d+) 0 R", pdf).group(1))  # type: ignore[union-attr]
    return _stream(_object(pdf, page))


def fill_colour(hex_colour: str) -> bytes:
    """The PDF operator fpdf writes to fill with this colour ("#198754" → "0.098 0.5294 0.3294 rg")."""
    parts = [f"{int(hex_colour[i : i + 2], 16) / 255:.4f}".rstrip("0").rstrip(".") for i in (1, 3, 5)]
    return (" ".join(parts) + " rg").encode()


def qr_matrix(pdf: bytes) -> list[list[int]]:
    """The QR code drawn as filled rectangles ("x y w h re f"), back to a matrix of modules."""
    content = page_content(pdf)
    rects = [tuple(map(float, r)) for r in re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) (-[\d.]+) re f", content)]
    module = min(w for _x, _y, w, _h in rects)
    left, top = min(x for x, *_ in rects), max(y for _x, y, *_ in rects)
    size = round((max(x + w for x, _y, w, _h in rects) - left) / module)
    matrix = [[0] * size for _ in range(size)]
    for x, y, w, _h in rects:
        row, column = round((top - y) / module), round((x - left) / module)
        for k in range(round(w / module)):
            matrix[row][column + k] = 1
    return matrix


class PosterTestCase(SafetyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.place = make_place(
            self.commune_a,
            "Chợ <script>alert('x')</script> Đắk Mil",
            address="Quốc lộ 14",
            owners=[self.owner],
            latitude=Decimal("12.4401"),
            longitude=Decimal("107.6321"),
        )
        self.web = f"/places/{self.place.pk}/poster.pdf"
        self.api = f"/api/v1/establishments/{self.place.pk}/poster.pdf"


class PosterContentTests(PosterTestCase):
    def test_the_owner_gets_a_one_page_pdf_with_the_name_as_literal_text(self) -> None:
        submit_assessment(self.place, self.criteria_set, SAFE_ANSWERS, by=self.owner)
        response = self.client_for(self.owner).get(self.web)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        pdf = response.content
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(pdf.count(b"/Type /Page\n"), 1)
        self.assertIn(b"+Roboto", pdf)  # the embedded font subset
        text = "\n".join(pdf_text(pdf))
        self.assertIn("Chợ <script>alert('x')</script> Đắk Mil", text)
        self.assertIn("Quốc lộ 14", text)
        self.assertIn("TỈNH ĐẮK NÔNG", text)
        self.assertIn(f"http://testserver/p/{self.place.public_code}", text)
        title = "\ufeff" + self.place.name
        self.assertIn(b"/Title <" + title.encode("utf-16-be").hex().encode() + b">", pdf)

    @override_settings(ALLOWED_HOSTS=["phongdich.daknong.gov.vn"])
    def test_the_qr_code_opens_the_public_page_by_its_absolute_address(self) -> None:
        pdf = self.client_for(self.owner).get(self.web, HTTP_HOST="phongdich.daknong.gov.vn").content
        expected = segno.make(f"http://phongdich.daknong.gov.vn/p/{self.place.public_code}", error="m", micro=False)
        self.assertEqual(qr_matrix(pdf), [list(row) for row in expected.matrix])

    def test_the_state_label_is_printed_on_the_state_colour(self) -> None:
        submit_assessment(self.place, self.criteria_set, SAFE_ANSWERS, by=self.owner)
        unassessed = make_place(self.commune_a, "Chợ mới", owners=[self.owner])
        for place, state in ((self.place, PublicState.SAFE), (unassessed, PublicState.NOT_ASSESSED)):
            with self.subTest(state=state):
                pdf = self.client_for(self.owner).get(f"/places/{place.pk}/poster.pdf").content
                self.assertIn(fill_colour(STATE_COLOURS[state]), page_content(pdf))
                with translation.override("vi"):
                    self.assertIn(str(state.label).upper(), pdf_text(pdf))

    def test_names_the_font_lacks_and_very_long_texts_still_give_one_page(self) -> None:
        self.place.name = "Quán 🍜 漢字 " + "Nhà hàng Đặc sản Tây Nguyên " * 6
        self.place.address = "Thôn Đức Mạnh " * 12
        self.place.status = OperatingStatus.SUSPENDED
        self.place.save()
        response = self.client_for(self.owner).get(self.web)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content.count(b"/Type /Page\n"), 1)


class PosterAccessTests(PosterTestCase):
    def test_owner_and_officers_of_the_jurisdiction_may_print_it(self) -> None:
        for user in (
            self.owner,
            self.officer_a,
            self.district_officer,
            self.province_officer,
            self.inspector,
            self.admin,
        ):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get(self.web).status_code, 200)
                self.assertEqual(self.api_get(user, self.api).status_code, 200)

    def test_sibling_commune_other_district_other_owner_and_press_are_refused(self) -> None:
        stranger = make_user("other_owner", "owner")
        for user in (self.officer_b, self.other_district_officer, stranger, self.press):
            with self.subTest(user=user.username):
                self.assertEqual(self.client_for(user).get(self.web).status_code, 403)
                response = self.api_get(user, self.api)
                self.assertEqual(response.status_code, 403)
                self.assertTrue(response.json()["detail"])

    def test_the_public_must_sign_in(self) -> None:
        response = self.client.get(self.web)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/login/"))
        self.assertEqual(self.client.get(self.api).status_code, 401)

    def test_the_api_accepts_the_browser_session_too(self) -> None:
        self.assertEqual(self.client_for(self.owner).get(self.api).status_code, 200)

    def test_an_unknown_place_is_404(self) -> None:
        self.assertEqual(self.client_for(self.admin).get("/places/999999/poster.pdf").status_code, 404)
        response = self.api_get(self.admin, "/api/v1/establishments/999999/poster.pdf")
        self.assertEqual(response.status_code, 404)

    def test_a_place_waiting_for_acceptance_has_no_poster_yet(self) -> None:
        self.place.registration = Registration.PENDING
        self.place.save()
        self.assertEqual(self.client_for(self.owner).get(self.web).status_code, 409)
        response = self.api_get(self.owner, self.api)
        self.assertEqual(response.status_code, 409)
        self.assertTrue(response.json()["detail"])
