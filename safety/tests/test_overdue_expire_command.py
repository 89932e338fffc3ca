"""expire_ratings: expired safe or at-risk ratings fall back to "not assessed"; unsafe stays."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from safety.actions.assessments import submit_assessment
from safety.models import PublicState
from testing import AT_RISK_ANSWERS, SAFE_ANSWERS, UNSAFE_ANSWERS, SafetyTestCase, make_place


class ExpireRatingsCommandTests(SafetyTestCase):
    def test_prints_how_many_places_changed_and_changes_only_expired_ratings(self) -> None:
        old = timezone.now() - timedelta(days=10)
        places = {
            "safe": (make_place(self.commune_a, "Chợ Đức Mạnh"), SAFE_ANSWERS, old),
            "at_risk": (make_place(self.commune_a, "Siêu thị Đức Mạnh", "supermarket"), AT_RISK_ANSWERS, old),
            "unsafe": (make_place(self.commune_b, "Chợ Đắk Lao"), UNSAFE_ANSWERS, old),
            "current": (make_place(self.commune_b, "Nhà hàng Đắk Lao", "restaurant"), SAFE_ANSWERS, timezone.now()),
        }
        for place, answers, when in places.values():
            submit_assessment(place, self.criteria_set, answers, by=None, now=when)
        out = StringIO()
        call_command("expire_ratings", stdout=out)
        self.assertEqual(out.getvalue().split()[0], "2")
        states = {key: type(place).objects.get(pk=place.pk).state for key, (place, _a, _w) in places.items()}
        self.assertEqual(
            states,
            {
                "safe": PublicState.NOT_ASSESSED,
                "at_risk": PublicState.NOT_ASSESSED,
                "unsafe": PublicState.UNSAFE,
                "current": PublicState.SAFE,
            },
        )
        out = StringIO()
        call_command("expire_ratings", stdout=out)
        self.assertEqual(out.getvalue().split()[0], "0")

    def test_negative_loop_is_refused(self) -> None:
        with self.assertRaises(CommandError):
            call_command("expire_ratings", "--loop", "-5", stdout=StringIO())
