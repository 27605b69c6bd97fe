"""`manage.py pretag`: the extractor on files, as DESIGN.md's pre-tagging contract says,
without the database; and `--pending`, the sweeper by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from factcheck.tagging.extract import extract, to_json

REPO = Path(__file__).resolve().parent.parent.parent
TEXT = "“Prices rose 4%,” Jane Smith said.\nThe bank said the deficit was $2 billion in 2023.\n"


def run(*args: str) -> str:
    out = StringIO()
    call_command("pretag", *args, stdout=out)
    return out.getvalue()


def test_json_counts_code_points_with_crlf_read_as_lf(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    crlf = "Emoji 🎉 first.\r\n" + TEXT.replace("\n", "\r\n")
    path.write_bytes(crlf.encode("utf-8"))
    body = json.loads(run(str(path)))
    text = crlf.replace("\r\n", "\n")
    assert body == to_json(extract(text))
    assert set(body) == {"candidates", "sentences"}
    assert body["candidates"], "the extractor found nothing"
    for cand in body["candidates"]:
        assert text[cand["start"] : cand["end"]] == cand["text"]
    assert {c["kind"] for c in body["candidates"]} >= {"number", "quote"}


def test_jsonl_prints_one_line_per_file(tmp_path: Path) -> None:
    paths = []
    for i, text in enumerate((TEXT, "Nothing here.", "Sales fell 3 percent.")):
        path = tmp_path / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    lines = run(*paths, "--format", "jsonl").splitlines()
    assert len(lines) == 3
    for path, line in zip(paths, lines, strict=True):
        row = json.loads(line)
        assert row == {"path": path, **to_json(extract(Path(path).read_text(encoding="utf-8")))}
    assert run(*paths).splitlines() == lines  # jsonl is the default for several files


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "cannot read"),
        (lambda p: p.write_bytes(b"caf\xe9 ole"), "not UTF-8"),
    ],
)
def test_unreadable_files_are_named(tmp_path: Path, setup: Any, message: str) -> None:
    path = tmp_path / "bad.txt"
    setup(path)
    with pytest.raises(CommandError, match=message) as error:
        run(str(path))
    assert str(path) in str(error.value)


def test_argument_errors() -> None:
    with pytest.raises(CommandError, match="PATH"):
        run()
    with pytest.raises(CommandError, match="jsonl"):
        run("a.txt", "b.txt", "--format", "json")


def test_runs_without_a_database(tmp_path: Path) -> None:
    """A separate process whose DATABASE_URL points nowhere still pre-tags files."""
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "manage.py", "pretag", str(path), "--format", "json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
            "REDIS_URL": "redis://127.0.0.1:1/0",
        },
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == to_json(extract(TEXT))


@pytest.mark.django_db
def test_pending_reports_what_it_enqueued(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.tagging import services
    from tests.factories import ArticleFactory

    ArticleFactory(tagging_status="queued")
    ArticleFactory(tagging_status="done")
    enqueued: list[int] = []
    monkeypatch.setattr(
        services, "enqueue_tagging", lambda pk, deadline=None: not enqueued.append(pk)
    )
    assert "1 of 1 pending" in run("--pending")
    assert len(enqueued) == 1
