"""Risk-level frameworks (data), the level each unit is at, and the history of those levels."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.records import ListEntry, list_position, optional_link, person, stamp
from territory.models import AdminUnit
from territory.scoped import UnitScoped, path_index

from ..rules import colour_problem, framework_problems, text_list_problem


class FrameworkStatus(models.TextChoices):
    VERIFIED = "verified", _("Verified against the official text")
    PARTIAL = "partial", _("Partial — some criteria are not in the official text at hand")
    UNVERIFIED = "unverified", _("Unverified — thresholds to be confirmed by the province")


class LevelFramework(ListEntry):
    """A way of assessing area risk: its levels, the rule for a commune and the roll-up rule for
    districts and provinces. Rules are JSON (see zones/rules.py) so a province edits them."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    status = models.CharField(_("status"), max_length=12, choices=FrameworkStatus.choices)
    status_note = models.TextField(_("what is not verified"), blank=True)
    window_days = models.PositiveSmallIntegerField(_("days of cases counted"), default=14)
    commune_rules = models.JSONField(_("commune rules"), default=list)
    rollup = models.JSONField(_("roll-up to districts and provinces"), default=dict)
    is_default = models.BooleanField(_("used when a province has not chosen"), default=False)
    position = list_position()

    class Meta(ListEntry.Meta):
        verbose_name = _("risk-level framework")
        verbose_name_plural = _("risk-level frameworks")

    def clean(self) -> None:
        problems = framework_problems(self.window_days, self.commune_rules, self.rollup, self.level_codes())
        if problems:
            raise ValidationError({"commune_rules": problems})

    def level_codes(self) -> list[str]:
        if self.pk is None:
            return []
        return list(self.levels.values_list("code", flat=True))


class RiskLevel(models.Model):
    """One level of a framework, with its colour and the measures it adds to the levels below."""

    framework = models.ForeignKey(
        LevelFramework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="levels"
    )
    code = models.SlugField(_("code"), max_length=40)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("0 is the lowest level"))
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    colour = models.CharField(_("colour"), max_length=7, help_text="#RRGGBB")
    text_colour = models.CharField(_("text colour"), max_length=7, default="#ffffff")
    strictness = models.PositiveSmallIntegerField(
        _("strictness"), help_text=_("on the scale shared with distancing measures; higher is stricter")
    )
    measures = models.JSONField(_("measures added at this level"), default=list)

    class Meta:
        verbose_name = _("risk level")
        verbose_name_plural = _("risk levels")
        ordering = ["framework", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="risk_level_code_unique"),
            models.UniqueConstraint(fields=["framework", "rank"], name="risk_level_rank_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        for name in ("colour", "text_colour"):
            problem = colour_problem(getattr(self, name))
            if problem:
                errors[name] = problem
        problem = text_list_problem(self.measures)
        if problem:
            errors["measures"] = problem
        if errors:
            raise ValidationError(errors)


class ProvinceLevels(models.Model):
    """A province's choice of framework and the state of its last recomputation. Its row is also
    the lock that keeps two recomputations (or two zone declarations) of a province apart."""

    province = models.OneToOneField(AdminUnit, verbose_name=_("province"), on_delete=models.CASCADE, related_name="+")
    framework = optional_link(LevelFramework, _("framework"))
    last_as_of = models.DateField(_("levels as of"), null=True, blank=True, editable=False)
    last_run_at = models.DateTimeField(_("last recomputed at"), null=True, blank=True, editable=False)
    last_duration_ms = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("levels of a province")
        verbose_name_plural = _("levels of provinces")

    def __str__(self) -> str:
        return str(self.province)


class UnitLevel(UnitScoped):
    """The level a unit is at now: computed from the data, and an officer's override if any."""

    unit = models.OneToOneField(AdminUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(LevelFramework, verbose_name=_("framework"), on_delete=models.CASCADE)
    computed_level = models.ForeignKey(
        RiskLevel, verbose_name=_("computed level"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.ForeignKey(RiskLevel, verbose_name=_("level in force"), on_delete=models.PROTECT, related_name="+")
    since = models.DateField(_("at this level since"))
    override_level = optional_link(RiskLevel, _("level set by an officer"), related_name="+")
    override_reason = models.TextField(_("reason for the override"), blank=True)
    override_at, override_by = stamp(_("overridden at"), _("overridden by"))

    class Meta:
        verbose_name = _("level of a unit")
        verbose_name_plural = _("levels of units")
        indexes = [path_index(name="unit_level_path_idx")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.level_id}"

    @property
    def is_overridden(self) -> bool:
        return self.override_level_id is not None


class ChangeSource(models.TextChoices):
    COMPUTED = "computed", _("Computed from the case counts")
    OVERRIDE = "override", _("Set by an officer")
    OVERRIDE_CLEARED = "override_cleared", _("Officer's level withdrawn")
    FRAMEWORK = "framework", _("Framework changed")


class LevelChange(models.Model):
    """One step of a unit's timeline: from `date` on, the unit was at `level`."""

    unit = models.ForeignKey(AdminUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(LevelFramework, verbose_name=_("framework"), on_delete=models.CASCADE)
    date = models.DateField(_("from"))
    level = models.ForeignKey(RiskLevel, verbose_name=_("level in force"), on_delete=models.PROTECT, related_name="+")
    computed_level = models.ForeignKey(
        RiskLevel, verbose_name=_("computed level"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("why"), max_length=20, choices=ChangeSource.choices)
    metrics = models.JSONField(_("figures behind the level"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    by = person(_("by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("level change")
        verbose_name_plural = _("level changes")
        ordering = ["unit", "date", "id"]
        indexes = [models.Index(fields=["unit", "date"], name="level_change_unit_date_idx")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.date}: {self.level_id}"
