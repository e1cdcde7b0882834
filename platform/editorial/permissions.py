"""Approval cannot be bypassed: the platform's rule for publishing a page.

A page under an approval workflow (every page of a site's tree: provisioning puts
the board's workflow on the root) goes live only when the workflow's last step is
approved (``editorial.workflows.publish_approved``), by a scheduled go-live of a
revision so approved, or by an emergency publish (``editorial.services``). No one
publishes it directly — the site administrator, the heads of the board and the
site's superusers (the operators' service accounts) included — in the page
editor, on creation, from the revisions, in bulk, by copying with "publish
copies", or through the admin's API: all of them ask ``can_publish()`` or
``can_publish_subpage()`` of the page's permission tester, or run
``PublishPageRevisionAction``, which asks the same.

What else the ``publish`` permission opens in Wagtail (unpublishing, privacy,
unscheduling, reordering) stays with whoever holds it: those do not put
unapproved content in front of visitors.

Wagtail builds the tester in ``Page.permissions_for_user``; :func:`install`
replaces that method for every page type (called from ``EditorialConfig.ready``).
"""

from wagtail.models import Page, PagePermissionTester


class ApprovalPagePermissionTester(PagePermissionTester):
    """Wagtail's page permission tester, with direct publishing refused under a workflow."""

    def _holds_publish_permission(self) -> bool:
        return self.user.is_active and (self.user.is_superuser or "publish" in self.permissions)

    def _under_workflow(self) -> bool:
        if not hasattr(self, "_workflow_checked"):
            self._workflow_checked = self.page.get_workflow() is not None
        return self._workflow_checked

    def can_publish(self):
        if self._under_workflow():
            return False
        return super().can_publish()

    def can_publish_subpage(self):
        # a new page under this one is under the same workflow
        if self._under_workflow():
            return False
        return super().can_publish_subpage()

    def can_set_view_restrictions(self):
        return not self.page_is_root and self._holds_publish_permission()

    def can_unschedule(self):
        return not self.page_is_root and self._holds_publish_permission()


def _permissions_for_user(self, user):
    return ApprovalPagePermissionTester(user, self)


def install() -> None:
    Page.permissions_for_user = _permissions_for_user
