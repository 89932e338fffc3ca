from .views import officers, public, reports

app_name = "enforcement"
urlpatterns = [*reports.urlpatterns, *public.urlpatterns, *officers.urlpatterns]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "report": "officers",
    "report_xlsx": "officers",
    "public_list": "public",
    "public_detail": "nobody",
    "feed_rss": "public",
    "feed_atom": "public",
    "list": "officers",
    "new": "officers",
    "detail": "nobody",
    "edit": "nobody",
    "decide": "nobody",
    "publish": "nobody",
    "withdraw": "nobody",
    "evidence": "nobody",
    "evidence_file": "nobody",
}
