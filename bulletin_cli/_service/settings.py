"""The office's settings kept by commands: ``units`` and ``sections`` (re-exported by ``api``).

Each function finds the ``bulletin.toml`` that governs a folder (or takes its path), decides the
change from the profile as read under its lock, and writes it in place through
``issuefile.profile_edits``: comments and every other setting byte for byte, atomic, locked,
one undo step (``bulletin undo bulletin.toml``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputProblem
from ..profile import PROFILE_NAME, Profile, find_profile, load_profile
from ..textclean import clean_section, strip_spaces
from .base import Result

if TYPE_CHECKING:
    from ..issuefile.profile_edits import SetValue

Document = dict[str, object]

PathLike = str | Path


@dataclass(kw_only=True)
class SettingsChanged(Result):
    """What a ``units`` or ``sections`` command changed in the profile: one line per change in
    a clerk's words (empty: the profile already said so and was not written)."""

    path: Path
    done: list[str] = field(default_factory=list)
    issue_files: list[Path] = field(default_factory=list)
    """The issue files changed too (``rename --issues``), undone with the profile."""

    @property
    def changed(self) -> bool:
        return bool(self.done)


@dataclass(kw_only=True)
class SettingsListed(Result):
    """The profile's catalogue and units as ``units list`` and ``sections list`` show them."""

    path: Path
    profile: Profile


def profile_path(where: PathLike = ".") -> Path:
    """The ``bulletin.toml`` at ``where`` (the file itself, or found from a folder upwards);
    without one, an ``InputProblem`` saying to run ``bulletin init`` or change folder."""
    where = Path(where)
    if where.name == PROFILE_NAME and where.is_file():
        return where
    found = find_profile(where)
    if found is not None:
        return _shown(found)
    folder = where if where.is_dir() else where.parent
    raise InputProblem(
        f"没有找到 {PROFILE_NAME}（在 {folder.resolve()} 及其上级文件夹中都找过）",
        hint="先运行 bulletin init 写一份简报设置，或换到简报所在的文件夹再试",
    )


def _shown(path: Path) -> Path:
    """``path`` relative to the current folder when it lies below it (as the clerk reads it)."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def list_settings(where: PathLike = ".") -> SettingsListed:
    path = profile_path(where)
    return SettingsListed(path=path, profile=load_profile(path))


def _names(doc: Document, key: str) -> list[str]:
    table = doc.get("bulletin")
    value = table.get(key) if isinstance(table, dict) else None
    return [str(item) for item in value] if isinstance(value, list) else []


def _unit_sections(doc: Document) -> dict[str, str]:
    table = doc.get("unit_sections")
    return {str(k): str(v) for k, v in table.items()} if isinstance(table, dict) else {}


def _clean_unit(name: str) -> str:
    unit = "".join(strip_spaces(name).split())
    if not unit:
        raise InputProblem("单位名称是空的", hint="示例：bulletin units add 阳光社区")
    return unit


def _clean_section_name(name: str) -> str:
    section = clean_section(name)
    if not section:
        raise InputProblem("栏目名称是空的", hint="示例：bulletin sections add 经验交流")
    return section


def _guess(name: str, candidates: Sequence[str]) -> str:
    from ..check.core import nearest

    guesses = nearest(name, list(candidates))
    if guesses:
        return "您要写的是不是 " + " 或 ".join(f"“{g}”" for g in guesses) + "？"
    return ""


def _require_section(section: str, catalogue: Sequence[str], *, hint: str | None = None) -> None:
    if catalogue and section not in catalogue:
        raise InputProblem(
            f"栏目“{section}”不在栏目目录中。{_guess(section, catalogue)}",
            hint=hint or f"先运行 bulletin sections add {section} 把它加进栏目目录",
        )


class _Recorder:
    """The changes of one command and their descriptions, filled in by its plan."""

    def __init__(self) -> None:
        self.changes: list[SetValue] = []
        self.done: list[str] = []

    def set(self, table: str, key: str, value: object | None, said: str) -> None:
        from ..issuefile.profile_edits import SetValue

        self.changes.append(SetValue(table, key, value))
        self.done.append(said)


_Plan = Callable[[Document, _Recorder], None]
"""Decides a command's changes from the profile as read under the lock."""


def _apply(path: Path, plan: _Plan, action: str) -> SettingsChanged:
    recorder = _Recorder()

    def decided(doc: Document) -> list[SetValue]:
        recorder.changes.clear()
        recorder.done.clear()
        plan(doc, recorder)
        return list(recorder.changes)

    from ..issuefile.profile_edits import rewrite_profile

    rewrite = rewrite_profile(path, decided, action=action)
    done = recorder.done if rewrite.changes else []
    return SettingsChanged(path=path, done=done)


