#!/usr/bin/env python3
"""Questions and answers at 10,000 questions on one site: the public list, its search
and filters, the lookup and the board's inbox, each timed with its query count; then
visitors' submissions per second while the page cache serves the Q&A page.

Run from the checkout's root: ``python3 bench/participation.py`` (``--help``). It
works in the bench's embedded PostgreSQL (``.data/bench``): one provincial-portal
site ``bqa`` (made once with ``provision_site``, dropped with ``--reset``) whose
Q&A page gets ``--questions`` items: their answer pages are inserted in bulk (tree
paths computed as treebeard does, then indexed with the search backend's
``add_bulk``), the items with ``bulk_create``; a share stays open for the inbox.

1. **In process** (Django's test client, like ``bench/fleet_view.py``): median of
   ``--rounds`` requests and the queries of one, for the list (``/hoi-dap/``), page
   20 of it, a search typed without diacritics, a field + year filter, a lookup
   (code + e-mail, POSTed as the form does), the board's inbox
   (``/admin/hoi-dap/``, the head of the board signed in) and the admin's dashboard
   (``/admin/``); also the median CPU time of this process per request (Django's
   side, steadier than wall-clock time on a shared machine). The page cache is off
   for these (``PAGE_CACHE_TIMEOUT=0``): they are what a cache miss costs.
2. **Served** (gunicorn, ``--workers`` sync workers, page cache on): ``--clients``
   threads read the cached Q&A page for ``--seconds``, first alone, then while one
   more thread posts questions as fast as the server takes them (proofs of work
   solved beforehand, the rate limit raised with ``BENCH_PARTICIPATION_RATE_LIMIT``,
   e-mails to memory). Printed: cached requests per second alone and under the
   submissions, and submissions per second.
"""

import argparse
import base64
import datetime as dt
import hashlib
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SLUG = "bqa"
HOST = "hoidap.localhost"
AIM_MS = 100.0
TEST_TITLE = "Câu hỏi thử tải số"
ASKER = "nguoihoi{n}@bench.localhost"

TOPICS = [
    ("Đất đai, xây dựng", "Thủ tục tách thửa đất ở nông thôn",
     "Gia đình tôi có thửa đất 300 m² ở thôn, muốn tách cho con trai một phần thì cần "
     "giấy tờ gì, nộp ở đâu?"),
    ("Đất đai, xây dựng", "Cấp phép xây dựng nhà ở riêng lẻ",
     "Nhà tôi ở mặt đường tỉnh, xây nhà hai tầng có phải xin giấy phép xây dựng không?"),
    ("Hộ tịch", "Đăng ký khai sinh quá hạn",
     "Con tôi sinh được 3 tháng chưa làm khai sinh, nay đăng ký có bị xử phạt không?"),
    ("Hộ tịch", "Trích lục kết hôn bản sao",
     "Tôi cần bản sao trích lục kết hôn để làm hồ sơ vay vốn thì xin ở đâu?"),
    ("Lao động, việc làm", "Trợ cấp thất nghiệp",
     "Tôi nghỉ việc ở khu công nghiệp Long Bình An, hồ sơ hưởng trợ cấp thất nghiệp "
     "gồm những gì?"),
    ("Giáo dục", "Tuyển sinh lớp 6 trái tuyến",
     "Con tôi học tiểu học ở xã khác, nay muốn vào lớp 6 trường trung học cơ sở của "
     "phường được không?"),
    ("Y tế", "Thẻ bảo hiểm y tế hộ gia đình",
     "Gia đình tôi 5 người tham gia bảo hiểm y tế theo hộ thì mức đóng được giảm thế nào?"),
    ("Nông nghiệp", "Hỗ trợ trồng rừng sản xuất",
     "Hộ tôi trồng 2 ha keo trên đất rừng sản xuất thì có được hỗ trợ giống không?"),
]  # fmt: skip
ANSWER = (
    "Theo quy định hiện hành, ông (bà) chuẩn bị hồ sơ theo mẫu và nộp tại Bộ phận Một cửa "
    "của Ủy ban nhân dân cấp xã hoặc trực tuyến trên Cổng Dịch vụ công quốc gia. Thời hạn "
    "giải quyết tính theo ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ."
)


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


