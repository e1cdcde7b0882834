"""A site's editorial board in the console: its page, and one view per change.

The page (GET) lists the accounts, the form to add a member and the history. Each
change posts to a URL of its own (``TenantAdmin.get_urls``), calls the service in
``provisioning.members`` (one transaction with its audit entry) and redirects back
to the page with a message; a refusal is an error message and changes nothing.
The change views answer only POST (GET: 405).
"""

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views import View

from provisioning import members
from provisioning.board import role_choices
from provisioning.console.forms import AddMemberForm, WorkflowForm
from tenants.models import AuditEvent, SiteStatus, Tenant

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class BoardView(View):
    """Base of the board's views: the site, if the operator may change it."""

    #: the console's ``TenantAdmin`` (its site, permissions and options), given to ``as_view``
    model_admin: Any = None

    def site(self, request, object_id) -> Tenant:
        tenant = get_object_or_404(Tenant, pk=object_id)
        if (
            not self.model_admin.has_change_permission(request, tenant)
            or tenant.status == SiteStatus.PROVISIONING
        ):
            raise PermissionDenied
        return tenant

    def render_page(self, request, tenant, add_form=None):
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": _("Ban Biên tập"),
            "opts": self.model_admin.opts,
            "original": tenant,
            "accounts": members.accounts(tenant),
            "roles": role_choices(),
            "add_form": add_form if add_form is not None else AddMemberForm(),
            "history": AuditEvent.objects.filter(
                site_key=tenant.slug, action__startswith="board."
            ).order_by("-at")[:50],
        }
        return TemplateResponse(request, "admin/tenants/tenant/board.html", context)


class BoardPage(BoardView):
    """The site's board: accounts, the form to add a member, the history of changes."""

    http_method_names = ["get", "head"]

    def get(self, request, object_id):
        return self.render_page(request, self.site(request, object_id))


class MemberChange(BoardView):
    """One change to one account (``username``): ``change`` does it and returns the
    user; ``done`` is the message, with ``%(username)s``."""

    http_method_names = ["post"]
    done: "StrOrPromise" = ""

    def change(self, request, tenant, username):
        raise NotImplementedError

    def post(self, request, object_id, username):
        tenant = self.site(request, object_id)
        try:
            user = self.change(request, tenant, username)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.done % {"username": user.get_username()})
        return redirect("console:tenants_tenant_board", tenant.pk)


class ChangeRole(MemberChange):
    done = _("Đã đổi vai trò của %(username)s.")

    def change(self, request, tenant, username):
        return members.change_role(tenant, request.user, username, request.POST.get("role", ""))


class Disable(MemberChange):
    done = _("Đã vô hiệu hoá tài khoản %(username)s.")

    def change(self, request, tenant, username):
        return members.set_active(tenant, request.user, username, False)


class Enable(MemberChange):
    done = _("Đã kích hoạt lại tài khoản %(username)s.")

    def change(self, request, tenant, username):
        return members.set_active(tenant, request.user, username, True)


class SendLink(MemberChange):
    done = _("Đã gửi đường dẫn đặt mật khẩu mới cho %(username)s.")

    def change(self, request, tenant, username):
        return members.send_link(tenant, request.user, username)


class AddMember(BoardView):
    """A new member, who is e-mailed a link to set their password once it commits.
    A form with mistakes is shown again on the board's page, as typed."""

    http_method_names = ["post"]

    def post(self, request, object_id):
        tenant = self.site(request, object_id)
        form = AddMemberForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kiểm tra lại thông tin thành viên mới."))
            return self.render_page(request, tenant, add_form=form)
        try:
            user = members.add_member(tenant, request.user, form.member())
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return self.render_page(request, tenant, add_form=form)
        messages.success(
            request,
            _("Đã thêm %(username)s và gửi đường dẫn đặt mật khẩu.")
            % {"username": user.get_username()},
        )
        return redirect("console:tenants_tenant_board", tenant.pk)


class ResetTwoFactor(MemberChange):
    """A member (the site administrator above all) lost their phone: their devices go,
    and they enrol again at the next sign-in."""

    done = _("Đã đặt lại xác thực hai bước của %(username)s.")

    def change(self, request, tenant, username):
        return members.reset_two_factor(tenant, request.user, username)


class ChangeWorkflow(BoardView):
    """The site's approval workflow (GET: the current one and the presets; POST: the
    change, ``members.change_workflow``), for pages not yet in moderation."""

    http_method_names = ["get", "head", "post"]

    def render_form(self, request, tenant, form):
        from django_tenants.utils import schema_context

        from provisioning import board

        with schema_context(tenant.schema_name):
            workflow = board.current_workflow()
            steps = [task.name for task in workflow.tasks.all()] if workflow else []
            preset = board.current_preset()
        context = {
            **self.model_admin.admin_site.each_context(request),
            "title": _("Quy trình duyệt tin bài"),
            "opts": self.model_admin.opts,
            "original": tenant,
            "form": form,
            "workflow": workflow,
            "steps": steps,
            "preset": preset,
            "history": AuditEvent.objects.filter(
                site_key=tenant.slug, action="board.workflow_changed"
            ).order_by("-at")[:20],
        }
        return TemplateResponse(request, "admin/tenants/tenant/workflow.html", context)

    def get(self, request, object_id):
        tenant = self.site(request, object_id)
        return self.render_form(request, tenant, WorkflowForm())

    def post(self, request, object_id):
        tenant = self.site(request, object_id)
        form = WorkflowForm(request.POST)
        if form.is_valid():
            try:
                done = members.change_workflow(tenant, request.user, form.cleaned_data["preset"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, done)
                return redirect("console:tenants_tenant_board_workflow", tenant.pk)
        return self.render_form(request, tenant, form)
