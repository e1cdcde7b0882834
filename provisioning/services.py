"""Creating sites: validate a spec, create the schema, build the skeleton and the
editorial board.

The one service behind every door: ``manage.py provision_site`` (one site),
``manage.py provision_province`` (a province file), the console's job
(provisioning.tasks) and the demo. Everything happens in one database
transaction -- PostgreSQL's DDL is transactional -- so a provisioning that fails
part-way leaves no schema, no registry row, no domain and no account behind; the
board's e-mails go out only once it has committed.

A schema is cloned from the site template (provisioning.template), or made by
running the migrations when no current template exists. The skeleton comes from
``skeletons/<kind>.yaml`` (provisioning.skeleton), the board from ``board.yaml``
(provisioning.board).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django_tenants.utils import get_public_schema_name, schema_context

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import nfc
from deadlines import services as deadline_services
from provisioning import board as boards
from provisioning import skeleton
from provisioning.board import Member
from tenants import services as tenant_services
from tenants.models import Domain, SiteStatus, Tenant, record

logger = logging.getLogger(__name__)

#: the steps of a provisioning, as its progress reports them
STEPS = {
    "validate": gettext_lazy("Kiểm tra thông tin"),
    "schema": gettext_lazy("Tạo cơ sở dữ liệu của trang"),
    "skeleton": gettext_lazy("Tạo khung trang và chuyên mục"),
    "board": gettext_lazy("Tạo Ban Biên tập và quy trình duyệt"),
    "activate": gettext_lazy("Kích hoạt tên miền"),
}


@dataclass
class SiteSpec:
    """What the operations centre says about a new site."""

    slug: str
    name: str
    kind: str
    domains: list[str]
    name_en: str = ""
    parent: str | None = None
    #: empty: the theme whose manifest lists this kind of site (core.theming)
    theme: str = ""
    #: None: the languages of the kind's skeleton
    languages: list[str] | None = None
    board: list[Member] = field(default_factory=list)

    def __post_init__(self):
        self.slug = (self.slug or "").strip()
        self.name = nfc(self.name).strip()
        self.name_en = nfc(self.name_en).strip()
        self.parent = (self.parent or "").strip() or None
        self.domains = [d.strip().lower().rstrip(".") for d in self.domains if d and d.strip()]
        self.board = [m if isinstance(m, Member) else Member(**m) for m in self.board]
        if not self.theme:
            from core.theming import default_theme_for

            self.theme = default_theme_for(self.kind)
        if self.languages is None:
            self.languages = list(skeleton.for_kind(self.kind).get("languages", ["vi"]))


def validate(spec: SiteSpec) -> tuple[Tenant, list[Domain]]:
    """Check a spec against the registry; return unsaved rows or raise ValidationError."""
    parent = None
    if spec.parent:
        parent = Tenant.objects.filter(slug=spec.parent).first()
        if parent is None:
            raise ValidationError(
                {
                    "parent": _("Không tìm thấy trang cấp trên có mã “%(slug)s”.")
                    % {"slug": spec.parent}
                }
            )
    tenant = Tenant(
        slug=spec.slug,
        name=spec.name,
        name_en=spec.name_en,
        kind=spec.kind,
        parent=parent,
        theme=spec.theme,
        languages=spec.languages,
        status=SiteStatus.PROVISIONING,
    )
    tenant.schema_name = Tenant.schema_name_for(spec.slug)
    errors = {}
    try:
        tenant.full_clean(exclude=["schema_name"] if not spec.slug else None)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if not spec.domains:
        errors.setdefault("domains", []).append(_("Trang phải có ít nhất một tên miền."))
    if len(set(spec.domains)) != len(spec.domains):
        errors.setdefault("domains", []).append(_("Danh sách tên miền bị trùng lặp."))
    domains = []
    for index, host in enumerate(spec.domains):
        domain = Domain(domain=host, is_primary=index == 0)
        try:
            domain.full_clean(exclude=["tenant"])
        except ValidationError as exc:
            errors.setdefault("domains", []).extend(
                message for messages in exc.message_dict.values() for message in messages
            )
        domains.append(domain)
    board_errors = boards.validate_members(spec.board)
    if board_errors:
        errors.setdefault("board", []).extend(board_errors)
    if errors:
        raise ValidationError(errors)
    return tenant, domains


Progress = Callable[[str], None]


def provision_site(
    spec: SiteSpec,
    *,
    actor="system",
    progress: Progress | None = None,
    invite: bool = True,
    clone: bool = True,
) -> Tenant:
    """Create a complete, active site from ``spec``, or nothing at all.

    ``progress`` is called with each step's key (``STEPS``) as it starts. The board's
    members are e-mailed their set-password links once the transaction commits
    (``invite=False``: not at all, e.g. the demo, which sets passwords itself).
    """
    progress = progress or (lambda step: None)
    progress("validate")
    tenant, domains = validate(spec)
    # Committed with the new site's schema active, so that the on-commit hooks of its
    # pages (redirects, page cache) act there; the registry is written in public.
    with schema_context(tenant.schema_name), transaction.atomic():
        with schema_context(get_public_schema_name()):
            tenant.save()
            for domain in domains:
                domain.tenant = tenant
                domain.save()
            users = build_site(tenant, board=spec.board, clone=clone, progress=progress)
            record(
                actor,
                "site.created",
                tenant,
                domains=spec.domains,
                board=[{"email": m.email, "role": m.role} for m in spec.board],
            )
        if invite and users:
            boards.invite_on_commit(tenant, users)
    logger.info("Provisioned site %s (%s)", tenant.slug, tenant.schema_name)
    return tenant


def build_site(
    tenant: Tenant, *, board=(), clone: bool = True, progress: Progress | None = None
) -> list:
    """Create the schema of a registered site, its skeleton and its editorial board
    (``board``: Members), then activate it: the site turns active and its schema's
    Wagtail Site is derived from its primary domain (``tenants.services.apply_domains``).
    Returns the board's new accounts.

    The schema is cloned from the site template when a current one exists
    (provisioning.template), else made by running every migration (the fallback,
    and the benchmark's baseline with ``clone=False``).
    """
    from provisioning import template

    progress = progress or (lambda step: None)
    progress("schema")
    with connection.cursor() as cursor:
        # Migrations that insert rows and then alter the same tables cannot run in
        # one transaction while foreign-key checks are deferred to its commit.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    if not (clone and template.clone_schema(tenant.schema_name)):
        tenant.create_schema(check_if_exists=True, verbosity=0)
    with schema_context(tenant.schema_name):
        progress("skeleton")
        skeleton.build(tenant)
        progress("board")
        workflow = skeleton.for_kind(tenant.kind).get("workflow", "government")
        boards.set_up_board(workflow)
        deadline_services.seed_rules(workflow)
        users = boards.add_members(list(board))
    progress("activate")
    tenant.status = SiteStatus.ACTIVE
    tenant.save(update_fields=["status", "updated_at"])
    # the schema exists now: its Wagtail Site follows the domains saved with the site
    tenant_services.apply_domains(tenant)
    return users
