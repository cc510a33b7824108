"""Changing articles in place (issuefile.edits) and undoing (issuefile.history).

Properties: a random sequence of changes followed by as many undos gives back the original
bytes; bytes outside the changed article never change; adding articles of every section in
random order leaves nothing for check's S003/S004.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bulletin_cli as bulletin
from bulletin_cli import api
from bulletin_cli.check.engine import check_file
from bulletin_cli.errors import FileProblem, InputProblem
from bulletin_cli.issuefile import edits, history
from bulletin_cli.issuefile.atomic import atomic_write
from bulletin_cli.issuefile.store import load_issue
from bulletin_cli.model import Article

CATALOGUE = ["工作动态", "基层交流", "经验做法", "一句话信息"]
PROFILE = (
    "[bulletin]\n"
    'name = "工作简报"\n'
    f"sections = {json.dumps(CATALOGUE, ensure_ascii=False)}\n"
    'units = ["办公室", "研究室"]\n'
    'briefs = ["一句话信息"]\n'
)


def _article(section: str, title: str, body: str = "正文第一段。\n\n第二段。\n") -> Article:
    return Article(section=section, title=title, body=body, sources=["办公室"])


def _folder(root: Path, issue_text: str) -> Path:
    (root / "issues").mkdir(parents=True, exist_ok=True)
    (root / "bulletin.toml").write_text(PROFILE, encoding="utf-8")
    path = root / "issues" / "2026-01.toml"
    path.write_bytes(issue_text.encode("utf-8"))
    return path


# --- random issue files --------------------------------------------------------------------


@st.composite
def issue_texts(draw: st.DrawFn) -> str:
    """Issue files as a clerk's editor leaves them: comments before articles, subtitles or
    not, sources over several lines with a comment, a 报尾 or not, CRLF, a BOM, no final
    newline."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    parts = ["[issue]\nnumber = 1  # 期号\ndate = 2026-01-05\n"]
    sections = draw(st.lists(st.sampled_from(CATALOGUE), max_size=6))
    for number, section in enumerate(sorted(sections, key=CATALOGUE.index)):
        lines = []
        if draw(st.booleans()):
            lines.append(f"# 第{number + 1}篇")
        lines += ["[[articles]]", f'section = "{section}"', f'title = "标题{number}"']
        if draw(st.booleans()):
            lines.append(f'subtitle = "副标题{number}"')
        if draw(st.booleans()):
            lines.append('sources = [\n  "办公室",  # 主办\n  "研究室",\n]')
        else:
            lines.append('sources = ["办公室"]')
        lines.append(f'body = """\n正文{number}。\n\n第二段，有“引号”。\n"""')
        parts.append("\n".join(lines) + "\n")
    if draw(st.booleans()):
        parts.append('# 报尾\n[distribution]\nreport = ["上级"]\ncopies = 5\n')
    text = "\n".join(parts)
    if draw(st.booleans()):
        text = text.rstrip("\n")
    return draw(st.sampled_from(["", "\ufeff"])) + text.replace("\n", newline)


def _cores(text: str) -> list[str]:
    return [text[b.start : b.core_end].rstrip("\r\n") for b in edits.article_blocks(text)]


def _frame(text: str) -> list[str]:
    """The text outside the articles: before the first, between runs, after the last (the
    blank lines after each article belong to it and are left out)."""
    blocks = edits.article_blocks(text)
    if not blocks:
        return [text]
    pieces = [text[: blocks[0].start]]
    pieces += [text[a.end : b.start] for a, b in itertools.pairwise(blocks) if a.end != b.start]
    return [*pieces, text[blocks[-1].end :].rstrip("\r\n")]


def _count(path: Path) -> int:
    return len(load_issue(path).issue.articles)


# one change: (kind, a, b) with a and b drawn freely and reduced to what the file allows
CHANGES = st.lists(
    st.tuples(
        st.sampled_from(["edit", "edit_section", "remove", "move", "add", "reorder", "fix"]),
        st.integers(0, 50),
        st.integers(0, 50),
    ),
    min_size=1,
    max_size=8,
)


