"""What a picker searches keeps itself: the folded name (no case, no diacritics) of a unit, an
organisation, a place or a user, written on save, on a change and in a bulk insert."""

from accounts.models import User
from safety.models import Establishment
from territory.models import AdminUnit, Organisation, OrganisationKind
from testing import SafetyTestCase, add_markets, make_place, make_user


class SearchNameTests(SafetyTestCase):
    def test_a_place_is_searched_by_its_name_and_address_even_after_a_change(self) -> None:
        place = make_place(self.village_a, name="Chợ Đức Mạnh", address="Thôn Đức Thành")
        self.assertEqual(Establishment.objects.get(pk=place.pk).search_name, "cho duc manh thon duc thanh")
        place.name = "Siêu thị Đắk Mil"
        place.save(update_fields=["name", "search_name"])
        self.assertEqual(Establishment.objects.get(pk=place.pk).search_name, "sieu thi dak mil thon duc thanh")

    def test_a_bulk_insert_writes_the_folded_names(self) -> None:
        add_markets([self.village_a, self.village_b], label="Sạp Ngã Ba {n}")
        self.assertEqual(
            sorted(Establishment.objects.filter(name__startswith="Sạp Ngã Ba").values_list("search_name", flat=True)),
            ["sap nga ba 0", "sap nga ba 1"],
        )
        village = AdminUnit(
            scheme=self.commune_a.scheme,
            code="99999",
            level="village",
            type_name="Buôn",
            name="Buôn Jun",
            short_name="Jun",
            parent=self.commune_a,
            path=f"{self.commune_a.path}99999/",
        )
        AdminUnit.objects.bulk_create([village])
        self.assertEqual(AdminUnit.objects.get(code="99999").search_name, "buon jun")

    def test_an_organisation_by_both_its_names_and_a_user_by_name_and_login(self) -> None:
        organisation = Organisation.objects.create(
            code="so-y-te",
            name="Sở Y tế tỉnh Đắk Nông",
            short_name="Sở Y tế",
            kind=OrganisationKind.DEPARTMENT,
            unit=self.province,
        )
        self.assertEqual(organisation.search_name, "so y te tinh dak nong so y te")
        user = make_user("hoa.nguyen", full_name="Nguyễn Thị Hoà")
        user.full_name = "Trần Thị Hoà"
        user.save(update_fields=["full_name"])
        self.assertEqual(User.objects.get(pk=user.pk).search_name, "tran thi hoa hoanguyen")