# --- units -------------------------------------------------------------------------------


def add_units(
    names: Sequence[str], *, section: str | None = None, where: PathLike = "."
) -> SettingsChanged:
    """Add units to the profile's ``units`` (those already there stay once); with ``section``,
    record it as their usual section in ``[unit_sections]``."""
    path = profile_path(where)
    units = [_clean_unit(name) for name in names]
    if not units:
        raise InputProblem("没有写要添加的单位", hint="示例：bulletin units add 阳光社区 综治办")
    wanted = _clean_section_name(section) if section is not None else None

    def plan(doc: Document, recorder: _Recorder) -> None:
        known = _names(doc, "units")
        new = [unit for unit in dict.fromkeys(units) if unit not in known]
        if new:
            recorder.set("bulletin", "units", [*known, *new], "供稿单位添加了 " + "、".join(new))
        if wanted is None:
            return
        _require_section(wanted, _names(doc, "sections"))
        usual = _unit_sections(doc)
        for unit in dict.fromkeys(units):
            if usual.get(unit) != wanted:
                recorder.set("unit_sections", unit, wanted, f"{unit} 的常用栏目设为“{wanted}”")

    return _apply(path, plan, "units add " + " ".join(units))


def remove_units(names: Sequence[str], *, where: PathLike = ".") -> SettingsChanged:
    """Take units out of ``units`` and ``[unit_sections]``; a name the profile lacks is refused,
    with the likely intended one."""
    path = profile_path(where)
    units = [_clean_unit(name) for name in names]
    if not units:
        raise InputProblem("没有写要删除的单位", hint="示例：bulletin units remove 综治办")

    def plan(doc: Document, recorder: _Recorder) -> None:
        known = _names(doc, "units")
        usual = _unit_sections(doc)
        for unit in units:
            if unit not in known and unit not in usual:
                raise InputProblem(
                    f"供稿单位中没有“{unit}”。{_guess(unit, known)}",
                    hint="用 bulletin units 查看已有的单位",
                )
        kept = [unit for unit in known if unit not in units]
        gone = [unit for unit in known if unit in units]
        if gone:
            recorder.set("bulletin", "units", kept, "供稿单位删除了 " + "、".join(gone))
        for unit in units:
            if unit in usual:
                recorder.set("unit_sections", unit, None, f"{unit} 的常用栏目已去掉")

    return _apply(path, plan, "units remove " + " ".join(units))


def rename_unit_plan(old: str, new: str) -> _Plan:
    """The profile's part of renaming (or merging) unit ``old`` into ``new``."""

    def plan(doc: Document, recorder: _Recorder) -> None:
        known = _names(doc, "units")
        usual = _unit_sections(doc)
        if old in known:
            renamed = [] if new in known else [new]
            units = [item for unit in known for item in ([*renamed] if unit == old else [unit])]
            merged = "并入" if new in known else "改名为"
            recorder.set("bulletin", "units", units, f"供稿单位“{old}”{merged}“{new}”")
        if old in usual:
            if new not in usual:
                recorder.set(
                    "unit_sections", new, usual[old], f"{new} 的常用栏目设为“{usual[old]}”"
                )
            recorder.set("unit_sections", old, None, f"{old} 的常用栏目已去掉")

    return plan


def rename_unit(
    old: str, new: str, *, where: PathLike = ".", issues: PathLike | None = None
) -> SettingsChanged:
    """Rename unit ``old`` to ``new`` in ``units`` and ``[unit_sections]`` (when ``new`` is
    already a unit, ``old`` merges into it); with ``issues`` (a folder), also in the
    ``sources`` of every issue file there: all files or none, one undo step."""
    path = profile_path(where)
    old, new = _clean_unit(old), _clean_unit(new)
    _refuse_same(old, new)
    action = f"units rename {old} {new}"
    if issues is not None:
        return _rename_across(
            path, Path(issues), "sources", old, new, rename_unit_plan(old, new), action
        )
    profile = load_profile(path)
    if old not in profile.units and old not in profile.unit_sections:
        raise InputProblem(
            f"供稿单位中没有“{old}”。{_guess(old, profile.units)}",
            hint="要改期刊文件里的单位名称，加 --issues 期刊文件夹（如 --issues issues）",
        )
    return _apply(path, rename_unit_plan(old, new), action)


