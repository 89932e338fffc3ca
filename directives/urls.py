from django.urls import path

from . import views

app_name = "directives"
urlpatterns = [
    path("directives/", views.directive_list, name="list"),
    path("directives/new/", views.compose, name="new"),
    path("directives/recipients/pick/", views.recipient_pick, name="recipient_pick"),
    path("directives/incoming/", views.incoming, name="incoming"),
    path("directives/incoming/<int:pk>/file", views.incoming_file, name="incoming_file"),
    path("directives/<int:pk>/", views.detail, name="detail"),
    path("directives/<int:pk>/edit/", views.compose, name="edit"),
    path("directives/<int:pk>/issue/", views.issue, name="issue"),
    path("directives/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("directives/<int:pk>/correct/", views.correct, name="correct"),
    path("directives/<int:pk>/document.docx", views.document, {"extension": "docx"}, name="docx"),
    path("directives/<int:pk>/document.pdf", views.document, {"extension": "pdf"}, name="pdf"),
    path("van-ban/", views.public_list, name="public"),
    path("van-ban/<int:pk>.pdf", views.public_pdf, name="public_pdf"),
]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "list": "signed-in",
    "new": "signed-in",
    "recipient_pick": "signed-in",
    "incoming": "changers",
    "incoming_file": "nobody",
    "detail": "nobody",
    "edit": "nobody",
    "issue": "nobody",
    "acknowledge": "nobody",
    "correct": "nobody",
    "docx": "nobody",
    "pdf": "nobody",
    "public": "public",
    "public_pdf": "nobody",
}
