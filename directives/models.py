"""Incoming documents, outgoing directives in the format of Nghị định 30/2020/NĐ-CP, and their
delivery to the recipient organisations' inboxes."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from lib.records import Created, list_position, optional_link, stamp
from territory.models import Organisation, RecipientGroup
from territory.scoped import UnitPathField, path_index


class IncomingDocument(Created):
    """A document received from above (the Provincial People's Committee, a ministry…)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("received by"), on_delete=models.PROTECT, related_name="incoming_documents"
    )
    number = models.CharField(_("number and symbol"), max_length=60, help_text=_("e.g. 2240/UBND-KGVX"))
    issued_on = models.DateField(_("date"))
    issuer = models.CharField(_("issuer"), max_length=200, help_text=_("e.g. UBND tỉnh"))
    subject = models.CharField(_("subject"), max_length=500)
    file = models.FileField(_("file"), upload_to="directives/incoming/%Y/", blank=True)

    class Meta:
        verbose_name = _("incoming document")
        verbose_name_plural = _("incoming documents")
        ordering = ["-issued_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number", "issued_on"], name="incoming_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"

    @property
    def citation(self) -> str:
        """As a letter cites it: "Công văn số 2240/UBND-KGVX ngày 10/5/2021 của UBND tỉnh"."""
        return f"Công văn số {self.number} ngày {short_date(self.issued_on)} của {self.issuer}"


def short_date(day: date) -> str:
    """10/5/2021, as Vietnamese letters write dates inside a sentence."""
    return f"{day.day}/{day.month}/{day.year}"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class Authority(models.TextChoices):
    """How the signer signs (Nghị định 30/2020/NĐ-CP, article 13)."""

    HEAD = "", _("the head signs")
    KT = "KT.", _("KT. — a deputy on behalf of the head")
    TM = "TM.", _("TM. — on behalf of the collective")
    TL = "TL.", _("TL. — by delegation of the head")
    TUQ = "TUQ.", _("TUQ. — by authorisation")


class Frequency(models.IntegerChoices):
    ONCE = 0, _("once")
    WEEKLY = 7, _("every week")
    FORTNIGHTLY = 14, _("every two weeks")
    MONTHLY = 30, _("every month")


