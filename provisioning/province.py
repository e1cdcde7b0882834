"""A whole province from one file: every site it lists, created if missing, compared
if present. ``manage.py provision_province <file>``; the format is in
docs/provisioning.md (YAML, or CSV with one site per row).

Re-running a file creates what is missing and reports what differs from the
registry, never changing or duplicating an existing site: the file describes the
province as it was first set up; later changes are made, and audited, in the console.
"""

import csv
import heapq
import io
import logging
import time
from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import yaml
from django_tenants.utils import schema_context

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _

from provisioning.board import Member, member_role
from provisioning.services import SiteSpec, provision_site
from tenants.models import Tenant, record

logger = logging.getLogger(__name__)

SPEC_FIELDS = ("slug", "name", "name_en", "kind", "parent", "domains", "theme", "languages")


class ProvinceFileError(ValueError):
    """The file cannot be read as a province (its problems, one per line)."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Outcome:
    slug: str
    #: created | unchanged | differs | failed
    status: str
    messages: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.outcomes)

    @property
    def ok(self) -> bool:
        return not self.count("failed")


def read(path: str | Path) -> list[SiteSpec]:
    """The sites of a province file (``.yaml``/``.yml`` or ``.csv``) as specs, parents
    before their children. Raises ProvinceFileError listing every problem found."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProvinceFileError(
            [_("Không đọc được tệp %(path)s: %(error)s") % {"path": path, "error": exc}]
        ) from exc
    if path.suffix.lower() == ".csv":
        rows = _csv_rows(text)
    else:
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise ProvinceFileError(
                [_("Tệp YAML không hợp lệ: %(error)s") % {"error": exc}]
            ) from exc
        listed = data.get("sites") if isinstance(data, dict) else None
        if not isinstance(listed, list):
            raise ProvinceFileError([_("Tệp phải có danh sách “sites”.")])
        rows = listed
    problems: list[str] = []
    specs: list[SiteSpec] = []
    for number, row in enumerate(rows, start=1):
        try:
            specs.append(_spec(row))
        except (TypeError, ValueError, AttributeError) as exc:
            problems.append(_("Trang thứ %(n)d: %(error)s") % {"n": number, "error": exc})
    slugs = [spec.slug for spec in specs]
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}):
        problems.append(_("Mã trang “%(slug)s” xuất hiện nhiều lần trong tệp.") % {"slug": slug})
    if problems:
        raise ProvinceFileError(problems)
    return _parents_first(specs)


def _csv_rows(text: str) -> list[dict]:
    """CSV: one site per row; ``domains`` and ``languages`` separated by spaces, ``board``
    as ``role:email:Họ tên`` entries separated by ``;``."""
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        row = {key.strip(): (value or "").strip() for key, value in row.items() if key}
        row["domains"] = row.get("domains", "").split()
        if row.get("languages"):
            row["languages"] = row["languages"].split()
        else:
            row.pop("languages", None)
        board = []
        for entry in filter(None, (e.strip() for e in row.get("board", "").split(";"))):
            role, _sep, rest = entry.partition(":")
            email, _sep, name = rest.partition(":")
            board.append({"role": role, "email": email, "name": name})
        row["board"] = board
        rows.append(row)
    return rows


def _spec(row) -> SiteSpec:
    if not isinstance(row, dict):
        raise ValueError(_("mỗi trang phải là một bảng khóa – giá trị."))
    unknown = set(row) - {*SPEC_FIELDS, "board"}
    if unknown:
        raise ValueError(_("khóa không hỗ trợ: %(keys)s") % {"keys": ", ".join(sorted(unknown))})
    domains = row.get("domains") or []
    if isinstance(domains, str):
        domains = domains.split()
    board = row.get("board") or []
    if not isinstance(board, list) or not all(isinstance(m, dict) for m in board):
        raise ValueError(_("“board” phải là danh sách thành viên (email, role, name)."))
    return SiteSpec(
        slug=str(row.get("slug") or ""),
        name=str(row.get("name") or ""),
        name_en=str(row.get("name_en") or ""),
        kind=str(row.get("kind") or ""),
        parent=row.get("parent") or None,
        domains=[str(d) for d in domains],
        theme=str(row.get("theme") or ""),
        languages=row.get("languages"),
        board=[
            Member(
                **{k: str(v) for k, v in m.items() if k in ("email", "role", "name", "username")}
            )
            for m in board
        ],
    )


