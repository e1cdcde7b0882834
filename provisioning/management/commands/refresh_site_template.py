from django.core.management.base import BaseCommand

from provisioning.template import refresh_template


class Command(BaseCommand):
    help = "Dựng lại lược đồ mẫu mà các trang mới được nhân bản từ đó (chạy sau mỗi lần di trú)."

    def handle(self, *args, **options):
        template = refresh_template()
        self.stdout.write(f"Đã dựng lại lược đồ mẫu {template}.")
