"""Reads of the directives app that other apps build on."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.jurisdiction import AnyUser

from . import access, schedule
from .models import Delivery, Directive, Status


def get_visible_directive(user: AnyUser, pk: int) -> Directive:
    """A directive the user may see (issuing side or recipient); 404 otherwise."""
    directive = access.visible_directives(user).select_related("issuer").filter(pk=pk).first()
    if directive is None:
        raise Http404(_("No such directive."))
    return directive


# Activities per organisation id that the recipients reported on a directive, counted by the app
# that records them (outreach registers its count in its AppConfig.ready()).
ActivityCount = Callable[[Directive], dict[int, int]]
_activity_counts: list[ActivityCount] = []


def count_activities_with(count: ActivityCount) -> None:
    _activity_counts.append(count)


@dataclass
class RecipientRow:
    delivery: Delivery
    activities: int
    is_late: bool

    @property
    def state(self) -> str:
        d = self.delivery
        if self.activities:
            return "reported"
        if d.acknowledged_at:
            return "acknowledged"
        if d.opened_at:
            return "opened"
        return "received"


def recipient_rows(
    directive: Directive, deliveries: QuerySet[Delivery], today: date | None = None
) -> list[RecipientRow]:
    late = set(schedule.late_deliveries(directive, today).values_list("pk", flat=True))
    counts: Counter[int] = Counter()
    for count in _activity_counts:
        counts.update(count(directive))
    rows = deliveries.filter(directive=directive).select_related("organisation", "acknowledged_by")
    return [RecipientRow(d, counts.get(d.organisation_id, 0), d.pk in late) for d in rows]


def public_directives() -> QuerySet[Directive]:
    """Issued documents published on the portal, newest first."""
    return Directive.objects.filter(status=Status.ISSUED, is_public=True).order_by("-issued_on", "-id")
