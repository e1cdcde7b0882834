"""Every site gets DOMAIN.md's deadline rules (the Party committee's period follows
its workflow: 5 working days on a Quảng Trị Party portal, else 2), and its site
administrator and head may edit them (provisioning/board.yaml gives the same to
new sites)."""

from django.db import migrations

EDITORS = ("Quản trị trang", "Trưởng Ban Biên tập")
QUANG_TRI = "Quảng Trị"

# kind → (amount, unit, runs from), as deadlines.kinds.DEFAULTS on the day of writing
DEFAULTS = {
    "event_news": (8, "working_hours", "event_end"),
    "event_report": (1, "calendar_days", "event_end"),
    "legal_normative": (7, "working_days", "received"),
    "administrative": (2, "working_days", "received"),
    "emergency": (0, "same_day", "received"),
    "planning": (15, "calendar_days", "signed"),
    "projects": (2, "working_days", "signed"),
    "science": (10, "working_days", "signed"),
    "party_committee": (2, "working_days", "signed"),
    "party_advisory": (3, "working_days", "signed"),
    "other": (5, "working_days", "signed"),
}


def seed(apps, schema_editor):
    Rule = apps.get_model("deadlines", "DeadlineRule")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    link = WorkflowPage.objects.filter(page__depth=1).select_related("workflow").first()
    quang_tri = bool(link and QUANG_TRI in link.workflow.name)
    have = set(Rule.objects.values_list("kind", flat=True))
    rows = []
    for kind, (amount, unit, runs) in DEFAULTS.items():
        if kind in have:
            continue
        if kind == "party_committee" and quang_tri:
            amount = 5
        rows.append(Rule(kind=kind, amount=amount, unit=unit, runs_from=runs))
    Rule.objects.bulk_create(rows)


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    rule_type, _ = ContentType.objects.get_or_create(app_label="deadlines", model="deadlinerule")
    perms = []
    for action in ("view", "add", "change"):
        perm, _ = Permission.objects.get_or_create(
            content_type=rule_type,
            codename=f"{action}_deadlinerule",
            defaults={"name": f"Can {action} quy định thời hạn đăng tin"},
        )
        perms.append(perm)
    for group in Group.objects.filter(name__in=EDITORS):
        group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
