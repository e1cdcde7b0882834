"""The site registry: the control plane's record of every site (public schema)."""

import re

from django_tenants.models import DomainMixin, TenantMixin

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.text import nfc

SLUG_RE = r"^[a-z][a-z0-9_]{1,40}$"
HOSTNAME_RE = re.compile(
    r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$"
)
SCHEMA_PREFIX = "site_"

slug_validator = RegexValidator(
    SLUG_RE,
    _(
        "Mã trang chỉ gồm chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng "
        "một chữ cái, dài 2–41 ký tự (ví dụ: sokhcn, xa_son_duong)."
    ),
)


class SiteKind(models.TextChoices):
    PROVINCIAL_PORTAL = "provincial_portal", _("Cổng Thông tin điện tử tỉnh")
    PARTY_PORTAL = "party_portal", _("Cổng Thông tin điện tử Đảng bộ tỉnh")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    COMMUNE = "commune", _("Xã, phường")
    PARTY_BODY = "party_body", _("Ban đảng, đảng bộ trực thuộc")
    OTHER = "other", _("Cơ quan, đơn vị khác")


#: which kinds of site may be the parent of each kind (None: a root, no parent)
ALLOWED_PARENTS: dict[str, set] = {
    SiteKind.PROVINCIAL_PORTAL: {None},
    SiteKind.PARTY_PORTAL: {None},
    SiteKind.DEPARTMENT: {SiteKind.PROVINCIAL_PORTAL},
    SiteKind.COMMUNE: {SiteKind.PROVINCIAL_PORTAL},
    SiteKind.PARTY_BODY: {SiteKind.PARTY_PORTAL, SiteKind.PARTY_BODY},
    SiteKind.OTHER: {SiteKind.PROVINCIAL_PORTAL, SiteKind.PARTY_PORTAL, SiteKind.DEPARTMENT},
}


class SiteStatus(models.TextChoices):
    PROVISIONING = "provisioning", _("Đang khởi tạo")
    ACTIVE = "active", _("Đang hoạt động")
    SUSPENDED = "suspended", _("Tạm ngừng")
    ARCHIVED = "archived", _("Đã lưu trữ")


def default_languages():
    return ["vi"]


