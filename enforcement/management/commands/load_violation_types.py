from enforcement.types import load_violation_types
from lib.commands import RefreshCommand


class Command(RefreshCommand):
    help = (
        "Load the violation types (Nghị định 117/2020/NĐ-CP) from enforcement/data/violation_types.json. "
        "Existing types (perhaps edited by the administrator) are kept unless --refresh."
    )
    refresh_help = "overwrite existing types with the file's"

    def load(self, refresh: bool) -> str:
        created, refreshed = load_violation_types(refresh=refresh)
        return f"{created} violation types created, {refreshed} refreshed."
