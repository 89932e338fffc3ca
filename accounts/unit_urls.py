from django.urls import path

from . import unit_views as views

app_name = "units"
urlpatterns = [
    path("search/", views.unit_search, name="search"),
    path("pick/", views.unit_pick, name="pick"),
    path("villages/import/", views.village_import, name="village_import"),
    path("villages/template.csv", views.village_template, name="village_template"),
    path("<str:scheme>/<str:code>/", views.unit_page, name="unit"),
]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "search": "signed-in",
    "pick": "public",
    "village_import": "administrator",
    "village_template": "signed-in",
    "unit": "jurisdiction",
}
