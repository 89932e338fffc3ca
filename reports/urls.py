from lib.routes import route

from . import views

app_name = "reports"

urlpatterns = [
    route("tinh-hinh/", views.situation_page, name="situation", access="officers"),
    route("tinh-hinh/bao-cao-tuan/", views.weekly_page, name="weekly", access="officers"),
    route(
        "tinh-hinh/bao-cao-tuan/<int:pk>.<str:extension>",
        views.weekly_download,
        name="weekly_download",
        access="nobody",
    ),
]
