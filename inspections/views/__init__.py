"""The inspection pages, one module per subject; each lists its own urlpatterns."""
