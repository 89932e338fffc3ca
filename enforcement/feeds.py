"""RSS and Atom feeds of published violations for the press; ?unit= and ?type= narrow them.

They carry plain text: feed readers render an RSS description and an Atom summary of type
"html" as HTML, so what officers typed is escaped there and Atom says its summary is text."""

from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Violation
from .queries import Filters, apply_filters, parse_filters, published_violations

FEED_SIZE = 50


def _amount(value: int | None) -> str:
    return f"{value:,}".replace(",", ".") if value is not None else ""


class ViolationsFeed(Feed):
    title = gettext_lazy("Published violations of the epidemic-prevention rules")
    description = gettext_lazy("Violations decided and disclosed, state officials included.")

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> Filters:  # type: ignore[override]
        try:
            return parse_filters(request.GET.get("unit"), request.GET.get("type"), request.GET.get("period"))
        except ValidationError as invalid:
            raise Http404(" ".join(invalid.messages)) from invalid

    def link(self) -> str:
        return reverse("enforcement:public_list")

    def items(self, filters: Filters) -> list[Violation]:
        found = apply_filters(published_violations(), filters)
        return list(found.select_related("type", "unit", "unit__parent").order_by("-published_at", "-pk")[:FEED_SIZE])

    def item_title(self, item: Violation) -> str:
        return f"{item.offender_name} — {item.type.name}"

    def item_text(self, item: Violation) -> str:
        parts = []
        if item.is_official:
            parts.append(
                _("State official: %(position)s, %(agency)s.") % {"position": item.position, "agency": item.agency}
            )
        parts.append(item.act)
        parts.append(
            _("Decision %(number)s of %(date)s (%(basis)s).")
            % {"number": item.decision_number, "date": f"{item.decision_date:%d/%m/%Y}", "basis": item.type.legal_basis}
        )
        if item.fine_amount is not None:
            parts.append(_("Fine: %(amount)s đồng.") % {"amount": _amount(item.fine_amount)})
        elif item.fine_reason:
            parts.append(item.fine_reason)
        parts.append(f"{item.unit.name}{', ' + item.unit.parent.name if item.unit.parent else ''}")
        return " ".join(parts)

    def item_description(self, item: Violation) -> str:
        return escape(self.item_text(item))

    def item_link(self, item: Violation) -> str:
        return reverse("enforcement:public_detail", kwargs={"pk": item.pk})

    def item_pubdate(self, item: Violation):  # type: ignore[no-untyped-def]
        return item.published_at

    def item_updateddate(self, item: Violation):  # type: ignore[no-untyped-def]
        return item.published_at


class TextAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are plain text (`type="text"`), not HTML."""

    def add_item_elements(self, handler, item):  # type: ignore[no-untyped-def]
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


class ViolationsAtomFeed(ViolationsFeed):
    feed_type: type[SyndicationFeed] = TextAtom1Feed
    subtitle = ViolationsFeed.description

    def item_description(self, item: Violation) -> str:
        return self.item_text(item)
