from django.urls import include, path

from lib.routes import route

from . import views

app_name = "readiness"

unit = [
    route("", views.unit_view, name="unit", access="jurisdiction"),
    route("stocks/", views.save_stocks, name="stocks", access="jurisdiction-change"),
    route("committee/", views.save_committee, name="committee", access="jurisdiction-change"),
    route("plan/", views.upload_plan, name="plan", access="jurisdiction-change"),
    route("plan/v<int:version>/", views.plan_file, name="plan_file", access="nobody"),
    route("pledge/", views.save_pledge, name="pledge", access="above-change"),
    route("lend/", views.lend, name="lend", access="jurisdiction-change"),
    route("drill/", views.record_drill, name="drill", access="jurisdiction-change"),
    route("inspect/", views.verify, name="verify", access="inspecting"),
]
urlpatterns = [
    route("readiness/", views.overview, name="overview", access="nobody"),
    route("readiness/reporting/", views.reporting, name="reporting", access="officers"),
    path("readiness/units/<str:scheme>/<str:code>/", include(unit)),
]
