from django.urls import include, path

from lib.routes import route

from . import views

app_name = "events"

site = [
    route("", views.site_detail, name="site", access="nobody"),
    route("plan/", views.submit_plan, name="plan", access="nobody"),
    route("owner/", views.set_owner, name="owner", access="nobody"),
    route("review/", views.review_plan, name="review", access="nobody"),
    route("decision/", views.decide, name="decide", access="nobody"),
    route("status/", views.report_status, name="status", access="nobody"),
    route("incidents/<int:incident_pk>/actions/", views.add_response, name="response", access="nobody"),
]
event = [
    route("", views.event_detail, name="detail", access="nobody"),
    route("sites/", views.add_site, name="add_site", access="nobody"),
    route("places/pick/", views.site_place_pick, name="site_place_pick", access="nobody"),
    route("close/", views.close_event, name="close", access="nobody"),
    route("board/", views.live_board, name="board", access="nobody"),
    route("report.xlsx", views.report_file, {"extension": "xlsx"}, name="report_xlsx", access="nobody"),
    route("report.docx", views.report_file, {"extension": "docx"}, name="report_docx", access="nobody"),
    route("report.pdf", views.report_file, {"extension": "pdf"}, name="report_pdf", access="nobody"),
]
urlpatterns = [
    route("events/", views.event_list, name="list", access="signed-in"),
    path("events/<int:pk>/", include(event)),
    path("events/<int:pk>/sites/<int:site_pk>/", include(site)),
]
