"""Bus stations have no official criteria set at hand (DOMAIN §3 lists none for passenger
stations), so they are not rated rather than scored on the workplaces' set (QĐ 2194, a
checklist of workshops and workers): the owner is told why, an inspector cannot score one, and
the public page says there is no official set yet."""

from importlib import import_module

from django.apps import apps
from django.core.exceptions import ValidationError

from inspections.checklists import criteria_set_for
from safety.actions.criteria import load_criteria_sets
from safety.models import Assessment, EstablishmentType
from safety.types import load_establishment_types
from testing import JurisdictionTestCase, make_place

FACTORY_SET = "qd-2194-co-so-san-xuat-kinh-doanh"
NO_SET = "có bộ tiêu chí chính thức"


class BusStationTests(JurisdictionTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_establishment_types()
        load_criteria_sets()

    def setUp(self) -> None:
        super().setUp()
        self.station = make_place(self.commune_a, "Bến xe Đắk Mil", "bus_station", owners=[self.owner])

    def test_bus_stations_use_no_set_and_factories_keep_theirs(self) -> None:
        self.assertEqual(EstablishmentType.objects.get(code="bus_station").criteria_set_code, "")
        self.assertEqual(EstablishmentType.objects.get(code="factory").criteria_set_code, FACTORY_SET)

    def test_the_owner_is_told_why_and_a_post_writes_nothing(self) -> None:
        self.client.force_login(self.owner)
        url = f"/places/{self.station.pk}/assess/"
        page = self.client.get(url)
        self.assertContains(page, NO_SET, status_code=409)
        self.assertContains(page, "Bến xe", status_code=409)
        self.assertEqual(self.client.post(url, {"item-CS1": "1"}).status_code, 409)
        self.assertFalse(Assessment.objects.exists())

    def test_an_inspector_cannot_score_it_on_another_sectors_set(self) -> None:
        with self.assertRaises(ValidationError) as refused:
            criteria_set_for(self.station)
        self.assertIn(NO_SET, " ".join(refused.exception.message_dict["criteria_set"]).lower())

    def test_the_public_page_says_there_is_no_official_set(self) -> None:
        page = self.client.get(f"/p/{self.station.public_code}")
        self.assertContains(page, 'data-testid="no-criteria-set"')
        self.assertNotContains(page, 'data-testid="never-assessed"')
        self.assertNotContains(page, "tự đánh giá theo tiêu chí của ngành")  # bus stations have none to assess against
        market = make_place(self.commune_a, "Chợ Đắk Mil")
        self.assertNotContains(self.client.get(f"/p/{market.public_code}"), 'data-testid="no-criteria-set"')

    def test_the_migration_unmaps_the_factory_default_and_keeps_a_provinces_choice(self) -> None:
        unmap = import_module("safety.migrations.0006_bus_stations_have_no_set").unmap_bus_stations
        EstablishmentType.objects.filter(code="bus_station").update(criteria_set_code=FACTORY_SET)
        unmap(apps, None)
        self.assertEqual(EstablishmentType.objects.get(code="bus_station").criteria_set_code, "")
        EstablishmentType.objects.filter(code="bus_station").update(criteria_set_code="qd-5619-khu-vuc-dich-vu")
        unmap(apps, None)
        self.assertEqual(EstablishmentType.objects.get(code="bus_station").criteria_set_code, "qd-5619-khu-vuc-dich-vu")
