from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/<int:pk>/", views.event_detail, name="detail"),
    path("events/<int:pk>/sites/", views.add_site, name="add_site"),
    path("events/<int:pk>/places/pick/", views.site_place_pick, name="site_place_pick"),
    path("events/<int:pk>/close/", views.close_event, name="close"),
    path("events/<int:pk>/board/", views.live_board, name="board"),
    path("events/<int:pk>/report.xlsx", views.report_file, {"extension": "xlsx"}, name="report_xlsx"),
    path("events/<int:pk>/report.docx", views.report_file, {"extension": "docx"}, name="report_docx"),
    path("events/<int:pk>/report.pdf", views.report_file, {"extension": "pdf"}, name="report_pdf"),
    path("events/<int:pk>/sites/<int:site_pk>/", views.site_detail, name="site"),
    path("events/<int:pk>/sites/<int:site_pk>/plan/", views.submit_plan, name="plan"),
    path("events/<int:pk>/sites/<int:site_pk>/owner/", views.set_owner, name="owner"),
    path("events/<int:pk>/sites/<int:site_pk>/review/", views.review_plan, name="review"),
    path("events/<int:pk>/sites/<int:site_pk>/decision/", views.decide, name="decide"),
    path("events/<int:pk>/sites/<int:site_pk>/status/", views.report_status, name="status"),
    path(
        "events/<int:pk>/sites/<int:site_pk>/incidents/<int:incident_pk>/actions/",
        views.add_response,
        name="response",
    ),
]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "list": "signed-in",
    "detail": "nobody",
    "add_site": "nobody",
    "site_place_pick": "nobody",
    "close": "nobody",
    "board": "nobody",
    "report_xlsx": "nobody",
    "site": "nobody",
    "plan": "nobody",
    "owner": "nobody",
    "review": "nobody",
    "decide": "nobody",
    "status": "nobody",
    "response": "nobody",
    "report_docx": "nobody",
    "report_pdf": "nobody",
}
