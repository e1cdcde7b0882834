from django.db import models
from django.utils.translation import gettext_lazy as _


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
