"""Unit checklists are data: loaded idempotently, an administrator's edits kept, bad ones refused."""

from django.core.exceptions import ValidationError

from inspections.checklists import checklist_problems, default_checklist, load_unit_checklists
from inspections.models import Checklist
from testing import JurisdictionTestCase


class UnitChecklistTests(JurisdictionTestCase):
    def test_loading_twice_changes_nothing_and_keeps_edits(self) -> None:
        created, _ = load_unit_checklists()
        self.assertEqual(created, Checklist.objects.count())
        self.assertGreaterEqual(created, 2)
        checklist = Checklist.objects.get(code="kiem-tra-cap-huyen-xa")
        checklist.items = [*checklist.items, {"code": "tiem-chung", "text": "Kế hoạch tiêm chủng vắc xin"}]
        checklist.save()
        self.assertEqual(load_unit_checklists(), (0, 0))
        checklist.refresh_from_db()
        self.assertEqual(checklist.items[-1]["code"], "tiem-chung")
        self.assertEqual(load_unit_checklists(refresh=True)[1], created)
        checklist.refresh_from_db()
        self.assertNotEqual(checklist.items[-1]["code"], "tiem-chung")

    def test_each_level_has_its_checklist(self) -> None:
        load_unit_checklists()
        self.assertEqual(default_checklist(self.district).code, "kiem-tra-cap-huyen-xa")
        self.assertEqual(default_checklist(self.commune_a).code, "kiem-tra-cap-huyen-xa")
        self.assertEqual(default_checklist(self.village_a).code, "kiem-tra-thon-buon")
        Checklist.objects.filter(code="kiem-tra-thon-buon").update(is_active=False)
        self.assertIsNone(default_checklist(self.village_a))

    def test_texts_are_vietnamese_with_diacritics(self) -> None:
        load_unit_checklists()
        texts = " ".join(item["text"] for c in Checklist.objects.all() for item in c.items)
        for word in ("Ban Chỉ đạo", "cách ly", "tuyên truyền", "Tổ COVID cộng đồng"):
            self.assertIn(word, texts)

    def test_bad_items_are_refused(self) -> None:
        self.assertTrue(checklist_problems([]))
        self.assertTrue(checklist_problems([{"code": "a", "text": "A"}, {"code": "a", "text": "B"}]))
        self.assertTrue(checklist_problems([{"code": "", "text": "A"}]))
        self.assertEqual(checklist_problems([{"code": "a", "text": "A"}]), [])
        with self.assertRaises(ValidationError):
            Checklist(code="x", title="X", items=[{"text": "no code"}], status="partial").full_clean()
