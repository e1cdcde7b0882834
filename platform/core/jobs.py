"""What every console job row shares (a site's provisioning, a restore): its status,
its steps with their times, the reason it failed, who asked and when. The work runs
in a Celery task that claims the job once (``claim``), so a second delivery of the
task's message does nothing."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    SUCCEEDED = "succeeded", _("Hoàn thành")
    FAILED = "failed", _("Thất bại")


class ConsoleJob(models.Model):
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    #: [[step key, seconds since the job started], ...]
    steps = models.JSONField(_("các bước"), default=list, blank=True)
    error = models.TextField(_("lý do thất bại"), blank=True)
    created_by = models.CharField(_("người yêu cầu"), max_length=150)
    created_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @classmethod
    def claim(cls, job_id: int):
        """The queued job ``job_id``, now marked running; None when another delivery
        of its task already took it."""
        jobs = cls._default_manager
        claimed = jobs.filter(pk=job_id, status=JobStatus.QUEUED).update(
            status=JobStatus.RUNNING, started_at=timezone.now()
        )
        return jobs.get(pk=job_id) if claimed else None
