"""The board's form for one item: assign, answer, decline, mark duplicate."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from participation import forwarding, services
from participation.models import State, Submission
from participation.protection import clean_text

ACTIONS = [
    ("assign", _("Giao xử lý")),
    ("answer", _("Trả lời (tạo bản nháp trang trả lời, đăng sau khi được duyệt)")),
    ("decline", _("Không tiếp nhận (báo lý do cho người gửi)")),
    ("duplicate", _("Đánh dấu trùng với câu hỏi khác")),
    ("forward", _("Chuyển đến trang có thẩm quyền")),
]


class ProcessForm(WagtailAdminModelForm):
    action = forms.ChoiceField(label=_("Việc cần làm"), choices=ACTIONS, widget=forms.RadioSelect)
    duplicate_code = forms.CharField(label=_("Mã của câu hỏi trùng"), max_length=20, required=False)
    forward_to = forms.TypedChoiceField(
        label=_("Chuyển đến trang"), coerce=int, required=False, empty_value=None
    )
    forward_note = forms.CharField(
        label=_("Ghi chú cho trang nhận"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    class Meta:
        model = Submission
        fields = ["assignee", "unit", "answer", "answering_body", "decline_reason"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .order_by("last_name", "first_name", "username")
        )
        # forwarding: only to the sites below this one, and never an item forwarded in
        self.targets = (
            {}
            if self.instance.forwarded_from
            else {site.pk: site for site in forwarding.targets(forwarding.current_tenant())}
        )
        self.fields["forward_to"].choices = [("", "---------")] + [
            (pk, site.name) for pk, site in self.targets.items()
        ]
        if not self.targets:
            del self.fields["forward_to"], self.fields["forward_note"]
            self.fields["action"].choices = [a for a in ACTIONS if a[0] != "forward"]

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        for name in ("unit", "answer", "answering_body", "decline_reason"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = clean_text(cleaned[name])
        if action == "assign" and not cleaned.get("assignee") and not cleaned.get("unit"):
            self.add_error("assignee", _("Chọn người hoặc ghi đơn vị được giao."))
        if action == "answer":
            if not cleaned.get("answer"):
                self.add_error("answer", _("Cần viết nội dung trả lời."))
            if not cleaned.get("answering_body"):
                self.add_error("answering_body", _("Cần ghi cơ quan trả lời."))
            if not self.instance.page_id:
                raise ValidationError(_("Câu hỏi này không thuộc trang hỏi – đáp nào."))
        if action == "decline" and not cleaned.get("decline_reason"):
            self.add_error("decline_reason", _("Cần ghi lý do để báo cho người gửi."))
        if action == "duplicate":
            code = (cleaned.get("duplicate_code") or "").strip().upper()
            original = Submission.objects.exclude(pk=self.instance.pk).filter(code=code).first()
            if original is None:
                self.add_error("duplicate_code", _("Không có câu hỏi nào mang mã này."))
            cleaned["original"] = original
        if action == "forward":
            if not cleaned.get("forward_to") or cleaned["forward_to"] not in self.targets:
                self.add_error("forward_to", _("Chọn trang có thẩm quyền nhận câu hỏi."))
            if self.instance.state not in (State.RECEIVED, State.ASSIGNED):
                raise ValidationError(_("Chỉ chuyển được câu hỏi chưa trả lời."))
            cleaned["forward_note"] = clean_text(cleaned.get("forward_note") or "")
        if self.instance.state in (State.DECLINED, State.DUPLICATE, State.FORWARDED):
            raise ValidationError(_("Mục này đã kết thúc xử lý."))
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        submission = Submission.objects.select_for_update().get(pk=self.instance.pk)
        data = self.cleaned_data
        action = data["action"]
        if action == "assign":
            services.assign(submission, user=data.get("assignee"), unit=data.get("unit", ""))
        elif action == "answer":
            services.write_answer(
                submission,
                answer=data["answer"],
                answering_body=data["answering_body"],
                user=self.for_user,
            )
        elif action == "decline":
            services.decline(submission, data["decline_reason"])
        elif action == "duplicate":
            services.mark_duplicate(submission, data["original"])
        elif action == "forward":
            forwarding.forward(
                submission,
                self.targets[data["forward_to"]],
                note=data["forward_note"],
                user=self.for_user,
            )
        self.instance: Submission = submission
        return submission
