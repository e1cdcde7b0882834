"""The board's periodic reports in each site's Wagtail admin (its own site only)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:job_id>/", views.job, name="job"),
    path("<int:job_id>/tai-ve/<str:fmt>/", views.job_file, name="file"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("bao-cao-dinh-ky/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def menu_item():
    return MenuItem(_("Báo cáo định kỳ"), reverse("reports:index"), icon_name="table", order=900)
