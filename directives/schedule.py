"""Report deadlines of a directive, who is late, and when to remind."""

import calendar
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Delivery, Directive, Frequency

MAX_DEADLINES = 400  # more than ten years of weekly reports


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def deadlines(directive: Directive) -> list[date]:
    first = directive.report_due_on
    if first is None:
        return []
    if directive.report_every == Frequency.ONCE:
        return [first]
    last = directive.reports_until or _add_months(first, 12)
    days: list[date] = []
    step = 0
    while len(days) < MAX_DEADLINES:
        if directive.report_every == Frequency.MONTHLY:
            day = _add_months(first, step)
        else:
            day = first + timedelta(days=directive.report_every * step)
        if day > last:
            break
        days.append(day)
        step += 1
    return days


def period_start(directive: Directive, deadline: date) -> date:
    """First day that counts for the report due on `deadline`: the day after the previous deadline,
    or the day the directive was issued."""
    earlier = [d for d in deadlines(directive) if d < deadline]
    if earlier:
        return earlier[-1] + timedelta(days=1)
    return directive.issued_on or deadline


def last_passed_deadline(directive: Directive, today: date) -> date | None:
    passed = [d for d in deadlines(directive) if d < today]
    return passed[-1] if passed else None


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def not_reported_since(deliveries: QuerySet[Delivery], day: date) -> QuerySet[Delivery]:
    start = _start_of(day)
    return deliveries.filter(Q(last_reported_at__isnull=True) | Q(last_reported_at__lt=start))


def late_deliveries(directive: Directive, today: date | None = None) -> QuerySet[Delivery]:
    """Recipients that have not reported for the last deadline that has passed."""
    today = today or timezone.localdate()
    deadline = last_passed_deadline(directive, today)
    if deadline is None or not directive.is_issued:
        return directive.deliveries.none()
    return not_reported_since(directive.deliveries.all(), period_start(directive, deadline))