def _apply(path: Path, kind: str, a: int, b: int) -> bool:
    """Make one change through the public API; False when the file does not allow it."""
    count = _count(path)
    text_before = path.read_bytes().decode("utf-8-sig")
    if kind == "add":
        section = CATALOGUE[a % len(CATALOGUE)]
        fields = {
            "section": section,
            "title": f"新{b}",
            "sources": ["办公室"],
            "body": f"正文{b}。",
        }
        (number,) = bulletin.add_articles(path, [fields])
        after = path.read_bytes().decode("utf-8-sig")
        cores = _cores(after)
        del cores[number - 1]
        assert cores == _cores(text_before)
        if count:
            assert _frame(after) == _frame(text_before)
        return True
    if kind == "fix":  # check --fix: the printed order (S003/S004) and every fixable value
        api.check_files([path], fix=True)
        return path.read_bytes().decode("utf-8-sig") != text_before
    if count == 0:
        return False
    number = a % count + 1
    if kind == "edit":
        field = ["title", "subtitle", "body", "sources"][b % 4]
        values: dict[str, object] = {"title": f"改{b}", "body": f"改后正文{b}。\n"}
        values.update(subtitle=f"副{b}" if b % 3 else "", sources=["研究室"])
        change = bulletin.edit_article(path, number, **{field: values[field]})  # type: ignore[arg-type]
        after = path.read_bytes().decode("utf-8-sig")
        before_blocks = edits.article_blocks(text_before)
        block = before_blocks[number - 1]
        assert after.startswith(text_before[: block.start])
        assert after.endswith(text_before[block.end :])
        return bool(change.changed)
    if kind == "edit_section":
        change = bulletin.edit_article(path, number, section=CATALOGUE[b % len(CATALOGUE)])
        after = path.read_bytes().decode("utf-8-sig")
        cores, new_cores = _cores(text_before), _cores(after)
        del cores[number - 1]
        assert change.new_number is not None
        del new_cores[change.new_number - 1]
        assert new_cores == cores  # the others keep their bytes and their order
        assert _frame(after) == _frame(text_before)
        return bool(change.changed)
    if kind == "remove":
        bulletin.remove_article(path, number)
        after = path.read_bytes().decode("utf-8-sig")
        cores = _cores(text_before)
        del cores[number - 1]
        assert _cores(after) == cores
        if cores:
            assert _frame(after) == _frame(text_before)
        return True
    if kind == "move":
        to = b % count + 1
        try:
            bulletin.move_article(path, number, to=to)
        except InputProblem:
            return False
        after = path.read_bytes().decode("utf-8-sig")
        cores = _cores(text_before)
        cores.insert(to - 1, cores.pop(number - 1))
        assert _cores(after) == cores
        assert _frame(after) == _frame(text_before)
        return to != number
    sections = [article.section for article in load_issue(path).issue.articles]
    order = edits.printed_order(sections, CATALOGUE)
    order = order[a % count :] + order[: a % count]  # some order, not only the printed one
    changed = edits.reorder_articles(path, order, action="check --fix")
    after = path.read_bytes().decode("utf-8-sig")
    cores = _cores(text_before)
    assert _cores(after) == [cores[i] for i in order]
    assert _frame(after) == _frame(text_before)
    return changed


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issue_texts(), CHANGES)
def test_changes_then_as_many_undos_give_back_the_original_bytes(
    text: str, changes: list[tuple[str, int, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _folder(Path(folder), text)
        original = path.read_bytes()
        made = 0
        for kind, a, b in changes:
            if _apply(path, kind, a, b):
                made += 1
            tomllib.loads(path.read_bytes().decode("utf-8-sig"))
        for _ in range(made):
            bulletin.undo(path)
        assert path.read_bytes() == original
        with pytest.raises(bulletin.NothingToUndo):
            bulletin.undo(path)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(CATALOGUE), min_size=1, max_size=10), st.booleans())
def test_adding_every_section_in_random_order_leaves_no_s003_or_s004(
    sections: list[str], one_by_one: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _folder(Path(folder), "[issue]\nnumber = 1\ndate = 2026-01-05\n")
        articles = [_article(section, f"标题{n}") for n, section in enumerate(sections)]
        if one_by_one:
            for article in articles:
                bulletin.add_articles(path, [article])
        else:
            bulletin.add_articles(path, articles)
        codes = {finding.code for finding in check_file(path).findings}
        assert not codes & {"S003", "S004"}
        printed = [a.section for a in load_issue(path).issue.articles]
        assert printed == sorted(printed, key=CATALOGUE.index)


# --- single operations ---------------------------------------------------------------------


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    text = "[issue]\nnumber = 1\ndate = 2026-01-05\n"
    path = _folder(tmp_path, text)
    bulletin.add_articles(
        path,
        [
            _article("工作动态", "甲"),
            _article("工作动态", "乙"),
            _article("基层交流", "丙"),
            _article("一句话信息", ""),
        ],
    )
    return path


def test_add_returns_numbers_in_printed_order(issue: Path) -> None:
    assert (
        bulletin.add_article(
            issue, section="基层交流", title="丁", body="正文。", sources=["办公室"]
        )
        == 4
    )
    assert (
        bulletin.add_article(
            issue, section="经验做法", title="戊", body="正文。", sources=["办公室"]
        )
        == 5
    )
    titles = [a.title for a in load_issue(issue).issue.articles]
    assert titles == ["甲", "乙", "丙", "丁", "戊", ""]


def test_edit_changes_only_the_given_values_bytes(issue: Path) -> None:
    before = issue.read_text(encoding="utf-8")
    change = bulletin.edit_article(issue, 2, title="新标题")
    assert change.changed == ("title",)
    after = issue.read_text(encoding="utf-8")
    assert after == before.replace('title = "乙"', 'title = "新标题"')


def test_edit_adds_and_removes_a_subtitle_in_its_place(issue: Path) -> None:
    before = issue.read_text(encoding="utf-8")
    bulletin.edit_article(issue, 1, subtitle="副标题")
    assert 'title = "甲"\nsubtitle = "副标题"\nsources' in issue.read_text(encoding="utf-8")
    bulletin.edit_article(issue, 1, subtitle="")
    assert issue.read_text(encoding="utf-8") == before


def test_edit_cleans_like_add_and_refuses_errors(issue: Path) -> None:
    change = bulletin.edit_article(issue, 1, body="第一段。\n\n第二段。（研究室）")
    assert change.changed == ("body", "sources")
    assert change.article.sources == ["办公室", "研究室"]
    before = issue.read_bytes()
    with pytest.raises(bulletin.ContentRefused):
        bulletin.edit_article(issue, 1, section="没有的栏目")
    with pytest.raises(bulletin.InputProblem):
        bulletin.edit_article(issue, 9, title="x")
    with pytest.raises(bulletin.InputProblem):
        bulletin.edit_article(issue, 1)
    assert issue.read_bytes() == before


def test_edit_of_the_section_moves_the_article_to_its_place(issue: Path) -> None:
    change = bulletin.edit_article(issue, 1, section="经验做法")
    assert (change.number, change.new_number) == (1, 3)
    assert [a.title for a in load_issue(issue).issue.articles] == ["乙", "丙", "甲", ""]
    bulletin.undo(issue)
    assert [a.title for a in load_issue(issue).issue.articles] == ["甲", "乙", "丙", ""]


def test_remove_and_undo(issue: Path) -> None:
    before = issue.read_bytes()
    change = bulletin.remove_article(issue, 3)
    assert change.article.title == "丙" and change.new_number is None
    assert [a.title for a in load_issue(issue).issue.articles] == ["甲", "乙", ""]
    result = bulletin.undo(issue)
    assert result.action == "remove 3"
    assert issue.read_bytes() == before


def test_move_stays_within_the_section(issue: Path) -> None:
    assert bulletin.move_article(issue, 2, to=1).new_number == 1
    assert [a.title for a in load_issue(issue).issue.articles] == ["乙", "甲", "丙", ""]
    before = issue.read_bytes()
    with pytest.raises(bulletin.InputProblem) as caught:
        bulletin.move_article(issue, 1, to=3)
    assert "第 1–2 篇" in str(caught.value)
    assert issue.read_bytes() == before


def test_move_to_another_issue_and_undo_both(issue: Path) -> None:
    other = issue.parent / "2026-02.toml"
    other.write_text("[issue]\nnumber = 2\ndate = 2026-01-20\n", encoding="utf-8")
    before, other_before = issue.read_bytes(), other.read_bytes()
    change = bulletin.move_article_to_issue(issue, 3, other)
    assert change.other == other
    assert [a.title for a in load_issue(other).issue.articles] == ["丙"]
    assert [a.title for a in load_issue(issue).issue.articles] == ["甲", "乙", ""]
    result = bulletin.undo(other)
    assert result.other == issue
    assert (issue.read_bytes(), other.read_bytes()) == (before, other_before)


def test_move_to_another_issue_keeps_the_article_when_the_second_write_fails(
    issue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = issue.parent / "2026-02.toml"
    other.write_text("[issue]\nnumber = 2\ndate = 2026-01-20\n", encoding="utf-8")
    before, other_before = issue.read_bytes(), other.read_bytes()
    real_write = atomic_write

    def failing_write(path: Path, data: bytes, **options: bool) -> None:
        if path == issue.resolve():
            raise FileProblem(path, "磁盘已满")
        real_write(path, data, **options)

    monkeypatch.setattr("bulletin_cli.issuefile.transaction.atomic_write", failing_write)
    with pytest.raises(FileProblem):
        bulletin.move_article_to_issue(issue, 3, other)
    assert (issue.read_bytes(), other.read_bytes()) == (before, other_before)
    monkeypatch.undo()
    assert history.steps(other) == []


def test_undo_refuses_after_a_hand_edit_unless_forced(issue: Path) -> None:
    bulletin.remove_article(issue, 1)
    issue.write_text(issue.read_text(encoding="utf-8") + "# 手工加的注释\n", encoding="utf-8")
    with pytest.raises(bulletin.UndoRefused) as caught:
        bulletin.undo(issue)
    assert caught.value.exit_code == 1
    assert "--force" in str(caught.value)
    bulletin.undo(issue, force=True)
    assert [a.title for a in load_issue(issue).issue.articles] == ["甲", "乙", "丙", ""]


def test_history_is_bounded_and_keeps_at_least_twenty_steps(issue: Path) -> None:
    for n in range(history.MAX_STEPS + 5):
        bulletin.edit_article(issue, 1, title=f"第{n}次")
    assert len(history.steps(issue)) == history.MAX_STEPS >= 20
    for _ in range(20):
        bulletin.undo(issue)
    assert load_issue(issue).issue.articles[0].title == f"第{history.MAX_STEPS + 4 - 20}次"


def test_a_damaged_history_is_named_and_does_not_stop_changes(issue: Path) -> None:
    bulletin.remove_article(issue, 1)
    (step,) = [s for s in history.steps(issue) if s.action == "remove 1"]
    step.file.write_text("{not json", encoding="utf-8")
    bulletin.remove_article(issue, 1)  # recording still works
    bulletin.undo(issue)
    with pytest.raises(FileProblem) as caught:
        bulletin.undo(issue)
    assert "撤销记录已损坏" in str(caught.value) and ".bulletin-history" in str(caught.value)
    shutil.rmtree(history.history_folder(issue))
    with pytest.raises(bulletin.NothingToUndo):
        bulletin.undo(issue)


def test_a_failed_write_leaves_no_undo_step(issue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    steps_before = len(history.steps(issue))

    def failing_write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
        raise FileProblem(path, "磁盘已满")

    monkeypatch.setattr("bulletin_cli.issuefile.transaction.atomic_write", failing_write)
    with pytest.raises(FileProblem):
        bulletin.remove_article(issue, 1)
    assert len(history.steps(issue)) == steps_before


def test_add_is_recorded_and_undone(issue: Path) -> None:
    before = issue.read_bytes()
    bulletin.add_article(issue, section="工作动态", title="新", body="正文。", sources=["办公室"])
    bulletin.undo(issue)
    assert issue.read_bytes() == before


def test_reorder_puts_articles_in_printed_order_as_one_undo_step(tmp_path: Path) -> None:
    text = "[issue]\nnumber = 1\ndate = 2026-01-05\n"
    for title, section in [("甲", "基层交流"), ("乙", "工作动态"), ("丙", "基层交流")]:
        text += f'\n[[articles]]\nsection = "{section}"\ntitle = "{title}"\n'
        text += 'sources = ["办公室"]\nbody = "正文。"\n'
    path = _folder(tmp_path, text)
    sections = [a.section for a in load_issue(path).issue.articles]
    order = edits.printed_order(sections, CATALOGUE)
    assert order == [1, 0, 2]
    assert edits.reorder_articles(path, order, action="check --fix")
    assert [a.title for a in load_issue(path).issue.articles] == ["乙", "甲", "丙"]
    assert not {f.code for f in check_file(path).findings} & {"S003", "S004"}
    assert not edits.reorder_articles(path, [0, 1, 2], action="check --fix")
    assert bulletin.undo(path).action == "check --fix"
    assert path.read_text(encoding="utf-8") == text


def test_the_documented_undo_example_runs_as_written(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text("utf-8")
    (example,) = [b for b in re.findall(r"```python\n(.*?)```", text, re.S) if "undo(" in b]
    done = subprocess.run(
        [sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_move_to_another_issue_carries_the_articles_own_bytes(tmp_path: Path) -> None:
    own = "# 张三的来稿\n[[articles]]\nsection = '工作动态'  # 单引号\ntitle = \"甲\"\nbody = '''\n正文。'''\n"
    path = _folder(tmp_path, "[issue]\r\nnumber = 1\r\ndate = 2026-01-05\r\n")
    path.write_bytes(path.read_bytes() + b"\r\n" + own.replace("\n", "\r\n").encode("utf-8"))
    other = path.parent / "2026-02.toml"
    other.write_text("[issue]\nnumber = 2\ndate = 2026-01-20\n", encoding="utf-8")
    bulletin.move_article_to_issue(path, 1, other)
    assert own in other.read_text(encoding="utf-8")  # comments, quoting; line ends of ``other``
    assert load_issue(other).issue.articles[0].sources == []  # no sources key: moved as it is
    assert load_issue(path).issue.articles == []


def test_recording_removes_steps_a_killed_command_left_half_written(issue: Path) -> None:
    folder = history.history_folder(issue)
    dead = folder / ".000009.json.4194309.abcd1234.tmp"  # above Linux's largest pid
    dead.write_bytes(b"{")
    bulletin.remove_article(issue, 1)
    assert not dead.exists()
    assert [p.name for p in folder.iterdir() if p.suffix == ".tmp"] == []
