from django.db import models
from django.utils.translation import gettext_lazy as _

from core.jobs import ConsoleJob


class SiteTemplate(models.Model):
    """The SQL of a migrated, empty site schema, from which new sites are cloned.

    ``fingerprint`` names the set of migrations the template was built with; a
    template is used only while it matches the code's migrations (see
    provisioning.template). Kept in the database so every web and worker process
    clones from the same one.
    """

    fingerprint = models.CharField(_("dấu vân tay di trú"), max_length=64, unique=True)
    schema_sql = models.TextField(_("cấu trúc (pg_dump --schema-only)"))
    data_sql = models.TextField(_("dữ liệu ban đầu (pg_dump --data-only)"))
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("mẫu trang")
        verbose_name_plural = _("mẫu trang")

    def __str__(self):
        return f"{self.fingerprint[:12]} ({self.created_at:%Y-%m-%d %H:%M})"


class ProvisioningJob(ConsoleJob):
    """A site the console asked for: the spec, then the job's progress and outcome.

    The work runs in a Celery task (provisioning.tasks.run_job), so the console's
    page never waits on it. A failed job leaves no site behind (the provisioning is
    one transaction) and keeps its reason here.
    """

    slug = models.CharField(_("mã trang"), max_length=41)
    spec = models.JSONField(_("thông tin trang"))
    site = models.ForeignKey(
        "tenants.Tenant",
        verbose_name=_("trang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(ConsoleJob.Meta):
        verbose_name = _("yêu cầu khởi tạo trang")
        verbose_name_plural = _("yêu cầu khởi tạo trang")

    def __str__(self):
        return f"{self.spec.get('name', self.slug)} ({self.get_status_display()})"
