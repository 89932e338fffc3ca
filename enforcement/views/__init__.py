"""The enforcement pages, one module per audience; each lists its own urlpatterns."""
