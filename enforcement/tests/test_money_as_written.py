"""Money reads as an official writes it: "1.000.000 đ", on the public list, the officer's page and
in the help that says what fine the act allows."""

from django.urls import reverse

from .base import ViolationTestCase


class MoneyAsWrittenTests(ViolationTestCase):
    def test_the_public_list_and_detail_group_thousands(self) -> None:
        violation = self.published(self.person(), fine_amount=2_000_000)
        page = self.client.get(reverse("enforcement:public_list")).content.decode()
        self.assertIn("2.000.000\u00a0đ", page)
        self.assertNotIn("2000000", page)
        detail = self.client.get(reverse("enforcement:public_detail", kwargs={"pk": violation.pk}))
        self.assertContains(detail, "2.000.000\u00a0đ")

    def test_the_fine_range_in_the_decision_help(self) -> None:
        violation = self.draft()
        self.client.force_login(self.district_officer)
        page = self.client.get(reverse("enforcement:detail", kwargs={"pk": violation.pk})).content.decode()
        self.assertIn("từ 1.000.000 đến 3.000.000 đồng", page)
        self.assertNotIn("1000000", page)
