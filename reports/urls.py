from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("tinh-hinh/", views.situation_page, name="situation"),
]
