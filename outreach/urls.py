from django.urls import include, path

from lib.routes import route

from . import views

app_name = "outreach"

directive = [
    route("", views.directive_view, name="directive", access="nobody"),
    route("report/", views.report, name="report", access="nobody"),
    route("import/", views.import_file, name="import", access="nobody"),
    route("summary.docx", views.summary_file, {"extension": "docx"}, name="summary_docx", access="nobody"),
    route("summary.pdf", views.summary_file, {"extension": "pdf"}, name="summary_pdf", access="nobody"),
    route("summary.xlsx", views.summary_file, {"extension": "xlsx"}, name="summary_xlsx", access="nobody"),
]
urlpatterns = [
    path("outreach/directives/<int:pk>/", include(directive)),
    route("outreach/import-template.xlsx", views.import_template, name="import_template", access="signed-in"),
    route("outreach/activities/", views.activities, name="activities", access="officers"),
    route("outreach/coverage/", views.coverage, name="coverage", access="officers"),
]
