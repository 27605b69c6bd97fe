"""gunicorn (the production web server) on the test database, for the scale-out and fault
tests: the real process model (a master and N sync/threaded workers), not runserver."""

from __future__ import annotations

from pathlib import Path

from factcheck.core.services_probe import answers
from tests.integration.processes import VENV_BIN, Process, child_env, wait_until


class Gunicorn(Process):
    """`gunicorn -c factcheck/gunicorn.conf.py factcheck.wsgi` on 127.0.0.1:port.

    `app_name` becomes the PostgreSQL application_name of the web workers' connections,
    so a test can find (and terminate) exactly them in pg_stat_activity."""

    def __init__(
        self,
        log_path: Path,
        port: int,
        redis_url: str,
        workers: int = 2,
        threads: int = 4,
        app_name: str = "factcheck-web",
        **env: str,
    ) -> None:
        argv = [
            str(VENV_BIN / "gunicorn"),
            "-c",
            "factcheck/gunicorn.conf.py",
            "factcheck.wsgi",
            # No access log: thousands of lines would only slow the run down.
            "--access-logfile",
            "/dev/null",
        ]
        base = child_env(redis_url)
        database_url = base["DATABASE_URL"]
        if database_url.startswith("postgres"):
            sep = "&" if "?" in database_url else "?"
            database_url += f"{sep}application_name={app_name}"
        super().__init__(
            argv,
            child_env(
                redis_url,
                DATABASE_URL=database_url,
                GUNICORN_BIND=f"127.0.0.1:{port}",
                GUNICORN_WORKERS=str(workers),
                GUNICORN_THREADS=str(threads),
                DJANGO_DEBUG="0",
                **env,
            ),
            log_path,
        )
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.app_name = app_name

    def start(self, timeout: float = 30) -> None:
        assert not answers("127.0.0.1", self.port), f"port {self.port} is already taken"
        super().start()
        wait_until(lambda: answers("127.0.0.1", self.port) or not self.alive(), timeout, "gunicorn")
        assert self.alive(), f"gunicorn died on start:\n{self.log()[-3000:]}"
