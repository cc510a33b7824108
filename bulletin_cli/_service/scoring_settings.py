"""``bulletin scoring``: set the profile's ``[scoring]`` rules without opening bulletin.toml.

Built on the machinery of ``units`` and ``sections`` (``_service.settings``,
``issuefile.profile_edits``): each change is decided from the profile as read under its lock,
written in place (comments and every other byte kept), atomic, one undo step. A change that
would leave the rules wrong is refused before anything is written, with the message the
profile's reader would give.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import InputProblem
from ..issuefile.positions import scan
from ..issuefile.store import read_text
from ..kinds import known_kinds
from .settings import Document, PathLike, SettingsChanged, _apply, _names, _Recorder, profile_path

JOINT_WORDS = {"split": "split", "full": "full", "平分": "split", "全分": "full"}
"""What ``scoring set joint`` accepts: the key's values, or the clerk's words for them."""
SETTABLE = ("article", "brief", "joint")


def points_value(text: str) -> int | float:
    """``15`` or ``2.5`` as the TOML number to write; anything else is an ``InputProblem``."""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number < 0:
        raise InputProblem(f"分数应是不小于 0 的数（如 10 或 2.5），而不是“{text}”")
    return int(number) if number == number.to_integral_value() else float(number)


def _scoring(doc: Document) -> dict[str, object]:
    table = doc.get("scoring")
    return table if isinstance(table, dict) else {}


def _refuse_wrong_rules(doc: Document, recorder: _Recorder) -> None:
    """Refuse changes that would leave ``[scoring]`` unreadable (as loading would say)."""
    from ..issuefile.profile_edits import expected_document
    from ..issuefile.schema import profile_from_document

    _values, problems = profile_from_document(expected_document(doc, recorder.changes))
    for problem in problems:
        if problem.path[:1] == ("scoring",):
            raise InputProblem(f"改后积分规则有误，未改动：{problem.message}", hint=problem.hint)


def _guess(name: str, candidates: list[str]) -> str:
    from ..issuefile.schema import closest

    found = closest(name, candidates, n=1)
    return f"是否应为 {found[0]}？" if found else ""


def set_rule(key: str, value: str | None, *, where: PathLike = ".") -> SettingsChanged:
    """``scoring set``: ``article`` or ``brief`` (points; ``None`` removes ``brief``) or
    ``joint`` (split/full, or 平分/全分)."""
    path = profile_path(where)
    if key not in SETTABLE:
        raise InputProblem(
            f"积分规则没有“{key}”这一项。{_guess(key, list(SETTABLE))}",
            hint="可以设的是 article（每篇分数）、brief（每条简讯分数）、joint（联合稿件 split 或 full）",
        )
    written: object | None
    if value is None:
        if key != "brief":
            raise InputProblem(f"要写 {key} 的值", hint=f"示例：bulletin scoring set {key} 10")
        written, said = None, "简讯分数 brief 已去掉（按 article 计）"
    elif key == "joint":
        joint = JOINT_WORDS.get(value.strip())
        if joint is None:
            raise InputProblem(
                f"joint 写 split（平分）或 full（全分），而不是“{value}”",
                hint="split：联合稿件的分数由各署名单位平分；full：每个署名单位各得全分",
            )
        written, said = joint, f"联合稿件 joint 设为 {joint}"
    else:
        written = points_value(value)
        said = f"{'每篇' if key == 'article' else '每条简讯'}分数 {key} 设为 {written}"

    def plan(doc: Document, recorder: _Recorder) -> None:
        if _scoring(doc).get(key) != written:
            recorder.set("scoring", key, written, said)
        _refuse_wrong_rules(doc, recorder)

    return _apply(path, plan, f"scoring set {key}")


def set_named_points(
    table: str, name: str, value: str | None, *, where: PathLike = "."
) -> SettingsChanged:
    """``scoring section`` / ``scoring kind``: points for one section or issue kind in
    ``sections`` / ``kinds`` of ``[scoring]`` (``None`` removes it). Written where the file
    keeps them: an inline table in ``[scoring]`` (the default) or a ``[scoring.sections]``."""
    path = profile_path(where)
    name = name.strip()
    points = points_value(value) if value is not None else None
    as_table = _written_as_table(path, ("scoring", table))
    what = "栏目" if table == "sections" else "期刊类别"

    def plan(doc: Document, recorder: _Recorder) -> None:
        current = _scoring(doc).get(table)
        named = dict(current) if isinstance(current, dict) else {}
        if points is None:
            if name not in named:
                listed = "、".join(named) or "（还没有）"
                raise InputProblem(
                    f"积分规则中没有{what}“{name}”的分数。{_guess(name, list(named))}",
                    hint=f"已设分数的{what}：{listed}",
                )
        else:
            _require_name(table, name, doc)
        said = f"{what}“{name}”" + (f"每篇 {points} 分" if points is not None else "的分数已去掉")
        if as_table:
            recorder.set(f"scoring.{table}", name, points, said)
        else:
            if points is None:
                named.pop(name)
            else:
                named[name] = points
            recorder.set("scoring", table, named or None, said)
        _refuse_wrong_rules(doc, recorder)

    return _apply(path, plan, f"scoring {table} {name}")


def _require_name(table: str, name: str, doc: Document) -> None:
    if table == "sections":
        catalogue = [*_names(doc, "sections"), *_names(doc, "briefs")]
        if catalogue and name not in catalogue:
            raise InputProblem(
                f"栏目“{name}”不在栏目目录中。{_guess(name, catalogue)}",
                hint=f"先运行 bulletin sections add {name} 把它加进栏目目录",
            )
        return
    kinds = known_kinds(_names(doc, "kinds"))
    if name not in kinds:
        raise InputProblem(
            f"没有“{name}”这一期刊类别。{_guess(name, kinds)}",
            hint=f"可用的类别：{'、'.join(kinds)}；别的类别先加到 bulletin.toml 的 kinds 中",
        )


def set_level_points(
    table: str,
    level: str,
    value: str | None,
    *,
    summary: str | None = None,
    where: PathLike = ".",
) -> SettingsChanged:
    """``scoring adoption`` / ``scoring instruction``: points per adoption above or 批示 at
    ``level`` (``[scoring.adoption]``, ``[scoring.instruction]``); ``summary`` gives an
    adoption as 摘要 other points than in full; ``None`` removes the level."""
    path = profile_path(where)
    level = level.strip()
    if not level:
        raise InputProblem("级别是空的", hint="示例：bulletin scoring adoption 省级 20")
    written: object | None = None
    if value is not None:
        full = points_value(value)
        written = full
        if summary is not None:
            written = {"全文": full, "摘要": points_value(summary)}
    elif summary is not None:
        raise InputProblem(
            "--summary 要和分数一起写", hint="示例：bulletin scoring adoption 省级 20 --summary 10"
        )
    what = "上级采用" if table == "adoption" else "批示"

    def plan(doc: Document, recorder: _Recorder) -> None:
        current = _scoring(doc).get(table)
        levels = current if isinstance(current, dict) else {}
        if written is None and level not in levels:
            listed = "、".join(levels) or "（还没有）"
            raise InputProblem(
                f"积分规则中没有{what}的“{level}”级。{_guess(level, list(levels))}",
                hint=f"已有的级别：{listed}",
            )
        if written is None:
            said = f"{what}的“{level}”级已去掉"
        elif isinstance(written, dict):
            said = f"{what}“{level}”级：全文 {written['全文']} 分，摘要 {written['摘要']} 分"
        else:
            said = f"{what}“{level}”级每次 {written} 分"
        recorder.set(f"scoring.{table}", level, written, said)
        _refuse_wrong_rules(doc, recorder)

    return _apply(path, plan, f"scoring {table} {level}")


def _written_as_table(path: Path, table: tuple[str, ...]) -> bool:
    """Whether the profile writes ``table`` as a table of its own (``[scoring.sections]``)."""
    positions = scan(read_text(path))
    return table in positions.header_paths.values()
