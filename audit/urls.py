from lib.routes import route

from . import views

app_name = "audit"
urlpatterns = [
    route("", views.entries, name="entries", access="administrator"),
    route("users/pick/", views.actor_pick, name="actor_pick", access="administrator"),
]
