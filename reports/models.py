from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.records import demo_flag, period, period_ordered
from territory.models import AdminUnit, Level
from territory.scoped import UnitScoped, path_index

COUNTRY_CODE = "VN"


class Country(AdminUnit):
    """The whole country in one scheme, shown as a unit above its provinces: every unit's path
    starts with the scheme's ("legacy/"), so "under the country" is one prefix like any other. It
    is never saved; a national administrator's situation view reads its figures."""

    class Meta:
        proxy = True

    @classmethod
    def of(cls, scheme: str) -> "Country":
        return cls(scheme=scheme, code=COUNTRY_CODE, level="", type_name="", name=str(_("Whole country")),
                   short_name=str(_("Whole country")), path=f"{scheme}/")  # fmt: skip

    @property
    def children(self) -> "models.QuerySet[AdminUnit]":  # type: ignore[override]
        return AdminUnit.objects.filter(scheme=self.scheme, level=Level.PROVINCE)

    @property
    def depth(self) -> int:
        return -1

    def ancestors(self) -> "models.QuerySet[AdminUnit]":
        return AdminUnit.objects.none()

    @property
    def running_name(self) -> str:
        return str(_("the whole country"))


class ReportKind(models.TextChoices):
    WEEKLY = "weekly", _("Weekly report")


class IssuedReport(UnitScoped):
    """A report to the People's Committee as issued: its figures are a snapshot taken when it was
    issued, so its DOCX, PDF and XLSX read the same whatever changes afterwards."""

    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices, default=ReportKind.WEEKLY)
    period_start, period_end = period()
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=40)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for a report issued on schedule."),
    )
    issued_at = models.DateTimeField(_("issued at"))
    figures = models.JSONField(_("figures"), encoder=DjangoJSONEncoder)
    is_demo = demo_flag()

    class Meta:
        verbose_name = _("issued report")
        verbose_name_plural = _("issued reports")
        ordering = ["-period_end", "unit_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "period_start", "period_end"], name="issued_report_once_per_period"
            ),
            period_ordered("report_period"),
        ]
        indexes = [path_index("period_end", name="issued_report_path_idx")]

    def __str__(self) -> str:
        return f"{self.reference} — {self.unit}"

    @property
    def reference(self) -> str:
        """The number and symbol as written after "Số:", e.g. "3/BC-BCĐ"."""
        return f"{self.number}/{self.symbol}"