# --- Data ----------------------------------------------------------------------------------


def ensure_site(reset: bool):
    from django.core.management import call_command

    from provisioning.board import Member
    from provisioning.services import SiteSpec, provision_site
    from tenants.models import Tenant

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    tenant = Tenant.objects.filter(slug=SLUG).first()
    if tenant is not None and reset:
        from bench.bench_sites import drop_sites

        drop_sites(SLUG)
        tenant = None
    if tenant is not None:
        call_command(
            "migrate_schemas", schema_name=tenant.schema_name, interactive=False, verbosity=0
        )
        return tenant
    return provision_site(
        SiteSpec(
            slug=SLUG,
            name="Cổng thử hỏi – đáp",
            kind="provincial_portal",
            domains=[HOST],
            languages=["vi"],
            board=[Member(email=f"truong_ban@{HOST}", role="truong_ban")],
        ),
        actor="bench",
        invite=False,
    )


def fill(qa_page, count: int, open_share: float) -> dict:
    """``count`` items on ``qa_page``; all but ``open_share`` answered and published
    (their answer pages inserted in bulk, then indexed)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from participation.models import QAAnswerPage, State, Submission

    started = time.monotonic()
    fields = qa_page.field_choices() or [topic[0] for topic in TOPICS]
    rng = random.Random(13)
    now = timezone.now()
    published = int(count * (1 - open_share))
    with transaction.atomic():
        Submission.objects.all().delete()
        for old in QAAnswerPage.objects.child_of(qa_page):
            old.delete()
        qa_page = Page.objects.get(pk=qa_page.pk)
        content_type = ContentType.objects.get_for_model(QAAnswerPage)
        start = qa_page.numchild + 1
        pages, extra = [], []
        for n in range(published):
            field, title, question = TOPICS[n % len(TOPICS)]
            answered = (now - dt.timedelta(days=rng.randint(0, 1500))).date()
            page = Page(
                title=f"{title} ({n + 1})",
                draft_title=f"{title} ({n + 1})",
                slug=f"cau-hoi-{n + 1}",
                content_type=content_type,
                path=Page._get_path(qa_page.path, qa_page.depth + 1, start + n),
                depth=qa_page.depth + 1,
                numchild=0,
                url_path=f"{qa_page.url_path}cau-hoi-{n + 1}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=qa_page.locale_id,
            )
            pages.append(page)
            extra.append((fields[n % len(fields)] if fields else field, question, answered))
        Page.objects.bulk_create(pages, batch_size=1000)
        Page.objects.filter(pk=qa_page.pk).update(numchild=qa_page.numchild + published)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {QAAnswerPage._meta.db_table} (page_ptr_id, field, question, "
                "asked_on, answer, answering_body, answered_on) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    (page.pk, field, question, answered, ANSWER, "Văn phòng UBND tỉnh", answered)
                    for page, (field, question, answered) in zip(pages, extra, strict=True)
                ],
            )
        items = []
        for n in range(count):
            field, title, question = TOPICS[n % len(TOPICS)]
            created = now - dt.timedelta(hours=rng.randint(1, 36000))
            is_published = n < published
            items.append(
                Submission(
                    page_id=qa_page.pk,
                    name=f"Người hỏi {n}",
                    email=ASKER.format(n=n),
                    phone=f"09{n:08d}",
                    consent_at=created,
                    field=fields[n % len(fields)],
                    title=f"{title} ({n + 1})",
                    body=question,
                    created_at=created,
                    due_at=created + dt.timedelta(days=14),
                    state=State.PUBLISHED
                    if is_published
                    else rng.choice([State.RECEIVED, State.ASSIGNED, State.ANSWERED]),
                    answer=ANSWER if is_published else "",
                    answer_page_id=pages[n].pk if is_published else None,
                    closed_at=created + dt.timedelta(days=7) if is_published else None,
                    board_notified=True,
                    acknowledged=True,
                    asker_told_state=State.PUBLISHED if is_published else "",
                )
            )
        Submission.objects.bulk_create(items, batch_size=2000)
    backend = get_search_backend()
    ids = [page.pk for page in pages]
    for chunk in range(0, len(ids), 1000):
        backend.add_bulk(
            QAAnswerPage, list(QAAnswerPage.objects.filter(pk__in=ids[chunk : chunk + 1000]))
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"questions": count, "published": published, "fill_s": round(time.monotonic() - started)}


# --- In process ----------------------------------------------------------------------------


def in_process(args, qa_page) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from participation.models import Submission
    from tests.two_factor import verified_login

    item = Submission.objects.order_by("pk")[args.questions // 2]
    year = (item.created_at.year if item.created_at else 2025) - 1
    field = qa_page.field_choices()[0] if qa_page.field_choices() else ""
    visitor = Client()
    board = Client()
    verified_login(board, get_user_model().objects.get(email=f"truong_ban@{HOST}"))
    submit = f"/tham-gia/gui/{qa_page.pk}/"
    origin = {"HTTP_HOST": HOST, "HTTP_ORIGIN": f"http://{HOST}"}

    def get(client, path):
        def run():
            response = client.get(path, HTTP_HOST=HOST)
            assert response.status_code == 200, (path, response.status_code)
            return response

        return run

    def lookup():
        response = visitor.post(
            submit, {"action": "lookup", "code": item.code, "contact": item.email}, **origin
        )
        assert response.status_code == 200 and item.code in response.content.decode()

    proofs = [
        solve(json.loads(visitor.get("/tham-gia/thu-thach/", HTTP_HOST=HOST).content))
        for _ in range(args.rounds + 2)
    ]

    def ask():
        response = visitor.post(submit, question_form(proofs.pop(), len(proofs), field), **origin)
        html = response.content.decode()
        errors = [line.strip() for line in html.splitlines() if "error" in line.lower()]
        assert "p-receipt" in html, (response.status_code, errors[:10])

    cases = {
        "list": get(visitor, "/hoi-dap/"),
        "list_page_20": get(visitor, "/hoi-dap/?page=20"),
        "search": get(visitor, "/hoi-dap/?q=thu+tuc+tach+thua"),
        "filter": get(
            visitor, "/hoi-dap/?" + urllib.parse.urlencode({"linh-vuc": field, "nam": year})
        ),
        "lookup": lookup,
        "ask": ask,
        "inbox": get(board, "/admin/hoi-dap/"),
        "inbox_open": get(board, "/admin/hoi-dap/?state=received&state=assigned&state=answered"),
        "inbox_search": get(board, "/admin/hoi-dap/?q=tach+thua"),
        "dashboard": get(board, "/admin/"),
    }
    results = {}
    with override_settings(PAGE_CACHE_TIMEOUT=0, PARTICIPATION_RATE_LIMIT=10**9):
        for name, fn in cases.items():
            fn()
            times, cpu = [], []
            for _ in range(args.rounds):
                started, started_cpu = time.perf_counter(), time.process_time()
                fn()
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            with CaptureQueriesContext(connection) as queries:
                fn()
            slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
            results[name] = {
                "median_ms": round(statistics.median(times), 1),
                # this process's CPU (Django's side, not PostgreSQL's): steadier than
                # wall-clock time when other processes share the machine
                "cpu_ms": round(statistics.median(cpu), 1),
                "queries": len(queries),
                "sql_ms": round(sum(float(q["time"]) for q in queries.captured_queries) * 1000, 1),
                "slowest_sql": f"{float(slowest['time']) * 1000:.1f} ms: {slowest['sql'][:400]}",
            }
    return results


# --- Served --------------------------------------------------------------------------------


def question_form(proof: str, n: int, field: str) -> dict:
    """What a visitor's browser posts for a question."""
    return {
        "action": "ask",
        "kind": "question",
        "name": "Người gửi thử",
        "email": f"gui{n}@bench.localhost",
        "phone": "",
        "address": "",
        "field": field,
        "title": f"{TEST_TITLE} {n}",
        "body": "Xin hỏi thủ tục cấp đổi giấy phép lái xe?",
        "consent": "on",
        "website": "",
        "altcha": proof,
    }


