"""RSS and Atom feeds of published violations for the press."""

from xml.etree import ElementTree

from django.urls import reverse

from .base import PublishedViolationsTestCase


class FeedTests(PublishedViolationsTestCase):
    def titles(self, response, tag: str, ns: str = "") -> list[str]:  # type: ignore[no-untyped-def]
        root = ElementTree.fromstring(response.content)  # noqa: S314 - the app's own feed
        return [element.text or "" for element in root.iter(f"{ns}{tag}")]

    def test_rss(self) -> None:
        response = self.client.get(reverse("enforcement:feed_rss"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("rss", response["Content-Type"])
        titles = self.titles(response, "title")[1:]  # the first is the channel's
        self.assertEqual(len(titles), 2)
        self.assertTrue(any(title.startswith("Lê Văn Tâm") for title in titles))
        self.assertContains(response, "Phó Chủ tịch UBND xã")
        self.assertNotContains(response, "Chưa quyết định")
        self.assertNotContains(response, "Chưa công bố")
        self.assertContains(response, reverse("enforcement:public_detail", kwargs={"pk": self.official_violation.pk}))

    def test_atom_and_its_filters(self) -> None:
        response = self.client.get(reverse("enforcement:feed_atom"), {"unit": self.other_district.code})
        self.assertEqual(response.status_code, 200)
        entries = self.titles(response, "title", "{http://www.w3.org/2005/Atom}")[1:]
        self.assertEqual(len(entries), 1)
        self.assertTrue(entries[0].startswith("Phạm Thị Hoa"))
        self.assertEqual(self.client.get(reverse("enforcement:feed_atom"), {"type": "khong-co"}).status_code, 404)
        self.assertEqual(self.client.get(reverse("enforcement:feed_rss"), {"unit": "00000"}).status_code, 404)

    def test_markup_typed_by_an_officer_is_plain_text_in_both_feeds(self) -> None:
        self.published(self.person(offender_name="Đỗ Văn Bình", act="<img src=x onerror=alert(1)> tụ tập"))
        rss = ElementTree.fromstring(self.client.get(reverse("enforcement:feed_rss")).content)  # noqa: S314
        descriptions = [element.text or "" for element in rss.iter("description")]
        shown = next(text for text in descriptions if "tụ tập" in text)
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;", shown)  # a reader's HTML shows the characters
        atom = "{http://www.w3.org/2005/Atom}"
        root = ElementTree.fromstring(self.client.get(reverse("enforcement:feed_atom")).content)  # noqa: S314
        summaries = [element for element in root.iter(f"{atom}summary") if "tụ tập" in (element.text or "")]
        self.assertEqual([element.get("type") for element in summaries], ["text"])
