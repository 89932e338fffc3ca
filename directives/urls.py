from django.urls import URLPattern

app_name = "directives"
urlpatterns: list[URLPattern] = []
