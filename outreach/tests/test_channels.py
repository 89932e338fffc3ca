"""Channels and units of measure come from data and keep what the administrator edited."""

from outreach.channels import load_channels
from outreach.models import Channel, Measure

from .base import OutreachTestCase


class ChannelTests(OutreachTestCase):
    def test_loading_again_creates_nothing_and_keeps_edits(self) -> None:
        channel = Channel.objects.get(code="xe-loa")
        channel.name = "Xe loa lưu động (đã sửa)"
        channel.save()
        self.assertEqual(load_channels(), (0, 0))
        self.assertEqual(Channel.objects.get(code="xe-loa").name, "Xe loa lưu động (đã sửa)")

    def test_the_channels_of_the_letter_are_there_with_their_units(self) -> None:
        codes = set(Channel.objects.values_list("code", flat=True))
        self.assertTrue(
            {
                "bao-in",
                "phat-thanh-truyen-hinh",
                "truyen-thanh-co-so",
                "xe-loa",
                "pa-no",
                "ap-phich",
                "bang-ron",
                "to-roi",
                "trang-tin-mang-xa-hoi",
                "hop-quan-triet",
            }
            <= codes
        )
        loudspeaker = Channel.objects.get(code="truyen-thanh-co-so")
        self.assertEqual([p["label"] for p in loudspeaker.priorities], ["Thông thường", "Ưu tiên", "Khẩn cấp"])
        self.assertEqual(Measure.objects.get(code="rounds").name, "lượt")
