"""The unit picker in a real phone-sized browser: a district officer records a violation, types
"dak mil" without accents in the place field, picks the district from the list with a click and
with the keyboard, and the violation is recorded there."""

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import Role, User
from enforcement.models import Violation
from enforcement.types import load_violation_types
from territory.loader import load_units
from territory.models import AdminUnit, Scheme
from testing import make_user
from testing.browser import BROWSER_TEST, page_fixture

SCREENSHOT = Path("/tmp/unit-picker-390.png")  # noqa: S108 - a fixed place to look at after a run

pytestmark = BROWSER_TEST


@pytest.fixture
def district_officer(live_server: Any) -> User:
    cache.clear()
    load_units(Scheme.LEGACY, ["67"])
    load_violation_types()
    return make_user("district", Role.OFFICER, AdminUnit.objects.get(scheme=Scheme.LEGACY, code="663"))


page = page_fixture(390, 844)


def signed_in(page: Any, live_server: Any, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_a_district_officer_types_dak_mil_and_picks_the_district(
    live_server: Any, district_officer: User, page: Any
) -> None:
    signed_in(page, live_server, district_officer)
    page.goto(f"{live_server.url}/enforcement/new/")
    box = page.locator("#id_unit")
    assert box.get_attribute("role") == "combobox"
    box.click()
    box.type("dak mil", delay=30)
    options = page.locator("#id_unit-list [role=option]")
    options.first.wait_for()
    labels = options.all_inner_texts()
    assert labels[0] == "Huyện Đắk Mil — tỉnh Đắk Nông (663)"
    assert all("Đắk Mil" in label for label in labels)
    assert box.get_attribute("aria-expanded") == "true"
    height = options.first.bounding_box()["height"]
    assert height >= 44, height
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width

    options.first.click()
    assert box.input_value() == "Huyện Đắk Mil — tỉnh Đắk Nông (663)"
    assert page.locator("#id_unit-list").is_hidden()

    # The keyboard too: down to the second match, Enter picks it without sending the form.
    box.fill("")
    box.type("dak mil", delay=30)
    options.first.wait_for()
    second = options.nth(1).inner_text()
    box.press("ArrowDown")
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "id_unit-list-1"
    box.press("Enter")
    assert box.input_value() == second
    assert page.url.endswith("/enforcement/new/")

    box.fill("")
    box.type("dak mil", delay=30)
    options.first.wait_for()
    options.first.click()
    page.check("input[name=offender_kind][value=person]")
    page.fill("input[name=offender_name]", "Trần Văn Bảy")
    page.select_option("select[name=type]", index=1)
    page.fill("textarea[name=act]", "Không đeo khẩu trang nơi công cộng")
    page.fill("input[name=occurred_on]", "2021-05-20")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    violation = Violation.objects.get()
    assert violation.unit.code == "663"
