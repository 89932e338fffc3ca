"""The places on the officers' list, which the list page and its export are tested against."""

from typing import Any, ClassVar

from safety.models import Establishment, PublicState
from testing import SafetyTestCase, make_place


class ListedPlacesTestCase(SafetyTestCase):
    """The safety base plus a place in each jurisdiction: "Chợ Đắk Mil", a safe market in commune_a;
    "Trường Kim Đồng", an unsafe school in village_a; "Chợ Đắk Lao", a market in commune_b; and
    "Chợ Đắk Mâm", a market in the other district. The class's `market_a_fields` and
    `school_a_fields` add to or change the first two."""

    market_a: Establishment
    school_a: Establishment
    market_b: Establishment
    far: Establishment
    market_a_fields: ClassVar[dict[str, Any]] = {}
    school_a_fields: ClassVar[dict[str, Any]] = {}

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        market_a = {"state": PublicState.SAFE} | cls.market_a_fields
        school_a = {"state": PublicState.UNSAFE} | cls.school_a_fields
        cls.market_a = make_place(cls.commune_a, "Chợ Đắk Mil", "market", **market_a)
        cls.school_a = make_place(cls.village_a, "Trường Kim Đồng", "school", **school_a)
        cls.market_b = make_place(cls.commune_b, "Chợ Đắk Lao", "market")
        cls.far = make_place(cls.other_commune, "Chợ Đắk Mâm", "market")
