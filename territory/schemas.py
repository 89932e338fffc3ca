"""API shapes every app shares for administrative units, named once so the OpenAPI document has
one `UnitRefOut`, one `SchemeName` and one way to cut a list to a unit's subtree."""

from typing import Literal

from ninja import Field, Schema

SchemeName = Literal["legacy", "2025"]
LevelName = Literal["province", "district", "commune", "village"]


class UnitRefOut(Schema):
    code: str
    scheme: str
    level: str
    name: str


class SubtreeFilter(Schema):
    """The query parameters that cut a list to one unit's subtree (within the caller's
    jurisdiction); an app's filter adds its own after them."""

    unit: str | None = Field(None, description="code of a unit: what lies in its subtree")
    scheme: SchemeName | None = Field(None, description="scheme of the unit code; the province's by default")
