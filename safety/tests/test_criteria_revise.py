"""Editing a criteria set makes a new version, by the action or in the admin; bad edits change nothing."""

import copy
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from safety.actions.criteria import create_criteria_set, revise_criteria_set
from safety.models import CriteriaSet
from testing import SIMPLE_DEFINITION, SafetyTestCase, make_criteria_set


class ReviseTests(SafetyTestCase):
    def count(self) -> int:
        return CriteriaSet.objects.filter(code=self.criteria_set.code).count()

    def test_a_revision_is_the_next_version_and_the_old_one_stays(self) -> None:
        definition = copy.deepcopy(SIMPLE_DEFINITION)
        definition["bands"][1]["min"] = 40
        new = revise_criteria_set(self.criteria_set, by=self.admin, definition=definition, title="Bộ mới")
        self.assertEqual((new.version, new.is_current, new.title, new.created_by), (2, True, "Bộ mới", self.admin))
        self.assertEqual(new.definition["bands"][1]["min"], 40)
        old = CriteriaSet.objects.get(pk=self.criteria_set.pk)
        self.assertEqual(
            (old.is_current, old.title, old.definition), (False, "Bộ tiêu chí thử nghiệm", SIMPLE_DEFINITION)
        )
        third = revise_criteria_set(new, by=self.admin, validity_days=30)
        self.assertEqual((third.version, third.validity_days, third.title), (3, 30, "Bộ mới"))
        self.assertEqual(CriteriaSet.objects.filter(code=self.criteria_set.code, is_current=True).get(), third)

    def test_nothing_changed_makes_no_version(self) -> None:
        same = revise_criteria_set(self.criteria_set, by=self.admin, definition=copy.deepcopy(SIMPLE_DEFINITION))
        self.assertEqual((same, self.count()), (self.criteria_set, 1))

    def test_a_bad_definition_lists_every_problem_and_writes_nothing(self) -> None:
        definition = copy.deepcopy(SIMPLE_DEFINITION)
        definition["bands"][0]["state"] = "green"
        definition["rules"][0]["band"] = "nowhere"
        definition["sections"][0]["items"][1]["code"] = "plan"
        with self.assertRaises(ValidationError) as raised:
            revise_criteria_set(self.criteria_set, by=self.admin, definition=definition)
        problems = raised.exception.message_dict["definition"]
        self.assertEqual(len(problems), 3)
        self.assertEqual(self.count(), 1)

    def test_malformed_definitions_are_refused_not_crashed_on(self) -> None:
        bad: list[Any] = [
            [],
            {"sections": "A", "bands": SIMPLE_DEFINITION["bands"]},
            {"sections": [{"code": "A", "items": [{"code": "x", "text": "X", "kind": "choice", "options": "có"}]}]},
            {"sections": [], "bands": [{"code": "a", "label": "A", "state": "safe"}]},
            {"sections": [], "bands": [{"code": "a", "label": "A", "min": "0", "state": "safe"}]},
            {"sections": [{"code": "A", "items": [{"code": "x", "text": "X", "kind": "score", "max_points": True}]}]},
            {
                "sections": [
                    {
                        "code": "A",
                        "items": [
                            {
                                "code": "n",
                                "text": "N",
                                "kind": "number",
                                "bands": [{"below": 9, "points": 1}, {"below": 5, "points": 2}, {"points": 3}],
                            }
                        ],
                    }
                ],
                "bands": SIMPLE_DEFINITION["bands"],
            },
            {**SIMPLE_DEFINITION, "rules": [{"kind": "any_item_at_least", "band": "unsafe"}]},
            {**SIMPLE_DEFINITION, "rules": [{"kind": "key_items_failed", "band": "unsafe", "items": "plan"}]},
        ]
        for definition in bad:
            with self.subTest(definition=definition), self.assertRaises(ValidationError):
                revise_criteria_set(self.criteria_set, by=self.admin, definition=definition)
        self.assertEqual(self.count(), 1)

    def test_bad_fields_are_reported_by_name(self) -> None:
        with self.assertRaises(ValidationError) as raised:
            revise_criteria_set(self.criteria_set, by=self.admin, title=" ", validity_days=0, status="done")
        self.assertEqual(set(raised.exception.message_dict), {"title", "validity_days", "status"})
        self.assertEqual(self.count(), 1)

    def test_creating_a_set_whose_code_exists_is_refused(self) -> None:
        with self.assertRaises(ValidationError):
            create_criteria_set(self.criteria_set.code, SIMPLE_DEFINITION, by=self.admin, title="X", legal_basis="Y")
        created = create_criteria_set("bo-moi", SIMPLE_DEFINITION, by=self.admin, title="X", legal_basis="Y")
        self.assertEqual((created.version, created.is_current), (1, True))


class AdminVersioningTests(SafetyTestCase):
    def form(self, criteria_set: CriteriaSet, **changes: Any) -> dict[str, Any]:
        data = {
            "title": criteria_set.title,
            "legal_basis": criteria_set.legal_basis,
            "status": criteria_set.status,
            "status_note": criteria_set.status_note,
            "validity_days": criteria_set.validity_days,
            "definition": json.dumps(criteria_set.definition, ensure_ascii=False),
        }
        return data | changes

    def url(self, criteria_set: CriteriaSet) -> str:
        return reverse("admin:safety_criteriaset_change", args=[criteria_set.pk])

    def test_saving_in_the_admin_makes_a_new_version(self) -> None:
        response = self.client_for(self.admin).post(
            self.url(self.criteria_set), self.form(self.criteria_set, title="Bộ sửa")
        )
        self.assertEqual(response.status_code, 302)
        versions = list(CriteriaSet.objects.filter(code=self.criteria_set.code).order_by("version"))
        self.assertEqual(
            [(v.version, v.is_current, v.title) for v in versions],
            [(1, False, "Bộ tiêu chí thử nghiệm"), (2, True, "Bộ sửa")],
        )
        self.assertEqual(versions[1].created_by, self.admin)
        self.assertTrue(AuditEntry.objects.filter(object_id=str(versions[1].pk), actor=self.admin).exists())

    def test_a_bad_definition_in_the_admin_is_a_form_error(self) -> None:
        definition = json.dumps({**SIMPLE_DEFINITION, "bands": []})
        response = self.client_for(self.admin).post(
            self.url(self.criteria_set), self.form(self.criteria_set, definition=definition)
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("definition", response.context["adminform"].form.errors)
        self.assertEqual(CriteriaSet.objects.filter(code=self.criteria_set.code).count(), 1)

    def test_adding_a_set_in_the_admin_creates_version_1(self) -> None:
        used = make_criteria_set("bo-cu")
        url = reverse("admin:safety_criteriaset_add")
        data = self.form(used, code="bo-cu")
        response = self.client_for(self.admin).post(url, data)
        self.assertEqual(response.status_code, 200)  # the code is taken
        response = self.client_for(self.admin).post(url, data | {"code": "bo-them"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(CriteriaSet.objects.get(code="bo-them").version, 1)

    def test_versions_cannot_be_deleted(self) -> None:
        url = reverse("admin:safety_criteriaset_delete", args=[self.criteria_set.pk])
        self.assertEqual(self.client_for(self.admin).post(url, {"post": "yes"}).status_code, 403)
        self.assertTrue(CriteriaSet.objects.filter(pk=self.criteria_set.pk).exists())
