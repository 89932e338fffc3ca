from lib.commands import RefreshCommand
from zones.loader import load_zones_data


class Command(RefreshCommand):
    help = (
        "Load the risk-level frameworks, distancing measures and types of goods from zones/data/. "
        "Idempotent; rows the administrator edited are kept unless --refresh."
    )
    refresh_help = "put the shipped texts back over edits"

    def load(self, refresh: bool) -> str:
        return "\n".join(f"{what}: {result}" for what, result in load_zones_data(refresh=refresh).items())
