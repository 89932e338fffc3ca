"""The shipped criteria files: sound, honest about what is official, and the ones types refer to."""

import json

from safety import scoring
from safety.criteria import DATA_DIR, read_set_file
from safety.types import DATA as TYPES_FILE
from testing import SafetyTestCase

CODES = {
    "qd-2194-co-so-san-xuat-kinh-doanh",
    "qd-1203-hcm-co-so-san-xuat",
    "cv-1467-truong-hoc",
    "qd-3088-benh-vien",
    "qd-4999-co-so-kham-chua-benh",
    "qd-5619-khu-vuc-dich-vu",
    "hue-2020-nha-hang",
}


def shipped() -> dict[str, dict]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in DATA_DIR.glob("*.json")}


class ShippedFilesTests(SafetyTestCase):
    def test_one_file_per_set_of_the_domain(self) -> None:
        self.assertEqual(set(shipped()), CODES)

    def test_every_type_of_place_refers_to_a_shipped_set_or_to_none(self) -> None:
        types = json.loads(TYPES_FILE.read_text(encoding="utf-8"))["types"]
        named = {entry["criteria_set"] for entry in types} - {""}
        self.assertTrue(named <= CODES, named - CODES)
        self.assertEqual([entry["code"] for entry in types if not entry["criteria_set"]], ["bus_station"])

    def test_every_file_is_a_sound_definition_with_its_metadata(self) -> None:
        for code, data in shipped().items():
            with self.subTest(code=code):
                self.assertEqual(data["code"], code)
                self.assertEqual(scoring.validate_definition(data), [])
                self.assertIn(data["status"], {"complete", "partial"})
                self.assertTrue(data["title"] and data["legal_basis"] and data["status_note"])
                self.assertGreater(data["validity_days"], 0)
                read_set_file(DATA_DIR / f"{code}.json")  # the loader's own checks pass too

    def test_nothing_is_complete_while_its_texts_are_not_at_hand(self) -> None:
        self.assertEqual({code for code, data in shipped().items() if data["status"] == "partial"}, CODES)

    def test_only_wording_at_hand_is_marked_official(self) -> None:
        official = {
            (code, item["code"])
            for code, data in shipped().items()
            for item in scoring.items_of(data)
            if item.get("official_text") is not False
        }
        self.assertEqual(
            official,
            {("qd-2194-co-so-san-xuat-kinh-doanh", c) for c in ("CS1", "CS2", "CS3")},
        )

    def test_legal_basis_names_the_document_and_its_date(self) -> None:
        data = shipped()
        self.assertEqual(
            data["qd-2194-co-so-san-xuat-kinh-doanh"]["legal_basis"],
            "Quyết định 2194/QĐ-BCĐQG ngày 27/5/2020 của Ban Chỉ đạo Quốc gia phòng, chống dịch COVID-19",
        )
        self.assertIn("1203/QĐ-BCĐ ngày 6/4/2020", data["qd-1203-hcm-co-so-san-xuat"]["legal_basis"])
        self.assertIn("1467/BGDĐT-GDTC ngày 28/4/2020", data["cv-1467-truong-hoc"]["legal_basis"])
        self.assertIn("3088/QĐ-BYT ngày 16/7/2020", data["qd-3088-benh-vien"]["legal_basis"])
        self.assertIn("4999/QĐ-BYT ngày 1/12/2020", data["qd-4999-co-so-kham-chua-benh"]["legal_basis"])
        self.assertIn("5619/QĐ-BYT ngày 7/12/2021", data["qd-5619-khu-vuc-dich-vu"]["legal_basis"])

    def test_shape_of_each_set(self) -> None:
        data = shipped()
        counts = {code: len(scoring.items_of(d)) for code, d in data.items()}
        self.assertEqual(
            counts,
            {
                "qd-2194-co-so-san-xuat-kinh-doanh": 3,
                "qd-1203-hcm-co-so-san-xuat": 10,
                "cv-1467-truong-hoc": 15,
                "qd-3088-benh-vien": 0,
                "qd-4999-co-so-kham-chua-benh": 8,
                "qd-5619-khu-vuc-dich-vu": 4,
                "hue-2020-nha-hang": 0,
            },
        )
        school = data["cv-1467-truong-hoc"]
        self.assertEqual([len(s["items"]) for s in school["sections"]], [7, 6, 2])
        self.assertEqual([i["code"] for i in scoring.items_of(school) if i.get("key")], ["TC4", "TC5", "TC10", "TC11"])
        clinics = scoring.items_of(data["qd-4999-co-so-kham-chua-benh"])
        self.assertEqual([scoring.item_max(i) for i in clinics], [3, 4, 6, 3, 4, 5, 3, 2])
        self.assertEqual(data["qd-4999-co-so-kham-chua-benh"]["validity_days"], 30)
        self.assertEqual(data["qd-5619-khu-vuc-dich-vu"]["validity_days"], 7)
        workplaces = scoring.items_of(data["qd-1203-hcm-co-so-san-xuat"])
        self.assertEqual(sum(scoring.item_max(i) for i in workplaces), 100)
        self.assertEqual(data["hue-2020-nha-hang"]["basis"], "points")
        self.assertEqual(data["cv-1467-truong-hoc"]["basis"], "passed")
        self.assertEqual(data["qd-2194-co-so-san-xuat-kinh-doanh"]["direction"], "risk")