class Directive(Created):
    """An outgoing document (công văn) of an issuing body. Issued → immutable."""

    issuer = models.ForeignKey(
        Organisation, verbose_name=_("issuing body"), on_delete=models.PROTECT, related_name="directives"
    )
    issuer_path = UnitPathField(source="issuer.unit")
    parent_body = models.CharField(_("parent body"), max_length=200, blank=True, help_text=_("e.g. UBND TỈNH ĐẮK NÔNG"))
    issuing_body = models.CharField(
        _("issuing body as printed"), max_length=200, help_text=_("e.g. SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
    )
    symbol = models.CharField(_("symbol"), max_length=60, help_text=_("after the number, e.g. STTTT-TTBCXB"))
    archive_division = models.CharField(_("archiving division"), max_length=40, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True, editable=False)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True, editable=False)
    place = models.CharField(_("place"), max_length=80, help_text=_("e.g. Đắk Nông"))
    issued_on = models.DateField(_("date"), null=True, blank=True, editable=False)
    subject = models.CharField(_("subject (V/v)"), max_length=500)
    opening = models.TextField(_("opening"), blank=True)
    closing = models.TextField(_("closing"), blank=True)
    implements = models.ManyToManyField(
        IncomingDocument, verbose_name=_("implements"), blank=True, related_name="directives"
    )
    recipient_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("to (organisations)"), blank=True, related_name="+"
    )
    recipient_groups = models.ManyToManyField(
        RecipientGroup, verbose_name=_("to (recipient groups)"), blank=True, related_name="+"
    )
    report_due_on = models.DateField(_("first report due"), null=True, blank=True)
    report_every = models.PositiveSmallIntegerField(_("reports"), choices=Frequency.choices, default=Frequency.ONCE)
    reports_until = models.DateField(_("reports until"), null=True, blank=True)
    authority = models.CharField(_("signing authority"), max_length=5, choices=Authority.choices, blank=True)
    head_title = models.CharField(_("title of the head"), max_length=120, blank=True, help_text=_("e.g. GIÁM ĐỐC"))
    signer_title = models.CharField(_("signer's title"), max_length=120, help_text=_("e.g. PHÓ GIÁM ĐỐC"))
    signer_name = models.CharField(_("signer"), max_length=120)
    is_public = models.BooleanField(_("published on the portal"), default=False)
    corrects = optional_link("self", _("corrects"), related_name="corrections")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    issued_at, issued_by = stamp(_("issued at"), editable=False)

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "-id"]
        constraints = [
            # The second guard after the counter: a number is never given twice.
            models.UniqueConstraint(fields=["issuer", "year", "number"], name="directive_number_unique"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(number__isnull=False, issued_on__isnull=False),
                name="directive_issued_has_number",
            ),
        ]
        indexes = [
            path_index(name="directive_issuer_path_idx", path="issuer_path"),
            models.Index(fields=["is_public", "status", "issued_on"], name="directive_public_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject[:80]}"

    @property
    def reference(self) -> str:
        """ "125/STTTT-TTBCXB", or "…/STTTT-TTBCXB" while a draft has no number."""
        return f"{self.number if self.number else '…'}/{self.symbol}"

    @property
    def is_issued(self) -> bool:
        return self.status == Status.ISSUED


class ContentItem(models.Model):
    """A numbered content of the directive's body: a task the recipients report on."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("content item")
        verbose_name_plural = _("content items")
        ordering = ["directive", "number"]
        constraints = [models.UniqueConstraint(fields=["directive", "number"], name="content_item_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class CopyPurpose(models.TextChoices):
    INFORMATION = "", _("for information")
    REPORT = "b/c", _("for report (b/c)")
    COORDINATION = "phối hợp", _("for coordination")


class CopyRecipient(models.Model):
    """A line of "Nơi nhận" besides "Như trên" and the archive: "UBND tỉnh (b/c)", "Sở Y tế (phối hợp)"."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="copies")
    position = list_position()
    name = models.CharField(_("name"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=10, choices=CopyPurpose.choices, blank=True)

    class Meta:
        verbose_name = _("copy recipient")
        verbose_name_plural = _("copy recipients")
        ordering = ["directive", "position"]

    def __str__(self) -> str:
        return f"{self.name} ({self.purpose})" if self.purpose else self.name


class NumberCounter(models.Model):
    """The last number an issuer gave in a year; issuing locks this row, so no number is taken twice."""

    issuer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("number counter")
        verbose_name_plural = _("number counters")
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="number_counter_unique")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year}: {self.last_number}"


class Delivery(models.Model):
    """An issued directive in one recipient organisation's inbox, and how far it got there."""

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="deliveries")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="deliveries")
    organisation_path = UnitPathField(source="organisation.unit")
    delivered_at = models.DateTimeField(_("received"))
    emailed_to = models.CharField(_("emailed to"), max_length=254, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    acknowledged_at, acknowledged_by = stamp(_("acknowledged"))
    first_reported_at = models.DateTimeField(_("first report"), null=True, blank=True)
    last_reported_at = models.DateTimeField(_("last report"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["directive", "organisation__kind", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["directive", "organisation"], name="delivery_unique")]
        indexes = [
            models.Index(fields=["organisation", "directive"], name="delivery_inbox_idx"),
            path_index(name="delivery_org_path_idx", path="organisation_path"),
        ]

    def __str__(self) -> str:
        return f"{self.directive.reference} → {self.organisation}"


class Reminder(models.Model):
    """A reminder sent to a recipient before a report deadline; one per deadline, never twice."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField(_("report due"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["delivery", "due_on"], name="reminder_once_per_deadline")]

    def __str__(self) -> str:
        return f"{self.delivery} ({self.due_on})"
