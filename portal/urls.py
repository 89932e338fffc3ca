from django.urls import register_converter

from lib.routes import route

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
    route("phan-anh/", views.public_list, name="public_list", access="public"),
    route("phan-anh/gui/", views.report_new, name="new", access="public"),
    route("phan-anh/xu-ly/", views.queue, name="queue", access="officers"),
    route("phan-anh/xu-ly/<int:pk>/", views.report_detail, name="detail", access="nobody"),
    route("phan-anh/xu-ly/<int:pk>/<str:action>/", views.report_act, name="act", access="nobody"),
    route("phan-anh/xu-ly/anh/<int:pk>/", views.photo, name="photo", access="nobody"),
    route("phan-anh/<tracking:code>/", views.report_status, name="status", access="nobody"),
]