def _parents_first(specs: list[SiteSpec]) -> list[SiteSpec]:
    """``specs`` in the file's order, except that a site waits for its parent when both
    are in the file. A cycle of parents is an error naming its sites, each followed by
    its parent, from the one listed first."""
    position = {spec.slug: number for number, spec in enumerate(specs)}
    sorter = TopologicalSorter(
        {spec.slug: [spec.parent] if spec.parent in position else [] for spec in specs}
    )
    try:
        sorter.prepare()
    except CycleError as error:
        # graphlib lists the cycle parent → child, ending where it began
        cycle = error.args[1][-1:0:-1]
        first = min(range(len(cycle)), key=lambda i: position[cycle[i]])
        cycle = [*cycle[first:], *cycle[:first]]
        raise ProvinceFileError(
            [
                _("Các trang cấp trên tạo thành vòng lặp: %(cycle)s.")
                % {"cycle": " → ".join([*cycle, cycle[0]])}
            ]
        ) from None
    ordered: list[SiteSpec] = []
    ready: list[int] = []
    while sorter.is_active():
        for slug in sorter.get_ready():
            heapq.heappush(ready, position[slug])
        spec = specs[heapq.heappop(ready)]
        ordered.append(spec)
        sorter.done(spec.slug)
    return ordered


def differences(tenant: Tenant, spec: SiteSpec) -> list[str]:
    """How the registry's ``tenant`` differs from ``spec`` (messages; empty: same)."""
    found = []

    def compare(label, current, wanted):
        if current != wanted:
            found.append(
                _("%(field)s: hiện tại “%(current)s”, trong tệp “%(wanted)s”")
                % {"field": label, "current": current, "wanted": wanted}
            )

    compare(_("tên"), tenant.name, spec.name)
    compare(_("tên tiếng Anh"), tenant.name_en, spec.name_en)
    compare(_("loại trang"), tenant.kind, spec.kind)
    compare(_("trang cấp trên"), tenant.parent.slug if tenant.parent else None, spec.parent)
    compare(_("giao diện"), tenant.theme, spec.theme)
    compare(
        _("ngôn ngữ"), " ".join(sorted(tenant.languages)), " ".join(sorted(spec.languages or []))
    )
    primary = [d.domain for d in tenant.domains.all() if d.is_primary]
    compare(
        _("tên miền chính"),
        primary[0] if primary else None,
        spec.domains[0] if spec.domains else None,
    )
    compare(
        _("tên miền"),
        " ".join(sorted(d.domain for d in tenant.domains.all())),
        " ".join(sorted(spec.domains)),
    )
    compare(
        _("Ban Biên tập"),
        _board_of(tenant),
        " ".join(sorted(f"{m.email}={m.role}" for m in spec.board)),
    )
    return found


def _board_of(tenant: Tenant) -> str:
    from django.contrib.auth import get_user_model

    with schema_context(tenant.schema_name):
        users = get_user_model().objects.filter(is_active=True).prefetch_related("groups")
        return " ".join(
            sorted(f"{user.email}={member_role(user)}" for user in users if member_role(user))
        )


def validation_messages(exc: ValidationError) -> list[str]:
    """A ValidationError's messages, each prefixed with its field's name when it has one."""
    if not hasattr(exc, "error_dict"):
        return list(exc.messages)
    return [
        message if name == "__all__" else f"{name}: {message}"
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


def provision(specs: list[SiteSpec], *, actor="system", invite=True, stdout=None) -> Report:
    """Create each site of ``specs`` that does not exist; compare those that do. A site
    that fails is rolled back and reported; the others go on."""
    report = Report()
    existing = {
        t.slug: t for t in Tenant.objects.select_related("parent").prefetch_related("domains")
    }
    for spec in specs:
        started = time.perf_counter()
        tenant = existing.get(spec.slug)
        if tenant is not None:
            messages = differences(tenant, spec)
            outcome = Outcome(spec.slug, "differs" if messages else "unchanged", messages)
        else:
            try:
                existing[spec.slug] = provision_site(spec, actor=actor, invite=invite)
                outcome = Outcome(spec.slug, "created")
            except ValidationError as exc:
                outcome = Outcome(spec.slug, "failed", validation_messages(exc))
            except Exception as exc:
                logger.exception("Provisioning %s failed", spec.slug)
                outcome = Outcome(
                    spec.slug,
                    "failed",
                    [_("lỗi khi khởi tạo, đã hoàn tác: %(error)s") % {"error": exc}],
                )
        outcome.seconds = time.perf_counter() - started
        report.outcomes.append(outcome)
        if outcome.status == "created" and not connection.in_atomic_block:
            # A fresh database session for the next site: PostgreSQL keeps a cache of
            # every table a session has touched, and each new schema's DDL makes it
            # rebuild that cache; over one session creating 150 schemas a site went
            # from 0.7 s to 2.3 s (Django reconnects at the next query).
            connection.close()
        if stdout is not None:
            stdout(outcome)
    record(
        actor,
        "province.provisioned",
        None,
        created=report.count("created"),
        unchanged=report.count("unchanged"),
        differs=report.count("differs"),
        failed=[o.slug for o in report.outcomes if o.status == "failed"],
    )
    return report
