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
