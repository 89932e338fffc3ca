from .views import officers, public, reports

app_name = "enforcement"
urlpatterns = [*reports.urlpatterns, *public.urlpatterns, *officers.urlpatterns]
