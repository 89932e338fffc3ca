"""ID numbers and phone numbers are found however they are written; money and decision numbers pass."""

from django.test import SimpleTestCase

from enforcement.privacy import ID_NUMBER, PHONE, check_public_text, find_identifiers


class PrivacyTests(SimpleTestCase):
    def kinds(self, text: str) -> list[str]:
        return [kind for kind, _found in find_identifiers(text)]

    def test_phone_numbers(self) -> None:
        for text in (
            "gọi 0912345678",
            "SĐT 0912 345 678",
            "0912.345.678",
            "+84 912 345 678",
            "84912345678",
            "(0261) 3544 123",
            "0261-3544-123",
        ):
            with self.subTest(text=text):
                self.assertEqual(self.kinds(text), [PHONE])

    def test_id_numbers(self) -> None:
        for text in ("CMND 245123456", "CCCD 067201001234", "số 067 201 001 234", "245.123.456"):
            with self.subTest(text=text):
                self.assertEqual(self.kinds(text), [ID_NUMBER])

    def test_what_passes(self) -> None:
        for text in (
            "phạt 15.000.000 đồng",
            "phạt 150.000.000 đồng",
            "phạt 150000000đ",
            "Quyết định số 123/QĐ-XPVPHC ngày 12/05/2021",
            "Nghị định 117/2020/NĐ-CP",
            "tụ tập 15 người tại thôn 3",
            "ngày 2021-05-12",
            "",
        ):
            with self.subTest(text=text):
                self.assertEqual(self.kinds(text), [])

    def test_messages_per_field(self) -> None:
        errors = check_public_text(
            {"act": "gọi 0912345678", "offender_name": "Nguyễn Văn A", "agency": "CMND 245123456"}
        )
        self.assertEqual(set(errors), {"act", "agency"})
