from django.urls import path

from . import views

app_name = "outreach"
urlpatterns = [
    path("outreach/directives/<int:pk>/report/", views.report, name="report"),
    path("outreach/directives/<int:pk>/import/", views.import_file, name="import"),
    path("outreach/directives/<int:pk>/", views.directive_view, name="directive"),
    path("outreach/directives/<int:pk>/summary.docx", views.summary_file, {"extension": "docx"}, name="summary_docx"),
    path("outreach/directives/<int:pk>/summary.pdf", views.summary_file, {"extension": "pdf"}, name="summary_pdf"),
    path("outreach/directives/<int:pk>/summary.xlsx", views.summary_file, {"extension": "xlsx"}, name="summary_xlsx"),
    path("outreach/import-template.xlsx", views.import_template, name="import_template"),
    path("outreach/activities/", views.activities, name="activities"),
    path("outreach/coverage/", views.coverage, name="coverage"),
]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "report": "nobody",
    "import": "nobody",
    "directive": "nobody",
    "summary_docx": "nobody",
    "summary_pdf": "nobody",
    "summary_xlsx": "nobody",
    "import_template": "signed-in",
    "activities": "officers",
    "coverage": "officers",
}
