"""Give the site administrators (Quản trị trang) of sites provisioned before it the
permission to change the upload policy; new sites get it from provisioning/board.yaml."""

from django.db import migrations

ROLE = "Quản trị trang"


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # the permission rows are made after every migration (post_migrate): make them now
    config = apps.get_app_config("accounts")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="accounts", codename="change_uploadpolicy"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name=ROLE):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_uploadpolicy"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
