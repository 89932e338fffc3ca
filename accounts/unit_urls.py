from lib.routes import route

from . import unit_views as views

app_name = "units"
urlpatterns = [
    route("search/", views.unit_search, name="search", access="signed-in"),
    route("pick/", views.unit_pick, name="pick", access="public"),
    route("villages/import/", views.village_import, name="village_import", access="administrator"),
    route("villages/template.csv", views.village_template, name="village_template", access="signed-in"),
    route("<str:scheme>/<str:code>/", views.unit_page, name="unit", access="jurisdiction"),
]
