from django.urls import path, register_converter

from . import views

app_name = "portal"


class TrackingCode:
    regex = "[A-Za-z0-9]{6,12}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


register_converter(TrackingCode, "tracking")

urlpatterns = [
    path("phan-anh/", views.public_list, name="public_list"),
    path("phan-anh/gui/", views.report_new, name="new"),
    path("phan-anh/xu-ly/", views.queue, name="queue"),
    path("phan-anh/xu-ly/<int:pk>/", views.report_detail, name="detail"),
    path("phan-anh/xu-ly/<int:pk>/<str:action>/", views.report_act, name="act"),
    path("phan-anh/xu-ly/anh/<int:pk>/", views.photo, name="photo"),
    path("phan-anh/<tracking:code>/", views.report_status, name="status"),
]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "public_list": "public",
    "new": "public",
    "queue": "officers",
    "detail": "nobody",
    "act": "nobody",
    "photo": "nobody",
    "status": "nobody",
}
