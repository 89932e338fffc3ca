"""A places import's job lives in the database: any app server reports its progress, a batch
is never half written, and a job whose worker died is reported interrupted and resumes after
the last whole batch without importing a row twice. A job whose process is gone from this
machine is known dead at once."""

import socket
import subprocess
import sys
from datetime import timedelta
from unittest import mock

from django.db import DatabaseError
from django.utils import timezone

from lib import bulk
from safety.actions import imports, jobs
from safety.actions.imports import HEADERS
from safety.models import Establishment, ImportJob, ImportPhase, MapCell
from safety.tests.test_import_places import ImportTestCase, Rows, csv_upload


class ImportJobTests(ImportTestCase):
    def rows(self, count: int) -> Rows:
        return [HEADERS] + [[f"Quán số {n}", "restaurant", self.commune_a.code, f"Số {n}"] for n in range(count)]

    def test_the_job_is_a_row_any_app_server_reads(self) -> None:
        job_url = self.upload(csv_upload(self.rows(3)))
        job = ImportJob.objects.get()
        self.assertEqual(
            (job.phase, job.user, job.filename), (ImportPhase.UPLOADED, self.district_officer, "co-so.csv")
        )
        self.assertIn(job.token, job_url)
        self.check(job_url)
        job.refresh_from_db()
        self.assertEqual((job.phase, job.good, job.bad), (ImportPhase.CHECKED, 3, 0))

    def test_a_worker_dying_mid_import_leaves_whole_batches_and_the_job_resumes(self) -> None:
        self.assertEqual(imports.BATCH, 1000)
        job_url = self.upload(csv_upload(self.rows(2500)))
        real_insert = bulk.insert
        calls = 0

        def dies_on_the_second_batch(model, objects):  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            if calls == 2:
                real_insert(model, objects[:400])  # half a batch written, then the crash
                raise DatabaseError("the worker died")
            real_insert(model, objects)

        with (
            mock.patch.object(bulk, "insert", dies_on_the_second_batch),
            self.assertRaises(DatabaseError),
        ):
            self.run_import(job_url)
        self.assertEqual(Establishment.objects.count(), 1000)  # the whole first batch, nothing of the second
        self.assertEqual(sum(MapCell.objects.filter(grid=0).values_list("count", flat=True)), 1000)
        job = ImportJob.objects.get()
        self.assertEqual((job.phase, job.created), (ImportPhase.INTERRUPTED, 1000))
        page = self.client_for(self.district_officer).get(job_url)
        self.assertContains(page, 'data-testid="import-interrupted"')

        response = self.run_import(job_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(Establishment.objects.count(), 2500)
        self.assertEqual(Establishment.objects.values("name").distinct().count(), 2500)
        self.assertEqual(sum(MapCell.objects.filter(grid=0).values_list("count", flat=True)), 2500)
        job.refresh_from_db()
        self.assertEqual((job.phase, job.created), (ImportPhase.DONE, 2500))

    def test_a_job_that_stopped_reporting_is_reported_interrupted_not_running(self) -> None:
        job_url = self.upload(csv_upload(self.rows(3)))
        self.check(job_url)
        ImportJob.objects.update(
            phase=ImportPhase.IMPORTING, created=1000, heartbeat_at=timezone.now() - timedelta(minutes=10)
        )
        status = self.client_for(self.district_officer).get(job_url + "status/")
        self.assertFalse(status.context["running"])
        self.assertEqual(ImportJob.objects.get().phase, ImportPhase.INTERRUPTED)

    def test_a_job_whose_process_died_on_this_machine_is_interrupted_at_once(self) -> None:
        job_url = self.upload(csv_upload(self.rows(3)))
        self.check(job_url)
        ended = subprocess.Popen([sys.executable, "-c", "pass"])
        ended.wait()
        dead = f"{socket.gethostname()}:{ended.pid}"
        ImportJob.objects.update(phase=ImportPhase.IMPORTING, created=1000, heartbeat_at=timezone.now(), worker=dead)
        status = self.client_for(self.district_officer).get(job_url + "status/")
        self.assertFalse(status.context["running"])
        self.assertEqual(ImportJob.objects.get().phase, ImportPhase.INTERRUPTED)

    def test_a_job_still_reporting_cannot_be_started_twice(self) -> None:
        job_url = self.upload(csv_upload(self.rows(3)))
        ImportJob.objects.update(phase=ImportPhase.IMPORTING, heartbeat_at=timezone.now(), worker=jobs.this_worker())
        self.assertEqual(self.run_import(job_url).status_code, 409)
        self.assertEqual(self.check(job_url).status_code, 409)
        self.assertEqual(Establishment.objects.count(), 0)

    def test_a_dead_check_starts_over(self) -> None:
        job_url = self.upload(csv_upload(self.rows(3)))
        ImportJob.objects.update(phase=ImportPhase.CHECKING, heartbeat_at=timezone.now() - timedelta(minutes=10))
        response = self.check(job_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["job"].good, 3)
