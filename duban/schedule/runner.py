"""One pass over the jobs (the worker makes one a minute): run what is due, record it."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from duban import clock
from duban.schedule.jobs import JobSpec, all_jobs
from duban.schedule.models import Job, JobRun

log = logging.getLogger("duban.worker")

# A daily job that raised is tried again on the next passes, this many times in all.
TRIES_PER_PERIOD = 3


def run_due(now: dt.datetime | None = None) -> dict[str, str]:
    """Run every job that is due now; returns job name -> result for those that ran."""
    now = now or clock.now()
    local = timezone.localtime(now)
    done = {}
    for spec in all_jobs():
        if not spec.schedule.recorded:
            if _interval_passed(spec, now):
                done[spec.name] = _run(spec, now, None)
        else:
            period = spec.schedule.period(local)
            if period and _claim(spec.name, period, now):
                done[spec.name] = _run(spec, now, period)
        _update_next(spec, local)
    return done


def _interval_passed(spec: JobSpec, now: dt.datetime) -> bool:
    last = Job.objects.filter(name=spec.name).values_list("last_run_at", flat=True).first()
    # A few seconds' slack: the passes come a minute apart, give or take.
    return last is None or now - last >= dt.timedelta(minutes=spec.schedule.minutes, seconds=-5)


def _claim(job: str, period: str, now: dt.datetime) -> bool:
    """Record the run before running it: true only for the one process that recorded it (or
    that takes a failed run's next try)."""
    try:
        with transaction.atomic():
            JobRun.objects.create(job=job, period=period, started_at=now)
        return True
    except IntegrityError:
        pass
    run = JobRun.objects.get(job=job, period=period)
    if run.ok is False and run.tries < TRIES_PER_PERIOD:
        return bool(JobRun.objects.filter(pk=run.pk, ok=False, tries=run.tries).update(
            tries=run.tries + 1, ok=None, started_at=now, finished_at=None))
    return False


def _run(spec: JobSpec, now: dt.datetime, period: str | None) -> str:
    try:
        note, ok = spec.run(now), True
    except Exception as error:  # recorded and shown in the admin; the worker goes on
        log.exception("job %s failed", spec.name)
        note, ok = f"{type(error).__name__}: {error}", False
    finished = clock.now()
    if period is not None:
        JobRun.objects.filter(job=spec.name, period=period).update(finished_at=finished, ok=ok, note=note[:500])
    job, _ = Job.objects.get_or_create(name=spec.name, defaults={"label": spec.label})
    job.label, job.schedule = spec.label, str(spec.schedule)
    job.last_run_at, job.last_ok, job.last_note = now, ok, note[:500]
    job.failures = 0 if ok else job.failures + 1
    job.save()
    (log.info if ok else log.error)("job %s: %s", spec.name, note)
    return note


def _update_next(spec: JobSpec, local: dt.datetime) -> None:
    period = spec.schedule.recorded and spec.schedule.period(local)
    ran = bool(period) and JobRun.objects.filter(job=spec.name, period=period, ok=True).exists()
    Job.objects.update_or_create(name=spec.name, defaults={
        "label": spec.label, "schedule": str(spec.schedule),
        "next_run_at": spec.schedule.next_after(local, ran)})
