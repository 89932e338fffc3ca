"""An issued directive sent to the press, the communes' People's Committees and the districts'
culture centres, with the channels loaded: what outreach tests report against."""

from datetime import date
from typing import Any

from directives.models import Directive
from directives.tests.base import DirectiveTestCase
from outreach.actions import ActivityData, report_activity
from outreach.models import Activity, Channel
from territory.models import Organisation

ISSUED_ON = date(2021, 5, 12)


class OutreachTestCase(DirectiveTestCase):
    directive: Directive
    committee_a: Organisation
    committee_b: Organisation
    centre: Organisation

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.directive = cls.make_issued(
            on=ISSUED_ON, groups=["bao-chi-legacy-67", "ubnd-xa-legacy-67", "trung-tam-vhtt-tt-legacy-67"]
        )
        cls.committee_a = cls.commune_committee(cls.commune_a)
        cls.committee_b = cls.commune_committee(cls.commune_b)
        cls.centre = Organisation.objects.get(code=f"trung-tam-vhtt-tt-legacy-{cls.district.code}")

    @classmethod
    def item(cls, number: int = 1, directive: Directive | None = None) -> Any:
        return (directive or cls.directive).items.get(number=number)

    @classmethod
    def report(cls, by: Any, channel: str = "xe-loa", **changes: Any) -> Activity:
        values: dict[str, Any] = {
            "directive": cls.directive,
            "content_item": cls.item(1),
            "channel": Channel.objects.get(code=channel),
            "quantity": 2,
            "occurred_on": date(2021, 5, 14),
        }
        values.update(changes)
        return report_activity(ActivityData(**values), by=by)

    def activity_payload(self, **changes: Any) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "directive": self.directive.pk,
            "content_item": self.item(1).pk,
            "channel": "xe-loa",
            "quantity": 3,
            "occurred_on": "2021-05-14",
            "units": [self.village_a.code],
        }
        payload.update(changes)
        return payload
