from typing import Any

from django.utils import timezone

from lib.acting import Actor, acting
from lib.commands import LoopCommand
from reports.actions import issue_scheduled_weekly_reports
from reports.weekly import dmy, last_week


class Command(LoopCommand):
    help = (
        "Issue the weekly report to the People's Committee of every province, district and commune where "
        "officers work, for the week (Monday to Sunday) that ended before today. A unit's report for a week "
        "is issued once, however often this runs."
    )
    takes_today = True

    def run_once(self, **options: Any) -> str:
        today = options["today"] or timezone.localdate()
        week = last_week(today)
        with acting(Actor(source="command", name="issue_weekly_reports")):
            issued, already = issue_scheduled_weekly_reports(today)
        return f"Week {dmy(week.start)}–{dmy(week.end)}: {issued} report(s) issued, {already} already issued."
