"""MapCell keeps, per grid cell and state, the public places (accepted, not closed) as the
actions that register, change, accept, assess and delete places move them; rebuild() recounts
from the places and must agree with the running counts."""

from decimal import Decimal

from django.urls import reverse

from safety import clusters
from safety.actions.assessments import submit_assessment
from safety.actions.registration import accept_place, update_place
from safety.models import Establishment, MapCell, OperatingStatus, PublicState, Registration
from testing import SAFE_ANSWERS, SafetyTestCase, make_place

Key = tuple[int, int, int, str]


def snapshot() -> dict[Key, tuple[int, float, float]]:
    """Every non-empty cell: (grid, x, y, state) → (count, latitude sum, longitude sum)."""
    return {
        (c.grid, c.x, c.y, c.state): (c.count, round(c.latitude_sum, 6), round(c.longitude_sum, 6))
        for c in MapCell.objects.exclude(count=0)
    }


def counted(place: Establishment, grid: int, state: str | None = None) -> int:
    x, y = clusters.cell_of(grid, float(place.latitude), float(place.longitude))
    cell = MapCell.objects.filter(grid=grid, x=x, y=y, state=state or place.state).first()
    return cell.count if cell else 0


class MapCellCountTests(SafetyTestCase):
    def place(self, **extra):  # type: ignore[no-untyped-def]
        extra.setdefault("latitude", Decimal("12.4321"))
        extra.setdefault("longitude", Decimal("107.6543"))
        return make_place(self.commune_a, **extra)

    def test_a_new_public_place_counts_once_in_every_grid(self) -> None:
        place = self.place()
        for grid in range(len(clusters.GRID_SIZES)):
            with self.subTest(grid=grid):
                self.assertEqual(counted(place, grid, PublicState.NOT_ASSESSED), 1)
        self.assertEqual(sum(count for count, _lat, _lon in snapshot().values()), len(clusters.GRID_SIZES))

    def test_pending_rejected_and_closed_places_are_not_counted(self) -> None:
        self.place(registration=Registration.PENDING)
        self.place(registration=Registration.REJECTED)
        self.place(status=OperatingStatus.CLOSED)
        self.assertEqual(snapshot(), {})

    def test_suspended_places_are_counted(self) -> None:
        place = self.place(status=OperatingStatus.SUSPENDED)
        self.assertEqual(counted(place, 0), 1)

    def test_moving_a_place_moves_it_to_its_new_cell(self) -> None:
        place = self.place()
        old = Establishment.objects.get(pk=place.pk)
        place = update_place(place, self.officer_a, {"latitude": "11.9012", "longitude": "107.2109"})
        for grid in range(len(clusters.GRID_SIZES)):
            with self.subTest(grid=grid):
                self.assertEqual(counted(old, grid), 0)
                self.assertEqual(counted(place, grid), 1)
        self.assertEqual(MapCell.objects.exclude(count=0).count(), len(clusters.GRID_SIZES))

    def test_a_new_assessment_moves_the_place_to_its_new_state(self) -> None:
        place = self.place()
        submit_assessment(place, self.criteria_set, SAFE_ANSWERS, by=self.officer_a)
        place.refresh_from_db()
        self.assertEqual(place.state, PublicState.SAFE)
        self.assertEqual(counted(place, 2, PublicState.NOT_ASSESSED), 0)
        self.assertEqual(counted(place, 2, PublicState.SAFE), 1)

    def test_closing_removes_the_place_and_reopening_counts_it_again(self) -> None:
        place = self.place()
        update_place(place, self.officer_a, {"status": OperatingStatus.CLOSED})
        self.assertEqual(snapshot(), {})
        update_place(place, self.officer_a, {"status": OperatingStatus.OPERATING})
        self.assertEqual(counted(place, 1), 1)

    def test_accepting_a_pending_place_counts_it(self) -> None:
        place = self.place(registration=Registration.PENDING)
        accept_place(place, self.officer_a)
        self.assertEqual(counted(place, 0), 1)

    def test_deleting_a_place_removes_it(self) -> None:
        place = self.place()
        url = reverse("admin:safety_establishment_delete", args=[place.pk])
        response = self.client_for(self.admin).post(url, {"post": "yes"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Establishment.objects.filter(pk=place.pk).exists())
        self.assertEqual(snapshot(), {})

    def test_saving_without_change_counts_nothing_twice(self) -> None:
        place = self.place()
        update_place(place, self.officer_a, {"name": "Chợ mới"}, confirm_duplicate=True)
        update_place(place, self.officer_a, {"name": "Chợ mới"}, confirm_duplicate=True)
        self.assertEqual(counted(place, 0), 1)


class RebuildTests(SafetyTestCase):
    def test_rebuild_gives_the_counts_single_saves_kept(self) -> None:
        spots = [("12.4321", "107.6543"), ("12.0101", "107.9876"), ("11.7777", "107.3333"), ("12.4322", "107.6544")]
        places = [
            make_place(self.commune_a, f"Chợ {n}", latitude=Decimal(lat), longitude=Decimal(lon))
            for n, (lat, lon) in enumerate(spots)
        ]
        submit_assessment(places[0], self.criteria_set, SAFE_ANSWERS, by=self.officer_a)
        update_place(places[1], self.officer_a, {"status": OperatingStatus.SUSPENDED})
        update_place(places[2], self.officer_a, {"status": OperatingStatus.CLOSED})
        update_place(places[3], self.officer_a, {"latitude": "12.6001", "longitude": "107.6544"})
        incremental = snapshot()
        self.assertEqual(sum(count for (grid, *_rest), (count, *_s) in incremental.items() if grid == 0), 3)
        clusters.rebuild()
        self.assertEqual(snapshot(), incremental)

    def test_a_place_on_a_cell_edge_lands_in_the_same_cell_after_rebuild(self) -> None:
        # 107.6 is an exact multiple of 0.1 and 0.02 in decimal but not in binary floating point:
        # the running count (Python floats) and rebuild() (the database's arithmetic) must agree.
        make_place(self.commune_a, latitude=Decimal("12.300000"), longitude=Decimal("107.600000"))
        incremental = snapshot()
        clusters.rebuild()
        self.assertEqual(snapshot(), incremental)
