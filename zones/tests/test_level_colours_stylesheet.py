"""Levels and checkpoint answers are coloured by classes from stylesheets, not inline styles (the
Content-Security-Policy can then refuse inline styles): /levels/colours.css holds every risk
level's colours, zones.css the checkpoint's, and the pages carry classes only."""

import re
from pathlib import Path

from lib.colours import contrast
from territory.models import Scheme
from zones.computing import recompute
from zones.models import RiskLevel, UnitLevel
from zones.permit_codes import RESULT_COLOURS

from .base import ZonesTestCase, put_cases

ZONES_CSS = Path(__file__).resolve().parents[1] / "static" / "zones" / "zones.css"
INLINE_STYLE = re.compile(r"\sstyle=\"[^\"]*(background|colou?r)", re.IGNORECASE)


class LevelColoursTests(ZonesTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        put_cases(cls.commune_a, 2, untraced=2)
        recompute(scheme=Scheme.LEGACY)

    def test_the_stylesheet_holds_every_levels_colours(self) -> None:
        response = self.client.get("/levels/colours.css")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Type"].startswith("text/css"))
        css = response.content.decode()
        levels = list(RiskLevel.objects.all())
        self.assertGreaterEqual(len(levels), 8)
        for level in levels:
            badge = re.search(rf"\.level-{level.pk}\{{background-color:(#\w{{6}});color:(#\w{{6}})\}}", css)
            self.assertIsNotNone(badge, level.code)
            assert badge is not None
            self.assertGreaterEqual(contrast(badge.group(1), badge.group(2)), 4.5, level.code)
            if contrast(level.colour, level.text_colour) >= 4.5:
                self.assertEqual(badge.groups(), (level.colour, level.text_colour))
            self.assertIn(f".level-line-{level.pk}{{border-left-color:{level.colour}}}", css)

    def test_a_malformed_colour_never_reaches_the_stylesheet(self) -> None:
        level = RiskLevel.objects.first()
        assert level is not None
        RiskLevel.objects.filter(pk=level.pk).update(colour="red;}p{")  # 7 characters, as the column holds
        css = self.client.get("/levels/colours.css").content.decode()
        self.assertNotIn("red;}p{", css)
        self.assertNotIn(f".level-{level.pk}{{", css)

    def test_level_pages_colour_badges_by_class(self) -> None:
        row = UnitLevel.objects.select_related("level").get(unit=self.commune_a)
        pages = ["/levels/", f"/levels/{self.commune_a.scheme}/{self.commune_a.code}/"]
        for url in pages:
            with self.subTest(url=url):
                page = self.client.get(url).content.decode()
                self.assertIn("/levels/colours.css", page)
                self.assertIn(f"level-{row.level.pk}", page)
                self.assertIsNone(INLINE_STYLE.search(page), url)
        self.client.force_login(self.district_officer)
        dashboard = self.client.get("/zones/dashboard/").content.decode()
        self.assertIn(f"level-{row.level.pk}", dashboard)
        self.assertIsNone(INLINE_STYLE.search(dashboard))


class CheckpointColoursTests(ZonesTestCase):
    def test_zones_css_colours_every_result_as_the_code_says(self) -> None:
        css = ZONES_CSS.read_text(encoding="utf-8")
        for result, (colour, text_colour) in RESULT_COLOURS.items():
            with self.subTest(result=result):
                rule = re.search(rf'\.checkpoint-result\[data-result="{result}"\][^{{]*\{{([^}}]*)\}}', css)
                self.assertIsNotNone(rule, result)
                assert rule is not None
                self.assertIn(f"background-color: {colour}", rule.group(1))
                self.assertIn(f"color: {text_colour}", rule.group(1))

    def test_the_answer_carries_no_inline_colour(self) -> None:
        page = self.client.get("/permits/check/", {"code": "not-a-permit"}).content.decode()
        self.assertIn('class="checkpoint-result', page)
        self.assertIsNone(INLINE_STYLE.search(page))
