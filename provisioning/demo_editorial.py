"""The board's rules in the demo (docs/editorial-rules.md): on the provincial portal,
one article published in an emergency by the head and still awaiting the board's
retrospective approval, and a week's delegation of the deputy's step to the secretary."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.text import nfc

#: the demo site that shows them
PORTAL = "tuyenquang"

EMERGENCY_TITLE = "Cảnh báo mưa lớn, lũ quét và sạt lở đất tại các xã phía Bắc tỉnh"
EMERGENCY_REASON = (
    "Công điện khẩn của Ban Chỉ huy Phòng thủ dân sự tỉnh: phải thông tin ngay trong ngày "
    "(Điều 7.2, thiên tai)."
)


def build_board_rules() -> None:
    """In the active schema (a freshly built demo portal): the emergency article and the
    delegation, by the board's head and secretary (board.yaml's roles); nothing when
    the editorial app is not installed."""
    from django.apps import apps

    if not apps.is_installed("editorial"):
        return
    from wagtail.models import Locale

    from editorial import services
    from news.models import NewsArticlePage, NewsIndexPage
    from provisioning.board import roles

    User = get_user_model()

    def member(role):
        return User.objects.filter(groups__name=roles()[role]["name"]).order_by("pk").first()

    head, secretary = member("truong_ban"), member("thu_ky")
    if head is None or secretary is None:
        return
    vi = Locale.objects.get(language_code="vi")
    index = NewsIndexPage.objects.get(locale=vi)
    article = NewsArticlePage(
        title=nfc(EMERGENCY_TITLE),
        slug="canh-bao-mua-lon-lu-quet",
        locale=vi,
        live=False,
        lead=nfc(
            "Từ đêm nay đến hết ngày mai, các xã phía Bắc tỉnh có mưa to đến rất to; nguy cơ "
            "cao xảy ra lũ quét, sạt lở đất. Người dân không qua ngầm, tràn khi nước chảy xiết."
        ),
        author=nfc("Ban Biên tập"),
    )
    index.add_child(instance=article)
    article.save_revision(user=secretary)
    services.publish_urgently(article, head, nfc(EMERGENCY_REASON))

    workflow = article.get_workflow()
    deputy_step = workflow.tasks.specific()[1]  # "Phó Trưởng Ban Biên tập duyệt"
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    services.delegate(
        head,
        deputy_step,
        secretary,
        today,
        today + dt.timedelta(days=7),
        nfc("Phó Trưởng Ban đi công tác một tuần"),
    )
