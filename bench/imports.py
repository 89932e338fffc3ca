"""The places import at a province's scale: a generated XLSX of N rows (communes of Đắk Nông,
every type of place, coordinates inside the province), checked and imported as the import page
and `import_places` do, on a scratch database, with the time of each step."""

import random
import time
from pathlib import Path

from django.db import transaction
from openpyxl import Workbook

from accounts.models import User
from safety import clusters
from safety.actions.imports import HEADERS, check_places_file, import_places
from safety.models import Establishment, EstablishmentType
from safety.types import load_establishment_types
from territory.models import AdminUnit, Level, Scheme

from .timing import NotAScratchDatabase
from .units import legacy_province

PROVINCE = "67"  # Đắk Nông
NAME = "Cơ sở nhập thử"
USER = "bench-import"


def prepare() -> tuple[User, list[str]]:
    """Units, types and an administrator; refuses a database holding places it did not make."""
    if Establishment.objects.exclude(name__startswith=NAME).exists():
        raise NotAScratchDatabase("This database holds real places; run the benchmark on a scratch database.")
    province = legacy_province(PROVINCE)
    load_establishment_types()
    user = User.objects.filter(username=USER).first() or User.objects.create_superuser(USER, password=None)
    communes = AdminUnit.objects.filter(path__startswith=province.path, level=Level.COMMUNE)
    return user, list(communes.order_by("code").values_list("code", flat=True))


def write_file(path: Path, rows: int, communes: list[str], seed: int = 2021) -> None:
    rng = random.Random(seed)
    types = list(EstablishmentType.objects.values_list("code", flat=True))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cơ sở")
    sheet.append(HEADERS)
    for n in range(rows):
        sheet.append(
            [
                f"{NAME} {n}",
                types[n % len(types)],
                rng.choice(communes),
                f"Số {n}, đường thử nghiệm",
                round(rng.uniform(11.8, 12.8), 6),
                round(rng.uniform(107.2, 108.1), 6),
                rng.choice([20, 50, 120, 300]),
                "Người phụ trách",
                f"09{rng.randrange(10**8):08d}",
                "Đang hoạt động",
            ]
        )
    workbook.save(path)


def run(path: Path, user: User) -> dict[str, float]:
    """Seconds to check the file and to import it (all rows good), on the clock and in this
    process's CPU (which a busy machine inflates less)."""
    started, started_cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as handle:
        checked = check_places_file(handle, path.name, user, scheme=Scheme.LEGACY)
    checked_at, checked_cpu = time.perf_counter(), time.process_time()
    if checked.file_error or checked.error_count:
        raise ValueError(checked.file_error or f"{checked.error_count} bad rows, first: {checked.errors[:3]}")
    import_places(checked, user, filename=path.name)
    done, done_cpu = time.perf_counter(), time.process_time()
    return {
        "rows": float(len(checked.rows)),
        "check_s": checked_at - started,
        "import_s": done - checked_at,
        "check_cpu_s": checked_cpu - started_cpu,
        "import_cpu_s": done_cpu - checked_cpu,
    }


@transaction.atomic
def clean() -> None:
    """Remove the places of earlier runs, so that a run imports into the same registry."""
    Establishment.objects.filter(name__startswith=NAME).delete()
    clusters.rebuild()
