from django.urls import include, path

from lib.routes import route

from . import views

app_name = "directives"

directive = [
    route("", views.detail, name="detail", access="nobody"),
    route("edit/", views.compose, name="edit", access="nobody"),
    route("issue/", views.issue, name="issue", access="nobody"),
    route("acknowledge/", views.acknowledge, name="acknowledge", access="nobody"),
    route("correct/", views.correct, name="correct", access="nobody"),
    route("document.docx", views.document, {"extension": "docx"}, name="docx", access="nobody"),
    route("document.pdf", views.document, {"extension": "pdf"}, name="pdf", access="nobody"),
]
urlpatterns = [
    route("directives/", views.directive_list, name="list", access="signed-in"),
    route("directives/new/", views.compose, name="new", access="signed-in"),
    route("directives/recipients/pick/", views.recipient_pick, name="recipient_pick", access="signed-in"),
    route("directives/incoming/", views.incoming, name="incoming", access="changers"),
    route("directives/incoming/<int:pk>/file", views.incoming_file, name="incoming_file", access="nobody"),
    path("directives/<int:pk>/", include(directive)),
    route("van-ban/", views.public_list, name="public", access="public"),
    route("van-ban/<int:pk>.pdf", views.public_pdf, name="public_pdf", access="nobody"),
]
