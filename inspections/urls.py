from .views import coverage, inspections, screening

app_name = "inspections"
urlpatterns = [*coverage.urlpatterns, *inspections.urlpatterns, *screening.urlpatterns]
