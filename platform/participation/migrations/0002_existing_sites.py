"""Existing sites: their *Hỏi – đáp* content page (slug ``hoi-dap``, made by the
skeleton before this app) becomes a Q&A page, keeping its id, URL, title and lead;
the board's groups get the inbox's permissions (provisioning/board.yaml does it
for new sites)."""

from django.db import migrations

from participation.models.pages import DEFAULT_FIELDS, DEFAULT_NOTICE

#: role groups (provisioning/board.yaml) → permission codenames of this app
GRANTS = {
    "Quản trị trang": ["view_submission", "change_submission", "change_participationsettings"],
    "Trưởng Ban Biên tập": ["view_submission", "change_submission"],
    "Phó Trưởng Ban Biên tập": ["view_submission", "change_submission"],
    "Thư ký Ban Biên tập": ["view_submission", "change_submission"],
    "Biên tập viên": ["view_submission", "change_submission"],
}


def convert(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    try:
        ContentPage = apps.get_model("sitepages", "ContentPage")
    except LookupError:
        return
    QAPage = apps.get_model("participation", "QAPage")
    qa_type, _ = ContentType.objects.get_or_create(app_label="participation", model="qapage")
    page_type = ContentType.objects.get_for_model(ContentPage)
    for old in ContentPage.objects.filter(slug="hoi-dap", depth=3):
        page = Page.objects.get(pk=old.pk)
        lead = old.lead
        # the multi-table child row changes, the page row stays (id, path, URL)
        ContentPage.objects.filter(pk=old.pk)._raw_delete(schema_editor.connection.alias)
        qa = QAPage(page_ptr_id=page.pk, lead=lead, fields_list=DEFAULT_FIELDS,
                    privacy_notice=DEFAULT_NOTICE)
        qa.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.fields})
        qa.save_base(raw=True)
        Page.objects.filter(pk=page.pk).update(content_type=qa_type)
        for revision in Revision.objects.filter(object_id=str(page.pk), content_type=page_type):
            revision.content = {**revision.content, "content_type": qa_type.pk, "lead": lead}
            revision.content_type = qa_type
            revision.save(update_fields=["content", "content_type"])


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    names = {
        "submission": "câu hỏi, phản ánh",
        "participationsettings": "Hỏi – đáp",
    }
    for group_name, codenames in GRANTS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for codename in codenames:
            model = codename.split("_", 1)[1]
            content_type, _ = ContentType.objects.get_or_create(
                app_label="participation", model=model
            )
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.split('_')[0]} {names[model]}"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("sitepages", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(convert, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
