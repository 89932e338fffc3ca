from inspections.checklists import load_unit_checklists
from lib.commands import RefreshCommand


class Command(RefreshCommand):
    help = (
        "Load the checklists for inspecting units from inspections/data/unit_checklists.json. "
        "Existing checklists (perhaps edited by the administrator) are kept unless --refresh."
    )
    refresh_help = "overwrite existing checklists with the file's"

    def load(self, refresh: bool) -> str:
        created, refreshed = load_unit_checklists(refresh=refresh)
        return f"{created} checklists created, {refreshed} refreshed."
