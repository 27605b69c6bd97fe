"""Benchmark the annotator (the reviewer's workspace) in headless Chromium.

    .venv/bin/python bench/annotator.py [--runs 5] [--words 20000] [--highlights 1000]

Builds frontend/bench.html (the real WorkspacePage and its components over a generated
article; the store is filled directly and the page answers the API itself, so the figures
are the browser's rendering, not the server's) and drives it with Playwright:

- first render: from mounting the workspace to the first painted frame, with all the
  highlights, and the baseline in the same run: the same article as plain paragraphs;
- each action (accept, dismiss, make claim, pick verdict): from the call to the painted
  frame that shows it (the next frame is part of the figure);
- scrolling through the whole article: long tasks (> 50 ms) seen by a PerformanceObserver.

Prints medians over --runs. Targets: first render <= 500 ms, each action <= 50 ms, no long
task while scrolling."""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FRONTEND = ROOT / "frontend"
PORT = int(os.environ.get("BENCH_PORT", "8170"))


def build() -> Path:
    subprocess.run(
        ["npx", "vite", "build", "--config", "vite.bench.config.ts", "--logLevel", "warn"],
        cwd=FRONTEND,
        check=True,
    )
    return FRONTEND / "dist-bench"


def serve(directory: Path) -> http.server.ThreadingHTTPServer:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chromium() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        sys.exit(f"Chromium is not installed at {path}")
    return path


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", type=int, default=20000)
    parser.add_argument("--highlights", type=int, default=1000)
    parser.add_argument(
        "--content-visibility",
        action="store_true",
        help="add content-visibility:auto to the paragraphs (the alternative measured)",
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    server = serve(build())
    results: dict[str, list[float]] = {
        k: [] for k in ("plain", "render", "accept", "dismiss", "claim", "verdict")
    }
    long_tasks: list[float] = []
    counts: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(f"http://127.0.0.1:{PORT}/bench.html")
            page.wait_for_function("window.bench !== undefined")
            if args.content_visibility:
                page.add_style_tag(
                    content=".para-row{content-visibility:auto;contain-intrinsic-size:auto 7rem}"
                )
            w, h = args.words, args.highlights
            for run in range(args.runs + 1):  # run 0 warms the JIT up and is not counted
                plain = page.evaluate(f"bench.mount({w}, {h}, true)")
                render = page.evaluate(f"bench.mount({w}, {h}, false)")
                counts = page.evaluate("bench.counts()")
                timings = {"plain": plain, "render": render}
                for name, call in (
                    ("accept", "bench.accept()"),
                    ("dismiss", "bench.dismiss()"),
                    ("claim", "bench.makeClaim()"),
                    ("verdict", f"bench.pickVerdict({run})"),
                ):
                    timings[name] = page.evaluate(call)
                    page.evaluate("bench.settle()")
                scroll = page.evaluate("bench.scroll(120, 700)")
                if run:
                    for key, value in timings.items():
                        results[key].append(value)
                    long_tasks.extend(scroll["longTasks"])
            browser.close()
    finally:
        server.shutdown()

    plain, render = median(results["plain"]), median(results["render"])
    print(
        f"annotator: {args.words:,} words, {counts.get('paragraphs')} paragraphs, "
        f"{counts.get('claims')} claims + {counts.get('candidates')} candidates "
        f"({counts.get('highlightsInDom')} highlight spans in the DOM); median of {args.runs} runs"
        + ("; paragraphs with content-visibility:auto" if args.content_visibility else "")
    )
    print(f"  first render, highlighted   {render:7.1f} ms   (target <= 500 ms)")
    print(
        f"  first render, plain text    {plain:7.1f} ms   (baseline; ratio {render / plain:.2f}x)"
    )
    for key, name in (
        ("accept", "accept a candidate"),
        ("dismiss", "dismiss a candidate"),
        ("claim", "make a claim"),
        ("verdict", "pick a verdict"),
    ):
        print(
            f"  {name:<27} {median(results[key]):7.1f} ms   (target <= 50 ms, to the painted frame)"
        )
    worst = max(long_tasks, default=0.0)
    # Machine-readable lines for bench/run_all.py (docs/benchmarks.md).
    print(f"FIGURE annotator_first_render_ms {render:.1f} ms target=<=500")
    print(f"FIGURE annotator_first_render_plain_ms {plain:.1f} ms target=none")
    for key in ("accept", "dismiss", "claim", "verdict"):
        print(f"FIGURE annotator_{key}_ms {median(results[key]):.1f} ms target=<=50")
    print(f"FIGURE annotator_scroll_worst_long_task_ms {worst:.1f} ms target=<=50")
    print(
        f"  scrolling: {len(long_tasks)} long tasks over {args.runs} passes of 120 steps "
        f"(worst {worst:.0f} ms; target: none over 50 ms)"
    )


if __name__ == "__main__":
    main()
