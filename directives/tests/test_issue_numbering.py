"""Issuing numbers a draft per issuer and year, dates it and delivers it to every recipient."""

import threading
import time
from datetime import date
from unittest import mock, skipUnless

from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TransactionTestCase

from accounts.models import User
from directives.actions import DraftData, issue_directive, save_draft
from directives.models import Delivery, Directive, NumberCounter
from territory.models import AdminUnit, Level, Organisation
from testing import make_unit

from .base import DirectiveTestCase


class IssueTests(DirectiveTestCase):
    def test_numbers_follow_each_other_per_issuer_and_year(self) -> None:
        first = self.make_issued(on=date(2021, 5, 12))
        second = self.make_issued(on=date(2021, 5, 13))
        next_year = self.make_issued(on=date(2022, 1, 3), report_due_on=None)
        self.assertEqual((first.number, second.number, next_year.number), (1, 2, 1))
        self.assertEqual(second.reference, "2/STTTT-TTBCXB")
        district_committee = Organisation.objects.get(code=f"ubnd-legacy-{self.district.code}")
        other = issue_directive(
            save_draft(self.draft_data(issuer=district_committee, symbol="UBND-VX"), by=self.district_officer),
            by=self.district_officer,
            on=date(2021, 5, 14),
        )
        self.assertEqual(other.reference, "1/UBND-VX")

    def test_the_api_issues_and_a_second_issue_is_a_conflict(self) -> None:
        draft = self.make_draft(report_due_on=None)
        headers = self.api_headers(self.writer)
        response = self.client.post(f"/api/v1/directives/{draft.pk}/issue", headers=headers)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(response.json()["status"], "issued")
        self.assertEqual(response.json()["number"], 1)
        again = self.client.post(f"/api/v1/directives/{draft.pk}/issue", headers=headers)
        self.assertEqual(again.status_code, 409)
        self.assertEqual(NumberCounter.objects.get(issuer=self.department).last_number, 1)

    def test_a_recipient_cannot_issue(self) -> None:
        draft = self.make_draft()
        response = self.client.post(f"/api/v1/directives/{draft.pk}/issue", headers=self.api_headers(self.officer_a))
        self.assertEqual(response.status_code, 404)  # a draft is invisible to its future recipients
        self.assertEqual(Directive.objects.get(pk=draft.pk).status, "draft")

    def test_every_member_of_every_group_gets_it_in_its_inbox(self) -> None:
        directive = self.make_issued()
        communes = AdminUnit.objects.filter(path__under=self.province.path, level="commune").count()
        self.assertEqual(directive.deliveries.count(), communes + 1)  # the communes' committees and the press
        self.assertTrue(directive.deliveries.filter(organisation=self.press_agency).exists())
        self.assertFalse(directive.deliveries.filter(organisation=self.department).exists())

    def test_recipients_are_emailed_after_commit(self) -> None:
        self.press_agency.email = "toasoan@example.org"
        self.press_agency.save()
        self.press.email = "phongvien@example.org"  # the agency's communication officer
        self.press.save()
        with self.captureOnCommitCallbacks(execute=True):
            directive = self.make_issued()
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["phongvien@example.org", "toasoan@example.org"])
        self.assertIn(directive.reference, mail.outbox[0].subject)
        delivery = Delivery.objects.get(directive=directive, organisation=self.press_agency)
        self.assertEqual(delivery.emailed_to, "phongvien@example.org, toasoan@example.org")

    def test_a_report_due_before_issuing_is_refused(self) -> None:
        draft = self.make_draft(report_due_on=date(2021, 5, 1))
        with self.assertRaises(ValidationError):
            issue_directive(draft, by=self.writer, on=date(2021, 5, 12))
        self.assertEqual(Directive.objects.get(pk=draft.pk).status, "draft")
        self.assertFalse(Delivery.objects.exists())


@skipUnless(connection.vendor == "postgresql", "row locks are tested on PostgreSQL")
class ConcurrentIssueTests(TransactionTestCase):
    """Several people issuing at the same moment never take the same number."""

    def test_threads_issuing_at_once_get_different_numbers(self) -> None:
        province = make_unit("99", Level.PROVINCE, "Tỉnh", "Tỉnh Thử", "Thử")
        issuer = Organisation.objects.create(code="99-so", name="Sở Thử", kind="department", unit=province)
        Organisation.objects.create(code="99-bao", name="Báo Thử", kind="press", unit=province)
        user = User.objects.create_superuser("boss", password="a-long-password-1")
        data = DraftData(
            issuer=issuer,
            subject="thử",
            symbol="ST-VP",
            place="Thử",
            issuing_body="Sở Thử",
            signer_title="Giám đốc",
            signer_name="A",
            items=["Một"],
            organisations=["99-bao"],
        )
        drafts = [save_draft(data, by=user) for _ in range(6)]
        barrier = threading.Barrier(len(drafts))
        errors: list[BaseException] = []

        def issue(draft: Directive) -> None:
            try:
                barrier.wait()
                issue_directive(draft, by=user, on=date(2021, 5, 12))
            except BaseException as error:
                errors.append(error)
            finally:
                connection.close()

        original_save = NumberCounter.save

        def slow_save(counter: NumberCounter, *args: object, **kwargs: object) -> None:
            # Widen the window between reading the last number and writing the next one: without
            # the row lock, every thread would read the same number here.
            time.sleep(0.2)
            original_save(counter, *args, **kwargs)  # type: ignore[arg-type]

        threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
        with mock.patch.object(NumberCounter, "save", slow_save):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        self.assertEqual(errors, [])
        numbers = sorted(n or 0 for n in Directive.objects.values_list("number", flat=True))
        self.assertEqual(numbers, [1, 2, 3, 4, 5, 6])
        self.assertEqual(NumberCounter.objects.get(issuer=issuer, year=2021).last_number, 6)
