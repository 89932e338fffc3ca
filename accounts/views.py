from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from .actions import LoginRefused, check_credentials
from .forms import LoginForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


@never_cache
@csrf_protect
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = check_credentials(request, form.cleaned_data["username"], form.cleaned_data["password"])
        except LoginRefused as refused:
            form.add_error(None, str(refused))
            status = 429 if refused.status == 429 else 200
        else:
            login(request, user)
            return HttpResponseRedirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": _next_url(request)}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin signs in through the same throttled login page as everyone else."""
    return redirect(f"{reverse('login')}?{urlencode({'next': request.GET.get('next', '/admin/')})}")