class Tenant(TenantMixin):
    """A site of the platform: one PostgreSQL schema, one Wagtail page tree.

    ``slug`` is the stable key: it never changes, whatever happens to the
    site's domains or schema, and names the site's media folder.
    ``schema_name`` is generated from it by the platform, never taken from input.
    """

    #: declared by django-tenants' TenantMixin (untyped); annotated here for the checker
    schema_name: str

    slug = models.CharField(
        _("mã trang"),
        max_length=41,
        unique=True,
        validators=[slug_validator],
        help_text=_("Khóa cố định của trang, không đổi sau khi tạo. Ví dụ: sokhcn."),
    )
    name = models.CharField(_("tên tiếng Việt"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    kind = models.CharField(_("loại trang"), max_length=32, choices=SiteKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cổng/trang cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=SiteStatus.choices, default=SiteStatus.PROVISIONING
    )
    theme = models.CharField(_("giao diện"), max_length=40, default="base")
    languages = ArrayField(
        models.CharField(max_length=8, choices=settings.LANGUAGES),
        verbose_name=_("ngôn ngữ"),
        default=default_languages,
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)

    # Schemas are created by the provisioning service, not as a side effect of save().
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        verbose_name = _("trang thông tin")
        verbose_name_plural = _("trang thông tin")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="tenant_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_serving(self) -> bool:
        """Whether visitors and editors are served (not provisioning, not suspended)."""
        return self.status in (SiteStatus.ACTIVE, SiteStatus.ARCHIVED)

    @staticmethod
    def schema_name_for(slug: str) -> str:
        return f"{SCHEMA_PREFIX}{slug}"

    def ancestors(self):
        """The chain of parents, nearest first (stops at a cycle rather than looping)."""
        seen, node = {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            yield node
            seen.add(node.pk)
            node = node.parent

    def clean(self):
        from core.theming import available_themes

        self.name, self.name_en = nfc(self.name).strip(), nfc(self.name_en).strip()
        errors: dict[str, object] = {}
        if self.pk:
            original = type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if original and original != self.slug:
                errors["slug"] = _("Mã trang là khóa cố định, không thể thay đổi sau khi tạo.")
        if self.theme not in available_themes():
            errors["theme"] = _("Giao diện “%(theme)s” không có trên hệ thống.") % {
                "theme": self.theme
            }
        if "vi" not in (self.languages or []):
            errors["languages"] = _("Tiếng Việt là ngôn ngữ bắt buộc của mọi trang.")
        if self.kind in ALLOWED_PARENTS:  # an unknown kind is reported by its field
            errors.update(self._parent_errors())
        if errors:
            raise ValidationError(errors)

    def _parent_errors(self):
        allowed = ALLOWED_PARENTS[self.kind]
        parent_kind = self.parent.kind if self.parent is not None else None
        if parent_kind not in allowed:
            if None in allowed:
                msg = _("%(kind)s là cổng cấp cao nhất, không có trang cấp trên.")
            elif parent_kind is None:
                msg = _("%(kind)s phải thuộc một cổng/trang cấp trên.")
            else:
                msg = _("%(kind)s không thể trực thuộc %(parent_kind)s.")
            return {
                "parent": msg
                % {
                    "kind": SiteKind(self.kind).label,
                    "parent_kind": SiteKind(parent_kind).label if parent_kind else "",
                }
            }
        if (
            self.parent_id
            and self.pk
            and self.parent is not None
            and (self.parent_id == self.pk or any(a.pk == self.pk for a in self.parent.ancestors()))
        ):
            return {"parent": _("Không thể chọn trang cấp trên tạo thành vòng lặp.")}
        return {}

    def save(self, *args, **kwargs):
        if not self.schema_name and self.slug:
            self.schema_name = self.schema_name_for(self.slug)
        super().save(*args, **kwargs)


def validate_hostname(value: str):
    if not HOSTNAME_RE.match(value or ""):
        raise ValidationError(
            _("“%(value)s” không phải là tên miền hợp lệ (ví dụ: sokhcn.tuyenquang.gov.vn)."),
            params={"value": value},
        )
    if value in settings.CONSOLE_HOSTS:
        raise ValidationError(_("Tên miền này dành cho bảng điều khiển vận hành."))


class Domain(DomainMixin):
    """A host name of a site. Exactly one per site is primary; others redirect to it."""

    #: declared by django-tenants' DomainMixin (untyped); annotated here for the checker
    domain: str

    class Meta:
        verbose_name = _("tên miền")
        verbose_name_plural = _("tên miền")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant"], condition=Q(is_primary=True), name="one_primary_domain_per_site"
            )
        ]

    def clean(self):
        self.domain = (self.domain or "").strip().lower().rstrip(".")
        validate_hostname(self.domain)
        clash = type(self).objects.filter(domain=self.domain).exclude(pk=self.pk).first()
        if clash is not None:
            raise ValidationError(
                {
                    "domain": _("Tên miền %(domain)s đã được trang “%(site)s” sử dụng.")
                    % {"domain": self.domain, "site": clash.tenant.name}
                }
            )


class AuditEvent(models.Model):
    """The platform audit trail: who did what to which site, and when."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.CharField(_("người thực hiện"), max_length=150)
    action = models.CharField(_("thao tác"), max_length=64)
    site = models.ForeignKey(
        Tenant,
        verbose_name=_("trang"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    site_key = models.CharField(_("mã trang"), max_length=41, blank=True)
    details = models.JSONField(_("chi tiết"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký vận hành")
        verbose_name_plural = _("nhật ký vận hành")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.site_key}"


def record(actor, action: str, site: Tenant | None = None, **details) -> AuditEvent:
    """Write one entry of the platform audit trail."""
    name = getattr(actor, "get_username", lambda: str(actor))()
    return AuditEvent.objects.create(
        actor=name or "system",
        action=action,
        site=site,
        site_key=site.slug if site else "",
        details=details,
    )


class OperatorSignIn(models.Model):
    """One signed link the console issued for an operator to enter a site's admin
    (``accounts.operator``): its nonce, so that the link works once."""

    site_key = models.CharField(_("mã trang"), max_length=41, db_index=True)
    operator = models.CharField(_("người vận hành"), max_length=150)
    nonce = models.CharField(_("mã dùng một lần"), max_length=64, unique=True)
    issued_at = models.DateTimeField(_("thời điểm cấp"))
    used_at = models.DateTimeField(_("thời điểm sử dụng"), null=True, blank=True)
    ended_at = models.DateTimeField(_("thời điểm kết thúc phiên"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt vào trang quản trị của người vận hành")
        verbose_name_plural = _("lượt vào trang quản trị của người vận hành")
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.operator} → {self.site_key} {self.issued_at:%Y-%m-%d %H:%M}"
