import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lib.records import SearchNameField, optional_link
from territory.models import AdminUnit, Organisation


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    search_name = SearchNameField(max_length=320, blank=True, source=("full_name", "username"))

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        fields = kwargs.get("update_fields")
        if fields is not None and {"full_name", "username"} & set(fields):
            kwargs["update_fields"] = {*fields, "search_name"}
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Provincial administrator")
    OFFICER = "officer", _("Officer")
    INSPECTOR = "inspector", _("Inspector")
    COMMUNICATOR = "communicator", _("Communication officer")
    OWNER = "owner", _("Owner of places")


# A tuple, not a set: its order is written into a migration and must not change between runs.
UNIT_ROLES = (Role.INSPECTOR, Role.ADMINISTRATOR, Role.OFFICER)


class RoleAssignment(models.Model):
    """One role of a user, scoped to a unit's subtree or to an organisation."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    unit = optional_link(AdminUnit, _("unit"), related_name="role_assignments")
    organisation = optional_link(Organisation, _("organisation"), related_name="role_assignments")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit", "organisation"], name="role_assignment_unique"),
            models.CheckConstraint(
                condition=~Q(role__in=[r.value for r in UNIT_ROLES]) | Q(unit__isnull=False),
                name="role_unit_required",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.COMMUNICATOR) | Q(organisation__isnull=False),
                name="role_organisation_required",
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit or self.organisation
        return f"{self.get_role_display()} — {scope}" if scope else str(self.get_role_display())


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API; only its hash is stored."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)
