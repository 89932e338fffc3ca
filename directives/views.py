"""Pages of directives: inbox and sent box, composing, the letter with its recipients' progress,
issuing, acknowledging, corrections, the DOCX/PDF, incoming documents and the public list."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import jurisdiction
from accounts.http import request_user
from lib.forms import submit
from lib.picker import PICK_LIMIT, pick_results, search_text

from . import access, actions, official, schedule
from .forms import DirectiveForm, IncomingForm
from .models import Delivery, Directive, Status
from .queries import recipient_rows

T = TypeVar("T")

PAGE_SIZE = 50


def _visible(request: HttpRequest, pk: int) -> Directive:
    directive = access.visible_directives(request.user).select_related("issuer", "corrects").filter(pk=pk).first()
    if directive is None:
        raise Http404(_("No such directive."))
    return directive


@login_required
def directive_list(request: HttpRequest) -> HttpResponse:
    box = request.GET.get("box", "received")
    if box == "sent":
        directives = access.issuer_side(request.user)
    else:
        box = "received"
        received = access.seen_deliveries(request.user).values("directive_id")
        directives = Directive.objects.filter(status=Status.ISSUED, pk__in=received)
    page = Paginator(directives.select_related("issuer").order_by("-issued_on", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    own = {
        d.directive_id: d
        for d in access.own_deliveries(request.user).filter(directive__in=[d.pk for d in page.object_list])
    }
    rows = [(d, own.get(d.pk)) for d in page.object_list]
    can_write = access.issuing_organisations(request.user).exists()
    return render(request, "directives/list.html", {"box": box, "page": page, "rows": rows, "can_write": can_write})


@login_required
@require_GET
def recipient_pick(request: HttpRequest) -> HttpResponse:
    """The recipient picker's matches (JSON): recipient groups with their members, organisations
    (organisations alone with `single=1`, where one agency is picked)."""
    single = request.GET.get("single") == "1"
    return pick_results(access.find_recipients(request.user, search_text(request), PICK_LIMIT, single))


@login_required
def compose(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    directive = _visible(request, pk) if pk else None
    if directive is not None:
        if directive.is_issued:
            messages.error(request, _("An issued directive cannot be changed; write a correction instead."))
            return redirect("directives:detail", pk=directive.pk)
        if not access.can_act_for(request.user, directive.issuer):
            raise PermissionDenied
    initial = DirectiveForm.initial_from(directive) if directive else {}
    form = DirectiveForm(request.POST or None, user=request.user, initial=initial)
    sent = submit(
        request,
        form,
        lambda data: actions.save_draft(form.draft_data(), by=request_user(request), directive=directive),
        _("Draft saved."),
        name_unknown=False,
    )
    if sent.done:
        return redirect("directives:detail", pk=sent.result.pk)
    return render(request, "directives/compose.html", {"form": form, "directive": directive}, status=sent.status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    directive = _visible(request, pk)
    actions.mark_opened(directive, request_user(request))
    issuer_side = access.is_issuer_side(request.user, directive)
    own_deliveries = access.acting_deliveries(request.user)
    deliveries = Delivery.objects.all() if issuer_side else access.seen_deliveries(request.user)
    rows = recipient_rows(directive, deliveries) if directive.is_issued else []
    own = list(
        access.own_deliveries(request.user)
        .filter(directive=directive, acknowledged_at__isnull=True)
        .select_related("organisation")[:50]
    )
    context = {
        "directive": directive,
        "document": official.build(directive),
        "issuer_side": issuer_side,
        "can_change": issuer_side and access.can_act_for(request.user, directive.issuer),
        "can_report": directive.is_issued and own_deliveries.filter(directive=directive).exists(),
        "rows": rows,
        "late": sum(1 for r in rows if r.is_late),
        "to_acknowledge": own,
        "deadlines": schedule.deadlines(directive)[:24],
        "corrections": directive.corrections.filter(
            Q(status=Status.ISSUED) | Q(pk__in=access.issuer_side(request.user).values("pk"))
        ),
    }
    return render(request, "directives/detail.html", context)


def _attempt(request: HttpRequest, action: Callable[[], T]) -> T | None:
    """The action's result, or None with its refusal shown as messages on the next page."""
    try:
        return action()
    except actions.DirectiveLocked:
        messages.error(request, _("The directive is already issued."))
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    return None


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    directive = _visible(request, pk)
    issued = _attempt(request, lambda: actions.issue_directive(directive, by=request_user(request)))
    if issued is not None:
        messages.success(request, _("Issued as %(reference)s and delivered.") % {"reference": issued.reference})
    return redirect("directives:detail", pk=directive.pk)


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    directive = _visible(request, pk)
    organisation = request.POST.get("organisation") or None
    delivery = _attempt(
        request, lambda: actions.acknowledge(directive, by=request_user(request), organisation=organisation)
    )
    if delivery is not None:
        messages.success(request, _("Acknowledged for %(organisation)s.") % {"organisation": delivery.organisation})
    return redirect("directives:detail", pk=directive.pk)


@login_required
@require_POST
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    directive = _visible(request, pk)
    correction = _attempt(request, lambda: actions.start_correction(directive, by=request_user(request)))
    if correction is None:
        return redirect("directives:detail", pk=directive.pk)
    return redirect("directives:edit", pk=correction.pk)


@login_required
def document(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    directive = _visible(request, pk)
    actions.mark_opened(directive, request_user(request))
    content = official.render(official.build(directive), extension)
    return official.download(content, extension, official.file_name(directive, extension))


@login_required
def incoming(request: HttpRequest) -> HttpResponse:
    jurisdiction.require(access.may_record_incoming(request.user))
    form = IncomingForm(request.POST or None, request.FILES or None, user=request.user)

    def record(data: dict[str, Any]) -> None:
        actions.record_incoming(
            by=request_user(request),
            organisation=data["organisation"],
            number=data["number"],
            issued_on=data["issued_on"],
            issuer=data["issuer"],
            subject=data["subject"],
            file=data["file"],
        )

    sent = submit(request, form, record, _("Incoming document recorded."), name_unknown=False)
    if sent.done:
        return redirect("directives:incoming")
    documents = access.visible_incoming(request.user).select_related("organisation")[:200]
    return render(request, "directives/incoming.html", {"form": form, "documents": documents}, status=sent.status)


@login_required
def incoming_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    document = get_object_or_404(access.visible_incoming(request.user), pk=pk)
    if not document.file:
        raise Http404
    name = (document.file.name or "").rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


def public_list(request: HttpRequest) -> HttpResponse:
    published = Directive.objects.filter(status=Status.ISSUED, is_public=True).select_related("issuer")
    page = Paginator(published.order_by("-issued_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "directives/public.html", {"page": page})


def public_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    directive = get_object_or_404(Directive, pk=pk, status=Status.ISSUED, is_public=True)
    return official.download(
        official.render(official.build(directive), "pdf"), "pdf", official.file_name(directive, "pdf")
    )
