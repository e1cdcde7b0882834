from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateTimeInput

from editorial.models import BoardApprovalTask


class EmergencyPublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do đăng khẩn"),
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=10,
        max_length=2000,
        help_text=_(
            "Ví dụ: cảnh báo thiên tai, dịch bệnh, văn bản phải đăng ngay trong ngày "
            "(Quy chế, Điều 7.2). Lý do được ghi vào nhật ký và Ban Biên tập vẫn phải "
            "duyệt bài sau khi đăng."
        ),
        error_messages={
            "required": _("Hãy ghi rõ lý do đăng khẩn."),
            "min_length": _("Hãy ghi rõ lý do đăng khẩn (ít nhất 10 ký tự)."),
        },
    )


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name() or obj.get_username()} ({obj.get_username()})"


class DelegationForm(forms.Form):
    task = forms.ModelChoiceField(
        label=_("Bước được ủy quyền"),
        queryset=BoardApprovalTask.objects.filter(
            active=True, workflow_tasks__workflow__active=True
        ).order_by("workflow_tasks__sort_order"),
        empty_label=None,
    )
    delegate = MemberChoiceField(
        label=_("Người được ủy quyền"),
        queryset=get_user_model()
        .objects.filter(is_active=True, groups__isnull=False)
        .distinct()
        .order_by("first_name", "last_name", "username"),
        error_messages={"invalid_choice": _("Chỉ ủy quyền cho thành viên Ban Biên tập của trang.")},
    )
    starts_at = forms.DateTimeField(label=_("Từ"), widget=AdminDateTimeInput)
    ends_at = forms.DateTimeField(label=_("Đến"), widget=AdminDateTimeInput)
    reason = forms.CharField(label=_("Lý do, căn cứ"), max_length=500, required=False)

    def __init__(self, *args, delegator=None, **kwargs):
        super().__init__(*args, **kwargs)
        delegate = self.fields["delegate"]
        assert isinstance(delegate, MemberChoiceField)
        if delegator is not None and delegate.queryset is not None:
            delegate.queryset = delegate.queryset.exclude(pk=delegator.pk)
