from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.records import ListEntry, SearchNameField, coordinates, demo_flag, list_position, optional_link


class Scheme(models.TextChoices):
    LEGACY = "legacy", _("Before 1 July 2025 (province, district, commune)")
    Y2025 = "2025", _("From 1 July 2025 (province, commune)")


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    VILLAGE = "village", _("Village")


LEVEL_ORDER = [Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.VILLAGE]

# Official type names of villages and residential groups (thôn, buôn, bon, tổ dân phố…).
VILLAGE_TYPES = ["Thôn", "Buôn", "Bon", "Bản", "Ấp", "Xóm", "Tổ dân phố", "Khu phố", "Khối", "Khóm", "Tổ"]


class AdminUnit(models.Model):
    """A unit of the administrative tree in one scheme; `path` makes subtree queries one indexed
    `path__under` (lib/paths.py)."""

    scheme = models.CharField(_("scheme"), max_length=8, choices=Scheme.choices)
    code = models.CharField(_("code"), max_length=20, help_text=_("GSO code; unique within a scheme"))
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    type_name = models.CharField(_("type"), max_length=40, help_text=_("Tỉnh, Huyện, Xã, Phường, Thôn, Buôn…"))
    name = models.CharField(_("name"), max_length=150)
    short_name = models.CharField(_("short name"), max_length=120)
    parent = optional_link("self", _("parent"), related_name="children")
    path = models.CharField(_("path"), max_length=255, editable=False)
    search_name = SearchNameField(max_length=255)
    latitude, longitude = coordinates(null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_demo = demo_flag()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="unit_code_unique_in_scheme"),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, level="province") | Q(parent__isnull=False) & ~Q(level="province"),
                name="unit_parent_matches_level",
            ),
        ]
        indexes = [
            models.Index(fields=["path"], name="unit_path_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["scheme", "level"], name="unit_scheme_level_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.path = self.build_path()
        super().save(*args, **kwargs)

    def build_path(self) -> str:
        prefix = self.parent.path if self.parent else f"{self.scheme}/"
        return f"{prefix}{self.code}/"

    @property
    def depth(self) -> int:
        return LEVEL_ORDER.index(Level(self.level))

    def ancestors(self) -> "models.QuerySet[AdminUnit]":
        parts = self.path.strip("/").split("/")
        prefixes = ["/".join(parts[: i + 1]) + "/" for i in range(1, len(parts) - 1)]
        return AdminUnit.objects.filter(path__in=prefixes).order_by("path")

    def descendants(self) -> "models.QuerySet[AdminUnit]":
        return AdminUnit.objects.filter(path__under=self.path).exclude(pk=self.pk)

    def is_within(self, other: "AdminUnit") -> bool:
        return self.path.startswith(other.path)

    @property
    def running_name(self) -> str:
        """The name as written inside a sentence: "huyện Đắk Mil", "xã Đức Mạnh"."""
        return f"{self.type_name[:1].lower()}{self.type_name[1:]} {self.short_name}"


class UnitSuccession(models.Model):
    """Which 2025 commune a legacy commune became part of (a commune split in parts has several)."""

    predecessor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="predecessions")
    is_main = models.BooleanField(_("main successor"), default=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class OrganisationKind(models.TextChoices):
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Provincial People's Committee")
    PARTY_COMMITTEE = "party_committee", _("Party committee and its boards")
    DEPARTMENT = "department", _("Provincial department or agency")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    PRESS = "press", _("Press agency")
    DISTRICT_COMMITTEE = "district_committee", _("District People's Committee")
    DISTRICT_CULTURE_OFFICE = "district_culture_office", _("District Culture and Information Office")
    DISTRICT_CULTURE_CENTRE = "district_culture_centre", _("District Culture, Sports and Broadcasting Centre")
    COMMUNE_COMMITTEE = "commune_committee", _("Commune People's Committee")


class Organisation(models.Model):
    """An agency that receives directives and reports back (press, departments, People's Committees…)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("home unit"), on_delete=models.PROTECT, related_name="organisations"
    )
    email = models.EmailField(_("email"), blank=True)
    search_name = SearchNameField(max_length=255, source=("name", "short_name"))
    is_demo = demo_flag()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class RecipientGroup(ListEntry):
    """A named line of a directive's "Kính gửi" list, e.g. "UBND các xã, phường, thị trấn"."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        AdminUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="recipient_groups"
    )
    members = models.ManyToManyField(Organisation, verbose_name=_("members"), related_name="groups", blank=True)
    position = list_position()

    class Meta(ListEntry.Meta):
        verbose_name = _("recipient group")
        verbose_name_plural = _("recipient groups")
        ordering = ["position", "name"]
