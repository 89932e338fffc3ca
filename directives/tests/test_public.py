"""Issued directives marked public are listed on the portal with their PDF; nothing else is."""

from django.urls import reverse

from directives.models import Directive

from .base import DirectiveTestCase


class PublicTests(DirectiveTestCase):
    public: Directive
    internal: Directive
    public_draft: Directive

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.public = cls.make_issued(is_public=True, subject="công khai")
        cls.internal = cls.make_issued(subject="nội bộ")
        cls.public_draft = cls.make_draft(is_public=True, subject="dự thảo")

    def test_the_portal_lists_public_issued_directives_only(self) -> None:
        page = self.client.get(reverse("directives:public"))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, reverse("directives:public_pdf", args=[self.public.pk]))
        self.assertNotContains(page, "nội bộ")
        self.assertNotContains(page, "dự thảo")
        listed = self.client.get("/api/v1/public/directives").json()
        self.assertEqual([d["id"] for d in listed], [self.public.pk])

    def test_anyone_downloads_a_public_pdf(self) -> None:
        response = self.client.get(reverse("directives:public_pdf", args=[self.public.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertEqual(self.client.get(f"/api/v1/public/directives/{self.public.pk}/document.pdf").status_code, 200)

    def test_nothing_else_is_downloadable_by_the_public(self) -> None:
        for directive in (self.internal, self.public_draft):
            with self.subTest(subject=directive.subject):
                self.assertEqual(
                    self.client.get(reverse("directives:public_pdf", args=[directive.pk])).status_code, 404
                )
                self.assertEqual(
                    self.client.get(f"/api/v1/public/directives/{directive.pk}/document.pdf").status_code, 404
                )
