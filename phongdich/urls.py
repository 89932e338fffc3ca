from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from accounts import views as accounts_views
from portal import views as portal_views

from . import views
from .api import api

admin.site.site_header = _("Epidemic prevention — administration")
admin.site.site_title = _("Epidemic prevention")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("login/", accounts_views.login_view, name="login"),
    path("logout/", accounts_views.logout_view, name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("units/", include("accounts.unit_urls")),
    path("audit/", include("audit.urls")),
    path("", include("safety.urls")),
    path("", include("inspections.urls")),
    path("", include("enforcement.urls")),
    path("", include("zones.urls")),
    path("", include("directives.urls")),
    path("", include("outreach.urls")),
    path("", include("readiness.urls")),
    path("", include("portal.urls")),
    path("", include("reports.urls")),
    path("", include("events.urls")),
    path("api/v1/", api.urls),
    path("admin/login/", accounts_views.admin_login),
    path("admin/", admin.site.urls),
]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "home": "public",
    "healthz": "public",
    "login": "public",
    "logout": "public",
    "set_language": "public",
    "favicon": "public",
}