def _rename_across(
    path: Path, folder: Path, key: str, old: str, new: str, plan: _Plan, action: str
) -> SettingsChanged:
    """The profile and every issue file of ``folder`` renamed in one transaction: all files or
    none, one undo step (``bulletin undo`` of any of them takes back all)."""
    from ..issuefile.edits import rename_in_articles
    from ..issuefile.profile_edits import stage_profile
    from ..issuefile.store import issue_files
    from ..issuefile.transaction import Transaction

    if not folder.is_dir():
        raise InputProblem(
            f"期刊文件夹 {folder} 不存在", hint="写期刊文件所在的文件夹，如 --issues issues"
        )
    files = issue_files(folder)
    recorder = _Recorder()

    def decided(doc: Document) -> list[SetValue]:
        plan(doc, recorder)
        return list(recorder.changes)

    with Transaction([path, *files], action=action) as change:
        change.keep_in_group(path)  # bulletin undo bulletin.toml takes back the whole rename
        rewrite = stage_profile(change, path, decided)
        counts = {file: rename_in_articles(change, file, key, old, new) for file in files}
        articles = sum(counts.values())
        if not rewrite.changes and not articles:
            what = "供稿单位" if key == "sources" else "栏目"
            raise InputProblem(
                f"{path.name} 和 {folder} 的 {len(files)} 期中都没有{what}“{old}”，没有改动",
                hint="名称要和文件里写的完全一样；用 bulletin stats 或 bulletin show 查看",
            )
    done = list(recorder.done) if rewrite.changes else []
    touched = [file for file, count in counts.items() if count]
    if touched:
        done.append(f"{len(touched)} 期共 {articles} 篇稿件中的“{old}”改为“{new}”")
    return SettingsChanged(path=path, done=done, issue_files=touched)


def _refuse_same(old: str, new: str) -> None:
    if old == new:
        raise InputProblem(f"新旧名称都是“{old}”，不用改")


# --- sections ----------------------------------------------------------------------------


def add_section(
    name: str,
    *,
    brief: bool = False,
    before: str | None = None,
    after: str | None = None,
    where: PathLike = ".",
) -> SettingsChanged:
    """Add a section to the catalogue (at the end, or before/after another); ``brief`` makes
    it a 简讯 section (``briefs``)."""
    path = profile_path(where)
    section = _clean_section_name(name)
    if before is not None and after is not None:
        raise InputProblem("--before 和 --after 只能写一个")
    anchor = _clean_section_name(before or after or "") if (before or after) else None

    def plan(doc: Document, recorder: _Recorder) -> None:
        catalogue = _names(doc, "sections")
        if section not in catalogue:
            position = len(catalogue)
            if anchor is not None:
                if anchor not in catalogue:
                    raise InputProblem(
                        f"栏目“{anchor}”不在栏目目录中。{_guess(anchor, catalogue)}",
                        hint="用 bulletin sections 查看栏目目录",
                    )
                position = catalogue.index(anchor) + (1 if after is not None else 0)
            updated = [*catalogue[:position], section, *catalogue[position:]]
            recorder.set("bulletin", "sections", updated, f"栏目目录添加了“{section}”")
        briefs = _names(doc, "briefs")
        if brief and section not in briefs:
            recorder.set("bulletin", "briefs", [*briefs, section], f"“{section}”设为简讯栏目")

    return _apply(path, plan, f"sections add {section}")


def remove_section(name: str, *, where: PathLike = ".") -> SettingsChanged:
    """Take a section out of the catalogue, ``briefs`` and ``required``; units whose usual
    section it was lose that setting (said in the result)."""
    path = profile_path(where)
    section = _clean_section_name(name)

    def plan(doc: Document, recorder: _Recorder) -> None:
        catalogue = _names(doc, "sections")
        if section not in catalogue:
            raise InputProblem(
                f"栏目目录中没有“{section}”。{_guess(section, catalogue)}",
                hint="用 bulletin sections 查看栏目目录",
            )
        kept = [item for item in catalogue if item != section]
        recorder.set("bulletin", "sections", kept, f"栏目目录删除了“{section}”")
        for key, words in (("briefs", "简讯栏目"), ("required", "必备栏目")):
            names = _names(doc, key)
            if section in names:
                rest = [item for item in names if item != section]
                recorder.set("bulletin", key, rest, f"“{section}”不再是{words}")
        for unit, usual in _unit_sections(doc).items():
            if usual == section:
                recorder.set("unit_sections", unit, None, f"{unit} 的常用栏目已去掉")

    return _apply(path, plan, f"sections remove {section}")


