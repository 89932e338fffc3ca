"""Communication activities reported against a directive's content items, and the coverage
tables the action keeps so that village coverage and summaries never scan the history."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directives.models import ContentItem, Directive
from lib.records import Derived, ListEntry, UnitOfMeasure, in_use, list_position, optional_link, person
from territory.models import AdminUnit, Organisation
from territory.scoped import UnitPathField


class Measure(UnitOfMeasure):
    """What a channel's quantity counts: articles, minutes, sessions, rounds, pieces, copies, people."""

    name = models.CharField(_("name"), max_length=60, help_text=_("e.g. bài, phút, buổi, lượt"))
    max_per_activity = models.PositiveIntegerField(
        _("largest quantity in one report"), help_text=_("a larger number is refused as a typing error")
    )


class Channel(ListEntry):
    """A way of communicating: press article, radio programme, loudspeaker broadcast, pa nô…"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    measure = models.ForeignKey(Measure, verbose_name=_("unit of measure"), on_delete=models.PROTECT)
    priorities = models.JSONField(
        _("priorities"), default=list, blank=True, help_text=_('[{"code": "khan-cap", "label": "Khẩn cấp"}, …]')
    )
    position = list_position()
    is_active = in_use()

    class Meta(ListEntry.Meta):
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["position", "name"]

    def priority_label(self, code: str) -> str:
        return next((p["label"] for p in self.priorities if p["code"] == code), code)


class Activity(models.Model):
    """One reported communication activity (OutreachActivity)."""

    directive = models.ForeignKey(Directive, verbose_name=_("directive"), on_delete=models.PROTECT, related_name="+")
    content_item = models.ForeignKey(
        ContentItem, verbose_name=_("content item"), on_delete=models.PROTECT, related_name="+"
    )
    channel = models.ForeignKey(Channel, verbose_name=_("channel"), on_delete=models.PROTECT)
    priority = models.CharField(_("priority"), max_length=20, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("reported for"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("quantity"))
    occurred_on = models.DateField(_("date"))
    title = models.CharField(_("description"), max_length=300, blank=True)
    # The narrowest unit holding every unit reached (the organisation's home unit when none is
    # given): the jurisdiction of an activity, and the district it counts for in summaries.
    area = models.ForeignKey(AdminUnit, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    area_path = UnitPathField(source="area")
    district = optional_link(AdminUnit, related_name="+", editable=False)
    reached = models.ManyToManyField(
        AdminUnit, verbose_name=_("villages and communes reached"), blank=True, related_name="+"
    )
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="outreach/evidence/%Y/%m/", blank=True)
    reported_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    reported_by = person(editable=False)

    class Meta:
        verbose_name = _("communication activity")
        verbose_name_plural = _("communication activities")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["directive", "organisation"], name="activity_directive_idx"),
            models.Index(fields=["occurred_on"], name="activity_date_idx"),
            models.Index(
                fields=["area_path", "occurred_on"],
                name="activity_area_idx",
                opclasses=["varchar_pattern_ops", "date_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} × {self.quantity} ({self.occurred_on:%d/%m/%Y})"


class VillageReach(Derived):
    """When a village was first and last reached by any channel: one row per village."""

    village = models.OneToOneField(AdminUnit, primary_key=True, on_delete=models.CASCADE, related_name="+")
    path = UnitPathField(source="village")
    first_reached_on = models.DateField()
    last_reached_on = models.DateField()

    class Meta:
        verbose_name = _("village reached")
        verbose_name_plural = _("villages reached")
        indexes = [models.Index(fields=["path"], name="village_reach_path_idx", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return f"{self.village_id}: {self.last_reached_on}"


class VillageDay(Derived):
    """A village was reached on a day (by one activity or many): the history coverage windows read."""

    village = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    path = UnitPathField(source="village")

    class Meta:
        verbose_name = _("village reached on a day")
        verbose_name_plural = _("villages reached by day")
        constraints = [models.UniqueConstraint(fields=["village", "day"], name="village_day_unique")]
        indexes = [models.Index(fields=["day", "path"], name="village_day_idx")]

    def __str__(self) -> str:
        return f"{self.village_id}: {self.day}"


class DirectiveVillage(Derived):
    """Villages a directive's activities reached: its coverage in the summary."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="+")
    village = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(AdminUnit, null=True, on_delete=models.CASCADE, related_name="+")
    first_reached_on = models.DateField()
    last_reached_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["directive", "village"], name="directive_village_unique")]

    def __str__(self) -> str:
        return f"{self.directive_id}/{self.village_id}"


class Tally(Derived):
    """Running totals of a directive per content item, channel, organisation and district, kept by
    the action so that summaries read a few hundred rows instead of every activity."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="+")
    content_item = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    district_code = models.CharField(max_length=20, blank=True)  # "" for the province level
    activities = models.PositiveIntegerField(default=0)
    quantity = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "content_item", "channel", "organisation", "district_code"], name="tally_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.directive_id}: {self.activities}"
