from .cases import CaseCount
from .distancing import DistancingMeasure, DistancingZone, EndReason, ZoneStatus, ZoneUnit
from .levels import (
    ChangeSource,
    FrameworkStatus,
    LevelChange,
    LevelFramework,
    ProvinceLevels,
    RiskLevel,
    UnitLevel,
)
from .permits import GoodsPermit, GoodsType, PermitStatus, PermitWaypoint

__all__ = [
    "CaseCount",
    "ChangeSource",
    "DistancingMeasure",
    "DistancingZone",
    "EndReason",
    "FrameworkStatus",
    "GoodsPermit",
    "GoodsType",
    "LevelChange",
    "LevelFramework",
    "PermitStatus",
    "PermitWaypoint",
    "ProvinceLevels",
    "RiskLevel",
    "UnitLevel",
    "ZoneStatus",
    "ZoneUnit",
]
