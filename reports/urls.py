from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("tinh-hinh/", views.situation_page, name="situation"),
    path("tinh-hinh/bao-cao-tuan/", views.weekly_page, name="weekly"),
    path("tinh-hinh/bao-cao-tuan/<int:pk>.<str:extension>", views.weekly_download, name="weekly_download"),
]

# Who may use each route (rules in testing/access.py); the authorization matrix test
# probes every route with every role and fails on a route missing here.
ACCESS = {
    "situation": "officers",
    "weekly": "officers",
    "weekly_download": "nobody",
}
