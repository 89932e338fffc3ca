"""API shapes every app shares for administrative units, named once so the OpenAPI document has
one `UnitRefOut` and one `SchemeName`."""

from typing import Literal

from ninja import Schema

SchemeName = Literal["legacy", "2025"]
LevelName = Literal["province", "district", "commune", "village"]


class UnitRefOut(Schema):
    code: str
    scheme: str
    level: str
    name: str
