from .views import coverage, inspections, screening

app_name = "inspections"
urlpatterns = [*coverage.urlpatterns, *inspections.urlpatterns, *screening.urlpatterns]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "coverage": "officers",
    "coverage_tree": "officers",
    "list": "officers-and-owners",
    "plan_new": "officers",
    "plan": "nobody",
    "detail": "nobody",
    "record": "nobody",
    "upload": "nobody",
    "reinspect": "nobody",
    "cancel": "nobody",
    "file": "nobody",
    "campaigns": "officers",
    "campaign_new": "changers",
    "campaign": "nobody",
}
