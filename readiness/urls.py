from django.urls import path

from . import views

app_name = "readiness"
urlpatterns = [
    path("readiness/", views.overview, name="overview"),
    path("readiness/reporting/", views.reporting, name="reporting"),
    path("readiness/units/<str:scheme>/<str:code>/", views.unit_view, name="unit"),
    path("readiness/units/<str:scheme>/<str:code>/stocks/", views.save_stocks, name="stocks"),
    path("readiness/units/<str:scheme>/<str:code>/committee/", views.save_committee, name="committee"),
    path("readiness/units/<str:scheme>/<str:code>/plan/", views.upload_plan, name="plan"),
    path("readiness/units/<str:scheme>/<str:code>/plan/v<int:version>/", views.plan_file, name="plan_file"),
    path("readiness/units/<str:scheme>/<str:code>/pledge/", views.save_pledge, name="pledge"),
    path("readiness/units/<str:scheme>/<str:code>/lend/", views.lend, name="lend"),
    path("readiness/units/<str:scheme>/<str:code>/drill/", views.record_drill, name="drill"),
    path("readiness/units/<str:scheme>/<str:code>/inspect/", views.verify, name="verify"),
]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "overview": "nobody",
    "reporting": "officers",
    "unit": "jurisdiction",
    "stocks": "jurisdiction-change",
    "committee": "jurisdiction-change",
    "plan": "jurisdiction-change",
    "plan_file": "nobody",
    "pledge": "jurisdiction",
    "lend": "jurisdiction",
    "drill": "jurisdiction-change",
    "verify": "inspecting",
}
