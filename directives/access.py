"""Who sees which directive and acts for which recipient, built on accounts.jurisdiction.

The issuing side of a directive is its issuing organisation's communication officers and the
officers whose jurisdiction holds that organisation's home unit; it sees drafts and every
recipient's status. The receiving side is the same for each recipient organisation; it sees
the issued directive and its own deliveries only.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.jurisdiction import CHANGE_ROLES, AnyUser
from lib.text import fold
from territory.models import Organisation, OrganisationKind, RecipientGroup

from .models import Delivery, Directive, IncomingDocument, Status


def _members(user: AnyUser) -> list[int]:
    return [o.pk for o in jurisdiction.member_organisations(user)]


def issuing_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations the user may compose and issue for (and record incoming documents of)."""
    in_scope = jurisdiction.filter_by_unit(user, Organisation.objects.all(), roles=CHANGE_ROLES)
    return (in_scope | Organisation.objects.filter(pk__in=_members(user))).distinct()


def _writing_provinces(user: AnyUser) -> set[str]:
    """Paths of the provinces the user writes in: those of the organisations they issue for."""
    return {
        "/".join(path.split("/")[:2]) + "/" for path in issuing_organisations(user).values_list("unit__path", flat=True)
    }


def recipient_organisations(user: AnyUser) -> QuerySet[Organisation]:
    """Recipients are chosen among the organisations of the provinces the user writes in."""
    nearby = Q()
    for path in _writing_provinces(user):
        nearby |= Q(unit__path__under=path)
    return Organisation.objects.filter(nearby) if nearby else Organisation.objects.none()


def recipient_groups(user: AnyUser) -> QuerySet[RecipientGroup]:
    """The "Kính gửi" lines of the provinces the user writes in."""
    return RecipientGroup.objects.filter(unit__path__in=_writing_provinces(user)).order_by("position")


def organisation_label(organisation: Organisation) -> str:
    """ "Báo Đắk Nông (bao-dak-nong)": the name, and the code a form reads back."""
    return f"{organisation.name} ({organisation.code})"


def find_recipients(user: AnyUser, text: str, limit: int, single: bool = False) -> list[dict[str, object]]:
    """The recipient picker's matches: the recipient groups named so first (choosing one adds
    its members), then organisations by name or short name, diacritics ignored. For a picker of
    one agency (`single`): organisations alone, each label ending in the code it writes back."""
    words = fold(text).split()
    if not words:
        return []
    organisations = recipient_organisations(user)
    groups = (
        [g for g in recipient_groups(user).prefetch_related("members") if all(w in fold(g.name) for w in words)]
        if not single
        else []
    )
    allowed = set(organisations.values_list("pk", flat=True)) if groups else set()
    found: list[dict[str, object]] = []
    for group in groups[:limit]:
        members = [m for m in group.members.order_by("kind", "name") if m.pk in allowed]
        found.append(
            {
                "value": f"group:{group.code}",
                "label": group.name,
                "hint": _("A recipient group: adds its %(count)d organisations") % {"count": len(members)},
                "members": [{"value": m.code, "label": m.name} for m in members],
            }
        )
    for word in words:
        organisations = organisations.filter(search_name__contains=word)
    for organisation in organisations.select_related("unit").order_by("kind", "name")[: limit - len(found)]:
        label = organisation_label(organisation) if single else organisation.name
        found.append({"value": organisation.code, "label": label, "hint": organisation.get_kind_display()})
    return found


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