def rename_section_plan(old: str, new: str) -> _Plan:
    """The profile's part of renaming section ``old`` to ``new``: the catalogue, ``briefs``,
    ``required`` and the units' usual sections."""

    def plan(doc: Document, recorder: _Recorder) -> None:
        for key, words in (
            ("sections", "栏目目录"),
            ("briefs", "简讯栏目"),
            ("required", "必备栏目"),
        ):
            names = _names(doc, key)
            if old in names:
                renamed = list(dict.fromkeys(new if item == old else item for item in names))
                recorder.set("bulletin", key, renamed, f"{words}中的“{old}”改为“{new}”")
        for unit, usual in _unit_sections(doc).items():
            if usual == old:
                recorder.set("unit_sections", unit, new, f"{unit} 的常用栏目改为“{new}”")

    return plan


def rename_section(
    old: str, new: str, *, where: PathLike = ".", issues: PathLike | None = None
) -> SettingsChanged:
    """Rename section ``old`` to ``new`` wherever the profile names it; with ``issues`` (a
    folder), also in the articles of every issue file there: all files or none, one undo step."""
    path = profile_path(where)
    old, new = _clean_section_name(old), _clean_section_name(new)
    _refuse_same(old, new)
    action = f"sections rename {old} {new}"
    if issues is not None:
        plan = rename_section_plan(old, new)
        return _rename_across(path, Path(issues), "section", old, new, plan, action)
    catalogue = load_profile(path).sections
    if old not in catalogue:
        raise InputProblem(
            f"栏目目录中没有“{old}”。{_guess(old, catalogue)}",
            hint="要改期刊文件里的栏目名称，加 --issues 期刊文件夹（如 --issues issues）",
        )
    return _apply(path, rename_section_plan(old, new), action)


# --- the first settings (init) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FirstSettings:
    """What ``bulletin init`` is told (options, or answers at a terminal); empty fields keep the
    template's examples. ``unit_sections`` pairs a unit with its usual section."""

    name: str | None = None
    editor: str | None = None
    sections: tuple[str, ...] = ()
    briefs: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    unit_sections: tuple[tuple[str, str], ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(
            (self.name, self.editor, self.sections, self.briefs, self.units, self.unit_sections)
        )


def first_profile(settings: FirstSettings, example: Profile) -> Profile:
    """The profile ``init`` writes: ``example`` (the template's) with ``settings`` put in. Brief
    sections join the catalogue; a unit given a usual section joins the units; a usual section
    outside the catalogue is refused (``InputProblem``), with the likely intended one."""
    profile = Profile(
        name=example.name,
        editor=example.editor,
        sections=list(example.sections),
        units=list(example.units),
        briefs=list(example.briefs),
        distribution=example.distribution,
    )
    for label, value in (("简报名称", settings.name), ("编印单位", settings.editor)):
        if value is not None and not strip_spaces(value):
            raise InputProblem(
                f"{label}不能空着", hint='示例：bulletin init --name "阳光街道工作简报"'
            )
    if settings.name is not None:
        profile.name = strip_spaces(settings.name)
    if settings.editor is not None:
        profile.editor = strip_spaces(settings.editor)
    if settings.sections or settings.briefs:
        sections = [_clean_section_name(name) for name in settings.sections]
        briefs = [_clean_section_name(name) for name in settings.briefs]
        profile.sections = list(dict.fromkeys([*sections, *briefs]))
        profile.briefs = list(dict.fromkeys(briefs))
    pairs = [_unit_section_pair(unit, section) for unit, section in settings.unit_sections]
    if settings.units or pairs:
        given = [_clean_unit(unit) for unit in settings.units]
        profile.units = list(dict.fromkeys([*given, *(unit for unit, _ in pairs)]))
    for unit, section in pairs:
        _require_section(section, profile.sections, hint=f"再写一个 --section {section}")
        profile.unit_sections[unit] = section
    return profile


def _unit_section_pair(unit: str, section: str) -> tuple[str, str]:
    return _clean_unit(unit), _clean_section_name(section)


def parse_unit_section(text: str) -> tuple[str, str]:
    """``阳光社区=基层交流`` (or with ＝ or ：) → ``("阳光社区", "基层交流")``."""
    for mark in ("=", "＝", "：", ":"):
        if mark in text:
            unit, _, section = text.partition(mark)
            if strip_spaces(unit) and strip_spaces(section):
                return _unit_section_pair(unit, section)
    raise InputProblem(
        f"--unit-section 的值 “{text}” 应写成 单位=栏目",
        hint="示例：--unit-section 阳光社区=基层交流",
    )
