from .views import assessments, criteria, dashboard, imports, places, public

app_name = "safety"
urlpatterns = [
    *criteria.urlpatterns,
    *places.urlpatterns,
    *imports.urlpatterns,
    *assessments.urlpatterns,
    *dashboard.urlpatterns,
    *public.urlpatterns,
]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "criteria_list": "administrator",
    "criteria_detail": "nobody",
    "criteria_import": "nobody",
    "criteria_template": "nobody",
    "places": "officers-and-owners",
    "places_export": "officers",
    "my_places": "signed-in",
    "place_new": "changers-and-owners",
    "places_pending": "changers",
    "place_pick": "signed-in",
    "place": "place",
    "place_edit": "place-change",
    "place_accept": "jurisdiction-change",
    "place_reject": "jurisdiction-change",
    "places_import": "changers",
    "places_import_template": "changers",
    "places_import_job": "nobody",
    "places_import_check": "nobody",
    "places_import_run": "nobody",
    "places_import_status": "nobody",
    "assess": "place-change",
    "assess_preview": "place-change",
    "history": "place",
    "assessment": "nobody",
    "dashboard": "officers",
    "overdue": "officers",
    "overdue_export": "officers",
    "map": "public",
    "summary": "public",
    "public_place": "public",
    "poster": "place",
}
