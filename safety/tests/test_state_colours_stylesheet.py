"""The public states are coloured by classes of safety-map.css (no inline style, so the
Content-Security-Policy can refuse them): each class holds the colour and the readable text
colour the code gives the state, and the public pages use the classes."""

import re
from pathlib import Path

from django.conf import settings

from safety.models import STATE_COLOURS, PublicState
from safety.public import state_style
from testing import SafetyTestCase, make_place

CSS = Path(settings.BASE_DIR) / "static" / "css" / "safety-map.css"
INLINE_COLOUR = re.compile(r"\sstyle=\"[^\"]*(background|colou?r)", re.IGNORECASE)


class StateColoursTests(SafetyTestCase):
    def test_every_state_has_its_class_with_the_codes_colours(self) -> None:
        css = CSS.read_text(encoding="utf-8")
        for state in PublicState:
            with self.subTest(state=state):
                rule = re.search(rf"\.state-{state.value} \{{([^}}]*)\}}", css)
                self.assertIsNotNone(rule)
                assert rule is not None
                style = state_style(state)
                self.assertIn(f"background-color: {STATE_COLOURS[state]}", rule.group(1))
                self.assertIn(f"color: {style['text_colour']}", rule.group(1))

    def test_public_pages_carry_classes_not_inline_colours(self) -> None:
        place = make_place(self.commune_a, "Chợ Đức Mạnh")
        for url in (f"/p/{place.public_code}", "/map/", "/map/summary/"):
            with self.subTest(url=url):
                page = self.client.get(url)
                self.assertEqual(page.status_code, 200)
                html = page.content.decode()
                self.assertIn("state-not_assessed", html)
                self.assertIsNone(INLINE_COLOUR.search(html))
