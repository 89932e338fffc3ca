"""Every page carries a Content-Security-Policy that allows no inline script and no other origin
than the configured map tiles; pages hold no inline script or event handler to need one; the
other security headers stay."""

import re

from django.test import Client, override_settings

from phongdich.middleware import ContentSecurityPolicyMiddleware, tile_origin
from testing import SafetyTestCase, make_place
from testing.routes import all_routes, plain_path
from testing.suite_report import note

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
SKIPPED = ("admin/", "logout/", "i18n/")


class ContentSecurityPolicyTests(SafetyTestCase):
    def test_every_page_kind(self) -> None:
        place = make_place(self.commune_a, "Chợ Đức Mạnh")
        paths = [p for r in all_routes() if (p := plain_path(r)) and not p.lstrip("/").startswith(SKIPPED)]
        paths += [f"/p/{place.public_code}", "/admin/", "/no-such-page/"]
        checked = 0
        for client in (Client(), self.client_for(self.admin)):
            for path in paths:
                response = client.get(path)
                with self.subTest(path=path, status=response.status_code):
                    policy = response.headers.get("Content-Security-Policy", "")
                    self.assertIn("script-src 'self'", policy)
                    self.assertNotIn("unsafe-eval", policy)
                    self.assertNotRegex(policy, r"script-src[^;]*unsafe-inline")
                    self.assertEqual(response.headers.get("X-Content-Type-Options"), "nosniff")
                    if "html" in response.get("Content-Type", "") and not response.streaming:
                        html = response.content.decode()
                        self.assertIsNone(INLINE_SCRIPT.search(html))
                        self.assertIsNone(EVENT_HANDLER.search(html))
                        self.assertEqual(response.headers.get("X-Frame-Options"), "DENY")
                        checked += 1
        note(f"content security policy: {checked} pages checked")

    def test_the_only_other_origin_is_the_map_tiles(self) -> None:
        policy = self.client.get("/map/").headers["Content-Security-Policy"]
        origins = set(re.findall(r"https?://[^\s;]+", policy))
        self.assertEqual(origins, {"https://tile.openstreetmap.org"})

    @override_settings(MAP_TILE_URL="https://{s}.tiles.example.vn/{z}/{x}/{y}.png")
    def test_a_configured_tile_server(self) -> None:
        middleware = ContentSecurityPolicyMiddleware(lambda request: None)  # type: ignore[arg-type,return-value]
        self.assertIn("img-src 'self' data: https://*.tiles.example.vn", middleware.policy)
        self.assertEqual(tile_origin("not a url"), "")

    def test_no_template_holds_an_inline_script_or_handler(self) -> None:
        from pathlib import Path

        from django.conf import settings

        root = Path(settings.BASE_DIR)
        templates = [p for p in root.glob("*/templates/**/*.html") if ".venv" not in p.parts]
        templates += list((root / "templates").glob("**/*.html"))
        offending = [
            str(p.relative_to(root))
            for p in templates
            if INLINE_SCRIPT.search(p.read_text()) or EVENT_HANDLER.search(p.read_text())
        ]
        self.assertGreater(len(templates), 50)
        self.assertEqual(offending, [])
