"""Phone numbers, ID numbers and e-mail addresses are found however they are written; money,
dates and decision numbers pass; the message names what was found and where."""

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from django.utils import translation

from lib.privacy import EMAIL, ID_NUMBER, PHONE, check_public_text, find_personal_data, require_public_text


class PrivacyTests(SimpleTestCase):
    def kinds(self, text: str) -> list[str]:
        return [finding.kind for finding in find_personal_data(text)]

    def test_phone_numbers(self) -> None:
        for text in (
            "gọi 0912345678",
            "SĐT 0912 345 678",
            "SĐT 0905123456",
            "0912.345.678",
            "+84 912 345 678",
            "(+84) 912-345-678",
            "84912345678",
            "0084 912 345 678",
            "(0261) 3544 123",
            "0261-3544-123",
            "+84 261 3544 123",
        ):
            with self.subTest(text=text):
                self.assertEqual(self.kinds(text), [PHONE])

    def test_the_reported_bypasses(self) -> None:
        for text in (
            "Gọi 0912345678 đồng",
            "0912 - 345 - 678",
            "0912/345/678",
            "0912–345–678",
            "0912—345—678",
            "０９１２３４５６７８",
            "0912   345   678",
            "0\u200b912\u200b345\u200b678",
            "09/12/2023 45 78",
            "số 1 0912345678",
        ):
            with self.subTest(text=text):
                self.assertIn(PHONE, self.kinds(text))

    def test_two_numbers_side_by_side_are_both_found(self) -> None:
        self.assertEqual(self.kinds("0912345678 0987654321"), [PHONE, PHONE])

    def test_id_numbers(self) -> None:
        for text in ("CMND 245123456", "CCCD 067201001234", "số 067 201 001 234", "245.123.456", "245123456 đồng"):
            with self.subTest(text=text):
                self.assertEqual(self.kinds(text), [ID_NUMBER])

    def test_email_addresses(self) -> None:
        for text in ("nguyen.van.a@gmail.com", "liên hệ a_b+c@so-y-te.gov.vn", "a ＠ example . com"):
            with self.subTest(text=text):
                self.assertEqual(self.kinds(text), [EMAIL])

    def test_what_passes(self) -> None:
        for text in (
            "phạt 2.000.000 đồng",
            "phạt 15.000.000 đồng",
            "phạt 150.000.000 đồng",
            "phạt 150000000đ",
            "từ 2.000.000 - 5.000.000 đồng",
            "tổng 1.250.000.000 VNĐ",
            "Quyết định số 123/QĐ-XPVPHC ngày 12/05/2021",
            "Nghị định 117/2020/NĐ-CP",
            "từ 01/6/2021 - 15/6/2021",
            "các năm 2019, 2020, 2021",
            "tụ tập 15 người tại thôn 3",
            "ngày 2021-05-12 lúc 09:30",
            "",
        ):
            with self.subTest(text=text):
                self.assertEqual(self.kinds(text), [])

    def test_messages_per_field(self) -> None:
        errors = check_public_text(
            {"act": "gọi 0912345678", "offender_name": "Nguyễn Văn A", "agency": "CMND 245123456"}
        )
        self.assertEqual(set(errors), {"act", "agency"})

    def test_the_message_names_what_and_where_in_vietnamese(self) -> None:
        with translation.override("vi"):
            errors = check_public_text({"act": "SĐT 0905 123 456"})
        self.assertIn("số điện thoại", errors["act"])
        self.assertIn("0905 123 456", errors["act"])
        self.assertIn("act", errors["act"])

    def test_require_refuses_with_a_validation_error(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            require_public_text({"reason": "email: a@b.vn"})
        self.assertIn("reason", refused.exception.message_dict)
        require_public_text({"reason": "phạt 2.000.000 đồng"})
