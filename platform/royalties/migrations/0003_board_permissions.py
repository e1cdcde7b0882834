"""Give the board's groups of sites provisioned before it their royalty permissions
(provisioning/board.yaml does it for new sites): the head sets the rate table and reads
statements; the site administrator and the secretary manage the authors; the others read."""

from django.db import migrations

#: role groups (provisioning/board.yaml) → permission codenames of this app
GRANTS = {
    "Quản trị trang": [
        "view_contributor", "add_contributor", "change_contributor", "delete_contributor",
        "view_articleauthor", "view_rate", "view_statement",
    ],
    "Trưởng Ban Biên tập": [
        "view_contributor", "view_articleauthor",
        "view_rate", "add_rate", "change_rate", "delete_rate", "view_statement",
    ],
    "Phó Trưởng Ban Biên tập": ["view_contributor", "view_articleauthor", "view_rate"],
    "Thư ký Ban Biên tập": [
        "view_contributor", "add_contributor", "change_contributor", "delete_contributor",
        "view_articleauthor", "view_rate",
    ],
    "Biên tập viên": ["view_contributor", "view_articleauthor"],
}  # fmt: skip


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # the permission rows are made after every migration (post_migrate): make them now
    config = apps.get_app_config("royalties")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="royalties")
    }
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.add(
            *[permissions[name] for name in GRANTS[group.name] if name in permissions]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("royalties", "0002_article_authors_in_the_editor"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
