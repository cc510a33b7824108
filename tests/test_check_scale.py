"""Every rule is linear: 10,000 sources and a 10 MB body are checked without a hang.

No timing is asserted. The work is counted instead (how many entries the sources are cleaned of, how often
a body's raw text is located), and a hang guard far above the normal time (seconds) turns a
quadratic slide back (minutes, as A004 once took) into a failure rather than a stuck run.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from rule_fixtures import PROFILE

from bulletin_cli.check import core
from bulletin_cli.check.engine import check_file
from bulletin_cli.check.rules import sources
from bulletin_cli.check.rules.text import MAX_SPOTS
from bulletin_cli.issuefile.tomlwrite import toml_value

HANG_GUARD_SECONDS = 300
"""Normal: a few seconds on a loaded machine; the quadratic A004 took minutes at this size."""


class Hang(Exception):
    pass


@contextlib.contextmanager
def hang_guard(seconds: int = HANG_GUARD_SECONDS) -> Iterator[None]:
    def give_up(_signum: int, _frame: FrameType | None) -> None:
        raise Hang(f"check took more than {seconds} s: something is no longer linear")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _issue(folder: Path, units: list[str], body: str) -> Path:
    shutil.copy(PROFILE, folder / "bulletin.toml")
    issue = folder / "issue.toml"
    issue.write_text(
        "[issue]\nnumber = 1\ndate = 2012-01-20\n\n[[articles]]\n"
        f'section = "工作动态"\ntitle = "市总工会召开全委会"\nsources = {toml_value(units)}\n'
        f'body = """\n{body}\n"""\n',
        encoding="utf-8",
    )
    return issue


@pytest.mark.parametrize(
    "units",
    [
        ["研究室"] * 10_000,
        [f"第{number}分会" for number in range(5_000)] * 2,
        ["市总办公室、研究室"] * 5_000 + ["（市总生活部）供稿"] * 5_000,
    ],
    ids=["one unit 10000 times", "5000 units twice", "composite entries"],
)
def test_ten_thousand_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, units: list[str]
) -> None:
    processed = 0
    real_fixed_sources = sources.fixed_sources

    def counting(entries: list[str], *args: Any) -> list[str]:
        nonlocal processed
        processed += len(entries)
        return real_fixed_sources(entries, *args)

    monkeypatch.setattr(sources, "fixed_sources", counting)
    issue = _issue(tmp_path, units, "会议在市工人文化宫召开。")
    with hang_guard():
        report = check_file(issue)
    # each rule cleans each entry a bounded number of times: linear, not once per repeat
    assert processed <= 8 * len(units), processed
    codes = set(report.codes())
    assert "A004" in codes or "A003" in codes
    for finding in report.findings:
        assert finding.hint is None or len(finding.hint) < 200, finding.hint


def test_a_ten_megabyte_body(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    located = 0
    real_span = core._multiline_span

    def counting_span(*args: object) -> tuple[int, int] | None:
        nonlocal located
        located += 1
        return real_span(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(core, "_multiline_span", counting_span)
    paragraph = "会议在市工人文化宫召开" * 8 + "各区总工会,主席参加\u0007会议。"
    count = 10 * 1024 * 1024 // len((paragraph + "\n\n").encode("utf-8"))
    line = "会,a" * 20_000  # one long line of spots: each looks only as far as its spaces
    body = "\n\n".join([paragraph] * count + [line])
    assert len(body.encode("utf-8")) > 10 * 1024 * 1024
    issue = _issue(tmp_path, ["研究室"], body.replace("\u0007", "\\u0007"))
    with hang_guard():
        report = check_file(issue)
    assert located == 1  # the body's raw text is found once, not once per finding
    by_code = {code: report.codes().count(code) for code in set(report.codes())}
    # the first spots one by one, the rest counted in one finding
    assert by_code["T006"] == MAX_SPOTS + 1
    assert by_code["T007"] == MAX_SPOTS + 1
    last = [f for f in report.findings if f.code == "T007"][-1]
    assert (
        last.message
        == f"正文中还有 {count - MAX_SPOTS} 个无法写入 Word 文档的控制字符（以上只列出前 {MAX_SPOTS} 个）"
    )
    assert last.line == 10 + 2 * MAX_SPOTS  # the paragraph of the first one not listed
