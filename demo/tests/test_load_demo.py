from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings

from accounts.models import Role, User
from territory.models import AdminUnit, Level, Organisation, RecipientGroup, Scheme


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


class LoadDemoTests(TestCase):
    """The whole demo takes seconds to load: loaded once for the class, each test rolls back."""

    output: str

    @classmethod
    def setUpTestData(cls) -> None:
        cls.output = load()

    def test_demo_has_dak_nong_with_villages_organisations_and_logins(self) -> None:
        output = self.output
        province = AdminUnit.objects.get(scheme=Scheme.LEGACY, code="67")
        below = AdminUnit.objects.filter(path__under=province.path)
        self.assertEqual(below.filter(level=Level.DISTRICT).count(), 8)
        self.assertEqual(below.filter(level=Level.COMMUNE).count(), 71)
        communes_without_villages = below.filter(level=Level.COMMUNE).exclude(children__level=Level.VILLAGE)
        self.assertFalse(communes_without_villages.exists())
        self.assertTrue(all(below.filter(level=Level.VILLAGE).values_list("is_demo", flat=True)))
        self.assertEqual(AdminUnit.objects.filter(scheme=Scheme.Y2025, level=Level.COMMUNE).count(), 124)
        for username in ["admin", "province", "district", "commune", "commune2", "inspector", "press", "owner"]:
            self.assertIn(username, output)
            self.assertTrue(User.objects.get(username=username).check_password("demo-password"))
        self.assertIn("demo-password", output)

    def test_organisations_of_the_letter_and_its_recipient_groups(self) -> None:
        kinds = dict.fromkeys(["district_committee", "district_culture_office", "district_culture_centre"], 8)
        for kind, count in {**kinds, "commune_committee": 71}.items():
            self.assertEqual(Organisation.objects.filter(kind=kind).count(), count, kind)
        names = set(Organisation.objects.values_list("name", flat=True))
        for name in ["Sở Thông tin và Truyền thông tỉnh Đắk Nông", "Báo Đắk Nông", "Sở Y tế tỉnh Đắk Nông"]:
            self.assertIn(name, names)
        self.assertIn("Đài Phát thanh - Truyền hình Đắk Nông", names)
        groups = {g.name: g.members.count() for g in RecipientGroup.objects.all()}
        self.assertEqual(groups["UBND các xã, phường, thị trấn"], 71)
        self.assertEqual(groups["UBND các huyện, thành phố trên địa bàn tỉnh"], 8)
        self.assertEqual(groups["Các cơ quan báo chí trên địa bàn tỉnh"], 2)

    def test_demo_users_have_the_roles_of_the_readme(self) -> None:
        district = User.objects.get(username="district").roles.get()
        self.assertEqual((district.role, district.unit.name), (Role.OFFICER, "Huyện Đắk Mil"))
        communes = [User.objects.get(username=u).roles.get().unit for u in ("commune", "commune2")]
        self.assertNotEqual(communes[0], communes[1])
        self.assertTrue(all(c.parent.code == "663" and c.level == Level.COMMUNE for c in communes))
        press = User.objects.get(username="press").roles.get().organisation
        assert press is not None
        self.assertEqual(press.name, "Báo Đắk Nông")
        self.assertTrue(User.objects.get(username="admin").is_superuser)
        self.assertFalse(User.objects.get(username="province").is_staff)

    def test_demo_users_are_greeted_by_a_vietnamese_name(self) -> None:
        self.client.force_login(User.objects.get(username="owner"))
        page = self.client.get("/", follow=True).content.decode()
        self.assertIn("Bùi Văn Hải", page)
        self.assertNotIn("Demo owner", page)
        self.assertFalse(User.objects.filter(full_name__startswith="Demo ").exists())

    def test_running_twice_duplicates_nothing_and_keeps_changes(self) -> None:
        counts = (AdminUnit.objects.count(), Organisation.objects.count(), User.objects.count())
        admin = User.objects.get(username="admin")
        admin.set_password("changed-by-the-admin")
        admin.save()
        load()
        self.assertEqual((AdminUnit.objects.count(), Organisation.objects.count(), User.objects.count()), counts)
        self.assertTrue(User.objects.get(username="admin").check_password("changed-by-the-admin"))


class ProductionTests(TestCase):
    @override_settings(PRODUCTION=True)
    def test_refused_in_production(self) -> None:
        with self.assertRaisesMessage(CommandError, "PRODUCTION"):
            load()
        self.assertFalse(User.objects.exists())
