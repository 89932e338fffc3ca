import pytest


@pytest.fixture(autouse=True)
def _vietnamese_by_default(settings):  # type: ignore[no-untyped-def]
    """Tests see the product as a visitor does: Vietnamese unless they switch."""
    settings.LANGUAGE_CODE = "vi"
