from django.core.management.base import BaseCommand, CommandError

from provisioning.template import TemplateError, refresh_template


class Command(BaseCommand):
    help = "Dựng lại lược đồ mẫu mà các trang mới được nhân bản từ đó (chạy sau mỗi lần di trú)."

    def handle(self, *args, **options):
        try:
            template = refresh_template()
        except TemplateError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Đã dựng lại lược đồ mẫu {template}.")
