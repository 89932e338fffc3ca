"""Loading the shipped sets: idempotent, versioned, and never over an administrator's edit."""

import io
import json
import shutil
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404

from safety.actions.assessments import submit_assessment
from safety.actions.criteria import load_criteria_sets, revise_criteria_set
from safety.criteria import DATA_DIR, current_set, set_for_place
from safety.models import CriteriaSet, EstablishmentType
from testing import CriteriaSetsTestCase, SafetyTestCase, make_place

CLINICS = "qd-4999-co-so-kham-chua-benh"
CLINIC_ANSWERS = {f"TC{n}": 1 for n in range(1, 9)}


class LoadingTests(SafetyTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.directory = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.directory)
        for path in DATA_DIR.glob("*.json"):
            shutil.copy(path, self.directory)

    def edit_file(self, name: str, **changes: object) -> None:
        path = self.directory / f"{name}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(data | changes, ensure_ascii=False), encoding="utf-8")

    def shipped(self) -> int:
        return CriteriaSet.objects.exclude(code=self.criteria_set.code).count()

    def test_first_load_creates_version_1_of_every_set(self) -> None:
        loaded = load_criteria_sets(self.directory)
        self.assertEqual({entry.outcome for entry in loaded}, {"created"})
        self.assertEqual(self.shipped(), 7)
        clinics = current_set(CLINICS)
        self.assertEqual((clinics.version, clinics.status, clinics.validity_days), (1, "partial", 30))
        self.assertEqual(clinics.legal_basis, "Quyết định 4999/QĐ-BYT ngày 1/12/2020 của Bộ Y tế")

    def test_loading_twice_creates_nothing(self) -> None:
        load_criteria_sets(self.directory)
        loaded = load_criteria_sets(self.directory)
        self.assertEqual({entry.outcome for entry in loaded}, {"unchanged"})
        self.assertEqual(self.shipped(), 7)

    def test_a_changed_file_makes_version_2_and_an_assessment_keeps_version_1(self) -> None:
        load_criteria_sets(self.directory)
        first = current_set(CLINICS)
        EstablishmentType.objects.filter(code="clinic").update(criteria_set_code=CLINICS)
        place = make_place(self.commune_a, "Phòng khám Đức Mạnh", type_code="clinic", owners=[self.owner])
        assessment = submit_assessment(place, set_for_place(place), CLINIC_ANSWERS, by=self.owner)

        self.edit_file(CLINICS, validity_days=14)
        outcomes = {entry.code: entry.outcome for entry in load_criteria_sets(self.directory)}
        self.assertEqual(outcomes[CLINICS], "updated")
        self.assertEqual([o for c, o in outcomes.items() if c != CLINICS], ["unchanged"] * 6)

        second = set_for_place(place)
        self.assertEqual((second.version, second.validity_days, second.is_current), (2, 14, True))
        first.refresh_from_db()
        self.assertEqual((first.version, first.validity_days, first.is_current), (1, 30, False))
        assessment.refresh_from_db()
        self.assertEqual(assessment.criteria_set, first)
        self.assertEqual(CriteriaSet.objects.filter(code=CLINICS).count(), 2)

    def test_an_administrators_edit_is_kept_when_loading_again(self) -> None:
        load_criteria_sets(self.directory)
        edited = revise_criteria_set(current_set(CLINICS), by=self.admin, validity_days=10)
        outcomes = {entry.code: entry.outcome for entry in load_criteria_sets(self.directory)}
        self.assertEqual(outcomes[CLINICS], "kept")
        self.assertEqual(current_set(CLINICS), edited)

        self.edit_file(CLINICS, status_note="Ghi chú mới")
        outcomes = {entry.code: entry.outcome for entry in load_criteria_sets(self.directory)}
        self.assertEqual(outcomes[CLINICS], "kept_file_changed")
        self.assertEqual(current_set(CLINICS), edited)

        outcomes = {e.code: e.outcome for e in load_criteria_sets(self.directory, replace_edited=True)}
        self.assertEqual(outcomes[CLINICS], "updated")
        self.assertEqual((current_set(CLINICS).version, current_set(CLINICS).status_note), (3, "Ghi chú mới"))

    def test_a_broken_file_loads_nothing_at_all(self) -> None:
        (self.directory / "qd-3088-benh-vien.json").write_text("{not json", encoding="utf-8")
        self.edit_file(CLINICS, bands=[{"code": "x", "label": "X", "min": 0, "state": "green"}])
        with self.assertRaises(ValidationError) as raised:
            load_criteria_sets(self.directory)
        problems = raised.exception.messages
        self.assertTrue(any(m.startswith("qd-3088-benh-vien.json") for m in problems))
        self.assertTrue(any(m.startswith(f"{CLINICS}.json") for m in problems))
        self.assertEqual(self.shipped(), 0)

    def test_a_file_whose_code_is_not_its_name_is_refused(self) -> None:
        self.edit_file(CLINICS, code="another-code")
        with self.assertRaises(ValidationError):
            load_criteria_sets(self.directory)
        self.assertEqual(self.shipped(), 0)


class LoadCommandTests(SafetyTestCase):
    def test_the_command_says_what_it_did_and_is_safe_to_run_twice(self) -> None:
        out = io.StringIO()
        call_command("load_criteria", stdout=out)
        self.assertIn("qd-2194-co-so-san-xuat-kinh-doanh: version 1 created", out.getvalue())
        self.assertIn("7 criteria sets, 7 new versions", out.getvalue())
        out = io.StringIO()
        call_command("load_criteria", stdout=out)
        self.assertIn("7 criteria sets, 0 new versions", out.getvalue())
        self.assertEqual(CriteriaSet.objects.exclude(code=self.criteria_set.code).count(), 7)


class FindingTheSetTests(CriteriaSetsTestCase):
    def test_current_set_of_an_unknown_code_is_a_404(self) -> None:
        with self.assertRaises(Http404):
            current_set("qd-9999-khong-co")

    def test_set_for_place_follows_the_type_of_place(self) -> None:
        EstablishmentType.objects.filter(code="school").update(criteria_set_code="cv-1467-truong-hoc")
        school = make_place(self.commune_b, "Trường Tiểu học Kim Đồng", type_code="school")
        self.assertEqual(set_for_place(school), current_set("cv-1467-truong-hoc"))
        market = make_place(self.commune_b)  # the test base maps every other type to its small set
        self.assertEqual(set_for_place(market), self.criteria_set)

    def test_a_type_without_a_set_is_a_404(self) -> None:
        EstablishmentType.objects.filter(code="office").update(criteria_set_code="")
        with self.assertRaises(Http404):
            set_for_place(make_place(self.commune_a, "UBND xã", type_code="office"))
