"""Who is late for a report deadline, and reminders before each deadline, sent once."""

import io
from datetime import date, datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from directives import schedule
from directives.models import Delivery, Directive, Reminder

from .base import DirectiveTestCase


class LateAndReminderTests(DirectiveTestCase):
    directive: Directive
    press_delivery: Delivery

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.directive = cls.make_issued(
            on=date(2021, 5, 12),
            groups=["bao-chi-legacy-67"],
            organisations=[cls.commune_committee(cls.commune_a).code],
            report_due_on=date(2021, 5, 21),
            report_every=7,
            reports_until=date(2021, 6, 4),
        )
        cls.press_agency.email = "toasoan@example.org"
        cls.press_agency.save()
        cls.press_delivery = Delivery.objects.get(directive=cls.directive, organisation=cls.press_agency)

    def reported(self, day: date) -> None:
        Delivery.objects.filter(pk=self.press_delivery.pk).update(
            last_reported_at=timezone.make_aware(datetime(day.year, day.month, day.day, 10))
        )

    def test_the_deadlines_of_weekly_reports(self) -> None:
        self.assertEqual(schedule.deadlines(self.directive), [date(2021, 5, 21), date(2021, 5, 28), date(2021, 6, 4)])
        self.assertEqual(schedule.period_start(self.directive, date(2021, 5, 28)), date(2021, 5, 22))
        self.assertEqual(schedule.period_start(self.directive, date(2021, 5, 21)), date(2021, 5, 12))

    def test_nobody_is_late_before_the_first_deadline(self) -> None:
        self.assertEqual(schedule.late_deliveries(self.directive, date(2021, 5, 21)).count(), 0)

    def test_those_without_a_report_for_the_last_deadline_are_late(self) -> None:
        self.reported(date(2021, 5, 20))
        late = schedule.late_deliveries(self.directive, date(2021, 5, 22))
        self.assertEqual(
            list(late.values_list("organisation__code", flat=True)), [self.commune_committee(self.commune_a).code]
        )
        # A report made for the first week does not cover the second.
        late = schedule.late_deliveries(self.directive, date(2021, 5, 29))
        self.assertEqual(late.count(), 2)

    def test_the_api_marks_late_recipients(self) -> None:
        self.reported(timezone.localdate())
        body = self.api_get(self.writer, f"/api/v1/directives/{self.directive.pk}").json()
        late = {r["organisation"]["code"]: r["late"] for r in body["recipients"]}
        self.assertEqual(late, {"67-bao-dak-nong": False, self.commune_committee(self.commune_a).code: True})

    def test_reminders_go_once_per_deadline_to_those_who_have_not_reported(self) -> None:
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_directive_reminders", today="2021-05-19", stdout=io.StringIO())
        self.assertEqual(Reminder.objects.filter(due_on=date(2021, 5, 21)).count(), 2)
        self.assertEqual([m.to for m in mail.outbox], [["toasoan@example.org"]])  # the commune has no address
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_directive_reminders", today="2021-05-20", stdout=io.StringIO())
        self.assertEqual(Reminder.objects.count(), 2)
        self.assertEqual(len(mail.outbox), 1)

    def test_no_reminder_for_one_who_reported_in_the_period(self) -> None:
        self.reported(date(2021, 5, 24))
        call_command("send_directive_reminders", today="2021-05-26", stdout=io.StringIO())
        self.assertEqual(
            set(Reminder.objects.values_list("delivery__organisation__code", flat=True)),
            {self.commune_committee(self.commune_a).code},
        )

    def test_no_reminder_far_from_a_deadline(self) -> None:
        call_command("send_directive_reminders", today="2021-05-13", stdout=io.StringIO())
        self.assertFalse(Reminder.objects.exists())
