"""Who sees which directive and acts for which recipient, built on accounts.jurisdiction.

The issuing side of a directive is its issuing organisation's communication officers and the
officers whose jurisdiction holds that organisation's home unit; it sees drafts and every
recipient's status. The receiving side is the same for each recipient organisation; it sees
the issued directive and its own deliveries only.
"""

from django.db.models import Q, QuerySet

from accounts import jurisdiction
from accounts.jurisdiction import CHANGE_ROLES, AnyUser
from territory.models import Organisation, OrganisationKind

from .models import Delivery, Directive, IncomingDocument, Status


def _members(user: AnyUser) -> list[int]:
    return [o.pk for o in jurisdiction.member_organisations(user)]


def issuing_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations the user may compose and issue for (and record incoming documents of)."""
    in_scope = jurisdiction.filter_by_unit(user, Organisation.objects.all(), roles=CHANGE_ROLES)
    return (in_scope | Organisation.objects.filter(pk__in=_members(user))).distinct()


def may_record_incoming(user: AnyUser) -> bool:
    """Agencies that issue directives keep a register of the documents they implement; a press
    agency only receives directives."""
    return issuing_organisations(user).exclude(kind=OrganisationKind.PRESS).exists()


def can_act_for(user: AnyUser, organisation: Organisation) -> bool:
    return organisation.pk in _members(user) or jurisdiction.can_change_unit(user, organisation.unit)


def seen_deliveries(user: AnyUser) -> QuerySet[Delivery]:
    """Deliveries to organisations the user speaks for or whose unit lies in their jurisdiction."""
    base = Delivery.objects.all()
    return jurisdiction.filter_by_unit(user, base, path_field="organisation_path") | base.filter(
        organisation__in=_members(user)
    )


def acting_deliveries(user: AnyUser) -> QuerySet[Delivery]:
    """Deliveries the user may acknowledge: their organisations', or within their change jurisdiction."""
    base = Delivery.objects.all()
    return jurisdiction.filter_by_unit(user, base, path_field="organisation_path", roles=CHANGE_ROLES) | base.filter(
        organisation__in=_members(user)
    )


COMMITTEES = (
    OrganisationKind.PROVINCIAL_COMMITTEE,
    OrganisationKind.DISTRICT_COMMITTEE,
    OrganisationKind.COMMUNE_COMMITTEE,
)


def own_deliveries(user: AnyUser) -> QuerySet[Delivery]:
    """Deliveries to the user's own organisations: those they speak for, or the People's Committee
    of the very unit they are an officer of (a province officer opening a letter does not open
    the press's or every commune's copy)."""
    own_units = [unit.pk for unit in jurisdiction.scope_units(user, CHANGE_ROLES)]
    committees = Q(organisation__unit__in=own_units, organisation__kind__in=COMMITTEES)
    return Delivery.objects.filter(Q(organisation__in=_members(user)) | committees)


def issuer_side(user: AnyUser) -> QuerySet[Directive]:
    base = Directive.objects.all()
    return jurisdiction.filter_by_unit(user, base, path_field="issuer_path") | base.filter(issuer__in=_members(user))


def visible_directives(user: AnyUser) -> QuerySet[Directive]:
    received = seen_deliveries(user).values("directive_id")
    return Directive.objects.filter(Q(pk__in=issuer_side(user).values("pk")) | Q(status=Status.ISSUED, pk__in=received))


def is_issuer_side(user: AnyUser, directive: Directive) -> bool:
    return issuer_side(user).filter(pk=directive.pk).exists()


def visible_incoming(user: AnyUser) -> QuerySet[IncomingDocument]:
    base = IncomingDocument.objects.all()
    return jurisdiction.filter_by_unit(user, base, field="organisation__unit") | base.filter(
        organisation__in=_members(user)
    )
