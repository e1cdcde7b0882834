"""The steps of the workflows of sites provisioned before the board's rules became
``BoardApprovalTask`` (delegation, no superuser shortcut): each Wagtail group
approval task of the schema becomes one, keeping its id, name, groups and history."""

from django.db import migrations


def convert(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    board_type, _ = ContentType.objects.get_or_create(
        app_label="editorial", model="boardapprovaltask"
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT task_ptr_id FROM wagtailcore_groupapprovaltask")
        ids = [row[0] for row in cursor.fetchall()]
        for task_id in ids:
            cursor.execute(
                "INSERT INTO editorial_boardapprovaltask (task_ptr_id) VALUES (%s)", [task_id]
            )
            cursor.execute(
                "INSERT INTO editorial_boardapprovaltask_groups (boardapprovaltask_id, group_id) "
                "SELECT groupapprovaltask_id, group_id FROM wagtailcore_groupapprovaltask_groups "
                "WHERE groupapprovaltask_id = %s",
                [task_id],
            )
            cursor.execute(
                "DELETE FROM wagtailcore_groupapprovaltask_groups WHERE groupapprovaltask_id = %s",
                [task_id],
            )
            cursor.execute(
                "DELETE FROM wagtailcore_groupapprovaltask WHERE task_ptr_id = %s", [task_id]
            )
            cursor.execute(
                "UPDATE wagtailcore_task SET content_type_id = %s WHERE id = %s",
                [board_type.pk, task_id],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(convert, migrations.RunPython.noop)]
