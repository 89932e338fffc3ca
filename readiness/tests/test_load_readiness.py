from django.core.management import call_command

from readiness.gaps import need_table
from readiness.models import Group, Need, ResourceKind, Scenario

from .base import ReadinessTestCase


class LoadReadinessTests(ReadinessTestCase):
    def test_the_four_groups_each_have_kinds_and_scenarios_cover_the_case_ranges(self) -> None:
        groups = set(ResourceKind.objects.values_list("group", flat=True))
        self.assertEqual(groups, {g.value for g in Group})
        ranges = list(Scenario.objects.values_list("min_cases", "max_cases"))
        self.assertEqual(ranges, [(1, 10), (10, 50), (50, 100), (100, None)])

    def test_loading_twice_duplicates_nothing(self) -> None:
        counts = (ResourceKind.objects.count(), Scenario.objects.count(), Need.objects.count())
        call_command("load_readiness", stdout=open("/dev/null", "w"))  # noqa: SIM115
        self.assertEqual((ResourceKind.objects.count(), Scenario.objects.count(), Need.objects.count()), counts)

    def test_needs_follow_cases_contacts_and_the_minimum_of_the_level(self) -> None:
        table = need_table(list(Scenario.objects.all()))
        first, last = Scenario.objects.get(code="1-10"), Scenario.objects.get(code="tren-100")
        self.assertEqual(table[first.pk]["commune"]["giuong-dieu-tri"], 10)  # one bed per case
        self.assertEqual(table[last.pk]["commune"]["giuong-dieu-tri"], 200)
        self.assertEqual(table[first.pk]["commune"]["kit-xet-nghiem"], 2 * 10 + 200)  # 2 per case, 1 per contact
        self.assertEqual(table[first.pk]["commune"]["nhan-vien-y-te"], 3)  # the minimum beats 0.2 × 10
        self.assertEqual(table[first.pk]["district"]["nhan-vien-y-te"], 20)  # the district's own row
