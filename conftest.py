import pytest


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # PBKDF2 costs ~0.85 s a password on this machine; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from testing.suite_report import LINES

    if LINES:
        terminalreporter.section("what the probing suites checked")
        for line in LINES:
            terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    """Cached public pages and login counts belong to the test that made them."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese_by_default(settings):  # type: ignore[no-untyped-def]
    """Tests see the product as a visitor does: Vietnamese unless they switch."""
    settings.LANGUAGE_CODE = "vi"
