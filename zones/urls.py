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

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "framework": "administrator",
    "override": "jurisdiction-change",
    "clear_override": "jurisdiction-change",
    "declare": "changers",
    "scope": "changers",
    "lift": "nobody",
    "dashboard": "changers",
    "cases": "changers",
    "cases_import": "changers",
    "population": "changers",
    "population_import": "changers",
    "permits": "signed-in",
    "new_permit": "signed-in",
    "permit": "nobody",
    "approve_permit": "nobody",
    "reject_permit": "nobody",
    "revoke_permit": "nobody",
    "permit_card": "nobody",
    "levels": "public",
    "level_colours": "public",
    "unit": "public",
    "zones": "public",
    "zone": "nobody",
    "checkpoint": "public",
}
