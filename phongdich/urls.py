from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from accounts import views as accounts_views
from lib.routes import route
from portal import views as portal_views

from . import views
from .api import api

admin.site.site_header = _("Epidemic prevention — administration")
admin.site.site_title = _("Epidemic prevention")
admin.site.index_title = _("Administration")

# The API first: owners' submissions and the map's JSON are the busiest routes, and Django tries
# the patterns in order.
urlpatterns = [
    path("api/v1/", api.urls),
    route("", portal_views.home, name="home", access="public"),
    route("healthz", views.healthz, name="healthz", access="public"),
    route("favicon.ico", views.favicon, name="favicon", access="public"),
    route("login/", accounts_views.login_view, name="login", access="public"),
    route("logout/", accounts_views.logout_view, name="logout", access="public"),
    route("i18n/setlang/", set_language, name="set_language", access="public"),
    path("units/", include("accounts.unit_urls")),
    path("audit/", include("audit.urls")),
    *(path("", include(f"{app}.urls")) for app in settings.PRODUCT_APPS),
    path("admin/login/", accounts_views.admin_login),
    path("admin/", admin.site.urls),
]
