"""send_reminders: owners before expiry, commune officers once overdue, each reminder once."""

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from safety import notify
from safety.actions.assessments import submit_assessment
from safety.models import Establishment, OperatingStatus, SafetyPolicy
from testing import SAFE_ANSWERS, SafetyTestCase, make_place


class RecordingSms:
    sent: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        RecordingSms.sent.append((phone, text))


class BrokenSms:
    def send(self, phone: str, text: str) -> None:
        raise ConnectionError("gateway down")


@override_settings(
    SMS_BACKEND="safety.tests.test_reminders.RecordingSms",
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
class ReminderTests(SafetyTestCase):
    tomorrow: Establishment
    in_five_days: Establishment
    overdue: Establishment
    closed: Establishment
    fresh: Establishment

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for user in (cls.owner, cls.officer_a, cls.officer_b, cls.district_officer):
            user.email = f"{user.username}@example.vn"
            user.save()
        now = timezone.now()

        def assessed(unit, name, days_ago, **extra):  # type: ignore[no-untyped-def]
            place = make_place(unit, name, owners=[cls.owner], **extra)
            submit_assessment(place, cls.criteria_set, SAFE_ANSWERS, by=None, now=now - timedelta(days=days_ago))
            return place

        # The set is valid 7 days.
        cls.tomorrow = assessed(cls.commune_a, "Chợ Đức Mạnh", 6, contact_phone="0912000001")
        cls.in_five_days = assessed(cls.commune_a, "Siêu thị Đức Mạnh", 2)
        cls.overdue = assessed(cls.village_a, "Quán ăn Thôn 1", 10, contact_phone="0912000002")
        cls.closed = assessed(cls.commune_a, "Chợ cũ", 10, status=OperatingStatus.CLOSED)
        cls.fresh = assessed(cls.commune_b, "Chợ Đắk Lao", 0)

    def setUp(self) -> None:
        super().setUp()
        RecordingSms.sent = []

    def run_command(self, *args: str) -> str:
        out = StringIO()
        call_command("send_reminders", *args, stdout=out)
        return out.getvalue()

    def to(self, address: str) -> list[mail.EmailMessage]:
        return [m for m in mail.outbox if address in m.to]

    def test_owner_of_a_place_expiring_tomorrow_is_reminded_by_email_and_sms(self) -> None:
        output = self.run_command()
        owner_mail = self.to("owner@example.vn")
        self.assertEqual(len(owner_mail), 1)
        self.assertIn("Chợ Đức Mạnh", owner_mail[0].subject)
        self.assertIn(f"/places/{self.tomorrow.pk}/assess/", owner_mail[0].body)
        self.assertIn(("0912000001", RecordingSms.sent[0][1]), RecordingSms.sent)
        self.assertIn("Chợ Đức Mạnh", dict(RecordingSms.sent)["0912000001"])
        self.assertIn("1 owner reminders", output)

    def test_overdue_place_warns_the_officers_of_its_commune_only(self) -> None:
        self.run_command()
        officer_mail = self.to("commune_a@example.vn")
        self.assertEqual(len(officer_mail), 1)
        self.assertIn("Quán ăn Thôn 1", officer_mail[0].body)
        self.assertNotIn("Chợ cũ", officer_mail[0].body)  # closed places are not chased
        self.assertEqual(self.to("commune_b@example.vn"), [])
        self.assertEqual(self.to("district@example.vn"), [])
        self.assertIn("0912000002", dict(RecordingSms.sent))

    def test_running_twice_sends_once(self) -> None:
        self.run_command()
        sent_mail, sent_sms = len(mail.outbox), len(RecordingSms.sent)
        self.assertEqual(sent_mail, 2)
        self.assertEqual(sent_sms, 2)
        output = self.run_command()
        self.assertEqual((len(mail.outbox), len(RecordingSms.sent)), (sent_mail, sent_sms))
        self.assertIn("0 owner reminders, 0 officer warnings, 0 SMS", output)

    def test_a_new_assessment_is_a_new_validity_period_to_remind_about(self) -> None:
        self.run_command()
        submit_assessment(
            self.tomorrow, self.criteria_set, SAFE_ANSWERS, by=None, now=timezone.now() - timedelta(days=6, hours=1)
        )
        self.run_command()
        self.assertEqual(len(self.to("owner@example.vn")), 2)

    def test_days_option_and_province_policy_widen_the_window(self) -> None:
        self.run_command("--days", "6")
        subjects = " ".join(str(m.subject) for m in self.to("owner@example.vn"))
        self.assertIn("Siêu thị Đức Mạnh", subjects)
        self.assertNotIn("Chợ Đắk Lao", subjects)

    def test_province_policy_sets_the_default_window(self) -> None:
        SafetyPolicy.objects.create(unit=self.province, remind_days_before=6)
        self.run_command()
        self.assertEqual(len(self.to("owner@example.vn")), 2)
        self.assertEqual(len(notify.expiring(timezone.now()).filter(pk=self.fresh.pk)), 0)

    def test_a_failed_send_is_tried_again_next_run(self) -> None:
        with override_settings(SMS_BACKEND="safety.tests.test_reminders.BrokenSms"):
            sent = notify.send_reminders()
        self.assertEqual(sent.failed, 2)  # both SMS
        self.assertEqual(len(mail.outbox), 2)  # the emails went out
        self.run_command()
        self.assertEqual({phone for phone, _text in RecordingSms.sent}, {"0912000001", "0912000002"})
        self.assertEqual(len(mail.outbox), 2)  # and are not sent again

    def test_negative_days_are_refused(self) -> None:
        from django.core.management.base import CommandError

        with self.assertRaises(CommandError):
            self.run_command("--days", "-1")
        self.assertEqual(mail.outbox, [])

    def test_console_sms_sender_is_the_default(self) -> None:
        out = StringIO()
        notify.ConsoleSmsSender(out).send("0912000009", "Chợ Đức Mạnh")
        self.assertEqual(out.getvalue(), "SMS 0912000009: Chợ Đức Mạnh\n")
        with override_settings():
            from django.conf import settings

            delattr(settings, "SMS_BACKEND")
            self.assertIsInstance(notify.sms_sender(), notify.ConsoleSmsSender)
