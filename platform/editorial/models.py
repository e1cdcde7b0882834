"""The board's rules as data: the approval steps (with delegation), the delegations
themselves and what was done under them, and emergency publications.

All in each site's own schema (a TENANT app): a board's rules and records are its own.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask, TaskState


class BoardApprovalTask(AbstractGroupApprovalTask):
    """A step of the board's approval workflow (``provisioning/board.yaml``).

    Held by the members of its groups and by whoever has a delegation of it in
    force (:class:`Delegation`). Unlike Wagtail's group approval task, a superuser
    does not hold a step by being a superuser: the regulations make the board,
    not the platform's operators, accountable for what is published.
    """

    def _user_in_groups(self, user):
        cache_attr = "_board_task_checks"
        checks = getattr(user, cache_attr, None)
        if checks is None:
            checks = {}
            setattr(user, cache_attr, checks)
        if self.pk not in checks:
            checks[self.pk] = bool(user.is_authenticated and user.is_active) and (
                self.groups.filter(id__in=user.groups.all()).exists()
                or Delegation.objects.in_force().filter(task=self, delegate=user).exists()
            )
        return checks[self.pk]

    def user_can_access_editor(self, obj, user):
        return self._user_in_groups(user)

    def locked_for_user(self, obj, user):
        return not self._user_in_groups(user)

    def get_actions(self, obj, user):
        if self._user_in_groups(user):
            return [
                ("reject", _("Yêu cầu sửa"), True),
                ("approve", _("Duyệt"), False),
                ("approve", _("Duyệt kèm ý kiến"), True),
            ]
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if self._user_in_groups(user):
            return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        return TaskState.objects.none()

    @classmethod
    def get_description(cls):
        return _(
            "Thành viên các nhóm được chọn, và người được Trưởng Ban ủy quyền trong thời "
            "hạn ủy quyền, duyệt bước này."
        )

    class Meta:
        verbose_name = _("bước duyệt của Ban Biên tập")
        verbose_name_plural = _("các bước duyệt của Ban Biên tập")


class DelegationQuerySet(models.QuerySet):
    def in_force(self, at=None):
        at = at or timezone.now()
        return self.filter(starts_at__lte=at, ends_at__gt=at, revoked_at__isnull=True)


class Delegation(models.Model):
    """The head of the board delegates a step of the workflow to a member for a period
    (ủy quyền: 000 Đ10.1, 002 Đ9). While it is in force the delegate holds the step."""

    task = models.ForeignKey(
        BoardApprovalTask,
        on_delete=models.CASCADE,
        related_name="delegations",
        verbose_name=_("bước được ủy quyền"),
    )
    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ủy quyền"),
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="delegations_received",
        verbose_name=_("người được ủy quyền"),
    )
    starts_at = models.DateTimeField(_("từ"))
    ends_at = models.DateTimeField(_("đến"))
    reason = models.CharField(_("lý do, căn cứ"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("ủy quyền")
        verbose_name_plural = _("ủy quyền")
        ordering = ["-starts_at"]

    def __str__(self):
        return f"{self.delegate} — {self.task} ({self.starts_at:%d/%m/%Y}–{self.ends_at:%d/%m/%Y})"

    @property
    def in_force(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and self.starts_at <= now < self.ends_at

    def clean(self):
        from provisioning.board import member_role

        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")
        if self.delegate_id:
            if member_role(self.delegate) is None:
                errors["delegate"] = _("Chỉ ủy quyền cho thành viên Ban Biên tập của trang.")
            elif self.delegator_id and self.delegate_id == self.delegator_id:
                errors["delegate"] = _("Không thể tự ủy quyền cho chính mình.")
            elif not self.delegate.is_active:
                errors["delegate"] = _("Tài khoản này đang bị vô hiệu hoá.")
        if not errors and self.task_id and self.delegate_id and self.starts_at and self.ends_at:
            overlapping = Delegation.objects.filter(
                task_id=self.task_id,
                delegate_id=self.delegate_id,
                revoked_at__isnull=True,
                starts_at__lt=self.ends_at,
                ends_at__gt=self.starts_at,
            ).exclude(pk=self.pk)
            if overlapping.exists():
                errors["starts_at"] = _(
                    "Người này đã được ủy quyền bước này trong một khoảng thời gian trùng lặp."
                )
        if errors:
            raise ValidationError(errors)


class DelegatedAction(models.Model):
    """One action on a workflow step taken under a delegation (recorded, shown to the board)."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="actions", verbose_name=_("ủy quyền")
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState", on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(_("thao tác"), max_length=20)
    page_title = models.CharField(_("trang"), max_length=255)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("thao tác theo ủy quyền")
        verbose_name_plural = _("thao tác theo ủy quyền")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.action}: {self.page_title}"


class EmergencyPublication(models.Model):
    """A page the head of the board (or the head's delegate for the last step) published
    at once, before approval (đăng khẩn: 003 Đ7.2). The approval that was skipped is
    then still due: the workflow is started on the page and ``approved_at`` is set
    when the board completes it."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("trang")
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("lý do đăng khẩn"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người đăng"),
    )
    published_at = models.DateTimeField(_("thời điểm đăng"), auto_now_add=True)
    approved_at = models.DateTimeField(_("thời điểm được phê duyệt"), null=True, blank=True)

    class Meta:
        verbose_name = _("tin đăng khẩn")
        verbose_name_plural = _("tin đăng khẩn")
        ordering = ["-published_at"]

    def __str__(self):
        return f"{self.page.title} ({self.published_at:%d/%m/%Y %H:%M})"

    @property
    def awaiting_approval(self) -> bool:
        return self.approved_at is None
