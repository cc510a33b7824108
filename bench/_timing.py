"""Paired whole-process timing shared by the bench scripts.

Each round runs every command once, in an order that alternates between rounds, so that a
change of machine load touches all of them alike. Wall time is what a clerk waits; CPU time
(user + system of the child) is less disturbed by other work on a busy machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Timings:
    name: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def wall_ms(self) -> float:
        return statistics.median(self.wall) * 1000

    @property
    def cpu_ms(self) -> float:
        return statistics.median(self.cpu) * 1000


def run_once(command: list[str], *, cwd: str | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one process; it must exit 0."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def paired(
    commands: dict[str, list[str]],
    rounds: int,
    *,
    before_each: Callable[[str], None] | None = None,
    cwd: str | None = None,
) -> list[Timings]:
    """Median-ready timings of each command over ``rounds`` paired rounds (after one warm-up
    round that is not counted)."""
    results = [Timings(name) for name in commands]
    items = list(zip(results, commands.values(), strict=True))
    for index in range(rounds + 1):
        for timings, command in items if index % 2 == 0 else reversed(items):
            if before_each is not None:
                before_each(timings.name)
            wall, cpu = run_once(command, cwd=cwd)
            if index:
                timings.wall.append(wall)
                timings.cpu.append(cpu)
    return results


def paired_ratio(ours: Timings, other: Timings) -> float:
    """The median of the per-round wall-time ratios."""
    return statistics.median(a / b for a, b in zip(ours.wall, other.wall, strict=True))


def report(results: list[Timings], rounds: int) -> None:
    width = max(len(t.name) for t in results)
    print(f"{'':{width}}  {'wall ms':>8}  {'CPU ms':>7}   (medians of {rounds} paired runs)")
    for timings in results:
        print(f"{timings.name:{width}}  {timings.wall_ms:8.1f}  {timings.cpu_ms:7.1f}")


def load_note() -> str:
    one, five, fifteen = os.getloadavg()
    return f"cores {os.cpu_count()}, load average {one:.2f} {five:.2f} {fifteen:.2f}"
