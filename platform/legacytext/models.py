"""What the conversion of legacy-encoded text changed, so that it can be undone."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegacyTextConversion(models.Model):
    """One save (or one run of ``convert_legacy_text``) that converted an object's text.

    ``fields`` maps each converted field to ``{"encodings": [...], "original": …}``
    (the text as it was, a StreamField as its raw data). Undoing restores the
    originals in a new revision and sets ``kept``: from then on the object's text is
    left as the editor wrote it, until an editor converts it again.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64, db_index=True)
    object_label = models.CharField(_("nội dung"), max_length=255)
    fields = models.JSONField(_("trường đã chuyển"), default=dict)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    kept = models.BooleanField(_("giữ nguyên bản gốc"), default=False)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(_("hoàn tác lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lần chuyển mã tiếng Việt cũ")
        verbose_name_plural = _("các lần chuyển mã tiếng Việt cũ")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "kept"])]

    def __str__(self):
        return self.object_label
