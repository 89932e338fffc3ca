"""The situation figures as JSON: GET /api/v1/dashboard?unit=&scheme=."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema

from accounts.api import AUTH

from .queries import as_json, situation, situation_unit

router = Router(tags=["situation"])


class DashboardFilter(Schema):
    unit: str | None = None
    scheme: Literal["legacy", "2025"] | None = None


@router.get(
    "/dashboard",
    response=dict[str, Any],
    auth=AUTH,
    summary="The situation of a unit in the caller's jurisdiction (the widest one by default)",
    description="Places by state, overdue and never assessed; inspections done and planned in the last 30 days; "
    "screening in progress; violations decided and published; levels and zones; villages reached in 7/14/30 "
    "days; citizens' reports received, answered and overdue; the same per unit one level down.",
)
def dashboard(request: HttpRequest, filters: Query[DashboardFilter]) -> Any:
    return as_json(situation(request.user, situation_unit(request.user, filters.unit, filters.scheme)))


# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "dashboard": "officers",
}
