"""How long ``stats`` takes over an office's ten-year archive: 1,000 issue files, 15,000 articles.

    .venv/bin/python bench/bench_stats.py [--rounds N] [--bulletin PATH]

The archive is generated once in a temporary folder: 100 issues a year from 2003 to 2012, 15
articles each with the example issue's bodies (about 14 KB a file), 40 units in the profile,
one article in five joint. Printed, as medians of ``--rounds`` runs: the library call
(``adoption_stats`` of the folder for one year and for all ten), how long parsing alone takes
with the standard library's tomllib and with tomli (the parser stats uses), and the whole
``bulletin stats FOLDER --format json`` process (start-up included) beside this Python.
Not a test: no timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli
from _timing import load_note, run_once

import bulletin_cli as bulletin
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.issuefile.tomlwrite import issue_toml
from bulletin_cli.model import Article, Issue

REPO = Path(__file__).resolve().parent.parent
YEARS = range(2003, 2013)
ISSUES_A_YEAR = 100
ARTICLES_AN_ISSUE = 15
UNITS = [f"第{n}街道工会" for n in range(1, 31)] + [f"市总第{n}部" for n in range(1, 11)]
SECTIONS = ["工作动态", "基层交流", "调查研究", "一句话信息"]


def make_archive(root: Path) -> Path:
    """``root/bulletin.toml`` and ``root/issues/`` with 1,000 issue files; returns the folder."""
    profile = (
        "[bulletin]\n"
        'name = "测试工作简报"\n'
        'editor = "测试办公室"\n'
        f"sections = [{', '.join(repr(s).replace(chr(39), chr(34)) for s in SECTIONS)}]\n"
        f"units = [{', '.join(repr(u).replace(chr(39), chr(34)) for u in UNITS)}]\n"
    )
    (root / "bulletin.toml").write_text(profile, encoding="utf-8")
    folder = root / "issues"
    folder.mkdir()
    bodies = [a.body for a in load_issue(REPO / "issues" / "2012-01.toml").issue.articles]
    serial = 0
    for year in YEARS:
        for number in range(1, ISSUES_A_YEAR + 1):
            date = dt.date(year, 1, 1) + dt.timedelta(days=(number - 1) * 365 // ISSUES_A_YEAR)
            articles = []
            for index in range(ARTICLES_AN_ISSUE):
                serial += 1
                sources = [UNITS[serial * 7 % len(UNITS)]]
                if serial % 5 == 0:
                    sources.append(UNITS[serial * 11 % len(UNITS)])
                articles.append(
                    Article(
                        section=SECTIONS[serial % len(SECTIONS)],
                        title=f"第{number}期第{index + 1}篇稿件的标题",
                        body=bodies[serial % len(bodies)],
                        sources=list(dict.fromkeys(sources)),
                    )
                )
            issue = Issue(number=number, date=date, articles=articles)
            path = folder / f"{year}-{number:03d}.toml"
            path.write_text(issue_toml(issue), encoding="utf-8")
    return folder


def medians_ms(action: Callable[[], object], rounds: int) -> tuple[float, float]:
    """(wall, CPU) medians in milliseconds; CPU time is less disturbed by a busy machine."""
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--bulletin", default=str(Path(sys.executable).parent / "bulletin"))
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-stats-"))
    try:
        folder = make_archive(root)
        files = sorted(folder.glob("*.toml"))
        size = sum(path.stat().st_size for path in files)
        report = bulletin.adoption_stats(folder)
        print(
            f"archive: {len(files)} files, {size / 1e6:.1f} MB, {report.articles} articles, "
            f"{len(report.units)} units; {load_note()}"
        )
        texts = [path.read_text("utf-8") for path in files]
        rows = [
            (
                "parse only, tomllib",
                medians_ms(lambda: [tomllib.loads(t) for t in texts], args.rounds),
            ),
            ("parse only, tomli", medians_ms(lambda: [tomli.loads(t) for t in texts], args.rounds)),
            (
                "adoption_stats, --year 2012",
                medians_ms(lambda: bulletin.adoption_stats(folder, year=2012), args.rounds),
            ),
            (
                "adoption_stats, all ten years",
                medians_ms(lambda: bulletin.adoption_stats(folder), args.rounds),
            ),
        ]
        command = [args.bulletin, "stats", str(folder), "--format", "json"]
        walls, cpus = [], []
        run_once(command)  # warm-up (file cache, byte code)
        for _ in range(args.rounds):
            wall, cpu = run_once(command)
            walls.append(wall)
            cpus.append(cpu)
        whole = (statistics.median(walls) * 1000, statistics.median(cpus) * 1000)
        rows.append(("bulletin stats --format json, whole process", whole))
        width = max(len(name) for name, _ in rows)
        print(f"{'':{width}}  {'wall ms':>8}  {'CPU ms':>7}   (medians of {args.rounds} runs)")
        for name, (wall_ms, cpu_ms) in rows:
            print(f"{name:{width}}  {wall_ms:8.1f}  {cpu_ms:7.1f}")
        print(f"after: {load_note()}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
