"""The demo portal's royalties: two authors, a rate table and one approved statement."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from royalties import services
from royalties.models import Contributor, Rate, Statement


def build() -> Statement | None:
    """Credit the portal's latest articles to two authors and approve a month's statement."""
    from news.models import NewsArticlePage

    if Rate.objects.exists():
        return None
    start = dt.date(2020, 1, 1)
    Rate.objects.create(kind="news", amount=150_000, valid_from=start)
    Rate.objects.create(kind="article", points=3, point_value=150_000, valid_from=start)
    Rate.objects.create(kind="photo", amount=80_000, valid_from=start)
    reporter = Contributor.objects.create(
        full_name="Nguyễn Thị Hồng Ánh", pen_name="Hồng Ánh", kind=Contributor.Kind.BOARD
    )
    outside = Contributor.objects.create(full_name="Lò Văn Páo", pen_name="Văn Páo")
    articles = list(NewsArticlePage.objects.live().order_by("-first_published_at")[:6])
    if not articles:
        return None
    for number, page in enumerate(articles):
        services.add_author(
            page,
            reporter if number % 2 == 0 else outside,
            "article" if number % 3 == 0 else "news",
        )
    day = timezone.localtime(articles[0].first_published_at).date()
    start, end, label = services.period(day.year, month=day.month)
    statement = services.build_statement(reporter, start, end, label)
    head = get_user_model().objects.filter(groups__name="Trưởng Ban Biên tập").first()
    head = head or get_user_model().objects.filter(is_superuser=True).first()
    if head is not None:
        statement = services.approve(statement, head)
    return statement
