from .views import cases, levels, permits, public, zones

app_name = "zones"
# Specific paths before the public ones they could be mistaken for (levels/framework/, zones/new/).
urlpatterns = [
    *levels.urlpatterns,
    *zones.urlpatterns,
    *cases.urlpatterns,
    *permits.urlpatterns,
    *public.urlpatterns,
]
