"""Existing sites: their skeleton's "Lấy ý kiến dự thảo" section (a content page,
slug ``lay-y-kien-du-thao``) becomes the index of drafts (its lead kept, its body
and attached files as the index's introduction), and the board may moderate
comments (provisioning/board.yaml gives the same to new sites)."""

import json

from django.db import migrations

SECTION_SLUG = "lay-y-kien-du-thao"
MODERATORS = ("Quản trị trang", "Trưởng Ban Biên tập", "Phó Trưởng Ban Biên tập")
READERS = ("Thư ký Ban Biên tập",)


def _intro(body, Document) -> str:
    html = []
    if hasattr(body, "raw_data"):  # a StreamValue
        data = [dict(block) for block in body.raw_data]
    elif isinstance(body, str):
        data = json.loads(body or "[]")
    else:
        data = list(body or [])
    for block in data:
        if block.get("type") == "paragraph":
            html.append(block.get("value") or "")
        elif block.get("type") == "attachments":
            value = block.get("value") or {}
            links = []
            for pk in value.get("documents") or []:
                document = Document.objects.filter(pk=pk).first()
                if document is not None:
                    title = (document.title or "").replace("<", "").replace(">", "")
                    links.append(f'<li><a linktype="document" id="{pk}">{title}</a></li>')
            if links:
                html.append("<ul>" + "".join(links) + "</ul>")
    return "".join(html)


def convert_sections(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentPage = apps.get_model("sitepages", "ContentPage")
    Index = apps.get_model("consultation", "ConsultationIndexPage")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    Document = apps.get_model("wagtaildocs", "Document")
    index_type, _ = ContentType.objects.get_or_create(
        app_label="consultation", model="consultationindexpage"
    )
    connection = schema_editor.connection
    for section in ContentPage.objects.filter(slug=SECTION_SLUG, depth=3):
        raw_body = ContentPage.objects.filter(pk=section.pk).values_list("body", flat=True)[0]
        intro = _intro(raw_body, Document)
        index = Index(page_ptr_id=section.pk, lead=section.lead, intro=intro)
        index.save_base(raw=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(ContentPage._meta.db_table)} "
                "WHERE page_ptr_id = %s",
                [section.pk],
            )
        Page.objects.filter(pk=section.pk).update(content_type=index_type)
        for revision in Revision.objects.filter(object_id=str(section.pk)):
            content = dict(revision.content or {})
            content.pop("body", None)
            content.update(content_type=index_type.pk, lead=section.lead, intro=intro)
            revision.content = content
            revision.content_type_id = index_type.pk
            revision.save(update_fields=["content", "content_type"])


def grant_moderation(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    comment_type, _ = ContentType.objects.get_or_create(
        app_label="consultation", model="draftcomment"
    )
    perms = {}
    for codename, name in (
        ("view_draftcomment", "Can view ý kiến góp ý dự thảo"),
        ("change_draftcomment", "Can change ý kiến góp ý dự thảo"),
    ):
        perms[codename], _ = Permission.objects.get_or_create(
            content_type=comment_type, codename=codename, defaults={"name": name}
        )
    for group in Group.objects.filter(name__in=MODERATORS):
        group.permissions.add(perms["view_draftcomment"], perms["change_draftcomment"])
    for group in Group.objects.filter(name__in=READERS):
        group.permissions.add(perms["view_draftcomment"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0001_initial"),
        ("sitepages", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(convert_sections, migrations.RunPython.noop),
        migrations.RunPython(grant_moderation, migrations.RunPython.noop),
    ]
