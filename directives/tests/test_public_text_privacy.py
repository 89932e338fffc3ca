"""A directive published on the portal carries no phone number, ID number or e-mail address;
an internal one may (officials write their contact lines)."""

from django.core.exceptions import ValidationError

from directives.actions import save_draft
from directives.models import Directive

from .base import DirectiveTestCase


class PublicTextPrivacyTests(DirectiveTestCase):
    def test_a_public_directive_with_a_phone_is_refused(self) -> None:
        data = self.draft_data(is_public=True, closing="Liên hệ: đ/c Lan, ĐT 0912.345.678")
        with self.assertRaises(ValidationError) as refused:
            save_draft(data, by=self.writer)
        self.assertIn("closing", refused.exception.message_dict)
        self.assertFalse(Directive.objects.exists())

    def test_an_item_with_an_email_is_refused(self) -> None:
        data = self.draft_data(is_public=True, items=["Gửi báo cáo về vanthu@gmail.com"])
        with self.assertRaises(ValidationError) as refused:
            save_draft(data, by=self.writer)
        self.assertIn("items", refused.exception.message_dict)

    def test_an_internal_directive_may_carry_a_contact_line(self) -> None:
        data = self.draft_data(closing="Liên hệ: đ/c Lan, ĐT 0912.345.678")
        self.assertIsNotNone(save_draft(data, by=self.writer).pk)
