"""Real processes for integration tests: a Celery worker (optionally with beat), a Django
web server and a private redis-server, each on the test database, each started and
stopped cleanly (their own process group, SIGTERM then SIGKILL)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import quote

from factcheck.core.services_probe import answers

REPO = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent


def child_database_url() -> str:
    """DATABASE_URL of the database this test process uses (pytest-django's test_<name>),
    so that another process sees what the tests commit."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = quote(str(db.get("USER") or ""), safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(str(db["PASSWORD"]), safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def child_env(redis_url: str | None = None, **extra: str) -> dict[str, str]:
    from django.conf import settings

    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="factcheck.settings",
        DATABASE_URL=child_database_url(),
        REDIS_URL=redis_url or str(settings.REDIS_URL),
        PYTHONUNBUFFERED="1",
    )
    env.pop("FACTCHECK_TASKS_EAGER", None)
    env.update(extra)
    return env


def xdist_index() -> int:
    """This pytest-xdist worker's number (gw0 -> 0, gw1 -> 1...); 0 without xdist."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0


# Under pytest-xdist, worker N shifts every range of ports by 1000 * N (gw0, and a run
# without xdist, use the ranges as written), so two workers never race for a free port.
PORT_SHIFT_PER_WORKER = 1000


def free_ports(count: int, first: int = 8141, last: int = 8149) -> list[int]:
    """Ports nobody listens on, from a range set aside for these tests (8141-8149 unless
    given), shifted to this xdist worker's own copy of it."""
    shift = PORT_SHIFT_PER_WORKER * xdist_index()
    first, last = first + shift, last + shift
    ports = [port for port in range(first, last + 1) if not answers("127.0.0.1", port)]
    assert len(ports) >= count, f"no {count} free ports in {first}-{last}"
    return ports[:count]


def wait_until(check: Callable[[], object], timeout: float, what: str, every: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(every)
    raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")


class Process:
    """A subprocess in its own process group, its output in a log file."""

    def __init__(self, argv: list[str], env: Mapping[str, str], log_path: Path) -> None:
        self.argv, self.env, self.log_path = argv, dict(env), log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                self.argv,
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

    @property
    def pid(self) -> int:
        assert self.proc is not None, "not started"
        return self.proc.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def signal_group(self, sig: int) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, sig)

    def kill(self) -> None:
        """SIGKILL the whole process group: no cleanup, no acks, as in a power cut."""
        self.signal_group(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait(10)

    def stop(self, timeout: float = 15) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.signal_group(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.signal_group(signal.SIGKILL)
                self.proc.wait(10)
        # Pool children left behind by a killed parent go too.
        self.signal_group(signal.SIGKILL)


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


class CeleryWorker(Process):
    """`celery -A factcheck worker` (prefork) on the test database and the test broker."""

    def __init__(
        self,
        log_path: Path,
        concurrency: int = 1,
        beat: bool = False,
        redis_url: str | None = None,
        **env: str,
    ) -> None:
        argv = [
            str(VENV_BIN / "celery"),
            "-A",
            "factcheck",
            "worker",
            "--loglevel=INFO",
            f"--concurrency={concurrency}",
            "--pool=prefork",
            "--without-mingle",
            "--without-gossip",
            f"--hostname=test-{os.getpid()}-{time.monotonic_ns()}@%h",
        ]
        if beat:
            argv += ["--beat", f"--schedule={log_path.with_suffix('.beat')}"]
        super().__init__(argv, child_env(redis_url, **env), log_path)

    def start(self, timeout: float = 60) -> None:
        super().start()
        wait_until(lambda: " ready." in self.log() or not self.alive(), timeout, "the worker")
        assert self.alive(), f"the worker died on start:\n{self.log()[-3000:]}"

    def pool_children(self) -> list[int]:
        return children_of(self.pid)

    def kill_pool_child(self) -> int:
        """SIGKILL one pool process (the one running the task when concurrency is 1)."""
        children = self.pool_children()
        assert children, "the worker has no pool process"
        os.kill(children[0], signal.SIGKILL)
        return children[0]


class WebServer(Process):
    """Django's server (the web process) on the test database, with its own REDIS_URL."""

    def __init__(self, log_path: Path, port: int, redis_url: str, **env: str) -> None:
        argv = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
        super().__init__(argv, child_env(redis_url, **env), log_path)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"

    def start(self, timeout: float = 30) -> None:
        assert not answers("127.0.0.1", self.port), f"port {self.port} is already taken"
        super().start()
        wait_until(lambda: answers("127.0.0.1", self.port) or not self.alive(), timeout, "web")
        assert self.alive(), f"the web server died on start:\n{self.log()[-3000:]}"


class RedisServer(Process):
    """A private redis-server (no persistence) the test may freeze with SIGSTOP."""

    def __init__(self, log_path: Path, port: int) -> None:
        argv = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
        argv += ["--appendonly", "no"]
        super().__init__(argv, os.environ, log_path)
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self, timeout: float = 10) -> None:
        assert not answers("127.0.0.1", self.port), f"port {self.port} is already taken"
        super().start()
        wait_until(lambda: answers("127.0.0.1", self.port), timeout, "redis-server")

    def freeze(self) -> None:
        self.signal_group(signal.SIGSTOP)

    def thaw(self) -> None:
        self.signal_group(signal.SIGCONT)

    def stop(self, timeout: float = 15) -> None:
        self.thaw()
        super().stop(timeout)
