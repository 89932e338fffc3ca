"""Reporting communication activities (one at a time or from an XLSX file), keeping the running
totals and the village coverage tables in the same transaction."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import jurisdiction
from accounts.models import User
from directives import access
from directives.models import ContentItem, Delivery, Directive
from lib.uploads import check_upload
from territory.models import AdminUnit, Level, Organisation

from .models import Activity, Channel, DirectiveVillage, Tally, VillageDay, VillageReach

MAX_UNITS = 500
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EVIDENCE_KINDS = ("jpeg", "png", "pdf", "docx", "xlsx", "mp3", "mp4")


@dataclass
class ActivityData:
    directive: Directive
    content_item: ContentItem
    channel: Channel
    quantity: int
    occurred_on: date
    organisation: Organisation | None = None
    units: list[AdminUnit] = field(default_factory=list)
    priority: str = ""
    title: str = ""
    evidence_url: str = ""
    evidence_file: UploadedFile | None = None


def reporting_organisations(user: User, directive: Directive) -> list[Organisation]:
    """Recipients of the directive the user may report for."""
    deliveries = access.acting_deliveries(user).filter(directive=directive).select_related("organisation__unit")
    return [d.organisation for d in deliveries]


def check_evidence(upload: UploadedFile) -> None:
    """A photo, document, recording or video of at most 10 MB (FileTooLarge, 413, otherwise)."""
    check_upload(upload, EVIDENCE_KINDS, max_bytes=MAX_EVIDENCE_BYTES, field="evidence_file")


def _common_unit(organisation: Organisation, units: list[AdminUnit]) -> AdminUnit:
    """The narrowest unit holding all the units reached; the organisation's home unit without any."""
    if not units:
        return organisation.unit
    prefix = units[0].path
    for unit in units[1:]:
        while not unit.path.startswith(prefix):
            prefix = prefix[: prefix.rstrip("/").rfind("/") + 1]
    found = AdminUnit.objects.filter(path=prefix).first()
    return found or organisation.unit


def district_of(unit: AdminUnit) -> AdminUnit | None:
    """The first level under the province (a district in 2021, a commune from 2025); None for the province."""
    parts = unit.path.strip("/").split("/")
    if len(parts) < 3:
        return None
    return AdminUnit.objects.filter(path="/".join(parts[:3]) + "/").first()


def clean(data: ActivityData, by: User) -> Organisation:
    """Check a report without writing anything; returns the organisation it is reported for."""
    directive = data.directive
    if not directive.is_issued:
        raise ValidationError({"directive": _("Activities are reported against an issued directive.")})
    mine = reporting_organisations(by, directive)
    if data.organisation is None:
        jurisdiction.require(bool(mine), _("None of your organisations received this directive."))
        if len(mine) > 1:
            raise ValidationError({"organisation": _("You report for several organisations: say which one.")})
        organisation = mine[0]
    else:
        organisation = data.organisation
        if not Delivery.objects.filter(directive=directive, organisation=organisation).exists():
            raise ValidationError({"organisation": _("This organisation did not receive the directive.")})
        jurisdiction.require(
            organisation in mine, _("You do not report for %(organisation)s.") % {"organisation": organisation}
        )
    errors: dict[str, str] = {}
    if data.content_item.directive_id != directive.pk:
        errors["content_item"] = _("This content item belongs to another directive.")
    if not data.channel.is_active:
        errors["channel"] = _("This channel is no longer in use.")
    limit = data.channel.measure.max_per_activity
    if data.quantity < 1:
        errors["quantity"] = _("The quantity must be at least 1.")
    elif data.quantity > limit:
        errors["quantity"] = _("%(quantity)d %(measure)s in one report is not plausible (at most %(limit)d).") % {
            "quantity": data.quantity,
            "measure": data.channel.measure.name,
            "limit": limit,
        }
    if data.occurred_on > timezone.localdate():
        errors["occurred_on"] = _("The date cannot be in the future.")
    elif directive.issued_on and data.occurred_on < directive.issued_on:
        errors["occurred_on"] = _("The date is before the directive was issued.")
    codes = {p["code"] for p in data.channel.priorities}
    if codes and data.priority not in codes:
        errors["priority"] = _("Choose the priority of the broadcast.")
    elif not codes and data.priority:
        errors["priority"] = _("This channel has no priorities.")
    if len(data.units) > MAX_UNITS:
        errors["units"] = _("At most %(n)d villages or communes in one report.") % {"n": MAX_UNITS}
    outside = [u.name for u in data.units if not u.path.startswith(organisation.unit.path)]
    wrong_level = [u.name for u in data.units if u.level not in (Level.COMMUNE, Level.VILLAGE)]
    if outside:
        errors["units"] = _("Outside the area of %(organisation)s: %(units)s.") % {
            "organisation": organisation,
            "units": ", ".join(outside[:10]),
        }
    elif wrong_level:
        errors["units"] = _("Only villages and communes can be reached: %(units)s.") % {"units": ", ".join(wrong_level)}
    if data.evidence_url:
        try:
            URLValidator(schemes=["http", "https"])(data.evidence_url)
        except ValidationError:
            errors["evidence_url"] = _("The evidence link must be a web address (http or https).")
    if errors:
        raise ValidationError(errors)
    if data.evidence_file is not None:
        check_evidence(data.evidence_file)
    return organisation


