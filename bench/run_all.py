"""Run every benchmark in bench/ and write docs/benchmarks.md (`make bench`).

    .venv/bin/python bench/run_all.py [--only NAME ...] [--timeout 900] [--out docs/benchmarks.md]

Each bench/*.py (but this file and _helpers) runs as its own subprocess with a timeout.
The convention a benchmark follows so that its figures are collected, one line each:

    FIGURE <name> <value> <unit> target=<op><number>     e.g.
    FIGURE extractor_ms_per_1k_words 0.91 ms target=<=2
    FIGURE pipeline_tagged_rate 231.5 articles/s target=>=200
    FIGURE checkworthiness_us_per_sentence 10.2 us target=none

<value> is the benchmark's own median (over its runs); <op> is <= or >=, in <unit>. If a
figure is printed more than once, the median of the values is reported. Benchmarks that
print no FIGURE line yet are read by a small adapter (ADAPTERS) from their prose output.
Exit status: 1 when a benchmark crashed or timed out (the page is still written)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
FIGURE = re.compile(
    r"^FIGURE\s+(?P<name>[\w.-]+)\s+(?P<value>[-+0-9.eE]+)\s+(?P<unit>\S+)"
    r"\s+target=(?P<target>none|[<>]=[-+0-9.eE]+)\s*$",
    re.MULTILINE,
)

# The targets, so the page lists every one, also those no benchmark measures yet.
EXPECTED: list[tuple[str, str, str, str]] = [
    # (figure, bench file, target, what)
    ("extractor_ms_per_1k_words", "pretag.py", "<=2", "extractor time per 1,000 words"),
    ("pipeline_tagged_rate", "pipeline.py", ">=200", "tagged articles/s, 2 worker processes"),
    (
        "import_to_visible_browser_p95_ms",
        "import_visible.py",
        "<=300",
        "import → candidates visible, p95",
    ),
    ("import_to_visible_p95_ms", "pipeline.py", "<=300", "import → candidates visible, p95 (API)"),
    ("article_get_p95_ms", "article_get.py", "<=60", "article + 1,000 claims + 2,000 cands, p95"),
    ("article_get_queries", "article_get.py", "<=8", "queries for that workspace load"),
    ("annotator_first_render_ms", "annotator.py", "<=500", "20k words, 1,000 highlights"),
    ("annotator_accept_ms", "annotator.py", "<=50", "accept a candidate on that page"),
    ("annotator_claim_ms", "annotator.py", "<=50", "make a claim on that page"),
    (
        "workspace_open_huge_ms",
        "workspace_open.py",
        "<=1000",
        "250k chars, 12k cands: open",
    ),
    ("workspace_open_20k_ms", "workspace_open.py", "<=500", "20k words, 1,000 highlights: painted"),
    (
        "workspace_data_p95_ms",
        "workspace_open.py",
        "<=100",
        "workspace data, 1k claims + 2k cands",
    ),
    ("workspace_data_queries", "workspace_open.py", "<=8", "queries of those requests"),
    ("reanchor_1000_claims_ms", "reanchor.py", "<=500", "re-anchor 1,000 claims"),
    (
        "checkworthiness_sentences_per_s",
        "checkworthiness.py",
        ">=1000",
        "check-worthiness scorer, one core",
    ),
    ("capture_1mb_html_p95_ms", "capture.py", "<=1000", "capture a cited 1 MB page, p95"),
    ("capture_50_page_pdf_p95_ms", "capture.py", "<=1000", "capture a cited 50-page PDF, p95"),
    ("citation_post_p95_ms", "capture.py", "<=100", "POST a citation (capture after commit)"),
    ("export_10k_verdicts_s", "export.py", "<=3", "export 10,000 verdicts"),
    ("bulk_import_10k_s", "bulk_import.py", "<=120", "bulk import and tag 10,000 articles"),
    ("matching_map5_dev", "matching.py", ">=0.90", "checked before? MAP@5, CLEF 2020 dev tweets"),
    ("matching_queries_per_s", "matching.py", ">=200", "matches/s against 10k fact-checks"),
    ("matching_1m_p95_ms", "matching.py", "<=50", "one match against 1M fact-checks, p95"),
]


@dataclass
class Figure:
    name: str
    values: list[float]
    unit: str
    target: str
    bench: str

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def met(self) -> bool | None:
        if self.target == "none":
            return None
        limit = float(self.target[2:])
        return self.median <= limit if self.target.startswith("<=") else self.median >= limit


@dataclass
class Run:
    bench: str
    status: str  # "ok", "exit N", "timeout"
    seconds: float
    output: str
    figures: list[Figure] = field(default_factory=list)
    adapted: bool = False


# --- Adapters: prose output → figures, for benchmarks that print no FIGURE line yet.
Adapter = Callable[[str], list[tuple[str, float, str, str]]]


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def _pretag(out: str) -> list[tuple[str, float, str, str]]:
    m = re.search(r"whole extractor: ([0-9.]+) ms per 1,000 words", out)
    return [("extractor_ms_per_1k_words", _num(m[1]), "ms", "<=2")] if m else []


def _pipeline(out: str) -> list[tuple[str, float, str, str]]:
    m = re.search(r"tags ([0-9.]+) articles/s from a backlog; ([0-9.]+)/s from the first", out)
    if not m:
        return []
    return [
        ("pipeline_tagged_rate", _num(m[1]), "articles/s", ">=200"),
        ("pipeline_import_and_tag_rate", _num(m[2]), "articles/s", "none"),
    ]


def _reanchor(out: str) -> list[tuple[str, float, str, str]]:
    found = []
    for label, name in (("with old_text", "reanchor_1000_claims_ms"), ("without old_text", "")):
        m = re.search(rf"reanchor_many {label}: ([0-9.]+) ms median", out)
        if m:
            found.append((name or "reanchor_1000_claims_no_old_text_ms", _num(m[1]), "ms", "<=500"))
    return found


def _export(out: str) -> list[tuple[str, float, str, str]]:
    found = []
    for fmt in ("csv", "claimreview"):
        m = re.search(rf"^{fmt}\s+[0-9,]+ rows:\s+([0-9.]+) s", out, re.MULTILINE)
        if m:
            name = "export_10k_verdicts_s" if fmt == "csv" else f"export_10k_{fmt}_s"
            found.append((name, _num(m[1]), "s", "<=3"))
    return found


def _checkworthiness(out: str) -> list[tuple[str, float, str, str]]:
    m = re.search(r"^median\s+([0-9.]+) us/sentence", out, re.MULTILINE)
    return [("checkworthiness_us_per_sentence", _num(m[1]), "us", "none")] if m else []


ADAPTERS: dict[str, Adapter] = {
    "pretag.py": _pretag,
    "pipeline.py": _pipeline,
    "reanchor.py": _reanchor,
    "export.py": _export,
    "checkworthiness.py": _checkworthiness,
}


def parse(bench: str, output: str) -> tuple[list[Figure], bool]:
    raw = [(m["name"], float(m["value"]), m["unit"], m["target"]) for m in FIGURE.finditer(output)]
    adapted = False
    if not raw and bench in ADAPTERS:
        raw, adapted = ADAPTERS[bench](output), True
    figures: dict[str, Figure] = {}
    for name, value, unit, target in raw:
        if name in figures:
            figures[name].values.append(value)
        else:
            figures[name] = Figure(name, [value], unit, target, bench)
    return list(figures.values()), adapted


def run(path: Path, timeout: float) -> Run:
    started = time.perf_counter()
    print(f"== {path.name} (timeout {timeout:.0f} s)", flush=True)
    # Own session, so a timeout can stop the bench and anything it started with it; SIGINT
    # first, so its `finally:` blocks stop the workers they started in sessions of their own.
    proc = subprocess.Popen(
        [sys.executable, str(path)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}"
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            output, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            output, _ = proc.communicate()
        status = "timeout"
    result = Run(path.name, status, time.perf_counter() - started, output)
    result.figures, result.adapted = parse(path.name, output)
    for fig in result.figures:
        print(f"   {fig.name} = {fig.median:g} {fig.unit} (target {fig.target})", flush=True)
    print(f"   {status} in {result.seconds:.1f} s", flush=True)
    return result


def machine() -> dict[str, str]:
    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "unknown"

    mem = first("/proc/meminfo", "MemTotal")
    mem_gb = f"{int(mem.split()[0]) / 1024**2:.1f} GB" if mem != "unknown" else mem
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cores": str(os.cpu_count()),
        "memory": mem_gb,
        "CPU": first("/proc/cpuinfo", "model name"),
        "Python": platform.python_version(),
        "OS": platform.platform(terse=True),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "unknown",
        "database": _redact(os.environ.get("DATABASE_URL", "sqlite (default)")),
        "broker": _redact(os.environ.get("REDIS_URL", "default")),
    }


def _redact(url: str) -> str:
    return re.sub(r"//([^:@/]+):[^@/]+@", r"//\1:***@", url)


def _fmt(value: float) -> str:
    return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"


def render(runs: list[Run], info: dict[str, str], missing: list[str]) -> str:
    figures = {fig.name: fig for r in runs for fig in r.figures}
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (bench/run_all.py); do not edit by hand. Each median is the",
        "benchmark's own median over its runs. Convention for a benchmark's output, one line",
        "per figure: `FIGURE <name> <value> <unit> target=<=N|>=N|none`.",
        "",
        "Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()) + ".",
        "",
        "| figure | what | target | median | met | bench |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    what = {name: text for name, _, _, text in EXPECTED}
    seen = set()
    for name, bench, target, text in EXPECTED:
        fig = figures.get(name)
        seen.add(name)
        if fig is None:
            state = "not run" if bench in missing else "not reported"
            lines.append(f"| {name} | {text} | {target} | — | {state} | {bench} |")
        else:
            lines.append(_row(fig, what.get(name, "")))
    lines += [_row(fig, "") for name, fig in figures.items() if name not in seen]
    lines += ["", "## Runs", "", "| bench | status | seconds | figures read |"]
    lines.append("| --- | --- | --- | --- |")
    for r in runs:
        how = "adapter (prose output)" if r.adapted else "FIGURE lines"
        lines.append(
            f"| {r.bench} | {r.status} | {r.seconds:.0f} | {len(r.figures)} "
            f"{how if r.figures else ''} |"
        )
    for name in missing:
        lines.append(f"| {name} | missing | — | — |")
    for r in runs:
        tail = "\n".join(r.output.strip().splitlines()[-25:])
        lines += ["", f"<details><summary>{r.bench} output (last lines)</summary>", ""]
        lines += ["```", tail, "```", "", "</details>"]
    return "\n".join(lines) + "\n"


def _row(fig: Figure, text: str) -> str:
    met = {True: "yes", False: "**NO**", None: "—"}[fig.met()]
    spread = f" ({len(fig.values)} values)" if len(fig.values) > 1 else ""
    return (
        f"| {fig.name} | {text} | {fig.target} | {_fmt(fig.median)} {fig.unit}{spread} "
        f"| {met} | {fig.bench} |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="bench file names (default: all)")
    timeout = float(os.environ.get("BENCH_TIMEOUT", 900))
    parser.add_argument("--timeout", type=float, default=timeout, help="seconds per bench")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md")
    args = parser.parse_args()
    paths = sorted(
        p for p in BENCH.glob("*.py") if p.name != "run_all.py" and not p.name.startswith("_")
    )
    if args.only:
        paths = [p for p in paths if p.name in args.only or p.stem in args.only]
    present = {p.name for p in BENCH.glob("*.py")}
    missing = sorted({bench for _, bench, _, _ in EXPECTED} - present)
    runs = [run(path, args.timeout) for path in paths]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(runs, machine(), missing))
    print(f"wrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    broken = [r.bench for r in runs if r.status != "ok"]
    if broken:
        print(f"benchmarks that did not finish: {', '.join(broken)}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