def solve(challenge: dict) -> str:
    for number in range(challenge["maxNumber"] + 1):
        if (
            hashlib.sha256(f"{challenge['salt']}{number}".encode()).hexdigest()
            == challenge["challenge"]
        ):
            data = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}
            data["number"] = number
            return base64.b64encode(json.dumps(data).encode()).decode()
    raise AssertionError("unsolvable challenge")


class Http:
    def __init__(self, port: int):
        self.port = port
        self.conn = None

    def request(self, method: str, path: str, body: bytes | None = None, headers=None):
        headers = {"Host": HOST, "User-Agent": "bench/participation.py", **(headers or {})}
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
                continue
            if response.will_close:
                self.conn.close()
                self.conn = None
            return response.status, dict(response.getheaders()), data
        raise AssertionError("unreachable")


def served(args, qa_page) -> dict:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (
        Path(os.environ.get("PLATFORM_DATA_DIR", ROOT / ".data" / "bench"))
        / "gunicorn-participation.log"
    )
    env = {
        **os.environ,
        "BENCH_PAGE_CACHE_TIMEOUT": "3600",
        "BENCH_PARTICIPATION_RATE_LIMIT": str(10**9),
        "EMAIL_URL": "memorymail://",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"), "bench.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
            "--worker-class", "sync", "--timeout", "120", "--chdir", str(ROOT),
            "--log-level", "warning", "--error-logfile", str(log),
        ],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        client = Http(port)
        deadline = time.monotonic() + 120
        while True:
            try:
                status, headers, _ = client.request("GET", "/hoi-dap/")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"gunicorn did not serve /hoi-dap/; see {log}")
            time.sleep(0.3)
        for _ in range(4 * args.workers):  # each worker's own cache filled
            status, headers, _ = client.request("GET", "/hoi-dap/")
        cache_header = headers.get("X-Page-Cache", "")
        say(f"  served: X-Page-Cache of the Q&A page: {cache_header or '(none)'}")
        # proofs solved beforehand, as visitors' browsers do
        started = time.monotonic()
        proofs = []
        for _ in range(args.proofs):
            _s, _h, body = client.request("GET", "/tham-gia/thu-thach/")
            proofs.append(solve(json.loads(body)))
        say(f"  served: {len(proofs)} proofs of work solved in {time.monotonic() - started:.0f} s")
        fields = qa_page.field_choices()

        def readers(stop: threading.Event, counts: list):
            def read(index):
                reader = Http(port)
                while not stop.is_set():
                    status, headers, _ = reader.request("GET", "/hoi-dap/")
                    if status == 200 and headers.get("X-Page-Cache", "").startswith("hit"):
                        counts[index] += 1

            return [threading.Thread(target=read, args=(i,)) for i in range(args.clients)]

        def phase(with_submissions: bool) -> dict:
            stop = threading.Event()
            counts = [0] * args.clients
            threads = readers(stop, counts)
            sent = {"ok": 0, "other": 0}

            def submit():
                poster = Http(port)
                n = 0
                while not stop.is_set() and proofs:
                    n += 1
                    body = urllib.parse.urlencode(
                        question_form(proofs.pop(), n, fields[n % len(fields)] if fields else "")
                    ).encode()
                    status, _h, answer = poster.request(
                        "POST",
                        f"/tham-gia/gui/{qa_page.pk}/",
                        body,
                        {
                            "Content-Type": "application/x-www-form-urlencoded",
                            "Origin": f"http://{HOST}",
                        },
                    )
                    sent["ok" if status == 200 and b"p-receipt" in answer else "other"] += 1

            if with_submissions:
                threads.append(threading.Thread(target=submit))
            started = time.monotonic()
            for thread in threads:
                thread.start()
            time.sleep(args.seconds)
            stop.set()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            result = {"cached_rps": round(sum(counts) / elapsed, 1)}
            if with_submissions:
                result.update(
                    submissions_per_s=round(sent["ok"] / elapsed, 1),
                    submissions=sent["ok"],
                    refused=sent["other"],
                    proofs_left=len(proofs),
                )
            return result

        # alternated, so both kinds of phase see the same background load; medians
        alone, loaded = [], []
        for _ in range(args.served_rounds):
            alone.append(phase(False))
            loaded.append(phase(True))
        alone.append(phase(False))
        return {
            "cache_header": cache_header,
            "alone_rps": [phase_["cached_rps"] for phase_ in alone],
            "loaded_rps": [phase_["cached_rps"] for phase_ in loaded],
            "submissions_per_s": [phase_["submissions_per_s"] for phase_ in loaded],
            "refused": sum(phase_["refused"] for phase_ in loaded),
            "proofs_left": len(proofs),
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def inner(args) -> dict:
    import django

    django.setup()
    from django_tenants.utils import schema_context

    from participation.models import QAPage, Submission

    tenant = ensure_site(args.reset)
    results: dict = {"site": tenant.schema_name}
    with schema_context(tenant.schema_name):
        qa_page = QAPage.objects.get(slug="hoi-dap")
        have = Submission.objects.filter(email__endswith="@bench.localhost").count()
        if args.refill or have < args.questions:
            results["data"] = fill(qa_page, args.questions, args.open_share)
            say(f"  data: {results['data']}")
        qa_page = QAPage.objects.get(pk=qa_page.pk)
        results["in_process"] = in_process(args, qa_page)
        Submission.objects.filter(title__startswith=TEST_TITLE).delete()
    if not args.no_served:
        with schema_context(tenant.schema_name):
            qa_page = QAPage.objects.get(pk=qa_page.pk)
        results["served"] = served(args, qa_page)
        with schema_context(tenant.schema_name):
            results["served"]["stored"] = Submission.objects.filter(
                title__startswith=TEST_TITLE
            ).count()
            Submission.objects.filter(title__startswith=TEST_TITLE).delete()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--open-share", type=float, default=0.1, help="share left unanswered")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=2, help="threads reading the cached page")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--proofs", type=int, default=300)
    parser.add_argument("--served-rounds", type=int, default=3, help="alternated phases")
    parser.add_argument("--reset", action="store_true", help="drop the bench site first")
    parser.add_argument("--refill", action="store_true", help="insert the questions again")
    parser.add_argument("--no-served", action="store_true", help="skip the gunicorn part")
    parser.add_argument("--sql", action="store_true", help="print each case's slowest query")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        say("BENCH-RESULTS " + json.dumps(inner(args), ensure_ascii=False))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_sites import run_inside

    results = run_inside(__file__, sys.argv[1:], EMAIL_URL="memorymail://")
    say(f"Q&A at {args.questions} questions (site {results['site']}):")
    for name, figures in results["in_process"].items():
        median = figures["median_ms"]
        verdict = "met" if median < AIM_MS else "MISSED"
        say(
            f"  {name}: {median} ms median ({figures['cpu_ms']} ms CPU), "
            f"{figures['queries']} queries taking "
            f"{figures['sql_ms']} ms ({verdict}, aim {AIM_MS:.0f} ms)"
        )
        if args.sql:
            say(f"    slowest query: {figures['slowest_sql']}")
    if "served" in results:
        served_results = results["served"]
        median = statistics.median
        say(
            "  cached Q&A page (medians of {k} alternated phases of {t:.0f} s): {a} req/s "
            "alone {alone}, {b} req/s while {s} submissions/s were accepted {loaded} "
            "({n} stored, {r} refused{left})".format(
                k=args.served_rounds,
                t=args.seconds,
                a=round(median(served_results["alone_rps"]), 1),
                alone=served_results["alone_rps"],
                b=round(median(served_results["loaded_rps"]), 1),
                loaded=served_results["loaded_rps"],
                s=round(median(served_results["submissions_per_s"]), 1),
                n=served_results["stored"],
                r=served_results["refused"],
                left="" if served_results["proofs_left"] else "; proofs ran out: raise --proofs",
            )
        )


if __name__ == "__main__":
    main()