def _villages_reached(units: list[AdminUnit]) -> list[tuple[int, str]]:
    """Villages reached: those named, and every village of a commune named."""
    villages = {u.pk: u.path for u in units if u.level == Level.VILLAGE}
    communes = [u.path for u in units if u.level == Level.COMMUNE]
    if communes:
        below = Q()
        for path in communes:
            below |= Q(path__under=path)
        villages.update(AdminUnit.objects.filter(below, level=Level.VILLAGE).values_list("pk", "path"))
    return sorted(villages.items())


def _keep_coverage(directive: Directive, villages: list[tuple[int, str]], day: date) -> None:
    """Monotonic upserts: safe when two reports touch the same village at once."""
    if not villages:
        return
    ids = [pk for pk, _path in villages]
    VillageReach.objects.bulk_create(
        [VillageReach(village_id=pk, path=path, first_reached_on=day, last_reached_on=day) for pk, path in villages],
        ignore_conflicts=True,
    )
    VillageReach.objects.filter(village_id__in=ids, last_reached_on__lt=day).update(last_reached_on=day)
    VillageReach.objects.filter(village_id__in=ids, first_reached_on__gt=day).update(first_reached_on=day)
    VillageDay.objects.bulk_create(
        [VillageDay(village_id=pk, day=day, path=path) for pk, path in villages], ignore_conflicts=True
    )
    by_path = dict(
        AdminUnit.objects.filter(path__in={_prefix(path) for _pk, path in villages}).values_list("path", "pk")
    )
    districts = {pk: by_path.get(_prefix(path)) for pk, path in villages}
    DirectiveVillage.objects.bulk_create(
        [
            DirectiveVillage(
                directive=directive, village_id=pk, district_id=districts[pk], first_reached_on=day, last_reached_on=day
            )
            for pk, _path in villages
        ],
        ignore_conflicts=True,
    )
    mine = DirectiveVillage.objects.filter(directive=directive, village_id__in=ids)
    mine.filter(last_reached_on__lt=day).update(last_reached_on=day)
    mine.filter(first_reached_on__gt=day).update(first_reached_on=day)


def _prefix(path: str) -> str:
    return "/".join(path.strip("/").split("/")[:3]) + "/"


def _count(activity: Activity, district_code: str) -> None:
    key = {
        "directive": activity.directive,
        "content_item": activity.content_item,
        "channel": activity.channel,
        "organisation": activity.organisation,
        "district_code": district_code,
    }
    increment = {"activities": F("activities") + 1, "quantity": F("quantity") + activity.quantity}
    if Tally.objects.filter(**key).update(**increment):
        return
    try:
        with transaction.atomic():
            Tally.objects.create(**key, activities=1, quantity=activity.quantity)
    except IntegrityError:  # created by a report at the same moment
        Tally.objects.filter(**key).update(**increment)


@transaction.atomic
def report_activity(data: ActivityData, *, by: User) -> Activity:
    organisation = clean(data, by)
    area = _common_unit(organisation, data.units)
    district = district_of(area)
    activity = Activity(
        directive=data.directive,
        content_item=data.content_item,
        channel=data.channel,
        priority=data.priority,
        organisation=organisation,
        quantity=data.quantity,
        occurred_on=data.occurred_on,
        title=data.title.strip()[:300],
        area=area,
        district=district,
        evidence_url=data.evidence_url,
        reported_by=by,
    )
    if data.evidence_file is not None:
        activity.evidence_file.save(data.evidence_file.name or "evidence", data.evidence_file, save=False)
    activity.save()
    if data.units:
        activity.reached.set(data.units)
    _keep_coverage(data.directive, _villages_reached(data.units), data.occurred_on)
    _count(activity, district.code if district else "")
    now = timezone.now()
    Delivery.objects.filter(directive=data.directive, organisation=organisation).update(
        last_reported_at=now, first_reported_at=Coalesce(F("first_reported_at"), now)
    )
    return activity


def units_by_code(codes: list[str], scheme: str) -> tuple[list[AdminUnit], list[str]]:
    """The units with these codes in the scheme, and the codes that match none."""
    found = {u.code: u for u in AdminUnit.objects.filter(scheme=scheme, code__in=codes)}
    return [found[c] for c in codes if c in found], [c for c in codes if c not in found]
