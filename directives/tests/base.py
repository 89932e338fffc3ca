"""A directive of the Department of Information and Communications, in the jurisdiction test base."""

from datetime import date
from typing import Any

from accounts.models import Role, User
from directives.actions import DraftData, issue_directive, save_draft
from directives.models import Directive
from outreach.channels import load_channels
from territory.models import Organisation, RecipientGroup
from territory.organisations import load_organisations
from testing import JurisdictionTestCase, make_user

ITEMS = [
    "Thông tin, tuyên truyền kịp thời các hoạt động chỉ đạo, lãnh đạo phòng, chống dịch Covid-19.",
    "Phản ánh các hoạt động kiểm tra, giám sát việc thực hiện công tác phòng, chống dịch.",
    "Tiếp tục truyền thông khách quan, trung thực, tích cực về tình hình dịch bệnh.",
]


class DirectiveTestCase(JurisdictionTestCase):
    department: Organisation
    writer: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        load_organisations(
            cls.province,
            [{"code": "67-stttt", "kind": "department", "name": "Sở Thông tin và Truyền thông tỉnh Đắk Nông"}],
        )
        load_channels()
        cls.department = Organisation.objects.get(code="67-stttt")
        cls.writer = make_user("stttt", Role.COMMUNICATOR, organisation=cls.department, email="stttt@example.org")

    @classmethod
    def commune_committee(cls, commune: Any) -> Organisation:
        return Organisation.objects.get(code=f"ubnd-legacy-{commune.code}")

    @classmethod
    def group(cls, code: str) -> RecipientGroup:
        return RecipientGroup.objects.get(code=f"{code}-legacy-67")

    @classmethod
    def draft_data(cls, **changes: Any) -> DraftData:
        values: dict[str, Any] = {
            "issuer": cls.department,
            "subject": "tuyên truyền phòng, chống dịch Covid-19",
            "symbol": "STTTT-TTBCXB",
            "place": "Đắk Nông",
            "parent_body": "UBND tỉnh Đắk Nông",
            "issuing_body": "Sở Thông tin và Truyền thông",
            "archive_division": "TTBCXB",
            "opening": "Sở Thông tin và Truyền thông đề nghị các cơ quan, đơn vị tuyên truyền như sau:",
            "items": list(ITEMS),
            "organisations": [],
            "groups": ["bao-chi-legacy-67", "ubnd-xa-legacy-67"],
            "copies": [("UBND tỉnh", "b/c"), ("Sở Y tế", "phối hợp")],
            "authority": "KT.",
            "head_title": "Giám đốc",
            "signer_title": "Phó Giám đốc",
            "signer_name": "Nguyễn Văn A",
            "report_due_on": date(2021, 5, 31),
        }
        values.update(changes)
        return DraftData(**values)

    @classmethod
    def make_draft(cls, **changes: Any) -> Directive:
        return save_draft(cls.draft_data(**changes), by=cls.writer)

    @classmethod
    def make_issued(cls, on: date = date(2021, 5, 12), **changes: Any) -> Directive:
        return issue_directive(cls.make_draft(**changes), by=cls.writer, on=on)
